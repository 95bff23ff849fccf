//! `content/labels.yaml`: where each data label comes from in the report. A data label is a
//! word the site prints in a table cell in place of the report's own cell (a level, a
//! stakeholder group, a ratification, a tier, a mark's meaning); its entry records what the
//! report prints there. [`crate::trace`] checks the labels against it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

/// What the report prints that one label renders, and where.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct LabelSource {
    /// Where in the report: section or table, and the scan's lines.
    #[serde(default)]
    pub source: String,
    /// The report's own words: the source-language label must be found in one of them.
    #[serde(default)]
    pub words: Vec<String>,
    /// The symbol the report prints in the cell, which the label reads out.
    #[serde(default)]
    pub mark: Option<String>,
    /// The cell is empty in the report's table: what settles its meaning.
    #[serde(default)]
    pub settled_by: Option<String>,
    /// A filter group made of other labels: its text holds each of theirs.
    #[serde(default)]
    pub joins: Vec<String>,
    /// A label the report has no word for: the Fluent message that explains it to readers.
    #[serde(default)]
    pub editorial: Option<String>,
}

/// The loaded file: each label's entry with its line, and how messages show the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    pub file: PathBuf,
    pub entries: BTreeMap<String, (LabelSource, Option<usize>)>,
}

impl Labels {
    /// The entries of `text` (already parsed as `parsed`), each with the line of its key.
    pub fn new(file: PathBuf, text: &str, parsed: BTreeMap<String, LabelSource>) -> Labels {
        let entries = parsed
            .into_iter()
            .map(|(key, source)| {
                let line = text.lines().position(|l| l.strip_prefix(key.as_str()).is_some_and(|r| r.starts_with(':'))).map(|i| i + 1);
                (key, (source, line))
            })
            .collect();
        Labels { file, entries }
    }
}
