//! Charts of the report's tables, written as inline SVG at build time: no chart script, no
//! drawing crate. Each chart is a `<figure>` whose `<svg>` has `role="img"`, a `<title>` and a
//! `<desc>` that says every value in words (`unknown` and `not available` included), and a
//! visible caption that points to the table it comes from. Colours, patterns and type come
//! from classes styled by the theme's `style.css` (its colour variables, so light and dark
//! schemes apply); values are printed next to their marks and every kind of value has its own
//! shape, so a chart reads in black and white.
//!
//! Missing values are never drawn as zero: a zero is the number `0` with no bar; `unknown` is a
//! dashed box with `?`, followed by the word; `not available` is a short dash followed by the
//! words.

use crate::data::{serde_key, Count, Country, Missing, Problems, Reading, Respondents, TrainingNeeds};
use crate::i18n::{Arg, I18n};
use crate::site::Site;

/// Labels in the page's language.
pub struct Labels<'a> {
    pub i18n: &'a I18n,
    pub lang: &'a str,
}

type R<T> = Result<T, String>;

impl Labels<'_> {
    fn t(&self, key: &str) -> R<String> {
        self.i18n.translate(self.lang, key, &[])
    }

    fn ta(&self, key: &str, args: &[(&str, Arg)]) -> R<String> {
        self.i18n.translate(self.lang, key, args)
    }

    fn num(n: impl Into<f64>) -> Arg {
        Arg::Number(n.into())
    }
}

/// Text escaped for HTML and SVG (element content and attribute values).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The patterns of a chart, their ids prefixed with the chart's id so that several charts can
/// share a page. `hatch` fills the CSO segments, `dots` the media segments.
fn defs(id: &str) -> String {
    format!(
        "<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect class=\"pat-bg\" width=\"6\" height=\"6\"/><path class=\"pat-line\" d=\"M0 0v6\"/></pattern>\
<pattern id=\"{id}-dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><rect class=\"pat-bg\" width=\"5\" height=\"5\"/><circle class=\"pat-dot\" cx=\"2.5\" cy=\"2.5\" r=\"1.2\"/></pattern></defs>"
    )
}

/// A chart's `<svg>` (its natural size `w`×`h`; the theme scales it down to the column) in a
/// `<figure>` with the visible caption `caption` (HTML).
fn figure(id: &str, kind: &str, (w, h): (u32, u32), title: &str, desc: &str, body: &str, caption: &str) -> String {
    format!(
        "<figure class=\"chart chart-{kind}\" id=\"{id}\" data-pagefind-ignore><svg class=\"chart-svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{}{body}</svg>\n<figcaption>{caption}</figcaption></figure>\n",
        esc(title),
        esc(desc),
        defs(id),
    )
}

/// The marker of a missing value at (`x`, `y`) (top left, row height `h`), then its word.
/// Returns the markup and the x where it ends.
fn missing_marker(m: Missing, x: u32, y: u32, h: u32, l: &Labels) -> R<(String, u32)> {
    let mid = y + h / 2;
    Ok(match m {
        Missing::Unknown => {
            let word = l.t("value-unknown")?;
            (
                format!(
                    "<rect class=\"m-unknown\" x=\"{x}\" y=\"{y}\" width=\"{h}\" height=\"{h}\" rx=\"2\"/><text class=\"m-q\" x=\"{}\" y=\"{}\">?</text><text class=\"word\" x=\"{}\" y=\"{}\">{}</text>",
                    x + h / 2,
                    mid + 4,
                    x + h + 4,
                    mid + 4,
                    esc(&word)
                ),
                x + h + 4 + text_width(&word),
            )
        }
        Missing::NotAvailable => {
            let word = l.t("value-not-available")?;
            (
                format!(
                    "<path class=\"m-na\" d=\"M{x} {mid}h{h}\"/><text class=\"word\" x=\"{}\" y=\"{}\">{}</text>",
                    x + h + 4,
                    mid + 4,
                    esc(&word)
                ),
                x + h + 4 + text_width(&word),
            )
        }
    })
}

/// A rough width of `s` at the charts' 12px type, for placing what follows it.
fn text_width(s: &str) -> u32 {
    (s.chars().count() as u32 * 13) / 2
}

/// The words of a count.
fn count_words(c: Count, l: &Labels) -> R<String> {
    match c {
        Count::Number(n) => Ok(n.to_string()),
        Count::Missing(Missing::Unknown) => l.t("value-unknown"),
        Count::Missing(Missing::NotAvailable) => l.t("value-not-available"),
    }
}

/// The caption's link to the table the chart draws.
fn see_table(table_id: &str, l: &Labels) -> R<String> {
    Ok(format!(" <a href=\"#data-{table_id}\">{}</a>", esc(&l.t("chart-see-table")?)))
}

