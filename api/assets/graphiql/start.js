// Mounts GraphiQL (the pinned UMD build in vendor/, which uses window.React and
// window.ReactDOM) against this server's /graphql. The README's example queries are GraphiQL's
// first tabs and, in the bar above it, links: following one opens that query in a tab.
import { examples } from "./examples.js";

const { React, ReactDOM, GraphiQL } = window;
const fetcher = GraphiQL.createFetcher({ url: new URL("/graphql", location.href).href });
const root = ReactDOM.createRoot(document.getElementById("graphiql"));

function render(example) {
  const props = {
    fetcher,
    defaultEditorToolsVisibility: false,
    defaultTabs: examples.map((e) => ({ query: e.query })),
  };
  // A `query` GraphiQL has no tab for opens in a new tab; one it has becomes the active tab.
  if (example) props.query = example.query;
  // A new key remounts GraphiQL, which then reads its saved tabs and adds the example's.
  root.render(React.createElement(GraphiQL, { ...props, key: example ? example.name : "start" }));
  for (const a of document.querySelectorAll("#examples a")) {
    if (a.dataset.example === example?.name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

function fromLocation() {
  const name = new URLSearchParams(location.search).get("example");
  return examples.find((e) => e.name === name);
}

const list = document.getElementById("examples");
for (const e of examples) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = `/graphiql?example=${e.name}`;
  a.dataset.example = e.name;
  a.textContent = e.label;
  a.addEventListener("click", (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    history.pushState(null, "", a.href);
    render(e);
  });
  li.append(a);
  list.append(li);
}
addEventListener("popstate", () => render(fromLocation()));
render(fromLocation());
