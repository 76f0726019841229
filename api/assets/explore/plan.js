// Route planner: from, to, what "best" means, how many routes, via/avoid; the routes drawn
// left to right (best highlighted) with each step's skill gap and certifications beside them.
import { run } from "./api.js";
import { moveLabels, routeGraph, scroller } from "./charts.js";
import { Footnotes, chance, empty, h, known, link, payChange, url, words, years } from "./dom.js";
import { combobox } from "./search.js";

const OBJECTIVES = [
  ["BALANCED", "Balanced (moves, years, likelihood, pay)"],
  ["FEWEST_STEPS", "Fewest moves"],
  ["FEWEST_YEARS", "Fewest years"],
  ["MOST_LIKELY", "Most likely"],
  ["HIGHEST_SALARY_GAIN", "Best pay on the way"],
];

/** Titles of roles by slug, looked up side by side (unknown slugs are left out). */
async function titles(slugs) {
  const list = [...new Set(slugs.filter(Boolean))];
  const found = await Promise.all(list.map((slug) => run("ExploreTitle", { slug }).then((d) => d.role, () => null)));
  return Object.fromEntries(found.filter(Boolean).map((r) => [r.slug, r.title]));
}

/** A list of picked roles (via / avoid) with a picker to add more. */
function rolePicks(label, name, slugs, names) {
  const picked = new Map(slugs.map((s) => [s, names[s] || s]));
  const list = h("ul", { class: "chips", "aria-label": `${label}: picked roles` });
  const draw = () => list.replaceChildren(...[...picked].map(([slug, title]) =>
    h("li", {}, title, " ", h("button", { type: "button", class: "remove", "aria-label": `Remove ${title} from ${label.toLowerCase()}`, onclick: () => { picked.delete(slug); draw(); } }, "×"))));
  const box = combobox({ label, name: `${name}-pick`, kinds: ["ROLE"], placeholder: "Add a role", onPick: (info) => { picked.set(info.slug, info.title); box.input.value = ""; draw(); } });
  draw();
  return { el: h("div", { class: "picks" }, box.el, list), get slugs() { return [...picked.keys()]; } };
}

function form(params, names, navigate) {
  const from = combobox({ label: "From (your role)", name: "from", kinds: ["ROLE"], value: params.from, text: names[params.from] || params.from, placeholder: "e.g. IT Manager", required: true });
  const to = combobox({ label: "To (the role you want)", name: "to", kinds: ["ROLE"], value: params.to, text: names[params.to] || params.to, placeholder: "e.g. CIO", required: true });
  const optimize = h("select", { id: "optimize", name: "optimize" }, OBJECTIVES.map(([v, l]) => h("option", { value: v, selected: v === params.optimize }, l)));
  const n = h("input", { id: "n", name: "n", type: "number", min: 1, max: 10, value: params.n, inputmode: "numeric" });
  const steps = h("input", { id: "steps", name: "steps", type: "number", min: 1, max: 10, value: params.steps, inputmode: "numeric" });
  const via = rolePicks("Through", "via", params.via, names);
  const avoid = rolePicks("Avoiding", "avoid", params.avoid, names);
  const related = h("input", { id: "related", name: "related", type: "checkbox", checked: params.related });
  const problem = h("p", { class: "error", role: "alert" });
  return h("form", { class: "planner", "aria-labelledby": "plan-h", onsubmit: (e) => {
    e.preventDefault();
    if (!from.slug || !to.slug) {
      problem.textContent = `Pick ${!from.slug ? "a starting role" : "a target role"} from the suggestions.`;
      (!from.slug ? from.input : to.input).focus();
      return;
    }
    navigate(url({ from: from.slug, to: to.slug, optimize: optimize.value === "BALANCED" ? null : optimize.value,
      n: n.value && n.value !== "3" ? n.value : null, steps: steps.value && steps.value !== "6" ? steps.value : null,
      via: via.slugs, avoid: avoid.slugs, related: related.checked ? "1" : null }));
  } },
  h("div", { class: "row" }, from.el, to.el),
  h("div", { class: "row" },
    h("div", { class: "field" }, h("label", { for: "optimize" }, "Best means"), optimize),
    h("div", { class: "field small" }, h("label", { for: "n" }, "Routes"), n),
    h("div", { class: "field small" }, h("label", { for: "steps" }, "Most moves"), steps)),
  h("details", { open: params.via.length > 0 || params.avoid.length > 0 || params.related }, h("summary", {}, "More options: through, avoiding, related roles"),
    h("div", { class: "row" }, via.el, avoid.el),
    h("div", { class: "check" }, related, h("label", { for: "related" }, "Also follow related-role links (similar work, not moves people are known to make)"))),
  problem,
  h("button", { type: "submit", class: "primary" }, "Find routes"));
}

