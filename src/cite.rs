//! The report as a publication: its reference in each language (the "How to cite" block, and
//! BibTeX, RIS and CSL-JSON files to download), the meta tags reference managers (Zotero's
//! "Embedded Metadata") and social networks (Open Graph, Twitter cards) read, and schema.org
//! JSON-LD. Made from `[report]` of `site.toml`, once per language.

use serde::Serialize;
use serde_json::{Value, json};

use crate::i18n::Arg;
use crate::site::Site;

/// The citation files' name, without its extension: `/<lang>/cite/rtcm-report-2021.bib`.
pub const FILE_STEM: &str = "rtcm-report-2021";

/// The preview image's size (Open Graph's recommended card).
pub const PREVIEW_SIZE: (u32, u32) = (1200, 630);

/// A citation file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Bibtex,
    Ris,
    CslJson,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Bibtex, Format::Ris, Format::CslJson];

    pub fn ext(self) -> &'static str {
        match self {
            Format::Bibtex => "bib",
            Format::Ris => "ris",
            Format::CslJson => "json",
        }
    }

    /// Its label's key in `locales/`.
    fn label_key(self) -> &'static str {
        match self {
            Format::Bibtex => "cite-bibtex",
            Format::Ris => "cite-ris",
            Format::CslJson => "cite-csl",
        }
    }
}

/// The address of the citation file of `lang` in `format`.
pub fn file_url(site: &Site, lang: &str, format: Format) -> String {
    format!("{}cite/{FILE_STEM}.{}", site.permalink("", lang), format.ext())
}

/// The address of the preview image of `lang`.
pub fn preview_url(site: &Site, lang: &str) -> String {
    format!("{}preview.png", site.permalink("", lang))
}

/// One edition of the report, as a reference: `[report]` in `lang`.
#[derive(Debug, Clone)]
pub struct Reference {
    pub lang: String,
    pub title: String,
    pub family: String,
    pub given: String,
    pub institution: String,
    /// Year, month and maybe day.
    pub date: Vec<u32>,
    /// The edition's home page, absolute.
    pub url: String,
    /// For a translation: "translated from the Azerbaijani original", in its language.
    pub note: Option<String>,
    /// For a translation: the original's title.
    pub original_title: Option<String>,
}

/// The reference of the edition in `lang`; `None` for a site without `[report]`.
pub fn reference(site: &Site, lang: &str) -> Option<Reference> {
    let report = site.config.report.as_ref()?;
    let src = &site.config.source_language;
    let translated = lang != src;
    Some(Reference {
        lang: lang.to_string(),
        title: site.config.title[lang].clone(),
        family: report.author.family[lang].clone(),
        given: report.author.given[lang].clone(),
        institution: report.institution[lang].clone(),
        date: report.date_parts(),
        url: site.absolute(&site.permalink("", lang)),
        note: translated.then(|| site.i18n.translate(lang, "cite-translation-note", &[]).unwrap_or_default()),
        original_title: translated.then(|| site.config.title[src].clone()),
    })
}

impl Reference {
    fn key(&self) -> String {
        let family: String = self.family.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        let family = if family.is_ascii() { family } else { "report".to_string() };
        format!("{family}{}{}", self.date[0], self.lang)
    }

    /// `2021/09`, as `citation_publication_date` wants it.
    pub fn slash_date(&self) -> String {
        self.date.iter().enumerate().map(|(i, p)| if i == 0 { p.to_string() } else { format!("{p:02}") }).collect::<Vec<_>>().join("/")
    }

    /// `2021-09`, as schema.org wants it.
    pub fn iso_date(&self) -> String {
        self.slash_date().replace('/', "-")
    }

    /// `Mihoubi-Astor, I.`
    fn short_author(&self) -> String {
        match self.given.chars().next() {
            Some(c) => format!("{}, {c}.", self.family),
            None => self.family.clone(),
        }
    }
}

