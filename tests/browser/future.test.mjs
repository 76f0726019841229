// The explorer against a schema with the fields other branches add (area wages, matching,
// similar roles, statements), simulated in the browser: the introspection answer is the real
// one plus those fields (shapes as the issues name them), and queries that use them get
// canned answers. Shows the page lights these features up when they exist; the tests against
// the real schema (explore.test.mjs) show it works without them.
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

const named = (kind, name) => ({ kind, name, ofType: null });
const list = (t) => ({ kind: "LIST", name: null, ofType: t });
const nonNull = (t) => ({ kind: "NON_NULL", name: null, ofType: t });
const scalar = (name) => named("SCALAR", name);
const object = (name) => named("OBJECT", name);
const field = (name, type, args = []) => ({ name, type, args: args.map(([n, t, d = null]) => ({ name: n, type: t, defaultValue: d })) });
const type = (name, fields, kind = "OBJECT") => ({ name, kind, fields, enumValues: null });

const ADDED_TYPES = [
  type("Area", [field("code", nonNull(scalar("String"))), field("name", nonNull(scalar("String"))), field("type", nonNull(named("ENUM", "AreaType")))]),
  { name: "AreaType", kind: "ENUM", fields: null, enumValues: [{ name: "NATION" }, { name: "STATE" }, { name: "METRO" }] },
  type("AreaWage", [
    field("area", nonNull(object("Area"))), field("employment", scalar("Int")), field("annualMean", scalar("Int")),
    ...["P10", "P25", "Median", "P75", "P90"].map((p) => field(`annual${p}`, scalar("Int"))),
    field("footnotes", nonNull(list(nonNull(scalar("String"))))), field("source", nonNull(object("Source"))),
  ]),
  type("RoleMatch", [field("rank", nonNull(scalar("Int"))), field("role", nonNull(object("Role"))), field("score", nonNull(scalar("Float"))), field("summary", nonNull(scalar("String")))]),
  type("SkillToLearn", [field("skill", nonNull(object("Skill"))), field("rolesUnlocked", nonNull(scalar("Int"))), field("payUpside", scalar("Int"))]),
  type("SimilarRole", [field("role", nonNull(object("Role"))), field("similarity", nonNull(scalar("Float")))]),
  type("RoleStatement", [field("kind", nonNull(scalar("String"))), field("text", nonNull(scalar("String"))), field("question", scalar("String")), field("source", nonNull(object("Source")))]),
  { name: "ProfileInput", kind: "INPUT_OBJECT", fields: null, enumValues: null },
];
const QUERY_FIELDS = [
  field("matchRoles", nonNull(list(nonNull(object("RoleMatch")))), [["profile", nonNull(named("INPUT_OBJECT", "ProfileInput"))], ["first", scalar("Int"), "10"]]),
  field("learnNext", nonNull(list(nonNull(object("SkillToLearn")))), [["profile", nonNull(named("INPUT_OBJECT", "ProfileInput"))], ["goal", scalar("String")], ["first", scalar("Int"), "10"]]),
  field("areas", nonNull(list(nonNull(object("Area")))), [["search", scalar("String")], ["type", named("ENUM", "AreaType")], ["first", scalar("Int")]]),
];
const ROLE_FIELDS = [
  field("wages", object("AreaWage"), [["area", scalar("String")]]),
  field("wagesByArea", nonNull(list(nonNull(object("AreaWage")))), [["type", named("ENUM", "AreaType"), "STATE"], ["first", scalar("Int"), "10"]]),
  field("similarRoles", nonNull(list(nonNull(object("SimilarRole")))), [["first", scalar("Int")], ["minSimilarity", scalar("Float")]]),
  field("statements", nonNull(list(nonNull(object("RoleStatement"))))),
];

const BLS = { key: "bls-oews-2025", title: "BLS OEWS May 2025", kind: "DATASET", publisher: "BLS", url: null, attribution: null };
const wage = (code, name, median) => ({
  area: { code, name, type: "STATE" }, employment: 1000, annualMean: median + 5000,
  annualP10: median - 50000, annualP25: median - 25000, annualMedian: median, annualP75: median + 25000, annualP90: median + 50000,
  footnotes: [], source: BLS,
});

