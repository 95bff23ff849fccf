//! Walk `content/`, split front matter, pair translations by their language suffix.
//!
//! `intro/context.en.md` is the English translation of the page `intro/context`;
//! `intro/_index.en.md` is the English text of the section `intro` itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::error::{Diagnostic, Errors, Result};
use crate::source::Paths;

/// The YAML block at the top of every Markdown file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page's title, printed as its heading and in the table of contents.
    pub title: String,
    /// Order among sibling pages (lower first; ties broken by file name).
    #[serde(default)]
    pub weight: i64,
    /// One sentence for search engines and link previews.
    #[serde(default)]
    pub description: Option<String>,
    /// Show the in-page contents list (default: when the page has three or more headings).
    #[serde(default)]
    pub toc: Option<bool>,
    /// A note of the site's editors, not the report's text, shown with a section's list of pages
    /// (to explain the report's numbering where it skips numbers).
    #[serde(default)]
    pub editorial_note: Option<String>,
}

/// One Markdown file: one language of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFile {
    /// The file, as given relative to the site root (for messages).
    pub path: PathBuf,
    pub lang: String,
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line in the file where `body` starts.
    pub body_line: usize,
    /// The ids of the tables the body shows ([`crate::markdown::shown_tables`]), found here
    /// because files are parsed in parallel.
    pub tables: Vec<String>,
}

/// A page in all the languages it exists in, keyed by its path without suffix
/// (`""` for the home page, `intro` for a section, `intro/context` for a page).
#[derive(Debug, Clone, PartialEq)]
pub struct SourcePage {
    pub key: String,
    pub is_section: bool,
    pub files: BTreeMap<String, SourceFile>,
}

/// Split `---\nyaml\n---\nbody` into front matter and body; lines in errors are file lines.
pub fn parse_file(text: &str, path: &Path, lang: &str) -> Result<SourceFile> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        Errors::one(
            Diagnostic::error(path, "missing front matter: the file must start with a line `---`, then YAML (title, weight, description), then a line `---`")
                .at(1, 1),
        )
    };
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")).ok_or_else(missing)?;
    // Find the closing `---` line.
    let mut offset = 0;
    let mut close = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let (yaml_end, body_start) = close.ok_or_else(|| {
        Errors::one(Diagnostic::error(path, "front matter is not closed: add a line `---` after the YAML").at(1, 1))
    })?;
    let yaml = &rest[..yaml_end];
    let front: FrontMatter = crate::yaml::from_str(yaml, path, 1)?;
    if front.title.trim().is_empty() {
        return Err(Diagnostic::error(path, "front matter: `title` is empty").at(2, 1).into());
    }
    let body = rest[body_start..].to_string();
    let body_line = 2 + yaml.matches('\n').count() + 1;
    let tables = crate::markdown::shown_tables(&body);
    Ok(SourceFile { path: path.to_path_buf(), lang: lang.to_string(), front, body, body_line, tables })
}

/// Split `context.en.md` into (`context`, `en`).
fn split_name(file_name: &str) -> Option<(&str, &str)> {
    let stem = file_name.strip_suffix(".md")?;
    let (name, lang) = stem.rsplit_once('.')?;
    if name.is_empty() { None } else { Some((name, lang)) }
}

/// The page and language a Markdown file of `content/` is a text of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub key: String,
    pub is_section: bool,
    pub lang: String,
}

/// The [`Address`] of the Markdown file `rel` (its path under `content/`), or why its name is
/// not one.
pub fn address(rel: &Path, languages: &[String]) -> std::result::Result<Address, String> {
    let file_name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let Some((name, lang)) = split_name(file_name) else {
        return Err(format!("a content file is named NAME.LANG.md, with LANG one of {}", languages.join(", ")));
    };
    if !languages.iter().any(|l| l == lang) {
        return Err(format!("unknown language suffix `.{lang}`: expected one of {}", languages.join(", ")));
    }
    let dir = rel.parent().map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
    let (key, is_section) = if name == "_index" {
        (dir, true)
    } else if dir.is_empty() {
        (name.to_string(), false)
    } else {
        (format!("{dir}/{name}"), false)
    };
    let valid_key = key.split('/').all(|seg| {
        seg.is_empty() || seg.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    });
    if !valid_key {
        return Err("file and folder names become addresses: use lowercase ASCII letters, digits and `-`".into());
    }
    Ok(Address { key, is_section, lang: lang.to_string() })
}

