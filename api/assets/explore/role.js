// Role view: pay (range with percentiles, by region, by state and metro area), outlook,
// experience, education, skills with their weights, certifications, duties, moves in and out;
// and the small skill and certification views search leads to.
import { run } from "./api.js";
import { bars, neighbourhood, payRange, scroller } from "./charts.js";
import { Footnotes, chance, empty, facts, h, hourly, kilo, known, link, money, num, payChange, pct, range, section, words, years } from "./dom.js";

/** An area wage's median yearly pay, and the area's name. */
const areaMedian = (w) => w.annual.median;
const areaName = (w) => w.area.name;

/** Keeps the first of each key (the API lists heaviest / most likely first). */
function firstOf(list, key) {
  const seen = new Set();
  return list.filter((x) => (seen.has(key(x)) ? false : seen.add(key(x))));
}

function skillWeight(rs, maxRank) {
  if (known(rs.sharePct)) return { value: rs.sharePct, max: 100, display: pct(rs.sharePct), what: "share of postings or resumes" };
  if (known(rs.importance)) return { value: rs.importance, max: 5, display: `${num(rs.importance)} / 5${known(rs.level) ? ` · level ${num(rs.level)}` : ""}`, what: "O*NET importance (1–5)" };
  if (known(rs.level)) return { value: rs.level, max: 7, display: `level ${num(rs.level)} / 7`, what: "O*NET level (0–7)" };
  if (known(rs.rank)) return { value: maxRank + 1 - rs.rank, max: maxRank, display: `#${rs.rank}`, what: "position in the source's top-skills list" };
  return null;
}

function paySection(role, notes) {
  const p = role.pay;
  const pc = p.percentiles || {};
  const chart = payRange({
    p10: pc.p10, p25: pc.p25, p50: pc.p50 ?? p.medianSalary, p75: pc.p75, p90: pc.p90,
    low: p.salaryRange?.low, high: p.salaryRange?.high,
    marks: [{ label: "Average", value: p.averageSalary }],
    title: role.title,
  });
  const src = p.sources;
  return section("pay-h", "Pay",
    chart ? h("figure", {}, chart, h("figcaption", {}, "Yearly pay: ", known(pc.p10) ? "10th–90th percentile (bar), 25th–75th (box), median (line)" : "typical range", known(p.averageSalary) ? "; ▲ average" : "", notes.cite(src))) : null,
    facts(notes, [
      ["Average salary", known(p.averageSalary) ? money(p.averageSalary) : null, src],
      ["Median salary", known(p.medianSalary) ? money(p.medianSalary) : null, src],
      ["Salary range", p.salaryRange ? `${money(p.salaryRange.low)}–${money(p.salaryRange.high)}` : null, src],
      ["Hourly rate", known(p.hourlyRate) ? hourly(p.hourlyRate) : null, src],
      ["Hourly median", known(p.hourlyMedian) ? hourly(p.hourlyMedian) : null, src],
      ["Best-paying state", p.highestPayingState, src],
      ["Best-paying city", p.highestPayingCity, src],
      ["Best-paying company", p.bestPayingCompany, src],
      ["Best-paying industry", p.bestPayingIndustry, src],
    ]),
    p.note ? h("p", { class: "muted" }, p.note, notes.cite(src)) : null,
    p.basis === "OCCUPATION_BENCHMARK" ? h("p", { class: "muted" }, "These are the figures for the role's whole occupation (no source states this role's own pay).") : null,
    p.basis === "ROLE" && role.payBenchmark ? h("p", { class: "muted" }, "Occupation benchmark, for comparison (not this role's own figure): ",
      [known(role.payBenchmark.averageSalary) ? `average ${money(role.payBenchmark.averageSalary)}` : null, known(role.payBenchmark.medianSalary) ? `median ${money(role.payBenchmark.medianSalary)}` : null].filter(Boolean).join(", "),
      notes.cite(role.payBenchmark.sources)) : null,
    !chart && !src.length ? empty("No pay figures for this role yet.") : null);
}

/** A range bar of one area wage, with the footnotes saying why a figure is missing. */
function areaWageFigure(w, notes, title) {
  const a = w.annual;
  const chart = payRange({ p10: a.p10, p25: a.p25, p50: a.median, p75: a.p75, p90: a.p90, marks: [{ label: "Mean", value: a.mean }], title });
  return chart ? h("figure", {}, chart, h("figcaption", {}, title, notes.cite(w.source),
    w.footnotes.map((n) => h("div", { class: "muted" }, `${n.field}: ${n.text}`)))) : null;
}

