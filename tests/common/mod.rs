//! Fixture sites: the repository's theme and locales, the `basic` fixture's content, and
//! optionally one `invalid/<case>` folder laid over them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rtcm_report::error::Result;
use rtcm_report::pipeline::{load_and_render, Rendered};
use tempfile::TempDir;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temporary site: theme and locales of the repository, the basic fixture, then `overlay`.
pub fn fixture(overlay: Option<&str>) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    copy_dir(&repo().join("locales"), &dir.path().join("locales"));
    copy_dir(&repo().join("tests/fixtures/basic"), dir.path());
    if let Some(case) = overlay {
        copy_dir(&repo().join("tests/fixtures/invalid").join(case), dir.path());
    }
    dir
}

pub fn render(root: &Path, strict: bool, jobs: Option<usize>) -> Result<Rendered> {
    load_and_render(root, None, strict, jobs)
}

/// The text of one output file.
pub fn file<'a>(r: &'a Rendered, path: &str) -> &'a str {
    let f = r.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no output {path}"));
    std::str::from_utf8(&f.bytes).unwrap()
}

/// The errors of a site that must fail, as printed.
pub fn errors_of(overlay: &str) -> Vec<String> {
    errors_after(Some(overlay), |_| {})
}

/// The errors of the basic fixture (with `overlay`) after `edit` changed it, as printed. For
/// changes to the repository's own files (its locales), which a copied overlay would let go stale.
pub fn errors_after(overlay: Option<&str>, edit: impl FnOnce(&Path)) -> Vec<String> {
    let dir = fixture(overlay);
    edit(dir.path());
    match render(dir.path(), false, None) {
        Ok(_) => panic!("fixture {overlay:?} built without error"),
        Err(e) => e.0.iter().map(|d| d.to_string()).collect(),
    }
}

/// The `<figure>` of table `id` in a page.
pub fn figure<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<figure class=\"data-table\" id=\"table-{id}\"")).unwrap_or_else(|| panic!("no table {id}"));
    let end = start + html[start..].find("</figure>").unwrap();
    &html[start..end]
}

/// The `<tr>` of one country in a table, from its link on.
pub fn row<'a>(html: &'a str, country_url: &str) -> &'a str {
    let start = html.find(&format!("<a href=\"{country_url}\">")).unwrap_or_else(|| panic!("no row {country_url}"));
    let end = start + html[start..].find("</tr>").unwrap();
    &html[start..end]
}

/// The text of each `<td>` of a row, tags dropped and spaces collapsed.
pub fn cells(fragment: &str) -> Vec<String> {
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

