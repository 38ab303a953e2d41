// The built site in Debian's headless Chromium (driven by playwright-core),
// started by tests/testsuite/browser.rs inside `cargo test --locked`.
//
// Over HTTP (the site served by nginx with scripts/nginx.conf, under a
// sub-path) it crawls every page from the start page and checks on each:
//   - the response: status 200, Content-Security-Policy, X-Content-Type-Options,
//     Referrer-Policy (no 'unsafe-inline' but on the single-file annex);
//   - every request the page makes goes to the site's own origin (others are
//     recorded and aborted) and succeeds;
//   - no Content-Security-Policy violation;
//   - axe-core: no violation tagged WCAG 2.0/2.1 A or AA, and none of a few
//     structure rules (one main, one h1, heading order, landmarks, region);
//   - structure: exactly one h1, no skipped heading level, a banner, a main,
//     named navigation;
//   - keyboard: the first Tab lands on a visible skip link, Enter moves to its
//     target; every focusable element shows a visible focus indicator;
//   - every link, anchor (#actie-15 must be an id in the target page) and
//     asset resolves, inside the sub-path;
//   - WCAG 2.2: axe's wcag22aa tag (target size); focus not obscured
//     (2.4.11): at every focus stop the focused element is the topmost one
//     at its centre, not covered by a sticky or fixed bar;
//   - the title: at most 70 characters, the page's own part first;
//   - at 320, 375, 768 and 1280 px nothing scrolls sideways
//     (scrollWidth <= clientWidth), and every cell of every table lies
//     inside the screen, no column hidden behind a scroll; at 320 px the
//     dashboard is a list (its rows are blocks).
// The same crawl (links, anchors, assets, requests) runs over file://.
// Screenshots at 320, 375, 768 and 1280 px; one action's accessibility tree read
// through the Chrome DevTools Protocol.
//
// Usage: node run.mjs --http URL --file DIR [--start PAGE] [--annex NAME]
//        [--all-reachable] [--screens PAGE,PAGE --screenshots DIR]
//        [--tree PAGE#ID --expect TEXT …]
// Prints a report; exits 1 when anything failed, 2 on bad usage.

import { readFileSync, readdirSync, existsSync, statSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

// ---------------------------------------------------------------- arguments
const args = { expect: [] };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const flag = (name) => key === `--${name}`;
    if (flag("all-reachable")) args.allReachable = true;
    else if (flag("expect")) args.expect.push(argv[++i]);
    else if (["http", "file", "start", "annex", "screens", "screenshots", "tree"].some(flag))
      args[key.slice(2)] = argv[++i];
    else {
      console.error(`unknown argument ${key}`);
      process.exit(2);
    }
  }
  if (!args.http || !args.file) {
    console.error("usage: node run.mjs --http URL --file DIR [--start PAGE] …");
    process.exit(2);
  }
}
const httpBase = new URL(args.http.endsWith("/") ? args.http : `${args.http}/`);
const fileBase = pathToFileURL(args.file.endsWith("/") ? args.file : `${args.file}/`);
const start = args.start ?? "";
const annex = args.annex ?? "bijlage.html";
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
// wcag22aa: what WCAG 2.2 adds at level AA that axe can test (target-size, 2.5.8).
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
// Best-practice rules of axe about structure, checked on top of the WCAG tags.
const STRUCTURE_RULES = [
  "page-has-heading-one",
  "heading-order",
  "empty-heading",
  "landmark-one-main",
  "landmark-unique",
  "landmark-no-duplicate-banner",
  "landmark-no-duplicate-contentinfo",
  "landmark-no-duplicate-main",
  "region",
  "skip-link",
];
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// ---------------------------------------------------------------- report
const failures = new Set();
const notes = [];
function fail(kind, where, what) {
  failures.add(`FAIL [${kind}] ${where}: ${what}`);
}
function note(line) {
  notes.push(line);
  console.log(line);
}

// ---------------------------------------------------------------- helpers
/** The page a URL is, without fragment; a folder means its index.html. */
function canonical(url) {
  const u = new URL(url);
  u.hash = "";
  u.search = "";
  if (u.pathname.endsWith("/")) u.pathname += "index.html";
  return u.href;
}
function short(url, base) {
  return url.startsWith(base.href) ? url.slice(base.href.length) || "./" : url;
}
function isPage(url) {
  return new URL(url).pathname.endsWith(".html") || new URL(url).pathname.endsWith("/");
}

const launchArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** A page that records every request, aborts those to other origins and
 * collects failed requests, CSP violations and console errors. */
async function instrumentedPage(context, base) {
  const page = await context.newPage();
  const log = { requests: [], foreign: [], failed: [], csp: [], console: [] };
  const allowed = (url) =>
    base.protocol === "file:"
      ? url.startsWith("file:") || url.startsWith("data:")
      : new URL(url).origin === base.origin || url.startsWith("data:");
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    return route.abort("blockedbyclient");
  });
  page.on("request", (request) => {
    const url = request.url();
    log.requests.push(url);
    if (!allowed(url)) log.foreign.push(url);
  });
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText;
    // Blocked by the Content-Security-Policy: reported as a CSP violation.
    if (allowed(request.url()) && reason !== "csp") log.failed.push(`${request.url()} (${reason})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) log.failed.push(`${response.url()} (HTTP ${response.status()})`);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (/Content Security Policy/i.test(text)) log.csp.push(text);
    else log.console.push(text);
  });
  page.on("pageerror", (error) => log.console.push(String(error)));
  return { page, log };
}

const CSP_LISTENER = () => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || ""}:${e.lineNumber})`);
  });
};

/** Everything a page refers to: links (with fragment) and assets. */
async function references(page) {
  return page.evaluate(() => {
    const out = [];
    const add = (el, attr, kind) => {
      const value = el.getAttribute(attr);
      if (value === null) return;
      out.push({ kind, raw: value, url: new URL(value, document.baseURI).href, tag: el.tagName.toLowerCase() });
    };
    document.querySelectorAll("a[href], area[href]").forEach((el) => add(el, "href", "link"));
    document.querySelectorAll("link[href]").forEach((el) => add(el, "href", "asset"));
    document.querySelectorAll("img[src], script[src], iframe[src], source[src], video[src], audio[src], embed[src]")
      .forEach((el) => add(el, "src", "asset"));
    document.querySelectorAll("object[data]").forEach((el) => add(el, "data", "asset"));
    document.querySelectorAll("use").forEach((el) => {
      if (el.getAttribute("href")) add(el, "href", "asset");
    });
    return out;
  });
}

/** Crawls from `startUrl`, every page inside `base`. `perPage` runs extra
 * checks on each loaded page. Returns the pages reached. */
async function crawl(context, base, startUrl, perPage) {
  const queue = [startUrl];
  const seen = new Set([canonical(startUrl)]);
  const ids = new Map(); // canonical page -> Set of ids (null if it did not load)
  const anchors = []; // { from, page, fragment }
  const assets = new Map(); // url -> first page that uses it
  const reached = [];
  while (queue.length > 0) {
    const url = queue.shift();
    const where = short(url, base);
    const { page, log } = await instrumentedPage(context, base);
    let response;
    try {
      response = await page.goto(url, { waitUntil: "load" });
    } catch (error) {
      fail("link", where, `does not load: ${error.message.split("\n")[0]}`);
      ids.set(canonical(url), null);
      await page.close();
      continue;
    }
    if (base.protocol !== "file:" && (!response || response.status() !== 200)) {
      fail("link", where, `HTTP ${response?.status()}`);
      ids.set(canonical(url), null);
      await page.close();
      continue;
    }
    reached.push(canonical(url));
    ids.set(canonical(url), new Set(await page.evaluate(() =>
      [...document.querySelectorAll("[id]")].map((el) => el.id)
        .concat([...document.querySelectorAll("a[name]")].map((el) => el.getAttribute("name"))))));
    for (const ref of await references(page)) {
      const target = new URL(ref.url);
      if (["mailto:", "tel:"].includes(target.protocol)) continue;
      const inside = target.href.startsWith(base.href);
      if (ref.kind === "link" && /^https?:$/.test(target.protocol) && target.origin !== base.origin) continue; // a link elsewhere: not a request
      if (!inside) {
        fail(ref.kind === "link" ? "link" : "asset", where, `${ref.raw} points outside the site folder (${target.href})`);
        continue;
      }
      if (ref.kind === "link" && isPage(target.href)) {
        if (target.hash.length > 1) anchors.push({ from: where, page: canonical(target.href), fragment: decodeURIComponent(target.hash.slice(1)), raw: ref.raw });
        else if (ref.raw === "#") fail("anchor", where, "empty fragment `#`");
        const key = canonical(target.href);
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(key);
        }
      } else if (!assets.has(canonical(target.href))) {
        assets.set(canonical(target.href), where);
      }
    }
    if (perPage) await perPage(page, url, response, log);
    for (const foreign of log.foreign) fail("privacy", where, `request to another origin: ${foreign}`);
    for (const failed of log.failed) fail("asset", where, `request failed: ${failed}`);
    await page.close();
  }
  for (const { from, page, fragment, raw } of anchors) {
    const known = ids.get(page);
    if (known === null || known === undefined) continue; // the page itself failed, reported above
    if (!known.has(fragment)) fail("anchor", from, `${raw}: no id "${fragment}" in ${short(page, base)}`);
  }
  for (const [asset, from] of assets) {
    if (base.protocol === "file:") {
      const path = fileURLToPath(asset);
      if (!existsSync(path) || !statSync(path).isFile()) fail("asset", from, `${short(asset, base)} does not exist`);
    } else {
      const response = await context.request.get(asset, { failOnStatusCode: false, maxRedirects: 0 });
      if (response.status() !== 200) fail("asset", from, `${short(asset, base)}: HTTP ${response.status()}`);
    }
  }
  // The files linked that are not pages (stylesheet, open data), checked above.
  note(`assets ${base.protocol === "file:" ? "file" : "http"}: ${[...assets.keys()].map((a) => short(a, base)).sort().join(" ")}`);
  return reached;
}