/// A legend entry: a small drawing of the mark, and its meaning.
fn key_item(svg: &str, label: &str) -> String {
    format!("<li><svg class=\"chart-svg swatch\" width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">{svg}</svg> {}</li>", esc(label))
}

/// A swatch of a missing value.
fn missing_swatch(m: Missing) -> &'static str {
    match m {
        Missing::Unknown => "<rect class=\"m-unknown\" x=\"1\" y=\"1\" width=\"14\" height=\"14\" rx=\"2\"/><text class=\"m-q\" x=\"8\" y=\"12\">?</text>",
        Missing::NotAvailable => "<path class=\"m-na\" d=\"M1 8h14\"/>",
    }
}

const NAME_W: u32 = 124;
const ROW: u32 = 22;
const BAR_H: u32 = 14;

/// One country's side of Table 1: its segments (government, CSOs, media), then the total or
/// the marker of what is missing.
fn respondents_bar(id: &str, r: &Respondents, x0: u32, y: u32, unit: u32, l: &Labels) -> R<String> {
    let mut out = String::new();
    let mut x = x0;
    let parts = [("seg-gov", r.government), ("seg-cso", r.cso)].into_iter().chain(r.media.map(|m| ("seg-media", m)));
    for (class, c) in parts {
        if let Count::Number(n @ 1..) = c {
            let w = n * unit;
            let fill = match class {
                "seg-cso" => format!(" fill=\"url(#{id}-hatch)\""),
                "seg-media" => format!(" fill=\"url(#{id}-dots)\""),
                _ => String::new(),
            };
            out.push_str(&format!("<rect class=\"{class}\"{fill} x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{BAR_H}\"/>"));
            if w >= 14 {
                let on = if class == "seg-gov" { " on" } else { "" };
                out.push_str(&format!("<text class=\"in{on}\" x=\"{}\" y=\"{}\">{n}</text>", x + w / 2, y + BAR_H - 3));
            }
            x += w;
        }
    }
    match r.total() {
        Count::Number(n) => {
            out.push_str(&format!("<text class=\"total\" x=\"{}\" y=\"{}\">{n}</text>", x + 4, y + BAR_H - 2));
            // A part the report does not give, beside a total of the others.
            let missing: Vec<Missing> = [r.government, r.cso].into_iter().chain(r.media).filter_map(Count::missing).collect();
            if let Some(m) = missing.first() {
                let (svg, _) = missing_marker(*m, x + 12 + text_width(&n.to_string()), y, BAR_H, l)?;
                out.push_str(&svg);
            }
        }
        Count::Missing(m) => out.push_str(&missing_marker(m, x + if x > x0 { 4 } else { 0 }, y, BAR_H, l)?.0),
    }
    Ok(out)
}

/// What a side of Table 1 says of one country, in words.
fn respondents_words(name: &str, r: &Respondents, l: &Labels) -> R<String> {
    let mut parts = vec![format!("{} {}", l.t("col-government")?, count_words(r.government, l)?), format!("{} {}", l.t("col-cso")?, count_words(r.cso, l)?)];
    if let Some(m) = r.media {
        parts.push(format!("{} {}", l.t("media-short")?, count_words(m, l)?));
    }
    Ok(format!("{name}: {} ({})", count_words(r.total(), l)?, parts.join(", ")))
}

/// Table 1: interviews and questionnaires per country, as stacked bars by stakeholder group
/// (government solid, CSOs hatched, media dotted), one panel each, with the column totals.
pub fn consultation(id: &str, table_id: &str, rows: &[(String, &Respondents, &Respondents)], l: &Labels) -> R<String> {
    let max = rows.iter().flat_map(|(_, i, q)| [i.total(), q.total()]).filter_map(|c| if let Count::Number(n) = c { Some(n) } else { None }).max().unwrap_or(0).max(1);
    let unit = (192 / max).max(1);
    let w = NAME_W + max * unit + 100;
    let mut body = String::new();
    let mut desc = Vec::new();
    let mut y = 0;
    let has_media = rows.iter().any(|(_, i, q)| i.media.is_some() || q.media.is_some());
    for (side, key) in [(0, "col-interviews"), (1, "col-questionnaires")] {
        let panel = l.t(key)?;
        body.push_str(&format!("<text class=\"head\" x=\"0\" y=\"{}\">{}</text>", y + 16, esc(&panel)));
        y += 24;
        let mut words = Vec::new();
        for (name, i, q) in rows {
            let r = if side == 0 { i } else { q };
            body.push_str(&format!("<text class=\"name\" x=\"{}\" y=\"{}\">{}</text>", NAME_W - 6, y + BAR_H - 2, esc(name)));
            body.push_str(&respondents_bar(id, r, NAME_W, y, unit, l)?);
            words.push(respondents_words(name, r, l)?);
            y += ROW;
        }
        let totals = Respondents::column_totals(rows.iter().map(|(_, i, q)| if side == 0 { *i } else { *q }));
        let (g, c, t) = (count_words(totals.government, l)?, count_words(totals.cso_column(), l)?, count_words(totals.total(), l)?);
        let line = l.ta("chart-totals", &[("total", Arg::Str(t.clone())), ("government", Arg::Str(g.clone())), ("cso", Arg::Str(c.clone()))])?;
        body.push_str(&format!(
            "<text class=\"totals\" x=\"0\" y=\"{}\" data-government=\"{g}\" data-cso=\"{c}\" data-total=\"{t}\">{}</text>",
            y + 12,
            esc(&line)
        ));
        y += 30;
        desc.push(format!("{panel}. {}. {line}.", words.join("; ")));
    }
    let h = y;
    let title = l.t("chart-consultation-title")?;
    let mut key = vec![key_item("<rect class=\"seg-gov\" x=\"1\" y=\"3\" width=\"14\" height=\"10\"/>", &l.t("col-government")?)];
    key.push(key_item(&format!("<rect class=\"seg-cso\" fill=\"url(#{id}-hatch)\" x=\"1\" y=\"3\" width=\"14\" height=\"10\"/>"), &l.t("col-cso")?));
    if has_media {
        key.push(key_item(&format!("<rect class=\"seg-media\" fill=\"url(#{id}-dots)\" x=\"1\" y=\"3\" width=\"14\" height=\"10\"/>"), &l.t("media-short")?));
    }
    key.extend(missing_keys(rows.iter().flat_map(|(_, i, q)| [*i, *q]).flat_map(|r| [Some(r.government), Some(r.cso), r.media]).flatten().filter_map(Count::missing), l)?);
    let caption = format!("{}.{}<ul class=\"chart-key\">{}</ul>", esc(&title), see_table(table_id, l)?, key.concat());
    Ok(figure(id, "bars", (w, h), &title, &desc.join(" "), &body, &caption))
}

