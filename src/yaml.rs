//! YAML for front matter and data: yaml_serde (the maintained serde_yaml) with bounds, and its
//! errors as diagnostics at the line in the file.
//!
//! libyaml's scanner spends time in proportion to the nesting depth for every token, so a
//! file nested 100,000 levels deep takes minutes to reject. A streaming pass with
//! saphyr-parser stops at [`MAX_DEPTH`] levels first, so any input is accepted or refused in
//! time proportional to its size; it is also the judge of syntax (YAML 1.2, stricter than
//! libyaml in a few places, such as a tab after `key:`), so libyaml never reads a file past a
//! point the depth check could not follow. Alias expansion is bounded by yaml_serde itself (a "billion
//! laughs" document fails with "repetition limit exceeded").

use std::path::Path;

use saphyr_parser::{Event, Marker, Parser};
use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Errors, Result, line_col};

/// The deepest nesting of mappings and sequences accepted. The report's data needs six.
pub const MAX_DEPTH: usize = 32;

/// Parse `text`; `line_offset` is added to the parser's lines (front matter starts on line 2).
/// Syntax and depth are checked by a streaming pass first; yaml_serde then reads the data.
pub fn from_str<T: DeserializeOwned>(text: &str, path: &Path, line_offset: usize) -> Result<T> {
    check_depth(text, path, line_offset)?;
    yaml_serde::from_str(text).map_err(|e| error(path, &e, text, line_offset))
}

/// The 1-based line and column of the byte `offset` of `text`, counted as every message of the
/// site counts them: lines end at `\n` only. The parsers' own lines also end at a lone `\r`
/// and at U+0085, U+2028 and U+2029, so a file using them would be reported at a line it does
/// not have.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    line_col(text, offset)
}

/// Refuse nesting deeper than [`MAX_DEPTH`], at the line where it goes too deep, and any text
/// saphyr-parser does not read as YAML, at its position. The second matters as much as the
/// first: libyaml accepts some text saphyr-parser refuses (a tab after `key:`), and had it been
/// given the rest of such a file unchecked, 100 KB of `[` after it would take it minutes.
fn check_depth(text: &str, path: &Path, line_offset: usize) -> Result<()> {
    // saphyr-parser counts characters: its marker's index is the index of a character.
    let at = |marker: Marker, message: String| {
        let offset = text.char_indices().nth(marker.index()).map_or(text.len(), |(i, _)| i);
        let (line, column) = position(text, offset);
        Errors::one(Diagnostic::error(path, message).at(line + line_offset, column))
    };
    let too_deep = |marker: Marker| {
        at(
            marker,
            format!(
                "nested more than {MAX_DEPTH} levels deep: the data of a page or table never \
                 needs that"
            ),
        )
    };
    let mut depth = 0usize;
    for event in Parser::new_from_str(text) {
        match event {
            Ok((Event::SequenceStart(..) | Event::MappingStart(..), span)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(span.start));
                }
            }
            Ok((Event::SequenceEnd | Event::MappingEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            // saphyr-parser's own bound on nesting, lower than the file's depth can reach.
            Err(e) if e.info().contains("recursion limit") => return Err(too_deep(*e.marker())),
            Err(e) => return Err(at(*e.marker(), format!("YAML syntax: {}", e.info()))),
        }
    }
    Ok(())
}

/// A yaml_serde error in `text` as a diagnostic; `line_offset` is added to its 1-based line.
/// Quoted values in the message are shortened: they echo the file, which says it better.
pub fn error(path: &Path, e: &yaml_serde::Error, text: &str, line_offset: usize) -> Errors {
    let mut message = e.to_string();
    // The library appends " at line L column C"; we print the location ourselves.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    let mut d = Diagnostic::error(path, shorten_quoted(&message, 60));
    // The location's index is a byte offset into `text`.
    if let Some(loc) = e.location() {
        let (line, column) = position(text, loc.index());
        d = d.at(line + line_offset, column);
    }
    Errors::one(d)
}