// ---------------------------------------------------------------- per-page checks over HTTP
function checkHeaders(response, where) {
  const headers = response.headers();
  const csp = headers["content-security-policy"];
  if (!csp) fail("headers", where, "no Content-Security-Policy");
  else {
    const isAnnex = new URL(response.url()).pathname.endsWith(`/${annex}`);
    if (/unsafe-eval/.test(csp)) fail("headers", where, `CSP allows 'unsafe-eval': ${csp}`);
    if (!isAnnex && /unsafe-inline/.test(csp)) fail("headers", where, `CSP allows 'unsafe-inline': ${csp}`);
    if (!/default-src 'none'/.test(csp)) fail("headers", where, `CSP does not start from default-src 'none': ${csp}`);
  }
  if (headers["x-content-type-options"] !== "nosniff") fail("headers", where, "no X-Content-Type-Options: nosniff");
  if (!headers["referrer-policy"]) fail("headers", where, "no Referrer-Policy");
}

async function checkAxe(page, where) {
  await page.evaluate(axeSource);
  const run = (options) => page.evaluate((o) => window.axe.run(document, o), options);
  const wcag = await run({ runOnly: { type: "tag", values: WCAG_TAGS }, resultTypes: ["violations"] });
  const structure = await run({ runOnly: { type: "rule", values: STRUCTURE_RULES }, resultTypes: ["violations"] });
  for (const violation of [...wcag.violations, ...structure.violations]) {
    const tags = violation.tags.filter((t) => WCAG_TAGS.includes(t) || t === "best-practice").join(",");
    for (const node of violation.nodes.slice(0, 5)) {
      fail("axe", where, `${violation.id} (${tags}) ${violation.help}: ${node.target.join(" ")} ${node.html.slice(0, 120)}`);
    }
    if (violation.nodes.length > 5) fail("axe", where, `${violation.id}: ${violation.nodes.length - 5} more`);
  }
  return wcag.passes?.length ?? 0;
}

