//! The output folder: which folders a build may replace, one build at a time, and the swap.
//!
//! A build first takes an [`Output`]: the checks refuse a folder that holds the site's sources or
//! a non-empty folder this tool did not write, before anything is loaded or touched, and a lock
//! keeps a second build out until the first is done. The new tree is written into a [`Staging`]
//! folder beside the output and swapped in by [`Staging::commit`]; a build that fails or stops
//! before that leaves the previous output as it was. An edit under `serve` replaces single
//! files of the output with [`Output::replace`], each renamed over the one before.
//!
//! Beside an output `public`, in its parent folder:
//! - `.public.lock`, the lock file; it stays there (an empty file, locked only while a build, or
//!   `serve`'s build process, runs);
//! - `.public.new-XXXXXX`, the tree being written, and `.public.old-XXXXXX`, the previous tree
//!   during the swap. A build that was killed can leave them behind; the next build of the same
//!   output removes them once it holds the lock.

use std::ffi::OsStr;
use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use tempfile::TempDir;

use crate::error::{Diagnostic, Errors, Result};

/// The name of the marker file written at the top of every output folder this tool builds.
pub const MARKER: &str = ".rtcm-report";

/// What the marker file says, for whoever finds it.
const MARKER_TEXT: &str = "This folder is built by rtcm-report: each build replaces all of it.\n";

/// The site's sources, relative to its root: never an output, never inside or around one.
const SOURCES: [&str; 7] = [
    "content",
    "themes",
    "locales",
    "src",
    "tests",
    ".git",
    "site.toml",
];

/// Exclusive hold on an output folder, from the checks until the new tree is swapped in.
///
/// The lock is released when this is dropped.
#[derive(Debug)]
pub struct Output {
    /// The output as given on the command line, for messages.
    shown: PathBuf,
    /// The output, absolute and with symlinks resolved: the path that is replaced.
    path: PathBuf,
    /// The folder that holds the output, its lock file and its temporary trees.
    parent: PathBuf,
    /// The output's file name.
    name: String,
    /// The open lock file: the lock lasts as long as it is open.
    _lock: File,
}

