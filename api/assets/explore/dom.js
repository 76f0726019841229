// Small DOM helpers: element builders, number formats and the footnotes that cite sources.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(el, attrs, kids) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, kids);
  return el;
}

export function append(el, kids) {
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false || kid === "") continue;
    el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}

/** An HTML element: h("a", { href: "/x" }, "text", child). */
export const h = (tag, attrs, ...kids) => build(document.createElement(tag), attrs, kids);
/** An SVG element. */
export const s = (tag, attrs, ...kids) => build(document.createElementNS(SVG_NS, tag), attrs, kids);

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const known = (v) => v !== null && v !== undefined && !Number.isNaN(v);
export const money = (v) => (known(v) ? usd.format(v) : "—");
export const hourly = (v) => (known(v) ? `${usdCents.format(v)}/h` : "—");
export const num = (v) => (known(v) ? plain.format(v) : "—");
export const pct = (v) => (known(v) ? `${plain.format(v)} %` : "—");
export const signed = (v, f = money) => (known(v) ? (v > 0 ? "+" : v < 0 ? "−" : "±") + f(Math.abs(v)) : "—");
const BASIS = { ROLE_PAY: "the roles' own pay", OCCUPATION_BENCHMARK: "occupation benchmarks (BLS)", AREA_MEDIAN: "area medians (BLS)" };
/** A like-for-like pay change (`SalaryChange`) as text: the amount and percent with what was
 * compared, or "pay not comparable" when the server found no pair of one kind. */
export function payChange(c, f = money) {
  if (!c) return "";
  if (c.basis === "NOT_COMPARABLE" || !known(c.amount)) return "pay not comparable";
  const pct = known(c.percent) ? ` (${c.percent >= 0 ? "+" : ""}${num(c.percent)} %)` : "";
  return `${signed(c.amount, f)}${pct}${BASIS[c.basis] ? ` by ${BASIS[c.basis]}` : ""}`;
}
/** "$98k" for tight chart labels. */
export const kilo = (v) => (known(v) ? `$${plain.format(Math.round(v / 1000))}k` : "—");
export const range = (r, f = num) =>
  !r || (!known(r.min) && !known(r.max)) ? null
    : known(r.min) && known(r.max) && r.min !== r.max ? `${f(r.min)}–${f(r.max)}`
    : f(known(r.min) ? r.min : r.max);
/** A likelihood in (0, 1], two decimals. */
export const chance = (v) => (known(v) ? v.toFixed(2) : "—");
export const years = (v) => (known(v) ? `${plain.format(v)} yr${v === 1 ? "" : "s"}` : "—");
/** "PROMOTION" → "promotion", "LOWER_WEIGHT" → "lower weight". */
export const words = (e) => String(e || "").toLowerCase().replaceAll("_", " ");

/** Internal link to another view of the explorer. */
export function link(params, ...kids) {
  return h("a", { href: url(params) }, ...kids);
}
export function url(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
    q.set(k, Array.isArray(v) ? v.join(",") : v);
  }
  const text = q.toString();
  return text ? `/explore?${text}` : "/explore";
}

/**
 * The sources one view cites. `cite(source)` gives a footnote marker (its title shows on
 * hover) and `section()` the numbered list they point to.
 */
export class Footnotes {
  constructor() {
    this.byKey = new Map();
  }
  number(source) {
    if (!this.byKey.has(source.key)) this.byKey.set(source.key, { n: this.byKey.size + 1, source });
    return this.byKey.get(source.key).n;
  }
  label(sources) {
    const list = (Array.isArray(sources) ? sources : [sources]).filter(Boolean);
    return list.map((src) => `[${this.number(src)}] ${src.title}`).join("; ");
  }
  /** Footnote markers for one or more sources (nothing when there are none). */
  cite(sources) {
    const list = (Array.isArray(sources) ? sources : [sources]).filter(Boolean);
    if (!list.length) return null;
    return h("sup", { class: "cite" },
      list.map((src, i) => {
        const n = this.number(src);
        return [i ? "," : "", h("a", { href: `#fn-${n}`, title: `Source: ${src.title}`, "aria-label": `source ${n}: ${src.title}` }, String(n))];
      }));
  }
  section() {
    if (!this.byKey.size) return null;
    return h("section", { class: "footnotes", "aria-labelledby": "sources-h" },
      h("h2", { id: "sources-h" }, "Sources"),
      h("ol", {},
        [...this.byKey.values()].map(({ n, source }) =>
          h("li", { id: `fn-${n}`, value: n },
            source.url ? h("a", { href: source.url, rel: "noopener" }, source.title) : source.title,
            source.publisher ? ` — ${source.publisher}` : "",
            " ", h("code", {}, source.key),
            source.attribution ? h("p", { class: "attribution" }, source.attribution) : null))));
  }
}

/** A definition list of the known figures: rows of [label, value, sources]. */
export function facts(notes, rows) {
  const kept = rows.filter(([, v]) => v !== null && v !== undefined && v !== "—" && v !== "");
  if (!kept.length) return null;
  return h("dl", { class: "facts" },
    kept.map(([label, value, sources]) => h("div", {}, h("dt", {}, label), h("dd", {}, value, notes.cite(sources)))));
}

export function section(id, title, ...kids) {
  const body = kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false);
  if (!body.length) return null;
  return h("section", { class: "card", "aria-labelledby": id }, h("h2", { id }, title), body);
}

export const empty = (text) => h("p", { class: "muted" }, text);
