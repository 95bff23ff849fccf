//! The command line: `build`, `serve`, `check`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// How a command reports: for people, or for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Build the multilingual report site from content/, themes/ and locales/.
#[derive(Debug, Parser)]
#[command(name = "rtcm-report", version, about)]
pub struct Cli {
    /// The site's root: the folder holding site.toml, content/, themes/ and locales/.
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Worker threads for rendering (default: one per core). The output does not depend on it.
    #[arg(long, short = 'j', global = true)]
    pub jobs: Option<usize>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a directory; on any error the previous output is left untouched.
    Build {
        /// The output directory.
        #[arg(long, short, default_value = "public")]
        out: PathBuf,
        /// Override site.toml's base_url (e.g. for a preview host).
        #[arg(long)]
        base_url: Option<String>,
        /// Treat warnings (missing translations, headings without ids, …) as errors.
        #[arg(long)]
        strict: bool,
        /// Write into an existing non-empty folder that this tool did not write; never allowed
        /// for a source folder.
        #[arg(long)]
        force: bool,
        /// Run as `serve`'s build process: after the build, apply the changes named on stdin
        /// (see the `worker` module).
        #[arg(long, hide = true)]
        serve_worker: bool,
    },
    /// The whole report as a PDF per language, printed by headless Chromium from the print
    /// page: `<out>/<lang>/rtcm-report-2021-<lang>.pdf`. Run it after `build` into the same
    /// folder (a later `build` leaves the PDFs out).
    Pdf {
        /// The site's output folder, where the PDFs go.
        #[arg(long, short, default_value = "public")]
        out: PathBuf,
        /// The published site's address, for the PDF's links (as `build --base-url`).
        #[arg(long)]
        base_url: Option<String>,
        /// Chromium's program (default: $CHROMIUM, else /usr/bin/chromium).
        #[arg(long)]
        chromium: Option<PathBuf>,
    },
    /// Build, serve on 127.0.0.1, rebuild and update open pages when a source changes.
    Serve {
        /// The port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address of the interface to listen on: 0.0.0.0 for all (with a warning: anyone
        /// who can reach the machine can then read the site and its build errors).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The output directory.
        #[arg(long, short, default_value = "public")]
        out: PathBuf,
        /// Still rebuild on change, but do not add the script that updates open pages and shows
        /// them the errors of a rebuild.
        #[arg(long)]
        no_reload: bool,
        /// Write into an existing non-empty folder that this tool did not write; never allowed
        /// for a source folder.
        #[arg(long)]
        force: bool,
    },
    /// Load and render everything, check links and translations, write nothing. Exit status:
    /// 0 when the site has no error, 1 when it has (every one is listed), 2 for a wrong command
    /// line.
    Check {
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// `text`: one diagnostic a line on stderr; `json`: one JSON object on stdout, with every
        /// diagnostic (file, line, column, severity, message).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Record that translations are up to date with the source language's text: a translator
    /// runs it when done. Each PATH is a translation (`content/…/page.en.md`) or a data file
    /// (`content/countries/az.yaml`, its texts in the `--lang` languages, default all).
    Translated {
        /// The translations to record.
        paths: Vec<PathBuf>,
        /// For data files: the languages whose texts to record (repeat it, or default all).
        #[arg(long)]
        lang: Vec<String>,
        /// Record every complete translation of the site as up to date (after a review of all).
        #[arg(long)]
        all: bool,
    },
    /// Print each page's and data file's translation state in each language (translated, stale
    /// or missing), with totals: a Markdown table, or JSON with `--format json`.
    Status {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}
