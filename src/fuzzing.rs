//! Harnesses for the fuzz targets in `tests/fuzz/`: one function per parser an editor's file
//! goes through, taking arbitrary bytes and asserting what must hold for any input. A panic is
//! a finding. `tests/fuzz_regressions.rs` replays the saved findings and the seeds through
//! these same functions in a plain `cargo test`.
//!
//! Every harness reads the bytes as the site reads a file ([`source::text_of`]: UTF-8, a
//! leading byte-order mark dropped), so inputs that are not text stop there.

use std::collections::BTreeMap;
use std::path::Path;

use crate::check::{self, MarkdownLink};
use crate::data::{Country, Part, TableMeta, Term, TrainingNeeds};
use crate::error::{Diagnostic, Result};
use crate::markdown::{self, Env, Shortcode};
use crate::{content, source};

/// The bytes as the site reads a file, or `None` if they are not text. The error of
/// `text_of` must point inside the bytes too.
fn text(data: &[u8], path: &Path) -> Option<String> {
    match source::text_of(data.to_vec(), path) {
        Ok(text) => Some(text),
        Err(e) => {
            let lines = data.split(|&b| b == b'\n').count();
            assert_lines(&e.0, lines, "text_of");
            None
        }
    }
}

/// The number of lines of `text`, as the site's messages count them: a line ends at `\n`.
fn line_count(text: &str) -> usize {
    text.lines().count()
}

/// Every diagnostic with a line points at a line of the text (or just after its last one,
/// where a parser reports an unexpected end), at a column from 1.
fn assert_lines(diagnostics: &[Diagnostic], lines: usize, what: &str) {
    for d in diagnostics {
        if let Some(line) = d.line {
            assert!((1..=lines + 1).contains(&line), "{what}: line {line} of {lines}: {d}");
        }
        if let Some(column) = d.column {
            assert!(column >= 1, "{what}: column 0: {d}");
        }
    }
}

/// Check the lines of a loader's result.
fn assert_result<T>(result: &Result<T>, lines: usize, what: &str) {
    if let Err(e) = result {
        assert_lines(&e.0, lines, what);
    }
}

/// A page's file: front matter and body ([`content::parse_file`]).
pub fn front_matter(data: &[u8]) {
    let path = Path::new("content/a.en.md");
    let Some(text) = text(data, path) else { return };
    let lines = line_count(&text);
    match content::parse_file(&text, path, "en") {
        Ok(file) => {
            assert!(file.body_line <= lines + 1, "body at line {} of {lines}", file.body_line);
            assert!(!file.front.title.trim().is_empty(), "empty title accepted");
        }
        Err(e) => {
            assert!(!e.0.is_empty(), "an error without a diagnostic");
            assert_lines(&e.0, lines, "front matter");
        }
    }
}

/// Whether `s` is a shortcode's or an argument's name: ASCII letters, digits and `_`.
fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A shortcode call ([`markdown::parse_shortcode`]).
pub fn shortcode(data: &[u8]) {
    let Some(text) = text(data, Path::new("content/a.en.md")) else { return };
    if let Some(Ok(call)) = markdown::parse_shortcode(&text) {
        assert!(is_name(&call.name), "shortcode name {:?}", call.name);
        for (key, value) in &call.args {
            assert!(is_name(key), "argument name {key:?}");
            assert!(!value.contains('"'), "argument value {value:?} holds a quote");
        }
    }
}

/// The site as the Markdown harness sees it: two shortcodes, two internal links, and raw HTML
/// not allowed (the default).
struct FuzzEnv;

impl Env for FuzzEnv {
    fn shortcode(&self, call: &Shortcode) -> std::result::Result<String, String> {
        match call.name.as_str() {
            "box" => {
                let text = call.args.get("text").map_or("", String::as_str);
                Ok(format!("<div class=\"box\">{}</div>", escape(text)))
            }
            "note" if call.args.is_empty() => Ok("<p class=\"note\">Note.</p>".into()),
            other => Err(format!("unknown shortcode `{other}`")),
        }
    }

    fn resolve_link(&self, link: &str) -> std::result::Result<String, String> {
        match link {
            "@/a.md" => Ok("/en/a/".into()),
            "@/a.md#x" => Ok("/en/a/#x".into()),
            _ => Err(format!("no page for `{link}`")),
        }
    }
}

