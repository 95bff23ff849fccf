//! Markdown to HTML: pulldown-cmark options in one place, shortcodes, heading ids, links.
//! A pure function of its input: it reads and writes no file.

use std::collections::BTreeMap;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A heading of the body, for the in-page contents list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    /// The id is written in the text (`{#id}`), not made from the heading's words.
    #[serde(skip)]
    pub explicit: bool,
    pub text: String,
    /// 1-based line in the Markdown text.
    #[serde(skip)]
    pub line: usize,
}

/// A shortcode call: `{{ name(key="value", …) }}` alone in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    pub name: String,
    pub args: BTreeMap<String, String>,
}

/// A problem at a 1-based line and column of the Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// Problems the editor may accept (`check` lists them; `--strict` refuses them).
    pub warning: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub problems: Vec<Problem>,
    /// Every link and image address of the text that stays in the site (resolved), with
    /// where it is written: the site's link check reports a broken one at that line.
    pub links: Vec<LinkUse>,
}

/// An address written in the Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkUse {
    /// The address as it is in the HTML (`@/` links resolved).
    pub url: String,
    /// As the text writes it (`@/intro/methodology.md#data`).
    pub written: String,
    pub line: usize,
    pub column: usize,
}

/// What rendering needs from the rest of the site.
pub trait Env {
    /// Render a shortcode to HTML, or say what is wrong with it.
    fn shortcode(&self, call: &Shortcode) -> Result<String, String>;
    /// Resolve an internal link `@/path/page.md#anchor` to a URL.
    fn resolve_link(&self, link: &str) -> Result<String, String>;
    /// Publish raw HTML of the text as it is (`allow_html` in site.toml); otherwise it is an
    /// error, HTML comments aside (they are dropped).
    fn allow_html(&self) -> bool {
        false
    }
    /// What a footnote's link back to its reference `label` says to screen readers (its arrow
    /// is drawn, and hidden from them), in the page's language.
    fn backlink(&self, label: &str) -> Result<String, String> {
        Ok(format!("Back to reference {label}"))
    }
    /// What goes before every id the text makes (headings, footnotes) and every `#fragment`
    /// link it writes: the print page, where all the pages share one HTML, gives each its own
    /// (`chapter-1-policy--`). Made in the one pass that renders the text.
    fn id_prefix(&self) -> &str {
        ""
    }
    /// How many levels the text's headings go down (the print page, where a page's title is a
    /// level 2 heading: its `##` become `<h3>`). Never below `<h6>`.
    fn heading_shift(&self) -> u8 {
        0
    }
}

/// ↩, drawn: the site's fonts have no U+21A9. Its stroke is in the theme's style sheet
/// (`.backlink-arrow`).
pub(crate) const BACKLINK_ARROW: &str = concat!(
    "<svg class=\"backlink-arrow\" width=\".75em\" height=\".75em\" viewBox=\"0 0 12 12\" ",
    "aria-hidden=\"true\"><path d=\"M2 8.5h6.5a2.75 2.75 0 0 0 0-5.5H7M4.5 6 2 8.5 4.5 11\"/></svg>"
);

/// `text` escaped for HTML text.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The URL schemes a link may use when raw HTML is not allowed (as Goldmark, Hugo's Markdown
/// renderer, refuses `javascript:` and the like in its safe mode).
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The scheme of `url` (lowercased), as a browser reads it: tabs and newlines are ignored, and
/// so are leading spaces and control characters.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|&c| c != ':' && c != '/' && c != '?' && c != '#')
        .collect();
    let rest = url.trim_start_matches(|c: char| c <= ' ').replace(['\t', '\n', '\r'], "");
    let valid = cleaned.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && cleaned.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && rest[cleaned.len()..].starts_with(':')).then(|| cleaned.to_ascii_lowercase())
}

/// Whether `html` is nothing but HTML comments (and white space).
fn only_comments(html: &str) -> bool {
    let mut rest = html.trim_start();
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix("<!--") else { return false };
        let Some(end) = inner.find("-->") else { return false };
        rest = inner[end + 3..].trim_start();
    }
    true
}