/// What `load` found: the pages, every problem, and the pages left out because one of their
/// files could not be read (links to them are not reported again as broken).
#[derive(Debug, Default)]
pub struct Loaded {
    pub pages: Vec<SourcePage>,
    pub errors: Vec<Diagnostic>,
    /// Keys of the pages left out.
    pub failed: BTreeSet<String>,
}

/// Walk `content/` and load every Markdown file, pairing translations. Two files for one page
/// in one language (`a.en.md` beside `a/_index.en.md`) are an error naming both. A file that
/// cannot be read or parsed is an error, and its page is left out: the rest can still be
/// rendered and checked, so an editor sees every mistake at once.
pub fn load(paths: &Paths, languages: &[String]) -> Loaded {
    let content_dir = paths.root.join("content");
    let (found, mut errs) = paths.walk(&content_dir);
    let mut files = Vec::new();
    for real in found {
        if real.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let rel = real.strip_prefix(&content_dir).expect("walk stays under its root");
        let shown = paths.shown_path(&real);
        match address(rel, languages) {
            Ok(a) => files.push((a.key, a.is_section, a.lang, real, shown)),
            Err(message) => errs.push(Diagnostic::error(&shown, message)),
        }
    }
    // Read and parse every file on all threads, then collect in file order: the same
    // errors in the same order whatever the thread count.
    let results: Vec<_> = files
        .into_par_iter()
        .map(|(key, is_section, lang, real, shown)| {
            let file = paths.read(&real).and_then(|text| parse_file(&text, &shown, &lang));
            (key, is_section, file)
        })
        .collect();
    let mut failed = BTreeSet::new();
    let mut parsed = Vec::new();
    for (key, is_section, file) in results {
        match file {
            Ok(file) => parsed.push((key, is_section, file)),
            Err(e) => {
                errs.extend(e.0);
                failed.insert(key);
            }
        }
    }
    parsed.retain(|(key, _, _)| !failed.contains(key));
    let mut pages: BTreeMap<String, SourcePage> = BTreeMap::new();
    for (key, is_section, file) in parsed {
        let page = pages.entry(key.clone()).or_insert_with(|| SourcePage { key, is_section, files: BTreeMap::new() });
        // Files come sorted, so `other` is the same one in every run.
        let clash = page.files.get(&file.lang).or_else(|| {
            (page.is_section != is_section).then(|| page.files.values().next()).flatten()
        });
        match clash {
            Some(other) => errs.push(Diagnostic::error(
                &file.path,
                format!(
                    "this file and {} have the same address (`{}`): a name is either a page \
                     (`NAME.LANG.md`) or a section (`NAME/_index.LANG.md`); rename one of them",
                    other.path.display(),
                    if page.key.is_empty() { "/" } else { &page.key },
                ),
            )),
            None => {
                page.files.insert(file.lang.clone(), file);
            }
        }
    }
    Loaded { pages: pages.into_values().collect(), errors: errs, failed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_body_line() {
        let f = parse_file("---\ntitle: A\nweight: 3\n---\n\nBody\n", Path::new("a.en.md"), "en").unwrap();
        assert_eq!(f.front.title, "A");
        assert_eq!(f.front.weight, 3);
        assert_eq!(f.body, "\nBody\n");
        assert_eq!(f.body_line, 5);
    }

    #[test]
    fn yaml_error_line_is_the_line_in_the_file() {
        let err = parse_file("---\ntitle: A\nweigth: 3\n---\nBody\n", Path::new("a.en.md"), "en").unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.line, Some(3), "{d}");
        assert!(d.message.contains("unknown field `weigth`"), "{d}");
    }

    #[test]
    fn missing_front_matter_is_an_error() {
        let err = parse_file("# Hello\n", Path::new("a.en.md"), "en").unwrap_err();
        assert!(err.to_string().contains("missing front matter"));
    }

    #[test]
    fn names_split_by_language_suffix() {
        assert_eq!(split_name("context.en.md"), Some(("context", "en")));
        assert_eq!(split_name("_index.az.md"), Some(("_index", "az")));
        assert_eq!(split_name("context.md"), None);
    }
}
