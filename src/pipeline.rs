//! The shared step of `build` and `check`: plan every output file (one source per address),
//! render them in parallel under a time limit per page, and check the whole site (links,
//! anchors, ids, translations). A pure function of the loaded site: nothing here writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, mpsc};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{self, Checked, Facts, MarkdownLink};
use crate::error::{Diagnostic, Errors, Result, Severity};
use crate::render::Renderer;
use crate::search;
use crate::site::Site;

/// One file of the built site: its path relative to the output directory, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What rendering into a [`Sink`] found: how many files went to it, and the warnings.
#[derive(Debug, Clone)]
pub struct Report {
    pub count: usize,
    pub warnings: Vec<Diagnostic>,
}

/// A site rendered in memory ([`load_and_render`]): files sorted by path, and the warnings.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub files: Vec<Output>,
    pub warnings: Vec<Diagnostic>,
}

/// Where rendered files go, each as soon as it is rendered, from many threads at once: `build`
/// writes them into its staging folder, `check` drops them, tests keep them in [`Memory`]. No
/// page's bytes are held once it is written; the site-wide checks keep only its [`Facts`].
pub trait Sink: Send + Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()>;
}

/// Drops every file (`check`).
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> Result<()> {
        Ok(())
    }
}

/// Keeps every file in memory (tests, and tools that look at the output).
#[derive(Default)]
pub struct Memory(std::sync::Mutex<Vec<Output>>);

impl Sink for Memory {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let file = Output { path: path.to_string(), bytes: bytes.to_vec() };
        self.0.lock().expect("no writer panics holding it").push(file);
        Ok(())
    }
}

impl Sink for crate::output::Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        crate::output::Staging::write(self, path, bytes)
    }
}

/// A unit of rendering work.
#[derive(Debug, Clone)]
pub(crate) enum Job {
    Page { key: String, lang: String },
    CountriesIndex { lang: String },
    Country { code: String, lang: String },
    Glossary { lang: String },
    /// The whole report on one page (`/<lang>/print/`).
    Print { lang: String },
    Search { lang: String },
    /// The data page, and with it the language's CSV, JSON and `datapackage.json` files.
    OpenData { lang: String },
    SearchIndex { lang: String },
    /// The preview image of a language (`og:image`).
    Preview { lang: String },
    /// A citation file of a language (BibTeX, RIS, CSL-JSON).
    Citation { lang: String, format: crate::cite::Format },
    LanguageChooser,
    NotFound,
    Robots,
    Sitemap,
    Static { real: PathBuf },
}

/// A job and the file it writes.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub(crate) path: String,
    pub(crate) job: Job,
}

impl Job {
    /// The template that renders the job's file (`None` for a copied or serialised one).
    pub(crate) fn template(&self, site: &Site) -> Option<&'static str> {
        match self {
            Job::Page { key, .. } => Some(Renderer::page_template(site, key)),
            Job::CountriesIndex { .. } => Some("countries.html"),
            Job::Country { .. } => Some("country.html"),
            Job::Glossary { .. } => Some("glossary.html"),
            Job::Print { .. } => Some("print.html"),
            Job::Search { .. } => Some("search.html"),
            Job::OpenData { .. } => Some("data.html"),
            Job::LanguageChooser => Some("index.html"),
            Job::NotFound => Some("404.html"),
            Job::Robots => Some("robots.txt"),
            Job::Sitemap => Some("sitemap.xml"),
            Job::SearchIndex { .. } | Job::Static { .. } | Job::Preview { .. } | Job::Citation { .. } => None,
        }
    }

    /// The source a problem of the job's file is reported at: its Markdown or data file, or
    /// else its template.
    pub(crate) fn source(&self, site: &Site) -> PathBuf {
        match self {
            Job::Page { key, lang } => site.pages[key]
                .file_for(lang, &site.config.source_language)
                .0
                .path
                .clone(),
            Job::CountriesIndex { .. } => site.paths.shown("content/countries"),
            Job::Country { code, .. } => {
                site.paths.shown(&format!("content/countries/{code}.yaml"))
            }
            Job::Glossary { .. } => site.paths.shown("content/glossary.yaml"),
            Job::OpenData { .. } => site.paths.shown("content/tables.yaml"),
            Job::SearchIndex { .. } => site.paths.shown("content"),
            Job::Preview { .. } | Job::Citation { .. } => site.paths.shown("site.toml"),
            Job::Static { real } => site.paths.shown_path(real),
            _ => template_file(site, self.template(site).unwrap_or_default()),
        }
    }

    /// What the job makes, for a message about two sources of one address.
    fn describe(&self) -> &'static str {
        match self {
            Job::Page { .. } => "a page",
            Job::CountriesIndex { .. } => "the countries index, which the site generates",
            Job::Country { .. } => "a country profile, which the site generates",
            Job::Glossary { .. } => "the glossary page, which the site generates",
            Job::Print { .. } => "the print page (the whole report), which the site generates",
            Job::Search { .. } => "the search page, which the site generates",
            Job::OpenData { .. } => "the open data page, which the site generates",
            Job::SearchIndex { .. } => "the search index, which the site generates",
            Job::Preview { .. } => "the preview image, which the site generates",
            Job::Citation { .. } => "a citation file, which the site generates",
            Job::LanguageChooser => "the language chooser, which the site generates",
            Job::NotFound => "the 404 page, which the site generates",
            Job::Robots => "robots.txt, which the site generates",
            Job::Sitemap => "the sitemap, which the site generates",
            Job::Static { .. } => "a file of the theme's static/ folder",
        }
    }
}

