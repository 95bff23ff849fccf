//! Open data: every table of the real report as CSV and JSON in each language, the numbers of
//! the downloads those of the pages, and the Data Package valid for the Frictionless validator
//! (`frictionless`, from PyPI; `SKIP_FRICTIONLESS=1` skips that check only).

mod common;
use std::path::Path;
use std::process::Command;

use common::{cells, figure, file, render, repo};
use rtcm_report::pipeline::Rendered;

const IDS: [&str; 12] = [
    "consultation", "authorities", "strategies", "problems", "statelessness", "trafficking", "data-collection", "gcm", "eu-cooperation", "training-needs",
    "curriculum", "countries",
];

fn bytes<'a>(r: &'a Rendered, path: &str) -> &'a [u8] {
    &r.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no output {path}")).bytes
}

/// A CSV download's header and rows, its byte order mark checked and dropped.
fn csv_of(r: &Rendered, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let b = bytes(r, path);
    let body = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or_else(|| panic!("{path}: no UTF-8 byte order mark"));
    let mut reader = csv::Reader::from_reader(body);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    (header, rows)
}

fn json_of(r: &Rendered, path: &str) -> serde_json::Value {
    serde_json::from_slice(bytes(r, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_table_has_a_csv_and_a_json_in_each_language_with_its_labels() {
    let r = render(&repo(), true, None).unwrap_or_else(|e| panic!("{e}"));
    for (lang, code, country) in [("az", "Kod", "Ölkə"), ("en", "Code", "Country"), ("ru", "Код", "Страна")] {
        let page = file(&r, &format!("{lang}/data/index.html"));
        let package = json_of(&r, &format!("{lang}/data/datapackage.json"));
        let resources = package["resources"].as_array().unwrap();
        assert_eq!(resources.iter().map(|r| r["name"].as_str().unwrap()).collect::<Vec<_>>(), IDS, "{lang}");
        for (id, resource) in IDS.iter().zip(resources) {
            let (header, rows) = csv_of(&r, &format!("{lang}/data/{id}.csv"));
            let json = json_of(&r, &format!("{lang}/data/{id}.json"));
            assert!(!rows.is_empty(), "{lang}/{id}");
            assert_eq!(json["rows"].as_array().unwrap().len(), rows.len(), "{lang}/{id}");
            // The header is the schema's field names and the JSON's labels, in the file's language.
            let names: Vec<&str> = resource["schema"]["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
            let labels: Vec<&str> = json["columns"].as_array().unwrap().iter().map(|c| c["label"].as_str().unwrap()).collect();
            assert_eq!(header, names, "{lang}/{id}");
            assert_eq!(header, labels, "{lang}/{id}");
            if !["training-needs", "curriculum"].contains(id) {
                assert_eq!(header[..2], [code, country], "{lang}/{id}");
            }
            assert_eq!(resource["path"], format!("{id}.csv"));
            // Linked from the data page, to be downloaded.
            for ext in ["csv", "json"] {
                assert!(page.contains(&format!("href=\"/{lang}/data/{id}.{ext}\" download>")), "{lang}: no link to {id}.{ext}");
            }
        }
        assert!(page.contains(&format!("href=\"/{lang}/data/datapackage.json\" download>")), "{lang}");
        // Its JSON-LD: a Dataset in the page's language, the downloads at absolute addresses.
        let ld = &page[page.find("<script type=\"application/ld+json\">").expect("JSON-LD") + 35..];
        let ld: serde_json::Value = serde_json::from_str(&ld[..ld.find("</script>").unwrap()]).unwrap();
        assert_eq!((ld["@type"].as_str(), ld["inLanguage"].as_str()), (Some("Dataset"), Some(lang)));
        let urls: Vec<&str> = ld["distribution"].as_array().unwrap().iter().map(|d| d["contentUrl"].as_str().unwrap()).collect();
        assert!(urls.contains(&format!("https://rtcm-report.example.org/{lang}/data/consultation.csv").as_str()), "{urls:?}");
        // Every page links the data page; each table links its own files in the page's language.
        let chapter = file(&r, &format!("{lang}/introduction/consultation/index.html"));
        assert!(chapter.contains(&format!("<a href=\"/{lang}/data/\">")), "{lang}");
        let t = figure(chapter, "consultation");
        assert!(t.contains(&format!("<a href=\"/{lang}/data/consultation.csv\" download>CSV<span class=\"visually-hidden\">")), "{lang}: {t}");
    }
    let sitemap = file(&r, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://rtcm-report.example.org/ru/data/</loc>"));
}

#[test]
fn table_1_totals_in_the_downloads_are_those_of_the_page() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, na) in [("az", "mövcud deyil"), ("en", "not available"), ("ru", "нет данных")] {
        let html = file(&r, &format!("{lang}/introduction/consultation/index.html"));
        let foot = &html[html.find("<tfoot>").unwrap()..html.find("</tfoot>").unwrap()];
        let page: Vec<u64> = cells(foot).iter().map(|c| c.parse().unwrap()).collect();
        assert_eq!(page, [12, 10, 22, 13, 12, 25], "{lang}");
        let json = json_of(&r, &format!("{lang}/data/consultation.json"));
        let t = &json["totals"];
        let downloads: Vec<u64> = ["interviews", "questionnaires"]
            .iter()
            .flat_map(|side| ["government", "cso", "total"].map(|k| t[side][k].as_u64().unwrap_or_else(|| panic!("{lang}: {side} {k}: {}", t[side][k]))))
            .collect();
        assert_eq!(downloads, page, "{lang}");
        // The CSV has no totals row; its columns add up to the totals.
        let (header, rows) = csv_of(&r, &format!("{lang}/data/consultation.csv"));
        assert_eq!(rows.len(), 13, "{lang}");
        let sum = |col: usize| rows.iter().filter_map(|r| r[col].parse::<u64>().ok()).sum::<u64>();
        let keys: Vec<&str> = json["columns"].as_array().unwrap().iter().map(|c| c["key"].as_str().unwrap()).collect();
        assert_eq!(keys.len(), header.len());
        let numbers: Vec<usize> = ["interviews-government", "interviews-cso", "interviews-total", "questionnaires-government", "questionnaires-cso", "questionnaires-total"]
            .iter()
            .map(|k| keys.iter().position(|c| c == k).unwrap_or_else(|| panic!("{lang}: no column {k}")))
            .collect();
        let sums: Vec<u64> = numbers.iter().map(|&i| sum(i)).collect();
        assert_eq!(sums, page, "{lang}: {header:?}");
        // Ukraine: the report gives no value; the files say so in words, never 0 or empty.
        let ua = rows.iter().find(|r| r[0] == "ua").unwrap();
        assert_eq!(numbers.iter().map(|&i| ua[i].as_str()).collect::<Vec<_>>(), [na; 6], "{lang}");
        let ua_json = json["rows"].as_array().unwrap().iter().find(|r| r["country-code"] == "ua").unwrap();
        assert_eq!(ua_json["interviews-total"], na);
        // Azerbaijan: 5 government, 1 + 6 media in the CSO column, 12 in all.
        let az = json["rows"].as_array().unwrap().iter().find(|r| r["country-code"] == "az").unwrap();
        assert_eq!([&az["questionnaires-government"], &az["questionnaires-cso"], &az["questionnaires-media"], &az["questionnaires-total"]], [5, 7, 6, 12]);
    }
}

#[test]
fn unknown_and_not_available_are_words_where_the_page_shows_them() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, unknown, na) in [("az", "naməlum", "mövcud deyil"), ("en", "unknown", "not available"), ("ru", "неизвестно", "нет данных")] {
        let package = json_of(&r, &format!("{lang}/data/datapackage.json"));
        for res in package["resources"].as_array().unwrap() {
            assert_eq!(res["schema"]["missingValues"], serde_json::json!(["", unknown, na]), "{lang}");
            // An allowed value is never a missing-value word.
            for f in res["schema"]["fields"].as_array().unwrap() {
                for v in f["constraints"]["enum"].as_array().into_iter().flatten() {
                    assert!(v != unknown && v != na, "{lang}: {v} in {f}");
                }
            }
        }
        // Table 6: as many unknown cells in the file as the page shows.
        let index = file(&r, &format!("{lang}/countries/index.html"));
        let t6 = &index[index.find("<table class=\"eu-cooperation").unwrap()..];
        let t6 = &t6[..t6.find("</table>").unwrap()];
        let shown = t6.matches("membership-unknown").count();
        let (_, rows) = csv_of(&r, &format!("{lang}/data/eu-cooperation.csv"));
        let written = rows.iter().flatten().filter(|c| *c == unknown).count();
        assert!(shown > 0 && written == shown, "{lang}: page {shown}, file {written}");
        // Table 7: each theme has a value per country column, lost ones as `unknown`, none empty.
        let (header, rows) = csv_of(&r, &format!("{lang}/data/training-needs.csv"));
        let values = header.len() - 3;
        assert_eq!(values, 12, "{lang}: {header:?}");
        for row in &rows {
            for c in &row[2..2 + values] {
                assert!(c == unknown || c == na || matches!(c.as_str(), "1" | "2" | "3" | "4"), "{lang}: {row:?}");
            }
        }
        assert!(rows.iter().flatten().any(|c| c == na) && rows.iter().flatten().any(|c| c == unknown), "{lang}");
    }
}

/// `frictionless validate --json` of a package: whether it is valid, and its report.
fn frictionless(package: &Path) -> Option<(bool, String)> {
    let out = match Command::new("frictionless").arg("validate").arg("--json").arg(package.file_name().unwrap()).current_dir(package.parent().unwrap()).output() {
        Ok(out) => out,
        Err(_) if std::env::var_os("SKIP_FRICTIONLESS").is_some() => return None,
        Err(e) => panic!(
            "cannot run `frictionless` ({e}): install it with `pip3 install frictionless==5.18.1` (as .ci/run does), or set SKIP_FRICTIONLESS=1 to skip this check"
        ),
    };
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let report: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("frictionless said: {e}\n{text}\n{}", String::from_utf8_lossy(&out.stderr)));
    Some((report["valid"] == true, text))
}

