//! Reading the site's inputs, one way for every file: every Markdown, YAML, TOML, Fluent,
//! template and static file is found by `walk` or read by `read`, so every input follows the
//! same rules.
//!
//! - **Symbolic links** are followed while they stay inside the site's root; one that leaves
//!   it, points nowhere or loops is an error naming the link and its target (nothing outside
//!   the site is read, so no message can print a file that is not the site's).
//! - **Hidden files and folders** (names starting with `.`, such as editors' lock and swap
//!   files) are not inputs.
//! - **Size**: a text file over [`MAX_TEXT_BYTES`] (a static file over [`MAX_STATIC_BYTES`])
//!   is refused before it is read, so that every input is parsed well under a second.
//! - **Encoding**: text must be UTF-8; an invalid byte is an error at its line and column. A
//!   byte-order mark at the start is dropped.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Errors, Result, line_col};

/// The largest text input accepted (Markdown, YAML, TOML, Fluent, templates): 30 times the
/// report's largest file, and small enough that the slowest shape of text (a table, a YAML
/// flow sequence) parses in about a third of a second.
pub const MAX_TEXT_BYTES: u64 = 1024 * 1024;

/// The largest static file accepted (fonts, images): copied as it is, never parsed.
pub const MAX_STATIC_BYTES: u64 = 64 * 1024 * 1024;

/// Where the site's sources are, and how to read them.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The site root (holding `site.toml`, `content/`, `themes/`, `locales/`), as given.
    pub root: PathBuf,
    /// What file names in messages are shown relative to (empty for a site in the working dir).
    pub display_root: PathBuf,
    /// The root with every symbolic link resolved: inputs must resolve to a path below it.
    canonical_root: PathBuf,
}

impl Paths {
    pub fn new(root: &Path) -> Paths {
        let display_root = if root == Path::new(".") || root.as_os_str().is_empty() {
            PathBuf::new()
        } else {
            root.to_path_buf()
        };
        let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        Paths {
            root: root.to_path_buf(),
            display_root,
            canonical_root,
        }
    }

    /// A path relative to the root (`content/a.md`), as messages show it.
    pub fn shown(&self, rel: &str) -> PathBuf {
        self.display_root.join(rel)
    }

    /// How messages show a real path below the root.
    pub fn shown_path(&self, real: &Path) -> PathBuf {
        match real.strip_prefix(&self.root) {
            Ok(rel) => self.display_root.join(rel),
            Err(_) => real.to_path_buf(),
        }
    }

    /// Whether there is an input at `real`: a file, or a link even if it is broken (reading it
    /// then says what is wrong with it).
    pub fn exists(&self, real: &Path) -> bool {
        std::fs::symlink_metadata(real).is_ok()
    }

    /// Read a text input under the root, by the rules of this module.
    pub fn read(&self, real: &Path) -> Result<String> {
        let shown = self.shown_path(real);
        self.check_inside(real, &shown)?;
        let err = |m: String| Errors::one(Diagnostic::error(&shown, m));
        let meta = std::fs::metadata(real).map_err(|e| err(format!("cannot read file: {e}")))?;
        if !meta.is_file() {
            return Err(err("not a file".into()));
        }
        if meta.len() > MAX_TEXT_BYTES {
            return Err(err(too_large(meta.len(), MAX_TEXT_BYTES)));
        }
        let bytes = std::fs::read(real).map_err(|e| err(format!("cannot read file: {e}")))?;
        text_of(bytes, &shown)
    }

    /// Read a binary input (a theme's static file) under the root.
    pub fn read_bytes(&self, real: &Path) -> Result<Vec<u8>> {
        let shown = self.shown_path(real);
        self.check_inside(real, &shown)?;
        let err = |m: String| Errors::one(Diagnostic::error(&shown, m));
        let meta = std::fs::metadata(real).map_err(|e| err(format!("cannot read file: {e}")))?;
        if meta.len() > MAX_STATIC_BYTES {
            return Err(err(too_large(meta.len(), MAX_STATIC_BYTES)));
        }
        std::fs::read(real).map_err(|e| err(format!("cannot read file: {e}")))
    }

    /// The files below `dir`, in file-name order, with the problems met (links that leave
    /// the site, point nowhere or loop). Hidden entries are skipped; a folder that does not
    /// exist has no files.
    pub fn walk(&self, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        self.walk_depth(dir, usize::MAX)
    }