/// The print page's key: `/<lang>/print/`.
pub const PRINT: &str = "print";

/// A theme template's file, as messages show it.
fn template_file(site: &Site, name: &str) -> PathBuf {
    site.paths
        .shown(&format!("themes/{}/templates/{name}", site.config.theme))
}

/// The output file of a site URL: a directory URL is its `index.html`.
pub(crate) fn file_of(site: &Site, url: &str) -> String {
    let base = site.config.base_path();
    let rel = url.strip_prefix(base.as_str()).unwrap_or(url);
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// Every file of the site and the job that makes it. Two jobs for one file (a page named like
/// a generated page, …) are an error naming both sources; the first keeps the file.
fn plan(site: &Site) -> (Vec<Planned>, Vec<Diagnostic>) {
    let mut jobs = Vec::new();
    let mut add = |job: Job, path: String| jobs.push(Planned { path, job });
    add(Job::LanguageChooser, "index.html".into());
    add(Job::NotFound, "404.html".into());
    add(Job::Robots, "robots.txt".into());
    add(Job::Sitemap, "sitemap.xml".into());
    for lang in &site.config.languages {
        let at = |key: &str| file_of(site, &site.permalink(key, lang));
        for key in &site.order {
            add(
                Job::Page {
                    key: key.clone(),
                    lang: lang.clone(),
                },
                at(key),
            );
        }
        if !site.data.countries.is_empty() {
            add(Job::CountriesIndex { lang: lang.clone() }, at("countries"));
            for c in &site.data.countries {
                let path = at(&format!("countries/{}", c.code));
                add(
                    Job::Country {
                        code: c.code.clone(),
                        lang: lang.clone(),
                    },
                    path,
                );
            }
        }
        add(Job::Glossary { lang: lang.clone() }, at("glossary"));
        add(Job::Search { lang: lang.clone() }, at("search"));
        add(Job::Preview { lang: lang.clone() }, file_of(site, &crate::cite::preview_url(site, lang)));
        if site.config.report.is_some() {
            for format in crate::cite::Format::ALL {
                add(Job::Citation { lang: lang.clone(), format }, file_of(site, &crate::cite::file_url(site, lang, format)));
            }
        }
        add(Job::OpenData { lang: lang.clone() }, at("data"));
        if site.pages.contains_key("") {
            add(Job::Print { lang: lang.clone() }, at(PRINT));
        }
        add(
            Job::SearchIndex { lang: lang.clone() },
            format!("{}pagefind-entry.json", file_of(site, &site.search_bundle_url(lang)).trim_end_matches("index.html")),
        );
    }
    let dir = site.theme_dir().join("static");
    let (found, mut errs) = site.paths.walk(&dir);
    for real in found {
        let rel = real
            .strip_prefix(&dir)
            .expect("under dir")
            .to_string_lossy()
            .replace('\\', "/");
        add(Job::Static { real }, format!("static/{rel}"));
    }
    // One source per address.
    let mut first: BTreeMap<&str, &Planned> = BTreeMap::new();
    let mut keep = vec![true; jobs.len()];
    for (i, p) in jobs.iter().enumerate() {
        let Some(other) = first.get(p.path.as_str()) else {
            first.insert(&p.path, p);
            continue;
        };
        keep[i] = false;
        // Said at the editor's file: the page, if one of the two is.
        let (at, with) = if matches!(p.job, Job::Page { .. }) {
            (p, *other)
        } else {
            (*other, p)
        };
        let address = p.path.strip_suffix("index.html").unwrap_or(&p.path);
        errs.push(Diagnostic::error(
            at.job.source(site),
            format!(
                "its address `{}{address}` is also that of {} ({}): rename one of them",
                site.config.base_path(),
                with.job.describe(),
                with.job.source(site).display(),
            ),
        ));
    }
    let mut keep = keep.into_iter();
    jobs.retain(|_| keep.next().unwrap_or(true));
    (jobs, errs)
}

/// A job's result: its file, its warnings, and what the site-wide checks need of it.
pub(crate) struct Done {
    /// The file's bytes, until they go to the sink.
    pub(crate) bytes: Vec<u8>,
    pub(crate) warnings: Vec<Diagnostic>,
    /// For HTML files.
    pub(crate) facts: Option<Facts>,
    /// The line where the Markdown body starts in the job's source (for Markdown links).
    pub(crate) body_line: usize,
    /// For a page the search indexes: its `<main>` element, which its language's index is
    /// made of (kept for [`crate::live`], else let go once the indexes are made).
    pub(crate) search_main: String,
    /// For a Markdown page: its explicit heading ids (for the translations check), from the
    /// one parse that rendered it.
    pub(crate) heading_ids: Vec<String>,
    /// Files written with the job's own (`path`, bytes): the search index's bundle. Their
    /// paths stay once they are written (`more_paths`), for [`crate::live`].
    pub(crate) more: Vec<(String, Vec<u8>)>,
    pub(crate) more_paths: Vec<String>,
}

/// The pages each language's search index is made of, in the site's order: their address and
/// their `<main>`.
pub(crate) type Entries<'a> = BTreeMap<&'a str, Vec<search::Page<'a>>>;

impl Job {
    /// The language and address of a page the search indexes: the Markdown pages, the
    /// countries index, the profiles and the glossary (not the search page, the root, the 404).
    pub(crate) fn searched(&self, site: &Site) -> Option<(&str, String)> {
        match self {
            Job::Page { key, lang } => Some((lang, site.permalink(key, lang))),
            Job::CountriesIndex { lang } => Some((lang, site.permalink("countries", lang))),
            Job::Country { code, lang } => Some((lang, site.permalink(&format!("countries/{code}"), lang))),
            Job::Glossary { lang } => Some((lang, site.permalink("glossary", lang))),
            Job::OpenData { lang } => Some((lang, site.permalink("data", lang))),
            _ => None,
        }
    }

    /// Whether the search indexes the job's page ([`Job::searched`], without making its address).
    pub(crate) fn is_searched(&self) -> bool {
        matches!(self, Job::Page { .. } | Job::CountriesIndex { .. } | Job::Country { .. } | Job::Glossary { .. } | Job::OpenData { .. })
    }
}

/// The search index of `lang`, made of its pages' `entries`: its files, by output path.
pub(crate) fn search_bundle(site: &Site, lang: &str, pages: &[search::Page]) -> Result<Vec<(String, Vec<u8>)>> {
    let dir = file_of(site, &site.search_bundle_url(lang));
    let dir = dir.trim_end_matches("index.html");
    Ok(search::bundle(lang, pages)?.into_iter().map(|(name, bytes)| (format!("{dir}{name}"), bytes)).collect())
}

/// An HTML file's result: its ids must be unique; `markdown` are the links its Markdown wrote.
/// The print page of `lang` (the job `planned`), from its parts ([`Renderer::print_with`]).
pub(crate) fn print_page(
    site: &Site,
    r: &Renderer,
    planned: &Planned,
    lang: &str,
    part: &mut dyn FnMut(&str) -> Result<crate::render::PrintPart>,
) -> Result<Done> {
    // The links the pages' Markdown wrote are checked (and reported) on their own pages: here,
    // only the theme's are.
    let (page, links) = r.print_with(site, lang, part)?;
    let written = |url: String| (url.clone(), check::MarkdownLink { written: url, line: 0, column: 0 });
    let template = planned.job.template(site).unwrap_or_default();
    let mut done = html_with(page, links.into_iter().map(written).collect(), planned.job.source(site), template)?;
    if let Some(f) = done.facts.as_mut() {
        f.markdown_links.clear();
    }
    Ok(done)
}

fn html_with(html: String, markdown: Vec<(String, MarkdownLink)>, source: PathBuf, template: &str) -> Result<Done> {
    let facts = check::facts(&html, markdown);
    if let Some(id) = facts.duplicate_ids.first() {
        return Err(Diagnostic::error(
            source,
            format!("id `{id}` appears twice in this page's HTML (template `{template}`): ids must be unique"),
        )
        .into());
    }
    Ok(Done { facts: Some(facts), ..plain(html.into_bytes()) })
}

pub(crate) fn run_job(site: &Site, r: &Renderer, planned: &Planned, entries: &Entries) -> Result<Done> {
    let html = |html: String, source: PathBuf, template: &str| html_with(html, Vec::new(), source, template);
    let source = || planned.job.source(site);
    let template = planned.job.template(site).unwrap_or_default();
    match &planned.job {
        Job::Page { key, lang } => page(site, r, key, lang),
        Job::CountriesIndex { lang } => html(r.countries_index(site, lang)?, source(), template),
        Job::Country { code, lang } => html(r.country(site, code, lang)?, source(), template),
        Job::Glossary { lang } => html(r.glossary(site, lang)?, source(), template),
        Job::Search { lang } => html(r.search(site, lang)?, source(), template),
        Job::OpenData { lang } => {
            let (page, files) = open_data(site, r, lang)?;
            Ok(Done { more: files, ..html(page, source(), template)? })
        }
        Job::Print { lang } => print_page(site, r, planned, lang, &mut |key| r.print_part(site, lang, key)),
        Job::LanguageChooser => html(r.language_chooser(site)?, source(), template),
        Job::NotFound => html(r.not_found(site)?, source(), template),
        Job::SearchIndex { lang } => {
            let mut files = search_bundle(site, lang, entries.get(lang.as_str()).map_or(&[], |e| e.as_slice()))?;
            // The job's own file is the bundle's entry; the rest go with it.
            let at = files.iter().position(|(path, _)| *path == planned.path).ok_or_else(|| {
                Errors::one(Diagnostic::error(source(), format!("the search index has no `{}`", planned.path)))
            })?;
            let (_, bytes) = files.remove(at);
            Ok(Done { more: files, ..plain(bytes) })
        }
        Job::Preview { lang } => Ok(plain(crate::preview::png(site, lang)?)),
        Job::Citation { lang, format } => Ok(plain(crate::cite::file(site, lang, *format).unwrap_or_default().into_bytes())),
        Job::Robots => Ok(plain(r.robots(site)?.into_bytes())),
        Job::Sitemap => Ok(plain(
            r.sitemap(site, &sitemap_urls(site))?.into_bytes(),
        )),
        Job::Static { real } => Ok(plain(crate::assets::publish(&source(), site.paths.read_bytes(real)?)?)),
    }
}

/// Files by output path.
type Files = Vec<(String, Vec<u8>)>;

/// The data page of `lang` and the files it offers (CSV and JSON per table, the Data
/// Package), by output path: each table's rows are built once.
fn open_data(site: &Site, r: &Renderer, lang: &str) -> Result<(String, Files)> {
    let at = |m: String| Errors::one(Diagnostic::error(site.paths.shown("content/tables.yaml"), m));
    let sets = crate::opendata::datasets(site, lang).map_err(at)?;
    let markers = crate::opendata::Markers::of(site, lang).map_err(at)?;
    let dir = file_of(site, &site.permalink("data", lang));
    let dir = dir.trim_end_matches("index.html");
    let mut files = Vec::new();
    let mut sizes = Vec::new();
    for d in &sets {
        let csv = crate::opendata::csv(d, &markers).map_err(at)?;
        let json = crate::opendata::json(d, lang, &markers);
        sizes.push((csv.len(), json.len()));
        files.push((format!("{dir}{}.csv", d.id), csv));
        files.push((format!("{dir}{}.json", d.id), json));
    }
    let package = crate::opendata::package(site, lang, &sets, &markers).map_err(at)?;
    let page = r.data_page(site, lang, &sets, &sizes, package.len())?;
    files.push((format!("{dir}datapackage.json"), package));
    Ok((page, files))
}

/// A file that is not HTML: no ids, no links to check.
fn plain(bytes: Vec<u8>) -> Done {
    Done {
        bytes,
        warnings: vec![],
        facts: None,
        body_line: 1,
        search_main: String::new(),
        heading_ids: Vec::new(),
        more: Vec::new(),
        more_paths: Vec::new(),
    }
}

/// A Markdown page: an id of the page's HTML used twice is reported at the heading that takes
/// it, where one does.
pub(crate) fn page(site: &Site, r: &Renderer, key: &str, lang: &str) -> Result<Done> {
    let p = r.page(site, key, lang)?;
    let links = p
        .links
        .into_iter()
        .map(|l| {
            (
                l.url,
                MarkdownLink {
                    written: l.written,
                    line: l.line,
                    column: l.column,
                },
            )
        })
        .collect();
    let facts = check::facts(&p.html, links);
    let errs: Vec<Diagnostic> = facts
        .duplicate_ids
        .iter()
        .map(|id| match p.headings.iter().find(|h| &h.id == id) {
            Some(h) => Diagnostic::error(
                &p.file,
                format!("heading id `{id}` is also used by the page's template or another part of the page (a table, a footnote): choose another id"),
            )
            .at(h.line + p.body_line - 1, 1),
            None => Diagnostic::error(
                &p.file,
                format!("id `{id}` appears twice in this page's HTML (template `{}`): is a table shown twice?", p.template),
            ),
        })
        .collect();
    if !errs.is_empty() {
        return Err(Errors::new(errs));
    }
    let search_main = search::main_element(&p.html).unwrap_or_default().to_string();
    Ok(Done {
        bytes: p.html.into_bytes(),
        warnings: p.warnings,
        facts: Some(facts),
        body_line: p.body_line,
        search_main,
        heading_ids: p.headings.into_iter().filter(|h| h.explicit).map(|h| h.id).collect(),
        more: Vec::new(),
        more_paths: Vec::new(),
    })
}

/// The sitemap's entries: every translated page, with its alternates.
fn sitemap_urls(site: &Site) -> Vec<(String, Vec<(String, String)>)> {
    let mut urls = Vec::new();
    let mut add = |key: &str, langs: Vec<&String>| {
        let alts: Vec<(String, String)> = langs
            .iter()
            .map(|l| (l.to_string(), site.absolute(&site.permalink(key, l))))
            .chain(std::iter::once((
                "x-default".to_string(),
                site.absolute(&site.permalink(key, &site.config.source_language)),
            )))
            .collect();
        for l in &langs {
            urls.push((site.absolute(&site.permalink(key, l)), alts.clone()));
        }
    };
    for key in &site.order {
        let page = &site.pages[key];
        add(
            key,
            site.config
                .languages
                .iter()
                .filter(|l| page.files.contains_key(*l))
                .collect(),
        );
    }
    let all: Vec<&String> = site.config.languages.iter().collect();
    if !site.data.countries.is_empty() {
        add("countries", all.clone());
        for c in &site.data.countries {
            add(&format!("countries/{}", c.code), all.clone());
        }
    }
    add("glossary", all.clone());
    add("data", all);
    urls
}

/// A rayon pool of `jobs` threads (one per core by default); no global pool is configured.
pub fn pool(jobs: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        b = b.num_threads(n.max(1));
    }
    b.build().map_err(|e| {
        Diagnostic::error("--jobs", format!("cannot start the worker threads: {e}")).into()
    })
}

