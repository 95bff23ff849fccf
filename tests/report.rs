//! The real report in `content/`: it builds with `--strict`, and its tables say what the
//! source says, in each language.

mod common;
use common::{file, render, repo};

fn row<'a>(html: &'a str, country_url: &str) -> &'a str {
    let start = html.find(&format!("<a href=\"{country_url}\">")).unwrap_or_else(|| panic!("no row {country_url}"));
    let end = start + html[start..].find("</tr>").unwrap();
    &html[start..end]
}

fn cells(fragment: &str) -> Vec<String> {
    fragment
        .split("<td")
        .skip(1)
        .map(|c| {
            let inner = &c[c.find('>').unwrap() + 1..c.find("</td>").unwrap()];
            let mut text = String::new();
            let mut in_tag = false;
            for ch in inner.chars() {
                match ch {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn the_real_report_builds_strictly() {
    let r = render(&repo(), true, None).unwrap_or_else(|e| panic!("{e}"));
    for lang in ["az", "en", "ru"] {
        for page in ["index.html", "introduction/context/index.html", "introduction/consultation/index.html", "countries/index.html", "glossary/index.html"] {
            file(&r, &format!("{lang}/{page}"));
        }
        for code in ["az", "by", "ge", "ir", "kz", "kg", "md", "ru", "tj", "tr", "tm", "ua", "uz"] {
            file(&r, &format!("{lang}/countries/{code}/index.html"));
        }
    }
}

#[test]
fn table_1_matches_the_source_in_every_language() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, not_available, media) in [("az", "mövcud deyil", "media"), ("en", "not available", "media"), ("ru", "нет данных", "СМИ")] {
        let html = file(&r, &format!("{lang}/introduction/consultation/index.html"));
        // Source line 326: "Cəmi 12 10 22 13 12 25".
        let foot = &html[html.find("<tfoot>").unwrap()..html.find("</tfoot>").unwrap()];
        assert_eq!(cells(foot), ["12", "10", "22", "13", "12", "25"], "{lang}");
        // Source line 297: "Azərbaycan 0 0 0 5 1+6 media 12".
        assert_eq!(cells(row(html, &format!("/{lang}/countries/az/"))), ["0", "0", "0", "5", &format!("1 + 6 {media}"), "12"], "{lang}");
        // Source line 312: "Rusiya 0 3 3 0 4 4".
        assert_eq!(cells(row(html, &format!("/{lang}/countries/ru/"))), ["0", "3", "3", "0", "4", "4"], "{lang}");
        // Source lines 318-319: Ukraine, "Mövcud deyil" in every cell.
        assert_eq!(cells(row(html, &format!("/{lang}/countries/ua/"))), vec![not_available; 6], "{lang}");
    }
}

#[test]
fn authorities_table_matches_the_source() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, iran, remark) in [
        ("az", "Əcnəbilər və Əcnəbi Miqrantların İşləri üzrə Büro (BAFIA)", "BAFIA-nın miqrasiya portfelinə aid geniş kompetensiyası yoxdur"),
        ("en", "Bureau for Aliens and Foreign Immigrants' Affairs (BAFIA)", "BAFIA does not have broad competence over the migration portfolio"),
        ("ru", "Бюро по делам иностранцев и иностранных мигрантов (BAFIA)", "BAFIA не обладает широкой компетенцией"),
    ] {
        let html = file(&r, &format!("{lang}/chapter-1/institutional-frameworks/index.html"));
        let iran_row = row(html, &format!("/{lang}/countries/ir/")).replace("&#39;", "'");
        assert!(iran_row.contains(iran), "{lang}: {iran_row}");
        assert!(iran_row.contains(remark), "{lang}: {iran_row}");
    }
}