const BIB_MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Text safe inside a BibTeX field's braces: TeX's special characters escaped. Letters of any
/// script stay as they are (UTF-8 biblatex reads them).
fn bib_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The `language` of a BibTeX entry (biblatex's names).
fn bib_language(lang: &str) -> &str {
    match lang {
        "az" => "azerbaijani",
        "en" => "english",
        "ru" => "russian",
        other => other,
    }
}

/// A `@techreport` entry (BibTeX and biblatex).
pub fn bibtex(r: &Reference) -> String {
    let mut fields = vec![
        ("author", format!("{{{}, {}}}", bib_text(&r.family), bib_text(&r.given))),
        // Double braces: the title's capitals are kept as written.
        ("title", format!("{{{{{}}}}}", bib_text(&r.title))),
        ("institution", format!("{{{}}}", bib_text(&r.institution))),
        ("year", r.date[0].to_string()),
    ];
    if let Some(m) = r.date.get(1).and_then(|m| BIB_MONTHS.get((*m as usize).wrapping_sub(1))) {
        fields.push(("month", (*m).to_string()));
    }
    fields.push(("language", format!("{{{}}}", bib_language(&r.lang))));
    // A URL is verbatim in biblatex: only braces could end the field.
    fields.push(("url", format!("{{{}}}", r.url.replace('{', "%7B").replace('}', "%7D"))));
    if let Some(note) = &r.note {
        fields.push(("note", format!("{{{}}}", bib_text(note))));
    }
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("  {k} = {v}")).collect();
    format!("@techreport{{{},\n{}\n}}\n", r.key(), body.join(",\n"))
}

/// One line of a RIS record: `TAG  - value`, the value on one line.
fn ris_line(out: &mut String, tag: &str, value: &str) {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    out.push_str(&format!("{tag}  - {value}\r\n"));
}

/// A RIS record of type `RPRT` (lines end with CR LF, as the format's definition has it).
pub fn ris(r: &Reference) -> String {
    let mut out = String::new();
    ris_line(&mut out, "TY", "RPRT");
    ris_line(&mut out, "AU", &format!("{}, {}", r.family, r.given));
    ris_line(&mut out, "TI", &r.title);
    ris_line(&mut out, "PY", &r.date[0].to_string());
    let part = |i: usize| r.date.get(i).map_or(String::new(), |p| format!("{p:02}"));
    ris_line(&mut out, "DA", &format!("{}/{}/{}/", r.date[0], part(1), part(2)));
    ris_line(&mut out, "PB", &r.institution);
    ris_line(&mut out, "LA", &r.lang);
    ris_line(&mut out, "UR", &r.url);
    if let Some(note) = &r.note {
        ris_line(&mut out, "N1", note);
    }
    out.push_str("ER  - \r\n");
    out
}

/// A CSL-JSON list of one item of type `report`.
pub fn csl_json(r: &Reference) -> String {
    let mut item = json!({
        "id": r.key(),
        "type": "report",
        "title": r.title,
        "author": [{"family": r.family, "given": r.given}],
        "issued": {"date-parts": [r.date]},
        "publisher": r.institution,
        "language": r.lang,
        "URL": r.url,
    });
    if let (Some(note), Some(original)) = (&r.note, &r.original_title) {
        item["note"] = json!(note);
        item["original-title"] = json!(original);
    }
    let mut s = serde_json::to_string_pretty(&json!([item])).expect("a JSON value serialises");
    s.push('\n');
    s
}

/// The citation file of `lang` in `format` (`None` without `[report]`).
pub fn file(site: &Site, lang: &str, format: Format) -> Option<String> {
    let r = reference(site, lang)?;
    Some(match format {
        Format::Bibtex => bibtex(&r),
        Format::Ris => ris(&r),
        Format::CslJson => csl_json(&r),
    })
}

/// A date in `lang`'s words: `2026-12-02` → "2 December 2026", "2 dekabr 2026", "2 декабря
/// 2026 г." (`date-day-month-year` of `locales/`); `2021-09` → "September 2021"
/// (`date-month-year`).
pub fn format_date(site: &Site, lang: &str, iso: &str) -> Option<String> {
    let parts: Vec<&str> = iso.split('-').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let (year, month) = (num(0)?, num(1)?);
    let mut args = vec![("month", Arg::Number(f64::from(month))), ("year", Arg::Str(year.to_string()))];
    let key = match num(2) {
        Some(day) => {
            args.push(("day", Arg::Str(day.to_string())));
            "date-day-month-year"
        }
        None => "date-month-year",
    };
    site.i18n.translate(lang, key, &args).ok()
}

