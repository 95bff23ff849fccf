//! Plan every output file, render them in parallel, check the links between them, then write
//! them through [`crate::output`], into a temporary directory beside the output that is swapped
//! in. Only this module writes, and `output`, which owns the output folder.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::check;
use crate::error::{collect_all, Diagnostic, Errors, Result};
use crate::output;
use crate::render::Renderer;
use crate::site::Site;

/// One file of the built site: its path relative to the output directory, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A rendered site, in memory: files sorted by path, and the warnings met on the way.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub files: Vec<Output>,
    pub warnings: Vec<Diagnostic>,
}

/// A unit of rendering work.
#[derive(Debug, Clone)]
enum Job {
    Page { key: String, lang: String },
    CountriesIndex { lang: String },
    Country { code: String, lang: String },
    Glossary { lang: String },
    Search { lang: String },
    SearchIndex { lang: String },
    LanguageChooser,
    NotFound,
    Robots,
}

/// The output path of a permalink `/base/az/x/` → `az/x/index.html`.
/// The output file of a site URL: a directory URL is its `index.html`.
fn file_of(site: &Site, url: &str) -> String {
    let base = site.config.base_path();
    let rel = url.strip_prefix(base.as_str()).unwrap_or(url);
    if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() }
}

fn plan(site: &Site) -> Vec<Job> {
    let mut jobs = vec![Job::LanguageChooser, Job::NotFound, Job::Robots];
    for lang in &site.config.languages {
        for key in &site.order {
            jobs.push(Job::Page { key: key.clone(), lang: lang.clone() });
        }
        if !site.data.countries.is_empty() {
            jobs.push(Job::CountriesIndex { lang: lang.clone() });
            for c in &site.data.countries {
                jobs.push(Job::Country { code: c.code.clone(), lang: lang.clone() });
            }
        }
        jobs.push(Job::Glossary { lang: lang.clone() });
        jobs.push(Job::Search { lang: lang.clone() });
        jobs.push(Job::SearchIndex { lang: lang.clone() });
    }
    jobs
}

fn run_job(site: &Site, r: &Renderer, job: &Job) -> Result<(Output, Vec<Diagnostic>)> {
    let out = |path: String, html: String| Output { path, bytes: html.into_bytes() };
    Ok(match job {
        Job::Page { key, lang } => {
            let (html, warnings) = r.page(site, key, lang)?;
            (out(file_of(site, &site.permalink(key, lang)), html), warnings)
        }
        Job::CountriesIndex { lang } => (out(file_of(site, &site.permalink("countries", lang)), r.countries_index(site, lang)?), vec![]),
        Job::Country { code, lang } => {
            let key = format!("countries/{code}");
            (out(file_of(site, &site.permalink(&key, lang)), r.country(site, code, lang)?), vec![])
        }
        Job::Glossary { lang } => (out(file_of(site, &site.permalink("glossary", lang)), r.glossary(site, lang)?), vec![]),
        Job::Search { lang } => (out(file_of(site, &site.permalink("search", lang)), r.search(site, lang)?), vec![]),
        Job::SearchIndex { lang } => (out(file_of(site, &site.search_index_url(lang)), r.search_index(site, lang)?), vec![]),
        Job::LanguageChooser => (out("index.html".into(), r.language_chooser(site)?), vec![]),
        Job::NotFound => (out("404.html".into(), r.not_found(site)?), vec![]),
        Job::Robots => (out("robots.txt".into(), r.robots(site)?), vec![]),
    })
}

/// The sitemap's entries: every translated page, with its alternates.
fn sitemap_urls(site: &Site) -> Vec<(String, Vec<(String, String)>)> {
    let mut urls = Vec::new();
    let mut add = |key: &str, langs: Vec<&String>| {
        let alts: Vec<(String, String)> = langs
            .iter()
            .map(|l| (l.to_string(), site.absolute(&site.permalink(key, l))))
            .chain(std::iter::once(("x-default".to_string(), site.absolute(&site.permalink(key, &site.config.source_language)))))
            .collect();
        for l in &langs {
            urls.push((site.absolute(&site.permalink(key, l)), alts.clone()));
        }
    };
    for key in &site.order {
        let page = &site.pages[key];
        add(key, site.config.languages.iter().filter(|l| page.files.contains_key(*l)).collect());
    }
    let all: Vec<&String> = site.config.languages.iter().collect();
    if !site.data.countries.is_empty() {
        add("countries", all.clone());
        for c in &site.data.countries {
            add(&format!("countries/{}", c.code), all.clone());
        }
    }
    add("glossary", all);
    urls
}

