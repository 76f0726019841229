// Search with autocomplete (the API's `search`: titles, alternate titles, skills,
// certifications), the role pickers built on it, the home view and the results view.
import { run } from "./api.js";
import { h, link, url, words } from "./dom.js";

export async function search(q, n = 8) {
  return (await run("ExploreSearch", { q, n })).search;
}

/** Where a hit leads and how it reads. */
export function hitInfo(hit) {
  if (hit.role) {
    const alt = hit.matchedText !== hit.role.title ? ` (also “${hit.matchedText}”)` : "";
    return { params: { role: hit.role.slug }, text: hit.role.title + alt, kind: "role", slug: hit.role.slug, title: hit.role.title };
  }
  if (hit.skill) return { params: { skill: hit.skill.slug }, text: hit.skill.name, kind: "skill", slug: hit.skill.slug, title: hit.skill.name };
  const c = hit.certification;
  return { params: { cert: c.slug }, text: c.acronym && c.acronym !== c.name ? `${c.name} (${c.acronym})` : c.name, kind: "certification", slug: c.slug, title: c.name };
}

let comboboxes = 0;

/**
 * An accessible combobox (ARIA 1.2 pattern) over `search`: type, arrows to move, Enter to
 * pick, Escape to close. `kinds` limits the hits (e.g. ["ROLE"]); `onPick(info)` is called
 * with the picked hit; `onEnter(text)` when Enter is pressed with no option active.
 */
export function combobox({ label, name, kinds, value = "", text = "", placeholder = "", onPick, onEnter, required = false, hint }) {
  const id = `cb${++comboboxes}`;
  const list = h("ul", { id: `${id}-list`, role: "listbox", class: "options", "aria-label": `${label} suggestions`, hidden: true });
  const input = h("input", {
    id, type: "text", role: "combobox", autocomplete: "off", spellcheck: "false",
    "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": list.id,
    placeholder, value: text, required, ...(hint ? { "aria-describedby": `${id}-hint` } : {}),
  });
  const hidden = h("input", { type: "hidden", name, value });
  const status = h("span", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  let options = [];
  let active = -1;
  let timer;
  let seq = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", list.children[i].id);
      list.children[i].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  const pick = (i) => {
    const info = options[i];
    if (!info) return;
    input.value = info.title;
    hidden.value = info.slug;
    input.dataset.slug = info.slug;
    close();
    onPick?.(info);
  };
  const show = (hits) => {
    options = hits.map(hitInfo);
    list.replaceChildren(...options.map((o, i) =>
      h("li", { id: `${id}-opt${i}`, role: "option", "aria-selected": "false", onmousedown: (e) => { e.preventDefault(); pick(i); } },
        o.text, " ", h("span", { class: "kind" }, o.kind))));
    list.hidden = !options.length;
    input.setAttribute("aria-expanded", String(options.length > 0));
    status.textContent = options.length ? `${options.length} suggestions` : "No suggestions";
    active = -1;
  };
  const lookup = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (q.length < 2) return close();
    try {
      const hits = (await search(q, kinds ? 10 : 8)).filter((hit) => !kinds || kinds.includes(hit.kind));
      if (mine === seq && document.activeElement === input) show(hits.slice(0, 8));
    } catch {
      if (mine === seq) close();
    }
  };

  input.addEventListener("input", () => {
    hidden.value = "";
    delete input.dataset.slug;
    clearTimeout(timer);
    timer = setTimeout(lookup, 120);
  });
  input.addEventListener("keydown", (e) => {
    const open = !list.hidden && options.length;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) lookup();
      else highlight((active + 1) % options.length);
    } else if (e.key === "ArrowUp" && open) {
      e.preventDefault();
      highlight((active - 1 + options.length) % options.length);
    } else if (e.key === "Enter") {
      if (open && active >= 0) {
        e.preventDefault();
        pick(active);
      } else if (onEnter) {
        e.preventDefault();
        close();
        onEnter(input.value.trim());
      }
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));

  const field = h("div", { class: "field combo" },
    h("label", { for: id }, label),
    input, hidden, list, status,
    hint ? h("small", { id: `${id}-hint`, class: "muted" }, hint) : null);
  return {
    el: field,
    input,
    get slug() {
      return hidden.value || input.dataset.slug || "";
    },
    set(slug, title) {
      hidden.value = slug;
      input.value = title;
      input.dataset.slug = slug;
    },
  };
}

/** The main search box: picking a hit opens it; Enter shows all results. */
export function searchBox(navigate, text = "") {
  const box = combobox({
    label: "Search roles, skills and certifications",
    name: "q", text,
    placeholder: "e.g. IT manager, cloud, PMP",
    onPick: (info) => navigate(url(info.params)),
    onEnter: (q) => q && navigate(url({ q })),
  });
  return h("form", { role: "search", class: "search", onsubmit: (e) => { e.preventDefault(); const q = box.input.value.trim(); if (q) navigate(url({ q })); } },
    box.el, h("button", { type: "submit" }, "Search"));
}

export async function homeView(params, { navigate }) {
  const q = params.get("q") || "";
  const box = searchBox(navigate, q);
  const out = [h("h1", {}, q ? `Results for “${q}”` : "Explore careers in IT"), box];
  if (q) {
    const hits = await search(q, 30);
    out.push(hits.length
      ? h("ul", { class: "results" }, hits.map((hit) => {
        const info = hitInfo(hit);
        return h("li", {}, link(info.params, info.text), " ", h("span", { class: "kind" }, words(hit.kind)));
      }))
      : h("p", {}, "Nothing matches. Try fewer or other words."));
  } else {
    out.push(
      h("p", { class: "lead" }, "Look up what a role pays and needs, where people go next, and how to get from one role to another — every figure with its source."),
      h("ul", { class: "starts" },
        h("li", {}, link({ from: "information-technology-manager", to: "chief-information-officer" }, "Plan a move: IT Manager → CIO")),
        h("li", {}, link({ role: "senior-it-manager" }, "What a Senior IT Manager earns and needs")),
        h("li", {}, link({ view: "compare", a: "senior-manager-infrastructure", b: "information-technology-manager" }, "Compare two roles side by side"))));
  }
  return { title: q ? `Search: ${q}` : "Explore", body: out };
}