/// Load the site at `root` and render it on `jobs` threads into `sink`.
pub fn load_and_render_into(
    root: &Path,
    base_url: Option<&str>,
    strict: bool,
    jobs: Option<usize>,
    sink: Arc<dyn Sink>,
) -> Result<Report> {
    let pool = pool(jobs)?;
    let site = pool.install(|| Site::load(root, base_url))?;
    render_site(Arc::new(site), strict, &pool, sink)
}

/// Load the site at `root` and render it on `jobs` threads, keeping every file in memory.
pub fn load_and_render(
    root: &Path,
    base_url: Option<&str>,
    strict: bool,
    jobs: Option<usize>,
) -> Result<Rendered> {
    let memory = Arc::new(Memory::default());
    let report = load_and_render_into(root, base_url, strict, jobs, memory.clone())?;
    let mut files = std::mem::take(&mut *memory.0.lock().expect("no writer panicked"));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered { files, warnings: report.warnings })
}

/// Marks a job's start time (milliseconds since the render began, plus one) or its end.
const DONE: u64 = u64::MAX;

/// What a full render keeps for [`crate::live`], which updates it after an edit instead of
/// rendering everything again: the site, its templates, every job in plan order and, for each,
/// what the site-wide checks need of its file (its bytes are not kept), the pages' search-index
/// entries among them.
pub(crate) struct Kept {
    pub(crate) site: Arc<Site>,
    pub(crate) renderer: Arc<Renderer>,
    pub(crate) planned: Arc<Vec<Planned>>,
    pub(crate) done: Vec<Done>,
}