/** "Pay in <place>": looks up `wages(area:)` for a place typed by the reader. */
function areaLookup(role, notes) {
  const id = "area-input";
  const out = h("div", { role: "status", "aria-live": "polite" });
  const input = h("input", { id, type: "text", placeholder: "e.g. CA, Texas or San Jose-Sunnyvale-Santa Clara, CA", list: "area-options", autocomplete: "off" });
  const options = h("datalist", { id: "area-options" });
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2) return;
      try {
        const { areas } = await run("ExploreAreas", { q });
        options.replaceChildren(...areas.map((a) => h("option", { value: a.name })));
      } catch { /* suggestions are optional */ }
    }, 150);
  });
  const form = h("form", { class: "inline", onsubmit: async (ev) => {
    ev.preventDefault();
    const area = input.value.trim();
    if (!area) return;
    out.replaceChildren(h("p", { class: "muted" }, "Looking up…"));
    try {
      const { role: r } = await run("ExploreAreaWage", { slug: role.slug, area });
      out.replaceChildren(r.wages ? areaWageFigure(r.wages, notes, `${areaName(r.wages)}: yearly pay`) ?? empty("No yearly figures there.") : empty(`No estimate for ${area}.`));
    } catch (err) {
      out.replaceChildren(h("p", { class: "error" }, err.message));
    }
  } }, h("label", { for: id }, "Pay in a state or metro area"), input, options, h("button", { type: "submit" }, "Show"));
  return [form, out];
}

function areaSection(role, notes) {
  const groups = [["By state", role.byState], ["By metro area", role.byMetro]].filter(([, l]) => l.length);
  const national = role.nationalWages ? areaWageFigure(role.nationalWages, notes, `${areaName(role.nationalWages)}: yearly pay`) : null;
  return section("area-h", "Pay where people live",
    national,
    areaLookup(role, notes),
    groups.map(([title, list]) => {
      const rows = list.filter((w) => known(areaMedian(w))).map((w) => ({
        label: areaName(w), value: areaMedian(w), display: kilo(areaMedian(w)),
        tip: `${areaName(w)}: median ${money(areaMedian(w))} — ${notes.label(w.source)}`,
      }));
      const sources = firstOf(list.map((w) => w.source), (x) => x.key);
      return h("figure", {}, bars(rows, { label: `${title}: median yearly pay` }), h("figcaption", {}, `${title}: median yearly pay, best paid first`, notes.cite(sources)));
    }));
}

function skillsSection(role, notes) {
  const skills = firstOf(role.skills, (rs) => rs.skill.slug);
  const maxRank = Math.max(0, ...skills.map((rs) => rs.rank ?? 0));
  const weighted = skills.map((rs) => ({ rs, w: skillWeight(rs, maxRank) }));
  const rows = weighted.filter((x) => x.w).slice(0, 15).map(({ rs, w }) => ({
    label: rs.skill.name, value: w.value, max: w.max, display: w.display, href: `/explore?skill=${rs.skill.slug}`,
    tip: `${rs.skill.name}: ${w.display} (${w.what}) — ${notes.label(rs.source)}`,
  }));
  const unweighted = weighted.filter((x) => !x.w);
  const sources = firstOf(skills.map((rs) => rs.source), (x) => x.key);
  return section("skills-h", "Skills",
    rows.length ? h("figure", {}, bars(rows, { label: `Skills of ${role.title} by weight` }), h("figcaption", {}, "Weight: share of postings (%), O*NET importance (of 5) or the source's ranking; hover a bar for its source", notes.cite(sources))) : null,
    unweighted.length ? h("ul", { class: "chips" }, unweighted.map(({ rs }) => h("li", {}, link({ skill: rs.skill.slug }, rs.skill.name), notes.cite(rs.source)))) : null,
    skills.length ? null : empty("No skills listed."));
}

