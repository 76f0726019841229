// Shared set-up of the browser tests: Debian's Chromium through playwright-core, every request
// to a host other than the server blocked (the pages must work offline), console errors and
// page errors collected, screenshots kept under tests/browser/screenshots.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

export const BASE = process.env.BASE_URL || "http://127.0.0.1:8000";
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
