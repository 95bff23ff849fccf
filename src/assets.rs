//! The theme's static files as the site serves them: style sheets parsed and minified by
//! lightningcss (a syntax error is reported at its line and column, and the site carries no
//! comments or indentation: the reader's phone loads about a third less CSS), scripts minified
//! by minifier (rustdoc's; a third less); everything else copied as it is.

use std::path::Path;

use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};

use crate::error::{Diagnostic, Result};

/// The bytes the site serves for the static file `shown` (as messages name it) read as `bytes`.
pub fn publish(shown: &Path, bytes: Vec<u8>) -> Result<Vec<u8>> {
    if shown.extension().is_some_and(|e| e == "css") {
        let text = std::str::from_utf8(&bytes).map_err(|e| Diagnostic::error(shown, format!("a style sheet must be UTF-8: {e}")))?;
        return Ok(minify_css(shown, text)?.into_bytes());
    }
    if shown.extension().is_some_and(|e| e == "js") {
        let text = std::str::from_utf8(&bytes).map_err(|e| Diagnostic::error(shown, format!("a script must be UTF-8: {e}")))?;
        let js = minifier::js::minify(text).map_err(|e| Diagnostic::error(shown, format!("JavaScript: {e}")))?;
        return Ok(js.to_string().into_bytes());
    }
    Ok(bytes)
}

/// `text` minified, or its first syntax error at its line and column.
pub fn minify_css(shown: &Path, text: &str) -> Result<String> {
    let error = |message: String, loc: Option<lightningcss::error::ErrorLocation>| {
        let d = Diagnostic::error(shown, message);
        match loc {
            Some(l) => d.at(l.line as usize + 1, l.column as usize),
            None => d,
        }
    };
    let options = ParserOptions { filename: shown.display().to_string(), error_recovery: false, ..ParserOptions::default() };
    let mut sheet = StyleSheet::parse(text, options).map_err(|e| error(format!("CSS: {}", e.kind), e.loc))?;
    sheet.minify(MinifyOptions::default()).map_err(|e| error(format!("CSS: {}", e.kind), e.loc))?;
    let css = sheet.to_css(PrinterOptions { minify: true, ..PrinterOptions::default() }).map_err(|e| error(format!("CSS: {}", e.kind), e.loc))?;
    Ok(css.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_is_minified_and_its_errors_have_a_line() {
        let out = minify_css(Path::new("a.css"), "/* note */\nbody {\n  color: #ffffff;\n}\n").unwrap();
        assert_eq!(out, "body{color:#fff}");
        let e = minify_css(Path::new("themes/t/static/a.css"), "body { color: red; }\n\na { color: red; }\n@media (max-width: 10px { a { color: red } }\n").unwrap_err();
        let shown = e.to_string();
        assert!(shown.starts_with("themes/t/static/a.css:4:"), "{shown}");
        let js = publish(Path::new("x.js"), b"/* a note */\nvar answer = 40 + 2;\n".to_vec()).unwrap();
        assert_eq!(String::from_utf8(js).unwrap(), "var answer=40+2;");
        let other = publish(Path::new("x.svg"), b"<!-- kept -->".to_vec()).unwrap();
        assert_eq!(other, b"<!-- kept -->");
    }
}
