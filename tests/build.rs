//! Writing the site: atomic output, determinism across runs and thread counts, the CLI, and
//! the real report built with `--strict`.

mod common;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{fixture, render, repo, tree, Entry};
use rtcm_report::build::{build, BuildOptions};

fn opts(root: &Path, out: &Path, jobs: Option<usize>) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        strict: false,
        force: false,
        jobs,
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = fixture(None);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    build(&opts(site.path(), &out, None)).unwrap();
    let before = tree(&out);
    assert!(before.contains_key(Path::new("en/intro/tables/index.html")));
    // Break one page, then build again.
    std::fs::write(site.path().join("content/intro/tables.en.md"), "---\ntitle: x\n---\n{{ nope() }}\n").unwrap();
    let err = build(&opts(site.path(), &out, None)).unwrap_err();
    assert!(err.to_string().contains("unknown shortcode `nope`"));
    assert_eq!(tree(&out), before, "the previous output is intact");
    // No temporary directory is left beside it: only the lock file, which stays.
    assert_eq!(names(work.path()), [".public.lock", "public"]);
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_successful_build_replaces_stale_files() {
    let site = fixture(None);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    build(&opts(site.path(), &out, None)).unwrap();
    assert!(
        out.join(".rtcm-report").is_file(),
        "the output is marked as ours"
    );
    std::fs::create_dir_all(out.join("old")).unwrap();
    std::fs::write(out.join("old/stale.html"), "stale").unwrap();
    build(&opts(site.path(), &out, None)).unwrap();
    assert!(!out.join("old/stale.html").exists());
    assert!(out.join("az/index.html").is_file());
    assert_eq!(names(work.path()), [".public.lock", "public"]);
}

#[test]
fn refuses_to_write_over_the_sources() {
    let site = fixture(None);
    let before = tree(site.path());
    let refusals = [
        (site.path().to_path_buf(), "it is the site's root"),
        (site.path().join("content"), "it is the site's sources"),
        (site.path().join("themes"), "it is the site's sources"),
        (site.path().join("locales"), "it is the site's sources"),
        (site.path().join("site.toml"), "it is the site's sources"),
        (
            site.path().join("content/intro"),
            "it is inside the site's sources",
        ),
    ];
    for (out, expected) in refusals {
        for force in [false, true] {
            let options = BuildOptions {
                force,
                ..opts(site.path(), &out, None)
            };
            let err = build(&options).unwrap_err().to_string();
            assert!(err.contains(expected), "{}: {err}", out.display());
            assert!(err.contains("choose another --out"), "{err}");
        }
    }
    assert_eq!(
        tree(site.path()),
        before,
        "every source is still there, byte for byte"
    );
    assert_eq!(
        names(site.path()),
        ["content", "locales", "site.toml", "themes"]
    );
}

#[test]
fn cli_refuses_a_source_and_a_foreign_folder_and_force_opens_only_the_foreign_one() {
    let site = fixture(None);
    let bin = env!("CARGO_BIN_EXE_rtcm-report");
    let work = tempfile::tempdir().unwrap();
    let foreign = work.path().join("photos");
    std::fs::create_dir_all(foreign.join("2024")).unwrap();
    std::fs::write(foreign.join("2024/cat.jpg"), "meow").unwrap();
    let site_before = tree(site.path());
    let work_before = tree(work.path());
    let run = |args: &[&str], out: &Path| {
        Command::new(bin)
            .current_dir(site.path())
            .arg("build")
            .args(args)
            .arg("--out")
            .arg(out)
            .output()
            .unwrap()
    };

    for force in [&[][..], &["--force"][..]] {
        let refused = run(force, Path::new("content"));
        assert_eq!(refused.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(
            stderr.contains(
                "content: error: refusing to build into this folder: it is the site's sources"
            ),
            "{stderr}"
        );
        assert_eq!(tree(site.path()), site_before);
        assert_eq!(
            names(site.path()),
            ["content", "locales", "site.toml", "themes"]
        );
    }

    let refused = run(&[], &foreign);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: error: refusing to replace this folder",
            foreign.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("remove it or pass --force if you are sure"),
        "{stderr}"
    );
    assert_eq!(tree(work.path()), work_before);
    assert_eq!(names(work.path()), ["photos"]);

    let forced = run(&["--force"], &foreign);
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    assert!(foreign.join("az/index.html").is_file());
    assert!(foreign.join(".rtcm-report").is_file());
    assert!(
        !foreign.join("2024/cat.jpg").exists(),
        "--force replaces the folder"
    );
    assert_eq!(tree(site.path()), site_before);
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

/// Each output file's inode: a file kept from the previous output keeps its inode.
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, e.metadata().unwrap().ino())
        })
        .collect()
}

