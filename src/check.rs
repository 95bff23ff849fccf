//! Checks that need the whole site: links and anchors between output files, translations of
//! data texts. `check` runs the same load and render as `build`, and writes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use crate::error::{Diagnostic, Result};
use crate::render::missing_translations;
use crate::site::Site;

/// The values of the `id`, `href` and `src` attributes of `html`, in one pass over it. Our
/// templates and the Markdown renderer always quote attributes with `"` after a space.
fn attributes(html: &str) -> Attributes<'_> {
    let mut found = Attributes::default();
    let mut from = 0;
    while let Some(i) = html[from..].find("=\"").map(|i| from + i) {
        let start = i + 2;
        let Some(len) = html[start..].find('"') else { break };
        let value = &html[start..start + len];
        let before = &html[..i];
        if before.ends_with(" id") {
            found.ids.push(value);
        } else if before.ends_with(" href") {
            found.hrefs.push(value);
        } else if before.ends_with(" src") {
            found.srcs.push(value);
        }
        from = start + len + 1;
    }
    found
}

#[derive(Default)]
struct Attributes<'a> {
    ids: Vec<&'a str>,
    hrefs: Vec<&'a str>,
    srcs: Vec<&'a str>,
}

/// An attribute's text with the five escapes Tera and pulldown-cmark write undone.
fn unescape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// An address as the file system sees it: `%20` is a space.
fn decode(url: &str) -> String {
    percent_encoding::percent_decode_str(url).decode_utf8_lossy().into_owned()
}

/// What one HTML file tells the site-wide checks: its ids and the addresses it links to, so
/// the link check needs no page's HTML once that page is rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub ids: BTreeSet<String>,
    /// Ids that appear more than once, each once.
    pub duplicate_ids: Vec<String>,
    /// Links written by the theme's templates (not by the Markdown text), decoded.
    pub theme_links: Vec<String>,
    /// Links written in the Markdown text: decoded, with where they are written.
    pub markdown_links: Vec<(String, MarkdownLink)>,
}

/// A link of a Markdown text, where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownLink {
    /// As the editor wrote it (`@/intro/methodology.md#data`).
    pub written: String,
    /// 1-based line and column in the Markdown body.
    pub line: usize,
    pub column: usize,
}

/// The ids and links of `html`; `markdown` are the links its Markdown text wrote (their
/// address as resolved into the HTML, and where), which are told apart from the theme's.
pub fn facts(html: &str, markdown: Vec<(String, MarkdownLink)>) -> Facts {
    let found = attributes(html);
    let mut ids: Vec<String> = found.ids.into_iter().map(|v| unescape(v).into_owned()).collect();
    ids.sort_unstable();
    let mut duplicate_ids: Vec<String> =
        ids.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0].clone()).collect();
    duplicate_ids.dedup();
    let markdown_links: Vec<(String, MarkdownLink)> =
        markdown.into_iter().map(|(url, at)| (decode(&url), at)).collect();
    // The HTML holds the Markdown's links too: take each out once, the rest are the theme's.
    let mut from_markdown: BTreeMap<&str, usize> = BTreeMap::new();
    for (url, _) in &markdown_links {
        *from_markdown.entry(url.as_str()).or_default() += 1;
    }
    let mut theme_links = Vec::new();
    for raw in found.hrefs.into_iter().chain(found.srcs) {
        let url = decode(&unescape(raw));
        match from_markdown.get_mut(url.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => theme_links.push(url),
        }
    }
    Facts { ids: ids.into_iter().collect(), duplicate_ids, theme_links, markdown_links }
}

/// A rendered file, as the link check sees it.
pub struct Checked<'a> {
    /// The output path (`en/intro/index.html`).
    pub path: &'a str,
    /// The source a problem of the file is reported at, and the template that rendered it.
    pub source: &'a Path,
    pub template: Option<&'a str>,
    /// The line of `source` where the Markdown text starts (for Markdown links' lines).
    pub body_line: usize,
    pub facts: &'a Facts,
}

/// Every output path, with the file's ids where they are checked (`None`: not HTML, or a page
/// that failed to render, whose own error is reported instead).
pub type Targets<'a> = BTreeMap<&'a str, Option<&'a BTreeSet<String>>>;

/// Looks an output path up: `None` if the site has no such file, else what [`Targets`] holds.
pub type Lookup<'a> = dyn Fn(&str) -> Option<Option<&'a BTreeSet<String>>> + Sync + 'a;

