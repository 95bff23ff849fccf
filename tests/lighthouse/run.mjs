// Lighthouse (mobile: its default, a mid-range phone on a slow 4G line) on every kind of page, in
// every language, against a site being served:
//
//   cargo run --release -- serve --no-reload &
//   npm ci --prefix tests/lighthouse && node tests/lighthouse/run.mjs http://127.0.0.1:1111/
//
// Prints a Markdown table of the four scores per page (the README keeps the last one), and exits
// with 1 if a page scores under 95 for performance or under 100 for accessibility, best practices
// or SEO.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { kinds, LANGS, ROOT } from "../browser/page-kinds.mjs";

const [base, chromePath = "/usr/bin/chromium"] = process.argv.slice(2);
if (!base) {
  console.error("usage: node run.mjs BASE_URL [CHROMIUM]");
  process.exit(2);
}
const only = process.env.LANGS ? process.env.LANGS.split(",") : LANGS;
// The 404 page is left out: Lighthouse scores a page answered 404 as an error.
const pages = [[ROOT[1], ROOT[2]], ...only.flatMap((l) => kinds(l).filter(([k]) => k !== "404").map(([, name, u]) => [`${l}: ${name}`, u]))];

const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
const rows = [];
let failed = 0;
try {
  for (const [name, rel] of pages) {
    const result = await lighthouse(base + rel, { port: chrome.port, output: "json", logLevel: "error" });
    const c = result.lhr.categories;
    const s = ["performance", "accessibility", "best-practices", "seo"].map((k) => Math.round(c[k].score * 100));
    const bad = s[0] < 95 || s.slice(1).some((x) => x < 100);
    failed += bad ? 1 : 0;
    const audits = result.lhr.audits;
    const lcp = audits["largest-contentful-paint"].displayValue, cls = audits["cumulative-layout-shift"].displayValue;
    rows.push(`| ${name} | ${s.join(" | ")} | ${lcp} | ${cls} |${bad ? " below the goal" : ""}`);
    console.error(rows[rows.length - 1]);
    if (bad) {
      for (const [id, a] of Object.entries(audits)) {
        if (a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual") {
          console.error(`    ${id}: ${a.title} ${a.displayValue || ""}`);
        }
      }
    }
  }
} finally {
  await chrome.kill();
}
console.log("| page | performance | accessibility | best practices | SEO | LCP | CLS |");
console.log("|---|---|---|---|---|---|---|");
console.log(rows.join("\n"));
process.exit(failed ? 1 : 0);