/// `s` escaped for HTML text and attribute values.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The tags the renderer writes for Markdown (pulldown-cmark's, the footnotes', the tables'
/// wrapper) and the fuzz env's shortcodes write. The footnotes' drawn arrow is taken out
/// whole before the check (an `<svg>` anywhere else is markup only raw HTML could write).
const TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "span",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// The attributes those tags carry. `style` only as a table cell's alignment; `aria-labelledby`
/// names a heading's link (`markdown::heading_anchor`) by ids, which run no script.
const ATTRIBUTES: &[&str] = &[
    "alt",
    "aria-labelledby",
    "class",
    "href",
    "id",
    "role",
    "src",
    "start",
    "style",
    "title",
    "value",
];

/// The schemes a published link may use (those `markdown` lets through).
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Why `html` holds markup that only raw HTML of the text could have put there: a tag or
/// attribute Markdown never writes (`<script`, `<iframe`, `<style`, ` onerror=`), an
/// attribute value not in double quotes, or a link or image to a `javascript:` address (or any
/// scheme outside [`SCHEMES`]). `None` if there is none.
///
/// Text is never mistaken for markup: the renderer escapes every `<` of the text, so each `<`
/// in the HTML starts a tag.
pub fn unsafe_markup(html: &str) -> Option<String> {
    let html = html.replace(crate::markdown::BACKLINK_ARROW, "");
    let mut rest = html.as_str();
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let Some(end) = rest.find('>') else { return Some("a `<` that opens no tag".into()) };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(why) = unsafe_tag(tag) {
            return Some(format!("<{tag}>: {why}"));
        }
    }
    None
}

/// Check one tag, without its `<` and `>`.
fn unsafe_tag(tag: &str) -> Option<String> {
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let tag = tag.strip_suffix('/').unwrap_or(tag);
    let name_end = tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len());
    let name = tag[..name_end].to_ascii_lowercase();
    if !TAGS.contains(&name.as_str()) {
        return Some(format!("tag `{name}`"));
    }
    let mut attrs = tag[name_end..].trim_start();
    while !attrs.is_empty() {
        let Some((attr, after)) = attrs.split_once("=\"") else {
            return Some(format!("attribute without a quoted value: `{attrs}`"));
        };
        let Some((value, after)) = after.split_once('"') else {
            return Some(format!("unclosed attribute value of `{attr}`"));
        };
        let attr = attr.to_ascii_lowercase();
        if !ATTRIBUTES.contains(&attr.as_str()) {
            return Some(format!("attribute `{attr}`"));
        }
        if attr == "style" && !value.starts_with("text-align: ") {
            return Some(format!("style `{value}`"));
        }
        if (attr == "href" || attr == "src")
            && let Some(scheme) = url_scheme(&unescape(value))
            && !SCHEMES.contains(&scheme.as_str())
        {
            return Some(format!("a `{scheme}:` address"));
        }
        attrs = after.trim_start();
    }
    None
}

/// The scheme a browser reads in `url` (lowercased): leading spaces and control characters
/// and every tab and newline aside.
fn url_scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = url.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// An attribute value as the browser reads it: `&quot;`, `&lt;`, `&gt;`, `&amp;` and numeric
/// character references decoded.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let decoded = match entity {
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .map_or_else(
                    || entity.strip_prefix('#').and_then(|d| d.parse().ok()),
                    |h| u32::from_str_radix(h, 16).ok(),
                )
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A page's Markdown body ([`markdown::render`], then [`check::facts`] on its HTML).
pub fn markdown(data: &[u8]) {
    let Some(text) = text(data, Path::new("content/a.en.md")) else { return };
    let lines = line_count(&text);
    let r = markdown::render(&text, &FuzzEnv);
    let in_text = |line: usize, column: usize| (1..=lines + 1).contains(&line) && column >= 1;
    for p in &r.problems {
        assert!(in_text(p.line, p.column), "problem at {}:{} of {lines}: {p:?}", p.line, p.column);
    }
    for h in &r.headings {
        assert!(in_text(h.line, 1), "heading at line {} of {lines}: {h:?}", h.line);
    }
    for l in &r.links {
        assert!(in_text(l.line, l.column), "link at {}:{} of {lines}: {l:?}", l.line, l.column);
    }
    if r.problems.iter().all(|p| p.warning)
        && let Some(why) = unsafe_markup(&r.html)
    {
        panic!("published without an error, unsafe markup {why}\nin {}", r.html);
    }
    let links: Vec<(String, MarkdownLink)> = r
        .links
        .into_iter()
        .map(|l| (l.url, MarkdownLink { written: l.written, line: l.line, column: l.column }))
        .collect();
    let n = links.len();
    let facts = check::facts(&r.html, links);
    assert_eq!(facts.markdown_links.len(), n);
}

