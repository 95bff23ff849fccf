//! Translations that say when they fall behind: `translated` records what a translation was
//! made from, `check` and `status` name the stale ones, and their pages say so to readers.

mod common;
use std::path::Path;
use std::process::{Command, Output};

use common::fixture;

fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rtcm-report")).current_dir(root).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn rewrite(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edited_source_makes_its_translations_stale_until_they_are_marked_translated() {
    let site = fixture(None);
    let root = site.path();
    // Without a record file the site does not track translations.
    let untracked = run(root, &["status"]);
    assert_eq!(untracked.status.code(), Some(1));
    assert!(stderr(&untracked).contains("does not track translations"), "{}", stderr(&untracked));

    let all = run(root, &["translated", "--all"]);
    assert!(all.status.success(), "{}", stderr(&all));
    assert!(root.join("content/translations.yaml").is_file());
    let clean = run(root, &["check"]);
    assert!(clean.status.success() && !stderr(&clean).contains("stale"), "{}", stderr(&clean));

    // A paragraph of the Azerbaijani changes: both translations are stale, with the line.
    let az = std::fs::read_to_string(root.join("content/intro/tables.az.md")).unwrap();
    let (n, line) = az.lines().enumerate().find(|(_, l)| l.starts_with("Bax:") || l.contains("[")).map(|(i, l)| (i + 1, l.to_string())).unwrap();
    rewrite(root, "content/intro/tables.az.md", &line, &format!("{line} Yeni cümlə."));
    let check = run(root, &["check"]);
    assert!(check.status.success(), "warnings only: {}", stderr(&check));
    let text = stderr(&check);
    for lang in ["en", "ru"] {
        assert!(text.contains(&format!("content/intro/tables.{lang}.md: warning: stale `{lang}` translation: content/intro/tables.az.md changed since it was translated")), "{text}");
        assert!(text.contains(&format!("rtcm-report translated content/intro/tables.{lang}.md")), "{text}");
    }
    assert!(text.contains(&format!("changed or new, line {n}: {line} Yeni cümlə.")), "{text}");
    assert!(text.contains("1 recorded unit is no longer in the source"), "{text}");
    assert_eq!(run(root, &["check", "--strict"]).status.code(), Some(1), "--strict fails on a stale translation");

    // `status` says so, as a table and as JSON.
    let table = String::from_utf8(run(root, &["status"]).stdout).unwrap();
    assert!(table.contains("| intro/tables.az.md | stale | stale |"), "{table}");
    let json: serde_json::Value = serde_json::from_slice(&run(root, &["status", "--format", "json"]).stdout).unwrap();
    let row = json["texts"].as_array().unwrap().iter().find(|r| r["file"] == "intro/tables.az.md").unwrap();
    assert_eq!((row["kind"].as_str(), row["states"]["en"].as_str(), row["states"]["ru"].as_str()), (Some("page"), Some("stale"), Some("stale")));
    assert_eq!(json["totals"]["en"]["stale"], 1);

    // Readers of the stale page see a notice in their language; the source page has none.
    let out = tempfile::tempdir().unwrap();
    let built = run(root, &["build", "--out", out.path().join("public").to_str().unwrap()]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = |lang: &str| std::fs::read_to_string(out.path().join(format!("public/{lang}/intro/tables/index.html"))).unwrap();
    assert!(page("en").contains("<p class=\"notice notice-stale\" role=\"note\">The Azerbaijani original has changed since this translation was made.</p>"));
    assert!(page("ru").contains("Азербайджанский оригинал изменился"));
    assert!(!page("az").contains("notice-stale"));

    // The English is brought up to date and marked: only the Russian is stale now.
    let marked = run(root, &["translated", "content/intro/tables.en.md"]);
    assert!(marked.status.success(), "{}", stderr(&marked));
    let text = stderr(&run(root, &["check"]));
    assert!(!text.contains("stale `en`") && text.contains("stale `ru`"), "{text}");

    // A source text is not a translation; a path outside content/ is refused.
    let wrong = run(root, &["translated", "content/intro/tables.az.md"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("is the source"), "{}", stderr(&wrong));
}

#[test]
fn an_edited_data_text_makes_its_file_stale_with_the_key_named() {
    let site = fixture(None);
    let root = site.path();
    assert!(run(root, &["translated", "--all"]).status.success());
    rewrite(root, "content/countries/az.yaml", "az: Miqrasiya Konsepsiyası,", "az: Miqrasiya Siyasəti Konsepsiyası,");
    let text = stderr(&run(root, &["check"]));
    for lang in ["en", "ru"] {
        assert!(text.contains(&format!("content/countries/az.yaml: warning: stale `{lang}` translation: the `az` texts changed since it was translated")), "{text}");
        assert!(text.contains(&format!("rtcm-report translated --lang {lang} content/countries/az.yaml")), "{text}");
    }
    assert!(text.contains("changed or new, strategies.comprehensive.documents[0].title: Miqrasiya Siyasəti Konsepsiyası"), "{text}");
    let table = String::from_utf8(run(root, &["status"]).stdout).unwrap();
    assert!(table.contains("| countries/az.yaml (data) | stale | stale |"), "{table}");
    // The country's profile says so to its English and Russian readers.
    let out = tempfile::tempdir().unwrap();
    assert!(run(root, &["build", "--out", out.path().join("public").to_str().unwrap()]).status.success());
    let profile = |lang: &str| std::fs::read_to_string(out.path().join(format!("public/{lang}/countries/az/index.html"))).unwrap();
    assert!(profile("en").contains("notice-stale") && profile("ru").contains("notice-stale") && !profile("az").contains("notice-stale"));
    assert!(run(root, &["translated", "content/countries/az.yaml"]).status.success());
    assert!(!stderr(&run(root, &["check"])).contains("stale"));
}