#[test]
fn a_rebuild_writes_only_the_files_that_changed() {
    let site = fixture(None);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    build(&opts(site.path(), &out, None)).unwrap();
    let first = inodes(&out);
    let first_bytes = tree(&out);

    // Nothing changed: every file is the previous one, hard-linked into the new tree.
    build(&opts(site.path(), &out, None)).unwrap();
    let second = inodes(&out);
    assert_eq!(first, second);
    assert_eq!(tree(&out), first_bytes);

    // One English page changed: its file is new, and the parts of its language's search
    // index that hold its text; every other file is kept.
    let page = site.path().join("content/intro/tables.en.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nA new closing sentence.\n")).unwrap();
    build(&opts(site.path(), &out, None)).unwrap();
    let third = inodes(&out);
    // Outside the search index (whose parts are named by their contents' hash), the same files.
    let outside = |t: &BTreeMap<String, u64>| t.keys().filter(|p| !p.starts_with("en/pagefind/")).cloned().collect::<Vec<_>>();
    assert_eq!(outside(&third), outside(&second));
    let rewritten: Vec<&str> =
        third.iter().filter(|(path, ino)| second.get(*path) != Some(*ino)).map(|(p, _)| p.as_str()).collect();
    // The page, its language's print page (which shows it), and the parts of its language's
    // search index that hold its text.
    assert_eq!(rewritten[0], "en/intro/tables/index.html", "{rewritten:?}");
    assert_eq!(rewritten.last(), Some(&"en/print/index.html"), "{rewritten:?}");
    assert!(rewritten[1..rewritten.len() - 1].iter().all(|p| p.starts_with("en/pagefind/")), "{rewritten:?}");
    assert!(rewritten.contains(&"en/pagefind/pagefind-entry.json"), "{rewritten:?}");
    let kept = second.keys().filter(|p| p.starts_with("en/pagefind/fragment/") && !rewritten.contains(&p.as_str())).count();
    assert!(kept > 0, "the other pages' fragments are kept: {rewritten:?}");
    let Entry::File(page) = &tree(&out)[Path::new("en/intro/tables/index.html")] else { panic!("a file") };
    assert!(std::str::from_utf8(page).unwrap().contains("A new closing sentence."));
}

/// `check --format json` gives every diagnostic as an object on stdout, and the documented exit
/// status: 0 with only warnings, 1 with errors (or warnings under `--strict`), 2 for a bad flag.
#[test]
fn check_json_lists_every_diagnostic_with_its_position_and_the_exit_status_says_the_outcome() {
    let site = fixture(None);
    let bin = env!("CARGO_BIN_EXE_rtcm-report");
    let run = |args: &[&str]| Command::new(bin).arg("--root").arg(site.path()).args(args).output().unwrap();
    let json = |out: &std::process::Output| -> serde_json::Value { serde_json::from_slice(&out.stdout).expect("JSON on stdout") };

    let warned = run(&["check", "--format", "json"]);
    assert_eq!(warned.status.code(), Some(0));
    let report = json(&warned);
    assert_eq!((report["ok"].as_bool(), report["errors"].as_u64()), (Some(true), Some(0)), "{report:#}");
    let w = report["diagnostics"].as_array().unwrap().iter().find(|d| d["message"].as_str().unwrap().contains("no `ru` translation")).expect("the warning");
    assert_eq!(w["severity"], "warning");
    assert!(w["file"].as_str().unwrap().ends_with("content/intro/only-source.az.md"), "{w}");

    let strict = run(&["check", "--strict", "--format", "json"]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(json(&strict)["ok"], false);

    // A YAML error: its file, line and column.
    let path = site.path().join("content/countries/az.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("order: 1", "order: first", 1)).unwrap();
    let broken = run(&["check", "--format", "json"]);
    assert_eq!(broken.status.code(), Some(1));
    let report = json(&broken);
    let e = report["diagnostics"].as_array().unwrap().iter().find(|d| d["file"].as_str().unwrap().ends_with("content/countries/az.yaml")).expect("the YAML error");
    assert_eq!(e["severity"], "error");
    assert!(e["line"].as_u64().is_some() && e["column"].as_u64().is_some(), "{e}");
    assert!(report["errors"].as_u64().unwrap() >= 1);

    assert_eq!(run(&["check", "--format", "xml"]).status.code(), Some(2), "a bad flag is a usage error");
}
