//! Tera setup and the views handed to templates. A page plus the site in, a string out;
//! nothing here writes a file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use crate::data::{serde_key, Country, Text};
use crate::error::{Diagnostic, Errors, Result};
use crate::i18n::Arg;
use crate::markdown::{self, Heading, Shortcode};
use crate::site::Site;

mod charts;
mod curriculum;
pub(crate) mod tables;
pub use tables::TABLES;
use tables::{CountryRows, Rows};

/// The theme's templates, ready to render.
pub struct Renderer {
    tera: Tera,
    /// Template name → its file, for messages.
    files: BTreeMap<String, PathBuf>,
    /// What the pages of each language say of the report (meta tags, citation), made once.
    editions: BTreeMap<String, crate::cite::Edition>,
}

/// A page's "last updated" date, as `<time datetime="{iso}">{text}</time>`.
#[derive(Debug, Clone, Serialize)]
struct Updated {
    iso: String,
    text: String,
}

/// A rendered Markdown page, with what the site-wide checks need of its text.
pub struct RenderedPage {
    pub html: String,
    /// The template that rendered it (`page.html`).
    pub template: &'static str,
    pub warnings: Vec<Diagnostic>,
    /// The Markdown file shown, and the line its body starts at.
    pub file: PathBuf,
    pub body_line: usize,
    pub headings: Vec<Heading>,
    pub links: Vec<markdown::LinkUse>,
}

/// Text in the reader's language, or the source language's with `fallback` set.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TextView {
    pub text: String,
    pub lang: String,
    pub fallback: bool,
}

#[derive(Debug, Clone, Serialize)]
struct LangLink {
    code: String,
    name: String,
    url: String,
    current: bool,
    /// The page exists in this language (not a fallback): listed as an `hreflang` alternate.
    translated: bool,
}

#[derive(Debug, Clone, Serialize)]
struct NavItem {
    title: String,
    url: String,
    current: bool,
    /// The current page is this item or below it.
    open: bool,
    children: Vec<NavItem>,
}

