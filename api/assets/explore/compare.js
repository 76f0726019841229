// Compare two roles side by side: pay ranges on one scale, figures as paired bars, skills as
// a butterfly chart, certifications in common and apart.
import { run } from "./api.js";
import { butterfly, pairedBars, payRange } from "./charts.js";
import { Footnotes, empty, h, kilo, known, link, money, num, pct, section, url } from "./dom.js";
import { combobox } from "./search.js";

/** A skill weight on a 0–1 scale and how it reads. */
function weight(w) {
  if (!w) return null;
  if (known(w.sharePct)) return { v: w.sharePct / 100, text: pct(w.sharePct) };
  if (known(w.importance)) return { v: w.importance / 5, text: `${num(w.importance)} / 5` };
  if (known(w.level)) return { v: w.level / 7, text: `level ${num(w.level)}` };
  if (known(w.rank)) return { v: 1 / w.rank, text: `#${w.rank}` };
  return { v: 0.5, text: "listed" };
}

function certList(list) {
  return list.length ? h("ul", { class: "chips" }, list.map((c) => h("li", {}, link({ cert: c.slug }, c.acronym || c.name)))) : empty("None.");
}

function skillList(list, side) {
  return list.length ? h("ul", { class: "chips" }, list.map((s) => h("li", {}, link({ skill: s.skill.slug }, s.skill.name), s[side] && weight(s[side]).text !== "listed" ? ` (${weight(s[side]).text})` : ""))) : empty("None.");
}

export async function compareView(params, { navigate }) {
  const a = params.get("a") || "";
  const b = params.get("b") || "";
  const boxA = combobox({ label: "First role", name: "a", kinds: ["ROLE"], value: a, text: a, placeholder: "e.g. IT Manager" });
  const boxB = combobox({ label: "Second role", name: "b", kinds: ["ROLE"], value: b, text: b, placeholder: "e.g. IT Director" });
  const problem = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "planner", "aria-label": "Roles to compare", onsubmit: (e) => {
    e.preventDefault();
    if (!boxA.slug || !boxB.slug) {
      problem.textContent = "Pick two roles from the suggestions.";
      return;
    }
    navigate(url({ view: "compare", a: boxA.slug, b: boxB.slug }));
  } }, h("div", { class: "row" }, boxA.el, boxB.el), problem, h("button", { type: "submit", class: "primary" }, "Compare"));
  if (!a || !b) return { title: "Compare roles", body: [h("h1", {}, "Compare two roles"), form, empty("Pick two roles.")] };

  const { compareRoles: c } = await run("ExploreCompare", { a, b });
  boxA.set(c.a.slug, c.a.title);
  boxB.set(c.b.slug, c.b.title);
  const notes = new Footnotes();
  const names = [c.a.title, c.b.title];
  const legend = h("p", { class: "legend" }, h("span", { class: "swatch a" }), ` ${c.a.title}  `, h("span", { class: "swatch b" }), ` ${c.b.title}`);
  const cite = (part) => notes.cite([...c.a[part].sources, ...c.b[part].sources.filter((s) => !c.a[part].sources.some((t) => t.key === s.key))]);

  // Both pay ranges on one scale: the scale comes from all figures of both roles.
  const payOf = (r) => ({ ...(r.pay.percentiles || {}), low: r.pay.salaryRange?.low, high: r.pay.salaryRange?.high, avg: r.pay.averageSalary });
  const pa = payOf(c.a);
  const pb = payOf(c.b);
  const all = [pa, pb].flatMap((p) => [p.p10, p.p90, p.low, p.high, p.avg]).filter(known);
  const rangeFig = (r, p) => payRange({ ...p, p50: p.p50 ?? r.pay.medianSalary, marks: [{ label: "Average", value: p.avg }], scale: all, title: r.title });

  const shared = c.sharedSkills.slice(0, 15).map((s) => {
    const wa = weight(s.a);
    const wb = weight(s.b);
    return { label: s.skill.name, a: wa?.v, b: wb?.v, display: (v) => (v === wa?.v ? wa?.text : wb?.text) ?? "—" };
  });

  const body = [
    h("h1", {}, `${c.a.title} vs ${c.b.title}`),
    form,
    legend,
    h("div", { class: "compare-cols" },
      [c.a, c.b].map((r, i) => h("div", { class: `side side-${i ? "b" : "a"}` },
        h("h2", {}, link({ role: r.slug }, r.title)),
        (all.length >= 2 && rangeFig(r, i ? pb : pa)) || empty("No pay range."),
        h("p", { class: "muted" }, known(r.pay.averageSalary) ? `Average ${money(r.pay.averageSalary)}` : "", notes.cite(r.pay.sources))))),
    section("cmp-figures-h", "Figures side by side",
      pairedBars([
        { label: "Headline salary", a: c.headlineSalary.a, b: c.headlineSalary.b, format: kilo },
        { label: "Average salary", a: c.averageSalary.a, b: c.averageSalary.b, format: kilo },
        { label: "Salary range, low", a: c.salaryRangeLow.a, b: c.salaryRangeLow.b, format: kilo },
        { label: "Salary range, high", a: c.salaryRangeHigh.a, b: c.salaryRangeHigh.b, format: kilo },
        { label: "Projected growth (%)", a: c.growthRatePct.a, b: c.growthRatePct.b, format: pct },
        { label: "Jobs", a: c.jobs.a, b: c.jobs.b },
        { label: "Job satisfaction (of 5)", a: c.jobSatisfaction.a, b: c.jobSatisfaction.b },
        { label: "Years of experience", a: c.experienceYears.a, b: c.experienceYears.b },
        { label: "Years to become one", a: c.yearsToBecome.a, b: c.yearsToBecome.b },
        { label: "Share with the usual degree (%)", a: c.degreeSharePct.a, b: c.degreeSharePct.b, format: pct },
      ], names) ?? empty("Neither role has comparable figures."),
      h("p", { class: "muted" }, "Pay ", cite("pay"), " · outlook ", cite("outlook"), " · experience ", cite("experience"), " · education ", cite("education"),
        c.documentedBy.length ? [" · compared directly by ", notes.cite(c.documentedBy)] : "")),
    section("cmp-skills-h", "Skills",
      shared.length ? h("figure", {}, butterfly(shared, names), h("figcaption", {}, "Skills both roles list, each by its weight for the role (share, importance or rank)")) : empty("No skills in common."),
      h("div", { class: "compare-cols" },
        h("div", {}, h("h3", {}, `Only ${c.a.title}`), skillList(c.skillsOnlyInA, "a")),
        h("div", {}, h("h3", {}, `Only ${c.b.title}`), skillList(c.skillsOnlyInB, "b")))),
    section("cmp-certs-h", "Certifications",
      h("div", { class: "compare-cols three" },
        h("div", {}, h("h3", {}, "Both"), certList(c.sharedCertifications)),
        h("div", {}, h("h3", {}, `Only ${c.a.title}`), certList(c.certificationsOnlyInA)),
        h("div", {}, h("h3", {}, `Only ${c.b.title}`), certList(c.certificationsOnlyInB)))),
    h("p", {}, link({ from: c.a.slug, to: c.b.slug }, `Plan a move from ${c.a.title} to ${c.b.title}`)),
    notes.section(),
  ];
  return { title: `${c.a.title} vs ${c.b.title}`, body };
}
