//! The report as a publication: the citation files, the meta tags of every page (citation_*,
//! Open Graph, Twitter), the JSON-LD, the preview cards, and the "last updated" dates from git.

mod common;
use common::{file, fixture, render};
use rtcm_report::pipeline::Rendered;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const LANGS: [&str; 3] = ["az", "en", "ru"];
const TITLES: [(&str, &str); 3] = [("az", "Sınaq hesabatı"), ("en", "Test report"), ("ru", "Тестовый доклад")];

/// The `content` of `<meta {attr}="{name}" …>` in `html`, every one in order.
fn metas<'a>(html: &'a str, attr: &str, name: &str) -> Vec<&'a str> {
    let open = format!("<meta {attr}=\"{name}\" content=\"");
    html.match_indices(&open).map(|(i, _)| {
        let rest = &html[i + open.len()..];
        &rest[..rest.find('"').unwrap()]
    }).collect()
}

fn meta<'a>(html: &'a str, attr: &str, name: &str) -> &'a str {
    let all = metas(html, attr, name);
    assert_eq!(all.len(), 1, "{name}: {all:?}");
    all[0]
}

fn json_ld(html: &str) -> Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).unwrap_or_else(|| panic!("no JSON-LD")) + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// The HTML pages of a language: `<lang>/…/index.html`, but the search index's.
fn pages<'a>(r: &'a Rendered, lang: &str) -> Vec<(&'a str, &'a str)> {
    r.files
        .iter()
        .filter(|f| f.path.starts_with(&format!("{lang}/")) && f.path.ends_with("index.html") && !f.path.contains("pagefind"))
        .map(|f| (f.path.as_str(), std::str::from_utf8(&f.bytes).unwrap()))
        .collect()
}

fn bytes<'a>(r: &'a Rendered, path: &str) -> &'a [u8] {
    &r.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no output {path}")).bytes
}

#[test]
fn every_page_has_the_citation_and_sharing_tags_of_its_language() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let locales = [("az", "az_AZ"), ("en", "en_GB"), ("ru", "ru_RU")];
    for (lang, title) in TITLES {
        let list = pages(&r, lang);
        assert!(list.len() >= 8, "{lang}: {}", list.len());
        for (path, html) in list {
            let at = path;
            assert_eq!(meta(html, "name", "citation_title"), title, "{at}");
            assert_eq!(meta(html, "name", "citation_language"), lang, "{at}");
            assert_eq!(meta(html, "name", "citation_author"), if lang == "ru" { "Михуби-Астор, Изабель" } else { "Mihoubi-Astor, Isabelle" }, "{at}");
            assert_eq!(meta(html, "name", "citation_publication_date"), "2021/09", "{at}");
            assert_eq!(meta(html, "name", "citation_pdf_url"), format!("https://example.org/report/{lang}/rtcm-report-2021-{lang}.pdf"), "{at}");
            assert_eq!(meta(html, "name", "citation_abstract_html_url"), format!("https://example.org/report/{lang}/"), "{at}");
            let publisher = meta(html, "name", "citation_publisher");
            assert_eq!(meta(html, "name", "citation_technical_report_institution"), publisher, "{at}");
            assert!(publisher.contains(["BMqT", "IOM", "МОМ"][LANGS.iter().position(|l| *l == lang).unwrap()]), "{at}: {publisher}");
            // Open Graph: the page's own address, title and description.
            let url = meta(html, "property", "og:url");
            assert_eq!(url, format!("https://example.org/report/{}", path.trim_end_matches("index.html")), "{at}");
            let page_title = &html[html.find("<title>").unwrap() + 7..html.find("</title>").unwrap()];
            assert_eq!(meta(html, "property", "og:title"), page_title, "{at}");
            assert!(!meta(html, "property", "og:description").is_empty(), "{at}");
            assert_eq!(meta(html, "property", "og:type"), if *path == format!("{lang}/index.html") { "website" } else { "article" }, "{at}");
            assert_eq!(meta(html, "property", "og:site_name"), title, "{at}");
            let (_, locale) = locales.iter().find(|(l, _)| *l == lang).unwrap();
            assert_eq!(meta(html, "property", "og:locale"), *locale, "{at}");
            let others: Vec<&str> = locales.iter().filter(|(l, _)| *l != lang).map(|(_, o)| *o).collect();
            assert_eq!(metas(html, "property", "og:locale:alternate"), others, "{at}");
            assert_eq!(meta(html, "property", "og:image"), format!("https://example.org/report/{lang}/preview.png"), "{at}");
            assert_eq!(meta(html, "property", "og:image:width"), "1200", "{at}");
            assert_eq!(meta(html, "property", "og:image:height"), "630", "{at}");
            assert!(meta(html, "property", "og:image:alt").starts_with(title), "{at}");
            assert_eq!(meta(html, "name", "twitter:card"), "summary_large_image", "{at}");
        }
    }
    // The language chooser is shared too (in the source language); the 404 page is not.
    let chooser = file(&r, "index.html");
    assert_eq!(meta(chooser, "property", "og:url"), "https://example.org/report/");
    assert!(!file(&r, "404.html").contains("og:"));
}