/// Legend entries for the missing values a chart shows, `unknown` before `not available`.
fn missing_keys(missing: impl Iterator<Item = Missing>, l: &Labels) -> R<Vec<String>> {
    let (mut u, mut na) = (false, false);
    for m in missing {
        match m {
            Missing::Unknown => u = true,
            Missing::NotAvailable => na = true,
        }
    }
    let mut out = Vec::new();
    if u {
        out.push(key_item(missing_swatch(Missing::Unknown), &l.t("value-unknown")?));
    }
    if na {
        out.push(key_item(missing_swatch(Missing::NotAvailable), &l.t("value-not-available")?));
    }
    Ok(out)
}

/// A row of Table 3 for the chart: the number of marks, or why there is none.
pub enum MarksRow {
    Marks(u8),
    Missing(Missing),
}

impl MarksRow {
    pub fn of(p: &Problems) -> MarksRow {
        match p {
            Problems::Row { marks, .. } => MarksRow::Marks(*marks),
            Problems::Missing { value, .. } => MarksRow::Missing(*value),
        }
    }
}

const SQ: u32 = 24;

/// One row of Table 3: `marks` filled squares of `of`, the others empty, then "3 of 8".
fn marks_strip(row: &MarksRow, of: u32, x0: u32, y: u32, l: &Labels) -> R<String> {
    Ok(match row {
        MarksRow::Marks(m) => {
            let m = u32::from(*m);
            let mut out = String::new();
            for i in 0..of {
                let class = if i < m { "sq-on" } else { "sq-off" };
                out.push_str(&format!("<rect class=\"{class}\" x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{BAR_H}\"/>", x0 + i * SQ, SQ - 4));
            }
            let words = l.ta("marks-count", &[("marks", Labels::num(m)), ("total", Labels::num(of))])?;
            out.push_str(&format!("<text class=\"total\" x=\"{}\" y=\"{}\" data-marks=\"{m}\">{}</text>", x0 + of * SQ + 2, y + BAR_H - 2, esc(&words)));
            out
        }
        MarksRow::Missing(m) => missing_marker(*m, x0, y, BAR_H, l)?.0,
    })
}

/// Table 3: how many of the eight problems each country's row marks, as a strip of squares
/// (filled: marked), with the number; a row the report does not give shows its marker.
pub fn problems(id: &str, table_id: &str, rows: &[(String, MarksRow)], of: u32, l: &Labels) -> R<String> {
    let mut body = String::new();
    let mut words = Vec::new();
    let mut y = 4;
    for (name, row) in rows {
        body.push_str(&format!("<text class=\"name\" x=\"{}\" y=\"{}\">{}</text>", NAME_W - 6, y + BAR_H - 2, esc(name)));
        body.push_str(&marks_strip(row, of, NAME_W, y, l)?);
        words.push(format!(
            "{name}: {}",
            match row {
                MarksRow::Marks(m) => l.ta("marks-count", &[("marks", Labels::num(*m)), ("total", Labels::num(of))])?,
                MarksRow::Missing(m) => count_words(Count::Missing(*m), l)?,
            }
        ));
        y += ROW;
    }
    let title = l.t("chart-problems-title")?;
    let mut key = vec![
        key_item("<rect class=\"sq-on\" x=\"1\" y=\"3\" width=\"14\" height=\"10\"/>", &l.t("mark-marked")?),
        key_item("<rect class=\"sq-off\" x=\"1\" y=\"3\" width=\"14\" height=\"10\"/>", &l.t("mark-not-marked")?),
    ];
    key.extend(missing_keys(rows.iter().filter_map(|(_, r)| if let MarksRow::Missing(m) = r { Some(*m) } else { None }), l)?);
    let caption = format!("{}.{}<ul class=\"chart-key\">{}</ul>", esc(&title), see_table(table_id, l)?, key.concat());
    Ok(figure(id, "bars", (NAME_W + of * SQ + 80, y + 4), &title, &format!("{}.", words.join("; ")), &body, &caption))
}

