//! Interface strings and data labels: one Fluent file per language, `locales/<lang>.ftl`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::error::{line_col, Diagnostic, Errors, LineIndex, Result};
use crate::source::Paths;

/// A language's messages, with where they came from.
struct Locale {
    path: PathBuf,
    bundle: FluentBundle<FluentResource>,
    /// Message id → 1-based line of its definition.
    keys: BTreeMap<String, usize>,
}

/// The Fluent bundles of every language. Shared read-only between rayon threads.
pub struct I18n {
    locales: BTreeMap<String, Locale>,
}

/// A value passed to a message: `{ $count }` or `{ $name }`.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Number(f64),
    Str(String),
}

impl I18n {
    /// Parse one language's `.ftl` text; `path` names the file in errors.
    fn parse_locale(lang: &str, text: String, path: &Path) -> Result<Locale> {
        let langid: LanguageIdentifier = lang
            .parse()
            .map_err(|_| Errors::one(Diagnostic::error(path, format!("`{lang}` is not a language identifier"))))?;
        let source = text.clone();
        let resource = FluentResource::try_new(text).map_err(|(_, errors)| {
            let lines = LineIndex::new(&source);
            Errors::new(errors.into_iter().map(|e| syntax_error(&source, &lines, path, &e)).collect())
        })?;
        let mut keys = BTreeMap::new();
        let mut errs = Vec::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                let (line, _) = line_col(&source, offset_of(&source, m.id.name));
                if m.value.is_none() {
                    errs.push(Diagnostic::error(path, format!("message `{}` has no value", m.id.name)).at(line, 1));
                }
                if keys.insert(m.id.name.to_string(), line).is_some() {
                    errs.push(Diagnostic::error(path, format!("message `{}` is defined twice", m.id.name)).at(line, 1));
                }
            }
        }
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Unicode isolation marks (U+2068/U+2069) would end up inside HTML attributes and text.
        bundle.set_use_isolating(false);
        if let Err(es) = bundle.add_resource(resource) {
            for e in es {
                errs.push(Diagnostic::error(path, format!("Fluent: {e}")));
            }
        }
        if errs.is_empty() { Ok(Locale { path: path.to_path_buf(), bundle, keys }) } else { Err(Errors::new(errs)) }
    }

    /// Build from in-memory `(language, file path, text)` triples.
    pub fn from_sources(sources: Vec<(String, PathBuf, String)>) -> Result<I18n> {
        let mut locales = BTreeMap::new();
        let mut errs = Vec::new();
        for (lang, path, text) in sources {
            match I18n::parse_locale(&lang, text, &path) {
                Ok(l) => {
                    locales.insert(lang, l);
                }
                Err(e) => errs.extend(e.0),
            }
        }
        if errs.is_empty() { Ok(I18n { locales }) } else { Err(Errors::new(errs)) }
    }

    /// Load `locales/<lang>.ftl` for every language.
    pub fn load(paths: &Paths, languages: &[String]) -> Result<I18n> {
        let mut sources = Vec::new();
        let mut errs = Vec::new();
        for lang in languages {
            let real = paths.root.join("locales").join(format!("{lang}.ftl"));
            let shown = paths.shown_path(&real);
            if !paths.exists(&real) {
                errs.push(Diagnostic::error(&shown, format!("missing Fluent file for language `{lang}`")));
                continue;
            }
            match paths.read(&real) {
                Ok(text) => sources.push((lang.clone(), shown, text)),
                Err(e) => errs.extend(e.0),
            }
        }
        let loaded = I18n::from_sources(sources);
        match loaded {
            Ok(i) if errs.is_empty() => Ok(i),
            Ok(_) => Err(Errors::new(errs)),
            Err(e) => {
                errs.extend(e.0);
                Err(Errors::new(errs))
            }
        }
    }

    /// Format message `key` in `lang`. The error says what is missing.
    pub fn translate(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> std::result::Result<String, String> {
        let locale = self.locales.get(lang).ok_or_else(|| format!("no Fluent file for language `{lang}`"))?;
        let msg = locale
            .bundle
            .get_message(key)
            .ok_or_else(|| format!("missing label `{key}` in {}", locale.path.display()))?;
        let pattern = msg.value().ok_or_else(|| format!("label `{key}` has no value in {}", locale.path.display()))?;
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Number(n) => fargs.set(*name, FluentValue::from(*n)),
                Arg::Str(s) => fargs.set(*name, FluentValue::from(s.clone())),
            }
        }
        let mut errors = Vec::new();
        let out = locale.bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        if let Some(e) = errors.first() {
            return Err(format!("label `{key}` in {}: {e}", locale.path.display()));
        }
        Ok(out.into_owned())
    }

    /// Whether `lang` has a message `key`.
    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.locales.get(lang).is_some_and(|l| l.keys.contains_key(key))
    }

    /// Every message id of any language, sorted.
    pub fn all_keys(&self) -> BTreeSet<String> {
        self.locales.values().flat_map(|l| l.keys.keys().cloned()).collect()
    }

    /// A label present in one language and missing in another is an error: readers of that
    /// language would see nothing.
    pub fn check_complete(&self) -> Vec<Diagnostic> {
        let all = self.all_keys();
        let mut out = Vec::new();
        for locale in self.locales.values() {
            for key in &all {
                if !locale.keys.contains_key(key) {
                    let defined_in: Vec<_> = self
                        .locales
                        .iter()
                        .filter(|(_, l)| l.keys.contains_key(key))
                        .map(|(lang, _)| lang.as_str())
                        .collect();
                    out.push(Diagnostic::error(
                        &locale.path,
                        format!("missing label `{key}` (defined in {})", defined_in.join(", ")),
                    ));
                }
            }
        }
        out
    }
}