/// The "How to cite" block's content, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct CiteView {
    /// `Mihoubi-Astor, I.`
    pub author: String,
    pub year: u32,
    pub title: String,
    pub note: Option<String>,
    pub institution: String,
    pub url: String,
    pub downloads: Vec<Download>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Download {
    pub label: String,
    pub url: String,
    pub ext: &'static str,
}

/// What every page's `<head>` says of the report in one language (`partials/head.html`).
#[derive(Debug, Clone, Serialize)]
pub struct HeadView {
    pub site_name: String,
    pub og_locale: String,
    pub og_locale_alternates: Vec<String>,
    pub image: String,
    pub image_width: u32,
    pub image_height: u32,
    pub image_alt: String,
    /// The `citation_*` tags (a site with `[report]`).
    pub citation: Option<CitationMeta>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitationMeta {
    pub title: String,
    /// `Mihoubi-Astor, Isabelle`
    pub author: String,
    pub publisher: String,
    /// `2021/09`
    pub date: String,
    pub language: String,
    pub pdf_url: String,
    pub abstract_html_url: String,
}

/// Everything of this module one language's pages share, made once per build.
#[derive(Debug, Clone)]
pub struct Edition {
    pub head: HeadView,
    pub cite: Option<CiteView>,
    /// The `Report` node of the JSON-LD of the edition's home page (without `dateModified`).
    pub report: Option<Value>,
}

/// `og:locale` of a language: the language and the country whose usage the text follows
/// (British English, as IOM writes it).
pub fn og_locale(lang: &str) -> String {
    match lang {
        "az" => "az_AZ".into(),
        "en" => "en_GB".into(),
        "ru" => "ru_RU".into(),
        other => other.replace('-', "_"),
    }
}

/// The line under the title on the preview card and in its description: the institution (or
/// the site's description) and the report's date.
pub fn preview_byline(site: &Site, lang: &str) -> Option<String> {
    let report = site.config.report.as_ref()?;
    let date = format_date(site, lang, report.date.get_ref())?;
    Some(format!("{} · {date}", report.institution[lang]))
}

/// The schema.org node of the edition in `lang`, as other nodes point to it.
fn edition_ref(site: &Site, lang: &str) -> Value {
    let url = site.absolute(&site.permalink("", lang));
    json!({"@type": "Report", "@id": format!("{url}#report"), "name": site.config.title[lang], "inLanguage": lang, "url": url})
}

impl Edition {
    pub fn new(site: &Site, lang: &str) -> Edition {
        let (w, h) = PREVIEW_SIZE;
        let title = &site.config.title[lang];
        let r = reference(site, lang);
        let byline = preview_byline(site, lang);
        let head = HeadView {
            site_name: title.clone(),
            og_locale: og_locale(lang),
            og_locale_alternates: site.config.languages.iter().filter(|l| *l != lang).map(|l| og_locale(l)).collect(),
            image: site.absolute(&preview_url(site, lang)),
            image_width: w,
            image_height: h,
            image_alt: match &byline {
                Some(b) => format!("{title} — {b}"),
                None => title.clone(),
            },
            citation: r.as_ref().map(|r| CitationMeta {
                title: r.title.clone(),
                author: format!("{}, {}", r.family, r.given),
                publisher: r.institution.clone(),
                date: r.slash_date(),
                language: lang.to_string(),
                pdf_url: site.absolute(&site.pdf_url(lang)),
                abstract_html_url: r.url.clone(),
            }),
        };
        let cite = r.as_ref().map(|r| CiteView {
            author: r.short_author(),
            year: r.date[0],
            title: r.title.clone(),
            note: r.note.clone(),
            institution: r.institution.clone(),
            url: r.url.clone(),
            downloads: Format::ALL
                .iter()
                .map(|f| Download {
                    label: site.i18n.translate(lang, f.label_key(), &[]).unwrap_or_else(|_| f.ext().to_string()),
                    url: file_url(site, lang, *f),
                    ext: f.ext(),
                })
                .collect(),
        });
        let report = r.as_ref().map(|r| {
            let organisation = json!({"@type": "Organization", "name": r.institution});
            let mut node = edition_ref(site, lang);
            node["@context"] = json!("https://schema.org");
            node["description"] = json!(site.config.description[lang]);
            node["author"] = json!({"@type": "Person", "name": format!("{} {}", r.given, r.family), "familyName": r.family, "givenName": r.given});
            node["publisher"] = organisation.clone();
            node["sourceOrganization"] = organisation;
            node["datePublished"] = json!(r.iso_date());
            node["image"] = json!(head.image);
            let src = &site.config.source_language;
            if lang == src {
                let others: Vec<Value> = site.config.languages.iter().filter(|l| *l != src).map(|l| edition_ref(site, l)).collect();
                if !others.is_empty() {
                    node["workTranslation"] = json!(others);
                }
            } else {
                node["translationOfWork"] = edition_ref(site, src);
            }
            node
        });
        Edition { head, cite, report }
    }