/// The mark of a value of a dot matrix, centred on (`cx`, `cy`): filled for yes, half for
/// sometimes, a dot in a ring for some elements, a double ring for the extended profile, a ring
/// for no, a diamond for not in force, `?` in a dashed box for unknown, a dash for not available.
fn dot(status: &str, cx: u32, cy: u32) -> String {
    match status {
        "yes" | "ratified" => format!("<circle class=\"d-on\" cx=\"{cx}\" cy=\"{cy}\" r=\"7\"/>"),
        "extended" => format!("<circle class=\"d-on\" cx=\"{cx}\" cy=\"{cy}\" r=\"5\"/><circle class=\"d-off\" cx=\"{cx}\" cy=\"{cy}\" r=\"8\"/>"),
        "sometimes" | "signed" => format!(
            "<circle class=\"d-off\" cx=\"{cx}\" cy=\"{cy}\" r=\"7\"/><path class=\"d-half\" d=\"M{cx} {}a7 7 0 0 0 0 14z\"/>",
            cy - 7
        ),
        "some-elements" => format!("<circle class=\"d-off\" cx=\"{cx}\" cy=\"{cy}\" r=\"7\"/><circle class=\"d-on\" cx=\"{cx}\" cy=\"{cy}\" r=\"2.5\"/>"),
        "no" | "not-ratified" => format!("<circle class=\"d-off\" cx=\"{cx}\" cy=\"{cy}\" r=\"7\"/>"),
        "not-in-force" => format!("<path class=\"d-off\" d=\"M{cx} {}l7 7-7 7-7-7z\"/>", cy - 7),
        "unknown" => format!(
            "<rect class=\"m-unknown\" x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" rx=\"2\"/><text class=\"m-q\" x=\"{cx}\" y=\"{}\">?</text>",
            cx - 7,
            cy - 7,
            cy + 4
        ),
        _ => format!("<path class=\"m-na\" d=\"M{} {cy}h14\"/>", cx - 7),
    }
}

/// The label key of a dot matrix's value (`prefix` for the values that are not missing).
fn status_label(status: &str, prefix: &str) -> String {
    match status {
        "unknown" | "not-available" => format!("value-{status}"),
        s => format!("{prefix}{s}"),
    }
}

/// The order in which a matrix's legend and descriptions list the values.
const STATUS_ORDER: [&str; 11] = ["yes", "extended", "ratified", "sometimes", "signed", "some-elements", "not-in-force", "no", "not-ratified", "unknown", "not-available"];

fn status_rank(s: &str) -> usize {
    STATUS_ORDER.iter().position(|o| *o == s).unwrap_or(STATUS_ORDER.len())
}

const CELL: u32 = 24;

/// Tables 4, 5, 6: a dot matrix, a row per country and a numbered column per component or
/// framework (the numbered list under it names them); `prefix` is the values' label prefix
/// (`answer-`, `membership-`).
pub fn matrix(id: &str, table_id: &str, columns: &[String], rows: &[(String, Vec<String>)], prefix: &str, l: &Labels) -> R<String> {
    let n = columns.len() as u32;
    let w = NAME_W + n * CELL + 8;
    let mut body = String::new();
    for i in 0..n {
        body.push_str(&format!("<text class=\"col\" x=\"{}\" y=\"14\">{}</text>", NAME_W + i * CELL + CELL / 2, i + 1));
    }
    let mut y = 22;
    let mut words = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    for (name, cells) in rows {
        body.push_str(&format!("<text class=\"name\" x=\"{}\" y=\"{}\">{}</text>", NAME_W - 6, y + 14, esc(name)));
        for (i, s) in cells.iter().enumerate() {
            body.push_str(&dot(s, NAME_W + i as u32 * CELL + CELL / 2, y + 10));
            if !shown.contains(&s.as_str()) {
                shown.push(s);
            }
        }
        words.push(format!("{name}: {}", statuses_in_words(cells, prefix, |i| (i + 1).to_string(), l)?));
        y += ROW + 2;
    }
    shown.sort_by_key(|s| status_rank(s));
    let key: Vec<String> = shown.iter().map(|s| Ok(key_item(&dot(s, 8, 8), &l.t(&status_label(s, prefix))?))).collect::<R<_>>()?;
    let numbered: Vec<String> = columns.iter().enumerate().map(|(i, c)| format!("{} {c}", i + 1)).collect();
    let title = l.t(&format!("chart-{table_id}-title"))?;
    let desc = format!("{} {}. {}.", l.t("chart-columns")?, numbered.join("; "), words.join(". "));
    let caption = format!(
        "{}.{}<ol class=\"chart-columns\">{}</ol><ul class=\"chart-key\">{}</ul>",
        esc(&title),
        see_table(table_id, l)?,
        columns.iter().map(|c| format!("<li>{}</li>", esc(c))).collect::<String>(),
        key.concat()
    );
    Ok(figure(id, "matrix", (w, y + 4), &title, &desc, &body, &caption))
}

