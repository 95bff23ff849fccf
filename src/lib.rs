//! A static-site generator for one multilingual report: load → model → render → write.
//!
//! `config`, `content`, `data` and `i18n` load the sources; `site` is the immutable model;
//! `markdown` and `render` turn it into strings; `build` writes, through `output`, which owns
//! the output folder; `check` validates; `serve` listens, and its build process (`worker`) keeps
//! the rendered site (`live`) to apply an edit without rendering everything again.

pub mod assets;
pub mod build;
pub mod cite;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod data;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod history;
pub mod i18n;
pub mod live;
pub mod markdown;
pub mod opendata;
pub mod output;
pub mod preview;
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod worker;
pub mod source;
pub mod trace;
pub mod translation;
pub mod yaml;

use cli::{Cli, Command};

/// Run a parsed command line; the error is what to print.
pub fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Build { out, base_url, strict, force, serve_worker } => {
            let opts = build::BuildOptions {
                root: cli.root,
                out: out.clone(),
                base_url,
                strict,
                force,
                jobs: cli.jobs,
            };
            if serve_worker {
                return worker::run(&opts);
            }
            build::build(&opts).map_err(|e| e.to_string())?.print(&out);
            Ok(())
        }
        Command::Serve { port, bind, out, no_reload, force } => {
            let opts = build::BuildOptions {
                root: cli.root,
                out,
                base_url: None,
                strict: false,
                force,
                jobs: cli.jobs,
            };
            serve::serve(opts, serve::ServeOptions { bind, port, live_reload: !no_reload })
        }
        Command::Pdf { out, base_url, chromium } => {
            let opts = pdf::PdfOptions { root: cli.root, out, base_url, chromium, jobs: cli.jobs };
            let written = pdf::pdf(&opts)?;
            eprintln!("{} PDFs written", written.len());
            Ok(())
        }
        Command::Translated { paths, lang, all } => {
            let done = translation::mark_translated(&cli.root, &paths, &lang, all)?;
            for d in &done {
                eprintln!("recorded {d}");
            }
            eprintln!("{} translations recorded in {}", done.len(), translation::RECORD_FILE);
            Ok(())
        }
        Command::Status { format } => {
            let site = site::Site::load(&cli.root, None).map_err(|e| e.to_string())?;
            let Some(rows) = translation::status(&site) else {
                return Err(format!("this site does not track translations: {} is missing (create it with `rtcm-report translated --all`)", translation::RECORD_FILE));
            };
            let langs: Vec<String> = site.config.languages.iter().filter(|l| **l != site.config.source_language).cloned().collect();
            match format {
                cli::Format::Text => print!("{}", translation::status_table(&rows, &langs)),
                cli::Format::Json => {
                    let report = serde_json::json!({ "languages": langs, "texts": rows, "totals": translation::totals(&rows) });
                    println!("{report:#}");
                }
            }
            Ok(())
        }
        Command::Check { strict, format } => {
            let result = check::check(&cli.root, strict, cli.jobs);
            match format {
                cli::Format::Text => {
                    let warnings = result.map_err(|e| e.to_string())?;
                    for w in &warnings {
                        eprintln!("{w}");
                    }
                    eprintln!("check passed ({} warnings)", warnings.len());
                    Ok(())
                }
                cli::Format::Json => {
                    let (ok, diagnostics) = match result {
                        Ok(warnings) => (true, warnings),
                        Err(e) => (false, e.0),
                    };
                    let count = |error: bool| diagnostics.iter().filter(|d| d.is_error() == error).count();
                    let report = serde_json::json!({
                        "ok": ok,
                        "errors": count(true),
                        "warnings": count(false),
                        "diagnostics": diagnostics.iter().map(error::Diagnostic::to_json).collect::<Vec<_>>(),
                    });
                    println!("{report:#}");
                    // The report is the output; the exit status says whether the site failed.
                    if ok { Ok(()) } else { Err(String::new()) }
                }
            }
        }
    }
}
