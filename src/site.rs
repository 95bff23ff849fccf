//! The immutable model: configuration, pages in reading order with their translations,
//! the report's data and the interface strings. Built once by `Site::load`, then only read
//! (but by `live`, which swaps in the new text of a page an editor saved under `serve`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{self, SourceFile};
use crate::data::{self, Data, DATA_LANGUAGES};
use crate::error::{Diagnostic, Errors, Result};
use std::sync::Arc;

use crate::i18n::I18n;

/// A page of the report (a Markdown file in one or more languages).
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// `""` for the home page, `intro` for a section, `intro/context` for a page.
    pub key: String,
    pub is_section: bool,
    /// The key of the enclosing section (`None` for the home page).
    pub parent: Option<String>,
    /// Keys of the pages of a section, in reading order.
    pub children: Vec<String>,
    /// 0 for the home page, 1 for its sections and pages, …
    pub depth: usize,
    pub weight: i64,
    /// The page's place in the site's reading order (`Site::order`).
    pub position: usize,
    /// The translations that exist, by language.
    pub files: BTreeMap<String, SourceFile>,
}

impl Page {
    /// The file to show for `lang`, and whether it is the source-language fallback.
    pub fn file_for<'a>(&'a self, lang: &str, source_language: &str) -> (&'a SourceFile, bool) {
        match self.files.get(lang) {
            Some(f) => (f, false),
            None => (&self.files[source_language], true),
        }
    }
}

pub use crate::source::Paths;

pub struct Site {
    pub paths: Paths,
    pub config: Config,
    /// Every page by key.
    pub pages: BTreeMap<String, Page>,
    /// Page keys in reading order (depth first, by weight then key), home first.
    pub order: Vec<String>,
    pub data: Data,
    pub i18n: Arc<I18n>,
    /// Problems found while loading that do not stop a build (`--strict` refuses them).
    pub warnings: Vec<Diagnostic>,
    /// Errors found while loading that left the rest renderable: the pages and countries
    /// they concern are left out, and the build reports these with everything else it finds.
    pub load_errors: Vec<Diagnostic>,
    /// Keys of the pages left out by an error (their addresses are not reported as broken
    /// links), and the countries left out.
    pub failed_pages: BTreeSet<String>,
    pub failed_countries: BTreeSet<String>,
    /// Where each table is shown (`country_table` shortcode), by language and table id; the
    /// curriculum (`curriculum` shortcode) under the id `curriculum`.
    pub table_pages: BTreeMap<(String, String), String>,
    /// When each source file was last committed: the pages' "last updated" dates.
    pub history: crate::history::History,
}

/// (language, table id) → the first page, in reading order, whose text in that language (or
/// the source-language text it falls back to) shows the table (or, as `curriculum`, the
/// curriculum).
fn table_pages(pages: &BTreeMap<String, Page>, order: &[String], languages: &[String], source_language: &str) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for lang in languages {
        for key in order {
            let (file, _) = pages[key].file_for(lang, source_language);
            for id in &file.tables {
                out.entry((lang.clone(), id.clone())).or_insert_with(|| key.clone());
            }
        }
    }
    out
}

