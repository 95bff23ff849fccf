//! What readers get, in a real browser: a phone-sized page without sideways scrolling, the
//! language switcher keeping the reader's section, the curriculum filter, search (driven through
//! puppeteer-core by `tests/browser/search.mjs`), the navigation that keeps their place
//! (`tests/browser/nav.mjs`); and what an
//! editor gets under `serve`: pages that follow each save and show its errors (driven through
//! puppeteer-core by `tests/browser/live.mjs`). (`serve` without a browser is in
//! `tests/serve.rs`.)
//! Drives Debian's Chromium; `SKIP_BROWSER_TESTS=1` skips (CI installs Chromium and runs it).

mod common;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{get, serve, Server};

fn chromium_available() -> bool {
    if std::env::var_os("SKIP_BROWSER_TESTS").is_some() {
        eprintln!("SKIP_BROWSER_TESTS is set: browser tests skipped");
        return false;
    }
    assert!(std::path::Path::new("/usr/bin/chromium").exists(), "Chromium is needed: apt-get install chromium (or set SKIP_BROWSER_TESTS=1)");
    true
}

/// Load `url` in headless Chromium and return the DOM after its scripts ran. Headless Chromium
/// here sometimes stalls for minutes before dumping (seen with and without our server's
/// live-reload script), so a run that takes over 30 s is killed and tried again.
fn dump_dom(url: &str, width: u32) -> String {
    // One Chromium at a time: two started together are when the stalls are seen most.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    for _ in 0..4 {
        let profile = tempfile::tempdir().unwrap();
        let dom_file = profile.path().join("dom.html");
        let mut child = Command::new("/usr/bin/chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-breakpad",
                "--disable-crash-reporter",
                "--hide-scrollbars",
                "--virtual-time-budget=10000",
                &format!("--window-size={width},900"),
                &format!("--user-data-dir={}", profile.path().join("profile").display()),
                "--dump-dom",
                url,
            ])
            .stdout(std::fs::File::create(&dom_file).unwrap())
            .stderr(Stdio::null())
            // Its own process group, so a stalled run is killed with all its helper processes.
            .process_group(0)
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if child.try_wait().unwrap().is_some() {
                return std::fs::read_to_string(&dom_file).unwrap();
            }
            if Instant::now() > deadline {
                let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
                let _ = child.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    panic!("Chromium did not load {url} in four tries");
}

/// A page that loads `target` in a frame of `width` pixels and writes what it measured.
const HARNESS: &str = r#"<!DOCTYPE html><html><body><pre id="result">pending</pre>
<iframe id="f" style="width:WIDTHpx;height:800px;border:0"></iframe>
<script>
var f = document.getElementById("f"), done = false;
f.onload = function () {
  if (done) { return; }
  done = true;
  var d = f.contentDocument, w = f.contentWindow, out = [];
  // Measure where the switcher would go, without going there.
  d.addEventListener("click", function (e) { e.preventDefault(); });
  out.push("overflow=" + (d.documentElement.scrollWidth > w.innerWidth));
  out.push("lang=" + d.documentElement.lang);
  var h = d.getElementById("ANCHOR");
  if (h) {
    w.scrollTo(0, h.getBoundingClientRect().top + w.scrollY + 10);
    var link = d.querySelector("[data-lang-switch][hreflang=SWITCH]");
    link.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
    out.push("switch=" + link.href);
  }
  document.getElementById("result").textContent = out.join("\n");
};
f.src = "TARGET";
</script></body></html>"#;

fn measure(server: &Server, out: &std::path::Path, target: &str, width: u32, anchor: &str, switch: &str) -> String {
    let name = format!("harness-{}.html", target.replace('/', "-"));
    let html = HARNESS.replace("WIDTH", &width.to_string()).replace("TARGET", target).replace("ANCHOR", anchor).replace("SWITCH", switch);
    std::fs::write(out.join(&name), html).unwrap();
    let dom = dump_dom(&format!("http://127.0.0.1:{}/{name}", server.port), width + 40);
    let start = dom.find("<pre id=\"result\">").expect("harness ran") + "<pre id=\"result\">".len();
    dom[start..start + dom[start..].find("</pre>").unwrap()].to_string()
}