#[test]
fn json_ld_says_what_the_report_is_and_which_edition_translates_which() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let az_home = "https://example.org/report/az/";
    for (lang, title) in TITLES {
        let ld = json_ld(file(&r, &format!("{lang}/index.html")));
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "Report");
        assert_eq!(ld["name"], title);
        assert_eq!(ld["inLanguage"], lang);
        assert_eq!(ld["url"], format!("https://example.org/report/{lang}/"));
        assert_eq!(ld["datePublished"], "2021-09");
        assert_eq!(ld["author"]["@type"], "Person");
        assert_eq!(ld["author"]["familyName"], if lang == "ru" { "Михуби-Астор" } else { "Mihoubi-Astor" });
        assert_eq!(ld["publisher"]["@type"], "Organization");
        assert_eq!(ld["sourceOrganization"], ld["publisher"]);
        if lang == "az" {
            assert!(ld.get("translationOfWork").is_none());
            let tr: Vec<&str> = ld["workTranslation"].as_array().unwrap().iter().map(|t| t["url"].as_str().unwrap()).collect();
            assert_eq!(tr, ["https://example.org/report/en/", "https://example.org/report/ru/"]);
        } else {
            assert_eq!(ld["translationOfWork"]["url"], az_home);
            assert_eq!(ld["translationOfWork"]["@id"], format!("{az_home}#report"));
            assert_eq!(ld["translationOfWork"]["inLanguage"], "az");
        }
        // Other pages: a web page, part of the edition's report.
        let page = json_ld(file(&r, &format!("{lang}/intro/tables/index.html")));
        assert_eq!(page["@type"], "WebPage");
        assert_eq!(page["isPartOf"]["@id"], format!("https://example.org/report/{lang}/#report"));
        assert_eq!(page["url"], format!("https://example.org/report/{lang}/intro/tables/"));
        assert!(page["name"].is_string());
        assert!(json_ld(file(&r, &format!("{lang}/glossary/index.html")))["isPartOf"].is_object());
    }
}

#[test]
fn the_home_page_says_how_to_cite_the_edition_with_its_files() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    for (lang, title) in TITLES {
        let html = file(&r, &format!("{lang}/index.html"));
        let block = &html[html.find("<section class=\"cite\"").unwrap_or_else(|| panic!("{lang}: no cite block"))..];
        let block = &block[..block.find("</section>").unwrap()];
        assert!(block.contains(&format!("(2021). <cite>{title}</cite>")), "{block}");
        // The editions in translation say what they translate; the original does not.
        let note = ["", "[translated from the Azerbaijani original]", "[перевод с азербайджанского оригинала]"][LANGS.iter().position(|l| *l == lang).unwrap()];
        assert_eq!(block.contains('['), !note.is_empty(), "{block}");
        assert!(block.contains(note), "{block}");
        for ext in ["bib", "ris", "json"] {
            assert!(block.contains(&format!("<a href=\"/report/{lang}/cite/rtcm-report-2021.{ext}\" download>")), "{block}");
        }
    }
}

