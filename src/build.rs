//! Plan every output file, render them in parallel, check the links between them, then write
//! into a temporary directory beside the output and swap it in. Only this module writes.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Errors, Result};
pub use crate::pipeline::{Output, Rendered};

/// Write `files` into a fresh directory beside `out`, then swap it in for `out`.
/// On any failure the previous `out` is left as it was.
pub fn write_atomically(files: &[Output], out: &Path) -> std::io::Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let tmp = tempfile::Builder::new().prefix(&format!(".{name}.new-")).tempdir_in(&parent)?;
    for f in files {
        let path = tmp.path().join(&f.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, &f.bytes)?;
    }
    // Readable by a web server, like any published directory.
    set_dir_permissions(tmp.path())?;
    let old = tempfile::Builder::new().prefix(&format!(".{name}.old-")).tempdir_in(&parent)?;
    if out.exists() {
        std::fs::rename(out, old.path().join("previous"))?;
    }
    let new = tmp.keep();
    if let Err(e) = std::fs::rename(&new, out) {
        // Put the previous output back.
        let _ = std::fs::rename(old.path().join("previous"), out);
        let _ = std::fs::remove_dir_all(&new);
        return Err(e);
    }
    Ok(())
}

#[cfg(unix)]
fn set_dir_permissions(p: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn set_dir_permissions(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Options of `build` (and of the builds `serve` runs).
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub base_url: Option<String>,
    pub strict: bool,
    /// Worker threads (default: one per core).
    pub jobs: Option<usize>,
}

/// Load, render and write the site.
pub fn build(opts: &BuildOptions) -> Result<Summary> {
    let root_abs = std::fs::canonicalize(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let out_abs = absolute(&opts.out);
    if root_abs.starts_with(&out_abs) {
        return Err(Diagnostic::error(&opts.out, "refusing to replace a directory that holds the site's sources: choose another --out").into());
    }
    let rendered = crate::pipeline::load_and_render(&opts.root, opts.base_url.as_deref(), opts.strict, opts.jobs)?;
    write_atomically(&rendered.files, &opts.out)
        .map_err(|e| Errors::one(Diagnostic::error(&opts.out, format!("cannot write the site: {e}"))))?;
    Ok(Summary { files: rendered.files.len(), warnings: rendered.warnings })
}

fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let joined = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    match (joined.parent().and_then(|d| std::fs::canonicalize(d).ok()), joined.file_name()) {
        (Some(d), Some(n)) => d.join(n),
        _ => joined,
    }
}