impl Output {
    /// Check `out` against the site at `root` and lock it.
    ///
    /// Refused, with one diagnostic naming `out` and nothing touched: an output that is,
    /// contains or is inside one of the site's sources (`content`, `themes`, `locales`, `src`,
    /// `tests`, `.git`, `site.toml`); the root itself or a folder that contains it (a folder
    /// inside the root, such as `public`, is fine); something that is not a folder; a non-empty
    /// folder without a [`MARKER`] file, unless `force`; an output another build holds.
    ///
    /// Paths are compared resolved: canonical where they exist, and for an output that does
    /// not exist yet, its longest existing ancestor made canonical with the rest appended. So
    /// `content/../content` and a symlink to `content` are both `content`.
    ///
    /// Once locked, the debris of killed builds beside the output is removed: the folders
    /// `.<name>.new-*` and `.<name>.old-*`. If the output itself is missing because a build was
    /// killed in the middle of its swap, the previous tree is first put back.
    pub fn acquire(out: &Path, root: &Path, force: bool) -> Result<Output> {
        let refuse = |why: String| Errors::one(Diagnostic::error(out, why));
        let cannot = |what: &Path, e: io::Error| {
            Errors::one(Diagnostic::error(
                out,
                format!("cannot resolve {}: {e}", what.display()),
            ))
        };
        let path = resolve(out).map_err(|e| cannot(out, e))?;
        let root_path = resolve(root).map_err(|e| cannot(root, e))?;

        if root_path.starts_with(&path) {
            let what = if root_path == path { "is" } else { "holds" };
            return Err(refuse(format!(
                "refusing to build into this folder: it {what} the site's root ({}), and \
                 building would replace its sources; choose another --out, such as {}",
                root.display(),
                root.join("public").display()
            )));
        }
        for source in SOURCES {
            let source_path = resolve(&root.join(source)).map_err(|e| cannot(root, e))?;
            let (relation, harm) = if path == source_path {
                ("is", "replace them")
            } else if path.starts_with(&source_path) {
                ("is inside", "write into them")
            } else if source_path.starts_with(&path) {
                ("holds", "replace them")
            } else {
                continue;
            };
            return Err(refuse(format!(
                "refusing to build into this folder: it {relation} the site's sources ({}), and \
                 building would {harm}; choose another --out",
                root.join(source).display()
            )));
        }
        let (parent, name) = match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) => (parent.to_path_buf(), name.to_string_lossy().into()),
            _ => {
                return Err(refuse(
                    "refusing to build into a folder without a name".into(),
                ));
            }
        };
        if let Ok(meta) = path.symlink_metadata() {
            if !meta.is_dir() {
                return Err(refuse(
                    "refusing to build here: this exists and is not a folder; choose another --out"
                        .into(),
                ));
            }
            let mut entries = std::fs::read_dir(&path).map_err(|e| {
                Errors::one(Diagnostic::error(
                    out,
                    format!("cannot read this folder: {e}"),
                ))
            })?;
            if !force && entries.next().is_some() && !path.join(MARKER).is_file() {
                return Err(refuse(format!(
                    "refusing to replace this folder: it is not empty and rtcm-report did not \
                     write it (it has no {MARKER} file); choose another --out, or remove it or \
                     pass --force if you are sure"
                )));
            }
        }

        std::fs::create_dir_all(&parent).map_err(|e| cannot_write(out, &parent, e))?;
        let lock_path = parent.join(format!(".{name}.lock"));
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| cannot_write(out, &lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(refuse(format!(
                    "another build is writing {} (lock {}): wait for it or choose another --out",
                    out.display(),
                    lock_path.display()
                )));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(refuse(format!("cannot lock {}: {e}", lock_path.display())));
            }
        }

        let output = Output {
            shown: out.to_path_buf(),
            path,
            parent,
            name,
            _lock: lock,
        };
        output.clear_debris();
        Ok(output)
    }

    /// The output folder, absolute and with symlinks resolved.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replace one file of the output in place, for `serve` after an edit (a build writes a
    /// new tree instead): the bytes go to a temporary file beside it, renamed over it, so a
    /// reader gets the old file or the new one, never a part of either.
    pub fn replace(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        use std::io::Write;
        let shown = self.shown.join(rel);
        let path = inside(&self.path, rel, &shown)?;
        let dir = path.parent().unwrap_or(&self.path);
        let failed = |e: io::Error| {
            Errors::one(Diagnostic::error(&shown, format!("cannot write the site: {e}; the previous file is kept")))
        };
        let mut file = tempfile::Builder::new().prefix(".rtcm-").tempfile_in(dir).map_err(failed)?;
        file.write_all(bytes).map_err(failed)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(failed)?;
        }
        file.persist(&path).map_err(|e| failed(e.error))?;
        Ok(())
    }

    /// Remove the file `rel` of the output, if it is there.
    pub fn remove(&self, rel: &str) -> Result<()> {
        let shown = self.shown.join(rel);
        let path = inside(&self.path, rel, &shown)?;
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                Err(Errors::one(Diagnostic::error(&shown, format!("cannot remove a file of the previous site: {e}"))))
            }
            _ => Ok(()),
        }
    }

    /// Start a new tree in a temporary folder `.<name>.new-XXXXXX` beside the output.
    pub fn stage(&self) -> Result<Staging> {
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{}.new-", self.name))
            .tempdir_in(&self.parent)
            .map_err(|e| cannot_write(&self.shown, &self.parent, e))?;
        let output = Target {
            shown: self.shown.clone(),
            path: self.path.clone(),
            parent: self.parent.clone(),
            name: self.name.clone(),
        };
        Ok(Staging { output, dir, written: Mutex::default() })
    }

    /// Whether `file_name` is a temporary tree of this output: `.<name>.<kind>-` and the random
    /// letters and digits of `tempfile`, so the output `a` never claims `.a.new-b.new-XXXXXX`.
    fn is_debris(&self, file_name: &OsStr, kind: &str) -> bool {
        let file_name = file_name.to_string_lossy();
        let prefix = format!(".{}.{kind}-", self.name);
        file_name
            .strip_prefix(&prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
    }

    /// Remove the temporary trees that killed builds left beside the output, after putting back
    /// a previous output that a build killed in the middle of its swap left aside. Best effort:
    /// what cannot be removed now is tried again by the next build.
    fn clear_debris(&self) {
        let Ok(entries) = std::fs::read_dir(&self.parent) else {
            return;
        };
        let mut debris: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| {
                self.is_debris(&e.file_name(), "new") || self.is_debris(&e.file_name(), "old")
            })
            .map(|e| e.path())
            .collect();
        debris.sort();
        if self.path.symlink_metadata().is_err() {
            let kept = debris
                .iter()
                .filter(|d| self.is_debris(d.file_name().unwrap_or_default(), "old"))
                .map(|d| d.join("previous"))
                .find(|previous| previous.join(MARKER).is_file());
            if let Some(previous) = kept {
                let _ = std::fs::rename(previous, &self.path);
            }
        }
        for d in debris {
            let _ = match d.symlink_metadata() {
                Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&d),
                _ => std::fs::remove_file(&d),
            };
        }
    }
}