impl Site {
    /// Load everything, reporting every error of every source at once.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Site> {
        let paths = Paths::new(root);
        let mut config = Config::load(&paths)?;
        if let Some(url) = base_url {
            config.set_base_url(url).map_err(|m| Errors::one(Diagnostic::error("--base-url", m)))?;
        }
        let mut errs = Vec::new();
        for lang in &config.languages {
            if !DATA_LANGUAGES.contains(&lang.as_str()) {
                errs.push(Diagnostic::error(
                    paths.shown("site.toml"),
                    format!("language `{lang}`: data texts carry {}; add it to `Text` in src/data.rs first", DATA_LANGUAGES.join(", ")),
                ));
            }
        }
        // Content, data and interface strings load side by side (each in parallel within).
        let (sources, (data, i18n)) = rayon::join(
            || content::load(&paths, &config.languages),
            || rayon::join(|| data::load(&paths), || I18n::load(&paths, &config.languages)),
        );
        let theme_dir = root.join("themes").join(&config.theme);
        if !theme_dir.join("templates").is_dir() {
            errs.push(Diagnostic::error(
                paths.shown(&format!("themes/{}/templates", config.theme)),
                format!("theme `{}` not found (set `theme` in site.toml)", config.theme),
            ));
        }
        let content::Loaded { pages: sources, errors: content_errors, failed: mut failed_pages } = sources;
        let (data, i18n) = match (data, i18n) {
            (Ok(d), Ok(i)) if errs.is_empty() => (d, i),
            (d, i) => {
                errs.extend(content_errors);
                for e in [d.map(|d| d.errors).unwrap_or_else(|e| e.0), i.err().map(|e| e.0).unwrap_or_default()] {
                    errs.extend(e);
                }
                return Err(Errors::new(errs));
            }
        };
        let (pages, order, warnings) = build_tree(sources, &config, &paths, &mut failed_pages).map_err(|e| {
            let mut all = e.0;
            all.extend(content_errors.iter().cloned());
            all.extend(data.errors.iter().cloned());
            Errors::new(all)
        })?;
        let table_pages = table_pages(&pages, &order, &config.languages, &config.source_language);
        let history = crate::history::History::load(&paths);
        let mut load_errors = content_errors;
        load_errors.extend(data.errors);
        Ok(Site {
            paths,
            config,
            pages,
            order,
            data: data.data,
            i18n: Arc::new(i18n),
            warnings,
            load_errors,
            failed_pages,
            failed_countries: data.failed_countries,
            table_pages,
            history,
        })
    }

    pub fn theme_dir(&self) -> PathBuf {
        self.paths.root.join("themes").join(&self.config.theme)
    }

    /// The URL path of a page in a language: `/az/intro/context/` (with the base path).
    pub fn permalink(&self, key: &str, lang: &str) -> String {
        let base = self.config.base_path();
        if key.is_empty() { format!("{base}{lang}/") } else { format!("{base}{lang}/{key}/") }
    }

    /// The URL of the folder of the search index of `lang` (a Pagefind bundle).
    pub fn search_bundle_url(&self, lang: &str) -> String {
        format!("{}{}/", self.permalink("", lang), crate::search::BUNDLE_DIR)
    }

    /// The URL of the report's PDF in `lang` (made from the print page by `rtcm-report pdf`),
    /// `/en/rtcm-report-2021-en.pdf`: a name that says what the file is once downloaded.
    pub fn pdf_url(&self, lang: &str) -> String {
        format!("{}rtcm-report-2021-{lang}.pdf", self.permalink("", lang))
    }

    /// The date (`YYYY-MM-DD`) of the last commit of the source a page in `lang` is made of:
    /// its Markdown file (the source language's where it falls back), a country's data file,
    /// the newest of them for the countries index, the glossary's. `None` without history.
    pub fn last_updated(&self, key: &str, lang: &str) -> Option<&str> {
        let date = |rel: &str| self.history.date(&self.paths.shown(rel));
        if let Some(page) = self.pages.get(key) {
            return self.history.date(&page.file_for(lang, &self.config.source_language).0.path);
        }
        match key {
            "glossary" => date("content/glossary.yaml"),
            "countries" => self.data.countries.iter().filter_map(|c| date(&format!("content/countries/{}.yaml", c.code))).max(),
            _ => key.strip_prefix("countries/").and_then(|code| date(&format!("content/countries/{code}.yaml"))),
        }
    }

    /// An absolute URL, for the sitemap and `hreflang` links.
    pub fn absolute(&self, path: &str) -> String {
        let base = &self.config.base_url;
        let base_path = self.config.base_path();
        let host = base.strip_suffix(base_path.as_str()).unwrap_or(base.trim_end_matches('/'));
        format!("{host}{path}")
    }

    /// Previous and next page in reading order.
    pub fn neighbours(&self, key: &str) -> (Option<&Page>, Option<&Page>) {
        let Some(i) = self.pages.get(key).map(|p| p.position) else { return (None, None) };
        let prev = i.checked_sub(1).map(|j| &self.pages[&self.order[j]]);
        let next = self.order.get(i + 1).map(|k| &self.pages[k]);
        (prev, next)
    }

    /// The chain of enclosing sections, from the home page down (without the page itself).
    pub fn ancestors(&self, key: &str) -> Vec<&Page> {
        let mut out = Vec::new();
        let mut cur = self.pages.get(key).and_then(|p| p.parent.clone());
        while let Some(k) = cur {
            let p = &self.pages[&k];
            out.push(p);
            cur = p.parent.clone();
        }
        out.reverse();
        out
    }
}