/// Render the whole site on `pool`, each file handed to `sink` as soon as it is rendered (so
/// a page's bytes are not held), and check it. `strict` turns warnings into errors. The first
/// file the sink refuses (a full disk) stops the rendering and is the error. A job that takes
/// longer than the site's `render_time_limit` is reported (naming its page and template) and
/// left behind: the caller is a process about to exit with that error (`serve` builds in a
/// child process for this reason).
pub fn render_site(site: Arc<Site>, strict: bool, pool: &rayon::ThreadPool, sink: Arc<dyn Sink>) -> Result<Report> {
    render(site, strict, pool, sink, false).map(|(report, _)| report)
}

/// [`render_site`]; what it keeps for [`crate::live`] (`keep`: the pages' search-index entries
/// too) is in the [`Kept`].
pub(crate) fn render(site: Arc<Site>, strict: bool, pool: &rayon::ThreadPool, sink: Arc<dyn Sink>, keep: bool) -> Result<(Report, Kept)> {
    let renderer = Arc::new(Renderer::new(&site)?);
    let (planned, mut errs) = plan(&site);
    let planned = Arc::new(planned);
    let started: Arc<Vec<AtomicU64>> =
        Arc::new(planned.iter().map(|_| AtomicU64::new(0)).collect());
    let begin = Instant::now();
    let write_error: Arc<OnceLock<Errors>> = Arc::new(OnceLock::new());
    let (tx, rx) = mpsc::channel();
    {
        let (site, renderer, planned, started, write_error) = (
            site.clone(),
            renderer.clone(),
            planned.clone(),
            started.clone(),
            write_error.clone(),
        );
        pool.spawn(move || {
            let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run_all(&site, &renderer, &planned, &started, begin, &*sink, &write_error, keep)
            }));
            // Everything shared is let go before the results are sent: the caller may then take
            // the sink back, and change the site it keeps.
            drop((sink, site, renderer, planned));
            let _ = tx.send(results);
        });
    }
    let limit = Duration::from_secs(site.config.render_time_limit.max(1));
    let results = loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(Ok(results)) => break results,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let now = begin.elapsed().as_millis() as u64 + 1;
                let overdue = started.iter().position(|s| {
                    let t = s.load(Ordering::Relaxed);
                    t != 0 && t != DONE && now.saturating_sub(t) > limit.as_millis() as u64
                });
                if let Some(i) = overdue {
                    return Err(runaway(&site, &planned[i], limit).into());
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Diagnostic::error(
                    "rtcm-report",
                    "the rendering threads stopped without a result",
                )
                .into());
            }
        }
    };
    // Read, not taken: the rendering task may still hold its handle on it.
    if let Some(e) = write_error.get() {
        return Err(e.clone());
    }
    let mut warnings = site.warnings.clone();
    errs.extend(site.load_errors.iter().cloned());
    let count = results.iter().filter(|r| r.is_ok()).count();
    let mut done = Vec::new();
    let mut targets: check::Targets = BTreeMap::new();
    // Pages and profiles left out by a load error: links to them are not broken.
    let left_out = left_out(&site);
    for path in &left_out {
        targets.insert(path, None);
    }
    // The PDFs, which `rtcm-report pdf` makes from the built site.
    let pdfs = pdf_files(&site);
    for path in &pdfs {
        targets.insert(path, None);
    }
    for (p, r) in planned.iter().zip(results) {
        match r {
            Ok(d) => {
                warnings.extend(d.warnings.iter().cloned());
                done.push((p, d));
            }
            Err(e) => {
                errs.extend(e.0);
                // Links to a page that failed still find it; its ids are not checked.
                targets.insert(&p.path, None);
            }
        }
    }
    for (p, d) in &done {
        targets.insert(&p.path, d.facts.as_ref().map(|f| &f.ids));
        // The files written with it (the downloads of the data page) are linked to as well.
        for more in &d.more_paths {
            targets.insert(more, None);
        }
    }
    let sources: Vec<PathBuf> = done.iter().map(|(p, _)| p.job.source(&site)).collect();
    let checked: Vec<Checked> = done
        .iter()
        .zip(&sources)
        .filter_map(|((p, d), source)| checked(&site, p, d, source))
        .collect();
    errs.extend(pool.install(|| check::links(&checked, &|path| targets.get(path).copied(), &site.config.base_path())));
    drop(checked);
    warnings.extend(check::data_translations(&site));
    warnings.extend(crate::translation::data_warnings(&site));
    let heading_ids: BTreeMap<(&str, &str), &[String]> = done
        .iter()
        .filter_map(|(p, d)| match &p.job {
            Job::Page { key, lang } => Some(((key.as_str(), lang.as_str()), d.heading_ids.as_slice())),
            _ => None,
        })
        .collect();
    warnings.extend(check::heading_ids(&site, &|key, lang| heading_ids.get(&(key, lang)).copied()));
    drop(heading_ids);
    errs.extend(site.i18n.check_complete());
    errs.extend(crate::trace::check(&site));
    if strict {
        errs.extend(warnings.drain(..).map(|mut w| {
            w.severity = Severity::Error;
            w
        }));
    }
    warnings.sort();
    warnings.dedup();
    if !errs.is_empty() {
        return Err(Errors::new(errs));
    }
    // No error: every job is done, in plan order.
    drop(targets);
    let done = done.into_iter().map(|(_, d)| d).collect();
    Ok((Report { count, warnings }, Kept { site, renderer, planned, done }))
}

