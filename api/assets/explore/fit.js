// "Fit me": pick skills and levels, see the roles that fit and what to learn next. Only offered
// when the server has `matchRoles` and `learnNext`; their result types are read from the schema.
import { gql, pick } from "./api.js";
import { bars } from "./charts.js";
import { empty, h, known, link, num, section, url, words } from "./dom.js";
import { combobox } from "./search.js";

export const fitAvailable = (schema) => schema.has("Query", "matchRoles") && schema.has("Query", "learnNext");

/** "cloud:4,project-management" ⇄ [{ skill, level }] */
function parseSkills(text) {
  return (text || "").split(",").map((x) => x.trim()).filter(Boolean).map((x) => {
    const [skill, level] = x.split(":");
    return { skill, level: level !== undefined && level !== "" ? Number(level) : null };
  });
}
const formatSkills = (list) => list.map((s) => (known(s.level) ? `${s.skill}:${s.level}` : s.skill)).join(",");

function skillRows(list, redraw) {
  return h("ul", { class: "fit-skills" }, list.map((s, i) => {
    const id = `level-${i}`;
    return h("li", {},
      h("span", { class: "skill-name" }, s.name || s.skill), " ",
      h("label", { for: id }, "level (0–7)"),
      h("input", { id, type: "number", min: 0, max: 7, step: 0.5, value: s.level ?? "", placeholder: "as needed", oninput: (e) => { s.level = e.target.value === "" ? null : Number(e.target.value); } }),
      h("button", { type: "button", class: "remove", "aria-label": `Remove ${s.name || s.skill}`, onclick: () => { list.splice(i, 1); redraw(); } }, "×"));
  }));
}

export async function fitView(params, { schema, navigate }) {
  const heading = h("h1", {}, "Roles that fit me");
  if (!fitAvailable(schema)) {
    return { title: "Fit me", body: [heading, h("p", {}, "This server does not offer skill matching yet (it needs the `matchRoles` and `learnNext` queries). ", link({}, "Back to search"))] };
  }
  const skills = parseSkills(params.get("skills"));
  const current = params.get("current") || "";
  const goal = params.get("goal") || "";
  const list = h("div");
  const redraw = () => list.replaceChildren(skills.length ? skillRows(skills, redraw) : empty("No skills yet: add some below."));
  redraw();
  const adder = combobox({ label: "Add a skill", name: "skill", kinds: ["SKILL"], placeholder: "e.g. project management", onPick: (info) => { if (!skills.some((s) => s.skill === info.slug)) skills.push({ skill: info.slug, name: info.title, level: null }); adder.input.value = ""; redraw(); } });
  const currentBox = combobox({ label: "Current role (optional)", name: "current", kinds: ["ROLE"], value: current, text: current });
  const goalBox = combobox({ label: "Goal role (optional)", name: "goal", kinds: ["ROLE"], value: goal, text: goal });
  const form = h("form", { class: "planner", "aria-label": "Your skills", onsubmit: (e) => {
    e.preventDefault();
    navigate(url({ view: "fit", skills: formatSkills(skills), current: currentBox.slug, goal: goalBox.slug }));
  } }, list, adder.el, h("div", { class: "row" }, currentBox.el, goalBox.el), h("button", { type: "submit", class: "primary" }, "Find roles"));
  const body = [heading, form];
  if (skills.length || current) {
    const profile = { skills: skills.map((s) => (known(s.level) ? { skill: s.skill, level: s.level } : { skill: s.skill })) };
    if (current) profile.currentRole = current;
    const profileType = schema.argType("Query", "matchRoles", "profile") || "ProfileInput";
    const goalArg = goal && schema.hasArg("Query", "learnNext", "goal") ? ", goal: $goal" : "";
    const q = `query ExploreFit($profile: ${profileType}!${goalArg ? ", $goal: String" : ""}) {
      matchRoles(profile: $profile, first: 10) { ${schema.select(schema.fieldType("Query", "matchRoles"))} }
      learnNext(profile: $profile${goalArg}, first: 10) { ${schema.select(schema.fieldType("Query", "learnNext"))} } }`;
    const data = await gql(q, goalArg ? { profile, goal } : { profile });
    const rows = data.matchRoles.map((m) => ({ m, role: m.role, score: pick(m, "score", "fit", "similarity") }))
      .filter((x) => x.role && known(x.score))
      .map(({ m, role, score }) => ({ label: role.title, value: score, display: num(score), href: url({ role: role.slug }), tip: m.summary || `${role.title}: ${num(score)}` }));
    body.push(section("fit-roles-h", "Roles that fit",
      rows.length ? h("figure", {}, bars(rows, { max: 1 }), h("figcaption", {}, "Score from 0 to 1; hover for why")) : empty("No role fits yet."),
      h("ul", {}, data.matchRoles.filter((m) => m.summary).map((m) => h("li", {}, link({ role: m.role.slug }, m.role.title), ": ", m.summary)))));
    body.push(section("fit-learn-h", "What to learn next",
      data.learnNext.length ? h("ol", {}, data.learnNext.map((x) => {
        const skill = x.skill || {};
        const extra = Object.entries(x).filter(([k, v]) => k !== "skill" && (typeof v === "number" || typeof v === "string")).map(([k, v]) => `${words(k.replace(/[A-Z]/g, (c) => ` ${c}`))}: ${typeof v === "number" ? num(v) : v}`);
        return h("li", {}, skill.slug ? link({ skill: skill.slug }, skill.name) : skill.name || "?", extra.length ? h("span", { class: "muted" }, ` — ${extra.join(" · ")}`) : null);
      })) : empty("Nothing to suggest.")));
  }
  return { title: "Fit me", body };
}
