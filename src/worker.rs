//! `serve`'s build process: `rtcm-report build --serve-worker …`. It builds as `build` does,
//! then keeps the rendering in memory (see [`crate::live`]) and reads on stdin the files that
//! changed, one path a line, a blank line ending each batch. It applies a batch as edits where
//! it can, else builds everything again, and answers each on stdout with one [`Answer`]: a line
//! of JSON, `{"reply": "built", "errors": […], "warnings": […], "written": […]}`, the
//! diagnostics as `check --format json` writes them. Errors also go to stderr, which `serve`
//! leaves on the terminal, as `build` prints them; warnings only in the answer: `serve` prints
//! each once.
//!
//! After a full build fails the process exits: the next change starts a new one, so nothing a
//! failed build left running (a template over its time limit) outlives it. The parent can kill
//! it at any time: the output is only ever replaced whole (a build) or file by file, each file
//! renamed into place (an edit).

use std::collections::{BTreeMap, BTreeSet};
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

    pub fn parse(word: &str) -> Option<Reply> {
        [Reply::Built, Reply::Updated, Reply::Indexed, Reply::Building, Reply::Unchanged, Reply::Rejected, Reply::Failed]
            .into_iter()
            .find(|r| r.word() == word)
    }
}

/// One line of the worker's stdout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub reply: Reply,
    /// `failed`: the build's errors; `rejected` and `updated`: those of the edits refused.
    pub errors: Vec<Diagnostic>,
    /// `built` and `updated`: every warning of the site now.
    pub warnings: Vec<Diagnostic>,
    /// `built`: the output files whose bytes changed; `updated`: the pages replaced.
    pub written: Vec<String>,
}

impl Answer {
    pub fn new(reply: Reply) -> Answer {
        Answer { reply, errors: Vec::new(), warnings: Vec::new(), written: Vec::new() }
    }

    /// The answer as one line of JSON.
    pub fn to_line(&self) -> String {
        let diagnostics = |ds: &[Diagnostic]| ds.iter().map(Diagnostic::to_json).collect::<Vec<_>>();
        serde_json::json!({
            "reply": self.reply.word(),
            "errors": diagnostics(&self.errors),
            "warnings": diagnostics(&self.warnings),
            "written": self.written,
        })
        .to_string()
    }

    /// Read a line [`Answer::to_line`] wrote (missing lists are empty); `None` for anything
    /// else.
    pub fn parse(line: &str) -> Option<Answer> {
        let value: serde_json::Value = serde_json::from_str(line).ok()?;
        let reply = Reply::parse(value.get("reply")?.as_str()?)?;
        let list = |key: &str| value.get(key).and_then(serde_json::Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let diagnostics = |key: &str| list(key).iter().filter_map(Diagnostic::from_json).collect();
        Some(Answer {
            reply,
            errors: diagnostics("errors"),
            warnings: diagnostics("warnings"),
            written: list("written").iter().filter_map(|w| w.as_str().map(String::from)).collect(),
        })
    }
}

fn say(answer: Answer) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "{}", answer.to_line());
    let _ = out.flush();
}

/// Say that a full build failed, with its errors (printed too), and return the error of the
/// process.
fn failed(errors: Errors) -> String {
    eprintln!("{errors}");
    say(Answer { errors: errors.0, ..Answer::new(Reply::Failed) });
    "build failed".into()
}

/// Build everything into `out`, keeping the rendering, and say so (`built`, with the warnings
/// and the files changed); the errors are returned.
fn full(out: &Output, pool: &rayon::ThreadPool, opts: &BuildOptions) -> Result<Live, Errors> {
    let (summary, kept) = build::build_into(out, pool, opts, true)?;
    summary.print_count(&opts.out);
    let live = Live::new(kept, opts.strict);
    say(Answer { warnings: summary.warnings, written: summary.changed, ..Answer::new(Reply::Built) });
    Ok(live)
}

/// The files to replace after a batch of edits, by output path (the pages, then the search
/// indexes; empty if no edit was good), the site's warnings now, and the errors of the edits
/// refused.
struct Edits {
    pages: BTreeMap<String, Vec<u8>>,
    /// The languages whose search indexes are to be made again, once the pages are written.
    langs: BTreeSet<String>,
    warnings: Vec<Diagnostic>,
    refused: Vec<Diagnostic>,
}

/// What a batch of changes comes to.
enum Batch {
    Edits(Edits),
    /// Build everything.
    Full,
}

/// Apply a batch of changed files to `live`, each as an edit: a refused one (its errors are
/// kept) leaves the others applied, and their files are to be written all the same, or what
/// `live` keeps would no longer match the output.
fn apply(live: &mut Live, changed: &[PathBuf]) -> Batch {
    // A later edit of the batch may make the same files again: the last is the one to write.
    let mut pages = BTreeMap::new();
    let mut langs = BTreeSet::new();
    let mut warnings = Vec::new();
    let mut refused = Vec::new();
    for path in changed {
        match live.edit(path) {
            Ok(Change::Nothing) => {}
            Ok(Change::Full(why)) => {
                eprintln!("{why}: building everything");
                return Batch::Full;
            }
            Ok(Change::Files { pages: p, langs: l, warnings: w }) => {
                pages.extend(p);
                langs.extend(l);
                warnings = w;
            }
            Err(e) => refused.extend(e.0),
        }
    }
    Batch::Edits(Edits { pages, langs, warnings, refused: Errors::new(refused).0 })
}

/// Replace the edited pages in the output and say so (with the errors of the edits `refused`
/// and the site's `warnings`), then their search indexes. A file that cannot be written is
/// fatal: what is kept no longer matches the output.
fn write(out: &Output, live: &mut Live, edits: Edits, started: Instant) -> Result<(), Errors> {
    let Edits { pages, langs, warnings, refused } = edits;
    let pages = &pages;
    for (path, bytes) in pages {
        out.replace(path, bytes)?;
    }
    let live_after = started.elapsed();
    say(Answer { errors: refused, warnings, written: pages.keys().cloned().collect(), ..Answer::new(Reply::Updated) });
    let (indexes, gone) = live.search_indexes(&langs)?;
    for (path, bytes) in &indexes {
        out.replace(path, bytes)?;
    }
    for path in &gone {
        out.remove(path)?;
    }
    say(Answer::new(Reply::Indexed));
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
    let out = Output::acquire(&opts.out, &opts.root, opts.force).map_err(failed)?;
    let pool = pipeline::pool(opts.jobs).map_err(failed)?;
    let mut live = full(&out, &pool, opts).map_err(failed)?;
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
            Batch::Edits(edits) => {
                if !edits.refused.is_empty() {
                    eprintln!("{}", Errors(edits.refused.clone()));
                    eprintln!("edit refused: its page is served as it was before it");
                }
                if edits.pages.is_empty() {
                    let reply = if edits.refused.is_empty() { Reply::Unchanged } else { Reply::Rejected };
                    say(Answer { errors: edits.refused, ..Answer::new(reply) });
                    continue;
                }
                // Not answered `failed`: the pages may have been answered `updated` already;
                // the parent sees the process end.
                write(&out, &mut live, edits, started).map_err(|e| e.to_string())?;
            }
            Batch::Full => {
                say(Answer::new(Reply::Building));
                // The kept rendering is let go first: two at once would double the memory.
                drop(live);
                live = full(&out, &pool, opts).map_err(failed)?;
            }
        }
    }
    Ok(())
}