async function checkStructure(page, where) {
  const s = await page.evaluate(() => {
    const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")]
      .filter((h) => !h.closest("[hidden], [aria-hidden=true]"))
      .map((h) => ({ level: Number(h.getAttribute("aria-level") ?? h.tagName.slice(1)), text: h.textContent.trim().slice(0, 60) }));
    const landmarks = (selector) => document.querySelectorAll(selector).length;
    return {
      headings,
      main: landmarks("main, [role=main]"),
      banner: [...document.querySelectorAll("header, [role=banner]")].filter((h) => !h.closest("main, article, section, aside, nav")).length,
      navs: [...document.querySelectorAll("nav, [role=navigation]")].map((n) => n.getAttribute("aria-label") || n.getAttribute("aria-labelledby") || ""),
      lang: document.documentElement.lang,
    };
  });
  const h1 = s.headings.filter((h) => h.level === 1).length;
  if (h1 !== 1) fail("headings", where, `${h1} h1 elements, expected exactly one`);
  if (s.headings.length > 0 && s.headings[0].level !== 1) fail("headings", where, `the first heading is h${s.headings[0].level}: ${s.headings[0].text}`);
  for (let i = 1; i < s.headings.length; i++) {
    if (s.headings[i].level > s.headings[i - 1].level + 1) {
      fail("headings", where, `h${s.headings[i - 1].level} "${s.headings[i - 1].text}" is followed by h${s.headings[i].level} "${s.headings[i].text}"`);
    }
  }
  if (s.main !== 1) fail("landmarks", where, `${s.main} main landmarks`);
  if (s.banner !== 1) fail("landmarks", where, `${s.banner} banner landmarks`);
  if (s.navs.length === 0) fail("landmarks", where, "no navigation landmark");
  if (s.navs.some((n) => n === "")) fail("landmarks", where, "a navigation landmark without a name");
  if (s.lang !== "nl") fail("landmarks", where, `lang="${s.lang}", expected "nl"`);
  return s.headings.length;
}

/** The focused element, with what makes its focus visible. */
const FOCUSED = () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    cls: el.className && typeof el.className === "string" ? el.className : "",
    href: el.getAttribute("href"),
    text: (el.textContent || "").trim().slice(0, 50),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 ? `${style.outlineWidth} ${style.outlineStyle}` : "",
    shadow: style.boxShadow !== "none" ? style.boxShadow : "",
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
    // WCAG 2.4.11: what is on top at the centre of the focused element.
    obscuredBy: (() => {
      const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      if (!top || top === el || el.contains(top) || top.contains(el)) return "";
      return `<${top.tagName.toLowerCase()} class="${top.getAttribute("class") ?? ""}">`;
    })(),
    focusVisible: el.matches(":focus-visible"),
  };
};

async function checkKeyboard(page, where, allFocus) {
  await page.keyboard.press("Tab");
  const first = await page.evaluate(FOCUSED);
  const skip = first && first.tag === "a" && first.href?.startsWith("#") ? first : null;
  if (!skip) {
    fail("keyboard", where, `the first Tab lands on ${first ? `<${first.tag}> "${first.text}"` : "nothing"}, not on a skip link`);
  } else {
    if (!skip.visible) fail("keyboard", where, `the skip link "${skip.text}" is not visible when focused`);
    if (!skip.outline && !skip.shadow) fail("keyboard", where, `the skip link "${skip.text}" has no visible focus indicator`);
    await page.keyboard.press("Enter");
    const hash = await page.evaluate(() => location.hash);
    if (hash !== skip.href) fail("keyboard", where, `Enter on the skip link goes to "${hash}", not "${skip.href}"`);
    const target = await page.evaluate((id) => {
      const el = document.getElementById(id);
      return el ? { main: !!el.closest("main"), focused: el === document.activeElement } : null;
    }, skip.href.slice(1));
    if (!target) fail("keyboard", where, `the skip link's target ${skip.href} does not exist`);
    else if (!target.main) fail("keyboard", where, `the skip link's target ${skip.href} is not in the main content`);
    // Where the target is focusable (main has tabindex=-1), focus is on it.
    await page.keyboard.press("Tab");
    const next = await page.evaluate((id) => {
      const el = document.activeElement;
      const target = document.getElementById(id);
      return !!(el && target && (target.contains(el) || target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
    }, skip.href.slice(1));
    if (!next) fail("keyboard", where, `after the skip link, Tab does not continue from ${skip.href}`);
  }
  if (!allFocus) return 0;
  // Every focusable element in Tab order shows a focus indicator.
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  await page.goto(page.url().split("#")[0]);
  let count = 0;
  let firstKey = null;
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(FOCUSED);
    if (!f) break;
    const key = `${f.tag}#${f.id}.${f.cls}@${f.href}:${f.text}`;
    if (key === firstKey) break;
    firstKey ??= key;
    count++;
    if (!f.focusVisible) fail("focus", where, `<${f.tag}> "${f.text}" does not match :focus-visible after Tab`);
    if (!f.outline && !f.shadow) fail("focus", where, `<${f.tag}> "${f.text}" has no visible focus indicator`);
    if (!f.visible) fail("focus", where, `<${f.tag}> "${f.text}" is focused but not on screen`);
    else if (f.obscuredBy) fail("focus", where, `<${f.tag}> "${f.text}" is focused but covered by ${f.obscuredBy} (WCAG 2.4.11)`);
  }
  return count;
}

async function checkNoSidewaysScroll(page, where) {
  const s = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    body: document.body.scrollWidth,
  }));
  if (s.scroll > s.client || s.body > s.client) {
    const culprits = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      return [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > w + 0.5 && !el.closest(".tabel-scroll, pre, .actie__tekst table"))
        .slice(0, 3)
        .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">`);
    });
    fail("reflow", where, `at ${s.client} px the page scrolls sideways: scrollWidth ${s.scroll} > clientWidth ${s.client} ${culprits.join(" ")}`);
  }
}

