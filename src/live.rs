//! A rendered site kept in memory, so that `serve` can apply the edit of one Markdown text
//! without rendering everything again: that page is rendered again (with the pages that show
//! its text in place of a missing translation), its links are checked, and so are the links
//! into it with an `#anchor` if its ids changed; its language's search index is made again from
//! the kept entries of the other pages. What an edit changes elsewhere (a title or weight in the
//! sidebars of other pages, another table shown, a new or removed file, a template, data) is
//! not guessed at: [`Change::Full`] says a full build is needed.
//!
//! The result is the same, byte for byte, as a full build's: the tests compare them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path};
use std::sync::Arc;

use crate::check::{self, Facts};
use crate::content;
use crate::error::{Diagnostic, Errors, Result, Severity};
use crate::pipeline::{self, Done, Job, Kept};
use crate::render::PrintPart;
use crate::site::Site;

/// Output files: path and bytes.
pub type Files = Vec<(String, Vec<u8>)>;

/// A full rendering of the site, kept up to date by [`Live::edit`].
pub struct Live {
    kept: Kept,
    strict: bool,
    /// Each output path's job.
    at: HashMap<String, usize>,
    /// The job of each Markdown page, by language and page key.
    pages: HashMap<String, HashMap<String, usize>>,
    /// The search-index job of each language.
    indexes: HashMap<String, usize>,
    /// The print-page job of each language (the whole report: every edit changes it).
    prints: HashMap<String, usize>,
    /// The parts of the print pages already rendered, by language and page key: an edit
    /// renders its page's part again and keeps the others, so the print page follows an edit
    /// without rendering every page's text again.
    print_parts: HashMap<(String, String), PrintPart>,
    /// For each output path, the jobs whose files link into it with an `#anchor`.
    inbound: HashMap<String, BTreeSet<usize>>,
    /// The warnings no edit of a Markdown text changes (loading, data translations).
    fixed: Vec<Diagnostic>,
    /// The heading-id warnings of each page, by key.
    headings: BTreeMap<String, Vec<Diagnostic>>,
}

/// What an edit changed.
#[derive(Debug)]
pub enum Change {
    /// The files rendered again (output path and bytes), the languages whose search indexes
    /// are to be made again ([`Live::search_indexes`], once the pages are written), and the
    /// site's warnings now.
    Files { pages: Vec<(String, Vec<u8>)>, langs: Vec<String>, warnings: Vec<Diagnostic> },
    /// The file was saved as it was, or is not a source (an editor's backup file).
    Nothing,
    /// Not an edit this can apply, for the reason given: build everything.
    Full(String),
}

impl Live {
    /// Keep the rendering of a full build (`pipeline::render` with `keep`) with the same
    /// `strict`.
    pub(crate) fn new(kept: Kept, strict: bool) -> Live {
        let site = kept.site.clone();
        let base = site.config.base_path();
        let mut at = HashMap::new();
        let mut pages: HashMap<String, HashMap<String, usize>> = HashMap::new();
        let mut indexes = HashMap::new();
        let mut prints = HashMap::new();
        let mut inbound: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for (i, (p, d)) in kept.planned.iter().zip(&kept.done).enumerate() {
            at.insert(p.path.clone(), i);
            if let Job::OpenData { .. } = p.job {
                // The downloads the data page writes with it: pages link to them.
                for more in &d.more_paths {
                    at.insert(more.clone(), i);
                }
            }
            match &p.job {
                Job::Page { key, lang } => {
                    pages.entry(lang.clone()).or_default().insert(key.clone(), i);
                }
                Job::SearchIndex { lang } => {
                    indexes.insert(lang.clone(), i);
                }
                Job::Print { lang } => {
                    prints.insert(lang.clone(), i);
                }
                _ => {}
            }
            if let Some(facts) = &d.facts {
                for target in check::anchored_targets(facts, &p.path, &base) {
                    inbound.entry(target).or_default().insert(i);
                }
            }
        }
        let mut fixed = site.warnings.clone();
        fixed.extend(check::data_translations(&site));
        fixed.extend(crate::translation::data_warnings(&site));
        let mut live = Live { kept, strict, at, pages, indexes, prints, print_parts: HashMap::new(), inbound, fixed, headings: BTreeMap::new() };
        let headings = site
            .pages
            .values()
            .map(|page| (page.key.clone(), check::page_heading_ids(&site, page, &live.heading_ids(None))))
            .collect();
        live.headings = headings;
        live
    }