/// "yes: 1, 2; no: 3; unknown: 4": the cells of a row grouped by value, each cell named by
/// `name(index)`.
fn statuses_in_words(cells: &[String], prefix: &str, name: impl Fn(usize) -> String, l: &Labels) -> R<String> {
    let mut kinds: Vec<&str> = cells.iter().map(String::as_str).collect();
    kinds.sort_by_key(|s| status_rank(s));
    kinds.dedup();
    let groups: Vec<String> = kinds
        .iter()
        .map(|k| {
            let which: Vec<String> = cells.iter().enumerate().filter(|(_, c)| c == k).map(|(i, _)| name(i)).collect();
            Ok(format!("{}: {}", l.t(&status_label(k, prefix))?, which.join(", ")))
        })
        .collect::<R<_>>()?;
    Ok(groups.join("; "))
}

/// The segments of Table 7's bars, in order: the four priorities, not available, and the
/// cells the scan lost.
const READINGS: [&str; 6] = ["4", "3", "2", "1", "not-available", "unknown"];

/// How many cells of each kind a theme's row has, in the order of `READINGS`.
pub fn reading_counts(t: &TrainingNeeds, theme: &crate::data::Theme) -> [usize; 6] {
    let mut counts = [0; 6];
    for r in &theme.readings {
        let i = match r {
            Reading::Priority(p) => 4 - usize::from(*p),
            Reading::NotAvailable => 4,
        };
        counts[i] += 1;
    }
    counts[5] = t.lost(theme);
    counts
}

fn reading_label(k: &str, l: &Labels) -> R<String> {
    match k {
        "unknown" => l.t("value-unknown"),
        "not-available" => l.t("value-not-available"),
        p => l.t(&format!("priority-{p}")),
    }
}

/// Table 7: per theme, a bar of its row's cells by value: priority 4 to 1 (darkest to
/// lightest), not available (a dashed outline), and unknown (hatched: the cells the scan
/// lost), each segment with its count.
pub fn training(id: &str, table_id: &str, t: &TrainingNeeds, l: &Labels) -> R<String> {
    let cell = 26;
    let x0 = 40;
    let mut body = format!("<text class=\"head\" x=\"{x0}\" y=\"14\">{}</text>", esc(&l.ta("chart-training-axis", &[("count", Labels::num(t.columns.len() as u32))])?));
    let mut y = 24;
    let mut words = Vec::new();
    let mut shown = [false; 6];
    for th in &t.themes {
        let counts = reading_counts(t, th);
        body.push_str(&format!("<text class=\"name\" x=\"{}\" y=\"{}\">{}</text>", x0 - 6, y + BAR_H - 2, th.number));
        let mut x = x0;
        let mut parts = Vec::new();
        for (i, n) in counts.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            shown[i] = true;
            let w = *n as u32 * cell;
            let class = ["r-4", "r-3", "r-2", "r-1", "r-na", "r-unknown"][i];
            let fill = if i == 5 { format!(" fill=\"url(#{id}-hatch)\"") } else { String::new() };
            body.push_str(&format!("<rect class=\"{class}\"{fill} x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{BAR_H}\"/>", w - 2));
            body.push_str(&format!("<text class=\"in {class}\" x=\"{}\" y=\"{}\">{n}</text>", x + w / 2 - 1, y + BAR_H - 3));
            parts.push(format!("{} — {n}", reading_label(READINGS[i], l)?));
            x += w;
        }
        words.push(format!("{}: {}", l.ta("chart-theme", &[("number", Labels::num(th.number))])?, parts.join(", ")));
        y += ROW;
    }
    let key: Vec<String> = READINGS
        .iter()
        .enumerate()
        .filter(|(i, _)| shown[*i])
        .map(|(i, k)| {
            let class = ["r-4", "r-3", "r-2", "r-1", "r-na", "r-unknown"][i];
            let fill = if i == 5 { format!(" fill=\"url(#{id}-hatch)\"") } else { String::new() };
            Ok(key_item(&format!("<rect class=\"{class}\"{fill} x=\"1\" y=\"3\" width=\"14\" height=\"10\"/>"), &reading_label(k, l)?))
        })
        .collect::<R<_>>()?;
    let title = l.t("chart-training-needs-title")?;
    let caption = format!("{}.{}<ul class=\"chart-key\">{}</ul>", esc(&title), see_table(table_id, l)?, key.concat());
    Ok(figure(id, "bars", (x0 + t.columns.len() as u32 * cell + 8, y + 4), &title, &format!("{}.", words.join("; ")), &body, &caption))
}

