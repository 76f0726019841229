// Shared set-up of the browser tests: Debian's Chromium through playwright-core, every request
// to a host other than the server blocked (the pages must work offline), console errors and
// page errors collected, screenshots kept under tests/browser/screenshots.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

export const BASE = process.env.BASE_URL || "http://127.0.0.1:8000";
/** Whether the server under test answers introspection (run.sh runs the tests both ways). */
export const INTROSPECTION = process.env.INTROSPECTION !== "false";
const here = dirname(fileURLToPath(import.meta.url));
export const SHOTS = process.env.SCREENSHOT_DIR || join(here, "screenshots");
mkdirSync(SHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}

/**
 * A page on a fresh context that blocks other hosts and records what went wrong.
 * `problems()` lists console errors, page errors, failed requests and blocked requests.
 */
export async function openPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const origin = new URL(BASE).origin;
  const issues = [];
  const bytes = { assets: 0, data: 0 };
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (new URL(u).origin !== origin && !u.startsWith("data:") && !u.startsWith("blob:")) {
      issues.push(`blocked request to another host: ${u}`);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  page.on("console", (m) => {
    if (m.type() === "error") issues.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => issues.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    const failure = r.failure()?.errorText || "";
    // Navigating away aborts pending data requests; that is not a fault of the page.
    if (!failure.includes("ERR_ABORTED") && !failure.includes("blockedbyclient")) issues.push(`request failed: ${r.url()} ${failure}`);
  });
  page.on("response", async (r) => {
    if (r.status() === 304) return;
    if (r.status() >= 400) issues.push(`HTTP ${r.status()}: ${r.url()}`);
    try {
      const n = (await r.body()).length;
      if (new URL(r.url()).pathname === "/graphql") bytes.data += n;
      else bytes.assets += n;
    } catch { /* bodies of redirects and aborted requests are not available */ }
  });
  return {
    page,
    context,
    bytes,
    problems: () => [...issues],
    assertClean() {
      assert.deepEqual(issues, [], `problems on ${page.url()}:\n${issues.join("\n")}`);
    },
    shot: (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }),
  };
}

/** Every visible form control has an accessible name. */
export async function assertLabelled(page) {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input:not([type=hidden]), select, textarea, button")]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !(el.labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || (el.tagName === "BUTTON" && el.textContent.trim())))
      .map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(unlabelled, [], "controls without a label");
}

/** The page does not scroll sideways (wide drawings scroll inside their own frame). */
export async function assertNoSidewaysScroll(page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px window`);
}

/**
 * WCAG AA contrast of every visible text: 4.5:1, or 3:1 for large text (24 px, or 18.66 px
 * bold). HTML text against the nearest background colour; SVG text by its fill, against the
 * background behind the drawing. Returns the failures.
 */
export function contrastFailures(page) {
  return page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a, b) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || seen.has(el) || !el) continue;
      seen.add(el);
      if (el.closest("title, style, script, noscript, .visually-hidden, .skip, [hidden]")) continue;
      const box = el.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.opacity === "0") continue;
      const isSvg = el instanceof SVGElement;
      const fg = rgb(isSvg ? style.fill : style.color).slice(0, 3);
      // SVG text sits on the drawing's own background; a node's text sits on the node's box.
      let bg = background(isSvg ? el.ownerSVGElement : el);
      const nodeRect = isSvg ? el.closest("a.node")?.querySelector("rect") : null;
      if (nodeRect) bg = rgb(getComputedStyle(nodeRect).fill).slice(0, 3);
      const size = parseFloat(style.fontSize);
      const bold = parseInt(style.fontWeight, 10) >= 700;
      const scale = isSvg && el.ownerSVGElement?.viewBox?.baseVal?.width ? el.ownerSVGElement.getBoundingClientRect().width / el.ownerSVGElement.viewBox.baseVal.width : 1;
      const large = size * scale >= 24 || (bold && size * scale >= 18.66);
      const r = ratio(fg, bg);
      if (r < (large ? 3 : 4.5)) out.push(`${r.toFixed(2)}:1 "${n.textContent.trim().slice(0, 40)}" (${el.tagName.toLowerCase()}.${el.getAttribute("class") || ""})`);
    }
    return out;
  });
}
