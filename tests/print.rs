//! The whole report on one page (`/<lang>/print/`) and its PDF (`rtcm-report pdf`).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{file, render, repo};

/// The values of attribute `name` (`id`, `href`) in `html`, in order.
fn attrs<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!(" {name}=\"");
    html.match_indices(&pat).map(|(i, _)| {
        let rest = &html[i + pat.len()..];
        &rest[..rest.find('"').unwrap()]
    }).collect()
}

#[test]
fn the_print_page_has_every_page_in_order_with_unique_ids_and_links_that_resolve() {
    let r = render(&repo(), true, None).expect("the report builds");
    let site = rtcm_report::site::Site::load(&repo(), None).unwrap();
    for lang in ["az", "en", "ru"] {
        let html = file(&r, &format!("{lang}/print/index.html"));
        // Every page, in reading order, under its title.
        let mut at = 0;
        for key in site.order.iter().skip(1) {
            let id = rtcm_report::render::print_id(key);
            let title = &site.pages[key].file_for(lang, "az").0.front.title;
            let found = html[at..].find(&format!(" id=\"{id}\"")).unwrap_or_else(|| panic!("{lang}: `{key}` missing or out of order"));
            at += found;
            assert!(html[at..].starts_with(&format!(" id=\"{id}\"")));
            let heading = format!("id=\"{id}--title\">{}<", title.replace('\'', "&#39;").replace('"', "&quot;"));
            assert!(html[at..].contains(&heading), "{lang}: title of `{key}`");
        }
        let ids = attrs(html, "id");
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "{lang}: ids repeat");
        let hrefs = attrs(html, "href");
        for f in hrefs.iter().filter_map(|h| h.strip_prefix('#')) {
            assert!(unique.contains(f), "{lang}: #{f} leads nowhere on the page");
        }
        // No link into a report page is left: the header's and sidebar's aside, every link of
        // the text is a fragment.
        let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
        for key in site.order.iter().skip(1) {
            let url = site.permalink(key, lang);
            assert!(!attrs(main, "href").contains(&url.as_str()), "{lang}: a link to {url} is left in the text");
        }
        // Footnotes per page: each page's notes carry its prefix, with the report's numbers.
        let notes: Vec<&str> = ids.iter().copied().filter(|i| i.contains("--fn-")).collect();
        assert!(!notes.is_empty(), "{lang}: no footnotes");
        let mut per_page: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for n in &notes {
            let (page, label) = n.split_once("--fn-").unwrap();
            per_page.entry(page).or_default().push(label);
            assert!(unique.contains(format!("{page}--fnref-{label}").as_str()), "{lang}: note {n} has no reference");
        }
        assert!(per_page.len() >= 2, "{lang}: notes of several pages: {per_page:?}");
        // Each page's own headings are in the contents list, linked.
        assert!(hrefs.contains(&"#chapter-1-policy--general-information"), "{lang}: contents");
    }
}

#[test]
fn links_between_pages_become_fragments_on_the_print_page() {
    let dir = common::fixture(None);
    let r = render(dir.path(), false, None).expect("the fixture builds");
    let html = file(&r, "en/print/index.html");
    assert!(attrs(html, "href").contains(&"#intro-only-source--details"), "{html}");
    assert!(attrs(html, "id").contains(&"intro-only-source--details"));
    // Every page links the print page and its language's PDF.
    let page = file(&r, "en/intro/tables/index.html");
    assert!(page.contains("href=\"/report/en/print/\"") && page.contains("href=\"/report/en/rtcm-report-2021-en.pdf\""), "{page}");
}

/// A PDF text string (UTF-16BE with its mark, or bytes) as text.
fn pdf_text(o: &lopdf::Object) -> String {
    let bytes = o.as_str().expect("a string");
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => String::from_utf16(&utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>()).unwrap(),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[test]
fn the_pdf_has_metadata_an_outline_links_fonts_and_page_numbers() {
    if std::env::var_os("SKIP_BROWSER_TESTS").is_some() {
        eprintln!("SKIP_BROWSER_TESTS is set: the PDF test is skipped");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_rtcm-report"))
        .args(["--root", repo().to_str().unwrap(), "pdf", "--out", out.path().to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let site = rtcm_report::site::Site::load(&repo(), None).unwrap();
    let mut first: Option<Vec<u8>> = None;
    for lang in ["az", "en", "ru"] {
        let path = out.path().join(format!("{lang}/rtcm-report-2021-{lang}.pdf"));
        let bytes = std::fs::read(&path).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let pages = doc.get_pages();
        assert!(pages.len() > 40, "{lang}: {} pages", pages.len());
        let info = doc.trailer.get(b"Info").and_then(|o| o.as_reference()).and_then(|r| doc.get_dictionary(r)).unwrap();
        assert_eq!(pdf_text(info.get(b"Title").unwrap()), site.config.title[lang]);
        let author = pdf_text(info.get(b"Author").unwrap());
        assert_eq!(author, if lang == "ru" { "Изабель Михуби-Астор" } else { "Isabelle Mihoubi-Astor" });
        assert_eq!(doc.catalog().unwrap().get(b"Lang").unwrap().as_str().unwrap(), lang.as_bytes());
        // The outline: the chapters' titles, in this language.
        let mut titles = Vec::new();
        let mut links = 0;
        let mut embedded = 0;
        for o in doc.objects.values() {
            let Ok(d) = o.as_dict() else { continue };
            if d.has(b"Title") && (d.has(b"Parent") || d.has(b"First")) && d.has(b"Dest") {
                titles.push(pdf_text(d.get(b"Title").unwrap()));
            }
            if d.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|s| s == b"Link") {
                links += 1;
            }
            if d.has(b"FontFile2") || d.has(b"FontFile3") {
                embedded += 1;
            }
        }
        // (Compared without white space: the outline joins a title's lines without one.)
        let bare = |s: &str| s.split_whitespace().collect::<String>();
        let titles: Vec<String> = titles.iter().map(|t| bare(t)).collect();
        for key in ["chapter-1", "chapter-4", "introduction/methodology"] {
            let title = &site.pages[key].files[lang].front.title;
            assert!(titles.contains(&bare(title)), "{lang}: `{title}` not in the outline {titles:?}");
        }
        assert!(links > 100, "{lang}: {links} link annotations");
        assert!(embedded > 0, "{lang}: no embedded font");
        // Page numbers in the footer: "n / N" on the second page.
        let n = pages.len();
        let text = doc.extract_text(&[2]).unwrap_or_default();
        assert!(bare(&text).contains(&format!("2/{n}")), "{lang}: no page number in {text:?}");
        // And the report's title in the running header.
        assert!(bare(&text).starts_with(&bare(&site.config.title[lang])), "{lang}: no running title in {text:?}");
        // The links out of the PDF lead to the published site, not the server it was printed from.
        assert!(!bytes.windows(16).any(|w| w == b"http://127.0.0.1"), "{lang}: a link to the local server");
        if lang == "en" {
            first = Some(bytes);
        }
    }
    // The same sources, the same bytes.
    let again = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_rtcm-report"))
        .args(["--root", repo().to_str().unwrap(), "pdf", "--out", again.path().to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::read(again.path().join("en/rtcm-report-2021-en.pdf")).unwrap() == first.unwrap(), "two runs differ");
}

#[test]
fn pdf_without_chromium_says_how_to_install_it_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rtcm-report"))
        .args(["--root", repo().to_str().unwrap(), "pdf", "--out", out.path().to_str().unwrap(), "--chromium", "/nonexistent/chromium"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("Chromium not found") && err.contains("apt-get install chromium"), "{err}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}