#[test]
fn the_citation_files_parse_and_hold_the_report() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    for (lang, title) in TITLES {
        let at = |ext: &str| format!("{lang}/cite/rtcm-report-2021.{ext}");
        // BibTeX: one @techreport, braces balanced, the required fields.
        let bib = file(&r, &at("bib"));
        assert!(bib.starts_with("@techreport{"), "{bib}");
        let mut depth = 0i32;
        let mut prev = ' ';
        for c in bib.chars() {
            if prev != '\\' {
                depth += match c { '{' => 1, '}' => -1, _ => 0 };
                assert!(depth >= 0, "{bib}");
            }
            prev = c;
        }
        assert_eq!(depth, 0, "{bib}");
        for field in ["author = {", &format!("title = {{{{{title}}}}}"), "institution = {", "year = 2021", "month = sep"] {
            assert!(bib.contains(field), "{lang}: {field}: {bib}");
        }
        // RIS: `XX  - value` lines, a report, ending with ER.
        let ris = file(&r, &at("ris"));
        let lines: Vec<&str> = ris.split("\r\n").filter(|l| !l.is_empty()).collect();
        for l in &lines {
            let tag = &l[..2];
            assert!(tag.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) && l[2..].starts_with("  - "), "{l:?}");
        }
        assert_eq!(lines[0], "TY  - RPRT");
        assert_eq!(*lines.last().unwrap(), "ER  - ");
        assert!(lines.contains(&format!("TI  - {title}").as_str()), "{ris}");
        assert!(lines.contains(&"PY  - 2021"), "{ris}");
        assert!(lines.contains(&format!("LA  - {lang}").as_str()), "{ris}");
        // CSL-JSON: a list of one report.
        let csl: Value = serde_json::from_str(file(&r, &at("json"))).unwrap();
        let item = &csl.as_array().unwrap()[0];
        assert_eq!(item["type"], "report");
        assert_eq!(item["title"], title);
        assert_eq!(item["issued"]["date-parts"], serde_json::json!([[2021, 9]]));
        assert_eq!(item["language"], lang);
        assert_eq!(item["URL"], format!("https://example.org/report/{lang}/"));
        assert!(item["author"][0]["family"].is_string() && item["publisher"].is_string());
        assert_eq!(item.get("original-title").is_some(), lang != "az");
    }
}

#[test]
fn a_site_without_a_report_section_has_no_citation_but_still_shares() {
    let dir = fixture(None);
    let toml = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(dir.path().join("site.toml"), &toml[..toml.find("[report]").unwrap()]).unwrap();
    let r = render(dir.path(), false, None).unwrap();
    let html = file(&r, "en/index.html");
    assert!(!html.contains("citation_") && !html.contains("class=\"cite\"") && !html.contains("ld+json"), "{html}");
    assert_eq!(meta(html, "property", "og:image"), "https://example.org/report/en/preview.png");
    assert!(!r.files.iter().any(|f| f.path.contains("/cite/")));
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&png[12..16], b"IHDR");
    let n = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
    (n(16), n(20))
}

#[test]
fn each_language_has_its_own_preview_card_the_same_on_every_build() {
    let dir = fixture(None);
    let r = render(dir.path(), false, Some(1)).unwrap();
    let cards: Vec<&[u8]> = LANGS.iter().map(|l| bytes(&r, &format!("{l}/preview.png"))).collect();
    for c in &cards {
        assert_eq!(png_size(c), (1200, 630));
        assert!(c.len() > 5_000, "an empty card? {} bytes", c.len());
    }
    assert_ne!(cards[0], cards[1]);
    assert_ne!(cards[1], cards[2]);
    let again = render(dir.path(), false, Some(2)).unwrap();
    assert_eq!(bytes(&again, "ru/preview.png"), cards[2]);
}

fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn footer_date(html: &str) -> Option<&str> {
    let i = html.find("<p class=\"updated\">")?;
    let rest = &html[i..];
    Some(&rest[rest.find("<time").unwrap()..rest.find("</time>").unwrap() + 7])
}

#[test]
fn each_page_shows_the_date_of_the_last_commit_of_its_own_file() {
    let dir = fixture(None);
    let root = dir.path();
    // No history: no date, and no error.
    let r = render(root, false, None).unwrap();
    assert_eq!(footer_date(file(&r, "en/intro/tables/index.html")), None);
    assert!(json_ld(file(&r, "en/index.html")).get("dateModified").is_none());
    git(root, "2024-01-15T10:00:00+04:00", &["init", "-q"]);
    git(root, "2024-01-15T10:00:00+04:00", &["add", "-A"]);
    git(root, "2024-01-15T10:00:00+04:00", &["commit", "-qm", "the report"]);
    let tables = root.join("content/intro/tables.en.md");
    let text = std::fs::read_to_string(&tables).unwrap();
    std::fs::write(&tables, format!("{text}\nA corrected sentence.\n")).unwrap();
    git(root, "2025-03-02T09:00:00+04:00", &["commit", "-qam", "intro: a correction"]);
    let country = root.join("content/countries/ua.yaml");
    let text = std::fs::read_to_string(&country).unwrap();
    std::fs::write(&country, format!("{text}\n")).unwrap();
    git(root, "2025-12-02T09:00:00+04:00", &["commit", "-qam", "ua: a blank line"]);
    // An edit not committed yet keeps the last commit's date.
    std::fs::write(&tables, "---\ntitle: Edited\n---\n\nNot committed.\n").unwrap();
    let r = render(root, false, None).unwrap();
    let page = |p: &str| footer_date(file(&r, p)).unwrap_or_else(|| panic!("{p}: no date"));
    assert_eq!(page("en/intro/tables/index.html"), "<time datetime=\"2025-03-02\">2 March 2025</time>");
    assert_eq!(page("az/intro/tables/index.html"), "<time datetime=\"2024-01-15\">15 yanvar 2024</time>");
    assert_eq!(page("ru/intro/tables/index.html"), "<time datetime=\"2024-01-15\">15 января 2024 г.</time>");
    assert_eq!(page("ru/countries/ua/index.html"), "<time datetime=\"2025-12-02\">2 декабря 2025 г.</time>");
    assert_eq!(page("en/countries/az/index.html"), "<time datetime=\"2024-01-15\">15 January 2024</time>");
    // The countries index: its newest country.
    assert_eq!(page("az/countries/index.html"), "<time datetime=\"2025-12-02\">2 dekabr 2025</time>");
    assert_eq!(json_ld(file(&r, "en/intro/tables/index.html"))["dateModified"], "2025-03-02");
    assert_eq!(json_ld(file(&r, "en/index.html"))["dateModified"], "2024-01-15");
    // The search page has no source of its own.
    assert_eq!(footer_date(file(&r, "en/search/index.html")), None);
}

#[test]
fn a_site_inside_another_repository_takes_no_dates_from_it() {
    let outer = tempfile::tempdir().unwrap();
    let site = outer.path().join("site");
    std::fs::create_dir(&site).unwrap();
    common::copy_dir(fixture(None).path(), &site);
    git(outer.path(), "2024-01-15T10:00:00+00:00", &["init", "-q"]);
    git(outer.path(), "2024-01-15T10:00:00+00:00", &["add", "-A"]);
    git(outer.path(), "2024-01-15T10:00:00+00:00", &["commit", "-qm", "a project holding a site"]);
    let r = render(&site, false, None).unwrap();
    assert_eq!(footer_date(file(&r, "en/intro/tables/index.html")), None);
}