fn write_data(r: &Rendered, lang: &str, to: &Path) {
    for f in r.files.iter().filter(|f| f.path.starts_with(&format!("{lang}/data/"))) {
        std::fs::write(to.join(f.path.rsplit('/').next().unwrap()), &f.bytes).unwrap();
    }
}

#[test]
fn the_data_packages_are_valid_and_a_broken_one_is_caught() {
    let r = render(&repo(), true, None).unwrap();
    for lang in ["az", "en", "ru"] {
        let dir = tempfile::tempdir().unwrap();
        write_data(&r, lang, dir.path());
        let package = dir.path().join("datapackage.json");
        let Some((valid, report)) = frictionless(&package) else { return };
        assert!(valid, "{lang}: {report}");
    }
    // A number that is not one, and a value outside a column's allowed values: both caught.
    let dir = tempfile::tempdir().unwrap();
    write_data(&r, "en", dir.path());
    let t1 = dir.path().join("consultation.csv");
    let text = std::fs::read_to_string(&t1).unwrap().replacen("az,Azerbaijan,0,", "az,Azerbaijan,none,", 1);
    std::fs::write(&t1, text).unwrap();
    let gcm = dir.path().join("gcm.csv");
    let text = std::fs::read_to_string(&gcm).unwrap();
    let changed = text.replacen(",yes", ",perhaps", 1);
    assert_ne!(text, changed);
    std::fs::write(&gcm, changed).unwrap();
    let (valid, report) = frictionless(&dir.path().join("datapackage.json")).unwrap();
    assert!(!valid, "{report}");
    assert!(report.contains("type-error") && report.contains("constraint-error"), "{report}");
}