/// Pages by key, keys in reading order, and warnings.
type Tree = (BTreeMap<String, Page>, Vec<String>, Vec<Diagnostic>);

/// Link pages to their sections and order them. A page below a section left out by an error
/// (`failed`) is left out too, silently: the section's error says what to fix.
fn build_tree(sources: Vec<content::SourcePage>, config: &Config, paths: &Paths, failed: &mut BTreeSet<String>) -> Result<Tree> {
    let mut errs = Vec::new();
    let mut pages = BTreeMap::new();
    // Sorted by key, so a section comes before the pages below it.
    for s in sources {
        // Pages below are marked as they come, so the parent section is enough to look at.
        let parent_failed = !s.key.is_empty()
            && failed.contains(s.key.rsplit_once('/').map_or("", |(parent, _)| parent));
        if parent_failed {
            failed.insert(s.key);
            continue;
        }
        let first = s.files.values().next().expect("a page has at least one file");
        if !s.files.contains_key(&config.source_language) {
            errs.push(Diagnostic::error(
                &first.path,
                format!("no source-language (`{}`) version of this page: every page is written in the source language first", config.source_language),
            ));
            continue;
        }
        let weight = s.files[&config.source_language].front.weight;
        for f in s.files.values() {
            if f.front.weight != weight {
                errs.push(Diagnostic::warning(&f.path, format!("weight {} differs from the source language's {weight}; the source language's is used", f.front.weight)));
            }
        }
        let parent = if s.key.is_empty() {
            None
        } else {
            Some(s.key.rsplit_once('/').map_or(String::new(), |(p, _)| p.to_string()))
        };
        let depth = if s.key.is_empty() { 0 } else { s.key.matches('/').count() + 1 };
        pages.insert(
            s.key.clone(),
            Page { key: s.key, is_section: s.is_section, parent, children: Vec::new(), depth, weight, position: 0, files: s.files },
        );
    }
    if !pages.contains_key("") && !failed.contains("") {
        errs.push(Diagnostic::error(
            paths.shown("content"),
            format!("missing home page: add content/_index.{}.md", config.source_language),
        ));
    }
    // Attach children to their parent sections.
    let keys: Vec<String> = pages.keys().cloned().collect();
    for key in &keys {
        let Some(parent) = pages[key].parent.clone() else { continue };
        match pages.get_mut(&parent) {
            Some(p) if p.is_section => p.children.push(key.clone()),
            _ => {
                let f = pages[key].files.values().next().expect("has a file");
                errs.push(Diagnostic::error(
                    &f.path,
                    format!("this page's folder has no section page: add content/{}/_index.{}.md", parent, config.source_language),
                ));
            }
        }
    }
    if !errs.iter().all(|d| !d.is_error()) {
        return Err(Errors::new(errs));
    }
    let sort_keys: BTreeMap<String, (i64, String)> = pages.iter().map(|(k, p)| (k.clone(), (p.weight, k.clone()))).collect();
    for p in pages.values_mut() {
        p.children.sort_by(|a, b| sort_keys[a].cmp(&sort_keys[b]));
    }
    let mut order = Vec::new();
    fn walk(key: &str, pages: &BTreeMap<String, Page>, order: &mut Vec<String>) {
        order.push(key.to_string());
        for c in &pages[key].children {
            walk(c, pages, order);
        }
    }
    walk("", &pages, &mut order);
    for (i, key) in order.iter().enumerate() {
        pages.get_mut(key).expect("ordered from pages").position = i;
    }
    Ok((pages, order, errs))
}