#[derive(Debug, Clone, Serialize)]
struct LinkView {
    title: String,
    url: String,
    description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct PageView {
    key: String,
    kind: &'static str,
    title: String,
    description: String,
    content: String,
    /// The in-page contents: level 2 headings, each with its level 3 headings.
    toc: Vec<TocEntry>,
    show_toc: bool,
    /// Shown in the source language because this language has no translation yet.
    fallback: bool,
    /// A translation made from an older text of the source language.
    stale: bool,
    /// The editors' note of the page's front matter.
    editorial_note: Option<String>,
    /// The language of `title` and `content`.
    content_lang: String,
    children: Vec<LinkView>,
}

/// A page's part of the print page ([`Renderer::print_part`]).
#[derive(Debug, Clone, Serialize)]
pub struct PrintPart {
    id: String,
    title: String,
    /// The page's heading level (2 for the chapters, 3 for their pages).
    level: usize,
    content: String,
    fallback: bool,
    stale: bool,
    content_lang: String,
    toc: Vec<TocEntry>,
    /// The parts of the pages below it (indexes on the print page), set as the page is made.
    children: Vec<usize>,
    /// The links its Markdown wrote.
    #[serde(skip)]
    links: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct TocEntry {
    id: String,
    text: String,
    children: Vec<TocEntry>,
}

/// Nest a page's level 2 and 3 headings (a level 3 before any level 2 stands on its own).
fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    let mut out: Vec<TocEntry> = Vec::new();
    let mut under_h2 = false;
    for h in headings.iter().filter(|h| h.level == 2 || h.level == 3) {
        let entry = TocEntry { id: h.id.clone(), text: h.text.clone(), children: Vec::new() };
        match out.last_mut() {
            Some(parent) if h.level == 3 && under_h2 => parent.children.push(entry),
            _ => {
                under_h2 = h.level == 2;
                out.push(entry);
            }
        }
    }
    out
}

#[derive(Debug, Clone, Serialize)]
struct CountryView {
    code: String,
    name: TextView,
    official_name: TextView,
    region: String,
    participation: String,
    participation_note: Option<TextView>,
    url: String,
    /// The country's row of every table: on its profile only.
    #[serde(flatten)]
    rows: Option<CountryRows>,
}

/// Pick `lang` from a data text, falling back to the source language.
pub fn text_view(t: &Text, lang: &str, source: &str) -> TextView {
    match t.get(lang) {
        Some(s) => TextView { text: s.to_string(), lang: lang.to_string(), fallback: false },
        None => TextView { text: t.get(source).unwrap_or(&t.az).to_string(), lang: source.to_string(), fallback: lang != source },
    }
}

/// What `check` says of a data text with a missing translation.
pub fn missing_translations(t: &Text, languages: &[String]) -> Vec<String> {
    languages.iter().filter(|l| t.get(l).is_none()).cloned().collect()
}

impl Renderer {
    /// Load every template of the site's theme and register the `t()` function.
    pub fn new(site: &Site) -> Result<Renderer> {
        let dir = site.theme_dir().join("templates");
        let mut sources = Vec::new();
        let mut files = BTreeMap::new();
        let (found, mut errs) = site.paths.walk(&dir);
        for real in found {
            let rel = real.strip_prefix(&dir).expect("under dir").to_string_lossy().replace('\\', "/");
            match site.paths.read(&real) {
                Ok(text) => sources.push((rel.clone(), text)),
                Err(e) => errs.extend(e.0),
            }
            files.insert(rel, site.paths.shown_path(&real));
        }
        if !errs.is_empty() {
            return Err(Errors::new(errs));
        }
        let mut tera = Tera::new();
        let i18n = site.i18n.clone();
        tera.register_function("t", move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let lang: String = match kwargs.get::<&str>("lang")? {
                Some(l) => l.to_string(),
                None => state.get::<String>("lang")?.ok_or_else(|| tera::Error::message("t(): no `lang` in the template's context"))?,
            };
            let mut args: Vec<(String, Arg)> = Vec::new();
            for (k, v) in kwargs.iter() {
                let Some(name) = k.as_str() else { continue };
                if name == "key" || name == "lang" {
                    continue;
                }
                let arg = match (v.as_f64(), v.as_str()) {
                    (Some(n), _) => Arg::Number(n),
                    (None, Some(s)) => Arg::Str(s.to_string()),
                    _ => Arg::Str(v.to_string()),
                };
                args.push((name.to_string(), arg));
            }
            args.sort_by(|a, b| a.0.cmp(&b.0));
            let borrowed: Vec<(&str, Arg)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            i18n.translate(&lang, key, &borrowed).map_err(tera::Error::message)
        });
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| template_error(&e, &files, None))?;
        let editions = site.config.languages.iter().map(|l| (l.clone(), crate::cite::Edition::new(site, l))).collect();
        Ok(Renderer { tera, files, editions })
    }

    fn render(&self, name: &str, ctx: &Context) -> Result<String> {
        self.tera.render(name, ctx).map_err(|e| template_error(&e, &self.files, Some(name)))
    }

    /// The context every page template gets.
    fn base_context(&self, site: &Site, lang: &str, key: &str, translated: &dyn Fn(&str) -> bool) -> Context {
        let mut ctx = Context::new();
        let src = &site.config.source_language;
        ctx.insert("lang", lang);
        ctx.insert("source_language", src);
        ctx.insert("base_path", &site.config.base_path());
        ctx.insert("site_title", &site.config.title[lang]);
        ctx.insert("site_description", &site.config.description[lang]);
        ctx.insert("home_url", &site.permalink("", lang));
        ctx.insert("countries_url", &site.permalink("countries", lang));
        ctx.insert("glossary_url", &site.permalink("glossary", lang));
        ctx.insert("search_url", &site.permalink("search", lang));
        ctx.insert("data_url", &site.permalink("data", lang));
        ctx.insert("print_url", &site.permalink(crate::pipeline::PRINT, lang));
        ctx.insert("pdf_url", &site.pdf_url(lang));
        // The running header of printed pages (`@page`, in a `<style>` of base.html): the
        // title as a CSS string.
        let css_title: String = site.config.title[lang].chars().map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            '<' | '>' | '&' | '\n' => format!("\\{:x} ", c as u32),
            c => c.to_string(),
        }).collect();
        ctx.insert("css_title", &css_title);
        ctx.insert("permalink", &site.permalink(key, lang));
        ctx.insert("absolute_url", &site.absolute(&site.permalink(key, lang)));
        let languages: Vec<LangLink> = site
            .config
            .languages
            .iter()
            .map(|l| LangLink {
                code: l.clone(),
                name: site.i18n.translate(l, "language-name", &[]).unwrap_or_else(|_| l.clone()),
                url: site.permalink(key, l),
                current: l == lang,
                translated: translated(l),
            })
            .collect();
        ctx.insert("languages", &languages);
        ctx.insert("alternates", &languages.iter().filter(|l| l.translated).map(|l| (l.code.clone(), site.absolute(&l.url))).collect::<Vec<_>>());
        ctx.insert("x_default", &site.absolute(&site.permalink(key, src)));
        ctx.insert("nav", &self.nav(site, "", lang, key, false));
        self.insert_meta(&mut ctx, site, lang, key, None);
        ctx
    }

    /// The page's meta tags, JSON-LD (named `name` where the page has a title of its own) and
    /// "last updated" date.
    fn insert_meta(&self, ctx: &mut Context, site: &Site, lang: &str, key: &str, name: Option<&str>) {
        let edition = &self.editions[lang];
        let modified = site.last_updated(key, lang);
        ctx.insert("head_meta", &edition.head);
        ctx.insert("og_type", if key.is_empty() { "website" } else { "article" });
        ctx.insert("cite", &edition.cite);
        ctx.insert("json_ld", &edition.json_ld(site, lang, key, name, modified));
        let updated = modified.and_then(|iso| {
            Some(Updated { iso: iso.to_string(), text: crate::cite::format_date(site, lang, iso)? })
        });
        ctx.insert("updated", &updated);
    }

    /// The entries below the section `key` for the page `current`. The sidebar (`all` false)
    /// opens only the sections on the way to `current`, so its size is that of what it shows,
    /// not of the site; the home page's contents (`all`) open every section.
    fn nav(&self, site: &Site, key: &str, lang: &str, current: &str, all: bool) -> Vec<NavItem> {
        site.pages[key]
            .children
            .iter()
            .map(|c| {
                let (file, _) = site.pages[c].file_for(lang, &site.config.source_language);
                let open = current == c || current.strip_prefix(c.as_str()).is_some_and(|below| below.starts_with('/'));
                NavItem {
                    title: file.front.title.clone(),
                    url: site.permalink(c, lang),
                    current: current == c,
                    open,
                    children: if open || all { self.nav(site, c, lang, current, all) } else { Vec::new() },
                }
            })
            .collect()
    }

    fn link(&self, site: &Site, key: &str, lang: &str) -> LinkView {
        let (file, _) = site.pages[key].file_for(lang, &site.config.source_language);
        LinkView { title: file.front.title.clone(), url: site.permalink(key, lang), description: file.front.description.clone() }
    }

    /// The template that renders the Markdown page `key`.
    pub fn page_template(site: &Site, key: &str) -> &'static str {
        if key.is_empty() {
            "home.html"
        } else if site.pages[key].is_section {
            "section.html"
        } else {
            "page.html"
        }
    }

    /// Render a Markdown page; the Markdown's problems come as diagnostics.
    pub fn page(&self, site: &Site, key: &str, lang: &str) -> Result<RenderedPage> {
        let page = &site.pages[key];
        let src = &site.config.source_language;
        let (file, fallback) = page.file_for(lang, src);
        let env = MdEnv { site, renderer: self, lang, print: None, key };
        let md = markdown::render(&file.body, &env);
        let mut problems: Vec<Diagnostic> = md
            .problems
            .iter()
            .map(|p| {
                let d = if p.warning { Diagnostic::warning(&file.path, &p.message) } else { Diagnostic::error(&file.path, &p.message) };
                d.at(p.line + file.body_line - 1, p.column)
            })
            .collect();
        if problems.iter().any(Diagnostic::is_error) {
            return Err(Errors::new(problems));
        }
        let show_toc = file.front.toc.unwrap_or(md.headings.len() >= 3);
        // A translation made from an older source text says so, to readers and to `check`.
        let stale = match crate::translation::page_state(site, page, lang) {
            Some(crate::translation::State::Stale(s)) => {
                let message = crate::translation::stale_message(&page.files[src].path.display().to_string(), lang, &s, &file.path.display().to_string());
                problems.push(Diagnostic::warning(&file.path, message));
                true
            }
            _ => false,
        };
        let view = PageView {
            key: key.to_string(),
            kind: if key.is_empty() { "home" } else if page.is_section { "section" } else { "page" },
            title: file.front.title.clone(),
            description: file.front.description.clone().unwrap_or_else(|| site.config.description[lang].clone()),
            content: md.html,
            toc: toc(&md.headings),
            show_toc,
            fallback,
            stale,
            editorial_note: file.front.editorial_note.clone(),
            content_lang: file.lang.clone(),
            children: page.children.iter().map(|c| self.link(site, c, lang)).collect(),
        };
        let mut ctx = self.base_context(site, lang, key, &|l| page.files.contains_key(l));
        self.insert_meta(&mut ctx, site, lang, key, Some(&view.title));
        ctx.insert("page", &view);
        if key.is_empty() {
            ctx.insert("contents", &self.nav(site, "", lang, "", true));
        }
        let crumbs: Vec<LinkView> = site.ancestors(key).iter().map(|p| self.link(site, &p.key, lang)).collect();
        ctx.insert("breadcrumbs", &crumbs);
        let (prev, next) = site.neighbours(key);
        ctx.insert("prev", &prev.map(|p| self.link(site, &p.key, lang)));
        ctx.insert("next", &next.map(|p| self.link(site, &p.key, lang)));
        let template = Renderer::page_template(site, key);
        let html = self.render(template, &ctx)?;
        if fallback {
            problems.push(Diagnostic::warning(
                &page.files[src].path,
                format!("no `{lang}` translation: the `{lang}` site shows the `{src}` text under a notice"),
            ));
        }
        Ok(RenderedPage {
            html,
            template,
            warnings: problems,
            file: file.path.clone(),
            body_line: file.body_line,
            headings: md.headings,
            links: md.links,
        })
    }

    /// `/<lang>/print/`: the whole report on one page, for printing and for `rtcm-report pdf`:
    /// the title page, a contents list, then every page in reading order with its tables and
    /// footnotes. Each page's ids get its own prefix ([`print_prefix`]) and its links between
    /// pages become `#fragment` links, in the one pass that renders its Markdown; the
    /// Markdown's problems are the page's own job's to report.
    /// Also returned: the addresses the pages' Markdown wrote (as on this page), which their
    /// own pages' checks report.
    pub fn print(&self, site: &Site, lang: &str) -> Result<(String, Vec<String>)> {
        self.print_with(site, lang, &mut |key| self.print_part(site, lang, key))
    }

    /// The part of the print page the page `key` makes in `lang`: its text rendered with its
    /// ids prefixed, its contents and the links its Markdown wrote. `Err` (with no diagnostic)
    /// when the text has an error: that is its own page's to report.
    pub fn print_part(&self, site: &Site, lang: &str, key: &str) -> Result<PrintPart> {
        let src = &site.config.source_language;
        let page = &site.pages[key];
        let (file, fallback) = page.file_for(lang, src);
        let prefix = print_prefix(key);
        let level = page.depth + 1;
        let env = MdEnv { site, renderer: self, lang, print: Some(prefix.clone()), key };
        let env = PrintShift { env, shift: level.min(5) as u8 - 1 };
        let md = markdown::render(&file.body, &env);
        if md.problems.iter().any(|p| !p.warning) {
            return Err(Errors::new(Vec::new()));
        }
        let mut toc = toc(&md.headings);
        for e in &mut toc {
            e.id = format!("{prefix}{}", e.id);
            for c in &mut e.children {
                c.id = format!("{prefix}{}", c.id);
            }
        }
        Ok(PrintPart {
            id: print_id(key),
            title: file.front.title.clone(),
            level: level.min(6),
            content: md.html,
            fallback,
            stale: matches!(crate::translation::page_state(site, page, lang), Some(crate::translation::State::Stale(_))),
            content_lang: file.lang.clone(),
            toc,
            children: Vec::new(),
            links: md.links.into_iter().map(|l| l.url).collect(),
        })
    }

    /// The print page of `lang` from its parts, in reading order; `part` gives each page's
    /// ([`Renderer::print_part`], or a copy kept from an earlier rendering: `serve` renders
    /// only the edited page's part again). Returns the page and the links the parts' Markdown
    /// wrote.
    pub fn print_with(&self, site: &Site, lang: &str, part: &mut dyn FnMut(&str) -> Result<PrintPart>) -> Result<(String, Vec<String>)> {
        let mut parts: Vec<PrintPart> = Vec::with_capacity(site.order.len());
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        let mut links = Vec::new();
        for key in &site.order {
            let mut p = part(key)?;
            p.children.clear();
            links.extend(p.links.iter().cloned());
            index.insert(key, parts.len());
            if let Some(&i) = site.pages[key].parent.as_deref().and_then(|p| index.get(p)) {
                let n = parts.len();
                parts[i].children.push(n);
            }
            parts.push(p);
        }
        let mut ctx = self.base_context(site, lang, "print", &|_| true);
        ctx.insert("parts", &parts);
        ctx.insert("pdf_url", &site.pdf_url(lang));
        Ok((self.render("print.html", &ctx)?, links))
    }

    fn country_view(&self, site: &Site, c: &Country, lang: &str) -> Result<CountryView> {
        let src = &site.config.source_language;
        let label = |key: &str| {
            site.i18n.translate(lang, key, &[]).map_err(|m| {
                Errors::one(Diagnostic::error(site.paths.shown(&format!("content/countries/{}.yaml", c.code)), m))
            })
        };
        let region_key = format!("region-{}", serde_key(&c.region));
        let part_key = format!("participation-{}", serde_key(&c.participation));
        Ok(CountryView {
            code: c.code.clone(),
            name: text_view(&c.name, lang, src),
            official_name: text_view(&c.official_name, lang, src),
            region: label(&region_key)?,
            participation: label(&part_key)?,
            participation_note: c.participation_note.as_ref().map(|n| text_view(n, lang, src)),
            url: site.permalink(&format!("countries/{}", c.code), lang),
            rows: None,
        })
    }

    /// The `country_table(table="…")` shortcode.
    fn country_table(&self, site: &Site, lang: &str, call: &Shortcode) -> std::result::Result<String, String> {
        for arg in call.args.keys() {
            if arg != "table" {
                return Err(format!("country_table: unknown argument `{arg}` (expected `table`)"));
            }
        }
        let id = call.args.get("table").ok_or("country_table: missing argument `table`")?;
        self.table(site, lang, id, false).map(|(html, _)| html)
    }

    /// The `curriculum()` shortcode: every part, module and activity, with the filter.
    fn curriculum(&self, site: &Site, lang: &str, call: &Shortcode) -> std::result::Result<String, String> {
        if let Some(arg) = call.args.keys().next() {
            return Err(format!("curriculum: unknown argument `{arg}` (it takes none)"));
        }
        if site.data.curriculum.is_empty() {
            return Err("curriculum: no data: content/curriculum/ has no part files".into());
        }
        let mut ctx = Context::new();
        ctx.insert("lang", lang);
        ctx.insert("base_path", &site.config.base_path());
        ctx.insert("curriculum", &curriculum::view(site, &site.data.curriculum, lang));
        self.render_shortcode("curriculum", &ctx)
    }

    /// A shortcode's template, `shortcodes/<name>.html`. A template error inside it says where,
    /// without the summary line (the Markdown file's line is added by the caller).
    fn render_shortcode(&self, name: &str, ctx: &Context) -> std::result::Result<String, String> {
        self.render(&format!("shortcodes/{name}.html"), ctx).map_err(|e| e.0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
    }

    /// Table `id` with every country's row, in `lang`, and its caption. With `heading`, the
    /// caption is a level 2 heading with the id `table-<id>` (the countries index, where the
    /// tables are the page's sections); otherwise a caption over the table, in a chapter's text.
    fn table(&self, site: &Site, lang: &str, id: &str, heading: bool) -> std::result::Result<(String, TextView), String> {
        let view = Rows { site, lang }.table(id)?;
        let mut ctx = Context::new();
        ctx.insert("lang", lang);
        ctx.insert("table", &view);
        ctx.insert("heading", &heading);
        ctx.insert("data_url", &site.permalink("data", lang));
        ctx.insert("chart", &charts::for_table(site, lang, id)?);
        Ok((self.render_shortcode(id, &ctx)?, view.caption))
    }

    /// `/<lang>/countries/`: every country, with links to the profiles.
    pub fn countries_index(&self, site: &Site, lang: &str) -> Result<String> {
        let key = "countries";
        let mut ctx = self.base_context(site, lang, key, &|_| true);
        let countries = self.countries(site, lang)?;
        ctx.insert("countries", &countries);
        // The report's tables, side by side: the comparison view of every country. Each is a
        // section of the page, under its caption as a heading; the contents list links them.
        #[derive(Serialize)]
        struct IndexTable {
            id: &'static str,
            caption: TextView,
            html: String,
        }
        let mut tables = Vec::new();
        for id in TABLES {
            if site.data.tables.contains_key(id) {
                let (html, caption) = self.table(site, lang, id, true).map_err(|m| {
                    Errors::one(Diagnostic::error(site.paths.shown("content/tables.yaml"), m))
                })?;
                tables.push(IndexTable { id, caption, html });
            }
        }
        ctx.insert("tables", &tables);
        self.render("countries.html", &ctx)
    }

    fn countries(&self, site: &Site, lang: &str) -> Result<Vec<CountryView>> {
        site.data.countries.iter().map(|c| self.country_view(site, c, lang)).collect()
    }

    /// `/<lang>/countries/<code>/`: all the data files know of one country.
    pub fn country(&self, site: &Site, code: &str, lang: &str) -> Result<String> {
        let key = format!("countries/{code}");
        let countries = &site.data.countries;
        let i = countries.iter().position(|c| c.code == code).expect("planned from the data");
        let mut ctx = self.base_context(site, lang, &key, &|_| true);
        let mut view = self.country_view(site, &countries[i], lang)?;
        view.rows = Some(Rows { site, lang }.all(&countries[i]));
        ctx.insert("country", &view);
        // Previous and next country in the report's order, as page links.
        let link = |c: &Country| {
            let r = Rows { site, lang }.country_ref(c);
            LinkView { title: r.name.text, url: r.url, description: None }
        };
        ctx.insert("prev", &i.checked_sub(1).map(|j| link(&countries[j])));
        ctx.insert("next", &countries.get(i + 1).map(link));
        #[derive(Serialize)]
        struct Meta {
            caption: TextView,
            notes: Vec<TextView>,
            /// The table with every country, where the report shows it.
            url: Option<String>,
        }
        let src = &site.config.source_language;
        let tables: BTreeMap<&str, Meta> = site
            .data
            .tables
            .iter()
            .map(|(k, m)| {
                let url = site.table_pages.get(&(lang.to_string(), k.clone())).map(|page| format!("{}#table-{k}", site.permalink(page, lang)));
                (k.as_str(), Meta { caption: text_view(&m.caption, lang, src), notes: m.notes.iter().map(|n| text_view(n, lang, src)).collect(), url })
            })
            .collect();
        let caption = |id: &str| tables.get(id).map(|m| m.caption.text.clone());
        let glance = charts::glance(site, lang, &countries[i], &caption)
            .map_err(|m| Errors::one(Diagnostic::error(site.paths.shown(&format!("content/countries/{code}.yaml")), m)))?;
        ctx.insert("glance", &glance);
        ctx.insert("tables", &tables);
        // The country's texts in this language made from older Azerbaijani ones: say so.
        let texts = countries[i].texts();
        let file = format!("countries/{code}.yaml");
        let stale = matches!(crate::translation::data_state(site, &file, &texts, lang), Some(crate::translation::State::Stale(_)));
        ctx.insert("stale", &stale);
        self.render("country.html", &ctx)
    }

    /// `/<lang>/glossary/`: the term list in the three languages.
    pub fn glossary(&self, site: &Site, lang: &str) -> Result<String> {
        let mut ctx = self.base_context(site, lang, "glossary", &|_| true);
        ctx.insert("terms", &site.data.glossary);
        self.render("glossary.html", &ctx)
    }

    /// `/<lang>/search/`: the search page (`static/search.js` queries the language's Pagefind
    /// bundle).
    pub fn search(&self, site: &Site, lang: &str) -> Result<String> {
        let mut ctx = self.base_context(site, lang, "search", &|_| true);
        ctx.insert("bundle_url", &site.search_bundle_url(lang));
        ctx.insert("folded_letters", &crate::search::folded_letters(lang).iter().map(|(a, b)| format!("{a}{b}")).collect::<String>());
        self.render("search.html", &ctx)
    }

    /// `/<lang>/data/`: every download of the language (`sets`, each with the sizes of its CSV
    /// and JSON files), the Data Package, and a schema.org `Dataset` for search engines.
    pub fn data_page(&self, site: &Site, lang: &str, sets: &[crate::opendata::Dataset], sizes: &[(usize, usize)], package_size: usize) -> Result<String> {
        let mut ctx = self.base_context(site, lang, "data", &|_| true);
        let data_url = site.permalink("data", lang);
        let kb = |bytes: usize| bytes.div_ceil(1024).max(1);
        #[derive(Serialize)]
        struct Item<'a> {
            id: &'a str,
            title: &'a str,
            row_kind: &'a str,
            rows: usize,
            columns: usize,
            csv_kb: usize,
            json_kb: usize,
        }
        let items: Vec<Item> = sets
            .iter()
            .zip(sizes)
            .map(|(d, (csv, json))| Item { id: &d.id, title: &d.title, row_kind: d.row_kind, rows: d.rows.len(), columns: d.fields.len(), csv_kb: kb(*csv), json_kb: kb(*json) })
            .collect();
        ctx.insert("datasets", &items);
        ctx.insert("package_kb", &kb(package_size));
        let t = |key: &str| site.i18n.translate(lang, key, &[]).map_err(|m| Errors::one(Diagnostic::error(site.paths.shown("content/tables.yaml"), m)));
        let distribution: Vec<serde_json::Value> = sets
            .iter()
            .flat_map(|d| {
                [("csv", "text/csv"), ("json", "application/json")].map(|(ext, mime)| {
                    serde_json::json!({ "@type": "DataDownload", "name": d.title, "encodingFormat": mime, "contentUrl": site.absolute(&format!("{data_url}{}.{ext}", d.id)) })
                })
            })
            .chain(std::iter::once(serde_json::json!({ "@type": "DataDownload", "name": t("opendata-package-title")?, "encodingFormat": "application/json", "contentUrl": site.absolute(&format!("{data_url}datapackage.json")) })))
            .collect();
        let report = serde_json::json!({ "@type": "Report", "name": site.config.title[lang], "url": site.absolute(&site.permalink("", lang)), "inLanguage": lang });
        let ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": t("opendata-package-title")?,
            "description": t("opendata-intro")?,
            "url": site.absolute(&data_url),
            "inLanguage": lang,
            "isBasedOn": report,
            "citation": site.config.title[lang],
            "distribution": distribution,
        });
        // Inside <script>: no `</` may end it early.
        ctx.insert("json_ld", &ld.to_string().replace("</", "<\\/"));
        self.render("data.html", &ctx)
    }

    /// `/`: the language chooser (the `x-default` of every page).
    pub fn language_chooser(&self, site: &Site) -> Result<String> {
        self.root_page(site, "index.html", false)
    }

    /// `/404.html`, in every language at once (the host does not know the reader's): each
    /// language's block has the search box and the chapters; the page's script keeps the block
    /// of the language the missing address names (`/en/…`), when it names one.
    pub fn not_found(&self, site: &Site) -> Result<String> {
        self.root_page(site, "404.html", true)
    }

    /// The language chooser or the 404 page; `chapters`: each language's top-level entries (the
    /// 404 page lists them).
    fn root_page(&self, site: &Site, template: &str, chapters: bool) -> Result<String> {
        #[derive(Serialize)]
        struct Choice {
            code: String,
            name: String,
            /// "Choose a language", in this language: the root page's heading.
            choose: String,
            title: String,
            description: String,
            url: String,
            search_url: String,
            chapters: Vec<NavItem>,
            countries_url: String,
            glossary_url: String,
        }
        let choices: Vec<Choice> = site
            .config
            .languages
            .iter()
            .map(|l| Choice {
                code: l.clone(),
                name: site.i18n.translate(l, "language-name", &[]).unwrap_or_else(|_| l.clone()),
                choose: site.i18n.translate(l, "choose-language", &[]).unwrap_or_default(),
                title: site.config.title[l].clone(),
                description: site.config.description[l].clone(),
                url: site.permalink("", l),
                search_url: site.permalink("search", l),
                chapters: if chapters { self.nav(site, "", l, "", false) } else { Vec::new() },
                countries_url: site.permalink("countries", l),
                glossary_url: site.permalink("glossary", l),
            })
            .collect();
        let mut ctx = Context::new();
        let src = &site.config.source_language;
        ctx.insert("lang", src);
        ctx.insert("base_path", &site.config.base_path());
        ctx.insert("choices", &choices);
        // The chooser is shared as the site's front door (in the source language's meta); the
        // 404 page stands for no address.
        let chooser = template == "index.html";
        ctx.insert("head_meta", &chooser.then(|| &self.editions[src].head));
        ctx.insert("og_type", "website");
        ctx.insert("absolute_url", &site.absolute(&site.config.base_path()));
        ctx.insert("json_ld", &None::<String>);
        ctx.insert("alternates", &choices.iter().map(|c| (c.code.clone(), site.absolute(&c.url))).collect::<Vec<_>>());
        ctx.insert("x_default", &site.absolute(&site.config.base_path()));
        self.render(template, &ctx)
    }

    /// `/sitemap.xml` with `hreflang` alternates, and `/robots.txt`.
    pub fn sitemap(&self, site: &Site, urls: &[(String, Vec<(String, String)>)]) -> Result<String> {
        #[derive(Serialize)]
        struct Entry<'a> {
            loc: &'a str,
            alternates: &'a [(String, String)],
        }
        let entries: Vec<Entry> = urls.iter().map(|(loc, alts)| Entry { loc, alternates: alts }).collect();
        let mut ctx = Context::new();
        ctx.insert("entries", &entries);
        ctx.insert("sitemap_url", &site.absolute(&format!("{}sitemap.xml", site.config.base_path())));
        let sitemap = self.render("sitemap.xml", &ctx)?;
        Ok(sitemap)
    }

    pub fn robots(&self, site: &Site) -> Result<String> {
        let mut ctx = Context::new();
        ctx.insert("sitemap_url", &site.absolute(&format!("{}sitemap.xml", site.config.base_path())));
        self.render("robots.txt", &ctx)
    }
}

