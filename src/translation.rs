//! Translations that say when they fall behind the source language.
//!
//! `content/translations.yaml` records, for each translation, the source-language text it was
//! made from, as short hashes of its units: for a page, its title and each non-empty line of its
//! body (a paragraph, a list item, a heading, a table row); for a data file, each source-language
//! text of the file. `rtcm-report translated PATH…` writes the record when a translator is done;
//! the build compares it with the source as it is now. A unit of the source whose hash is not in
//! the record has changed (or is new) since: the translation is *stale*, and `check` names it,
//! with those units' text and line, and how many recorded units are gone. A translation with no
//! record at all is stale too (nothing says what it was made from).
//!
//! A site without the file does not track translations (the test fixtures); the report has one.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::content::SourceFile;
use crate::data::Text;
use crate::error::Diagnostic;
use crate::site::{Page, Site};

/// The record file, relative to the site's root.
pub const RECORD_FILE: &str = "content/translations.yaml";

/// What each translation was made from: the hashes of the source's units, space-separated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Records {
    /// By translation file, relative to `content/` (`chapter-1/policy.en.md`).
    #[serde(default)]
    pub pages: BTreeMap<String, String>,
    /// By data file, relative to `content/` (`countries/az.yaml`), then language.
    #[serde(default)]
    pub data: BTreeMap<String, BTreeMap<String, String>>,
}

/// The short hash of one unit of text: 6 hex digits of its BLAKE3 hash, the text trimmed.
/// Collisions within one page's few hundred units are one in tens of thousands of pages.
pub fn unit_hash(text: &str) -> String {
    let h = blake3::hash(text.trim().as_bytes());
    h.as_bytes()[..3].iter().map(|b| format!("{b:02x}")).collect()
}

/// A unit of a source text: where it is (a line of the file, or a data text's path), and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub at: String,
    pub text: String,
}

/// The units of a page's source text: its title, then each non-empty line of its body.
pub fn page_units(file: &SourceFile) -> Vec<Unit> {
    let mut out = vec![Unit { at: "title".into(), text: file.front.title.clone() }];
    for (i, line) in file.body.lines().enumerate() {
        if !line.trim().is_empty() {
            out.push(Unit { at: format!("line {}", file.body_line + i), text: line.trim().to_string() });
        }
    }
    out
}

/// The units of a data file: each text's source-language value, by its path in the file.
pub fn data_units<'a>(texts: impl IntoIterator<Item = (String, &'a Text)>, src: &str) -> Vec<Unit> {
    texts.into_iter().map(|(at, t)| Unit { at, text: t.get(src).unwrap_or(&t.az).to_string() }).collect()
}

/// The record of `units`: their hashes, in order, space-separated.
pub fn record(units: &[Unit]) -> String {
    units.iter().map(|u| unit_hash(&u.text)).collect::<Vec<_>>().join(" ")
}

/// Where a translation stands against its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Made from the source as it is now.
    Translated,
    /// The source changed since (or nothing records what it was made from).
    Stale(Staleness),
    /// There is no translation (or, for a data file, some texts have none).
    Missing,
}

/// How a stale translation differs from its source.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Staleness {
    /// No record says what the translation was made from.
    pub unrecorded: bool,
    /// The source's units not in the record: changed or added since.
    pub changed: Vec<Unit>,
    /// How many recorded units are no longer in the source (changed or removed).
    pub removed: usize,
}

/// Compare the source's `units` with a translation's `record` (`None`: there is none).
pub fn compare(units: &[Unit], record: Option<&str>) -> State {
    let Some(record) = record else {
        return State::Stale(Staleness { unrecorded: true, ..Staleness::default() });
    };
    let mut left: HashMap<&str, usize> = HashMap::new();
    for h in record.split_whitespace() {
        *left.entry(h).or_default() += 1;
    }
    let mut changed = Vec::new();
    for u in units {
        let h = unit_hash(&u.text);
        match left.get_mut(h.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => changed.push(u.clone()),
        }
    }
    let removed = left.values().sum();
    if changed.is_empty() && removed == 0 { State::Translated } else { State::Stale(Staleness { unrecorded: false, changed, removed }) }
}

/// The path of `file` relative to `content/`, with `/` (the key of its record).
pub fn content_key(site: &Site, file: &Path) -> String {
    let rel = file.strip_prefix(site.paths.shown("")).unwrap_or(file);
    let rel = rel.strip_prefix("content").unwrap_or(rel);
    rel.to_string_lossy().replace('\\', "/")
}