/// The theme's `static/` files, copied as they are under `static/`.
fn static_files(site: &Site) -> Result<Vec<Output>> {
    let dir = site.theme_dir().join("static");
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Errors::one(Diagnostic::error(&dir, format!("cannot read: {e}"))))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&dir).expect("under dir").to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path()).map_err(|e| Errors::one(Diagnostic::error(entry.path(), format!("cannot read: {e}"))))?;
            files.push(Output { path: format!("static/{rel}"), bytes });
        }
    }
    Ok(files)
}

/// Render the whole site in memory. `strict` turns warnings into errors.
pub fn render_site(site: &Site, strict: bool) -> Result<Rendered> {
    let renderer = Renderer::new(site)?;
    let jobs = plan(site);
    let results: Vec<Result<(Output, Vec<Diagnostic>)>> = jobs.par_iter().map(|j| run_job(site, &renderer, j)).collect();
    let mut warnings = site.warnings.clone();
    let mut files = Vec::new();
    let mut errs = Vec::new();
    for r in results {
        match r {
            Ok((o, w)) => {
                files.push(o);
                warnings.extend(w);
            }
            Err(e) => errs.extend(e.0),
        }
    }
    match static_files(site) {
        Ok(s) => files.extend(s),
        Err(e) => errs.extend(e.0),
    }
    match renderer.sitemap(site, &sitemap_urls(site)) {
        Ok(s) => files.push(Output { path: "sitemap.xml".into(), bytes: s.into_bytes() }),
        Err(e) => errs.extend(e.0),
    }
    warnings.extend(check::data_translations(site));
    warnings.extend(check::heading_ids(site));
    errs.extend(site.i18n.check_complete());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    for pair in files.windows(2) {
        if pair[0].path == pair[1].path {
            errs.push(Diagnostic::error(site.paths.shown("content"), format!("two sources produce the same output `{}`", pair[0].path)));
        }
    }
    // Links are checked only on a complete site: a page that failed to render would show up
    // again as a broken link in every page that links to it.
    if errs.is_empty() {
        errs.extend(check::links(&files, &site.config.base_path()));
    }
    if strict {
        errs.extend(warnings.drain(..).map(|mut w| {
            w.severity = crate::error::Severity::Error;
            w
        }));
    }
    warnings.sort();
    warnings.dedup();
    if errs.is_empty() { Ok(Rendered { files, warnings }) } else { Err(Errors::new(errs)) }
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
    /// Write into an existing non-empty folder that this tool did not write (never into the
    /// site's sources).
    pub force: bool,
    /// Worker threads (default: one per core).
    pub jobs: Option<usize>,
}

/// Run `f` on a rayon pool of `jobs` threads (no global pool is configured).
pub fn with_threads<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        b = b.num_threads(n.max(1));
    }
    match b.build() {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// Load, render and write the site. The output is checked and locked first (see
/// [`output::Output::acquire`]), so a refused output costs nothing and touches nothing; on any
/// error after that, the previous output is left as it was.
pub fn build(opts: &BuildOptions) -> Result<Summary> {
    let out = output::Output::acquire(&opts.out, &opts.root, opts.force)?;
    with_threads(opts.jobs, || {
        let site = Site::load(&opts.root, opts.base_url.as_deref())?;
        let rendered = render_site(&site, opts.strict)?;
        let staging = out.stage()?;
        let written: Vec<Result<()>> = rendered
            .files
            .par_iter()
            .map(|f| staging.write(&f.path, &f.bytes))
            .collect();
        collect_all(written)?;
        staging.commit()?;
        Ok(Summary {
            files: rendered.files.len(),
            warnings: rendered.warnings,
        })
    })
}