#[test]
fn reader_sees_a_working_site_in_a_browser() {
    if !chromium_available() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    let server = serve(&common::repo(), &out, false);
    let (status, body) = get(server.port, "/en/introduction/consultation/");
    assert_eq!(status, 200);
    assert!(!body.contains("__reload"), "--no-reload serves the pages as built");

    // On a phone, the page does not scroll sideways (wide tables scroll inside their frame);
    // switching language from the middle of a section keeps that section.
    for (target, switch, anchor, lang) in [
        ("/ru/introduction/consultation/", "en", "final-tables", "ru"),
        ("/az/introduction/methodology/", "ru", "data-analysis", "az"),
        ("/en/countries/ua/", "az", "consultation", "en"),
        // Table 2 is long text in three columns: on a phone its rows stack instead.
        ("/en/chapter-1/policy/", "ru", "table-strategies", "en"),
        // Table 4 stacks too; Table 6 (thirteen country columns) scrolls inside its frame.
        ("/ru/chapter-1/data-collection/", "az", "table-data-collection", "ru"),
        ("/az/chapter-1/international-cooperation/", "en", "table-eu-cooperation", "az"),
        // Table 7's rows of values scroll inside their frame; the curriculum is a list.
        ("/en/chapter-3/training-needs/", "ru", "table-training-needs", "en"),
        ("/az/chapter-4/curriculum/", "en", "module-13", "az"),
    ] {
        let result = measure(&server, &out, target, 375, anchor, switch);
        assert!(result.contains("overflow=false"), "{target}: {result}");
        assert!(result.contains(&format!("lang={lang}")), "{target}: {result}");
        let expected = format!("{}#{anchor}\n", target.replacen(&format!("/{lang}/"), &format!("/{switch}/"), 1));
        let href = result.split("switch=").nth(1).map(|h| format!("{h}\n")).unwrap_or_default();
        assert!(href.ends_with(&expected), "{target}: {result}, expected {expected}");
    }
}

/// The `<li class="activity" …>` start tags of a page, as (data-stakeholders, hidden).
fn activities(dom: &str) -> Vec<(String, bool)> {
    dom.match_indices("<li class=\"activity\"")
        .map(|(i, _)| {
            let tag = &dom[i..i + dom[i..].find('>').unwrap()];
            let keys = tag.split("data-stakeholders=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
            (keys.to_string(), tag.contains(" hidden"))
        })
        .collect()
}

#[test]
fn curriculum_filter_narrows_the_full_list() {
    if !chromium_available() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    let server = serve(&common::repo(), &out, false);
    // Without the script, every activity is there and the form is hidden.
    let (_, plain) = get(server.port, "/en/chapter-4/curriculum/");
    let all = activities(&plain);
    assert!(all.len() > 40 && all.iter().all(|(_, hidden)| !hidden), "{}", all.len());
    assert!(plain.contains("data-filter hidden>"));
    // With it, a filter in the address shows exactly the activities for the media.
    let dom = dump_dom(&format!("http://127.0.0.1:{}/en/chapter-4/curriculum/?stakeholder=media", server.port), 1200);
    assert!(dom.contains("<form class=\"curriculum-filter\" data-filter=\"\">"), "the form is shown");
    let seen = activities(&dom);
    assert_eq!(seen.len(), all.len());
    let media: Vec<_> = seen.iter().filter(|(keys, _)| keys.split(' ').any(|k| k == "media")).collect();
    assert!(!media.is_empty() && media.iter().all(|(_, hidden)| !hidden), "{media:?}");
    assert!(seen.iter().filter(|(keys, _)| !keys.split(' ').any(|k| k == "media")).all(|(_, hidden)| *hidden));
    assert!(dom.contains(&format!("<span data-shown=\"\">{}</span>", media.len())), "the count says how many");
}

/// `tests/browser`'s npm packages (puppeteer-core, pinned by its package-lock.json), installed
/// with `npm ci` when they are not there yet (`.ci/run` installs them before the tests).
fn browser_scripts() -> std::path::PathBuf {
    let dir = common::repo().join("tests/browser");
    if !dir.join("node_modules/puppeteer-core").is_dir() {
        let status = Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir).status();
        assert!(status.is_ok_and(|s| s.success()), "npm ci in {} failed: node and npm are needed (or set SKIP_BROWSER_TESTS=1)", dir.display());
    }
    dir
}