function movesList(moves, dir, notes) {
  return h("ul", { class: "moves" }, moves.map((m) => {
    const other = dir === "next" ? m.to : m.from;
    return h("li", {},
      link({ role: other.slug }, other.title), " ",
      h("span", { class: `kind kind-${m.kind.toLowerCase()}` }, words(m.kind)),
      known(m.typicalYears) ? ` · after ${years(m.typicalYears)}` : "",
      known(m.likelihood) ? ` · likelihood ${chance(m.likelihood)}` : "", known(m.likelihood) && m.assessedBy ? notes.cite(m.assessedBy) : null,
      m.salaryChange ? ` · ${payChange(m.salaryChange)}` : "",
      m.derived ? " · inferred" : "",
      notes.cite(m.source),
      m.description ? h("div", { class: "muted" }, m.description) : null);
  }));
}

function statementsSection(role, notes) {
  const list = role.statements;
  if (!list.length) return null;
  return section("statements-h", "What the sources say",
    h("ul", { class: "statements" }, list.slice(0, 40).map((st) => h("li", {},
      st.question ? h("strong", {}, st.question, " ") : null,
      st.text, h("span", { class: "kind" }, " ", words(st.kind)),
      notes.cite(st.source)))));
}

function similarSection(role) {
  const list = role.similarRoles;
  if (!list.length) return null;
  return section("similar-h", "Similar roles (by skills)",
    h("ul", { class: "moves" }, list.map((x) => h("li", {}, link({ role: x.role.slug }, x.role.title), ` · similarity ${num(x.similarity)}`))));
}

export async function roleView(params) {
  const { role } = await run("ExploreRole", { slug: params.get("role") });
  const notes = new Footnotes();
  const next = firstOf(role.nextMoves.filter((m) => m.kind !== "RELATED"), (m) => m.to.slug).slice(0, 8);
  const prev = firstOf(role.previousMoves.filter((m) => m.kind !== "RELATED"), (m) => m.from.slug).slice(0, 8);
  const o = role.outlook;
  const x = role.experience;
  const e = role.education;
  const badges = [role.track && `track: ${role.track}`, known(role.seniority) && `seniority ${role.seniority} of 8`,
    role.onetCode && `O*NET ${role.onetCode}`, known(role.jobZone) && `job zone ${role.jobZone}`].filter(Boolean);
  const regional = role.regionalWages.map((w) => ({ label: w.region, value: w.medianSalary, display: kilo(w.medianSalary), tip: `${w.region}: ${money(w.medianSalary)} — ${notes.label(w.source)}` }));

  const body = [
    h("h1", {}, role.title),
    h("p", { class: "badges" }, badges.map((b) => h("span", { class: "badge" }, b)), role.classifiedBy && (role.track || known(role.seniority)) ? notes.cite(role.classifiedBy) : null),
    role.summary ? h("p", { class: "lead" }, role.summary) : null,
    role.alternateTitles.length ? h("p", { class: "muted" }, "Also called: ", role.alternateTitles.map((a) => a.title).join(", ")) : null,
    h("p", { class: "actions" },
      link({ view: "plan", from: role.slug }, "Plan a move from here"), " ",
      link({ view: "plan", to: role.slug }, "Plan a move to here"), " ",
      link({ view: "compare", a: role.slug }, "Compare with another role")),
    h("div", { class: "grid" },
      paySection(role, notes),
      areaSection(role, notes),
      regional.length ? section("regional-h", "Best-paying regions", h("figure", {}, bars(regional, { label: "Median pay in the best-paying regions" }), h("figcaption", {}, "Median yearly pay", notes.cite(firstOf(role.regionalWages.map((w) => w.source), (s) => s.key))))) : null,
      section("outlook-h", "Outlook", facts(notes, [
        ["Projected growth", known(o.growthRatePct) ? pct(o.growthRatePct) : null, o.sources],
        ["Outlook", o.growthOutlook, o.sources],
        ["Jobs", known(o.jobs) ? num(o.jobs) : null, o.sources],
        ["Job satisfaction", known(o.jobSatisfaction) ? `${num(o.jobSatisfaction)} / 5` : null, o.sources],
        ["Effect of AI", o.aiImpact, o.sources],
      ]) ?? empty("No outlook figures.")),
      section("experience-h", "Experience and education",
        facts(notes, [
          ["Experience", range(x.years, years), x.sources],
          ["Management experience", range(x.managementYears, years), x.sources],
          ["Years to become one", range(x.yearsToBecome, years), x.sources],
          ["Direct reports", range(x.directReports), x.sources],
          ["Budget owned", range(x.budget, money), x.sources],
          ["Licences", x.licenses, x.sources],
          ["Most common degree", e.degree ? `${e.degree}${known(e.degreeSharePct) ? ` (${pct(e.degreeSharePct)})` : ""}` : null, e.sources],
          ["Most common major", e.major, e.sources],
          ["Most common college", e.college, e.sources],
        ]),
        e.degrees.length ? h("ul", {}, e.degrees.map((d) => h("li", {}, `${words(d.requirement)}: ${d.level}`,
          d.statements.map((r) => h("span", { class: "statement" }, d.statements.length > 1 ? ` · ${words(r.requirement)}` : "", r.fields ? ` in ${r.fields}` : "", r.note ? ` — ${r.note}` : "", notes.cite(r.source)))))) : null),
      skillsSection(role, notes),
      section("certs-h", "Certifications",
        role.certificationItems.length ? h("ul", {}, role.certificationItems.map((c) =>
          h("li", {}, link({ cert: c.certification.slug }, c.certification.acronym || c.certification.name), " ",
            h("span", { class: "kind" }, words(c.relevance)),
            c.statements.map((st) => h("span", { class: "statement" }, c.statements.length > 1 ? ` · ${words(st.relevance)}` : "", st.note ? ` — ${st.note}` : "", notes.cite(st.source)))))) : empty("None listed."))),
    section("moves-h", "Where people come from and go next",
      next.length || prev.length ? scroller(`Moves into and out of ${role.title}`, neighbourhood(role, prev, next)) : null,
      h("div", { class: "grid" },
        h("div", {}, h("h3", {}, "Feeder roles"), prev.length ? movesList(prev, "prev", notes) : empty("None recorded.")),
        h("div", {}, h("h3", {}, "Next moves"), next.length ? movesList(next, "next", notes) : empty("None recorded.")))),
    similarSection(role),
    statementsSection(role, notes),
    section("duties-h", "Duties", role.duties.length ? h("ol", { class: "duties" }, role.duties.map((d) => h("li", {}, d.title ? h("strong", {}, d.title, ": ") : null, d.description, notes.cite(d.source)))) : null),
  ];
  body.push(notes.section());
  return { title: role.title, body };
}

