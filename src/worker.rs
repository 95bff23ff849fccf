//! `serve`'s build process: `rtcm-report build --serve-worker …`. It builds as `build` does,
//! then keeps the rendering in memory (see [`crate::live`]) and reads on stdin the files that
//! changed, one path a line, a blank line ending each batch. It applies a batch as edits where
//! it can, else builds everything again, and answers each on stdout with one [`Reply`].
//! Diagnostics go to stderr, which `serve` leaves on the terminal.
//!
//! After a full build fails the process exits: the next change starts a new one, so nothing a
//! failed build left running (a template over its time limit) outlives it. The parent can kill
//! it at any time: the output is only ever replaced whole (a build) or file by file, each file
//! renamed into place (an edit).

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use crate::build::{self, BuildOptions};
use crate::error::{Diagnostic, Errors};
use crate::live::{Change, Live};
use crate::output::Output;
use crate::pipeline;

/// The worker's answer to a batch of changes (and to its start, a full build).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// A full build succeeded: the new site is in place.
    Built,
    /// Edited pages were replaced in place (their search indexes follow: see `Indexed`); an edit
    /// of the batch with errors (printed) may have been refused.
    Updated,
    /// After `Updated`, once the search indexes are written too. Not an answer to a batch:
    /// `serve` does not wait for it (the pages are live without it); tests do.
    Indexed,
    /// The batch needs a full build, which starts now. Not an answer: the answer (`built` or
    /// `failed`) follows; `serve` may now stop the process for a newer change.
    Building,
    /// Nothing to write: the files were saved unchanged, or are not sources.
    Unchanged,
    /// Every edit of the batch has errors (printed): nothing was written, and the site stays as
    /// it was.
    Rejected,
    /// A full build failed (printed); the worker exits.
    Failed,
}

impl Reply {
    pub fn word(self) -> &'static str {
        match self {
            Reply::Built => "built",
            Reply::Updated => "updated",
            Reply::Indexed => "indexed",
            Reply::Building => "building",
            Reply::Unchanged => "unchanged",
            Reply::Rejected => "rejected",
            Reply::Failed => "failed",
        }
    }

    pub fn parse(line: &str) -> Option<Reply> {
        [Reply::Built, Reply::Updated, Reply::Indexed, Reply::Building, Reply::Unchanged, Reply::Rejected, Reply::Failed]
            .into_iter()
            .find(|r| r.word() == line.trim())
    }
}

fn say(reply: Reply) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "{}", reply.word());
    let _ = out.flush();
}

fn print_warnings(warnings: &[crate::error::Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

/// Build everything into `out`, keeping the rendering; the errors are printed.
fn full(out: &Output, pool: &rayon::ThreadPool, opts: &BuildOptions) -> Option<Live> {
    match build::build_into(out, pool, opts, true) {
        Ok((summary, kept)) => {
            summary.print(&opts.out);
            Some(Live::new(kept, opts.strict))
        }
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// What a batch of changes comes to.
enum Batch {
    /// Files to replace, by output path (the pages, then the search indexes; empty if no edit
    /// was good), the site's warnings now, and the errors of the edits refused.
    Edits { pages: BTreeMap<String, Vec<u8>>, indexes: BTreeMap<String, Vec<u8>>, warnings: Vec<Diagnostic>, refused: Vec<Diagnostic> },
    /// Build everything.
    Full,
}

/// Apply a batch of changed files to `live`, each as an edit: a refused one (its errors are
/// kept) leaves the others applied, and their files are to be written all the same, or what
/// `live` keeps would no longer match the output.
fn apply(live: &mut Live, changed: &[PathBuf]) -> Batch {
    // A later edit of the batch may make the same files again: the last is the one to write.
    let mut pages = BTreeMap::new();
    let mut indexes = BTreeMap::new();
    let mut warnings = Vec::new();
    let mut refused = Vec::new();
    for path in changed {
        match live.edit(path) {
            Ok(Change::Nothing) => {}
            Ok(Change::Full(why)) => {
                eprintln!("{why}: building everything");
                return Batch::Full;
            }
            Ok(Change::Files { pages: p, indexes: i, warnings: w }) => {
                pages.extend(p);
                indexes.extend(i);
                warnings = w;
            }
            Err(e) => refused.extend(e.0),
        }
    }
    Batch::Edits { pages, indexes, warnings, refused }
}

/// Replace the edited pages in the output and say so, then their search indexes. A file that
/// cannot be written is fatal: what is kept no longer matches the output.
fn write(out: &Output, pages: &BTreeMap<String, Vec<u8>>, indexes: &BTreeMap<String, Vec<u8>>, started: Instant) -> Result<(), Errors> {
    for (path, bytes) in pages {
        out.replace(path, bytes)?;
    }
    let live_after = started.elapsed();
    say(Reply::Updated);
    for (path, bytes) in indexes {
        out.replace(path, bytes)?;
    }
    say(Reply::Indexed);
    let names: Vec<&str> = pages.keys().map(String::as_str).collect();
    eprintln!(
        "updated {} in {:.1} ms (search index: {:.1} ms)",
        names.join(", "),
        live_after.as_secs_f64() * 1e3,
        started.elapsed().as_secs_f64() * 1e3,
    );
    Ok(())
}

/// Run as `serve`'s build process until stdin closes (the parent is gone) or a full build fails.
pub fn run(opts: &BuildOptions) -> Result<(), String> {
    let failed = |e: String| {
        say(Reply::Failed);
        e
    };
    let out = Output::acquire(&opts.out, &opts.root, opts.force).map_err(|e| failed(e.to_string()))?;
    let pool = pipeline::pool(opts.jobs).map_err(|e| failed(e.to_string()))?;
    let Some(mut live) = full(&out, &pool, opts) else {
        return Err(failed("build failed".into()));
    };
    say(Reply::Built);
    let mut batch = Vec::new();
    for line in io::stdin().lock().lines() {
        let line = line.map_err(|e| e.to_string())?;
        if !line.is_empty() {
            batch.push(PathBuf::from(line));
            continue;
        }
        let changed = std::mem::take(&mut batch);
        let started = Instant::now();
        match apply(&mut live, &changed) {
            Batch::Edits { pages, indexes, warnings, refused } => {
                let has_refused = !refused.is_empty();
                if has_refused {
                    eprintln!("{}", Errors::new(refused));
                    eprintln!("edit refused: its page is served as it was before it");
                }
                if pages.is_empty() {
                    say(if has_refused { Reply::Rejected } else { Reply::Unchanged });
                    continue;
                }
                print_warnings(&warnings);
                // Not answered `failed`: the pages may have been answered `updated` already;
                // the parent sees the process end.
                write(&out, &pages, &indexes, started).map_err(|e| e.to_string())?;
            }
            Batch::Full => {
                say(Reply::Building);
                // The kept rendering is let go first: two at once would double the memory.
                drop(live);
                live = full(&out, &pool, opts).ok_or_else(|| failed("build failed".into()))?;
                say(Reply::Built);
            }
        }
    }
    Ok(())
}
