// Charts drawn as SVG by this page: pay range with percentiles, weighted bars, side-by-side
// bars, and the career graphs (routes left to right, a role's feeders and next moves).
import { h, s, known, kilo, money, num, url, signed, years, words } from "./dom.js";

const W = 300; // viewBox width of the small charts; CSS scales them to the column

/** Wraps a title into lines of at most `max` characters (at most `lines` lines). */
export function wrap(text, max = 20, lines = 3) {
  const out = [];
  let line = "";
  for (const word of String(text).split(/\s+/)) {
    if (line && (line + " " + word).length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  if (out.length > lines) {
    out.length = lines;
    out[lines - 1] = out[lines - 1].replace(/.{0,1}$/, "…");
  }
  return out;
}

function chart(height, label, ...kids) {
  return wideChart(W, height, label, ...kids);
}

function wideChart(width, height, label, ...kids) {
  return s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": label }, s("title", {}, label), ...kids);
}

/**
 * Pay range bar: the 10th–90th percentile span, the 25th–75th box and the median, on a scale
 * from the lowest to the highest figure; or the typical salary range when no percentiles.
 * `marks` adds labelled ticks (e.g. the average); `scale` widens the axis (to share it).
 */
export function payRange({ p10, p25, p50, p75, p90, low, high, marks = [], title = "", scale = [] }) {
  const drawn = [p10, p25, p50, p75, p90, low, high, ...marks.map((m) => m.value)].filter(known);
  if (drawn.length < 2) return null;
  const values = [...drawn, ...scale.filter(known)];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.06 || max * 0.1;
  const x = (v) => 16 + ((v - (min - pad)) / (max - min + 2 * pad)) * (W - 32);
  const parts = [];
  const lo = known(p10) ? p10 : low;
  const hi = known(p90) ? p90 : high;
  if (known(lo) && known(hi)) parts.push(s("rect", { x: x(lo), y: 34, width: Math.max(2, x(hi) - x(lo)), height: 14, rx: 3, class: "range-outer" }));
  if (known(p25) && known(p75)) parts.push(s("rect", { x: x(p25), y: 30, width: Math.max(2, x(p75) - x(p25)), height: 22, rx: 3, class: "range-inner" }));
  if (known(p50)) parts.push(s("line", { x1: x(p50), x2: x(p50), y1: 26, y2: 56, class: "range-median" }));
  const ticks = [
    ["10th", p10], ["25th", p25], ["median", p50], ["75th", p75], ["90th", p90],
    ...(known(p10) ? [] : [["low", low]]), ...(known(p90) ? [] : [["high", high]]),
  ].filter(([, v]) => known(v));
  // Alternate labels above and below so neighbours do not collide.
  ticks.forEach(([name, v], i) => {
    const above = i % 2 === 0;
    parts.push(s("text", { x: x(v), y: above ? 14 : 72, class: "tick", "text-anchor": "middle" }, name),
      s("text", { x: x(v), y: above ? 24 : 84, class: "tick-value", "text-anchor": "middle" }, kilo(v)));
  });
  for (const m of marks.filter((m) => known(m.value))) {
    parts.push(s("path", { d: `M${x(m.value)} 58 l-5 8 h10 z`, class: "mark" }, s("title", {}, `${m.label}: ${money(m.value)}`)));
  }
  const summary = ticks.map(([n, v]) => `${n} ${money(v)}`).join(", ");
  return chart(90, `${title} Yearly pay: ${summary}`.trim(), ...parts);
}

/**
 * Horizontal bars, one row per item: label above, bar and value below.
 * items: [{ label, value, display, href, tip, max }]
 */
export function bars(items, { label = "", max } = {}) {
  const rows = items.filter((i) => known(i.value));
  if (!rows.length) return null;
  const top = max ?? Math.max(...rows.map((r) => r.value));
  const rowH = 34;
  const parts = rows.map((r, i) => {
    const y = i * rowH;
    const w = Math.max(2, ((W - 70) * r.value) / ((r.max ?? top) || 1));
    const text = s("text", { x: 0, y: y + 12, class: "bar-label" }, r.label);
    return s("g", { class: "bar-row" },
      r.href ? s("a", { href: r.href }, text) : text,
      s("rect", { x: 0, y: y + 17, width: w, height: 10, rx: 2, class: r.cls || "bar" }, r.tip ? s("title", {}, r.tip) : null),
      s("text", { x: w + 6, y: y + 26, class: "bar-value" }, r.display ?? num(r.value)));
  });
  return chart(rows.length * rowH + 4, label || rows.map((r) => `${r.label}: ${r.display ?? num(r.value)}`).join("; "), ...parts);
}

/** Two values per row (role A and role B), each scaled to the row's larger value. */
export function pairedBars(rows, names) {
  const kept = rows.filter((r) => known(r.a) || known(r.b));
  if (!kept.length) return null;
  const rowH = 50;
  const parts = kept.map((r, i) => {
    const y = i * rowH;
    const top = Math.max(Math.abs(r.a ?? 0), Math.abs(r.b ?? 0)) || 1;
    const w = (v) => Math.max(known(v) && v !== 0 ? 2 : 0, ((W - 80) * Math.abs(v ?? 0)) / top);
    const fmt = r.format || num;
    return s("g", {},
      s("text", { x: 0, y: y + 12, class: "bar-label" }, r.label),
      s("rect", { x: 0, y: y + 17, width: w(r.a), height: 10, rx: 2, class: "bar-a" }, s("title", {}, `${names[0]}: ${fmt(r.a)}`)),
      s("text", { x: w(r.a) + 6, y: y + 26, class: "bar-value" }, known(r.a) ? fmt(r.a) : "unknown"),
      s("rect", { x: 0, y: y + 31, width: w(r.b), height: 10, rx: 2, class: "bar-b" }, s("title", {}, `${names[1]}: ${fmt(r.b)}`)),
      s("text", { x: w(r.b) + 6, y: y + 40, class: "bar-value" }, known(r.b) ? fmt(r.b) : "unknown"));
  });
  const label = kept.map((r) => `${r.label}: ${names[0]} ${(r.format || num)(r.a)}, ${names[1]} ${(r.format || num)(r.b)}`).join("; ");
  return chart(kept.length * rowH, label, ...parts);
}

/** Butterfly chart: A's weight to the left of the skill name, B's to the right. */
export function butterfly(rows, names) {
  if (!rows.length) return null;
  const rowH = 22;
  const width = 420;
  const mid = width / 2;
  const half = 110;
  const top = Math.max(...rows.flatMap((r) => [r.a ?? 0, r.b ?? 0])) || 1;
  const parts = [
    s("text", { x: 4, y: 12, class: "tick" }, names[0]),
    s("text", { x: width - 4, y: 12, class: "tick", "text-anchor": "end" }, names[1]),
  ];
  rows.forEach((r, i) => {
    const y = 20 + i * rowH;
    const wa = ((r.a ?? 0) / top) * half;
    const wb = ((r.b ?? 0) / top) * half;
    parts.push(
      s("rect", { x: mid - 70 - wa, y: y + 4, width: wa, height: 12, class: "bar-a" }, s("title", {}, `${names[0]}: ${r.display(r.a)}`)),
      s("rect", { x: mid + 70, y: y + 4, width: wb, height: 12, class: "bar-b" }, s("title", {}, `${names[1]}: ${r.display(r.b)}`)),
      s("text", { x: mid, y: y + 14, class: "bar-label", "text-anchor": "middle" }, r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label));
  });
  const label = rows.map((r) => `${r.label}: ${names[0]} ${r.display(r.a)}, ${names[1]} ${r.display(r.b)}`).join("; ");
  return wideChart(width, 20 + rows.length * rowH, label, ...parts);
}

// ---- career graphs (fixed pixel size, scrolled horizontally when wider than the screen) ----

const NODE_W = 156;
const NODE_H = 58;
const GAP = 118;

function node(role, x, y, { cls = "", current = false } = {}) {
  const lines = wrap(role.title, 19, 3);
  const href = url({ role: role.slug });
  return s("a", { href, class: `node ${cls}`, "data-slug": role.slug, "aria-label": role.title, ...(current ? { "aria-current": "page" } : {}) },
    s("title", {}, role.title),
    s("rect", { x, y, width: NODE_W, height: NODE_H, rx: 8 }),
    s("text", { x: x + NODE_W / 2, y: y + NODE_H / 2 - (lines.length - 1) * 7 + 4, "text-anchor": "middle" },
      lines.map((l, i) => s("tspan", { x: x + NODE_W / 2, dy: i ? 14 : 0 }, l))));
}

/** A move drawn as an arrow; its labels sit mid-way on a straight edge, else at the end the
 * edge does not share with its neighbours (`labelAt`: "start" or "end"). */
function edge(x1, y1, x2, y2, labels, cls, tip, labelAt = "start") {
  const mx = (x1 + x2) / 2;
  const d = y1 === y2 ? `M${x1} ${y1} H${x2 - 2}` : `M${x1} ${y1} C${mx} ${y1} ${mx} ${y2} ${x2 - 2} ${y2}`;
  const [lx, ly] = y1 === y2 ? [mx, y1] : labelAt === "end" ? [x2 - 44, y2] : [x1 + 46, y1 + (y2 - y1) * 0.2];
  return s("g", { class: `edge ${cls}` },
    tip ? s("title", {}, tip) : null,
    s("path", { d, "marker-end": "url(#arrow)" }),
    labels.map((t, i) => s("text", { x: lx, y: ly - 8 - (labels.length - 1 - i) * 13, "text-anchor": "middle", class: "edge-label" }, t)));
}

function defs() {
  return s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerUnits: "userSpaceOnUse", markerWidth: 10, markerHeight: 10, orient: "auto-start-reverse" },
    s("path", { d: "M0 0 L10 5 L0 10 z", class: "arrow" })));
}

