//! Writing the site: atomic output, determinism across runs and thread counts, the CLI, and
//! the real report built with `--strict`.

mod common;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{fixture, render, repo};
use rtcm_report::build::{build, BuildOptions};

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn opts(root: &Path, out: &Path, jobs: Option<usize>) -> BuildOptions {
    BuildOptions { root: root.to_path_buf(), out: out.to_path_buf(), base_url: None, strict: false, jobs }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = fixture(None);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    build(&opts(site.path(), &out, None)).unwrap();
    let before = tree(&out);
    assert!(before.contains_key("en/intro/tables/index.html"));
    // Break one page, then build again.
    std::fs::write(site.path().join("content/intro/tables.en.md"), "---\ntitle: x\n---\n{{ nope() }}\n").unwrap();
    let err = build(&opts(site.path(), &out, None)).unwrap_err();
    assert!(err.to_string().contains("unknown shortcode `nope`"));
    assert_eq!(tree(&out), before, "the previous output is intact");
    // No temporary directory is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(work.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
}

#[test]
fn a_successful_build_replaces_stale_files() {
    let site = fixture(None);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    std::fs::create_dir_all(out.join("old")).unwrap();
    std::fs::write(out.join("old/stale.html"), "stale").unwrap();
    build(&opts(site.path(), &out, None)).unwrap();
    assert!(!out.join("old/stale.html").exists());
    assert!(out.join("az/index.html").is_file());
}

#[test]
fn refuses_to_write_over_the_sources() {
    let site = fixture(None);
    let err = build(&opts(site.path(), site.path(), None)).unwrap_err();
    assert!(err.to_string().contains("refusing to replace"));
    assert!(site.path().join("site.toml").is_file());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture(None);
    let work = tempfile::tempdir().unwrap();
    let (a, b) = (work.path().join("a"), work.path().join("b"));
    build(&opts(site.path(), &a, None)).unwrap();
    build(&opts(site.path(), &b, None)).unwrap();
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn one_and_many_threads_give_the_same_site() {
    let root = repo();
    let one = render(&root, true, Some(1)).unwrap();
    let many = render(&root, true, Some(4)).unwrap();
    assert!(one.files.len() > 50);
    assert_eq!(one.files, many.files);
}

#[test]
fn cli_build_strict_fails_with_the_file_named_and_check_writes_nothing() {
    let site = fixture(None);
    let bin = env!("CARGO_BIN_EXE_rtcm-report");
    let out = site.path().join("public");
    let strict = Command::new(bin).args(["--root"]).arg(site.path()).args(["build", "--strict", "--out"]).arg(&out).output().unwrap();
    assert!(!strict.status.success());
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(stderr.contains("content/intro/only-source.az.md: error: no `en` translation"), "{stderr}");
    assert!(!out.exists(), "a failed build writes nothing");

    let check = Command::new(bin).args(["--root"]).arg(site.path()).arg("check").output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    assert!(String::from_utf8_lossy(&check.stderr).contains("warning: no `ru` translation"));
    assert!(!out.exists(), "check writes nothing");

    let ok = Command::new(bin).args(["--root"]).arg(site.path()).args(["build", "--out"]).arg(&out).output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(out.join("ru/intro/only-source/index.html").is_file());
}