/// A rendered HTML file as the link check sees it (`None` for a file that is not HTML).
pub(crate) fn checked<'a>(site: &Site, p: &'a Planned, d: &'a Done, source: &'a Path) -> Option<Checked<'a>> {
    let facts = d.facts.as_ref()?;
    Some(Checked {
        path: &p.path,
        source,
        template: p.job.template(site),
        body_line: d.body_line,
        facts,
    })
}

/// Run every job on the current pool, the search indexes last (they are made of the pages'
/// entries), each file handed to `sink` as it is rendered; results in plan order. A job's start
/// and end go to `started` for the watchdog; the first file the sink refuses goes to
/// `write_error`, and the jobs not yet started are then skipped. The pages' search-index
/// entries are let go once the indexes are made, unless they are to be `kept`.
#[allow(clippy::too_many_arguments)]
fn run_all(
    site: &Site,
    renderer: &Renderer,
    planned: &[Planned],
    started: &[AtomicU64],
    begin: Instant,
    sink: &dyn Sink,
    write_error: &OnceLock<Errors>,
    keep: bool,
) -> Vec<Result<Done>> {
    let run = |i: usize, entries: &Entries| -> Result<Done> {
        if write_error.get().is_some() {
            return Err(Errors::new(Vec::new()));
        }
        let p = &planned[i];
        started[i].store(begin.elapsed().as_millis() as u64 + 1, Ordering::Relaxed);
        let r = run_job(site, renderer, p, entries).map(|mut d| {
            if d.search_main.is_empty() && p.job.is_searched() {
                d.search_main = std::str::from_utf8(&d.bytes).ok().and_then(search::main_element).unwrap_or_default().to_string();
            }
            for (path, bytes) in std::iter::once((p.path.as_str(), d.bytes.as_slice())).chain(d.more.iter().map(|(p, b)| (p.as_str(), b.as_slice()))) {
                if let Err(e) = sink.write(path, bytes) {
                    let _ = write_error.set(e);
                    break;
                }
            }
            d.bytes = Vec::new();
            d.more_paths = std::mem::take(&mut d.more).into_iter().map(|(path, _)| path).collect();
            d
        });
        started[i].store(DONE, Ordering::Relaxed);
        r
    };
    let (indexes, files): (Vec<usize>, Vec<usize>) =
        (0..planned.len()).partition(|&i| matches!(planned[i].job, Job::SearchIndex { .. }));
    let mut results: Vec<Option<Result<Done>>> = (0..planned.len()).map(|_| None).collect();
    for (i, r) in files.par_iter().map(|&i| (i, run(i, &Entries::new()))).collect::<Vec<_>>() {
        results[i] = Some(r);
    }
    let mut entries = Entries::new();
    let mut urls = Vec::new();
    for (p, r) in planned.iter().zip(&results) {
        if let (Some((lang, url)), Some(Ok(d))) = (p.job.searched(site), r) {
            urls.push((lang, url, d.search_main.as_str()));
        }
    }
    for (lang, url, main) in &urls {
        entries.entry(lang).or_default().push(search::Page { url, main });
    }
    let second: Vec<(usize, Result<Done>)> = indexes.par_iter().map(|&i| (i, run(i, &entries))).collect();
    drop(entries);
    drop(urls);
    for (i, r) in second {
        results[i] = Some(r);
    }
    results
        .into_iter()
        .map(|r| {
            let mut r = r.expect("every job ran");
            if let (false, Ok(d)) = (keep, &mut r) {
                d.search_main = String::new();
            }
            r
        })
        .collect()
}

