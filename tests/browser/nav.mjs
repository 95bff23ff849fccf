// A reader who must never lose their place, in Chromium (run by tests/browser.rs):
//
//   node tests/browser/nav.mjs http://127.0.0.1:PORT/ [CHROMIUM]
//
// against the report served without live reload. On a phone (360×780) and a laptop
// (1280×800): the header stays on screen and small on the phone; the language switch, read
// after scrolling (a middle click or a copied address) and clicked, leads to the section in
// view, shown below the sticky header; the sidebar shows its current entry in its own view; on
// the phone "Contents" opens a drawer that Escape closes; on the laptop the "on this page" list
// marks the section in view; a heading's link copies its address and says so; the curriculum's
// filter leaves no module link to a hidden module. Each check prints a line; any failure
// throws, and the exit status is 1.
import puppeteer from "puppeteer-core";

const [base, chromium = "/usr/bin/chromium"] = process.argv.slice(2);
if (!base) {
  console.error("usage: node nav.mjs BASE_URL [CHROMIUM]");
  process.exit(2);
}
const origin = new URL(base).origin;

function check(ok, what, detail) {
  if (!ok) {
    throw new Error(`${what}: ${JSON.stringify(detail)}`);
  }
  console.log(`ok: ${what}`);
}

const settle = () => new Promise((r) => setTimeout(r, 250));