/** Labels of a move: its typical years and pay change. */
export function moveLabels(move, stepYears, estimated) {
  const labels = [];
  const y = known(stepYears) ? stepYears : move.typicalYears;
  if (known(y)) labels.push(`${estimated ? "~" : ""}${years(y)}`);
  const pay = move.salaryChange;
  if (pay && known(pay.amount)) labels.push(`${signed(pay.amount, kilo)} (${pay.percent >= 0 ? "+" : ""}${num(pay.percent)}%)`);
  else if (pay && pay.basis === "NOT_COMPARABLE") labels.push("pay n/c");
  return labels;
}

/**
 * Routes left to right, one lane per route (best first, highlighted); every route ends in the
 * rightmost column so the target lines up. routes: CareerRoute values with roles and steps.
 */
export function routeGraph(routes, { selected = 0 } = {}) {
  const cols = Math.max(...routes.map((r) => r.roles.length));
  const laneH = NODE_H + 52;
  const width = cols * NODE_W + (cols - 1) * GAP + 8;
  const height = routes.length * laneH + 8;
  const lanes = routes.map((route, i) => {
    const y = i * laneH + 34;
    const col = (j) => (j === route.roles.length - 1 ? cols - 1 : j);
    const x = (j) => 4 + col(j) * (NODE_W + GAP);
    const cls = i === 0 ? "best" : "alt";
    const t = route.totals;
    const heading = `Route ${route.rank}${i === 0 ? " (best)" : ""}: ${t.steps} move${t.steps === 1 ? "" : "s"}, ${t.yearsEstimated ? "~" : ""}${years(t.years)}` +
      (t.salaryChange ? `, ${known(t.salaryChange.amount) ? signed(t.salaryChange.amount) : "pay not comparable"}` : "");
    return s("g", { class: `lane ${cls}${i === selected ? " selected" : ""}`, "data-rank": route.rank },
      s("text", { x: 4, y: y - 12, class: "lane-title" }, heading),
      route.steps.map((step, j) => edge(x(j) + NODE_W, y + NODE_H / 2, x(j + 1), y + NODE_H / 2,
        moveLabels({ ...step.move, salaryChange: step.salaryChange ?? step.move?.salaryChange }, step.years, step.yearsEstimated), cls,
        `${route.roles[j].title} → ${route.roles[j + 1].title}: ${words(step.kind)}`)),
      route.roles.map((role, j) => node(role, x(j), y, { cls: j === 0 || j === route.roles.length - 1 ? "end" : "" })));
  });
  return s("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "graph routes", role: "group", "aria-label": `${routes.length} routes, best first` },
    defs(), lanes);
}

