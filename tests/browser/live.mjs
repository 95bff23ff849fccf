// What an editor sees under `serve`, in Chromium (run by tests/browser.rs):
//
//   node tests/browser/live.mjs http://127.0.0.1:PORT/ SITE_ROOT [CHROMIUM]
//
// SITE_ROOT is the copy of the report that `serve` serves: this script edits its files. A page
// open and scrolled follows a saved edit by itself, its scroll kept; a stylesheet edit is
// swapped in without a reload; a broken YAML file shows the errors over the page (file, line,
// the source line), in the page's language, in pages open before and opened after; fixed, the
// errors go. Each step prints a line; any failure throws, and the exit status is 1.
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

const [base, root, chromium = "/usr/bin/chromium"] = process.argv.slice(2);
if (!base || !root) {
  console.error("usage: node live.mjs BASE_URL SITE_ROOT [CHROMIUM]");
  process.exit(2);
}

const STEP = 15000;

function replaceIn(file, from, to) {
  const full = path.join(root, file);
  const text = fs.readFileSync(full, "utf8");
  if (!text.includes(from)) {
    throw new Error(`${file} has no ${JSON.stringify(from)}`);
  }
  fs.writeFileSync(full, text.replace(from, to));
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.log(`page error: ${e.message}`));
  await page.setViewport({ width: 1000, height: 600 });
  await page.goto(`${base}en/introduction/context/`, { waitUntil: "load" });
  // Not waiting for its event stream: a page that connects after a change is told of it then.

  // Scrolled down, then an edit saved: the page shows it by itself, where it was.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height < 2500) {
    throw new Error(`the page is too short to scroll: ${height}px`);
  }
  await page.evaluate(() => {
    window.scrollTo(0, 1500);
    window.notReloaded = true;
  });
  const y = await page.evaluate(() => window.scrollY);
  const started = Date.now();
  replaceIn("content/introduction/context.en.md", "\n\n", "\n\nLive edit seen in the browser.\n\n");
  await page.waitForFunction(() => document.body.innerText.includes("Live edit seen in the browser."), { timeout: STEP });
  const reloadMs = Date.now() - started;
  if (await page.evaluate(() => window.notReloaded === true)) {
    throw new Error("the text changed without a reload?");
  }
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, { timeout: STEP }, y);
  console.log(`edit: the page reloaded by itself in ${reloadMs} ms, scrolled at ${await page.evaluate(() => window.scrollY)} (was ${y})`);

  // A stylesheet edited: swapped in, no reload.
  await page.evaluate(() => {
    window.notReloaded = true;
  });
  const css = "themes/default/static/style.css";
  fs.appendFileSync(path.join(root, css), "\nbody { outline: 7px solid rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).outlineWidth === "7px", { timeout: STEP });
  if (!(await page.evaluate(() => window.notReloaded === true))) {
    throw new Error("the page reloaded for a stylesheet");
  }
  console.log("stylesheet: swapped without a reload");

  // A YAML file broken: the errors over the page, with file, line and source, in English here.
  const yaml = "content/countries/az.yaml";
  const line = fs.readFileSync(path.join(root, yaml), "utf8").split("\n").findIndex((l) => l.startsWith("order: ")) + 1;
  replaceIn(yaml, "\norder: 1\n", "\norder: one\n");
  await page.waitForSelector("#rtcm-serve-overlay", { timeout: STEP });
  const overlay = await page.$eval("#rtcm-serve-overlay", (e) => e.innerText);
  for (const expected of [`${yaml}:${line}:8`, "order: invalid type", "order: one", "The site could not be updated", "The last good version of the site is shown underneath."]) {
    if (!overlay.includes(expected)) {
      throw new Error(`the overlay has no ${JSON.stringify(expected)}:\n${overlay}`);
    }
  }
  if (!(await page.evaluate(() => document.body.innerText.includes("Live edit seen in the browser.")))) {
    throw new Error("the last good page is not underneath");
  }
  console.log(`broken YAML: the overlay shows ${yaml}:${line}:8 and its source line`);

  // A page opened now shows them too, in its own language.
  const az = await browser.newPage();
  await az.goto(`${base}az/introduction/context/`, { waitUntil: "load" });
  await az.waitForSelector("#rtcm-serve-overlay", { timeout: STEP });
  const azText = await az.$eval("#rtcm-serve-overlay", (e) => e.innerText);
  if (!azText.includes("Saytı yeniləmək mümkün olmadı") || !azText.includes(`${yaml}:${line}:8`)) {
    throw new Error(`the Azerbaijani page's overlay:\n${azText}`);
  }
  console.log("a page opened after: the overlay in Azerbaijani");

  // Fixed: the overlay goes from both.
  replaceIn(yaml, "\norder: one\n", "\norder: 1\n");
  for (const p of [page, az]) {
    await p.bringToFront();
    await p.waitForFunction(() => !document.getElementById("rtcm-serve-overlay"), { timeout: STEP });
  }
  console.log("fixed: the overlay is gone");
} finally {
  await browser.close();
}