export async function skillView(params) {
  const { skill } = await run("ExploreSkill", { slug: params.get("skill") });
  const notes = new Footnotes();
  const roles = firstOf(skill.roles, (r) => r.role.slug);
  const rows = roles.map((r) => ({ r, w: skillWeight(r, 10) })).filter((x) => x.w && x.w.what !== "position in the source's top-skills list")
    .sort((a, b) => b.w.value / b.w.max - a.w.value / a.w.max).slice(0, 20)
    .map(({ r, w }) => ({ label: r.role.title, value: w.value / w.max, display: w.display, href: `/explore?role=${r.role.slug}`, tip: `${w.what} — ${notes.label(r.source)}` }));
  return {
    title: skill.name,
    body: [h("h1", {}, skill.name), h("p", { class: "badges" }, h("span", { class: "badge" }, skill.category)),
      section("skill-roles-h", `Roles that need ${skill.name}`,
        rows.length ? h("figure", {}, bars(rows, { max: 1 }), h("figcaption", {}, "Weight relative to each source's scale")) : null,
        h("ul", { class: "chips" }, roles.map((r) => h("li", {}, link({ role: r.role.slug }, r.role.title), notes.cite(r.source))))),
      notes.section()],
  };
}

export async function certView(params) {
  const { certification: c } = await run("ExploreCert", { slug: params.get("cert") });
  const notes = new Footnotes();
  return {
    title: c.name,
    body: [h("h1", {}, c.name, c.acronym ? ` (${c.acronym})` : ""), c.issuer ? h("p", { class: "muted" }, `Awarded by ${c.issuer}`, c.issuerSource ? notes.cite(c.issuerSource) : null) : null,
      section("cert-roles-h", "Roles that value it",
        h("ul", {}, c.roles.map((r) => h("li", {}, link({ role: r.role.slug }, r.role.title), " ", h("span", { class: "kind" }, words(r.relevance)), r.note ? ` — ${r.note}` : "", notes.cite(r.source))))),
      notes.section()],
  };
}