/// The output files of the PDFs of the report (`rtcm-report pdf`), one per language.
pub(crate) fn pdf_files(site: &Site) -> Vec<String> {
    site.config.languages.iter().map(|l| file_of(site, &site.pdf_url(l))).collect()
}

/// The output files of the pages and country profiles a load error left out.
fn left_out(site: &Site) -> Vec<String> {
    let mut keys: Vec<String> = site.failed_pages.iter().cloned().collect();
    keys.extend(
        site.failed_countries
            .iter()
            .map(|c| format!("countries/{c}")),
    );
    let langs = &site.config.languages;
    keys.iter()
        .flat_map(|k| {
            langs
                .iter()
                .map(move |l| file_of(site, &site.permalink(k, l)))
        })
        .collect()
}

/// The error of a job that did not finish in time: at its template, naming its page.
fn runaway(site: &Site, planned: &Planned, limit: Duration) -> Diagnostic {
    let template = planned.job.template(site);
    let at = template.map_or_else(|| planned.job.source(site), |t| template_file(site, t));
    Diagnostic::error(
        at,
        format!(
            "rendering `{}` (from {}) did not finish in {} s, the `render_time_limit` of site.toml: \
             a loop in the template{} that never ends, or one far too long?",
            planned.path,
            planned.job.source(site).display(),
            limit.as_secs(),
            template.map_or_else(String::new, |t| format!(" `{t}` or a template it uses")),
        ),
    )
}
