//! Replays the fuzz targets' saved findings (`tests/fuzz/regressions/<target>/`) and seeds
//! (`tests/fuzz/corpus/<target>/seed-*`) through the harnesses of `rtcm_report::fuzzing`, so a
//! plain `cargo test` keeps every bug the fuzzers found fixed, without cargo-fuzz or nightly.

use std::path::{Path, PathBuf};

use rtcm_report::fuzzing;

/// The files of `tests/fuzz/<dir>/<target>/` whose names start with `prefix`, sorted.
fn inputs(dir: &str, target: &str, prefix: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(dir).join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            p.is_file() && !name.starts_with('.') && name.starts_with(prefix)
        })
        .collect();
    files.sort();
    files
}

/// Run `harness` over every regression and seed of `target`; a panic names the file.
fn replay(target: &str, harness: fn(&[u8])) {
    let regressions = inputs("regressions", target, "");
    let seeds = inputs("corpus", target, "seed-");
    assert!(!seeds.is_empty(), "no seeds for {target}");
    for file in regressions.iter().chain(&seeds) {
        let data = std::fs::read(file).unwrap();
        if let Err(panic) = std::panic::catch_unwind(|| harness(&data)) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{}: {message}", file.display());
        }
    }
}

#[test]
fn front_matter() {
    replay("front_matter", fuzzing::front_matter);
}

#[test]
fn shortcode() {
    replay("shortcode", fuzzing::shortcode);
}

#[test]
fn markdown() {
    replay("markdown", fuzzing::markdown);
}

#[test]
fn loaders() {
    replay("loaders", fuzzing::loaders);
}