/// The first tag of raw HTML, for messages: `<script>`.
fn first_tag(html: &str) -> String {
    let start = html.find('<').unwrap_or(0);
    let tag: String = html[start..].chars().take_while(|&c| c != '>' && c != '\n').take(40).collect();
    format!("{tag}>")
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// The ids of the tables a Markdown text shows, in order (the curriculum as `curriculum`).
pub fn shown_tables(body: &str) -> Vec<String> {
    body.lines()
        .filter_map(|line| {
            let Some(Ok(call)) = parse_shortcode(line) else { return None };
            match call.name.as_str() {
                "country_table" => call.args.get("table").cloned(),
                "curriculum" => Some("curriculum".to_string()),
                _ => None,
            }
        })
        .collect()
}

/// Parse `{{ name(a="x", b="y") }}`; `None` if the text is not a shortcode at all.
pub fn parse_shortcode(text: &str) -> Option<Result<Shortcode, String>> {
    let inner = text.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    Some(parse_call(inner))
}

fn parse_call(inner: &str) -> Result<Shortcode, String> {
    let open = inner.find('(').ok_or("a shortcode is written `{{ name(key=\"value\") }}`")?;
    let name = inner[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("invalid shortcode name `{name}`"));
    }
    let rest = inner[open + 1..].strip_suffix(')').ok_or("the shortcode's arguments must end with `)`")?;
    let mut args = BTreeMap::new();
    let mut s = rest.trim();
    while !s.is_empty() {
        let eq = s.find('=').ok_or_else(|| format!("expected `key=\"value\"` in `{s}`"))?;
        let key = s[..eq].trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("invalid argument name `{key}`"));
        }
        let after = s[eq + 1..].trim_start();
        let quoted = after.strip_prefix('"').ok_or_else(|| format!("the value of `{key}` must be in double quotes"))?;
        let end = quoted.find('"').ok_or_else(|| format!("the value of `{key}` has no closing quote"))?;
        if args.insert(key.to_string(), quoted[..end].to_string()).is_some() {
            return Err(format!("argument `{key}` is given twice"));
        }
        s = quoted[end + 1..].trim_start();
        if let Some(r) = s.strip_prefix(',') {
            s = r.trim_start();
        } else if !s.is_empty() {
            return Err(format!("expected `,` between arguments, found `{s}`"));
        }
    }
    Ok(Shortcode { name: name.to_string(), args })
}

/// A readable, stable id for a heading without one: lowercase ASCII words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "section".to_string() } else { out }
}

/// The deepest nesting of blocks and spans (quotes, lists and their items, emphasis, links…)
/// a page may have. The report's pages need six; a text nested millions deep (`>>>>…`) would
/// take seconds and gigabytes to render, and a browser would not show it.
pub const MAX_DEPTH: usize = 32;