    /// The explicit heading ids of each rendered text, with `new` (a job and its new result) in
    /// place of what is kept for that job.
    fn heading_ids<'a>(&'a self, new: Option<&'a [(usize, Done)]>) -> impl Fn(&str, &str) -> Option<&'a [String]> + 'a {
        move |key: &str, lang: &str| {
            let i = *self.pages.get(lang)?.get(key)?;
            let done = new.and_then(|n| n.iter().find(|(j, _)| *j == i)).map_or(&self.kept.done[i], |(_, d)| d);
            Some(done.heading_ids.as_slice())
        }
    }

    /// Every warning of the site, sorted, each once: what a full build reports.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let mut all = self.fixed.clone();
        all.extend(self.kept.done.iter().flat_map(|d| d.warnings.iter().cloned()));
        all.extend(self.headings.values().flatten().cloned());
        all.sort();
        all.dedup();
        all
    }

    /// Apply the saving of the file `real` (as the watcher names it, under the site's root).
    /// An error (the text does not parse, a link it now has is broken) changes nothing: the
    /// site stays as it was and the next save is tried afresh.
    pub fn edit(&mut self, real: &Path) -> Result<Change> {
        let site = &self.kept.site;
        let root = &site.paths.root;
        // The watcher names a file from the current folder when the root is relative.
        let cwd = std::env::current_dir().unwrap_or_default();
        let (absolute_root, absolute) = (cwd.join(root), cwd.join(real));
        let Ok(rel) = absolute.strip_prefix(&absolute_root) else {
            return Ok(Change::Full(format!("{} is not under the site's folder", real.display())));
        };
        let hidden = rel.components().any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.')));
        let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Ok(in_content) = rel.strip_prefix("content") else {
            return Ok(if hidden { Change::Nothing } else { Change::Full(format!("{} changed", rel.display())) });
        };
        let extension = in_content.extension().map(|e| e.to_string_lossy().into_owned());
        let source = matches!(extension.as_deref(), Some("md" | "yaml"));
        // What the loaders skip: hidden files, editors' backups, other kinds of file. A name
        // without an extension may be a folder, which may hold texts.
        if hidden || name.ends_with('~') || (extension.is_some() && !source) {
            return Ok(Change::Nothing);
        }
        let shown = site.paths.shown_path(real);
        let address = match content::address(in_content, &site.config.languages) {
            Ok(a) if extension.as_deref() == Some("md") => a,
            _ => return Ok(Change::Full(format!("{} changed", shown.display()))),
        };
        let Some(old) = site.pages.get(&address.key).filter(|p| p.is_section == address.is_section).and_then(|p| p.files.get(&address.lang)) else {
            return Ok(Change::Full(format!("{} is a new text", shown.display())));
        };
        if !real.is_file() {
            return Ok(Change::Full(format!("{} was removed", shown.display())));
        }
        let text = site.paths.read(real)?;
        let mut file = content::parse_file(&text, &old.path, &address.lang)?;
        if file.front != old.front {
            return Ok(Change::Full(format!("{}: its front matter changed", shown.display())));
        }
        if file.body == old.body && file.body_line == old.body_line {
            return Ok(Change::Nothing);
        }
        if file.tables != old.tables {
            return Ok(Change::Full(format!("{}: the tables it shows changed", shown.display())));
        }
        let src = &site.config.source_language;
        let page = &site.pages[&address.key];
        let langs: Vec<String> = site
            .config
            .languages
            .iter()
            // A source text's edit can make its translations stale (or up to date) when the
            // site tracks them: they are rendered again too.
            .filter(|l| **l == address.lang || (address.lang == *src && (!page.files.contains_key(*l) || site.data.translations.is_some())))
            .cloned()
            .collect();
        if !self.swap_text(&address, &mut file) {
            return Ok(Change::Full("the site is still being rendered".into()));
        }
        self.print_parts.retain(|(_, key), _| *key != address.key);
        let result = self.render(&address.key, &langs);
        if result.is_err() {
            // Put the text the site had back (and forget the print parts made of the refused one).
            self.swap_text(&address, &mut file);
            self.print_parts.retain(|(_, key), _| *key != address.key);
        }
        result
    }

    /// Swap `file` with the site's text at `address` (which exists); `false` if the site is
    /// still shared with a rendering, and nothing was swapped.
    fn swap_text(&mut self, address: &content::Address, file: &mut content::SourceFile) -> bool {
        let Some(site) = Arc::get_mut(&mut self.kept.site) else { return false };
        let slot = site.pages.get_mut(&address.key).and_then(|p| p.files.get_mut(&address.lang)).expect("an existing text");
        std::mem::swap(slot, file);
        true
    }

    /// Render the page `key` in `langs` again, check it, and keep the result if it is good.
    fn render(&mut self, key: &str, langs: &[String]) -> Result<Change> {
        let site = self.kept.site.clone();
        let renderer = self.kept.renderer.clone();
        let planned = self.kept.planned.clone();
        let mut new: Vec<(usize, Done)> = Vec::new();
        let mut pages = Vec::new();
        for lang in langs {
            let i = self.pages[lang][key];
            let mut done = pipeline::page(&site, &renderer, key, lang)?;
            pages.push((planned[i].path.clone(), std::mem::take(&mut done.bytes)));
            new.push((i, done));
            // The print page shows every page: it follows.
            if let Some(&j) = self.prints.get(lang) {
                let parts = &mut self.print_parts;
                let mut done = pipeline::print_page(&site, &renderer, &planned[j], lang, &mut |k| {
                    let at = (lang.clone(), k.to_string());
                    if let Some(p) = parts.get(&at) {
                        return Ok(p.clone());
                    }
                    let p = renderer.print_part(&site, lang, k)?;
                    parts.insert(at, p.clone());
                    Ok(p)
                })?;
                pages.push((planned[j].path.clone(), std::mem::take(&mut done.bytes)));
                new.push((j, done));
            }
        }
        let errs = self.links(&site, &new);
        if !errs.is_empty() {
            return Err(Errors::new(errs));
        }
        let headings = check::page_heading_ids(&site, &site.pages[key], &self.heading_ids(Some(&new)));
        if self.strict {
            // The site had no warning (its build and every edit since were strict), and only
            // these can have changed: any of them is an error.
            let warnings = new.iter().flat_map(|(_, d)| &d.warnings).chain(&headings);
            let errs: Vec<Diagnostic> = warnings.map(|w| Diagnostic { severity: Severity::Error, ..w.clone() }).collect();
            if !errs.is_empty() {
                return Err(Errors::new(errs));
            }
        }
        // Good: keep it.
        let base = site.config.base_path();
        for (i, done) in new {
            let path = &planned[i].path;
            let targets = |d: &Done| d.facts.as_ref().map(|f| check::anchored_targets(f, path, &base)).unwrap_or_default();
            for gone in targets(&self.kept.done[i]) {
                if let Some(from) = self.inbound.get_mut(&gone) {
                    from.remove(&i);
                }
            }
            for target in targets(&done) {
                self.inbound.entry(target).or_default().insert(i);
            }
            self.kept.done[i] = done;
        }
        self.headings.insert(key.to_string(), headings);
        Ok(Change::Files { pages, langs: langs.to_vec(), warnings: self.warnings() })
    }

    /// The search indexes of `langs` made again from the pages kept: their files (each
    /// bundle's entry last: the browser finds the new index only once its parts are there), and
    /// the files of the previous indexes that are no more (their parts are named by a hash of
    /// what they hold).
    pub fn search_indexes(&mut self, langs: &BTreeSet<String>) -> Result<(Files, Vec<String>)> {
        let site = &self.kept.site.clone();
        let planned = self.kept.planned.clone();
        let mut indexes = Vec::new();
        let mut gone = Vec::new();
        for lang in langs {
            let i = self.indexes[lang];
            let mut files = {
                let pages: Vec<(String, &str)> = planned
                    .iter()
                    .zip(&self.kept.done)
                    .filter_map(|(p, d)| p.job.searched(site).filter(|(l, _)| l == lang).map(|(_, url)| (url, d.search_main.as_str())))
                    .collect();
                let pages: Vec<crate::search::Page> = pages.iter().map(|(url, main)| crate::search::Page { url, main }).collect();
                pipeline::search_bundle(site, lang, &pages)?
            };
            let now: BTreeSet<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
            gone.extend(self.kept.done[i].more_paths.iter().filter(|p| !now.contains(p.as_str())).cloned());
            let more: Vec<String> = files.iter().map(|(path, _)| path.clone()).filter(|p| *p != planned[i].path).collect();
            drop(now);
            self.kept.done[i].more_paths = more;
            // The bundle's entry last: the browser finds the new index only once its parts are there.
            if let Some(at) = files.iter().position(|(path, _)| *path == planned[i].path) {
                let entry = files.remove(at);
                files.push(entry);
            }
            indexes.extend(files);
        }
        Ok((indexes, gone))
    }

    /// The broken links of the files rendered again (`new`), and of the files that link into
    /// them with an anchor if their ids changed.
    fn links(&self, site: &Site, new: &[(usize, Done)]) -> Vec<Diagnostic> {
        let planned = &self.kept.planned;
        let done = |i: usize| new.iter().find(|(j, _)| *j == i).map_or(&self.kept.done[i], |(_, d)| d);
        fn ids(d: &Done) -> Option<&BTreeSet<String>> {
            d.facts.as_ref().map(|f: &Facts| &f.ids)
        }
        // The PDFs are made after the build (`rtcm-report pdf`): links to them are not broken.
        let pdfs = pipeline::pdf_files(site);
        let lookup = |path: &str| self.at.get(path).map(|&i| ids(done(i))).or_else(|| pdfs.iter().any(|p| p == path).then_some(None));
        let mut check: BTreeSet<usize> = new.iter().map(|(i, _)| *i).collect();
        for (i, d) in new {
            if ids(d) != ids(&self.kept.done[*i]) {
                check.extend(self.inbound.get(&planned[*i].path).into_iter().flatten());
            }
        }
        let base = site.config.base_path();
        let mut errs = Vec::new();
        for i in check {
            let source = planned[i].job.source(site);
            if let Some(c) = pipeline::checked(site, &planned[i], done(i), &source) {
                errs.extend(check::file_links(&c, &lookup, &base));
            }
        }
        errs
    }
}
