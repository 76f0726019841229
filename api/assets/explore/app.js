// The explorer's router: each view has its own URL (/explore?role=…, ?from=…&to=…,
// ?view=compare&a=…&b=…, ?view=fit, ?q=…); links and forms push history, back/forward re-render.
import { h } from "./dom.js";
import { compareView } from "./compare.js";
import { fitView } from "./fit.js";
import { planView } from "./plan.js";
import { certView, roleView, skillView } from "./role.js";
import { homeView } from "./search.js";

const main = document.getElementById("main");
let rendering = 0;

function viewOf(params) {
  const view = params.get("view");
  if (view === "plan" || (!view && (params.has("from") || params.has("to")))) return ["plan", planView];
  if (view === "compare") return ["compare", compareView];
  if (view === "fit") return ["fit", fitView];
  if (params.has("role")) return ["role", roleView];
  if (params.has("skill")) return ["search", skillView];
  if (params.has("cert")) return ["search", certView];
  return ["search", homeView];
}

export function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  render({ focus: true });
}

async function render({ focus = false } = {}) {
  const mine = ++rendering;
  const params = new URLSearchParams(location.search);
  const [name, view] = viewOf(params);
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.dataset.view === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  main.setAttribute("aria-busy", "true");
  let out;
  try {
    out = await view(params, { navigate });
  } catch (err) {
    out = { title: "Something went wrong", body: [h("h1", {}, "Something went wrong"), h("p", { class: "error", role: "alert" }, err.message || String(err)), h("p", {}, h("a", { href: "/explore" }, "Start again"))] };
  }
  if (mine !== rendering) return; // a later navigation won
  main.replaceChildren(...out.body.flat().filter(Boolean));
  main.setAttribute("aria-busy", "false");
  document.title = `${out.title} · Career explorer`;
  if (focus) {
    const heading = main.querySelector("h1");
    heading?.setAttribute("tabindex", "-1");
    heading?.focus({ preventScroll: false });
  }
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

// Same-page links (to /explore?…) navigate without reloading; others behave as usual.
document.addEventListener("click", (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest("a");
  const href = a?.getAttribute("href");
  if (!href || a.target || a.hasAttribute("download")) return;
  if (href.startsWith("#")) return;
  const target = new URL(href, location.href);
  if (target.origin !== location.origin || target.pathname !== "/explore") return;
  e.preventDefault();
  navigate(target.pathname + target.search + target.hash);
});
addEventListener("popstate", () => render({ focus: true }));
render();