function stepList(route, notes) {
  return h("ol", { class: "steps" }, route.steps.map((step, i) => {
    const a = route.roles[i];
    const b = route.roles[i + 1];
    const gap = step.skillGap;
    return h("li", {},
      h("div", { class: "step-head" }, link({ role: a.slug }, a.title), " → ", link({ role: b.slug }, b.title)),
      h("div", { class: "muted" }, words(step.kind), " · ", moveLabels({ ...step.move, salaryChange: step.salaryChange ?? step.move?.salaryChange }, step.years, step.yearsEstimated).join(" · "),
        ` · likelihood ${chance(step.likelihood)}${step.likelihoodEstimated ? " (estimated)" : ""}`, step.move.assessedBy ? notes.cite(step.move.assessedBy) : null,
        step.move.derived ? " · inferred" : "", notes.cite(step.move.source)),
      step.move.description ? h("p", {}, step.move.description) : null,
      gap.skills.length ? h("div", { class: "gap" }, h("span", { class: "gap-label" }, "Skills to build: "),
        h("ul", { class: "chips" }, gap.skills.slice(0, 8).map((g) => h("li", { title: words(g.reason) }, link({ skill: g.skill.slug }, g.skill.name), g.reason === "LOWER_WEIGHT" ? " ↑" : "")))) : null,
      gap.certifications.length ? h("div", { class: "gap" }, h("span", { class: "gap-label" }, "Certifications: "),
        h("ul", { class: "chips" }, gap.certifications.slice(0, 6).map((c) => h("li", { title: words(c.relevance) }, link({ cert: c.certification.slug }, c.certification.acronym || c.certification.name), ` (${words(c.relevance)})`)))) : null);
  }));
}

function results(set, notes) {
  const routes = set.routes;
  if (!routes.length) return [h("p", { role: "status" }, "No route connects these roles under these conditions. Try more moves, fewer roles to pass or avoid, or following related-role links (under More options).")];
  let selected = 0;
  const graphBox = h("div");
  const detail = h("div", { class: "route-detail", "aria-live": "polite" });
  const tabs = h("div", { class: "route-tabs", role: "group", "aria-label": "Show the steps of route" });
  const select = (i) => {
    selected = i;
    graphBox.replaceChildren(scroller("Routes drawn left to right", routeGraph(routes, { selected })));
    const r = routes[i];
    const t = r.totals;
    detail.replaceChildren(
      h("h3", {}, `Route ${r.rank}${i === 0 ? " (best)" : ""}`),
      h("p", { class: "muted" }, `${t.steps} move${t.steps === 1 ? "" : "s"} · ${t.yearsEstimated ? "about " : ""}${years(t.years)} · likelihood ${chance(t.likelihood)}${t.likelihoodEstimated ? " (estimated)" : ""}`,
        t.salaryChange ? ` · ${known(t.salaryChange.amount) ? "pay " : ""}${payChange(t.salaryChange)}` : ""),
      stepList(r, notes));
    [...tabs.children].forEach((b, j) => b.setAttribute("aria-pressed", String(j === i)));
  };
  routes.forEach((r, i) => tabs.append(h("button", { type: "button", "aria-pressed": "false", onclick: () => select(i) }, `Route ${r.rank}`)));
  select(0);
  return [
    set.complete ? null : h("p", { class: "muted" }, "The search hit its work limit: these are the best routes found so far."),
    h("div", { class: "plan-result" }, h("div", { class: "plan-graph" }, graphBox, tabs), detail),
  ];
}

export async function planView(params, { navigate }) {
  const list = (k) => (params.get(k) || "").split(",").map((x) => x.trim()).filter(Boolean);
  const p = {
    from: params.get("from") || "", to: params.get("to") || "",
    optimize: params.get("optimize") || "BALANCED", n: params.get("n") || "3", steps: params.get("steps") || "6",
    via: list("via"), avoid: list("avoid"), related: params.get("related") === "1",
  };
  const notes = new Footnotes();
  const names = await titles([p.from, p.to, ...p.via, ...p.avoid]);
  const body = [h("h1", { id: "plan-h" }, "Plan a move"), form(p, names, navigate)];
  if (p.from && p.to) {
    const n = Math.min(10, Math.max(1, parseInt(p.n, 10) || 3));
    const steps = Math.min(10, Math.max(1, parseInt(p.steps, 10) || 6));
    const optimize = OBJECTIVES.some(([v]) => v === p.optimize) ? p.optimize : "BALANCED";
    let careerRoutes;
    try {
      ({ careerRoutes } = await run("ExploreRoutes", { from: p.from, to: p.to, n, optimize, steps, via: p.via, avoid: p.avoid, related: p.related }));
    } catch (err) {
      body.push(h("p", { class: "error", role: "alert" }, err.message));
      return { title: "Plan a move", body };
    }
    body.push(h("section", { class: "routes-out", "aria-labelledby": "routes-h" },
      h("h2", { id: "routes-h" }, `${names[p.from] || p.from} → ${names[p.to] || p.to}`),
      results(careerRoutes, notes),
      h("p", {}, link({ view: "compare", a: p.from, b: p.to }, "Compare the two roles side by side"))));
    body.push(notes.section());
  } else body.push(empty("Pick where you are and where you want to go."));
  const title = p.from && p.to ? `Plan: ${names[p.from] || p.from} → ${names[p.to] || p.to}` : "Plan a move";
  return { title, body };
}