/// An editor's session in Chromium, driven by `tests/browser/live.mjs` through puppeteer-core:
/// a page open and scrolled shows a saved edit by itself with its scroll kept, swaps a changed
/// stylesheet without a reload, shows a broken YAML file's errors over the page (file, line, the
/// source line; in each page's language), and drops them once the file is fixed.
#[test]
fn an_open_page_follows_edits_and_shows_errors_in_chromium() {
    if !chromium_available() {
        return;
    }
    // A copy of the report: the script edits it.
    let work = tempfile::tempdir().unwrap();
    let root = common::report_copy(work.path());
    let server = serve(&root, &work.path().join("public"), true);
    let said = run_script("live.mjs", &server, &[root.as_os_str()], Duration::from_secs(180));
    assert!(said.contains("fixed: the overlay is gone"), "{said}");
}

/// Run `tests/browser/<script>` with Node.js against `server` (and `extra` arguments), killed
/// after `limit`; its output is printed, and it must exit with success.
fn run_script(script: &str, server: &Server, extra: &[&std::ffi::OsStr], limit: Duration) -> String {
    let scripts = browser_scripts();
    let mut child = Command::new("node")
        .arg(scripts.join(script))
        .arg(format!("http://127.0.0.1:{}/", server.port))
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("node is needed (or set SKIP_BROWSER_TESTS=1)");
    let deadline = Instant::now() + limit;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    eprintln!("{said}");
    assert!(output.status.success(), "{script} failed:\n{said}\nserve:\n{}", server.log());
    said
}

/// The search page in Chromium, driven by `tests/browser/search.mjs`: inflected Russian finds
/// the profile ("Молдове" → Moldova), English and Azerbaijani endings are taken off, "olke"
/// finds "ölkə", results open at the section that matched, phrases in quotes, the tables and the
/// countries index are searched, every result can be reached, nothing shifts while results
/// load, and the language switch keeps the query.
#[test]
fn search_finds_inflected_words_and_opens_the_section_that_matched() {
    if !chromium_available() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let server = serve(&common::repo(), &work.path().join("public"), false);
    let said = run_script("search.mjs", &server, &[], Duration::from_secs(180));
    assert!(said.contains("search: every check passed"), "{said}");
}

/// Every kind of page in every language, at 1280 and 360 px, light and dark, driven by
/// `tests/browser/pages.mjs`: axe-core finds no violation of any impact, nothing scrolls
/// sideways (at 320 px either), and the language switch, within reach once the reader has
/// scrolled, keeps the section in view. The screenshots go to `target/screenshots/`.
#[test]
fn every_kind_of_page_passes_axe_in_both_schemes_and_keeps_the_reader_s_place() {
    if !chromium_available() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let server = serve(&common::repo(), &work.path().join("public"), false);
    let shots = common::repo().join("target/screenshots");
    let said = run_script("pages.mjs", &server, &[shots.as_os_str()], Duration::from_secs(600));
    assert!(said.contains("pages: every check passed"), "{said}");
}

/// A reader's place, in Chromium (`tests/browser/nav.mjs`, through puppeteer-core), at 360 and
/// 1280 px: the language switch leads to the section in view (its address follows the scroll,
/// and the other language's page shows that section below the sticky header, which takes at
/// most 60 px on the phone); the sidebar scrolls itself to its current entry; the phone's
/// contents drawer opens on the current page and closes with Escape, giving the focus back; the
/// "on this page" list marks the section in view; a heading's link copies its address; the
/// curriculum's filter leaves no module link to a hidden module.
#[test]
fn a_reader_keeps_their_place_in_chromium() {
    if !chromium_available() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let server = serve(&common::repo(), &work.path().join("public"), false);
    let said = run_script("nav.mjs", &server, &[], Duration::from_secs(180));
    assert!(said.contains("nav: all checks passed"), "{said}");
}
