//! Diagnostics: every problem names a file, and a line and column where one is known.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is. `Warning`s become errors under `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the site's sources or output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, message) }
    }

    /// Attach a 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// At a line, when it is known (a check made after parsing finds it in the text).
    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: {}", self.message)
    }
}

/// A failed step: every diagnostic found, sorted, so an editor can fix them all in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(pub Vec<Diagnostic>);

impl Errors {
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort();
        diagnostics.dedup();
        Errors(diagnostics)
    }

    pub fn one(d: Diagnostic) -> Self {
        Errors(vec![d])
    }
}

impl From<Diagnostic> for Errors {
    fn from(d: Diagnostic) -> Self {
        Errors::one(d)
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let n = self.0.iter().filter(|d| d.is_error()).count();
        write!(f, "{n} error(s)")
    }
}

impl std::error::Error for Errors {}

pub type Result<T> = std::result::Result<T, Errors>;

/// Collect the errors of many independent results, keeping every one of them.
pub fn collect_all<T>(results: impl IntoIterator<Item = Result<T>>) -> Result<Vec<T>> {
    let mut ok = Vec::new();
    let mut errs = Vec::new();
    for r in results {
        match r {
            Ok(v) => ok.push(v),
            Err(e) => errs.extend(e.0),
        }
    }
    if errs.is_empty() { Ok(ok) } else { Err(Errors::new(errs)) }
}

/// 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Line and column lookups in one text: the line starts are found once, then each lookup is a
/// binary search, and a column is counted from the previous lookup when it is further on the
/// same line. Lookups in rising order (as a parser reports them) cost time in proportion to the
/// text, even when it is all one line.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// The last lookup: its byte offset and its column.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { text, starts, last: std::cell::Cell::new((0, 1)) }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let (last, last_col) = self.last.get();
        let (from, col) = if last >= start && last <= offset { (last, last_col) } else { (start, 1) };
        let column = col + self.text.get(from..offset).map_or(offset - from, |s| s.chars().count());
        self.last.set((offset, column));
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nçəx\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // "çə" is 4 bytes, 2 characters: 'x' is column 3.
        assert_eq!(line_col(text, 7), (2, 3));
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "ab\nçəx\n\nz";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            if text.is_char_boundary(offset.min(text.len())) {
                assert_eq!(index.line_col(offset), line_col(text, offset), "{offset}");
            }
        }
    }

    #[test]
    fn line_index_is_linear_on_one_long_line() {
        let text = "ə".repeat(400_000);
        let index = LineIndex::new(&text);
        // 100,000 lookups on one 800 KB line (a rescan from the line's start each time would
        // take minutes), then one back at the start.
        for offset in (0..text.len()).step_by(8) {
            assert_eq!(index.line_col(offset), (1, offset / 2 + 1));
        }
        assert_eq!(index.line_col(2), (1, 2));
    }

    #[test]
    fn display_names_file_line_and_column() {
        let d = Diagnostic::error("content/a.md", "bad").at(3, 7);
        assert_eq!(d.to_string(), "content/a.md:3:7: error: bad");
    }
}