/// The id of the page `key`'s part of the print page: `chapter-1-policy` (`title-page` for the
/// home page).
pub fn print_id(key: &str) -> String {
    if key.is_empty() { "title-page".to_string() } else { key.replace('/', "-") }
}

/// What goes before the ids of the page `key` on the print page: `chapter-1-policy--`.
pub fn print_prefix(key: &str) -> String {
    format!("{}--", print_id(key))
}

/// `html` (a table with its chart, rendered by the theme) with `prefix` before each of its ids
/// and before each reference to one: `href="#…"`, `for`, `headers`, `aria-*` id lists and SVG's
/// `url(#…)`. One pass over the attributes; ids of other elements are left as they are.
fn prefix_ids(html: &str, prefix: &str) -> String {
    let ids: std::collections::BTreeSet<&str> = html
        .match_indices(" id=\"")
        .filter_map(|(i, m)| {
            let value = &html[i + m.len()..];
            value.find('"').map(|end| &value[..end])
        })
        .collect();
    let id = |v: &str| if ids.contains(v) { format!("{prefix}{v}") } else { v.to_string() };
    let mut out = String::with_capacity(html.len() + ids.len() * 2 * prefix.len());
    let mut rest = html;
    while let Some(eq) = rest.find("=\"") {
        let start = eq + 2;
        let Some(len) = rest[start..].find('"') else { break };
        let name = &rest[rest[..eq].rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1)..eq];
        let value = &rest[start..start + len];
        out.push_str(&rest[..start]);
        match name {
            "id" | "for" | "headers" | "aria-labelledby" | "aria-describedby" | "aria-controls" => {
                out.push_str(&value.split(' ').map(id).collect::<Vec<_>>().join(" "));
            }
            "href" if value.starts_with('#') => {
                out.push('#');
                out.push_str(&id(&value[1..]));
            }
            _ if value.contains("url(#") => {
                let mut v = value;
                while let Some(u) = v.find("url(#") {
                    out.push_str(&v[..u + 5]);
                    v = &v[u + 5..];
                    let end = v.find(')').unwrap_or(v.len());
                    out.push_str(&id(&v[..end]));
                    v = &v[end..];
                }
                out.push_str(v);
            }
            _ => out.push_str(value),
        }
        out.push('"');
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// What the Markdown renderer needs: shortcodes and internal links, in one language.
struct MdEnv<'a> {
    site: &'a Site,
    renderer: &'a Renderer,
    lang: &'a str,
    /// On the print page: the page's id prefix ([`print_prefix`]).
    print: Option<String>,
    /// The page's key.
    key: &'a str,
}

