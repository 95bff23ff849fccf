//! What `serve` adds to what readers see: the reload script injected into served pages (with
//! the words of its error overlay in each language, from `locales/`), the problems it shows
//! (each diagnostic with the lines of source around it), and the page served while no site has
//! been built.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Diagnostic;

/// The script, with `/*GENERATION*/0`, `/*LABELS*/{}` and `"/*STYLE*/"` to fill in.
const SCRIPT: &str = include_str!("reload.js");
const STYLE: &str = include_str!("overlay.css");

/// The words the overlay and the not-built page use: (name in the script, Fluent message of
/// `locales/<lang>.ftl`, the English used when a locale lacks it).
const WORDS: [(&str, &str, &str); 6] = [
    ("title", "serve-error-title", "The site could not be updated"),
    ("kept", "serve-error-kept", "The last good version of the site is shown underneath."),
    ("fix", "serve-error-fix", "Fix the errors and save the file: the page will update by itself."),
    ("close", "serve-error-close", "Close"),
    ("not_built_title", "serve-not-built-title", "The site has not been built yet"),
    (
        "not_built_text",
        "serve-not-built-text",
        "No build has succeeded yet, and the output folder holds no site. This page will reload \
         by itself once a build succeeds.",
    ),
];

/// The words of [`WORDS`] in each language that `locales/` has a file for (English always).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels(BTreeMap<String, BTreeMap<&'static str, String>>);

impl Labels {
    /// Read the `serve-…` messages of every `locales/*.ftl` under `root`. Fluent's parser
    /// recovers from errors, so a locale the site refuses still gives the words it has; what a
    /// locale lacks (or writes with placeables) is in English.
    pub fn load(root: &Path) -> Labels {
        let mut texts = Vec::new();
        if let Ok(entries) = std::fs::read_dir(root.join("locales")) {
            for entry in entries.flatten() {
                let path = entry.path();
                let lang = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                if path.extension().is_some_and(|e| e == "ftl") && !lang.starts_with('.') {
                    // The site's own limit for a text file.
                    if entry.metadata().is_ok_and(|m| m.len() <= 1 << 20)
                        && let Ok(text) = std::fs::read_to_string(&path)
                    {
                        texts.push((lang, text));
                    }
                }
            }
        }
        Labels::from_sources(texts)
    }

    /// The words from `(language, Fluent text)` pairs.
    pub fn from_sources(texts: Vec<(String, String)>) -> Labels {
        let mut all = BTreeMap::new();
        all.insert("en".to_string(), BTreeMap::new());
        for (lang, text) in &texts {
            let resource = fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(partial, _)| partial);
            let mut found = BTreeMap::new();
            for entry in &resource.body {
                let fluent_syntax::ast::Entry::Message(m) = entry else { continue };
                let Some((name, _, _)) = WORDS.iter().find(|(_, id, _)| *id == m.id.name) else { continue };
                let Some(pattern) = &m.value else { continue };
                let mut value = String::new();
                for element in &pattern.elements {
                    match element {
                        fluent_syntax::ast::PatternElement::TextElement { value: v } => value.push_str(v),
                        fluent_syntax::ast::PatternElement::Placeable { .. } => {
                            value.clear();
                            break;
                        }
                    }
                }
                let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                if !value.is_empty() {
                    found.insert(*name, value);
                }
            }
            all.insert(lang.clone(), found);
        }
        for words in all.values_mut() {
            for (name, _, english) in WORDS {
                words.entry(name).or_insert_with(|| english.to_string());
            }
        }
        Labels(all)
    }

    /// One word in `lang` (English if the language has no locale).
    pub fn word(&self, lang: &str, name: &str) -> &str {
        let words = self.0.get(lang).unwrap_or(&self.0["en"]);
        words.get(name).map_or("", String::as_str)
    }

    /// The language of `accept` (an `Accept-Language` header) that there are words for, in the
    /// reader's order; else English.
    pub fn language(&self, accept: &str) -> &str {
        accept
            .split(',')
            .filter_map(|tag| tag.split(';').next()?.trim().split('-').next())
            .map(str::to_ascii_lowercase)
            .find_map(|tag| self.0.get_key_value(&tag).map(|(k, _)| k.as_str()))
            .unwrap_or("en")
    }
}

/// The script to inject, ready but for the generation the page is served at.
#[derive(Debug, Clone)]
pub struct Script {
    before: String,
    after: String,
}

