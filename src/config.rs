//! The site configuration (`site.toml`): parse from a string, load from a path, validate.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{line_col, Diagnostic, Errors, Result};

/// Per-language text, such as the site's title.
pub type PerLanguage = BTreeMap<String, String>;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The public address of the site, ending with `/`, e.g. `https://example.org/report/`.
    pub base_url: String,
    /// The languages the site is published in, in the order the switcher shows them.
    pub languages: Vec<String>,
    /// The language the report was written in; the fallback for a missing translation.
    pub source_language: String,
    /// The theme folder under `themes/`.
    pub theme: String,
    /// The site's title in each language.
    pub title: PerLanguage,
    /// The site's description in each language.
    pub description: PerLanguage,
}

impl Config {
    /// Parse and validate a `site.toml`; `path` only names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let mut d = Diagnostic::error(path, e.message().to_string());
            if let Some(span) = e.span() {
                let (l, c) = line_col(text, span.start);
                d = d.at(l, c);
            }
            Errors::one(d)
        })?;
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        config.validate(path)?;
        Ok(config)
    }

    pub fn from_file(path: &Path) -> Result<Config> {
        Config::parse(&crate::error::read_to_string(path)?, path)
    }

    fn validate(&self, path: &Path) -> Result<()> {
        let mut errs = Vec::new();
        if self.languages.is_empty() {
            errs.push(Diagnostic::error(path, "`languages` must name at least one language"));
        }
        for lang in &self.languages {
            let valid = !lang.is_empty() && lang.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if !valid {
                errs.push(Diagnostic::error(path, format!("language code `{lang}` must be lowercase ASCII, e.g. `en`")));
            }
            for (field, map) in [("title", &self.title), ("description", &self.description)] {
                if !map.contains_key(lang) {
                    errs.push(Diagnostic::error(path, format!("`{field}` has no text for language `{lang}`")));
                }
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for lang in &self.languages {
            if !seen.insert(lang) {
                errs.push(Diagnostic::error(path, format!("language `{lang}` is listed twice")));
            }
        }
        if !self.languages.contains(&self.source_language) {
            errs.push(Diagnostic::error(
                path,
                format!("`source_language` `{}` is not one of `languages`", self.source_language),
            ));
        }
        for (field, map) in [("title", &self.title), ("description", &self.description)] {
            for lang in map.keys() {
                if !self.languages.contains(lang) {
                    errs.push(Diagnostic::error(path, format!("`{field}` has text for `{lang}`, which is not in `languages`")));
                }
            }
        }
        if errs.is_empty() { Ok(()) } else { Err(Errors::new(errs)) }
    }

    /// The site's path prefix, from the base URL: `/` or `/report/`.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or(self.base_url.as_str(), |(_, r)| r);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
base_url = "https://example.org/report"
languages = ["az", "en"]
source_language = "az"
theme = "default"
title = { az = "Hesabat", en = "Report" }
description = { az = "T", en = "D" }
"#;

    #[test]
    fn parses_and_normalises_base_url() {
        let c = Config::parse(OK, Path::new("site.toml")).unwrap();
        assert_eq!(c.base_url, "https://example.org/report/");
        assert_eq!(c.base_path(), "/report/");
    }

    #[test]
    fn unknown_key_is_an_error_with_line() {
        let text = OK.replace("theme =", "them =");
        let err = Config::parse(&text, Path::new("site.toml")).unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.line, Some(5));
        assert!(d.message.contains("them"), "{}", d.message);
    }

    #[test]
    fn missing_title_for_a_language_is_an_error() {
        let text = OK.replace("title = { az = \"Hesabat\", en = \"Report\" }", "title = { az = \"Hesabat\" }");
        let err = Config::parse(&text, Path::new("site.toml")).unwrap_err();
        assert!(err.to_string().contains("`title` has no text for language `en`"), "{err}");
    }
}