/// Every internal `href` and `src` must name a file of the site, and every `#anchor` an `id`
/// in it. External links (with a scheme) are not fetched. A broken link written in Markdown
/// is reported at its line; one written by the theme names the page's source and template.
pub fn links(files: &[Checked], targets: &Lookup, base_path: &str) -> Vec<Diagnostic> {
    files.par_iter().flat_map_iter(|f| file_links(f, targets, base_path)).collect()
}

/// The broken links of one file.
pub fn file_links(f: &Checked, targets: &Lookup, base_path: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    {
        let problem = |url: &str| -> Option<String> {
            let (file, anchor) = resolve(url, f.path, base_path)?;
            let missing = || Some("no such page or file in the site".to_string());
            let Some(file) = file else { return missing() };
            match (targets(file.as_str()), anchor) {
                (None, _) => missing(),
                (Some(Some(ids)), Some(a)) if !a.is_empty() && !ids.contains(a) => {
                    Some(format!("`{file}` has no id `{a}`"))
                }
                _ => None,
            }
        };
        for (url, at) in &f.facts.markdown_links {
            if let Some(why) = problem(url) {
                let kind = if why.contains("has no id") { "anchor" } else { "link" };
                out.push(
                    Diagnostic::error(f.source, format!("broken {kind} `{}`: {why}", at.written))
                        .at(at.line + f.body_line - 1, at.column),
                );
            }
        }
        for url in &f.facts.theme_links {
            if let Some(why) = problem(url) {
                let by = f.template.map_or_else(String::new, |t| format!(" (template `{t}`)"));
                out.push(Diagnostic::error(
                    f.source,
                    format!("broken link `{url}` in the HTML the theme writes for this page{by}: {why}"),
                ));
            }
        }
    }
    out
}

/// The files of the site that `facts` (of the file `from`) link into with an `#anchor`: those
/// whose ids the links depend on.
pub fn anchored_targets(facts: &Facts, from: &str, base_path: &str) -> BTreeSet<String> {
    let urls = facts.markdown_links.iter().map(|(u, _)| u).chain(&facts.theme_links);
    let anchored = urls.filter(|u| u.split_once('#').is_some_and(|(_, a)| !a.is_empty()));
    anchored.filter_map(|url| match resolve(url, from, base_path)? {
        (Some(file), Some(anchor)) if !anchor.is_empty() => Some(file),
        _ => None,
    })
    .collect()
}

/// The output file and anchor a link names, from the file `from`; `None` for a link that
/// leaves the site (a scheme or `//`), `Some((None, _))` for an absolute one outside the base
/// path.
fn resolve<'u>(url: &'u str, from: &str, base_path: &str) -> Option<(Option<String>, Option<&'u str>)> {
    let external = ["mailto:", "tel:", "data:", "//"];
    if url.is_empty() || url.contains("://") || external.iter().any(|p| url.starts_with(p)) {
        return None;
    }
    let (target, anchor) = url.split_once('#').map_or((url, None), |(t, a)| (t, Some(a)));
    let target = target.split_once('?').map_or(target, |(t, _)| t);
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let file = if target.is_empty() {
        Some(from.to_string())
    } else if let Some(abs) = target.strip_prefix('/') {
        abs.strip_prefix(base_path.trim_start_matches('/')).map(str::to_string)
    } else {
        Some(normalise(&format!("{dir}/{target}")))
    };
    let file = file.map(|f| if f.is_empty() || f.ends_with('/') { format!("{f}index.html") } else { f });
    Some((file, anchor))
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
    for (file, texts) in crate::translation::data_files(site) {
        let shown = site.paths.shown(&format!("content/{file}"));
        for (what, t) in texts {
            let missing = missing_translations(t, langs);
            if !missing.is_empty() {
                out.push(Diagnostic::warning(&shown, format!("{what}: no {} text; the source language's is shown", missing.join(", "))));
            }
        }
    }
    out
}

/// The explicit heading ids of a rendered Markdown text, by page key and language (`None` for
/// a text that was not rendered).
pub type HeadingIds<'a> = dyn Fn(&str, &str) -> Option<&'a [String]> + 'a;

