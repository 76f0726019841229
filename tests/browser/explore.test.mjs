// /explore in Chromium: search → role → plan IT Manager → CIO (a route through Senior IT
// Manager drawn) → compare; the shareable URL draws the same routes; back/forward; a
// keyboard-only path through the planner; 390 px wide; page weight; other hosts blocked.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BASE, assertLabelled, assertNoSidewaysScroll, contrastFailures, launch, openPage } from "./harness.mjs";

const FROM = "information-technology-manager";
const TO = "chief-information-officer";
const VIA = "senior-it-manager";
let browser;
let drawn; // the routes the planner drew, as lists of slugs

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The routes drawn in the planner's SVG, one list of role slugs per lane. */
function lanes(page) {
  return page.$$eval("svg.routes g.lane", (gs) => gs.map((g) => [...g.querySelectorAll("a.node")].map((a) => a.dataset.slug)));
}

async function pickOption(page, input, text, option) {
  await input.fill(text);
  const choice = page.getByRole("option", { name: option }).first();
  await choice.waitFor();
  await choice.dispatchEvent("mousedown");
}

test("search → role → plan IT Manager → CIO → compare", async () => {
  const t = await openPage(browser);
  const { page } = t;
  await page.goto(`${BASE}/explore`);
  await page.getByRole("heading", { level: 1, name: "Explore careers in IT" }).waitFor();
  await assertLabelled(page);

  // Search with autocomplete: a title, then pick it.
  const search = page.getByRole("combobox", { name: "Search roles, skills and certifications" });
  await pickOption(page, search, "information technology manag", /^Information Technology Manager role$/);
  await page.getByRole("heading", { level: 1, name: "Information Technology Manager" }).waitFor();
  assert.match(page.url(), /\/explore\?role=information-technology-manager$/);
  await page.getByRole("heading", { name: "Pay", exact: true }).waitFor();
  assert.ok(await page.locator("svg.chart").count() >= 1, "the role view draws charts");
  assert.ok(await page.locator("sup.cite a").count() >= 3, "figures cite their sources");
  await t.shot("1-role");

  // Plan from here to CIO.
  await page.getByRole("link", { name: "Plan a move from here" }).click();
  await page.getByRole("heading", { level: 1, name: "Plan a move" }).waitFor();
  assert.equal(await page.getByRole("combobox", { name: "From (your role)" }).inputValue(), "Information Technology Manager");
  await pickOption(page, page.getByRole("combobox", { name: "To (the role you want)" }), "chief information", /^Chief Information Officer \(CIO\) role$/);
  await page.getByRole("button", { name: "Find routes" }).click();
  await page.locator("svg.routes").waitFor();
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("from"), FROM);
  assert.equal(url.searchParams.get("to"), TO);
  drawn = await lanes(page);
  assert.ok(drawn.length >= 1, "at least one route drawn");
  assert.ok(drawn.some((l) => l.includes(VIA)), `a route through ${VIA}: ${JSON.stringify(drawn)}`);
  for (const lane of drawn) assert.deepEqual([lane[0], lane.at(-1)], [FROM, TO]);
  assert.equal(await page.locator("svg.routes g.lane.best").count(), 1, "the best route is highlighted");
  assert.ok(await page.locator("svg.routes .edge-label").count() >= drawn[0].length - 1, "moves are labelled");
  assert.ok(await page.locator(".route-detail .steps > li").count() >= 1, "steps listed beside the drawing");
  assert.match(await page.locator(".route-detail").innerText(), /Skills to build|Certifications/);
  await assertLabelled(page);
  await t.shot("2-plan");

  // Compare the two roles.
  await page.getByRole("link", { name: "Compare the two roles side by side" }).click();
  await page.getByRole("heading", { level: 1, name: /Information Technology Manager vs Chief Information Officer/ }).waitFor();
  assert.ok(await page.locator("svg.chart").count() >= 2, "compare draws charts");
  await t.shot("3-compare");

  // Back returns to the drawn routes, forward to the comparison.
  await page.goBack();
  await page.locator("svg.routes").waitFor();
  assert.deepEqual(await lanes(page), drawn);
  await page.goForward();
  await page.getByRole("heading", { level: 1, name: /vs/ }).waitFor();
  await page.goBack();
  await page.goBack();
  await page.getByRole("heading", { level: 1, name: "Plan a move" }).waitFor();
  await page.goBack();
  await page.getByRole("heading", { level: 1, name: "Information Technology Manager" }).waitFor();
  t.assertClean();
  await t.context.close();
});