/// Where the translation of `page` in `lang` stands, when the site tracks translations.
pub fn page_state(site: &Site, page: &Page, lang: &str) -> Option<State> {
    let records = site.data.translations.as_ref()?;
    let src = site.config.source_language.as_str();
    if lang == src {
        return None;
    }
    let source = page.files.get(src)?;
    let Some(translation) = page.files.get(lang) else { return Some(State::Missing) };
    let key = content_key(site, &translation.path);
    Some(compare(&page_units(source), records.pages.get(&key).map(String::as_str)))
}

/// Every data file with its texts, as (path relative to `content/`, texts with their paths).
pub fn data_files(site: &Site) -> Vec<(String, Vec<(String, &Text)>)> {
    let mut out = Vec::new();
    for c in &site.data.countries {
        out.push((format!("countries/{}.yaml", c.code), c.texts()));
    }
    if let Some(t) = &site.data.training_needs {
        out.push(("training-needs.yaml".to_string(), t.texts()));
    }
    for p in &site.data.curriculum {
        out.push((p.file.strip_prefix("content/").unwrap_or(&p.file).to_string(), p.texts()));
    }
    if !site.data.tables.is_empty() {
        let mut texts = Vec::new();
        for (id, m) in &site.data.tables {
            texts.push((format!("{id}.caption"), &m.caption));
            texts.extend(m.notes.iter().enumerate().map(|(i, n)| (format!("{id}.notes[{i}]"), n)));
        }
        out.push(("tables.yaml".to_string(), texts));
    }
    out
}

/// Where the `lang` texts of one data file stand (`texts` as [`data_files`] gives them).
pub fn data_state(site: &Site, file: &str, texts: &[(String, &Text)], lang: &str) -> Option<State> {
    let records = site.data.translations.as_ref()?;
    let src = site.config.source_language.as_str();
    if lang == src {
        return None;
    }
    if texts.iter().any(|(_, t)| t.get(lang).is_none()) {
        return Some(State::Missing);
    }
    let units = data_units(texts.iter().map(|(p, t)| (p.clone(), *t)), src);
    Some(compare(&units, records.data.get(file).and_then(|m| m.get(lang)).map(String::as_str)))
}

/// The longest quotation of a changed unit in a message.
const QUOTE: usize = 240;

/// The message of a stale translation: what changed in the source, and what to run when the
/// translation is brought up to date.
pub fn stale_message(source: &str, lang: &str, s: &Staleness, command: &str) -> String {
    let mut m = if s.unrecorded {
        format!("stale `{lang}` translation: no record of the `{source}` text it was made from")
    } else {
        let mut m = format!("stale `{lang}` translation: {source} changed since it was translated");
        for u in &s.changed {
            let text: String = u.text.chars().take(QUOTE).collect();
            let more = if u.text.chars().count() > QUOTE { "…" } else { "" };
            m.push_str(&format!("\n    changed or new, {}: {text}{more}", u.at));
        }
        if s.removed > 0 {
            m.push_str(&format!("\n    {} recorded {} no longer in the source (changed or removed)", s.removed, if s.removed == 1 { "unit is" } else { "units are" }));
        }
        m
    };
    m.push_str(&format!("\n    when the translation is up to date: rtcm-report translated {command}"));
    m
}

/// The warnings of every stale data file (pages warn as they are rendered).
pub fn data_warnings(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (file, texts) in data_files(site) {
        for lang in &site.config.languages {
            if let Some(State::Stale(s)) = data_state(site, &file, &texts, lang) {
                let shown = site.paths.shown(&format!("content/{file}"));
                let message = stale_message(&format!("the `{}` texts", site.config.source_language), lang, &s, &format!("--lang {lang} {}", shown.display()));
                out.push(Diagnostic::warning(shown, message));
            }
        }
    }
    out
}