// Scroll so that the heading `id` is just above a quarter of the screen, as a reader in the
// middle of its section would have it; return where the switch to `lang` leads.
async function readAt(page, id, lang) {
  await page.evaluate((id) => {
    const el = document.getElementById(id);
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - window.innerHeight / 5);
  }, id);
  await settle();
  return page.evaluate((lang) => document.querySelector(`[data-lang-switch][hreflang=${lang}]`).href, lang);
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  await browser.defaultBrowserContext().overridePermissions(origin, ["clipboard-read", "clipboard-write", "clipboard-sanitized-write"]);
  for (const [width, height] of [[360, 780], [1280, 800]]) {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setViewport({ width, height });

    // The language switch, from the middle of a section: its address follows the scroll, and
    // the other language's page opens at that section, below the sticky header.
    for (const [path, id, lang] of [["en/introduction/methodology/", "data-analysis", "ru"], ["ru/chapter-1/policy/", "table-strategies", "az"], ["az/countries/md/", "data-collection", "en"]]) {
      await page.goto(base + path, { waitUntil: "load" });
      const href = await readAt(page, id, lang);
      check(href.endsWith(`/${lang}/${path.split("/").slice(1).join("/")}#${id}`), `${width}px ${path}: the switch to ${lang} follows the scroll to #${id}`, href);
      await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click(`[data-lang-switch][hreflang=${lang}]`)]);
      await settle();
      const landed = await page.evaluate(() => ({
        hash: location.hash,
        top: document.getElementById(location.hash.slice(1))?.getBoundingClientRect().top,
        header: document.querySelector(".site-header").getBoundingClientRect().toJSON(),
      }));
      check(landed.hash === `#${id}`, `${width}px ${path}: the ${lang} page opens at #${id}`, landed.hash);
      check(landed.header.top === 0 && landed.top >= landed.header.bottom && landed.top < landed.header.bottom + 48, `${width}px ${path}: #${id} shows just below the header`, landed);
      if (width === 360) {
        check(landed.header.height <= 60, `360px: the header takes ${landed.header.height}px`, landed.header);
      }
    }

    // The sidebar's current entry is in the sidebar's own view (Chapter 1's last page, at the
    // bottom of the longest sidebar, in a window too short to show it unscrolled), the page not
    // scrolled for it.
    await page.setViewport({ width, height: 480 });
    await page.goto(base + "ru/chapter-1/civil-society/", { waitUntil: "load" });
    await settle();
    if (width === 360) {
      const opener = ".contents-link";
      const before = await page.evaluate(() => ({ expanded: document.querySelector(".contents-link").getAttribute("aria-expanded"), shown: document.getElementById("site-nav").getClientRects().length }));
      check(before.expanded === "false" && before.shown === 0, "360px: the drawer is closed, the sidebar not at the bottom of the page", before);
      await page.click(opener);
      await settle();
    }
    const nav = await page.evaluate(() => {
      const sidebar = document.getElementById("site-nav");
      const box = sidebar.getBoundingClientRect();
      const current = sidebar.querySelector("a.current").getBoundingClientRect();
      return {
        scrolled: sidebar.scrollTop,
        scrollY: window.scrollY,
        box: { top: box.top, bottom: Math.min(box.bottom, window.innerHeight) },
        current: { top: current.top, bottom: current.bottom },
        focus: sidebar.contains(document.activeElement) ? document.activeElement.className : document.activeElement.tagName,
        expanded: document.querySelector(".contents-link").getAttribute("aria-expanded"),
        mainInert: document.getElementById("main").inert,
      };
    });
    check(nav.scrolled > 0 && nav.scrollY === 0 && nav.current.top >= nav.box.top && nav.current.bottom <= nav.box.bottom, `${width}px: the sidebar scrolls to its current entry`, nav);
    await page.setViewport({ width, height });
    if (width === 360) {
      check(nav.expanded === "true" && nav.focus === "current" && nav.mainInert, "360px: the drawer opens on the current page, the page behind it inert", nav);
      await page.keyboard.press("Escape");
      await settle();
      const after = await page.evaluate(() => ({ expanded: document.querySelector(".contents-link").getAttribute("aria-expanded"), shown: document.getElementById("site-nav").getClientRects().length, focus: document.activeElement.className, mainInert: document.getElementById("main").inert }));
      check(after.expanded === "false" && after.shown === 0 && after.focus === "contents-link" && !after.mainInert, "360px: Escape closes the drawer and gives the focus back", after);
    }

    // The "on this page" list marks the section in view (a column of its own at 1280px).
    await page.goto(base + "en/introduction/methodology/", { waitUntil: "load" });
    await readAt(page, "data-analysis", "az");
    const toc = await page.evaluate(() => {
      const list = document.querySelector(".page-toc");
      return { current: [...list.querySelectorAll("a[aria-current]")].map((a) => a.getAttribute("href")), position: getComputedStyle(list).position };
    });
    check(toc.current.length === 1 && toc.current[0] === "#data-analysis", `${width}px: "on this page" marks the section in view`, toc);
    if (width === 1280) {
      check(toc.position === "fixed", "1280px: \"on this page\" stays beside the text", toc);
    }

    // A heading's link leads to its section and copies its address, saying so.
    await page.evaluate(() => document.querySelector("#data-collection + .heading-anchor").scrollIntoView({ block: "center" }));
    await page.click("#data-collection + .heading-anchor");
    await settle();
    const copied = await page.evaluate(async () => ({ url: location.href, status: document.querySelector(".copy-status").textContent, clip: await navigator.clipboard.readText() }));
    check(copied.url.endsWith("#data-collection") && copied.clip === copied.url && copied.status === "Link copied", `${width}px: a heading's link copies its address`, copied);

    // The curriculum's filter: Media + Researchers leaves one activity, and the module list
    // only the entries that lead to something shown.
    await page.goto(base + "en/chapter-4/curriculum/?stakeholder=media&level=researchers", { waitUntil: "load" });
    const filtered = await page.evaluate(() => {
      const links = [...document.querySelectorAll(".module-index a")].filter((a) => a.getClientRects().length);
      return {
        links: links.length,
        dead: links.filter((a) => !document.getElementById(a.getAttribute("href").slice(1)).getClientRects().length).map((a) => a.textContent),
        activities: [...document.querySelectorAll(".activity")].filter((a) => a.getClientRects().length).length,
        shown: document.querySelector("[data-shown]").textContent,
      };
    });
    check(filtered.dead.length === 0 && filtered.links >= 2 && filtered.links < 19 && String(filtered.activities) === filtered.shown, `${width}px: the filtered curriculum lists only modules it shows`, filtered);

    check(errors.length === 0, `${width}px: no script error`, errors);
    await page.close();
  }
  console.log("nav: all checks passed");
} finally {
  await browser.close();
}