/// A Fluent syntax error at the message it is in. The parser reads a placeable (`{ … }`) across
/// lines, so it often notices a mistake on a later line than the one that holds it: then the
/// error is put at the start of the message, and says where the parser stopped.
fn syntax_error(source: &str, lines: &LineIndex, path: &Path, e: &fluent_syntax::parser::ParserError) -> Diagnostic {
    let (line, column) = lines.line_col(e.pos.start);
    let entry = e.slice.as_ref().and_then(|s| {
        let junk = source.get(s.start..)?;
        Some(s.start + (junk.len() - junk.trim_start().len()))
    });
    let message = format!("Fluent syntax: {}", e.kind);
    match entry.map(|start| lines.line_col(start)) {
        Some((l, c)) if l < line => Diagnostic::error(
            path,
            format!("{message} (the parser stopped at line {line}, column {column}: is a `}}` or a value missing in this message?)"),
        )
        .at(l, c),
        _ => Diagnostic::error(path, message).at(line, column),
    }
}

/// Byte offset of a slice of `source` (ids borrow from the resource's own copy of the text,
/// so find it by content: the first definition line `id =`).
fn offset_of(source: &str, id: &str) -> usize {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            return offset;
        }
        offset += line.len();
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i18n(az: &str, ru: &str) -> Result<I18n> {
        I18n::from_sources(vec![
            ("az".into(), "locales/az.ftl".into(), az.into()),
            ("ru".into(), "locales/ru.ftl".into(), ru.into()),
        ])
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        let ru = "pages = { $count ->\n    [one] { $count } страница\n    [few] { $count } страницы\n   *[many] { $count } страниц\n}\n";
        let i = i18n("pages = { $count } səhifə\n", ru).unwrap();
        let t = |n| i.translate("ru", "pages", &[("count", Arg::Number(n))]).unwrap();
        assert_eq!(t(1.0), "1 страница");
        assert_eq!(t(3.0), "3 страницы");
        assert_eq!(t(5.0), "5 страниц");
        assert_eq!(t(21.0), "21 страница");
    }

    #[test]
    fn no_isolation_marks_in_output() {
        let i = i18n("hi = Salam, { $name }!\n", "hi = Привет, { $name }!\n").unwrap();
        assert_eq!(i.translate("az", "hi", &[("name", Arg::Str("Aydın".into()))]).unwrap(), "Salam, Aydın!");
    }

    #[test]
    fn syntax_error_has_line() {
        let err = i18n("ok = fine\nbroken\n", "ok = хорошо\n").err().unwrap();
        let d = &err.0[0];
        assert_eq!(d.path, PathBuf::from("locales/az.ftl"));
        assert_eq!(d.line, Some(2), "{d}");
    }

    #[test]
    fn a_syntax_error_is_at_the_message_that_holds_it() {
        for (broken, col) in [("key = { $x", 1), ("key = {", 1), ("key = { $x ->", 1)] {
            let az = format!("a = A\n{broken}\nb = B\n");
            let err = i18n(&az, "a = А\nb = Б\n").err().unwrap();
            let d = &err.0[0];
            assert_eq!((d.line, d.column), (Some(2), Some(col)), "{broken}: {d}");
        }
        // A mistake the parser sees on its own line stays where it is.
        let err = i18n("a = A\nb = B\nbroken\n", "a = А\n").err().unwrap();
        assert_eq!((err.0[0].line, err.0[0].column), (Some(3), Some(7)), "{}", err.0[0]);
    }

    #[test]
    fn missing_label_in_one_language_is_reported() {
        let i = i18n("a = A\nb = B\n", "a = А\n").unwrap();
        let ds = i.check_complete();
        assert_eq!(ds.len(), 1);
        assert!(ds[0].to_string().contains("locales/ru.ftl: error: missing label `b`"), "{}", ds[0]);
        assert!(i.translate("ru", "b", &[]).is_err());
    }
}