/// `rtcm-report translated`: record that the translations `paths` (Markdown translations, or
/// data files for `langs`, every language but the source's when empty) are made from the source
/// as it is now; with `all`, every complete translation of the site. Returns what was recorded.
pub fn mark_translated(root: &Path, paths: &[std::path::PathBuf], langs: &[String], all: bool) -> Result<Vec<String>, String> {
    let site = Site::load(root, None).map_err(|e| e.to_string())?;
    let src = site.config.source_language.clone();
    let others: Vec<String> = site.config.languages.iter().filter(|l| **l != src).cloned().collect();
    for l in langs {
        if !others.contains(l) {
            return Err(format!("--lang {l}: expected one of {} (the source language `{src}` is not a translation)", others.join(", ")));
        }
    }
    let langs: Vec<String> = if langs.is_empty() { others.clone() } else { langs.to_vec() };
    let mut records = site.data.translations.clone().unwrap_or_default();
    let files = data_files(&site);
    let mut done = Vec::new();
    let mut errs = Vec::new();
    let data = |file: &str, texts: &[(String, &Text)], lang: &str, records: &mut Records, errs: &mut Vec<String>| {
        let missing: Vec<&str> = texts.iter().filter(|(_, t)| t.get(lang).is_none()).map(|(p, _)| p.as_str()).collect();
        if !missing.is_empty() {
            errs.push(format!("content/{file}: no `{lang}` text for {}: translate them first", missing.join(", ")));
            return;
        }
        let units = data_units(texts.iter().map(|(p, t)| (p.clone(), *t)), &src);
        records.data.entry(file.to_string()).or_default().insert(lang.to_string(), record(&units));
    };
    if all {
        for page in site.pages.values() {
            let Some(source) = page.files.get(&src) else { continue };
            for (lang, f) in page.files.iter().filter(|(l, _)| **l != src) {
                records.pages.insert(content_key(&site, &f.path), record(&page_units(source)));
                done.push(format!("{} ({lang})", f.path.display()));
            }
        }
        for (file, texts) in &files {
            for lang in &others {
                if texts.iter().all(|(_, t)| t.get(lang).is_some()) {
                    data(file, texts, lang, &mut records, &mut errs);
                    done.push(format!("content/{file} ({lang})"));
                }
            }
        }
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let content = cwd.join(root).join("content");
    for path in paths {
        let real = cwd.join(path);
        let Ok(rel) = real.strip_prefix(&content) else {
            errs.push(format!("{}: not a file of {}", path.display(), content.display()));
            continue;
        };
        let key = rel.to_string_lossy().replace('\\', "/");
        if key.ends_with(".md") {
            let address = match crate::content::address(rel, &site.config.languages) {
                Ok(a) => a,
                Err(m) => {
                    errs.push(format!("{}: {m}", path.display()));
                    continue;
                }
            };
            if address.lang == src {
                errs.push(format!("{}: a `{src}` text is the source; name its translations ({})", path.display(), others.iter().map(|l| format!("….{l}.md")).collect::<Vec<_>>().join(", ")));
                continue;
            }
            let Some(page) = site.pages.get(&address.key).filter(|p| p.files.contains_key(&address.lang)) else {
                errs.push(format!("{}: no such translation", path.display()));
                continue;
            };
            let Some(source) = page.files.get(&src) else {
                errs.push(format!("{}: the page has no `{src}` text to be a translation of", path.display()));
                continue;
            };
            records.pages.insert(key, record(&page_units(source)));
            done.push(format!("{} ({})", path.display(), address.lang));
        } else if let Some((file, texts)) = files.iter().find(|(f, _)| *f == key) {
            for lang in &langs {
                data(file, texts, lang, &mut records, &mut errs);
                done.push(format!("{} ({lang})", path.display()));
            }
        } else {
            errs.push(format!("{}: not a translation (a Markdown text in a language other than `{src}`) nor a data file with texts", path.display()));
        }
    }
    if !errs.is_empty() {
        return Err(errs.join("\n"));
    }
    if !all && paths.is_empty() {
        return Err("name the translations to record (PATH…), or pass --all".into());
    }
    write_records(&content.join("translations.yaml"), &records)?;
    Ok(done)
}

/// Write the record file whole: a header, then the records sorted (the same records give the
/// same bytes); a temporary file renamed over the old one, so a reader never sees half of it.
fn write_records(path: &Path, records: &Records) -> Result<(), String> {
    let body = yaml_serde::to_string(records).map_err(|e| e.to_string())?;
    let text = format!(
        "# What each translation was made from: the hashes of the source-language text's units when\n\
         # the translation was last marked done. Written by `rtcm-report translated`; do not edit.\n{body}"
    );
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    tmp.persist(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(())
}

/// One row of `rtcm-report status`: a page or a data file, and its state in each language.
#[derive(Debug, Clone, Serialize)]
pub struct StatusRow {
    /// `page` or `data`.
    pub kind: &'static str,
    /// The source-language file, relative to `content/`.
    pub file: String,
    /// By language: `translated`, `stale` or `missing`.
    pub states: BTreeMap<String, &'static str>,
}

fn state_name(s: &State) -> &'static str {
    match s {
        State::Translated => "translated",
        State::Stale(_) => "stale",
        State::Missing => "missing",
    }
}

/// The translation state of every page (in reading order) and data file, in each language but
/// the source's; `None` when the site does not track translations.
pub fn status(site: &Site) -> Option<Vec<StatusRow>> {
    site.data.translations.as_ref()?;
    let src = site.config.source_language.as_str();
    let langs: Vec<&String> = site.config.languages.iter().filter(|l| *l != src).collect();
    let mut rows = Vec::new();
    for key in &site.order {
        let page = &site.pages[key];
        let Some(source) = page.files.get(src) else { continue };
        let states = langs.iter().filter_map(|l| page_state(site, page, l).map(|s| ((*l).clone(), state_name(&s)))).collect();
        rows.push(StatusRow { kind: "page", file: content_key(site, &source.path), states });
    }
    for (file, texts) in data_files(site) {
        let states = langs.iter().filter_map(|l| data_state(site, &file, &texts, l).map(|s| ((*l).clone(), state_name(&s)))).collect();
        rows.push(StatusRow { kind: "data", file, states });
    }
    Some(rows)
}

/// Each language's count of each state.
pub fn totals(rows: &[StatusRow]) -> BTreeMap<String, BTreeMap<&'static str, usize>> {
    let mut out: BTreeMap<String, BTreeMap<&'static str, usize>> = BTreeMap::new();
    for r in rows {
        for (lang, s) in &r.states {
            let t = out.entry(lang.clone()).or_insert_with(|| ["translated", "stale", "missing"].into_iter().map(|k| (k, 0)).collect());
            *t.entry(s).or_default() += 1;
        }
    }
    out
}

