//! Checks that need the whole site: links and anchors between output files, translations of
//! data texts. `check` runs the same load and render as `build`, and writes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::build::{render_site, with_threads, Output};
use crate::error::{Diagnostic, Result};
use crate::render::missing_translations;
use crate::site::Site;

/// Values of `attr="…"` in `html`, with their byte offsets. Our templates and the Markdown
/// renderer always quote attributes with `"`.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<(usize, &'a str)> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&needle) {
        let start = from + i + needle.len();
        let Some(len) = html[start..].find('"') else { break };
        out.push((start, &html[start..start + len]));
        from = start + len;
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

/// Every internal `href` and `src` of every HTML file must name a file of the site, and every
/// `#anchor` an `id` in it. External links (with a scheme) are not fetched.
pub fn links(files: &[Output], base_path: &str) -> Vec<Diagnostic> {
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let html: Vec<(&str, &str)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| std::str::from_utf8(&f.bytes).ok().map(|s| (f.path.as_str(), s)))
        .collect();
    let ids: BTreeMap<&str, BTreeSet<String>> =
        html.iter().map(|(p, s)| (*p, attr_values(s, "id").into_iter().map(|(_, v)| unescape(v)).collect())).collect();
    let mut out = Vec::new();
    for (path, text) in &html {
        // The 404 page is served at any address, so its links must be absolute; it is checked too.
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for attr in ["href", "src"] {
            for (offset, raw) in attr_values(text, attr) {
                let link = unescape(raw);
                if link.is_empty() || link.contains("://") || link.starts_with("mailto:") || link.starts_with("data:") || link.starts_with("//") {
                    continue;
                }
                let (target, anchor) = link.split_once('#').map_or((link.as_str(), None), |(t, a)| (t, Some(a)));
                let target = target.split_once('?').map_or(target, |(t, _)| t);
                let file = if target.is_empty() {
                    Some(path.to_string())
                } else if let Some(abs) = target.strip_prefix('/') {
                    let base = base_path.trim_start_matches('/');
                    abs.strip_prefix(base).map(|r| r.to_string())
                } else {
                    Some(normalise(&format!("{dir}/{target}")))
                };
                let file = file.map(|f| if f.is_empty() || f.ends_with('/') { format!("{f}index.html") } else { f });
                let (line, col) = crate::error::line_col(text, offset);
                let shown = Path::new("<output>").join(path);
                match file {
                    Some(f) if paths.contains(f.as_str()) => {
                        if let Some(a) = anchor.filter(|a| !a.is_empty())
                            && !ids.get(f.as_str()).is_some_and(|s| s.contains(a))
                        {
                            out.push(Diagnostic::error(&shown, format!("broken anchor `{link}`: `{f}` has no id `{a}`")).at(line, col));
                        }
                    }
                    _ => out.push(Diagnostic::error(&shown, format!("broken link `{link}`: no such file in the site")).at(line, col)),
                }
            }
        }
    }
    out
}

/// Resolve `.` and `..` in a relative path.
fn normalise(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let trailing = if p.ends_with('/') { "/" } else { "" };
    format!("{}{}", parts.join("/"), trailing)
}

/// Data texts without a translation: shown in the source language, listed by `check`.
pub fn data_translations(site: &Site) -> Vec<Diagnostic> {
    let langs = &site.config.languages;
    let mut out = Vec::new();
    let mut note = |file: String, what: String, t: &crate::data::Text| {
        let missing = missing_translations(t, langs);
        if !missing.is_empty() {
            out.push(Diagnostic::warning(site.paths.shown(&file), format!("{what}: no {} text; the source language's is shown", missing.join(", "))));
        }
    };
    for c in &site.data.countries {
        let f = format!("content/countries/{}.yaml", c.code);
        for (field, t) in c.texts() {
            note(f.clone(), field, t);
        }
    }
    if let Some(t) = &site.data.training_needs {
        for (field, text) in t.texts() {
            note("content/training-needs.yaml".into(), field, text);
        }
    }
    for p in &site.data.curriculum {
        for (field, text) in p.texts() {
            note(p.file.clone(), field, text);
        }
    }
    for (id, m) in &site.data.tables {
        note("content/tables.yaml".into(), format!("{id}.caption"), &m.caption);
        for (i, n) in m.notes.iter().enumerate() {
            note("content/tables.yaml".into(), format!("{id}.notes[{i}]"), n);
        }
    }
    out
}

/// Translations must keep the source language's heading ids, or the language switcher and
/// links into the page lose the reader's place.
pub fn heading_ids(site: &Site) -> Vec<Diagnostic> {
    let src = &site.config.source_language;
    let mut out = Vec::new();
    for page in site.pages.values() {
        let Some(source) = page.files.get(src) else { continue };
        let expected = crate::markdown::heading_ids(&source.body);
        for (lang, f) in &page.files {
            if lang == src {
                continue;
            }
            let got = crate::markdown::heading_ids(&f.body);
            if got != expected {
                let missing: Vec<_> = expected.iter().filter(|i| !got.contains(i)).map(|i| format!("#{i}")).collect();
                let extra: Vec<_> = got.iter().filter(|i| !expected.contains(i)).map(|i| format!("#{i}")).collect();
                let detail = if missing.is_empty() && extra.is_empty() {
                    "in another order".to_string()
                } else {
                    format!("missing [{}], not in the source [{}]", missing.join(", "), extra.join(", "))
                };
                out.push(Diagnostic::warning(&f.path, format!("heading ids differ from the `{src}` file ({}): {detail}", source.path.display())));
            }
        }
    }
    out
}

/// Load and render everything, write nothing; the warnings found (errors fail).
pub fn check(root: &Path, strict: bool, jobs: Option<usize>) -> Result<Vec<Diagnostic>> {
    with_threads(jobs, || {
        let site = Site::load(root, None)?;
        Ok(render_site(&site, strict)?.warnings)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str, html: &str) -> Output {
        Output { path: path.into(), bytes: html.as_bytes().to_vec() }
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let files = vec![
            out("en/index.html", r#"<a href="/en/a/">ok</a> <a href="/en/a/#x">ok</a> <a href="/en/b/">bad</a> <a href="/en/a/#y">bad</a> <a href="https://x.org/">ext</a>"#),
            out("en/a/index.html", r##"<h2 id="x">X</h2><a href="../">up</a><a href="#x">self</a>"##),
        ];
        let ds = links(&files, "/");
        let msgs: Vec<String> = ds.iter().map(|d| d.message.clone()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].contains("broken link `/en/b/`"));
        assert!(msgs[1].contains("broken anchor `/en/a/#y`"));
    }

    #[test]
    fn respects_the_base_path() {
        let files = vec![out("en/index.html", r#"<a href="/report/en/">ok</a><a href="/en/">bad</a>"#)];
        let ds = links(&files, "/report/");
        assert_eq!(ds.len(), 1);
        assert!(ds[0].message.contains("`/en/`"));
    }
}