    /// The JSON-LD of the page `key` in `lang` (`None` for a site without `[report]`): the
    /// `Report` on the home page, a `WebPage` that is part of it elsewhere; `modified` is the
    /// page's last commit date.
    pub fn json_ld(&self, site: &Site, lang: &str, key: &str, name: Option<&str>, modified: Option<&str>) -> Option<String> {
        let report = self.report.as_ref()?;
        let mut node = if key.is_empty() {
            report.clone()
        } else {
            let mut page = json!({
                "@context": "https://schema.org",
                "@type": "WebPage",
                "url": site.absolute(&site.permalink(key, lang)),
                "inLanguage": lang,
                "isPartOf": {"@id": report["@id"]},
            });
            if let Some(name) = name {
                page["name"] = json!(name);
            }
            page
        };
        if let Some(date) = modified {
            node["dateModified"] = json!(date);
        }
        Some(script_json(&node))
    }
}

/// JSON to put inside `<script>`: no `<` at all (`\u003c`), so no `</script>` or `<!--` can
/// end or change the element.
pub fn script_json(v: &Value) -> String {
    serde_json::to_string(v).expect("a JSON value serialises").replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r() -> Reference {
        Reference {
            lang: "en".into(),
            title: "Gap analysis {of} 100% & more_#1 \\ ~^".into(),
            family: "Mihoubi-Astor".into(),
            given: "Isabelle".into(),
            institution: "IOM Mission\nin Azerbaijan".into(),
            date: vec![2021, 9],
            url: "https://example.org/report/en/".into(),
            note: Some("translated from the Azerbaijani original".into()),
            original_title: Some("Təhlil".into()),
        }
    }

    #[test]
    fn bibtex_escapes_tex_and_keeps_its_braces_balanced() {
        let b = bibtex(&r());
        assert!(b.starts_with("@techreport{mihoubiastor2021en,\n"), "{b}");
        assert!(b.contains("title = {{Gap analysis \\{of\\} 100\\% \\& more\\_\\#1 \\textbackslash{} \\~{}\\^{}}}"), "{b}");
        assert!(b.contains("month = sep,"), "{b}");
        let mut depth = 0i32;
        let mut prev = ' ';
        for c in b.chars() {
            if prev != '\\' {
                depth += match c { '{' => 1, '}' => -1, _ => 0 };
                assert!(depth >= 0, "{b}");
            }
            prev = c;
        }
        assert_eq!(depth, 0, "{b}");
    }

    #[test]
    fn ris_values_stay_on_their_line() {
        let s = ris(&r());
        assert!(s.contains("PB  - IOM Mission in Azerbaijan\r\n"), "{s}");
        assert!(s.contains("DA  - 2021/09//\r\n"), "{s}");
        assert!(s.ends_with("ER  - \r\n"), "{s}");
    }

    #[test]
    fn script_json_cannot_close_its_script() {
        let s = script_json(&json!({"name": "</script><!-- x"}));
        assert!(!s.contains('<'), "{s}");
        assert_eq!(serde_json::from_str::<Value>(&s).unwrap()["name"], "</script><!-- x");
    }
}