/// The data files, the first byte choosing which: a country, a curriculum part, Table 7, the
/// table captions, the glossary.
pub fn loaders(data: &[u8]) {
    let Some((&which, data)) = data.split_first() else { return };
    let name = match which % 5 {
        0 => "content/countries/az.yaml",
        1 => "content/curriculum/part-1.yaml",
        2 => "content/training-needs.yaml",
        3 => "content/tables.yaml",
        _ => "content/glossary.yaml",
    };
    let path = Path::new(name);
    let Some(text) = text(data, path) else { return };
    let lines = line_count(&text);
    match which % 5 {
        0 => assert_result(&Country::parse(&text, path), lines, name),
        1 => assert_result(&crate::yaml::from_str::<Part>(&text, path, 0), lines, name),
        2 => assert_result(&crate::yaml::from_str::<TrainingNeeds>(&text, path, 0), lines, name),
        3 => {
            let r = crate::yaml::from_str::<BTreeMap<String, TableMeta>>(&text, path, 0);
            assert_result(&r, lines, name)
        }
        _ => assert_result(&crate::yaml::from_str::<Vec<Term>>(&text, path, 0), lines, name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_takes_pages_and_broken_files() {
        for input in [
            &b"---\ntitle: A\nweight: 2\n---\n\n## B {#b}\n"[..],
            b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n",
            b"---\ntitle: A\n",
            b"---\ntitle: [\n---\n",
            b"---\ntitle: ''\n---\n",
            b"",
            b"ok\n\xff",
        ] {
            front_matter(input);
        }
    }

    #[test]
    fn shortcode_takes_calls_and_non_calls() {
        for input in [
            r#"{{ box(text="a", b="c") }}"#,
            "{{ box() }}",
            "{{ (x=\"1\") }}",
            "{{ a(b=\"\") }} x",
            "{{}}",
            "plain",
        ] {
            shortcode(input.as_bytes());
        }
    }

    #[test]
    fn markdown_takes_pages_with_and_without_problems() {
        for input in [
            "Intro [a](@/a.md#x) and [b](@/b.md).\n\n{{ box(text=\"<b>\") }}\n\n## H {#h}\n",
            "Text[^1] and [^2].\n\n[^1]: Note.\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n",
            "<script>alert(1)</script>\n\nx <img src=x onerror=alert(1)>\n",
            "[x](javascript:alert(1)) ![y](JaVaScRiPt:alert(1))\n",
            "```\n<script>\n```\n\n`<iframe>` &lt;style&gt; javascript: onerror=1\n",
        ] {
            markdown(input.as_bytes());
        }
    }

    #[test]
    fn loaders_take_every_kind_of_file() {
        let files = [
            "code: az\norder: 1\nname: {az: A}\nofficial_name: {az: A}\nregion: south-caucasus\n",
            "number: 1\ntitle: {az: P}\nmodules: []\n",
            "columns: [az]\nthemes:\n  - number: 1\n    title: {az: T}\n    readings: [4]\n",
            "consultation:\n  caption: {az: C}\n",
            "- id: a\n  az: a\n  en: a\n  ru: a\n",
            "a: [\n",
            "",
        ];
        for which in 0..5u8 {
            for file in files {
                loaders(&[&[which], file.as_bytes()].concat());
            }
        }
        loaders(b"");
    }

    #[test]
    fn unsafe_markup_finds_what_only_raw_html_writes() {
        let safe = [
            "<p>a &lt;script&gt; onerror= javascript:</p>\n",
            "<h2 id=\"h\" class=\"c\">H</h2><a href=\"/en/a/#x\" title=\"t\">a</a>",
            "<img src=\"x.png\" alt=\"javascript:\" /><a href=\"mailto:a@b\">m</a>",
            "<div class=\"table-wrap\"><table><thead><tr><th style=\"text-align: center\">a</th>",
            "<a href=\"https://x.org/javascript:\">x</a><a href=\"/a?b=1&amp;c=javascript:\">y</a>",
        ];
        for html in safe {
            assert_eq!(unsafe_markup(html), None, "{html}");
        }
        let unsafe_ = [
            "<p><script>alert(1)</script></p>",
            "<IFRAME src=\"x\">",
            "<style>",
            "<img src=\"x\" onerror=\"alert(1)\" />",
            "<h2 onmouseover=\"alert(1)\">",
            "<a href=\"javascript:alert(1)\">",
            "<a href=\" JAVA&#x09;SCRIPT:x\">",
            "<img src=x>",
            "<p style=\"color: red\">",
        ];
        for html in unsafe_ {
            assert!(unsafe_markup(html).is_some(), "{html}");
        }
    }
}
