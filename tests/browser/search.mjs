// What a reader gets from the search page, in Chromium (run by tests/browser.rs):
//
//   node tests/browser/search.mjs http://127.0.0.1:PORT/ [CHROMIUM]
//
// Each check opens /<lang>/search/?q=… as a shared link would (no typing), waits for the
// results and checks them. Any failure throws; the exit status is then 1.
import puppeteer from "puppeteer-core";

const [base, chromium = "/usr/bin/chromium"] = process.argv.slice(2);
if (!base) {
  console.error("usage: node search.mjs BASE_URL [CHROMIUM]");
  process.exit(2);
}

function check(ok, what, detail) {
  if (!ok) {
    throw new Error(`${what}\n${JSON.stringify(detail, null, 1)}`);
  }
  console.log(`ok: ${what}`);
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// The page's results once the search is done: the status, and per page its title, address,
// sections (heading, address) and the marked words of its excerpts.
async function search(page, lang, q) {
  // Layout shifts are summed from the start, as Lighthouse's CLS counts them.
  await page.evaluateOnNewDocument(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) { if (!e.hadRecentInput) { window.__shift += e.value; } } })
      .observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(`${base}${lang}/search/?q=${encodeURIComponent(q)}`, { waitUntil: "load" });
  await page.waitForSelector("#search[data-done]", { timeout: 20000 });
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    input: document.getElementById("search-q").value,
    shift: window.__shift,
    more: !document.getElementById("search-more").hidden,
    results: [...document.querySelectorAll("#search-results > li")].map((li) => ({
      title: li.querySelector("a").textContent,
      url: li.querySelector("a").getAttribute("href"),
      sections: [...li.querySelectorAll(".search-sections > li > a")].map((a) => [a.textContent, a.getAttribute("href")]),
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, "")),
    })),
  }));
}

const count = (r) => Number((r.status.match(/\d+/) || ["0"])[0]);
const top = (r, n) => r.results.slice(0, n);

try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => { throw new Error(`page error: ${e.message}`); });
  await page.setViewport({ width: 1280, height: 800 });

  // Russian is stemmed: an inflected country name finds its profile, first.
  let r = await search(page, "ru", "Молдове");
  check(r.input === "Молдове", "the query of the address is in the box", r.input);
  check(r.results[0] && r.results[0].url === "/ru/countries/md/", "«Молдове» opens Moldova's profile first", top(r, 3));
  check(r.results.some((x) => x.marks.includes("молдовы")), "«Молдове» also finds «Молдовы»", top(r, 5));
  const a = await search(page, "ru", "миграция"), b = await search(page, "ru", "миграции");
  check(count(a) === count(b) && count(a) > 20, "«миграция» and «миграции» find the same pages", [a.status, b.status]);

  // English is stemmed: "migrants" finds "migrant", "migrations" finds "migration".
  r = await search(page, "en", "migrants");
  check(r.results.some((x) => x.marks.includes("migrant")), "“migrants” finds “migrant”", top(r, 5));
  r = await search(page, "en", "migrations");
  check(r.results.some((x) => x.marks.includes("migration")), "“migrations” finds “migration”", top(r, 5));

  // Azerbaijani with and without its letters.
  const plain = await search(page, "az", "olke"), proper = await search(page, "az", "ölkə");
  check(count(plain) > 10 && count(plain) === count(proper), "“olke” finds what “ölkə” finds", [plain.status, proper.status]);
  check(plain.results.some((x) => x.marks.some((m) => m.startsWith("ölkə"))), "“olke” marks “ölkə…”", top(plain, 3));
  // Azerbaijani endings are taken off (Pagefind's Turkish stemmer): two case forms, one set.
  const loc = await search(page, "az", "ölkələrdə"), gen = await search(page, "az", "ölkənin");
  check(count(loc) === count(proper) && count(gen) === count(proper), "“ölkələrdə” and “ölkənin” find what “ölkə” finds", [loc.status, gen.status, proper.status]);
  r = await search(page, "az", "MUSAHIBE");
  check(r.results.some((x) => x.url === "/az/introduction/consultation/"), "“MUSAHIBE” finds “müsahibə”", top(r, 5));

  // Results open at the section that matched, named by its heading.
  r = await search(page, "en", "one-stop shop");
  const sections = r.results.flatMap((x) => x.sections);
  check(sections.length > 0 && sections.every(([title, url]) => title && /#[\w-]+$/.test(url)), "results link to sections, by their headings", sections.slice(0, 5));

  // A phrase in quotation marks; words joined by a hyphen are found apart too.
  r = await search(page, "en", '"one-stop shop"');
  check(count(r) > 0 && r.results.every((x) => x.marks.includes("one-stop") || x.marks.includes("onestop") || x.marks.includes("one")), "a phrase in quotes is found", top(r, 5));
  r = await search(page, "en", "Diaspora-2025");
  check(r.results.some((x) => x.url === "/en/countries/md/"), "“Diaspora-2025” finds “Diaspora 2025”", top(r, 3));

  // The tables are searched: Table 2's documents, Table 7's themes, the countries index.
  r = await search(page, "en", "DAR 1+3");
  check(r.results.some((x) => x.url === "/en/countries/md/"), "a document of Table 2 is found", top(r, 3));
  r = await search(page, "en", "Table 7");
  check(top(r, 3).some((x) => x.url === "/en/chapter-3/training-needs/"), "“Table 7” finds the Table 7 page among the first three", top(r, 3));
  r = await search(page, "ru", '"Доклад охватывает 13 стран"');
  check(r.results.some((x) => x.url === "/ru/countries/"), "the countries index is searched", top(r, 5));

  // Every result can be reached: "More results" until the list holds as many as the status says.
  r = await search(page, "en", "migration");
  const total = count(r);
  check(total > 10 && r.results.length === 10 && r.more, "ten results first, and a button for the rest", [r.status, r.results.length]);
  while (await page.$eval("#search-more", (b) => !b.hidden)) {
    const before = await page.$$eval("#search-results > li", (l) => l.length);
    await page.click("#search-more");
    await page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length > n, {}, before);
  }
  const listed = await page.$$eval("#search-results > li", (l) => l.length);
  check(listed === total, `all ${total} results are listed`, listed);
  check(r.shift < 0.1, "nothing shifts while the results load", r.shift);

  // The language switch carries the query.
  await search(page, "en", "border management");
  const href = await page.$eval(".lang-switcher a[hreflang=ru]", (a) => { a.click(); return a.getAttribute("href"); });
  await page.waitForNavigation();
  await page.waitForSelector("#search[data-done]", { timeout: 20000 });
  const ru = await page.evaluate(() => [location.pathname + location.search, document.getElementById("search-q").value, document.querySelectorAll("#search-results > li").length]);
  check(ru[0].startsWith("/ru/search/?q=") && ru[1] === "border management", "the language switch keeps the query", [href, ru]);

  r = await search(page, "en", "zzzzqqq");
  check(r.status === "Nothing found." && r.results.length === 0, "nothing found says so", r.status);
  console.log("search: every check passed");
} finally {
  await browser.close();
}