impl Script {
    pub fn new(labels: &Labels) -> Script {
        let json = |v: serde_json::Value| v.to_string();
        // `</` cannot close the script element from inside a JSON string.
        let safe = |s: String| s.replace("</", "<\\/");
        // Its comments and indentation are for readers of `reload.js`, not of every page.
        let lines: Vec<&str> = SCRIPT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("//")).collect();
        let text = lines
            .join("\n")
            .replace("/*LABELS*/{}", &safe(json(serde_json::json!(labels.0))))
            .replace("\"/*STYLE*/\"", &safe(json(serde_json::json!(STYLE))));
        let (before, after) = text.split_once("/*GENERATION*/0").expect("the script has its generation");
        Script { before: format!("<script>{before}"), after: format!("{after}</script>") }
    }

    /// The `<script>` element for a page served at `generation`.
    pub fn element(&self, generation: u64) -> String {
        format!("{}{generation}{}", self.before, self.after)
    }
}

/// `html` with `script` before its last `</body>` (at its end if it has none).
pub fn inject(html: &[u8], script: &str) -> Vec<u8> {
    let at = html.windows(7).rposition(|w| w == b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Lines of source shown before and after a problem's line.
const CONTEXT: usize = 2;

/// The longest line of source shown, in characters (a minified file is one long line).
const LINE_CHARS: usize = 240;

/// One problem as open pages show it: a diagnostic, and the lines of its file around its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub diagnostic: Diagnostic,
    /// (line number, text), the diagnostic's line among them.
    pub source: Vec<(usize, String)>,
}

impl Problem {
    /// A diagnostic and its lines of source, read from its file (named as the worker names it:
    /// from this process's folder, as both run in the same one).
    pub fn new(diagnostic: Diagnostic) -> Problem {
        let source = diagnostic.line.map(|line| excerpt(&diagnostic.path, line)).unwrap_or_default();
        Problem { diagnostic, source }
    }

    /// A problem of `serve` itself (a build that ran too long, or crashed): in no file.
    pub fn plain(message: impl Into<String>) -> Problem {
        Problem { diagnostic: Diagnostic::error("", message), source: Vec::new() }
    }

    pub fn to_json(&self) -> serde_json::Value {
        let mut value = self.diagnostic.to_json();
        value["source"] = self.source.iter().map(|(line, text)| serde_json::json!({"line": line, "text": text})).collect();
        value
    }
}

/// Lines `line - CONTEXT ..= line + CONTEXT` of the file at `path` (none if it cannot be read,
/// or is larger than any source the site accepts).
fn excerpt(path: &Path, line: usize) -> Vec<(usize, String)> {
    let Ok(meta) = std::fs::metadata(path) else { return Vec::new() };
    if !meta.is_file() || meta.len() > 64 << 20 {
        return Vec::new();
    }
    let Ok(bytes) = std::fs::read(path) else { return Vec::new() };
    let text = String::from_utf8_lossy(&bytes);
    let first = line.saturating_sub(CONTEXT).max(1);
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .skip(first - 1)
        .take(line + CONTEXT + 1 - first)
        .map(|(n, l)| {
            let shown: String = l.chars().take(LINE_CHARS).collect();
            let cut = if shown.len() < l.len() { "…" } else { "" };
            (n, format!("{}{cut}", shown.trim_end_matches('\r')))
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The page served for any address while the output folder holds no site: it says so in
/// `lang`, lists the `problems` of the last build (as of `problems_at`), and, with a `script`,
/// reloads itself when they change or a build succeeds.
pub fn not_built(labels: &Labels, lang: &str, problems: &[Problem], problems_at: u64, script: Option<&str>) -> String {
    let word = |name| escape(labels.word(lang, name));
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" data-rtcm-serve-errors=\"{problems_at}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
         <style>body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}\n\
         pre {{ background: #f4f4f4; padding: 0.5rem; overflow-x: auto; }} .mark {{ color: #8c1d18; font-weight: bold; }}</style>\n\
         </head>\n<body>\n<h1>{title}</h1>\n<p>{text}</p>\n",
        lang = escape(lang),
        title = word("not_built_title"),
        text = word("not_built_text"),
    );
    if !problems.is_empty() {
        html.push_str("<ol>\n");
        for p in problems {
            let d = &p.diagnostic;
            let text = if d.path.as_os_str().is_empty() { d.message.clone() } else { d.to_string() };
            html.push_str(&format!("<li><p><code>{}</code></p>", escape(&text)));
            if !p.source.is_empty() {
                html.push_str("<pre>");
                for (n, text) in &p.source {
                    let line = format!("{n:>4} | {text}\n");
                    if Some(*n) == p.diagnostic.line {
                        html.push_str(&format!("<span class=\"mark\">{}</span>", escape(&line)));
                    } else {
                        html.push_str(&escape(&line));
                    }
                }
                html.push_str("</pre>");
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n");
    }
    html.push_str(script.unwrap_or(""));
    html.push_str("\n</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_from_the_locales_with_english_for_what_is_missing() {
        let labels = Labels::from_sources(vec![
            ("ru".into(), "serve-error-close = Закрыть\nserve-error-title = { $n } ошибок\nbroken = {\n".into()),
            ("az".into(), "serve-error-title =\n    Saytı yeniləmək\n    mümkün olmadı\n".into()),
        ]);
        assert_eq!(labels.word("ru", "close"), "Закрыть");
        assert_eq!(labels.word("ru", "title"), "The site could not be updated", "a placeable: not a plain text");
        assert_eq!(labels.word("az", "title"), "Saytı yeniləmək mümkün olmadı");
        assert_eq!(labels.word("fr", "close"), "Close");
        assert_eq!(labels.language("ru-RU,ru;q=0.9,en;q=0.8"), "ru");
        assert_eq!(labels.language("fr, AZ;q=0.5"), "az");
        assert_eq!(labels.language(""), "en");
    }

    #[test]
    fn the_repository_locales_have_every_word() {
        let labels = Labels::load(Path::new(env!("CARGO_MANIFEST_DIR")));
        for lang in ["az", "en", "ru"] {
            for (name, id, english) in WORDS {
                let word = labels.word(lang, name);
                assert!(!word.is_empty(), "{lang}: {id}");
                assert!(lang == "en" || word != english, "{lang}: {id} is not translated");
            }
        }
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body_and_cannot_be_closed_early() {
        let labels = Labels::from_sources(vec![("en".into(), "serve-error-close = </script><b>\n".into())]);
        let script = Script::new(&labels).element(42);
        assert!(script.starts_with("<script>") && script.ends_with("</script>"));
        assert_eq!(script.matches("</script>").count(), 1, "{script}");
        assert!(script.contains("var served = 42;"));
        assert!(script.contains("rtcm-serve-overlay"), "the style is in");
        assert!(!script.contains("// ") && !script.contains("\n  "), "no comments nor indentation: {script}");
        assert_eq!(inject(b"<p>a</p></body></html>", "<s>"), b"<p>a</p><s></body></html>");
        assert_eq!(inject(b"<p>a</p>", "<s>"), b"<p>a</p><s>");
    }

    #[test]
    fn a_problem_shows_the_lines_around_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("az.yaml");
        std::fs::write(&file, "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\n").unwrap();
        let p = Problem::new(Diagnostic::error(&file, "bad").at(2, 4));
        assert_eq!(p.source, [(1, "a: 1".into()), (2, "b: 2".into()), (3, "c: 3".into()), (4, "d: 4".into())]);
        let json = p.to_json();
        assert_eq!(json["line"], 2);
        assert_eq!(json["source"][1]["text"], "b: 2");
        let p = Problem::new(Diagnostic::error(&file, "bad").at(6, 1));
        assert_eq!(p.source.first().unwrap().0, 4);
        assert_eq!(p.source.last().unwrap().0, 6);
        assert!(Problem::new(Diagnostic::error(dir.path().join("gone"), "bad").at(1, 1)).source.is_empty());
    }

    #[test]
    fn the_not_built_page_lists_the_errors_escaped() {
        let labels = Labels::from_sources(vec![]);
        let p = Problem { diagnostic: Diagnostic::error("a.md", "no <b>").at(1, 1), source: vec![(1, "<b>".into())] };
        let html = not_built(&labels, "en", &[p], 3, None);
        assert!(html.contains("The site has not been built yet"));
        assert!(html.contains("data-rtcm-serve-errors=\"3\""));
        assert!(html.contains("<code>a.md:1:1: error: no &lt;b&gt;</code>"), "{html}");
        assert!(html.contains("<span class=\"mark\">   1 | &lt;b&gt;\n</span>"), "{html}");
    }
}