impl MdEnv<'_> {
    /// Whether the page `key` is the first, in reading order, to show table `t` in this
    /// language (the table's own ids are its there).
    fn first_shown(&self, t: &str, key: &str) -> bool {
        self.site.table_pages.get(&(self.lang.to_string(), t.to_string())).is_none_or(|k| k == key)
    }
}

/// [`MdEnv`] with its headings `shift` levels down (the print page).
struct PrintShift<'a> {
    env: MdEnv<'a>,
    shift: u8,
}

impl markdown::Env for PrintShift<'_> {
    fn allow_html(&self) -> bool {
        self.env.allow_html()
    }
    fn shortcode(&self, call: &Shortcode) -> std::result::Result<String, String> {
        self.env.shortcode(call)
    }
    fn backlink(&self, label: &str) -> std::result::Result<String, String> {
        self.env.backlink(label)
    }
    fn resolve_link(&self, link: &str) -> std::result::Result<String, String> {
        self.env.resolve_link(link)
    }
    fn id_prefix(&self) -> &str {
        self.env.id_prefix()
    }
    fn heading_shift(&self) -> u8 {
        self.shift
    }
}

impl markdown::Env for MdEnv<'_> {
    fn allow_html(&self) -> bool {
        self.site.config.allow_html
    }

    fn shortcode(&self, call: &Shortcode) -> std::result::Result<String, String> {
        match call.name.as_str() {
            "country_table" => {
                let html = self.renderer.country_table(self.site, self.lang, call)?;
                // On the print page, a table shown again (by a later page) gets the page's
                // prefix on its ids, and on the references to them, as the text's own ids.
                match (&self.print, call.args.get("table")) {
                    (Some(prefix), Some(t)) if !self.first_shown(t, self.key) => Ok(prefix_ids(&html, prefix)),
                    _ => Ok(html),
                }
            }
            "curriculum" => self.renderer.curriculum(self.site, self.lang, call),
            other => Err(format!("unknown shortcode `{other}` (known: country_table, curriculum)")),
        }
    }

    fn id_prefix(&self) -> &str {
        self.print.as_deref().unwrap_or("")
    }

    fn backlink(&self, label: &str) -> std::result::Result<String, String> {
        let label = Arg::Str(label.to_string());
        self.site.i18n.translate(self.lang, "footnote-back", &[("label", label)])
    }

    fn resolve_link(&self, link: &str) -> std::result::Result<String, String> {
        let target = link.strip_prefix("@/").unwrap_or(link);
        let (path, anchor) = target.split_once('#').map_or((target, None), |(p, a)| (p, Some(a)));
        let path = path.strip_suffix(".md").unwrap_or(path);
        let key = if path == "_index" {
            String::new()
        } else {
            path.strip_suffix("/_index").unwrap_or(path).to_string()
        };
        if !self.site.pages.contains_key(&key) && !self.site.failed_pages.contains(&key) {
            return Err(format!("broken link `{link}`: no page `content/{path}.<lang>.md`"));
        }
        // On the print page, every page is a part of the page itself.
        // On the print page, every page is a part of the page itself. The ids its text makes
        // (headings, notes) carry its prefix; those of its tables and curriculum, one of each
        // in the report, do not.
        if self.print.is_some() {
            let shown = |a: &str| {
                let file = self.site.pages.get(&key).map(|p| p.file_for(self.lang, &self.site.config.source_language).0);
                file.is_some_and(|f| {
                    f.tables.iter().any(|t| a.strip_prefix("table-") == Some(t.as_str()) && self.first_shown(t, &key))
                        || (f.tables.iter().any(|t| t == "curriculum") && (a.starts_with("part-") || a.starts_with("module-")))
                })
            };
            return Ok(match anchor {
                Some(a) if shown(a) => format!("#{a}"),
                Some(a) if !a.is_empty() => format!("#{}{a}", print_prefix(&key)),
                _ => format!("#{}", print_id(&key)),
            });
        }
        let url = self.site.permalink(&key, self.lang);
        Ok(match anchor {
            Some(a) => format!("{url}#{a}"),
            None => url,
        })
    }
}