    /// `walk`, `max_depth` levels down (1: the folder's own files).
    pub fn walk_depth(&self, dir: &Path, max_depth: usize) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        let mut files = Vec::new();
        let mut errs = Vec::new();
        if !self.exists(dir) {
            return (files, errs);
        }
        let mut it = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .max_depth(max_depth)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = it.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                    let shown = self.shown_path(&path);
                    let message = match (e.loop_ancestor(), std::fs::read_link(&path)) {
                        (Some(a), _) => format!(
                            "symbolic link loops back to `{}`: remove the link",
                            self.shown_path(a).display()
                        ),
                        (None, Ok(target)) => format!(
                            "symbolic link to `{}`, which does not exist: remove or fix the link",
                            target.display()
                        ),
                        (None, Err(_)) => format!("cannot read: {e}"),
                    };
                    errs.push(Diagnostic::error(shown, message));
                    continue;
                }
            };
            let hidden = entry.depth() > 0
                && entry
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with('.'));
            if hidden {
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
            if entry.path_is_symlink() {
                let shown = self.shown_path(entry.path());
                if let Err(e) = self.check_inside(entry.path(), &shown) {
                    errs.extend(e.0);
                    if entry.file_type().is_dir() {
                        it.skip_current_dir();
                    }
                    continue;
                }
            }
            if entry.file_type().is_file() {
                files.push(entry.into_path());
            }
        }
        (files, errs)
    }

    /// Refuse a path that resolves outside the root (through a link of its own or of a folder
    /// above it), or that cannot be resolved.
    fn check_inside(&self, real: &Path, shown: &Path) -> Result<()> {
        let target = || {
            std::fs::read_link(real)
                .map_or_else(|_| String::new(), |t| format!(" to `{}`", t.display()))
        };
        match std::fs::canonicalize(real) {
            Ok(c) if c.starts_with(&self.canonical_root) => Ok(()),
            Ok(c) => {
                let to = target();
                let resolved = format!("`{}`", c.display());
                let to = if to.contains(&resolved) {
                    to
                } else {
                    format!("{to} (resolved: {resolved})")
                };
                Err(Diagnostic::error(
                    shown,
                    format!(
                        "symbolic link{to} leads outside the site: inputs must stay inside the \
                         site's folder; copy the file in instead"
                    ),
                )
                .into())
            }
            Err(e) if std::fs::symlink_metadata(real).is_ok_and(|m| m.is_symlink()) => {
                Err(Diagnostic::error(
                    shown,
                    format!(
                        "symbolic link{} cannot be followed ({e}): remove or fix the link",
                        target()
                    ),
                )
                .into())
            }
            Err(e) => Err(Diagnostic::error(shown, format!("cannot read file: {e}")).into()),
        }
    }
}

fn too_large(len: u64, max: u64) -> String {
    format!(
        "file is {:.1} MiB; this kind of input may be at most {} MiB",
        len as f64 / 1024.0 / 1024.0,
        max / 1024 / 1024
    )
}

/// Bytes as UTF-8 text without a leading byte-order mark; an invalid byte is an error at its
/// line and column.
pub fn text_of(bytes: Vec<u8>, shown: &Path) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Ok(s)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).expect("valid up to here");
            let (line, column) = line_col(prefix, prefix.len());
            Err(Diagnostic::error(
                shown,
                format!(
                    "not valid UTF-8 (byte 0x{:02X}): save the file as UTF-8",
                    bytes[valid]
                ),
            )
            .at(line, column)
            .into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_an_error_at_its_line_and_column() {
        let err = text_of(b"ok\nab\xffc\n".to_vec(), Path::new("a.md")).unwrap_err();
        assert_eq!(
            err.0[0].to_string(),
            "a.md:2:3: error: not valid UTF-8 (byte 0xFF): save the file as UTF-8"
        );
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(
            text_of("\u{feff}a = b\n".as_bytes().to_vec(), Path::new("a.ftl")).unwrap(),
            "a = b\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_the_site_are_followed_and_links_out_refused() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "root:x:0:0").unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content/sub")).unwrap();
        std::fs::write(root.join("content/a.md"), "a").unwrap();
        symlink(root.join("content/a.md"), root.join("content/b.md")).unwrap();
        symlink(outside.path().join("secret.txt"), root.join("content/c.md")).unwrap();
        symlink(outside.path(), root.join("content/out")).unwrap();
        symlink(root.join("content/missing.md"), root.join("content/d.md")).unwrap();
        symlink(root.join("content"), root.join("content/sub/loop")).unwrap();
        std::fs::write(root.join("content/.hidden.md"), "x").unwrap();
        let paths = Paths::new(root);
        let (files, errs) = paths.walk(&root.join("content"));
        let names: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [Path::new("content/a.md"), Path::new("content/b.md")]
        );
        let msgs: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
        assert_eq!(msgs.len(), 4, "{msgs:#?}");
        for (start, end) in [
            ("content/c.md: error: symbolic link to", "leads outside the site"),
            ("content/out: error: symbolic link to", "leads outside the site"),
            ("content/d.md: error: symbolic link to", "does not exist"),
            ("content/sub/loop: error: symbolic link loops back", ""),
        ] {
            assert!(msgs.iter().any(|m| m.contains(start) && m.contains(end)), "{start}: {msgs:#?}");
        }
        assert!(msgs.iter().all(|m| !m.contains("root:x")), "{msgs:#?}");
        // Reading follows the inside link and refuses the outside one.
        assert_eq!(paths.read(&root.join("content/b.md")).unwrap(), "a");
        let err = paths
            .read(&root.join("content/c.md"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("leads outside the site") && !err.contains("root:x"),
            "{err}"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_unread() {
        let site = tempfile::tempdir().unwrap();
        let big = site.path().join("big.yaml");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_TEXT_BYTES + 1).unwrap();
        let err = Paths::new(site.path()).read(&big).unwrap_err().to_string();
        assert!(err.contains("this kind of input may be at most 1 MiB"), "{err}");
    }
}