/// Render `text` to HTML.
pub fn render(text: &str, env: &dyn Env) -> Rendered {
    let mut problems = Vec::new();
    let lines = crate::error::LineIndex::new(text);
    let problem = |problems: &mut Vec<Problem>, offset: usize, message: String, warning: bool| {
        let (line, column) = lines.line_col(offset);
        problems.push(Problem { line, column, message, warning });
    };
    let mut events: Vec<(Event, std::ops::Range<usize>)> = Vec::new();
    let mut depth = 0usize;
    for (ev, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_DEPTH {
            let message = format!("nested more than {MAX_DEPTH} levels deep (quotes, lists, emphasis…): a page never needs that");
            problem(&mut problems, range.start, message, false);
            return Rendered { html: String::new(), headings: Vec::new(), problems, links: Vec::new() };
        }
        events.push((ev, range));
    }
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut links = Vec::new();
    let mut i = 0;
    let raw_html = |tag: String| {
        format!(
            "raw HTML `{tag}` in Markdown is not published: write it in Markdown, or set \
             `allow_html = true` in site.toml if this site wants raw HTML"
        )
    };
    let prefix = env.id_prefix();
    let mut notes = Footnotes { prefix, ..Footnotes::default() };
    // The id of the level 2 or 3 heading being read: its end gets a link to it.
    let mut anchored: Option<String> = None;
    while i < events.len() {
        let (ev, range) = &events[i];
        match ev {
            // pulldown-cmark leaves a reference without a text as the text `[`, `^label`, `]`.
            Event::Text(t)
                if &**t == "["
                    && let (Some((Event::Text(label), _)), Some((Event::Text(close), _))) = (events.get(i + 1), events.get(i + 2))
                    && label.starts_with('^')
                    && label.len() > 1
                    && &**close == "]" =>
            {
                problem(&mut problems, range.start, format!("footnote `[{label}]` has no text: add a line `[{label}]: …`"), false);
                out.push(ev.clone());
            }
            // The label becomes an id and the number shown: words and digits only, so it needs no escaping.
            Event::FootnoteReference(label) if !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => {
                problem(&mut problems, range.start, format!("footnote label `{label}`: use digits (the report's number) or letters, `-` and `_` only"), false);
            }
            Event::FootnoteReference(label) => {
                let html = notes.reference(label);
                out.push(Event::Html(CowStr::from(html)));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                if notes.open.is_some() {
                    problem(&mut problems, range.start, "a footnote cannot contain another footnote's text".into(), false);
                }
                notes.open = Some((label.to_string(), out.len(), range.start));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, start, offset)) = notes.open.take() {
                    let body: Vec<Event> = out.drain(start..).collect();
                    if notes.bodies.insert(label.clone(), (offset, body)).is_some() {
                        problem(&mut problems, offset, format!("footnote `[^{label}]` has two texts"), false);
                    }
                }
            }
            Event::Start(Tag::HtmlBlock) if !env.allow_html() => {
                // The block's HTML, up to its end: an indented block starts with its
                // indentation as text (` <div>` is `Text(" ")`, then `Html("<div>")`).
                let mut j = i + 1;
                let mut html = String::new();
                while let Some((ev, _)) = events.get(j) {
                    match ev {
                        Event::End(TagEnd::HtmlBlock) => break,
                        Event::Html(t) | Event::Text(t) => html.push_str(t),
                        _ => {}
                    }
                    j += 1;
                }
                if !only_comments(&html) {
                    problem(&mut problems, range.start, raw_html(first_tag(&html)), false);
                }
                // Skip the block, its end included.
                i = j + 1;
                continue;
            }
            Event::InlineHtml(html) if !env.allow_html() => {
                if !only_comments(html) {
                    problem(&mut problems, range.start, raw_html(first_tag(html)), false);
                }
            }
            Event::Start(Tag::Image { dest_url, .. } | Tag::Link { dest_url, .. })
                if !env.allow_html()
                    && scheme(dest_url).is_some_and(|s| !SAFE_SCHEMES.contains(&s.as_str())) =>
            {
                let s = scheme(dest_url).unwrap_or_default();
                problem(
                    &mut problems,
                    range.start,
                    format!("a link to a `{s}:` address is not published: links may use {}", SAFE_SCHEMES.join(", ")),
                    false,
                );
                out.push(ev.clone());
            }
            Event::Start(Tag::Paragraph) => {
                // A paragraph of plain text only, which may be a shortcode.
                let mut j = i + 1;
                let mut joined = String::new();
                while let Some((Event::Text(t), _)) = events.get(j) {
                    joined.push_str(t);
                    j += 1;
                }
                let closes = matches!(events.get(j), Some((Event::End(TagEnd::Paragraph), _)));
                if closes
                    && j > i + 1
                    && let Some(parsed) = parse_shortcode(&joined)
                {
                    let start = events[i + 1].1.start;
                    match parsed.and_then(|call| env.shortcode(&call)) {
                        Ok(html) => out.push(Event::Html(CowStr::from(format!("{html}\n")))),
                        Err(message) => problem(&mut problems, start, message, false),
                    }
                    i = j + 1;
                    continue;
                }
                out.push(ev.clone());
            }
            Event::Start(Tag::Heading { level, id, classes, attrs: attrs_of_heading }) => {
                let mut j = i + 1;
                let mut plain = String::new();
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                        plain.push_str(t);
                    }
                    j += 1;
                }
                let level_n = heading_number(*level);
                let explicit = id.is_some();
                let id = match id {
                    Some(id) => id.to_string(),
                    None => {
                        if level_n >= 2 {
                            problem(
                                &mut problems,
                                range.start,
                                format!("heading `{}` has no id: add ` {{#an-id}}`, the same in every language, so links and the language switcher keep the reader's place", plain.trim()),
                                true,
                            );
                        }
                        slugify(&plain)
                    }
                };
                if level_n == 1 {
                    problem(&mut problems, range.start, "the page title is the heading 1: start body headings at `##`".into(), true);
                }
                let n = ids.entry(id.clone()).or_insert(0);
                *n += 1;
                if *n > 1 {
                    problem(&mut problems, range.start, format!("heading id `{id}` is used twice on this page"), false);
                }
                // `{key=value}` after a heading is an HTML attribute as written (`onclick=…`):
                // raw HTML, published only where raw HTML is.
                let attrs = if env.allow_html() { attrs_of_heading.clone() } else { Vec::new() };
                if let Some((key, value)) = attrs_of_heading.first().filter(|_| !env.allow_html()) {
                    let written = value.as_ref().map_or_else(|| key.to_string(), |v| format!("{key}={v}"));
                    problem(
                        &mut problems,
                        range.start,
                        format!(
                            "heading attribute `{written}` is raw HTML and not published: a heading \
                             takes an id (`{{#an-id}}`) and classes (`{{.name}}`), or set \
                             `allow_html = true` in site.toml if this site wants raw HTML"
                        ),
                        false,
                    );
                }
                let line = lines.line_col(range.start).0;
                headings.push(Heading { level: level_n, id: id.clone(), explicit, text: plain.trim().to_string(), line });
                let id = format!("{prefix}{id}");
                if (2..=3).contains(&level_n) {
                    out.push(Event::Html(CowStr::from(HEADING_WRAP_START)));
                    anchored = Some(id.clone());
                }
                let level = shifted(*level, env.heading_shift());
                out.push(Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes: classes.clone(), attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(shifted(*level, env.heading_shift()))));
                if let Some(id) = anchored.take() {
                    out.push(Event::Html(CowStr::from(heading_anchor(&id))));
                }
            }
            Event::Start(tag @ (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })) => {
                let dest = if dest_url.starts_with("@/") {
                    match env.resolve_link(dest_url) {
                        Ok(url) => CowStr::from(url),
                        Err(message) => {
                            problem(&mut problems, range.start, message, false);
                            dest_url.clone()
                        }
                    }
                } else if !prefix.is_empty() && let Some(fragment) = dest_url.strip_prefix('#') {
                    CowStr::from(format!("#{prefix}{fragment}"))
                } else {
                    dest_url.clone()
                };
                if scheme(&dest).is_none() && !dest.starts_with("//") {
                    let (line, column) = lines.line_col(range.start);
                    links.push(LinkUse { url: dest.to_string(), written: dest_url.to_string(), line, column });
                }
                out.push(Event::Start(match tag.clone() {
                    Tag::Link { link_type, title, id, .. } => Tag::Link { link_type, dest_url: dest, title, id },
                    Tag::Image { link_type, title, id, .. } => Tag::Image { link_type, dest_url: dest, title, id },
                    _ => unreachable!("matched above"),
                }));
            }
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::from("<div class=\"table-wrap\">")));
                out.push(ev.clone());
            }
            Event::End(TagEnd::Table) => {
                out.push(ev.clone());
                out.push(Event::Html(CowStr::from("</div>")));
            }
            _ => out.push(ev.clone()),
        }
        i += 1;
    }
    for (message, offset, warning) in notes.problems() {
        problem(&mut problems, offset, message, warning);
    }
    for (message, offset) in notes.append_to(&mut out, env) {
        problem(&mut problems, offset, message, false);
    }
    let mut html_out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    Rendered { html: html_out, headings, problems, links }
}

