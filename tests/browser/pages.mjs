// Every kind of page as readers get it, in Chromium (run by tests/browser.rs):
//
//   node tests/browser/pages.mjs http://127.0.0.1:PORT/ SCREENSHOT_DIR [CHROMIUM]
//
// Each kind of page (root, home, section index, chapter, chapter with tables, countries index,
// profile, Table 7, curriculum unfiltered and filtered, glossary, search with results, 404) in
// each language, at 1280 and 360 px wide, in the light and the dark scheme: axe-core finds no
// violation of any impact; nothing scrolls sideways, at 320 px too; a screenshot of the first
// screen goes to SCREENSHOT_DIR as <lang>-<kind>-<width>-<scheme>.png. Then the language switch
// keeps a section scrolled to, at both widths. Any failure is listed; the exit status is then 1.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";
import { kinds, LANGS, QUERY, ROOT } from "./page-kinds.mjs";

const [base, shots, chromium = "/usr/bin/chromium"] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node pages.mjs BASE_URL SCREENSHOT_DIR [CHROMIUM]");
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const pages = [[ROOT[0], ROOT[2], ""], ...LANGS.flatMap((lang) => kinds(lang).map(([k, , u]) => [k, u, lang]))];

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"],
});
const failures = [];
let checked = 0;

async function open(page, url, width, scheme) {
  await page.setViewport({ width, height: width > 800 ? 800 : 780 });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
  await page.goto(url, { waitUntil: "load" });
  // The search page is ready once its results are shown.
  if (url.includes("/search/")) {
    await page.waitForSelector("#search[data-done]", { timeout: 20000 });
  }
  await page.evaluate(() => document.fonts.ready);
}

const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => failures.push(`page error: ${e.message}`));
  for (const [kind, rel, lang] of pages) {
    for (const width of [1280, 360]) {
      for (const scheme of ["light", "dark"]) {
        const where = `${lang || "root"} ${kind} ${width}px ${scheme}`;
        await open(page, base + rel, width, scheme);
        if (!(await page.evaluate(() => window.axe))) {
          await page.addScriptTag({ content: axeSource });
        }
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        for (const v of result.violations) {
          failures.push(`${where}: axe ${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
        }
        const over = await sideways(page);
        if (over > 0) {
          failures.push(`${where}: scrolls sideways by ${over}px`);
        }
        await page.screenshot({ path: path.join(shots, `${lang || "root"}-${kind}-${width}-${scheme}.png`) });
        checked += 1;
      }
    }
    // The narrowest phone.
    await open(page, base + rel, 320, "light");
    const over = await sideways(page);
    if (over > 0) {
      failures.push(`${lang || "root"} ${kind} 320px: scrolls sideways by ${over}px`);
    }
  }
  console.log(`axe-core: ${checked} page views checked`);

  // The 404 page speaks the language of the missing address, and its search box searches that
  // language; an address outside every language keeps all of them.
  for (const lang of LANGS) {
    await open(page, `${base}${lang}/chapter-1/no-such-page/`, 360, "light");
    const shown = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      blocks: [...document.querySelectorAll(".not-found")].filter((b) => !b.hidden).map((b) => b.dataset.lang),
      chapters: document.querySelectorAll(".not-found:not([hidden]) .not-found-contents a").length,
    }));
    if (shown.lang !== lang || shown.blocks.join() !== lang || shown.chapters < 5) {
      failures.push(`404 under /${lang}/: ${JSON.stringify(shown)}`);
      continue;
    }
    await page.type(`#nf-q-${lang}`, QUERY[lang]);
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
    await page.waitForSelector("#search[data-done]", { timeout: 20000 });
    const found = await page.evaluate(() => [location.pathname, document.querySelectorAll("#search-results > li").length]);
    if (!found[0].endsWith(`/${lang}/search/`) || found[1] === 0) {
      failures.push(`404 under /${lang}/: its search led to ${found[0]} with ${found[1]} results`);
    } else {
      console.log(`ok: 404 under /${lang}/ is in ${lang}, its search finds ${found[1]}`);
    }
  }
  // Printed (or saved as PDF from the browser), the print page keeps only the report: no header,
  // sidebar or footer; chapters start a new page; an external link shows its address after it.
  for (const lang of LANGS) {
    await open(page, `${base}${lang}/print/`, 1280, "light");
    await page.emulateMediaType("print");
    const printed = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== "none");
      const ext = [...document.querySelectorAll("main a[href^='http']")].find((a) => !a.closest(".cite"));
      return {
        chrome: ["header.site-header", "nav.sidebar", "footer.site-footer"].filter(shown),
        chapterBreak: getComputedStyle(document.querySelector(".print-chapter")).breakBefore,
        after: ext ? getComputedStyle(ext, "::after").content : "none",
        href: ext ? ext.getAttribute("href") : "",
      };
    });
    await page.emulateMediaType("screen");
    if (printed.chrome.length || printed.chapterBreak !== "page" || !printed.after.includes(printed.href) || !printed.href) {
      failures.push(`${lang}/print/ printed: ${JSON.stringify(printed)}`);
    } else {
      console.log(`ok: ${lang}/print/ prints without the site's header, sidebar and footer, chapters on new pages, ${printed.href} after its link`);
    }
  }
  await open(page, `${base}no-such-page`, 1280, "light");
  const all = await page.evaluate(() => [...document.querySelectorAll(".not-found")].filter((b) => !b.hidden).length);
  if (all !== LANGS.length) {
    failures.push(`404 outside every language shows ${all} language blocks, not ${LANGS.length}`);
  }

  // The language switch keeps the section scrolled to (not in the address), at both widths.
  for (const [width, from, id, to] of [[1280, "en/chapter-1/policy/", "policy-summary-table", "ru"], [360, "ru/introduction/methodology/", "data-analysis", "az"], [1280, "az/countries/md/", "cooperation", "en"]]) {
    await open(page, base + from, width, "light");
    await page.evaluate((id) => {
      const h = document.getElementById(id);
      window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 120);
    }, id);
    await new Promise((r) => setTimeout(r, 300));
    const link = await page.$(`.lang-switcher a[hreflang=${to}]`);
    const visible = link && (await link.isIntersectingViewport());
    if (!visible) {
      failures.push(`${from} ${width}px: the language switch is out of reach once the reader has scrolled`);
      continue;
    }
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), link.click()]);
    const [hash, top] = await page.evaluate((id) => [location.hash, document.getElementById(id)?.getBoundingClientRect().top], id);
    if (hash !== `#${id}` || !(top >= 0 && top < 400)) {
      failures.push(`${from} ${width}px: the switch to ${to} led to ${hash} (section at ${top}px), not #${id} in view`);
    } else {
      console.log(`ok: ${from} at ${width}px → ${to} keeps #${id}`);
    }
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.log(failures.join("\n"));
  console.log(`${failures.length} problem(s)`);
  process.exit(1);
}
console.log("pages: every check passed");