/** A role between the roles people come from (left) and the roles they move to (right). */
export function neighbourhood(role, previous, next) {
  const rows = Math.max(previous.length, next.length, 1);
  const rowH = NODE_H + 22;
  const height = rows * rowH + 10;
  const width = 3 * NODE_W + 2 * GAP + 8;
  const cy = height / 2 - NODE_H / 2;
  const colY = (n, i) => height / 2 - (n * rowH) / 2 + i * rowH + 11;
  const centre = 4 + NODE_W + GAP;
  const parts = [defs()];
  previous.forEach((m, i) => {
    const y = colY(previous.length, i);
    parts.push(edge(4 + NODE_W, y + NODE_H / 2, centre, cy + NODE_H / 2, [words(m.kind)], "alt", `${m.from.title} → ${role.title}`),
      node(m.from, 4, y));
  });
  next.forEach((m, i) => {
    const y = colY(next.length, i);
    const x = centre + NODE_W + GAP;
    parts.push(edge(centre + NODE_W, cy + NODE_H / 2, x, y + NODE_H / 2, [words(m.kind)], "best", `${role.title} → ${m.to.title}`, "end"),
      node(m.to, x, y));
  });
  parts.push(node(role, centre, cy, { cls: "end", current: true }));
  return s("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "graph", role: "group", "aria-label": `Moves into and out of ${role.title}` }, parts);
}

/** A horizontally scrollable, keyboard-reachable frame for a wide drawing. */
export function scroller(label, drawing) {
  return h("div", { class: "scroller", tabindex: 0, role: "region", "aria-label": label }, drawing);
}