/** Every cell of every table inside the screen (no column behind a
 * sideways scroll); at `listWidth` and below, the dashboard is a list. */
async function checkTables(page, where, width, listWidth) {
  const t = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    for (const table of document.querySelectorAll("main table")) {
      if (table.closest("[hidden]")) continue;
      const name = table.className || table.closest("section")?.id || "table";
      for (const cell of table.querySelectorAll("th, td")) {
        if (cell.closest("thead") && getComputedStyle(cell.closest("thead")).position === "absolute") continue;
        const r = cell.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.right > w + 0.5 || r.left < -0.5) {
          out.push(`${name}: "${cell.textContent.trim().slice(0, 30)}" spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
          break;
        }
      }
    }
    const row = document.querySelector("table.dashboard tbody tr");
    return { outside: out, dashboardRow: row ? getComputedStyle(row).display : null };
  });
  for (const o of t.outside) fail("table", where, `at ${width} px a column lies outside the screen: ${o}`);
  if (width <= listWidth && t.dashboardRow !== null && t.dashboardRow !== "block") {
    fail("table", where, `at ${width} px the dashboard is still a table (rows: display ${t.dashboardRow}), not a list`);
  }
}

function checkTitle(title, where, isAnnex) {
  if (title.length > 70) fail("title", where, `title of ${title.length} characters, more than 70: ${title}`);
  if (!title.trim()) fail("title", where, "no title");
}

// ---------------------------------------------------------------- accessibility tree
async function checkTree(context, pageRef) {
  const [file, id] = pageRef.split("#");
  const url = new URL(file, httpBase).href;
  const page = await context.newPage();
  await page.goto(url);
  const cdp = await context.newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("Accessibility.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: `[id="${id}"]` });
  if (!nodeId) {
    fail("a11y-tree", pageRef, "element not found");
    await page.close();
    return;
  }
  const { node } = await cdp.send("DOM.describeNode", { nodeId });
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const top = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
  if (!top) {
    fail("a11y-tree", pageRef, "not in the accessibility tree");
    await page.close();
    return;
  }
  // The text a node exposes: its StaticText descendants, in order.
  const text = (n) => {
    if (n.ignored) return (n.childIds ?? []).map((c) => text(byId.get(c))).join("");
    if (n.role?.value === "StaticText") return n.name?.value ?? "";
    if (n.role?.value === "InlineTextBox") return "";
    return (n.childIds ?? []).map((c) => byId.get(c)).filter(Boolean).map(text).join("");
  };
  const lines = [];
  const exposed = [];
  const walk = (n, depth) => {
    if (!n) return;
    const role = n.role?.value;
    if (!n.ignored && role !== "StaticText" && role !== "InlineTextBox") {
      const name = n.name?.value ?? "";
      const t = text(n).replace(/\s+/g, " ").trim();
      lines.push(`${"  ".repeat(depth)}${role}${name ? ` "${name}"` : ""}${t && t !== name ? `: ${t.slice(0, 100)}` : ""}`);
      exposed.push(name.replace(/\s+/g, " ").trim(), t);
      depth++;
    }
    for (const c of n.childIds ?? []) walk(byId.get(c), depth);
  };
  walk(top, 0);
  note(`accessibility tree of ${pageRef} (Chromium, via CDP):`);
  for (const line of lines.slice(0, 40)) note(`  ${line}`);
  // Compared without white space: Chromium trims the space at the end of a
  // text run ("Status: " in a visually hidden span), a screen reader reads
  // the runs as separate words all the same.
  const squash = (t) => t.replace(/\s+/g, "");
  for (const expected of args.expect) {
    const found = exposed.find((t) => squash(t) === squash(expected));
    if (found !== undefined) note(`  announced: "${expected}" (exposed as "${found}")`);
    else fail("a11y-tree", pageRef, `"${expected}" is not exposed as the text of any node`);
  }
  await page.close();
}

// ---------------------------------------------------------------- main
const browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs, headless: true });
try {
  // 1. Over HTTP, behind nginx, at 1280 px: everything but the reflow check.
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  await desktop.addInitScript(CSP_LISTENER);
  const startHttp = new URL(start, httpBase).href;
  let keyboardPages = 0;
  const reachedHttp = await crawl(desktop, httpBase, startHttp, async (page, url, response, log) => {
    const where = short(url, httpBase);
    checkHeaders(response, where);
    const csp = [...new Set([...(await page.evaluate(() => window.__csp ?? [])), ...log.csp])];
    for (const v of csp) fail("csp", where, v);
    for (const c of log.console) fail("console", where, c);
    const headings = await checkStructure(page, where);
    checkTitle(await page.title(), where);
    const passes = await checkAxe(page, where);
    // Tab through every focusable element on the first pages (the start page
    // and one actielijn page); the skip link on all.
    const full = keyboardPages < 2 && !url.endsWith(annex);
    if (full) keyboardPages++;
    const focusables = await checkKeyboard(page, where, full);
    note(`http  ${where}: HTTP ${response.status()}, ${log.requests.length} requests, ${headings} headings, axe ${passes} rules passed${full ? `, ${focusables} focus stops` : ""}`);
  });
  await desktop.close();

  // 2. Over HTTP at every width: nothing scrolls sideways, tables fit; screenshots.
  const screens = (args.screens ?? "").split(",").filter(Boolean);
  if (args.screenshots) mkdirSync(args.screenshots, { recursive: true });
  for (const width of [320, 375, 768, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, serviceWorkers: "block" });
    for (const url of reachedHttp) {
      const page = await context.newPage();
      await page.goto(url);
      const where = short(url, httpBase);
      await checkNoSidewaysScroll(page, where);
      await checkTables(page, where, width, 375);
      const shot = screens.find((s) => url.endsWith(`/${s}`));
      if (shot && args.screenshots) {
        const path = join(args.screenshots, `${shot.replace(/\.html$/, "")}-${width}.png`);
        await page.screenshot({ path, fullPage: true });
        note(`screenshot ${path}`);
      }
      await page.close();
    }
    await context.close();
  }

  // 3. The accessibility tree of one action.
  if (args.tree) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await checkTree(context, args.tree);
    await context.close();
  }

  // 4. The same crawl over file://.
  const local = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  const startFile = new URL(start || "index.html", fileBase).href;
  const reachedFile = await crawl(local, fileBase, startFile, async (page, url, response, log) => {
    note(`file  ${short(url, fileBase)}: ${log.requests.length} requests`);
  });
  await local.close();

  // 5. Every HTML file of the build is reached from the start page.
  if (args.allReachable) {
    const onDisk = readdirSync(args.file).filter((f) => f.endsWith(".html")).sort();
    for (const [name, reached, base] of [["http", reachedHttp, httpBase], ["file", reachedFile, fileBase]]) {
      for (const f of onDisk) {
        if (!reached.includes(new URL(f, base).href)) fail("crawl", name, `${f} is not reachable from the start page`);
      }
    }
    note(`crawl: ${onDisk.length} HTML files in the build; ${reachedHttp.length} reached over http, ${reachedFile.length} over file://`);
  }
} finally {
  await browser.close();
}

for (const f of failures) console.log(f);
console.log(`browser: ${failures.size === 0 ? "ok" : `${failures.size} failures`}`);
process.exit(failures.size === 0 ? 0 : 1);