test("the shareable URL opens the planner with the same routes drawn", async () => {
  assert.ok(drawn, "runs after the planner test");
  const t = await openPage(browser);
  await t.page.goto(`${BASE}/explore?from=${FROM}&to=${TO}`);
  await t.page.locator("svg.routes").waitFor();
  assert.deepEqual(await lanes(t.page), drawn);
  await t.shot("4-shared-url");
  t.assertClean();
  await t.context.close();
});

test("keyboard only: plan a route and read another route's steps", async () => {
  const t = await openPage(browser);
  const { page } = t;
  await page.goto(`${BASE}/explore?view=plan`);
  await page.getByRole("heading", { level: 1, name: "Plan a move" }).waitFor();
  const focusedId = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim());
  const tabTo = async (check, what) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(check)) return;
    }
    assert.fail(`Tab never reached ${what} (last: ${await focusedId()})`);
  };
  const isCombo = (name) => `(() => { const el = document.activeElement; return el?.getAttribute("role") === "combobox" && el.labels?.[0]?.textContent === ${JSON.stringify(name)}; })()`;
  const choose = async (text) => {
    await page.keyboard.type(text, { delay: 10 });
    await page.locator("[role=combobox][aria-expanded=true]").waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
  };
  await tabTo(isCombo("From (your role)"), "the From field");
  await choose("information technology manager");
  await tabTo(isCombo("To (the role you want)"), "the To field");
  await choose("chief information officer");
  await tabTo(`document.activeElement?.textContent === "Find routes"`, "Find routes");
  await page.keyboard.press("Enter");
  await page.locator("svg.routes").waitFor();
  assert.equal(new URL(page.url()).searchParams.get("to"), TO);
  assert.ok((await lanes(page)).some((l) => l.includes(VIA)));
  // The routes' nodes are links, and the route buttons switch the steps shown.
  await tabTo(`document.activeElement?.textContent === "Route 2"`, "the Route 2 button");
  await page.keyboard.press("Enter");
  assert.equal(await page.getByRole("button", { name: "Route 2" }).getAttribute("aria-pressed"), "true");
  assert.match(await page.locator(".route-detail h3").innerText(), /Route 2/);
  await t.shot("5-keyboard");
  t.assertClean();
  await t.context.close();
});

test("every view fits a 390 px wide screen, its text at AA contrast", async () => {
  const t = await openPage(browser, { width: 390, height: 844 });
  const { page } = t;
  for (const [path, name] of [
    ["/explore", "home"],
    [`/explore?role=${VIA}`, "role"],
    [`/explore?from=${FROM}&to=${TO}`, "plan"],
    [`/explore?view=compare&a=${FROM}&b=${TO}`, "compare"],
  ]) {
    await page.goto(BASE + path);
    await page.locator("main h1").waitFor();
    await page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") === "false");
    await assertNoSidewaysScroll(page);
    assert.deepEqual(await contrastFailures(page), [], `text below WCAG AA contrast on ${path}`);
    await t.shot(`6-narrow-${name}`);
  }
  t.assertClean();
  await t.context.close();
});

test("the page weighs at most 200 KB before data, and every request stays on the server", async () => {
  const t = await openPage(browser);
  await t.page.goto(`${BASE}/explore?from=${FROM}&to=${TO}`);
  await t.page.locator("svg.routes").waitFor();
  await t.page.waitForLoadState("networkidle");
  console.log(`page weight: ${t.bytes.assets} bytes of files, ${t.bytes.data} bytes of data`);
  assert.ok(t.bytes.assets > 10_000 && t.bytes.assets <= 200 * 1024, `${t.bytes.assets} bytes`);
  t.assertClean();
  await t.context.close();
});

test("via and avoid in the URL shape the routes drawn and show in the form", async () => {
  const t = await openPage(browser);
  const { page } = t;
  await page.goto(`${BASE}/explore?from=${FROM}&to=${TO}&via=it-director&n=5`);
  await page.locator("svg.routes").waitFor();
  const through = await lanes(page);
  assert.ok(through.length >= 1 && through.every((l) => l.includes("it-director")), JSON.stringify(through));
  assert.match(await page.locator(".picks .chips").first().innerText(), /IT Director/);
  await page.goto(`${BASE}/explore?from=${FROM}&to=${TO}&avoid=${VIA}&related=1`);
  await page.locator("main h1").waitFor();
  await page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") === "false");
  const avoiding = await lanes(page);
  assert.ok(avoiding.every((l) => !l.includes(VIA)), JSON.stringify(avoiding));
  assert.equal(await page.getByLabel(/Also follow related-role links/).isChecked(), true);
  t.assertClean();
  await t.context.close();
});