/// A new tree being written beside the output. Dropped without [`Staging::commit`], it is
/// removed and the previous output stays as it was.
///
/// It holds no borrow of the [`Output`], so rendering threads can write into it as pages come;
/// the `Output` (and its lock) must outlive it all the same.
#[derive(Debug)]
pub struct Staging {
    output: Target,
    dir: TempDir,
    /// The files written anew, not linked from the previous output (what `serve` tells open
    /// pages changed).
    written: Mutex<Vec<String>>,
}

/// Where the output is, as [`Staging`] needs it.
#[derive(Debug, Clone)]
struct Target {
    shown: PathBuf,
    path: PathBuf,
    parent: PathBuf,
    name: String,
}

impl Staging {
    /// Write one file, `rel` being its path in the output with `/` between folders; parent
    /// folders are created. Safe to call from many threads at once.
    ///
    /// A file the previous output already holds with the same bytes is hard-linked from it
    /// instead of written (when the file system allows): a rebuild that changes nothing writes
    /// no file, and unchanged files keep their modification time for static hosts and rsync.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let shown = self.output.shown.join(rel);
        let path = inside(self.dir.path(), rel, &shown)?;
        let written = match path.parent() {
            Some(dir) => std::fs::create_dir_all(dir),
            None => Ok(()),
        }
        .and_then(|()| {
            let previous = self.output.path.join(rel);
            if unchanged(&previous, bytes) && std::fs::hard_link(&previous, &path).is_ok() {
                return Ok(());
            }
            std::fs::write(&path, bytes)?;
            self.written.lock().unwrap_or_else(|e| e.into_inner()).push(rel.to_string());
            Ok(())
        });
        written.map_err(|e| {
            Errors::one(Diagnostic::error(
                shown,
                format!("cannot write the site: {e}; the previous site is kept"),
            ))
        })
    }

    /// The files written so far whose bytes the previous output did not have (all of them when
    /// there was none), sorted.
    pub fn written(&self) -> Vec<String> {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner()).clone();
        written.sort();
        written
    }

    /// Remove the tree now, though a rendering thread left behind (a page over its time
    /// limit) still holds it: the process is about to exit with the error.
    pub fn abandon(&self) {
        let _ = std::fs::remove_dir_all(self.dir.path());
    }

    /// Write the [`MARKER`], make the tree readable by a web server (folders 0755, files 0644),
    /// and swap it in for the output: the previous output is moved aside to `.<name>.old-XXXXXX`,
    /// the new tree moved in, then the previous one removed. If the new tree cannot be moved
    /// in, the previous output is put back.
    pub fn commit(self) -> Result<()> {
        let out = &self.output;
        let kept = |e: io::Error| {
            Errors::one(Diagnostic::error(
                &out.shown,
                format!("cannot write the site: {e}; the previous site is kept"),
            ))
        };
        self.write(MARKER, MARKER_TEXT.as_bytes())?;
        make_readable(self.dir.path()).map_err(kept)?;
        let old = tempfile::Builder::new()
            .prefix(&format!(".{}.old-", out.name))
            .tempdir_in(&out.parent)
            .map_err(kept)?;
        let previous = old.path().join("previous");
        let had_previous = out.path.symlink_metadata().is_ok();
        if had_previous {
            std::fs::rename(&out.path, &previous).map_err(kept)?;
        }
        if let Err(e) = std::fs::rename(self.dir.path(), &out.path) {
            if had_previous && let Err(back) = std::fs::rename(&previous, &out.path) {
                // Keep the previous tree where it is: the next build puts it back.
                let aside = old.keep().join("previous");
                return Err(Errors::one(Diagnostic::error(
                    &out.shown,
                    format!(
                        "cannot write the site: {e}; and cannot put the previous site back \
                         ({back}): it is in {}",
                        aside.display()
                    ),
                )));
            }
            return Err(kept(e));
        }
        // The new tree is the output now: nothing of it to clean up.
        let _ = self.dir.keep();
        // The site is written: a previous tree that cannot be removed now does not make the
        // build fail; it is debris the next build removes.
        let _ = old.close();
        Ok(())
    }
}