/// The chart of table `id` in `lang`, if it has one.
pub fn for_table(site: &Site, lang: &str, id: &str) -> R<Option<String>> {
    let l = Labels { i18n: &site.i18n, lang };
    let src = &site.config.source_language;
    let name = |c: &Country| c.name.get(lang).or_else(|| c.name.get(src)).unwrap_or(&c.name.az).to_string();
    let countries = &site.data.countries;
    let chart_id = format!("chart-{id}");
    let labels = |prefix: &str, keys: &[&str]| keys.iter().map(|k| l.t(&format!("{prefix}{k}"))).collect::<R<Vec<String>>>();
    Ok(Some(match id {
        "consultation" => {
            let rows: Vec<_> = countries.iter().filter_map(|c| c.consultation.as_ref().map(|k| (name(c), &k.interviews, &k.questionnaires))).collect();
            consultation(&chart_id, id, &rows, &l)?
        }
        "problems" => {
            let rows: Vec<_> = countries.iter().filter_map(|c| c.problems.as_ref().map(|p| (name(c), MarksRow::of(p)))).collect();
            problems(&chart_id, id, &rows, crate::data::Problem::ALL.len() as u32, &l)?
        }
        "data-collection" => {
            let rows: Vec<_> = countries.iter().filter_map(|c| c.data_collection.as_ref().map(|d| (name(c), d.entries().map(|(_, a)| serde_key(&a)).collect()))).collect();
            matrix(&chart_id, id, &labels("data-", &crate::data::DataCollection::KEYS)?, &rows, "answer-", &l)?
        }
        "gcm" => {
            let rows: Vec<_> = countries.iter().filter_map(|c| c.gcm.as_ref().map(|g| (name(c), g.entries().iter().map(|(_, m)| serde_key(m)).collect()))).collect();
            matrix(&chart_id, id, &labels("gcm-", crate::data::Gcm::KEYS)?, &rows, "membership-", &l)?
        }
        "eu-cooperation" => {
            let rows: Vec<_> = countries.iter().filter_map(|c| c.eu_cooperation.as_ref().map(|e| (name(c), e.entries().iter().map(|(_, m)| serde_key(m)).collect()))).collect();
            matrix(&chart_id, id, &labels("framework-", crate::data::EuCooperation::KEYS)?, &rows, "membership-", &l)?
        }
        "training-needs" => match &site.data.training_needs {
            Some(t) => training(&chart_id, id, t, &l)?,
            None => return Ok(None),
        },
        _ => return Ok(None),
    }))
}

/// One line of a profile's summary: the table's caption (a link to its section), a small
/// drawing (`role="img"`, its `<title>` the values in words) and the values' counts in words.
fn glance_item(id: &str, href: &str, caption: &str, (w, h): (u32, u32), title: &str, svg: &str, words: &str) -> String {
    format!(
        "<dt><a href=\"#{href}\">{}</a></dt><dd><svg class=\"chart-svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">{}</title>{}{svg}</svg>{}</dd>",
        esc(caption),
        esc(title),
        // The patterns only where a mark is filled with one (Table 1's bars).
        if svg.contains("url(#") { defs(id) } else { String::new() },
        if words.is_empty() { String::new() } else { format!(" <span class=\"glance-words\">{}</span>", esc(words)) }
    )
}

/// A row of marks for a profile: one per cell, in the table's order; with the cells named in
/// the title (grouped by value) and the counts in the visible words.
fn glance_dots(id: &str, href: &str, caption: &str, cells: &[String], names: &[String], prefix: &str, l: &Labels) -> R<String> {
    let svg: String = cells.iter().enumerate().map(|(i, s)| dot(s, 10 + i as u32 * 22, 11)).collect();
    let title = format!("{caption}: {}", statuses_in_words(cells, prefix, |i| names[i].clone(), l)?);
    let mut kinds: Vec<&str> = cells.iter().map(String::as_str).collect();
    kinds.sort_by_key(|s| status_rank(s));
    kinds.dedup();
    let counts: Vec<String> =
        kinds.iter().map(|k| Ok(format!("{}: {}", l.t(&status_label(k, prefix))?, cells.iter().filter(|c| c == k).count()))).collect::<R<_>>()?;
    Ok(glance_item(id, href, caption, (cells.len() as u32 * 22, 22), &title, &svg, &counts.join(", ")))
}