/// `status` as a Markdown table (readable in a terminal, and in a CI job's summary).
pub fn status_table(rows: &[StatusRow], langs: &[String]) -> String {
    let mut out = String::from("## Translation status\n\n");
    out.push_str(&format!("| Text | {} |\n|---|{}\n", langs.join(" | "), "---|".repeat(langs.len())));
    for r in rows {
        let cells: Vec<&str> = langs.iter().map(|l| r.states.get(l).copied().unwrap_or("")).collect();
        out.push_str(&format!("| {}{} | {} |\n", r.file, if r.kind == "data" { " (data)" } else { "" }, cells.join(" | ")));
    }
    out.push('\n');
    for (lang, t) in totals(rows) {
        out.push_str(&format!("- **{lang}**: {} translated, {} stale, {} missing\n", t["translated"], t["stale"], t["missing"]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(lines: &[&str]) -> Vec<Unit> {
        lines.iter().enumerate().map(|(i, l)| Unit { at: format!("line {}", i + 1), text: l.to_string() }).collect()
    }

    #[test]
    fn a_recorded_source_is_translated_until_a_unit_changes() {
        let before = units(&["# Başlıq", "Birinci abzas.", "- bənd"]);
        let rec = record(&before);
        assert_eq!(compare(&before, Some(&rec)), State::Translated);
        let after = units(&["# Başlıq", "Birinci abzas, dəyişib.", "- bənd", "Yeni abzas."]);
        let State::Stale(s) = compare(&after, Some(&rec)) else { panic!("stale") };
        assert_eq!(s.changed.iter().map(|u| u.text.as_str()).collect::<Vec<_>>(), ["Birinci abzas, dəyişib.", "Yeni abzas."]);
        assert_eq!((s.removed, s.unrecorded), (1, false));
    }

    #[test]
    fn moving_units_or_trailing_spaces_change_nothing_and_repeats_are_counted() {
        let rec = record(&units(&["A", "B", "B"]));
        assert_eq!(compare(&units(&["B", "A  ", "B"]), Some(&rec)), State::Translated);
        let State::Stale(s) = compare(&units(&["A", "B"]), Some(&rec)) else { panic!("a repeated unit removed") };
        assert_eq!((s.changed.len(), s.removed), (0, 1));
    }

    #[test]
    fn no_record_is_stale_and_the_message_says_what_to_run() {
        let State::Stale(s) = compare(&units(&["A"]), None) else { panic!() };
        assert!(s.unrecorded);
        let m = stale_message("x.az.md", "en", &s, "content/x.en.md");
        assert!(m.starts_with("stale `en` translation: no record") && m.ends_with("rtcm-report translated content/x.en.md"), "{m}");
    }

    #[test]
    fn hashes_are_short_and_stable() {
        assert_eq!(unit_hash("abc").len(), 6);
        assert_eq!(unit_hash(" abc "), unit_hash("abc"));
        assert_ne!(unit_hash("abc"), unit_hash("abd"));
    }
}