/// Whether `previous` is a regular file (not a link) holding exactly `bytes`.
fn unchanged(previous: &Path, bytes: &[u8]) -> bool {
    let same_size = previous
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_file() && m.len() == bytes.len() as u64);
    same_size && std::fs::read(previous).is_ok_and(|old| old == bytes)
}

/// `p` absolute, with symlinks resolved: canonical when it exists, otherwise its longest
/// existing ancestor made canonical and the rest appended (`.` dropped, `..` taken as a step up).
fn resolve(p: &Path) -> io::Result<PathBuf> {
    let absolute = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let components: Vec<Component> = absolute.components().collect();
    for split in (1..=components.len()).rev() {
        let Ok(mut resolved) =
            std::fs::canonicalize(components[..split].iter().collect::<PathBuf>())
        else {
            continue;
        };
        for c in &components[split..] {
            match c {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(name) => resolved.push(name),
                _ => {}
            }
        }
        return Ok(resolved);
    }
    Err(io::Error::new(
        io::ErrorKind::NotFound,
        "no part of this path exists",
    ))
}

/// An error writing `path` while preparing the output `out`; nothing has been replaced yet.
/// The file `rel` (a path in the output, `/` between folders) under `dir`, refusing a path
/// that would leave it; `shown` names it in the error.
fn inside(dir: &Path, rel: &str, shown: &Path) -> Result<PathBuf> {
    let mut path = dir.to_path_buf();
    for part in rel.split('/') {
        match Path::new(part).components().collect::<Vec<_>>()[..] {
            [Component::Normal(_)] => path.push(part),
            _ => {
                return Err(Errors::one(Diagnostic::error(
                    shown,
                    "cannot write the site: this path leaves the output folder",
                )));
            }
        }
    }
    Ok(path)
}

fn cannot_write(out: &Path, path: &Path, e: io::Error) -> Errors {
    Errors::one(Diagnostic::error(
        out,
        format!(
            "cannot write {}: {e}; the previous site is kept",
            path.display()
        ),
    ))
}