/// A Tera error as a diagnostic naming the template file, line and column. An error without a
/// position (a recursion too deep, a loop of `extends`) names the template it is about, or the
/// one being rendered.
fn template_error(e: &tera::Error, files: &BTreeMap<String, PathBuf>, rendering: Option<&str>) -> Errors {
    let path_of = |name: &str| files.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
    let about = |name: Option<&str>, message: String| match name.or(rendering) {
        Some(n) => Diagnostic::error(path_of(n), message),
        None => Diagnostic::error(files.values().next().and_then(|p| p.parent()).map_or_else(|| PathBuf::from("themes"), PathBuf::from), message),
    };
    let mut d = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            Diagnostic::error(path_of(r.filename()), r.message().to_string()).at(r.span().start_line, r.span().start_col + 1)
        }
        tera::ErrorKind::TemplateNotFound(name) => match rendering {
            Some(r) if r != name => Diagnostic::error(path_of(r), format!("template `{name}` not found in the theme")),
            _ => Diagnostic::error(path_of(name), format!("template `{name}` not found in the theme")),
        },
        tera::ErrorKind::CircularExtend { tpl, inheritance_chain } => {
            about(Some(tpl), format!("templates extend each other in a circle: {}", inheritance_chain.join(" → ")))
        }
        tera::ErrorKind::CircularInclude { tpl, include_chain } => {
            about(Some(tpl), format!("templates include each other in a circle: {}", include_chain.join(" → ")))
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            about(Some(current), format!("extends `{parent}`, which is not in the theme"))
        }
        other => about(None, format!("template: {other}")),
    };
    // Chained causes (e.g. a missing Fluent label inside `t()`).
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        d.message.push_str(&format!(": {s}"));
        source = s.source();
    }
    Errors::one(d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_table_shown_again_gets_the_prefix_on_its_ids_and_their_references() {
        let html = r##"<figure id="chart-x"><svg aria-labelledby="chart-x-t chart-x-d"><title id="chart-x-t">T</title><desc id="chart-x-d">D</desc><rect fill="url(#chart-x-hatch)"/><pattern id="chart-x-hatch"/></svg><a href="#data-x">see</a> <a href="#elsewhere">other</a> <a href="https://e.org/#data-x">ext</a></figure><div class="table-wrap" id="data-x"><table id="table-x"><td headers="table-x">a="b"</td></table></div>"##;
        let out = super::prefix_ids(html, "p--");
        assert_eq!(
            out,
            r##"<figure id="p--chart-x"><svg aria-labelledby="p--chart-x-t p--chart-x-d"><title id="p--chart-x-t">T</title><desc id="p--chart-x-d">D</desc><rect fill="url(#p--chart-x-hatch)"/><pattern id="p--chart-x-hatch"/></svg><a href="#p--data-x">see</a> <a href="#elsewhere">other</a> <a href="https://e.org/#data-x">ext</a></figure><div class="table-wrap" id="p--data-x"><table id="p--table-x"><td headers="p--table-x">a="b"</td></table></div>"##
        );
    }

    use super::*;

    fn h(level: u8, id: &str) -> Heading {
        Heading { level, id: id.into(), explicit: true, text: id.to_uppercase(), line: 1 }
    }

    #[test]
    fn toc_nests_level_3_under_the_level_2_before_it() {
        let t = toc(&[h(3, "lead"), h(2, "a"), h(3, "a1"), h(4, "deep"), h(3, "a2"), h(2, "b")]);
        let shape: Vec<(&str, Vec<&str>)> = t.iter().map(|e| (e.id.as_str(), e.children.iter().map(|c| c.id.as_str()).collect())).collect();
        assert_eq!(shape, [("lead", vec![]), ("a", vec!["a1", "a2"]), ("b", vec![])]);
        assert_eq!(t[1].text, "A");
    }
}
