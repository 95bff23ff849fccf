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
    /// Publish raw HTML written in Markdown (`<div>`, `<script>`, …) as it is. Off by default:
    /// Markdown is content, and raw HTML in it is an error with its line.
    #[serde(default)]
    pub allow_html: bool,
    /// The longest a page may take to render, in seconds: a template that runs away (a loop
    /// that never ends) is stopped with an error naming the page and the template.
    #[serde(default = "default_render_time_limit")]
    pub render_time_limit: u64,
    /// The report as a publication: what the citation, the reference managers' meta tags and
    /// the JSON-LD say of it. Without it, the site has no "How to cite" block or downloads.
    #[serde(default)]
    pub report: Option<Report>,
}

/// `[report]` of `site.toml`: the title page's facts, for citations.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The report's date as its title page gives it: `2021-09` (or a day, `2021-09-30`).
    pub date: toml::Spanned<String>,
    /// The author, in each language's script.
    pub author: Author,
    /// Whom the report was made for (its publisher and institution in citations), per language.
    pub institution: PerLanguage,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub family: PerLanguage,
    pub given: PerLanguage,
}

impl Report {
    /// The date's parts: year, month and the day if it has one.
    pub fn date_parts(&self) -> Vec<u32> {
        self.date.get_ref().split('-').filter_map(|p| p.parse().ok()).collect()
    }

    /// `2021-09` or `2021-09-30`, checked.
    fn check_date(date: &str) -> std::result::Result<(), String> {
        let parts: Vec<&str> = date.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
        let ok = match parts.as_slice() {
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2) && (1..=31).contains(&d.parse::<u32>().unwrap_or(0)),
            _ => false,
        };
        let month_ok = parts.get(1).and_then(|m| m.parse::<u32>().ok()).is_some_and(|m| (1..=12).contains(&m));
        if ok && month_ok { Ok(()) } else { Err(format!("`{date}` is not a date such as `2021-09` or `2021-09-30`")) }
    }
}

fn default_render_time_limit() -> u64 {
    20
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
        let url = std::mem::take(&mut config.base_url);
        if let Err(m) = config.set_base_url(&url) {
            let at = text.lines().position(|l| l.trim_start().starts_with("base_url")).unwrap_or(0);
            return Err(Diagnostic::error(path, format!("base_url: {m}")).at(at + 1, 1).into());
        }
        config.validate(path, text)?;
        Ok(config)
    }

    /// Load `site.toml` from the site's root.
    pub fn load(paths: &crate::source::Paths) -> Result<Config> {
        let real = paths.root.join("site.toml");
        Config::parse(&paths.read(&real)?, &paths.shown_path(&real))
    }

    fn validate(&self, path: &Path, text: &str) -> Result<()> {
        let mut errs = Vec::new();
        if let Some(report) = &self.report {
            if let Err(m) = Report::check_date(report.date.get_ref()) {
                let (l, c) = line_col(text, report.date.span().start);
                errs.push(Diagnostic::error(path, format!("report.date: {m}")).at(l, c));
            }
            let at = text.lines().position(|l| l.trim() == "[report]").map_or(1, |i| i + 1);
            for (field, map) in [("author.family", &report.author.family), ("author.given", &report.author.given), ("institution", &report.institution)] {
                for lang in &self.languages {
                    if !map.contains_key(lang) {
                        errs.push(Diagnostic::error(path, format!("`report.{field}` has no text for language `{lang}`")).at(at, 1));
                    }
                }
            }
        }
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

    /// Set the public address (`site.toml`'s or `--base-url`'s), checked: an `http(s)://`
    /// address with a host, and a path without query or fragment; a `/` is added at the end.
    pub fn set_base_url(&mut self, url: &str) -> std::result::Result<(), String> {
        let expected = "expected an address such as `https://example.org/report/`";
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| format!("`{url}` does not start with `https://` or `http://`: {expected}"))?;
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let host = match authority.rsplit_once(':') {
            Some((h, port)) if !h.ends_with(']') || authority.starts_with('[') => {
                if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
                    return Err(format!("`{url}` has an invalid port: {expected}"));
                }
                h
            }
            _ => authority,
        };
        let host_ok = !host.is_empty()
            && (host.starts_with('[') && host.ends_with(']')
                || host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'));
        if !host_ok {
            return Err(format!("`{url}` has no valid host name: {expected}"));
        }
        let path_ok = path.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '?' | '#' | '"' | '<' | '>' | '\\'));
        if !path_ok {
            return Err(format!("`{url}`: the path may not hold spaces, `?`, `#`, quotes or angle brackets: {expected}"));
        }
        self.base_url = if url.ends_with('/') { url.to_string() } else { format!("{url}/") };
        Ok(())
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
    fn a_base_url_that_is_not_an_address_is_one_error_with_its_line() {
        for bad in ["not a url", "example.org/report", "https:///x", "https://ex ample.org/", "https://example.org/a b", "https://example.org/?q", "ftp://example.org/"] {
            let text = OK.replace("https://example.org/report", bad);
            let err = Config::parse(&text, Path::new("site.toml")).unwrap_err();
            assert_eq!(err.0.len(), 1, "{err}");
            assert_eq!(err.0[0].line, Some(2), "{err}");
            assert!(err.0[0].message.starts_with("base_url: "), "{err}");
        }
        let mut c = Config::parse(OK, Path::new("site.toml")).unwrap();
        for good in ["http://127.0.0.1:1111/", "https://example.org", "http://[::1]:8080/r/"] {
            c.set_base_url(good).unwrap();
        }
        assert_eq!(c.base_path(), "/r/");
    }

    const REPORT: &str = r#"
[report]
date = "2021-09"
author.family = { az = "Mihoubi-Astor", en = "Mihoubi-Astor" }
author.given = { az = "Isabelle", en = "Isabelle" }
institution = { az = "BMqT", en = "IOM" }
"#;

    #[test]
    fn the_report_section_is_read_and_its_date_checked_at_its_line() {
        let c = Config::parse(&format!("{OK}{REPORT}"), Path::new("site.toml")).unwrap();
        assert_eq!(c.report.unwrap().date_parts(), [2021, 9]);
        for bad in ["2021-13", "2021", "Sept 2021", "2021-9", "2021-09-32"] {
            let text = format!("{OK}{}", REPORT.replace("2021-09", bad));
            let err = Config::parse(&text, Path::new("site.toml")).unwrap_err();
            assert_eq!(err.0.len(), 1, "{err}");
            assert_eq!(err.0[0].line, Some(10), "{err}");
            assert!(err.0[0].message.starts_with("report.date: "), "{err}");
        }
        let text = format!("{OK}{}", REPORT.replace(", en = \"IOM\"", ""));
        let err = Config::parse(&text, Path::new("site.toml")).unwrap_err();
        assert!(err.to_string().contains("site.toml:9:1: error: `report.institution` has no text for language `en`"), "{err}");
    }

    #[test]
    fn missing_title_for_a_language_is_an_error() {
        let text = OK.replace("title = { az = \"Hesabat\", en = \"Report\" }", "title = { az = \"Hesabat\" }");
        let err = Config::parse(&text, Path::new("site.toml")).unwrap_err();
        assert!(err.to_string().contains("`title` has no text for language `en`"), "{err}");
    }
}
