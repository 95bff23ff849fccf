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

    /// The diagnostic for machines (`check --format json`): `file`, `line` and `column` (null
    /// when not known), `severity` (`error` or `warning`) and `message`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.path.to_string_lossy(),
            "line": self.line,
            "column": self.column,
            "severity": match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            "message": self.message,
        })
    }

    /// The diagnostic [`Diagnostic::to_json`] wrote; `None` if `value` is not one.
    pub fn from_json(value: &serde_json::Value) -> Option<Diagnostic> {
        let position = |key: &str| value.get(key).and_then(serde_json::Value::as_u64).map(|n| n as usize);
        Some(Diagnostic {
            path: PathBuf::from(value.get("file")?.as_str()?),
            line: position("line"),
            column: position("column"),
            severity: match value.get("severity")?.as_str()? {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                _ => return None,
            },
            message: value.get("message")?.as_str()?.to_string(),
        })
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
/// binary search (a check that reports many positions in a page never rescans it).
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// The number of characters before each block of [`BLOCK`] bytes: a column is counted from
    /// the nearest block, not from the start of its line, which may be the whole text.
    chars_before_block: Vec<usize>,
}

/// The bytes of a block of [`LineIndex`].
const BLOCK: usize = 256;

/// The characters that start in `bytes` (UTF-8: every byte but continuation bytes).
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut chars = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before_block.push(chars);
            chars += chars_in(block);
        }
        chars_before_block.push(chars);
        LineIndex { text, starts, chars_before_block }
    }

    /// The characters before the byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.chars_before_block[block] + chars_in(&self.text.as_bytes()[block * BLOCK..offset])
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.chars_before(offset) - self.chars_before(start) + 1)
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
    fn line_index_takes_a_long_line_in_linear_time() {
        // Found while timing large inputs for the markdown fuzz target: a column was counted
        // from the start of its line, so a page of one long line with a problem every few
        // characters took seconds per megabyte, quadratically.
        let text = "[a](b) ə ".repeat(1 << 17);
        let index = LineIndex::new(&text);
        let mut last = (0, 0);
        for (offset, _) in text.match_indices('[') {
            last = index.line_col(offset);
        }
        assert_eq!(last, (1, (text.chars().count() - 9) + 1));
        // Out of order too.
        assert_eq!(index.line_col(10), (1, 10));
    }

    #[test]
    fn display_names_file_line_and_column() {
        let d = Diagnostic::error("content/a.md", "bad").at(3, 7);
        assert_eq!(d.to_string(), "content/a.md:3:7: error: bad");
    }

    #[test]
    fn json_reads_back_as_the_same_diagnostic() {
        for d in [Diagnostic::error("content/a.md", "bad").at(3, 7), Diagnostic::warning("site.toml", "old").at_line(Some(2))] {
            assert_eq!(Diagnostic::from_json(&d.to_json()), Some(d));
        }
        assert_eq!(Diagnostic::from_json(&serde_json::json!({"file": "a"})), None);
    }
}