/// Folders 0755 and files 0644 throughout `dir`, like any published directory.
#[cfg(unix)]
fn make_readable(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(io::Error::other)?;
        let mode = if entry.file_type().is_dir() {
            0o755
        } else {
            0o644
        };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_readable(_: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Every file and folder under `dir`, with the bytes of each file.
    fn tree(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                let bytes = e
                    .file_type()
                    .is_file()
                    .then(|| std::fs::read(e.path()).unwrap());
                (rel, bytes)
            })
            .collect()
    }

    /// A work folder holding a site at `work/site`, with a file in each of its sources.
    fn work() -> (TempDir, PathBuf) {
        let work = tempfile::tempdir().unwrap();
        let root = work.path().join("site");
        for (path, text) in [
            ("site.toml", "title = 'x'\n"),
            ("content/_index.az.md", "---\ntitle: x\n---\n"),
            ("content/countries/az.yaml", "code: az\n"),
            ("themes/default/templates/page.html", "<p></p>\n"),
            ("locales/az.ftl", "a = b\n"),
            ("src/lib.rs", "\n"),
            ("tests/t.rs", "\n"),
            (".git/HEAD", "ref: refs/heads/main\n"),
        ] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        (work, root)
    }

    /// An output built before: a marked folder holding `index.html` and a stale file.
    fn built(out: &Path) {
        std::fs::create_dir_all(out.join("old")).unwrap();
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(out.join("index.html"), "before").unwrap();
        std::fs::write(out.join("old/stale.html"), "stale").unwrap();
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

    /// `acquire` refuses `out` with a message holding `expected` and naming `out`, and nothing in
    /// the work folder changed: every file is there, byte for byte, and nothing was added.
    fn assert_refused(work: &Path, out: &Path, root: &Path, force: bool, expected: &str) {
        let before = tree(work);
        let err = Output::acquire(out, root, force).unwrap_err().to_string();
        assert!(err.contains(expected), "{}: {err}", out.display());
        assert!(
            err.starts_with(&format!("{}: error: ", out.display())),
            "{err}"
        );
        assert_eq!(err.matches(": error: ").count(), 1, "one diagnostic: {err}");
        assert_eq!(
            tree(work),
            before,
            "{} refused, nothing touched",
            out.display()
        );
    }

    #[test]
    fn refuses_every_source_folder_and_file() {
        let (work, root) = work();
        for source in SOURCES {
            assert_refused(
                work.path(),
                &root.join(source),
                &root,
                false,
                "it is the site's sources",
            );
            // Force never opens a source.
            assert_refused(
                work.path(),
                &root.join(source),
                &root,
                true,
                "it is the site's sources",
            );
        }
        let lexical = root.join("content/../content");
        assert_refused(
            work.path(),
            &lexical,
            &root,
            false,
            "it is the site's sources",
        );
        let expected = format!(
            "it is the site's sources ({}), and building would replace them; choose another --out",
            root.join("locales").display()
        );
        assert_refused(work.path(), &root.join("locales"), &root, false, &expected);
    }

    #[test]
    fn refuses_a_folder_inside_the_sources_even_one_not_there_yet() {
        let (work, root) = work();
        let inside = "it is inside the site's sources";
        assert_refused(
            work.path(),
            &root.join("content/countries"),
            &root,
            false,
            inside,
        );
        assert_refused(
            work.path(),
            &root.join("content/new/public"),
            &root,
            true,
            inside,
        );
        assert_refused(
            work.path(),
            &root.join("public/../themes/x"),
            &root,
            false,
            inside,
        );
        assert!(!root.join("content/new").exists());
    }

    #[test]
    fn refuses_the_root_and_a_folder_holding_it() {
        let (work, root) = work();
        assert_refused(work.path(), &root, &root, true, "it is the site's root");
        assert_refused(
            work.path(),
            work.path(),
            &root,
            true,
            "it holds the site's root",
        );
    }

    #[test]
    fn refuses_a_file() {
        let (work, root) = work();
        std::fs::write(work.path().join("notes.txt"), "mine").unwrap();
        let out = work.path().join("notes.txt");
        assert_refused(
            work.path(),
            &out,
            &root,
            true,
            "this exists and is not a folder",
        );
    }

    #[test]
    fn refuses_a_foreign_folder_unless_forced() {
        let (work, root) = work();
        let out = work.path().join("photos");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("cat.jpg"), "meow").unwrap();
        let expected = "it is not empty and rtcm-report did not write it (it has no .rtcm-report \
                        file); choose another --out, or remove it or pass --force if you are sure";
        assert_refused(work.path(), &out, &root, false, expected);
        let forced = Output::acquire(&out, &root, true).unwrap();
        assert_eq!(forced.path(), std::fs::canonicalize(&out).unwrap());
    }

    #[test]
    fn takes_a_new_folder_an_empty_one_a_marked_one_and_one_inside_the_root() {
        let (work, root) = work();
        std::fs::create_dir(work.path().join("empty")).unwrap();
        built(&work.path().join("marked"));
        for out in ["new/deep/public", "empty", "marked", "site/public"] {
            let out = work.path().join(out);
            let output = Output::acquire(&out, &root, false).unwrap();
            assert!(output.path().ends_with(out.file_name().unwrap()));
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_source_reached_through_a_symlink() {
        let (work, root) = work();
        let link = work.path().join("link");
        std::os::unix::fs::symlink(root.join("content"), &link).unwrap();
        assert_refused(work.path(), &link, &root, true, "it is the site's sources");
        let inside = "it is inside the site's sources";
        assert_refused(work.path(), &link.join("countries"), &root, true, inside);

        // Sources kept elsewhere: a folder that holds them is refused too.
        let elsewhere = work.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::rename(root.join("themes"), elsewhere.join("themes")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("themes"), root.join("themes")).unwrap();
        assert_refused(
            work.path(),
            &elsewhere,
            &root,
            true,
            "it holds the site's sources",
        );
    }

    #[test]
    fn removes_the_debris_of_killed_builds_and_nothing_else() {
        let (work, root) = work();
        let out = work.path().join("public");
        built(&out);
        for debris in [".public.new-abc", ".public.old-def"] {
            std::fs::create_dir_all(work.path().join(debris).join("en")).unwrap();
            std::fs::write(work.path().join(debris).join("en/index.html"), "x").unwrap();
        }
        std::fs::write(work.path().join(".public.new-ghi"), "a file").unwrap();
        for other in [
            ".publicity",
            "public2",
            ".public.new-",
            ".public.new-a.b",
            ".public2.new-abc",
        ] {
            std::fs::create_dir(work.path().join(other)).unwrap();
            std::fs::write(work.path().join(other).join("keep"), "mine").unwrap();
        }
        let before = tree(&out);
        let output = Output::acquire(&out, &root, false).unwrap();
        assert_eq!(
            names(work.path()),
            [
                ".public.lock",
                ".public.new-",
                ".public.new-a.b",
                ".public2.new-abc",
                ".publicity",
                "public",
                "public2",
                "site"
            ]
        );
        for other in [
            ".publicity",
            "public2",
            ".public.new-",
            ".public.new-a.b",
            ".public2.new-abc",
        ] {
            assert_eq!(
                std::fs::read(work.path().join(other).join("keep")).unwrap(),
                b"mine"
            );
        }
        assert_eq!(tree(&out), before);
        drop(output);
    }

    #[test]
    fn puts_back_the_previous_output_a_build_killed_in_its_swap_left_aside() {
        let (work, root) = work();
        let aside = work.path().join(".public.old-abc123/previous");
        built(&aside);
        let before = tree(&aside);
        let out = work.path().join("public");
        let _output = Output::acquire(&out, &root, false).unwrap();
        assert_eq!(tree(&out), before);
        assert_eq!(names(work.path()), [".public.lock", "public", "site"]);
    }

    #[test]
    fn one_build_at_a_time() {
        let (work, root) = work();
        let out = work.path().join("public");
        let first = Output::acquire(&out, &root, false).unwrap();
        let err = Output::acquire(&out, &root, false).unwrap_err().to_string();
        let lock = work.path().join(".public.lock");
        let expected = format!(
            "{}: error: another build is writing {} (lock {}): wait for it or choose another --out",
            out.display(),
            out.display(),
            lock.display()
        );
        assert!(err.starts_with(&expected), "{err}");
        // The same folder by another name is the same lock.
        let other_name = work.path().join("site/../public");
        let err = Output::acquire(&other_name, &root, false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("another build is writing"), "{err}");
        drop(first);
        let _again = Output::acquire(&out, &root, false).unwrap();
        assert!(lock.is_file(), "the lock file stays");
    }

    #[test]
    fn a_committed_tree_replaces_the_output_and_is_marked() {
        let (work, root) = work();
        let out = work.path().join("public");
        built(&out);
        let output = Output::acquire(&out, &root, false).unwrap();
        let staging = output.stage().unwrap();
        staging.write("index.html", b"after").unwrap();
        staging.write("en/intro/index.html", b"intro").unwrap();
        #[cfg(unix)]
        {
            // Whatever the umask made of them, the published tree is readable by all.
            use std::os::unix::fs::PermissionsExt;
            let private = |p: &Path, mode| {
                std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
            };
            private(&staging.dir.path().join("en/intro/index.html"), 0o600);
            private(&staging.dir.path().join("en/intro"), 0o700);
            private(staging.dir.path(), 0o700);
        }
        staging.commit().unwrap();
        let files: Vec<(PathBuf, Option<Vec<u8>>)> = tree(&out).into_iter().collect();
        let file = |p: &str, b: &[u8]| (PathBuf::from(p), Some(b.to_vec()));
        let dir = |p: &str| (PathBuf::from(p), None);
        assert_eq!(
            files,
            [
                dir(""),
                file(MARKER, MARKER_TEXT.as_bytes()),
                dir("en"),
                dir("en/intro"),
                file("en/intro/index.html", b"intro"),
                file("index.html", b"after"),
            ]
        );
        assert_eq!(names(work.path()), [".public.lock", "public", "site"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&out), 0o755);
            assert_eq!(mode(&out.join("en/intro")), 0o755);
            assert_eq!(mode(&out.join("en/intro/index.html")), 0o644);
        }
        // The next build takes the folder it wrote without --force.
        drop(output);
        let _next = Output::acquire(&out, &root, false).unwrap();
    }

    #[test]
    fn a_tree_dropped_before_its_commit_leaves_the_output_as_it_was() {
        let (work, root) = work();
        let out = work.path().join("public");
        built(&out);
        let before = tree(&out);
        let output = Output::acquire(&out, &root, false).unwrap();
        let staging = output.stage().unwrap();
        staging.write("index.html", b"after").unwrap();
        assert_eq!(
            names(work.path()).len(),
            4,
            "the new tree is beside the output"
        );
        drop(staging);
        assert_eq!(tree(&out), before);
        assert_eq!(names(work.path()), [".public.lock", "public", "site"]);
    }

    #[test]
    fn a_write_error_names_the_file_and_keeps_the_previous_output() {
        let (work, root) = work();
        let out = work.path().join("public");
        built(&out);
        let before = tree(&out);
        let output = Output::acquire(&out, &root, false).unwrap();
        let staging = output.stage().unwrap();
        staging.write("en", b"a file where a folder goes").unwrap();
        let err = staging
            .write("en/index.html", b"x")
            .unwrap_err()
            .to_string();
        let expected = format!(
            "{}: error: cannot write the site: ",
            out.join("en/index.html").display()
        );
        assert!(err.starts_with(&expected), "{err}");
        assert!(err.contains("; the previous site is kept"), "{err}");
        for escape in ["../x.html", "/etc/x", "a//b", "./a"] {
            let err = staging.write(escape, b"x").unwrap_err().to_string();
            assert!(
                err.contains("this path leaves the output folder"),
                "{escape}: {err}"
            );
        }
        drop(staging);
        assert_eq!(tree(&out), before);
        assert_eq!(names(work.path()), [".public.lock", "public", "site"]);
        assert!(!work.path().join("x.html").exists());
    }

    #[test]
    fn resolve_takes_the_missing_rest_step_by_step() {
        let (work, root) = work();
        let canonical = std::fs::canonicalize(&root).unwrap();
        assert_eq!(
            resolve(&root.join("content/../content")).unwrap(),
            canonical.join("content")
        );
        assert_eq!(
            resolve(&root.join("a/./b/../../c")).unwrap(),
            canonical.join("c")
        );
        assert_eq!(resolve(&root.join("a/b")).unwrap(), canonical.join("a/b"));
        drop(work);
    }
}
