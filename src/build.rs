//! Write the site: check and lock the output folder, render (see [`crate::pipeline`]), write
//! through [`crate::output`] into a temporary directory beside the output, and swap it in. Only
//! this module and `output`, which owns the output folder, write.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Diagnostic, Result};
use crate::output;
use crate::pipeline;
pub use crate::pipeline::{Output, Rendered};
use crate::pipeline::Kept;
use crate::site::Site;

/// What a build did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    /// The output files whose bytes changed (sorted): the others were linked from the previous
    /// output.
    pub changed: Vec<String>,
}

impl Summary {
    /// What a build says when it is done: each warning, then the count of files written.
    pub fn print(&self, out: &std::path::Path) {
        for w in &self.warnings {
            eprintln!("{w}");
        }
        self.print_count(out);
    }

    /// The last line of [`Summary::print`]: the count of files written, and of warnings.
    pub fn print_count(&self, out: &std::path::Path) {
        eprintln!("built {} files into {} ({} warnings)", self.files, out.display(), self.warnings.len());
    }
}

/// Options of `build` (and of the builds `serve` runs).
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub base_url: Option<String>,
    pub strict: bool,
    /// Write into an existing non-empty folder that this tool did not write (never into the
    /// site's sources).
    pub force: bool,
    /// Worker threads (default: one per core).
    pub jobs: Option<usize>,
}

/// Load, render and write the site. The output is checked and locked first (see
/// [`output::Output::acquire`]), so a refused output costs nothing and touches nothing; on any
/// error after that, the previous output is left as it was.
pub fn build(opts: &BuildOptions) -> Result<Summary> {
    let out = output::Output::acquire(&opts.out, &opts.root, opts.force)?;
    let pool = pipeline::pool(opts.jobs)?;
    let (summary, kept) = build_into(&out, &pool, opts, false)?;
    // What the checks kept of every page is let go on all threads: one thread freeing a large
    // site's allocations is a serial tail of the build.
    pool.install(|| kept.done.into_par_iter().for_each(drop));
    Ok(summary)
}

/// Load, render and write the site into the locked `out` (the rest of [`build`]); with `keep`,
/// the rendering kept for `serve`'s edits (see [`crate::live`]).
pub(crate) fn build_into(out: &output::Output, pool: &rayon::ThreadPool, opts: &BuildOptions, keep: bool) -> Result<(Summary, Kept)> {
    let site = pool.install(|| Site::load(&opts.root, opts.base_url.as_deref()))?;
    // Pages are written into the staging tree as they are rendered; the first file that
    // cannot be written stops the rendering (a full or read-only disk is one error, not one per
    // file). The tree is swapped in only when everything succeeded.
    let staging = Arc::new(out.stage()?);
    let (report, kept) = pipeline::render(Arc::new(site), opts.strict, pool, staging.clone(), keep)
        .inspect_err(|_| staging.abandon())?;
    let staging = Arc::try_unwrap(staging).map_err(|_| {
        Diagnostic::error(&opts.out, "cannot write the site: a rendering thread still holds the new tree; the previous site is kept")
    })?;
    let changed = staging.written();
    staging.commit()?;
    Ok((Summary { files: report.count, warnings: report.warnings, changed }, kept))
}