/// Translations must keep the source language's heading ids, or the language switcher and
/// links into the page lose the reader's place. `ids` are those the rendering found (a page
/// that failed to render has its own error instead).
pub fn heading_ids(site: &Site, ids: &HeadingIds) -> Vec<Diagnostic> {
    site.pages.values().flat_map(|page| page_heading_ids(site, page, ids)).collect()
}

/// [`heading_ids`] of one page.
pub fn page_heading_ids(site: &Site, page: &crate::site::Page, ids: &HeadingIds) -> Vec<Diagnostic> {
    let src = site.config.source_language.as_str();
    let mut out = Vec::new();
    {
        let key = page.key.as_str();
        let (Some(source), Some(expected)) = (page.files.get(src), ids(key, src)) else { return out };
        for (lang, f) in page.files.iter().filter(|(lang, _)| *lang != src) {
            let Some(got) = ids(key, lang.as_str()) else { continue };
            if got == expected {
                continue;
            }
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
    out
}

/// Load and render everything, write nothing; the warnings found (errors fail).
pub fn check(root: &Path, strict: bool, jobs: Option<usize>) -> Result<Vec<Diagnostic>> {
    let discard = std::sync::Arc::new(crate::pipeline::Discard);
    Ok(crate::pipeline::load_and_render_into(root, None, strict, jobs, discard)?.warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An output path, its HTML, and the links its Markdown wrote.
    type File<'a> = (&'a str, &'a str, Vec<(String, MarkdownLink)>);

    fn check(files: &[File], base: &str) -> Vec<String> {
        let facts: Vec<Facts> = files.iter().map(|(_, html, md)| facts(html, md.clone())).collect();
        let mut targets: Targets = BTreeMap::new();
        for ((path, _, _), f) in files.iter().zip(&facts) {
            targets.insert(path, Some(&f.ids));
        }
        let checked: Vec<Checked> = files
            .iter()
            .zip(&facts)
            .map(|((path, _, _), f)| Checked { path, source: Path::new("content/a.en.md"), template: Some("page.html"), body_line: 5, facts: f })
            .collect();
        links(&checked, &|p| targets.get(p).copied(), base).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let files = [
            ("en/index.html", r#"<a href="/en/a/">ok</a> <a href="/en/a/#x">ok</a> <a href="/en/b/">bad</a> <a href="/en/a/#y">bad</a> <a href="https://x.org/">ext</a>"#, vec![]),
            ("en/a/index.html", r##"<h2 id="x">X</h2><a href="../">up</a><a href="#x">self</a>"##, vec![]),
        ];
        let msgs = check(&files, "/");
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].contains("broken link `/en/b/`") && msgs[0].contains("(template `page.html`)"), "{msgs:?}");
        assert!(msgs[1].contains("broken link `/en/a/#y`") && msgs[1].contains("has no id `y`"), "{msgs:?}");
    }

    #[test]
    fn a_markdown_link_is_reported_at_its_line_once() {
        let at = MarkdownLink { written: "@/a.md#nope".into(), line: 3, column: 7 };
        let files = [
            ("en/index.html", r#"<nav><a href="/en/a/">a</a></nav><p><a href="/en/a/#nope">x</a></p>"#, vec![("/en/a/#nope".to_string(), at)]),
            ("en/a/index.html", r#"<h2 id="x">X</h2>"#, vec![]),
        ];
        let msgs = check(&files, "/");
        assert_eq!(msgs, ["content/a.en.md:7:7: error: broken anchor `@/a.md#nope`: `en/a/index.html` has no id `nope`"]);
    }

    #[test]
    fn respects_the_base_path() {
        let msgs = check(&[("en/index.html", r#"<a href="/report/en/">ok</a><a href="/en/">bad</a>"#, vec![])], "/report/");
        assert_eq!(msgs.len(), 1);
        assert!(msgs[0].contains("`/en/`"));
    }

    #[test]
    fn duplicate_ids_are_found() {
        let f = facts(r#"<main id="main"><h2 id="main">x</h2><p id="a"></p><p id="b"></p><p id="a"></p></main>"#, vec![]);
        assert_eq!(f.duplicate_ids, ["a", "main"]);
    }

    #[test]
    fn escaped_and_encoded_links_are_decoded() {
        let f = facts(r#"<a href="/a%20b/?x=1&amp;y=2">x</a>"#, vec![]);
        assert_eq!(f.theme_links, ["/a b/?x=1&y=2"]);
    }
}
