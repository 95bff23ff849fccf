//! When each source file was last changed, from the site's git history: the "last updated" date
//! of its pages. Read once at load time, in one `git log` over `content/`, never per page.
//!
//! Only the history of a repository whose top folder is the site's root counts (the report's
//! own): a site copied out of its repository (a tarball, a test's fixture) or inside another
//! project's has no dates, and that is no error. Without `git`, likewise. An edit not yet
//! committed keeps the date of the file's last commit.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::source::Paths;

/// The date (`YYYY-MM-DD`, the committer's) of the last commit that changed each file under
/// `content/`, by the path messages show it at ([`Paths::shown`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History(BTreeMap<PathBuf, String>);

impl History {
    /// The history of the site at `paths`, or none (see the module's comment).
    pub fn load(paths: &Paths) -> History {
        let root = &paths.root;
        if !is_top_of_repository(root) {
            return History::default();
        }
        let Some(log) = git(root, &["-c", "core.quotePath=false", "log", "--no-renames", "--format=%x01%cs", "--name-only", "--", "content"]) else {
            return History::default();
        };
        History::parse(&log, paths)
    }

    /// Read `git log --format=%x01%cs --name-only` output: newest commit first, so a file's
    /// first date is its last change.
    fn parse(log: &str, paths: &Paths) -> History {
        let mut dates = BTreeMap::new();
        let mut date: Option<&str> = None;
        for line in log.lines() {
            if let Some(d) = line.strip_prefix('\u{1}') {
                date = is_date(d).then_some(d);
            } else if let (Some(d), false) = (date, line.is_empty()) {
                dates.entry(paths.shown(line)).or_insert_with(|| d.to_string());
            }
        }
        History(dates)
    }

    /// The date of the last commit that changed `file` (as messages show it).
    pub fn date(&self, file: &Path) -> Option<&str> {
        self.0.get(file).map(String::as_str)
    }
}

fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Whether `root` is the top folder of a git work tree.
fn is_top_of_repository(root: &Path) -> bool {
    let Some(top) = git(root, &["rev-parse", "--show-toplevel"]) else { return false };
    let (Ok(top), Ok(root)) = (Path::new(top.trim()).canonicalize(), root.canonicalize()) else { return false };
    top == root
}

/// `git -C root args…`'s output, or `None` if git is absent or fails.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_a_file_gives_its_date() {
        let paths = Paths::new(Path::new("."));
        let log = "\u{1}2026-12-02\n\ncontent/a.en.md\n\n\u{1}2025-01-05\n\ncontent/a.en.md\ncontent/b.az.md\n\u{1}bad\ncontent/c.md\n";
        let h = History::parse(log, &paths);
        assert_eq!(h.date(&paths.shown("content/a.en.md")), Some("2026-12-02"));
        assert_eq!(h.date(&paths.shown("content/b.az.md")), Some("2025-01-05"));
        assert_eq!(h.date(&paths.shown("content/c.md")), None);
    }
}