/// The summary at the top of a country's profile: its row of each charted table at a glance.
/// `captions` gives a table's caption by id (the tables without one are left out).
pub fn glance(site: &Site, lang: &str, c: &Country, captions: &dyn Fn(&str) -> Option<String>) -> R<String> {
    let l = Labels { i18n: &site.i18n, lang };
    let labels = |prefix: &str, keys: &[&str]| keys.iter().map(|k| l.t(&format!("{prefix}{k}"))).collect::<R<Vec<String>>>();
    let mut items = Vec::new();
    if let (Some(k), Some(cap)) = (&c.consultation, captions("consultation")) {
        let id = "glance-consultation";
        let max = [k.interviews.total(), k.questionnaires.total()].into_iter().filter_map(|c| if let Count::Number(n) = c { Some(n) } else { None }).max().unwrap_or(0).max(1);
        let unit = (160 / max).clamp(1, 16);
        let mut svg = String::new();
        let mut words = Vec::new();
        for (i, (key, r)) in [("col-interviews", &k.interviews), ("col-questionnaires", &k.questionnaires)].into_iter().enumerate() {
            svg.push_str(&respondents_bar(id, r, 0, 2 + i as u32 * 20, unit, &l)?);
            words.push(respondents_words(&l.t(key)?, r, &l)?);
        }
        let words = words.join("; ");
        items.push(glance_item(id, "consultation", &cap, (max * unit + 140, 40), &words, &svg, &words));
    }
    if let (Some(p), Some(cap)) = (&c.problems, captions("problems")) {
        let row = MarksRow::of(p);
        let of = crate::data::Problem::ALL.len() as u32;
        let words = match &row {
            MarksRow::Marks(m) => l.ta("marks-count", &[("marks", Labels::num(*m)), ("total", Labels::num(of))])?,
            MarksRow::Missing(m) => count_words(Count::Missing(*m), &l)?,
        };
        // The strip prints its count: no words beside it.
        let svg = marks_strip(&row, of, 0, 2, &l)?;
        items.push(glance_item("glance-problems", "problems", &cap, (of * SQ + 110, 18), &format!("{cap}: {words}"), &svg, ""));
    }
    if let (Some(k), Some(cap)) = (&c.conventions, captions("statelessness")) {
        let cells: Vec<String> = k.entries().iter().map(|(_, r)| serde_key(r)).collect();
        items.push(glance_dots("glance-statelessness", "conventions", &cap, &cells, &labels("convention-", crate::data::Conventions::KEYS)?, "ratification-", &l)?);
    }
    if let (Some(t), Some(cap)) = (c.trafficking_tier, captions("trafficking")) {
        // The three tiers as three boxes, the country's filled and numbered: which end is which
        // is said by the words beside them ("Tier 2"), never by colour alone.
        let tier = u8::from(t);
        let words = l.ta("tier-label", &[("tier", Labels::num(u32::from(tier)))])?;
        let mut svg = String::new();
        for n in 1..=3u8 {
            let x = u32::from(n - 1) * SQ;
            let class = if n == tier { "sq-on" } else { "sq-off" };
            svg.push_str(&format!("<rect class=\"{class}\" x=\"{x}\" y=\"2\" width=\"{}\" height=\"{BAR_H}\"/>", SQ - 4));
        }
        items.push(glance_item("glance-trafficking", "conventions", &cap, (3 * SQ, 18), &format!("{cap}: {words}"), &svg, &words));
    }
    if let (Some(d), Some(cap)) = (&c.data_collection, captions("data-collection")) {
        let cells: Vec<String> = d.entries().map(|(_, a)| serde_key(&a)).collect();
        items.push(glance_dots("glance-data-collection", "data-collection", &cap, &cells, &labels("data-", &crate::data::DataCollection::KEYS)?, "answer-", &l)?);
    }
    if let (Some(g), Some(cap)) = (&c.gcm, captions("gcm")) {
        let cells: Vec<String> = g.entries().iter().map(|(_, m)| serde_key(m)).collect();
        items.push(glance_dots("glance-gcm", "cooperation", &cap, &cells, &labels("gcm-", crate::data::Gcm::KEYS)?, "membership-", &l)?);
    }
    if let (Some(e), Some(cap)) = (&c.eu_cooperation, captions("eu-cooperation")) {
        let cells: Vec<String> = e.entries().iter().map(|(_, m)| serde_key(m)).collect();
        items.push(glance_dots("glance-eu-cooperation", "cooperation", &cap, &cells, &labels("framework-", crate::data::EuCooperation::KEYS)?, "membership-", &l)?);
    }
    if items.is_empty() {
        return Ok(String::new());
    }
    Ok(format!(
        "<figure class=\"chart glance\" id=\"glance\" data-pagefind-ignore><figcaption>{}</figcaption><dl class=\"glance-list\">{}</dl></figure>\n",
        esc(&l.t("glance-caption")?),
        items.concat()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn i18n() -> I18n {
        let src = |lang: &str, text: &str| (lang.to_string(), PathBuf::from(format!("locales/{lang}.ftl")), text.to_string());
        I18n::from_sources(vec![
            src("az", include_str!("../../locales/az.ftl")),
            src("en", include_str!("../../locales/en.ftl")),
            src("ru", include_str!("../../locales/ru.ftl")),
        ])
        .unwrap()
    }

    fn resp(government: Count, cso: Count) -> Respondents {
        Respondents { government, cso, media: None }
    }

    /// The `width` of every `<rect class="{class}"` in `svg`.
    fn widths(svg: &str, class: &str) -> Vec<u32> {
        chart(svg).split(&format!("<rect class=\"{class}\""))
            .skip(1)
            .map(|s| s.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap())
            .collect()
    }

    /// The chart without its caption and legend.
    fn chart(svg: &str) -> &str {
        svg.split("<figcaption>").next().unwrap()
    }

    fn desc(svg: &str) -> &str {
        svg.split("<desc").nth(1).unwrap().split("</desc>").next().unwrap()
    }

    #[test]
    fn a_bar_is_as_long_as_its_value() {
        let i18n = i18n();
        let l = Labels { i18n: &i18n, lang: "en" };
        let (a, b, z) = (resp(Count::Number(2), Count::Number(0)), resp(Count::Number(6), Count::Number(3)), resp(Count::Number(0), Count::Number(0)));
        let rows = vec![("A".to_string(), &a, &z), ("B".to_string(), &b, &z)];
        let svg = consultation("c", "consultation", &rows, &l).unwrap();
        let gov = widths(&svg, "seg-gov");
        assert_eq!(gov.len(), 2, "{svg}");
        assert_eq!(gov[1], gov[0] * 3);
        assert_eq!(widths(&svg, "seg-cso"), [gov[0] * 3 / 2]);
        // A zero has no bar, and prints 0.
        assert!(svg.contains(">0</text>"));
        assert!(svg.contains("data-government=\"8\" data-cso=\"3\" data-total=\"11\""), "{svg}");
    }

    #[test]
    fn a_missing_count_is_its_marker_and_its_word_not_a_zero() {
        let i18n = i18n();
        let l = Labels { i18n: &i18n, lang: "en" };
        let (na, unknown, z) = (resp(Count::NOT_AVAILABLE, Count::NOT_AVAILABLE), resp(Count::UNKNOWN, Count::Number(0)), resp(Count::Number(0), Count::Number(0)));
        let rows = vec![("Nowhere".to_string(), &na, &z), ("Lost".to_string(), &unknown, &z)];
        let svg = consultation("c", "consultation", &rows, &l).unwrap();
        assert!(widths(&svg, "seg-gov").is_empty() && widths(&svg, "seg-cso").is_empty(), "no bar for a missing count: {svg}");
        assert_eq!(chart(&svg).matches("class=\"m-na\"").count(), 1);
        assert_eq!(chart(&svg).matches("class=\"m-unknown\"").count(), 1);
        assert!(svg.split("<figcaption>").nth(1).unwrap().contains("not available</li>"), "the legend names it");
        let d = desc(&svg);
        assert!(d.contains("Nowhere: not available"), "{d}");
        assert!(d.contains("Lost: unknown"), "{d}");
        // Table 3: a row the report does not give is not a row of empty squares.
        let svg = problems("p", "problems", &[("Nowhere".into(), MarksRow::Missing(Missing::NotAvailable)), ("None".into(), MarksRow::Marks(0))], 8, &l).unwrap();
        assert_eq!(widths(&svg, "sq-off").len(), 8, "eight empty squares for the zero row, none for the missing one");
        assert!(desc(&svg).contains("Nowhere: not available; None: 0 of 8"), "{}", desc(&svg));
    }

    #[test]
    fn a_matrix_says_each_value_in_words_and_draws_each_in_its_shape() {
        let i18n = i18n();
        let l = Labels { i18n: &i18n, lang: "en" };
        let cells = ["yes", "no", "unknown", "not-available"].map(String::from).to_vec();
        let svg = matrix("m", "gcm", &["A".into(), "B".into(), "C".into(), "D".into()], &[("Land".into(), cells)], "membership-", &l).unwrap();
        assert!(desc(&svg).contains("Land: yes: 1; no: 2; unknown: 3; not available: 4"), "{}", desc(&svg));
        assert!(svg.contains("<circle class=\"d-on\"") && svg.contains("<circle class=\"d-off\"") && svg.contains("class=\"m-unknown\"") && svg.contains("class=\"m-na\""));
        assert!(svg.contains("role=\"img\" aria-labelledby=\"m-t m-d\""));
    }

    #[test]
    fn labels_come_in_the_page_language() {
        let i18n = i18n();
        let z = resp(Count::NOT_AVAILABLE, Count::Number(1));
        let rows = vec![("Украина".to_string(), &z, &z)];
        let ru = consultation("c", "consultation", &rows, &Labels { i18n: &i18n, lang: "ru" }).unwrap();
        assert!(ru.contains("Число проведённых интервью") && ru.contains("нет данных") && ru.contains("Всего: 1"), "{ru}");
        let az = consultation("c", "consultation", &rows, &Labels { i18n: &i18n, lang: "az" }).unwrap();
        assert!(az.contains("Keçirilən müsahibələrin sayı") && az.contains("mövcud deyil") && az.contains("Cəmi: 1"), "{az}");
    }
}