/// What opens a level 2 or 3 heading with its link: the heading, then [`heading_anchor`].
pub const HEADING_WRAP_START: &str = "<div class=\"heading-wrap\">";

/// The link to a heading, after it (then the end of [`HEADING_WRAP_START`]'s `div`): a `#` shown
/// on hover and focus, that static/nav.js also copies to the clipboard. It is named by the
/// theme's hidden label (`heading-link-label`: "Link to the section") and the heading itself, so
/// the heading's own name stays its text. The theme's templates write the same markup for the
/// headings they make (the `heading` component).
pub fn heading_anchor(id: &str) -> String {
    let id = escape_attr(id);
    format!(
        "<a class=\"heading-anchor\" href=\"#{id}\" aria-labelledby=\"heading-link-label {id}\">#</a></div>\n"
    )
}

/// `text` for a double-quoted HTML attribute.
fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Footnotes as the report numbers them: a reference shows its own label (`[^4]` shows 4, as in
/// the report, not its rank on the page), and the texts are gathered at the end of the page, in
/// the order of their first reference, each linking back to it.
#[derive(Default)]
struct Footnotes<'a> {
    /// [`Env::id_prefix`], before every id and `#` link of the notes.
    prefix: &'a str,
    /// Labels in the order of their first reference.
    order: Vec<String>,
    /// The number of references to each label.
    refs: BTreeMap<String, usize>,
    /// Each note's text: the offset of its definition, and its events.
    bodies: BTreeMap<String, (usize, Vec<Event<'a>>)>,
    /// The definition being read: its label, where its events start in the output, its offset.
    open: Option<(String, usize, usize)>,
}

impl<'a> Footnotes<'a> {
    fn reference(&mut self, label: &str) -> String {
        let count = self.refs.entry(label.to_string()).or_insert(0);
        *count += 1;
        let n = *count;
        if n == 1 {
            self.order.push(label.to_string());
        }
        let p = self.prefix;
        let id = if n == 1 { format!("{p}fnref-{label}") } else { format!("{p}fnref-{label}-{n}") };
        format!("<sup class=\"footnote-ref\" id=\"{id}\"><a href=\"#{p}fn-{label}\" role=\"doc-noteref\">{label}</a></sup>")
    }

    /// A text never referenced is a warning (it would not be shown).
    fn problems(&self) -> Vec<(String, usize, bool)> {
        self.bodies
            .iter()
            .filter(|(l, _)| !self.refs.contains_key(*l))
            .map(|(label, (offset, _))| (format!("footnote `[^{label}]` has a text but no reference in the page"), *offset, true))
            .collect()
    }

    /// Write the notes; what goes wrong (a back link's words the site cannot give) at the
    /// offset of the note's definition.
    fn append_to(mut self, out: &mut Vec<Event<'a>>, env: &dyn Env) -> Vec<(String, usize)> {
        let notes: Vec<(String, usize, Vec<Event<'a>>)> = self
            .order
            .iter()
            .filter_map(|l| self.bodies.remove(l).map(|(offset, body)| (l.clone(), offset, body)))
            .collect();
        let p = self.prefix;
        let mut errors = Vec::new();
        if notes.is_empty() {
            return errors;
        }
        out.push(Event::Html(CowStr::from("<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n")));
        for (l, offset, mut body) in notes {
            let value = l.parse::<u32>().map(|n| format!(" value=\"{n}\"")).unwrap_or_default();
            let words = env.backlink(&l).unwrap_or_else(|e| {
                errors.push((e, offset));
                String::new()
            });
            let back = Event::Html(CowStr::from(format!(
                " <a class=\"footnote-backref\" href=\"#{p}fnref-{l}\" role=\"doc-backlink\">\
                 {BACKLINK_ARROW}<span class=\"visually-hidden\">{}</span></a>",
                escape_text(&words)
            )));
            // The link back goes at the end of the note's last paragraph.
            match body.iter().rposition(|e| matches!(e, Event::End(TagEnd::Paragraph))) {
                Some(p) if p + 1 == body.len() => body.insert(p, back),
                _ => body.push(back),
            }
            out.push(Event::Html(CowStr::from(format!("<li id=\"{p}fn-{l}\"{value}>"))));
            out.extend(body);
            out.push(Event::Html(CowStr::from("</li>\n")));
        }
        out.push(Event::Html(CowStr::from("</ol>\n</section>\n")));
        errors
    }
}

/// `level`, `by` levels down, at most 6.
fn shifted(level: HeadingLevel, by: u8) -> HeadingLevel {
    match heading_number(level).saturating_add(by) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TestEnv;
    impl Env for TestEnv {
        fn shortcode(&self, call: &Shortcode) -> Result<String, String> {
            match call.name.as_str() {
                "box" => Ok(format!("<div class=\"box\">{}</div>", call.args.get("text").cloned().unwrap_or_default())),
                other => Err(format!("unknown shortcode `{other}`")),
            }
        }
        fn resolve_link(&self, link: &str) -> Result<String, String> {
            match link {
                "@/a.md" => Ok("/en/a/".into()),
                "@/a.md#x" => Ok("/en/a/#x".into()),
                _ => Err(format!("no page for `{link}`")),
            }
        }
    }

    #[test]
    fn parses_shortcode_arguments() {
        let s = parse_shortcode(r#"{{ country_table(table="consultation", x="1") }}"#).unwrap().unwrap();
        assert_eq!(s.name, "country_table");
        assert_eq!(s.args["table"], "consultation");
        assert_eq!(s.args["x"], "1");
        assert!(parse_shortcode("plain text").is_none());
        assert!(parse_shortcode("{{ t(table=consultation) }}").unwrap().is_err());
    }

    #[test]
    fn renders_shortcode_and_reports_unknown_ones_with_location() {
        let r = render("Intro.\n\n{{ box(text=\"hi\") }}\n\n{{ nope() }}\n", &TestEnv);
        assert!(r.html.contains("<div class=\"box\">hi</div>"), "{}", r.html);
        assert_eq!(r.problems.len(), 1);
        assert_eq!((r.problems[0].line, r.problems[0].column), (5, 1));
        assert!(r.problems[0].message.contains("unknown shortcode `nope`"));
    }

    #[test]
    fn shortcode_in_code_block_is_left_alone() {
        let r = render("```\n{{ nope() }}\n```\n", &TestEnv);
        assert!(r.problems.is_empty());
        assert!(r.html.contains("{{ nope() }}"));
    }

    #[test]
    fn headings_keep_explicit_ids_and_warn_without() {
        let r = render("## Əsas {#main}\n\n## Other\n", &TestEnv);
        assert!(r.html.contains("<h2 id=\"main\">Əsas</h2>"), "{}", r.html);
        assert_eq!(r.headings[0], Heading { level: 2, id: "main".into(), explicit: true, text: "Əsas".into(), line: 1 });
        assert_eq!(r.headings[1].id, "other");
        assert!(!r.headings[1].explicit);
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].warning);
        assert_eq!(r.problems[0].line, 3);
    }

    #[test]
    fn level_2_and_3_headings_get_a_link_to_themselves_after_them() {
        let r = render("## Two {#two}\n\n### Three {#x\"y}\n\n#### Four {#four}\n\nText.\n", &TestEnv);
        assert!(
            r.html.contains(
                "<div class=\"heading-wrap\">\n<h2 id=\"two\">Two</h2>\n<a class=\"heading-anchor\" href=\"#two\" aria-labelledby=\"heading-link-label two\">#</a></div>\n"
            ),
            "{}",
            r.html
        );
        // The id is escaped where the link repeats it; a level 4 heading gets no link.
        assert!(r.html.contains("href=\"#x&quot;y\" aria-labelledby=\"heading-link-label x&quot;y\">#</a>"), "{}", r.html);
        assert!(r.html.contains("<h4 id=\"four\">Four</h4>\n<p>Text.</p>"), "{}", r.html);
        // The link is no text of the headings (the search leaves `.heading-anchor` out too).
        assert_eq!(r.headings.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(), ["Two", "Three", "Four"]);
    }

    #[test]
    fn an_indented_html_block_is_raw_html_too() {
        // Found by the markdown fuzz target: ` <div` (a block indented by 1 to 3 spaces) was
        // published, as pulldown-cmark gives its indentation as text before the HTML.
        for text in [" <div", "   <script>alert(1)</script>\n", "Intro.\n\n  <iframe src=x>\n  </iframe>\n"] {
            let r = render(text, &TestEnv);
            assert!(!r.html.contains('<') || r.html == "<p>Intro.</p>\n", "{text:?}: {}", r.html);
            assert_eq!(r.problems.len(), 1, "{text:?}: {:?}", r.problems);
            assert!(r.problems[0].message.starts_with("raw HTML `<"), "{:?}", r.problems);
        }
        let r = render("  <!-- a comment -->\n\nText.\n", &TestEnv);
        assert_eq!((r.html.as_str(), r.problems.len()), ("<p>Text.</p>\n", 0));
    }

    #[test]
    fn heading_attributes_are_raw_html() {
        // Found by the markdown fuzz target: `{onclick=…}` after a heading was published as an
        // attribute of the `<h2>` on a site that refuses raw HTML.
        let r = render("## Title {#t .wide onmouseover=alert(1)}\n\n# {de}\n", &TestEnv);
        assert!(r.html.contains("<h2 id=\"t\" class=\"wide\">Title</h2>"), "{}", r.html);
        assert!(!r.html.contains("onmouseover") && !r.html.contains("de=\""), "{}", r.html);
        let errors: Vec<&Problem> = r.problems.iter().filter(|p| !p.warning).collect();
        assert_eq!(errors.len(), 2, "{:?}", r.problems);
        assert!(errors[0].message.contains("heading attribute `onmouseover=alert(1)` is raw HTML"), "{:?}", errors);
        assert_eq!((errors[1].line, errors[1].column), (3, 1));
        struct Html;
        impl Env for Html {
            fn shortcode(&self, _: &Shortcode) -> Result<String, String> {
                Err("none".into())
            }
            fn resolve_link(&self, link: &str) -> Result<String, String> {
                Err(link.into())
            }
            fn allow_html(&self) -> bool {
                true
            }
        }
        let r = render("## Title {#t data-x=1}\n", &Html);
        assert!(r.html.contains("<h2 id=\"t\" data-x=\"1\">"), "{}", r.html);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn internal_links_resolve_or_fail() {
        let r = render("[a](@/a.md#x) [b](@/b.md)\n", &TestEnv);
        assert!(r.html.contains("href=\"/en/a/#x\""));
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].message.contains("no page for `@/b.md`"));
    }

    #[test]
    fn footnotes_and_tables_render() {
        let r = render("Text[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: Note.\n", &TestEnv);
        assert!(r.html.contains("<sup class=\"footnote-ref\" id=\"fnref-1\"><a href=\"#fn-1\" role=\"doc-noteref\">1</a></sup>"), "{}", r.html);
        assert!(r.html.contains("<div class=\"table-wrap\"><table>"), "{}", r.html);
    }

    #[test]
    fn footnotes_keep_the_reports_numbers_and_move_to_the_end() {
        let r = render("A[^4] and B[^2].\n\n[^4]: Four.\n\nMiddle.\n\nC[^4].\n\n[^2]: <https://x.org/>\n", &TestEnv);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        // Numbered as written, not 1 and 2; the texts leave the middle of the page.
        assert!(r.html.contains(">4</a></sup>") && r.html.contains(">2</a></sup>"), "{}", r.html);
        let end = r.html.find("<section class=\"footnotes\"").unwrap();
        assert!(r.html[..end].contains("Middle.") && !r.html[..end].contains("Four."), "{}", r.html);
        // In the order of their first reference, each with its number and a link back.
        let notes = &r.html[end..];
        assert!(notes.find("id=\"fn-4\" value=\"4\"").unwrap() < notes.find("id=\"fn-2\" value=\"2\"").unwrap(), "{notes}");
        let back = format!(
            "<a class=\"footnote-backref\" href=\"#fnref-4\" role=\"doc-backlink\">{BACKLINK_ARROW}\
             <span class=\"visually-hidden\">Back to reference 4</span></a>"
        );
        assert!(notes.contains(&format!("<p>Four. {back}</p>")), "{notes}");
        // A second reference to the same note gets its own id.
        assert!(r.html.contains("id=\"fnref-4-2\""), "{}", r.html);
    }

    #[test]
    fn a_back_link_without_words_is_an_error_at_its_note() {
        struct Mute;
        impl Env for Mute {
            fn shortcode(&self, _: &Shortcode) -> Result<String, String> {
                Err("none".into())
            }
            fn resolve_link(&self, link: &str) -> Result<String, String> {
                Err(link.into())
            }
            fn backlink(&self, _: &str) -> Result<String, String> {
                Err("missing label `footnote-back` in locales/en.ftl".into())
            }
        }
        let r = render("A[^1].\n\n[^1]: One.\n", &Mute);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        let p = &r.problems[0];
        assert!(!p.warning && p.message.contains("footnote-back"), "{p:?}");
        assert_eq!((p.line, p.column), (3, 1));
    }

    #[test]
    fn many_footnotes_render_in_linear_time() {
        // Found while timing large inputs for the markdown fuzz target: each reference looked
        // its label up in a list of every label before it, quadratically.
        let n = 20_000;
        let mut text: String = (0..n).map(|i| format!("[^n{i}]")).collect();
        text.extend((0..n).map(|i| format!("\n\n[^n{i}]: Note {i}.")));
        text.extend((0..n).map(|i| format!("\n\n[^u{i}]: Unused {i}.")));
        let r = render(&text, &TestEnv);
        assert_eq!(r.problems.len(), n, "one warning per unused note");
        assert!(r.html.contains("<li id=\"fn-n19999\">"));
    }

    #[test]
    fn deep_nesting_is_refused_at_its_line_quickly() {
        // Found while timing large inputs for the markdown fuzz target: 8 MiB of `>` (8
        // million quotes, one in the other) took 7 seconds and 2 GB to render.
        let text = format!("Intro.\n\n{}\n", ">".repeat(1 << 20));
        let r = render(&text, &TestEnv);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        let p = &r.problems[0];
        assert!(p.message.starts_with("nested more than 32 levels deep") && !p.warning, "{p:?}");
        assert_eq!((p.line, p.column), (3, 33));
        // As deep as allowed: quotes in list items.
        let text: String = (0..MAX_DEPTH / 2 - 1).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
        let r = render(&format!("{text}\n> b\n"), &TestEnv);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn a_footnote_label_that_is_not_a_word_is_an_error() {
        let r = render("Text[^a b].\n\n[^a b]: Note.\n", &TestEnv);
        assert!(r.problems.iter().any(|p| p.message.contains("footnote label `a b`") && !p.warning), "{:?}", r.problems);
    }

    #[test]
    fn a_footnote_without_text_is_an_error_and_an_unused_text_a_warning() {
        let r = render("Intro.\n\nText[^3].\n\n[^5]: Unused.\n", &TestEnv);
        let missing = r.problems.iter().find(|p| p.message.contains("`[^3]` has no text")).expect("missing text reported");
        assert_eq!((missing.line, missing.warning), (3, false));
        assert!(r.problems.iter().any(|p| p.message.contains("`[^5]` has a text but no reference") && p.warning), "{:?}", r.problems);
    }
}
