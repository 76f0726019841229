// "Fit me": pick skills and levels, see the roles that fit (`matchRoles`) and what to learn
// next (`learnNext`).
import { run } from "./api.js";
import { bars } from "./charts.js";
import { empty, h, known, link, money, num, payChange, section, url } from "./dom.js";
import { combobox } from "./search.js";

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

/** What learning a skill brings: the level asked for, the roles it opens, the pay upside. */
function learnFacts(x) {
  const parts = [];
  if (known(x.levelNeeded)) parts.push(`level ${known(x.levelHeld) ? `${num(x.levelHeld)} → ` : ""}${num(x.levelNeeded)}`);
  parts.push(`opens ${x.unlockCount} role${x.unlockCount === 1 ? "" : "s"}`);
  if (x.payUpside && known(x.payUpside.amount)) parts.push(`pay ${payChange(x.payUpside, money)}`);
  return parts.join(" · ");
}

export async function fitView(params, { navigate }) {
  const heading = h("h1", {}, "Roles that fit me");
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
    const data = await run("ExploreFit", { profile, goal: goal || null });
    const rows = data.matchRoles.map((m) => ({ label: m.role.title, value: m.score, display: num(m.score), href: url({ role: m.role.slug }), tip: m.summary || `${m.role.title}: ${num(m.score)}` }));
    body.push(section("fit-roles-h", "Roles that fit",
      rows.length ? h("figure", {}, bars(rows, { max: 1 }), h("figcaption", {}, "Score from 0 to 1; hover for why")) : empty("No role fits yet."),
      h("ul", {}, data.matchRoles.filter((m) => m.summary).map((m) => h("li", {}, link({ role: m.role.slug }, m.role.title), ": ", m.summary)))));
    body.push(section("fit-learn-h", "What to learn next",
      data.learnNext.length ? h("ol", {}, data.learnNext.map((x) =>
        h("li", {}, link({ skill: x.skill.slug }, x.skill.name), h("span", { class: "muted" }, ` — ${learnFacts(x)}`)))) : empty("Nothing to suggest.")));
  }
  return { title: "Fit me", body };
}