async function simulateNewSchema(page) {
  const seen = [];
  await page.route("**/graphql", async (route) => {
    const body = route.request().postDataJSON();
    const query = body?.query || "";
    const name = query.match(/query (\w+)/)?.[1];
    seen.push(name);
    if (name === "ExplorerSchema") {
      const real = await (await route.fetch()).json();
      const types = real.data.__schema.types;
      types.find((t) => t.name === "Query").fields.push(...QUERY_FIELDS);
      types.find((t) => t.name === "Role").fields.push(...ROLE_FIELDS);
      types.push(...ADDED_TYPES);
      return route.fulfill({ json: real });
    }
    if (name === "ExploreRole") {
      // The real server lacks the new fields: ask it without them, then add canned values.
      const without = query.split("\n").filter((l) => !/^\s*(byState|byMetro|nationalWages|statements|similarRoles)/.test(l)).join("\n");
      const real = await (await route.fetch({ postData: JSON.stringify({ ...body, query: without }) })).json();
      Object.assign(real.data.role, {
        byState: [wage("06", "California", 180000), wage("36", "New York", 170000)],
        byMetro: [wage("41940", "San Jose-Sunnyvale-Santa Clara, CA", 210000)],
        nationalWages: wage("0000000", "U.S.", 150000),
        statements: [{ kind: "FAQ", text: "Usually five to seven years.", question: "How long does it take?", source: BLS }],
        similarRoles: [{ role: { slug: "it-director", title: "IT Director" }, similarity: 0.82 }],
      });
      return route.fulfill({ json: real });
    }
    if (name === "ExploreAreas") return route.fulfill({ json: { data: { areas: [{ code: "06", name: "California", type: "STATE" }] } } });
    if (name === "ExploreAreaWage") return route.fulfill({ json: { data: { role: { wages: wage("06", "California", 180000) } } } });
    if (name === "ExploreFit") {
      return route.fulfill({ json: { data: {
        matchRoles: [
          { rank: 1, role: { slug: "senior-it-manager", title: "Senior IT Manager" }, score: 0.91, summary: "Covers most of what the role needs." },
          { rank: 2, role: { slug: "it-director", title: "IT Director" }, score: 0.64, summary: "Lacks budget management." },
        ],
        learnNext: [{ skill: { slug: "budget-management", name: "IT Budget Management" }, rolesUnlocked: 3, payUpside: 12000 }],
      } } });
    }
    return route.continue();
  });
  return seen;
}

test("with area wages, similar roles and statements in the schema, the role view shows them", async () => {
  const t = await openPage(browser);
  const { page } = t;
  await simulateNewSchema(page);
  await page.goto(`${BASE}/explore?role=senior-it-manager`);
  await page.getByRole("heading", { name: "Pay where people live" }).waitFor();
  const area = page.locator("section", { has: page.getByRole("heading", { name: "Pay where people live" }) });
  assert.match(await area.innerText(), /By state/);
  assert.ok(await area.locator("svg.chart text", { hasText: "California" }).count() >= 1, "states drawn");
  assert.ok(await area.locator("svg.chart text", { hasText: "San Jose" }).count() >= 1, "metros drawn");
  await page.getByRole("heading", { name: "Similar roles (by skills)" }).waitFor();
  await page.getByRole("heading", { name: "What the sources say" }).waitFor();
  assert.match(await page.locator(".footnotes").innerText(), /BLS OEWS May 2025/);
  // Pay in a place, through Role.wages(area:).
  await page.getByLabel("Pay in a state or metro area").fill("CA");
  await page.getByRole("button", { name: "Show" }).click();
  await area.locator("figcaption", { hasText: "California: yearly pay" }).waitFor();
  await t.shot("8-future-role");
  t.assertClean();
  await t.context.close();
});

test("with matchRoles and learnNext in the schema, Fit me is offered and shows fits", async () => {
  const t = await openPage(browser);
  const { page } = t;
  const seen = await simulateNewSchema(page);
  await page.goto(`${BASE}/explore`);
  await page.locator("#nav-fit").waitFor({ state: "visible" });
  await page.getByRole("link", { name: "Fit me" }).click();
  await page.getByRole("heading", { level: 1, name: "Roles that fit me" }).waitFor();
  const adder = page.getByRole("combobox", { name: "Add a skill" });
  await adder.fill("budget");
  const option = page.getByRole("option").first();
  await option.waitFor();
  await option.dispatchEvent("mousedown");
  await page.getByLabel("level (0–7)").first().fill("4");
  await page.getByRole("button", { name: "Find roles" }).click();
  await page.getByRole("heading", { name: "Roles that fit", exact: true }).waitFor();
  assert.match(page.url(), /view=fit&skills=[a-z-]+%3A4/);
  assert.ok(await page.locator("svg.chart text", { hasText: "Senior IT Manager" }).count() >= 1);
  assert.match(await page.locator("main").innerText(), /IT Budget Management/);
  assert.ok(seen.includes("ExploreFit"));
  await t.shot("9-future-fit");
  t.assertClean();
  await t.context.close();
});
