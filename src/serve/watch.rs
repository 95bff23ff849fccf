//! The sources `serve` watches: `site.toml` and everything under `content/`, `themes/` and
//! `locales/`, through `notify-debouncer-full`, which gathers an editor's save (a few events
//! within a millisecond or two, or a temporary file renamed over the old one) into one.
//!
//! The root (the folder holding `site.toml`) is watched itself, so `site.toml` is seen however
//! it is saved, even renamed over (a watch on the file would follow the old file away); the
//! three source folders are watched recursively, and one created later is watched from then on.
//! Nothing else under the root is: not the output folder and the trees each build writes beside
//! it (thousands of folders a build), nor `target/` or `.git/`, which the site does not read.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer, notify};

/// The folders of the root that hold sources.
const SOURCE_FOLDERS: [&str; 3] = ["content", "themes", "locales"];

/// How long a file's events must have been quiet before they are passed on: an editor's save
/// is a few events within a millisecond or two.
const QUIET: Duration = Duration::from_millis(10);

/// Whether `path` (as the watcher names it, under `root`) is a source of the site: `site.toml`,
/// or a file under a source folder that is not hidden (`.name`, an editor's swap or lock file)
/// nor an editor's temporary or backup file (`name~`, `#name#`, `*.swp`, `*.tmp`, vim's `4913`).
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let names: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => n.to_str(),
            _ => None,
        })
        .collect();
    match names.as_slice() {
        ["site.toml"] => true,
        [first, rest @ ..] if SOURCE_FOLDERS.contains(first) => {
            let name = rest.last().copied().unwrap_or(first);
            let temporary = name.ends_with('~')
                || (name.starts_with('#') && name.ends_with('#'))
                || [".swp", ".swx", ".tmp"].iter().any(|e| name.ends_with(e))
                || name == "4913";
            !rest.iter().any(|n| n.starts_with('.')) && !temporary
        }
        _ => false,
    }
}

/// The watch on a site's sources. Dropping it stops it.
pub struct Sources {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    /// The source folders watched so far.
    watched: Vec<&'static str>,
}

impl Sources {
    /// Watch the sources under `root`: each settled batch of changes sends the sources it
    /// touched (renamed ones under both names) on `changes`.
    pub fn watch(root: &Path, changes: mpsc::Sender<Vec<PathBuf>>) -> Result<Sources, String> {
        // The watcher names files by absolute paths; they are passed on as the root names them
        // (from the current folder when it is relative), as messages show them.
        let cwd = std::env::current_dir().map_err(|e| format!("cannot watch files: {e}"))?;
        let absolute_root = cwd.join(root);
        let relative = root.is_relative();
        let debouncer = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
                .flat_map(|e| e.event.paths)
                .filter(|p| is_source(&absolute_root, p))
                .map(|p| match p.strip_prefix(&cwd) {
                    Ok(rel) if relative => rel.to_path_buf(),
                    _ => p,
                })
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                let _ = changes.send(paths);
            }
        })
        .map_err(|e| format!("cannot watch files: {e}"))?;
        let mut sources = Sources { root: root.to_path_buf(), debouncer, watched: Vec::new() };
        sources
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        sources.follow()?;
        Ok(sources)
    }

    /// Watch the source folders that exist and are not watched yet (after a change at the
    /// root: one may have been created).
    pub fn follow(&mut self) -> Result<(), String> {
        for folder in SOURCE_FOLDERS {
            let path = self.root.join(folder);
            if !self.watched.contains(&folder) && path.is_dir() {
                self.debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
                self.watched.push(folder);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_the_site_toml_and_the_visible_files_of_the_source_folders() {
        let root = Path::new("./site");
        let yes = ["site.toml", "content/a.en.md", "content", "themes/default/static/style.css", "locales/az.ftl"];
        for p in yes {
            assert!(is_source(root, &root.join(p)), "{p}");
        }
        let no = [
            "site.toml.tmp",
            ".site.toml.swp",
            "public/index.html",
            ".public.new-abc/index.html",
            "target/release/x",
            "src/serve.rs",
            "content/.a.en.md.swp",
            "content/.git/x",
            "content/a.en.md~",
            "content/#a.en.md#",
            "content/4913",
            "locales/az.ftl.tmp",
        ];
        for p in no {
            assert!(!is_source(root, &root.join(p)), "{p}");
        }
        assert!(!is_source(root, Path::new("/elsewhere/site.toml")));
        // The watcher's names for the files of `--root .`.
        assert!(is_source(Path::new("/home/me/site/."), Path::new("/home/me/site/./content/a.md")));
    }

    /// Saving `site.toml` as editors do, a temporary file renamed over it, is seen each time.
    #[test]
    fn a_site_toml_renamed_over_is_seen_every_time() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.toml"), "a = 1\n").unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        let (tx, rx) = mpsc::channel();
        let mut sources = Sources::watch(root, tx).unwrap();
        for i in 0..3 {
            let temp = root.join(format!(".site.toml.{i}.tmp"));
            std::fs::write(&temp, format!("a = {i}\n")).unwrap();
            std::fs::rename(&temp, root.join("site.toml")).unwrap();
            let got = rx.recv_timeout(Duration::from_secs(10)).expect("the rename is seen");
            assert_eq!(got, [root.join("site.toml")], "save {i}");
        }
        // A source folder created after the start is watched once followed.
        std::fs::create_dir(root.join("locales")).unwrap();
        let got = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(got, [root.join("locales")]);
        sources.follow().unwrap();
        std::fs::write(root.join("locales/az.ftl"), "a = b\n").unwrap();
        let got = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(got, [root.join("locales/az.ftl")]);
        std::fs::write(root.join("content/.x.swp"), "").unwrap();
        std::fs::write(root.join("content/a.en.md"), "x").unwrap();
        let got = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(got, [root.join("content/a.en.md")], "the swap file is not a source");
    }
}