/// Cut every `"…"` run of `message` to `max` characters.
fn shorten_quoted(message: &str, max: usize) -> String {
    let mut out = String::with_capacity(message.len().min(512));
    for (i, part) in message.split('"').enumerate() {
        if i > 0 {
            out.push('"');
        }
        let quoted = i % 2 == 1;
        if quoted && part.chars().count() > max {
            out.extend(part.chars().take(max));
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Any(yaml_serde::Value);

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        a: u32,
        b: Option<Vec<u32>>,
        s: Option<String>,
    }

    #[test]
    fn deep_nesting_is_refused_at_its_line_quickly() {
        for text in [
            format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            format!("a: {}{}\n", "{b: ".repeat(100_000), "}".repeat(100_000)),
            (0..100_000)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i % 2000)))
                .collect::<String>(),
            format!("{}x\n", "- ".repeat(100_000)),
        ] {
            // 100,000 levels: libyaml alone takes minutes on these.
            let err = from_str::<Any>(&text, Path::new("c.yaml"), 0).unwrap_err();
            assert!(
                err.to_string().contains("nested more than 32 levels"),
                "{err}"
            );
        }
        let err = from_str::<Any>(
            &format!("\n\nx: {}1{}\n", "[".repeat(40), "]".repeat(40)),
            Path::new("c.yaml"),
            1,
        )
        .unwrap_err();
        assert_eq!(err.0[0].line, Some(4), "{err}");
    }

    #[test]
    fn lines_end_at_newlines_only() {
        // Found by the loaders fuzz target: the parsers end a line at a lone `\r` (and at
        // U+0085, U+2028, U+2029), so "\r\r" was reported at line 3 of a one-line file.
        let lines = |text: &str| {
            let err = from_str::<Strict>(text, Path::new("c.yaml"), 0).unwrap_err();
            (err.0[0].line.unwrap(), err.0[0].column.unwrap())
        };
        assert_eq!(lines("\r\r"), (1, 3));
        assert_eq!(lines("\r\u{feff}"), (1, 3));
        // An unclosed quote: reported where it opens, on line 1 (U+2029 ends no line).
        assert_eq!(lines("a: 'x\u{2029}\u{2029}y\n"), (1, 4));
        assert_eq!(lines("a: 1\rb: 2\r"), (1, 9));
        // As before where lines end at `\n`, with or without `\r`; columns count characters.
        // An unclosed `[`: saphyr-parser notices at the end of the text.
        assert_eq!(lines("a: 1\r\nb: [x\r\n"), (3, 1));
        assert_eq!(lines("\n{s: ə, a: x}\n"), (2, 11));
        // The mapping is the first level: the 32nd `[` goes too deep.
        let deep = format!("\rə: {}1{}\n", "[".repeat(40), "]".repeat(40));
        assert_eq!(lines(&deep), (1, 4 + MAX_DEPTH));
    }

    #[test]
    fn text_only_libyaml_reads_is_refused_before_it_can_nest_deep() {
        // A tab after `code:` is refused by saphyr-parser and read by libyaml; the nesting after
        // it must not reach libyaml unchecked (60,000 levels took it 6 seconds, a megabyte
        // minutes).
        let text = format!("code:\taz\nname: {}{}\n", "[".repeat(60_000), "]".repeat(60_000));
        let err = from_str::<Any>(&text, Path::new("c.yaml"), 0).unwrap_err();
        assert_eq!((err.0[0].line, err.0[0].column), (Some(1), Some(7)), "{err}");
        assert!(err.0[0].message.starts_with("YAML syntax: "), "{err}");
    }

    #[test]
    fn nesting_within_the_bound_is_read() {
        let text = format!(
            "a: {}1{}\n",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        from_str::<Any>(&text, Path::new("c.yaml"), 0).unwrap();
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = from_str::<Any>(&text, Path::new("c.yaml"), 0).unwrap_err();
        assert!(
            err.to_string().contains("repetition limit exceeded"),
            "{err}"
        );
    }

    #[test]
    fn long_values_are_not_echoed_whole() {
        let text = format!("- \"{}\"\n", "x".repeat(10_000));
        let err =
            from_str::<std::collections::BTreeMap<String, String>>(&text, Path::new("c.yaml"), 0)
                .unwrap_err();
        assert!(err.to_string().len() < 300, "{err}");
    }
}
