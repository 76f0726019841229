// /graphiql in Chromium with every other host blocked: it loads from the server alone, offers
// the README's examples, runs one and shows its result.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, openPage } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("GraphiQL loads offline, runs a README example and shows its result", async () => {
  const t = await openPage(browser);
  const { page } = t;
  await page.goto(`${BASE}/graphiql`);
  await page.locator(".graphiql-container").waitFor();
  // The README's examples are GraphiQL's tabs and links above it.
  for (const name of ["RolePay", "RoleMoves", "Browse", "Search", "PlanMove"]) {
    await page.locator(".graphiql-tab", { hasText: name }).first().waitFor();
  }
  await page.getByRole("link", { name: "Search", exact: true }).click();
  assert.match(page.url(), /\/graphiql\?example=search$/);
  await page.locator(".graphiql-tab-active", { hasText: "Search" }).waitFor();
  await page.locator(".graphiql-execute-button").click();
  const result = page.locator(".result-window");
  await result.getByText("matchedText").first().waitFor();
  assert.match(await result.innerText(), /"search"/);
  await t.shot("7-graphiql");
  t.assertClean();
  await t.context.close();
});
