// The explorer's data views against the real server (curated dataset plus the O*NET and BLS
// by-area fixtures, see run.sh): pay by state, metro area and nationally on the role page, pay
// in a place typed in, similar roles and the sources' statements, and Fit me. run.sh runs
// every browser test twice, with introspection on and with INTROSPECTION=false: the page's
// queries are fixed documents, so each view must draw real figures in both runs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BASE, INTROSPECTION, launch, openPage } from "./harness.mjs";

const ROLE = "information-technology-manager";
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A dollar figure as the charts print it ("$140k") or as text ("$140,000"). */
const DOLLARS = /\$\d[\d,]*k?/;

test(`the server answers introspection ${INTROSPECTION ? "(introspection on)" : "with nothing (INTROSPECTION=false)"}`, async () => {
  const t = await openPage(browser);
  await t.page.goto(`${BASE}/explore`);
  const name = await t.page.evaluate(async () => {
    const r = await fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __schema { queryType { name } } }" }) });
    return (await r.json()).data?.__schema?.queryType?.name ?? null;
  });
  assert.equal(name, INTROSPECTION ? "Query" : null);
  await t.context.close();
});

test("the role page draws pay by state, by metro area and nationally, and pay in a place typed in", async () => {
  const t = await openPage(browser);
  const { page } = t;
  await page.goto(`${BASE}/explore?role=${ROLE}`);
  const heading = page.getByRole("heading", { name: "Pay where people live" });
  await heading.waitFor();
  const area = page.locator("section", { has: heading });
  const text = await area.innerText();
  assert.match(text, /By state: median yearly pay/);
  assert.match(text, /By metro area: median yearly pay/);
  assert.match(text, /(U\.S\.|National): yearly pay/, "the national figure is drawn");
  // Real figures: the states' bars carry their medians, in dollars.
  const states = area.locator("figure", { hasText: "By state" });
  assert.ok(await states.locator("svg.chart text", { hasText: "California" }).count() >= 1, "California drawn");
  const values = await states.locator("svg.chart text.bar-value").allTextContents();
  assert.ok(values.length >= 2 && values.every((v) => DOLLARS.test(v)), `state medians: ${JSON.stringify(values)}`);
  assert.match(await page.locator(".footnotes").innerText(), /bls-oews-2025/);
  // Pay in a place, through Role.wages(area:).
  await page.getByLabel("Pay in a state or metro area").fill("TX");
  await page.getByRole("button", { name: "Show" }).click();
  const texas = area.locator("figure", { has: page.locator("figcaption", { hasText: "Texas: yearly pay" }) });
  await texas.waitFor();
  assert.match(await texas.locator("svg.chart").getAttribute("aria-label"), /median \$\d/);
  // Similar roles (by skills) and what the sources say.
  await page.getByRole("heading", { name: "Similar roles (by skills)" }).waitFor();
  assert.match(await page.locator("section", { has: page.getByRole("heading", { name: "Similar roles (by skills)" }) }).innerText(), /similarity \d/);
  await page.getByRole("heading", { name: "What the sources say" }).waitFor();
  await t.shot(`8-role-areas-${INTROSPECTION ? "on" : "off"}`);
  t.assertClean();
  await t.context.close();
});

test("Fit me is offered and shows the roles that fit, with scores, and what to learn next", async () => {
  const t = await openPage(browser);
  const { page } = t;
  await page.goto(`${BASE}/explore`);
  await page.locator("#nav-fit").waitFor({ state: "visible" });
  await page.getByRole("link", { name: "Fit me" }).click();
  await page.getByRole("heading", { level: 1, name: "Roles that fit me" }).waitFor();
  const adder = page.getByRole("combobox", { name: "Add a skill" });
  await adder.fill("budget manag");
  const option = page.getByRole("option").first();
  await option.waitFor();
  await option.dispatchEvent("mousedown");
  await page.getByLabel("level (0–7)").first().fill("4");
  await page.getByRole("button", { name: "Find roles" }).click();
  const fits = page.getByRole("heading", { name: "Roles that fit", exact: true });
  await fits.waitFor();
  assert.match(page.url(), /view=fit&skills=budget-management%3A4/);
  const section = page.locator("section", { has: fits });
  const titles = await section.locator("svg.chart text.bar-label").allTextContents();
  assert.ok(titles.length >= 1, "roles that fit are drawn");
  const scores = (await section.locator("svg.chart text.bar-value").allTextContents()).map(Number);
  // Scores from 0 to 1 (one decimal), best first; the best fit shares a skill, so it is above 0.
  assert.ok(scores.length === titles.length && scores.every((s, i) => s >= 0 && s <= 1 && (i === 0 || s <= scores[i - 1])) && scores[0] > 0,
    `scores: ${JSON.stringify(scores)}`);
  const learn = page.locator("section", { has: page.getByRole("heading", { name: "What to learn next" }) });
  const items = await learn.locator("li").allInnerTexts();
  assert.ok(items.length >= 1 && items.every((i) => /opens \d+ roles?/.test(i)), `learn next: ${JSON.stringify(items)}`);
  await t.shot(`9-fit-${INTROSPECTION ? "on" : "off"}`);
  t.assertClean();
  await t.context.close();
});
