// Headless Chromium against a running `bijlage serve`: the page reloads after
// an edit, review mode shows the numbered source, a failed rebuild shows the
// diagnostic over the last good page. Run by tests/testsuite/browser.rs:
//   node tests/browser/reload.mjs <server url> <content folder>
// Drives Debian's chromium (CHROMIUM, default /usr/bin/chromium) through
// playwright-core; downloads nothing.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [url, content] = process.argv.slice(2);
if (!url || !content) {
  console.error("gebruik: node tests/browser/reload.mjs <url> <contentmap>");
  process.exit(2);
}
const screenshots = process.env.BIJLAGE_SCREENSHOTS;

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok: ${message}`);
}

const file = join(content, "actielijn-a", "03-los.md");
const original = readFileSync(file, "utf8");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${url}/actielijn-1.html`);
  await page.waitForSelector('html[data-bijlage-live="verbonden"]', { timeout: 30000 });
  const title = page.locator("#actie-3-titel");
  check((await title.innerText()).includes("Een losse actie"), "the page shows the action");
  check(
    (await page.locator("#actie-4 .concept").innerText()).trim() === "CONCEPT",
    "a draft is marked CONCEPT"
  );

  // An edit: the browser reloads by itself and shows it.
  await page.evaluate(() => {
    window.bijlageVoorHerladen = true;
  });
  const loaded = page.waitForEvent("load", { timeout: 30000 });
  writeFileSync(file, original.replace("Een losse actie", "Zojuist bewerkt in de browsertest"));
  await loaded;
  await page.waitForSelector('html[data-bijlage-live="verbonden"]', { timeout: 30000 });
  check(
    (await page.evaluate(() => window.bijlageVoorHerladen)) === undefined,
    "the page was reloaded, not patched"
  );
  check(
    (await title.innerText()).includes("Zojuist bewerkt in de browsertest"),
    "the reloaded page shows the edit"
  );

  // Review mode: the source beside the rendering, with line numbers.
  await page.click("#bijlage-review-knop");
  const panel = page.locator("#actie-3 + .bijlage-paar__bron .bijlage-bron");
  await panel.waitFor({ state: "visible", timeout: 30000 });
  const rows = panel.locator("tbody tr");
  const lines = readFileSync(file, "utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  check((await rows.count()) === lines.length, `the source has all ${lines.length} lines`);
  const row = rows.nth(2);
  check((await row.locator(".bijlage-bron__nr").innerText()).trim() === "3", "line 3 is numbered 3");
  check(
    (await row.locator(".bijlage-bron__code").innerText()).includes("Zojuist bewerkt"),
    "line 3 holds the title"
  );
  check((await row.locator(".hl-entity").count()) > 0, "the front matter is highlighted");
  const box = await page.locator("#actie-3").boundingBox();
  const panelBox = await panel.boundingBox();
  check(panelBox.x > box.x + box.width - 1, "the source is beside the rendering");
  check(
    (await panel.locator(".bijlage-bron__pad").innerText()).includes("actielijn-a/03-los.md"),
    "the panel names the file"
  );
  if (screenshots) {
    await page.locator("#actie-3").evaluate((e) => e.parentNode.scrollIntoView());
    await page.screenshot({ path: join(screenshots, "review.png"), fullPage: false });
  }

  // A failed rebuild: the diagnostic over the last good page.
  const failed = page.waitForEvent("load", { timeout: 30000 });
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace("status: afgerond", "status: klaar")
  );
  await failed;
  const overlay = page.locator("#bijlage-fout");
  await overlay.waitFor({ state: "visible", timeout: 30000 });
  const text = await overlay.innerText();
  check(text.includes("status `klaar` bestaat niet"), "the overlay shows the message");
  check(/03-los\.md, regel 4, kolom 9/.test(text), "the overlay shows file, line and column");
  if (screenshots) await page.screenshot({ path: join(screenshots, "fout.png"), fullPage: false });
  await page.click("[data-bijlage-sluit]");
  await overlay.waitFor({ state: "hidden", timeout: 30000 });
  check(
    (await title.innerText()).includes("Zojuist bewerkt in de browsertest"),
    "the last good page is beneath"
  );

  const foreign = requests.filter((r) => !r.startsWith(url));
  check(foreign.length === 0, `no request leaves the server (${foreign.join(", ")})`);
} finally {
  writeFileSync(file, original);
  await browser.close();
}
