//! Data labels trace back to the report. A data label is a word the site prints in a table cell
//! in place of the report's own cell: a curriculum level or stakeholder group, a ratification, a
//! tier, the meaning of a mark. Every one the data can show ([`data_labels`]) must have an entry
//! in `content/labels.yaml` saying what the report prints there, and where:
//!
//! - `words`: the report's own words; the source-language label must be found in one of them
//!   (letters compared without case or punctuation), so it is the report's wording;
//! - `mark`: the symbol the report prints (`X`, `+`, a number), which the label reads out;
//! - `settled_by`: the report's cell is empty, and this settles what that means;
//! - `joins`: a filter group of other labels, whose text holds each of theirs;
//! - `editorial`: no word of the report, and the Fluent message shown to readers to say so.
//!
//! So a label that says more than the report (a status "adopted" the report never gives) cannot
//! be added silently: it needs an entry, and a `words` entry must quote the report. The check
//! also covers the stakeholder groups a curriculum cell's note names for the filter: each one's
//! label must be in the note.

use std::collections::BTreeSet;

use crate::data::{
    serde_key, Answer, Frequency, Level, LevelGroup, Mark, Membership, Missing, Participation, Ratification, Region, Stakeholder,
};
use crate::error::Diagnostic;
use crate::i18n::Arg;
use crate::site::Site;

/// Each variant once; the `match` in [`variants_are_listed`] fails to compile when a variant is
/// added to one of these enums and not here.
const MISSING: [Missing; 2] = [Missing::NotAvailable, Missing::Unknown];
pub(crate) const MARKS: [Mark; 2] = [Mark::Marked, Mark::NotMarked];
pub(crate) const RATIFICATIONS: [Ratification; 3] = [Ratification::Ratified, Ratification::Signed, Ratification::NotRatified];
pub(crate) const ANSWERS: [Answer; 5] = [Answer::Yes, Answer::Sometimes, Answer::SomeElements, Answer::Extended, Answer::No];
const FREQUENCIES: [Frequency; 3] = [Frequency::Annual, Frequency::Quarterly, Frequency::Monthly];
pub(crate) const MEMBERSHIPS: [Membership; 3] = [Membership::Yes, Membership::No, Membership::NotInForce];
pub(crate) const PARTICIPATIONS: [Participation; 2] = [Participation::Participating, Participation::ToBeDetermined];
pub(crate) const REGIONS: [Region; 4] = [Region::SouthCaucasus, Region::EasternEurope, Region::CentralAsia, Region::WesternAsia];
/// The tiers of the US Trafficking in Persons Report (label `tier-label`, with `$tier`).
const TIERS: [i64; 3] = [1, 2, 3];
/// The priorities of Table 7 (labels `priority-1` … `priority-4`).
const PRIORITIES: [u8; 4] = [1, 2, 3, 4];

#[allow(dead_code)]
fn variants_are_listed(values: (Missing, Mark, Ratification, Answer, Frequency, Membership, Participation, Region)) {
    let (m, k, r, a, f, s, p, g) = values;
    match m {
        Missing::NotAvailable | Missing::Unknown => {}
    }
    match k {
        Mark::Marked | Mark::NotMarked | Mark::Missing(_) => {}
    }
    match r {
        // `Unknown` is shown as the shared missing value.
        Ratification::Ratified | Ratification::Signed | Ratification::NotRatified | Ratification::Unknown => {}
    }
    match a {
        Answer::Yes | Answer::Sometimes | Answer::SomeElements | Answer::Extended | Answer::No | Answer::Missing(_) => {}
    }
    match f {
        Frequency::Annual | Frequency::Quarterly | Frequency::Monthly => {}
    }
    match s {
        Membership::Yes | Membership::No | Membership::NotInForce | Membership::Missing(_) => {}
    }
    match p {
        Participation::Participating | Participation::ToBeDetermined => {}
    }
    match g {
        Region::SouthCaucasus | Region::EasternEurope | Region::CentralAsia | Region::WesternAsia => {}
    }
}

/// Every data label the site can print in a table cell, as Fluent ids, sorted.
pub fn data_labels() -> BTreeSet<String> {
    fn keyed<T: serde::Serialize>(prefix: &str, all: &[T]) -> Vec<String> {
        all.iter().map(|v| format!("{prefix}{}", serde_key(v))).collect()
    }
    let mut out = BTreeSet::new();
    out.extend(keyed("value-", &MISSING));
    out.extend(keyed("mark-", &MARKS));
    out.extend(keyed("ratification-", &RATIFICATIONS));
    out.extend(keyed("answer-", &ANSWERS));
    out.extend(keyed("frequency-", &FREQUENCIES));
    out.extend(keyed("membership-", &MEMBERSHIPS));
    out.extend(keyed("participation-", &PARTICIPATIONS));
    out.extend(keyed("region-", &REGIONS));
    out.extend(keyed("stakeholder-", &Stakeholder::ALL));
    out.extend(keyed("level-", &Level::ALL));
    out.extend(keyed("level-group-", &LevelGroup::ALL));
    out.extend(PRIORITIES.iter().map(|p| format!("priority-{p}")));
    out.extend(["tier-label", "media-short", "reports-available", "reports-not-available"].map(String::from));
    out
}

/// The letters and numbers of `s` in lower case (Azerbaijani `İ`/`I` as `i`/`ı`), every other
/// run of characters as one space: "BƏLİ, Bəzən" and "Bəli bəzən" compare equal.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'İ' => out.push('i'),
            'I' => out.push('ı'),
            c if c.is_alphanumeric() || c == '+' => out.extend(c.to_lowercase()),
            _ => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        }
    }
    out.trim().to_string()
}

/// Whether `part`, normalised, is in `whole`, normalised.
fn within(part: &str, whole: &str) -> bool {
    let p = normalise(part);
    !p.is_empty() && normalise(whole).contains(&p)
}

/// Every problem of the site's labels against `content/labels.yaml`, and of the curriculum's
/// stakeholder groups named in notes. A site without data shows no data label and is not checked.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let data = &site.data;
    if data.countries.is_empty() && data.curriculum.is_empty() && data.training_needs.is_none() {
        return Vec::new();
    }
    let src = site.config.source_language.as_str();
    let ftl = site.paths.shown(&format!("locales/{src}.ftl"));
    let mut out = Vec::new();
    let Some(labels) = &data.labels else {
        out.push(Diagnostic::error(
            site.paths.shown("content/labels.yaml"),
            "missing: every data label the site prints in a table cell must be traced to what the report prints there (see the README, \"Data labels\")",
        ));
        return out;
    };
    let file = &labels.file;
    let label = |key: &str, args: &[(&str, Arg)]| site.i18n.translate(src, key, args);
    let known = data_labels();
    for key in &known {
        if !labels.entries.contains_key(key) {
            out.push(Diagnostic::error(
                file,
                format!("label `{key}` has no entry: say what the report prints that it renders (`words`, `mark`, `settled_by`, `joins` or `editorial`) and where (`source`)"),
            ));
        }
    }
    for (key, (entry, line)) in &labels.entries {
        let err = |message: String| Diagnostic::error(file, message).at_line(*line);
        if !known.contains(key) {
            out.push(err(format!("`{key}` is not a label the data can show: remove the entry, or its label was renamed")));
            continue;
        }
        if entry.source.trim().is_empty() {
            out.push(err(format!("`{key}`: `source` is empty: say where in the report (section or table, scan lines)")));
        }
        let kinds = [!entry.words.is_empty(), entry.mark.is_some(), entry.settled_by.is_some(), !entry.joins.is_empty(), entry.editorial.is_some()];
        if kinds.iter().filter(|k| **k).count() != 1 {
            out.push(err(format!("`{key}` needs exactly one of `words`, `mark`, `settled_by`, `joins`, `editorial`")));
            continue;
        }
        // The label's text in the source language, for each value of its variable.
        let texts: Vec<Result<String, String>> = if key == "tier-label" {
            TIERS.iter().map(|t| label(key, &[("tier", Arg::Number(*t as f64))])).collect()
        } else {
            vec![label(key, &[])]
        };
        let texts: Vec<String> = match texts.into_iter().collect() {
            Ok(t) => t,
            Err(m) => {
                out.push(Diagnostic::error(&ftl, m));
                continue;
            }
        };
        if !entry.words.is_empty() {
            for text in &texts {
                if !entry.words.iter().any(|w| within(text, w)) {
                    out.push(err(format!(
                        "`{key}`: the label \"{text}\" ({}) is not in the report's words it is traced to ({}): a label says what the report says, in its words",
                        ftl.display(),
                        entry.words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", ")
                    )));
                }
            }
        }
        for (what, v) in [("mark", &entry.mark), ("settled_by", &entry.settled_by)] {
            if v.as_ref().is_some_and(|v| v.trim().is_empty()) {
                out.push(err(format!("`{key}`: `{what}` is empty")));
            }
        }
        for part in &entry.joins {
            if !labels.entries.contains_key(part) {
                out.push(err(format!("`{key}` joins `{part}`, which has no entry")));
                continue;
            }
            match label(part, &[]) {
                Ok(p) if texts.iter().all(|t| within(&p, t)) => {}
                Ok(p) => out.push(err(format!("`{key}`: the label \"{}\" does not hold \"{p}\", the label of `{part}` it joins", texts.join("\", \"")))),
                Err(m) => out.push(Diagnostic::error(&ftl, m)),
            }
        }
        if let Some(explained) = &entry.editorial {
            for lang in &site.config.languages {
                if !site.i18n.has(lang, explained) {
                    out.push(err(format!("`{key}`: the explanation `{explained}` is not a label of {lang}: an editorial label is explained to readers")));
                }
            }
        }
    }
    out.extend(named_in_notes(site, &label));
    out
}

/// A label's text in the source language, with its arguments, or why there is none.
type LabelText<'a> = dyn Fn(&str, &[(&str, Arg)]) -> Result<String, String> + 'a;

/// A curriculum cell's `stakeholders_in_note`: each group's label must be in the cell's note,
/// so the filter finds an activity only for a group the report's cell names.
fn named_in_notes(site: &Site, label: &LabelText) -> Vec<Diagnostic> {
    let src = site.config.source_language.as_str();
    let mut out = Vec::new();
    for part in &site.data.curriculum {
        let file = site.paths.shown(&part.file);
        let mut lines = part.in_note_lines.iter().copied();
        for (m, a) in part.modules.iter().flat_map(|m| m.activities.iter().map(move |a| (m.number, a))) {
            if a.stakeholders_in_note.is_empty() {
                continue;
            }
            let line = lines.next();
            let Some(note) = &a.stakeholders_note else {
                out.push(Diagnostic::error(&file, format!("module {m}: `stakeholders_in_note` names groups of a note, and this activity has no `stakeholders_note`")).at_line(line));
                continue;
            };
            let note = note.get(src).unwrap_or_default();
            for s in &a.stakeholders_in_note {
                let key = format!("stakeholder-{}", serde_key(s));
                match label(&key, &[]) {
                    Ok(l) if within(&l, note) => {}
                    Ok(l) => out.push(
                        Diagnostic::error(&file, format!("module {m}: `{}` is not named in the note \"{note}\" (its label \"{l}\" is not there)", serde_key(s))).at_line(line),
                    ),
                    Err(e) => out.push(Diagnostic::error(&file, e).at_line(line)),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_ignores_case_punctuation_and_turkic_capitals() {
        assert_eq!(normalise("BƏLİ,\n Bəzən"), "bəli bəzən");
        assert_eq!(normalise("(mövcuddur)"), "mövcuddur");
        assert_eq!(normalise("İllik"), "illik");
        assert_eq!(normalise("Siyasət səviyyəsi +Tədqiqatçılar"), "siyasət səviyyəsi +tədqiqatçılar");
        assert!(within("Bəli, bəzən", "BƏLİ Bəzən"));
        assert!(!within("qəbul edilib", "Təsdiq prosesindədir."));
        assert!(!within("", "anything"), "an empty label traces to nothing");
    }

    #[test]
    fn the_registry_has_each_family() {
        let all = data_labels();
        for key in ["value-unknown", "mark-not-marked", "ratification-signed", "answer-extended", "membership-not-in-force", "level-policy-level", "level-group-policy", "stakeholder-other-csos", "tier-label", "priority-4"] {
            assert!(all.contains(key), "{key}");
        }
        assert!(!all.iter().any(|k| k.starts_with("status-")), "Table 2 has no status label");
    }

    /// The templates build data labels' ids from a prefix and a key. Each such prefix must be a
    /// family of [`data_labels`] (checked against the labels file) or one of the headings below,
    /// which print the report's own column and row headings: a new family of labels shown in
    /// cells cannot be added to a template without being traced.
    #[test]
    fn every_label_family_the_templates_build_is_traced() {
        const HEADINGS: [&str; 5] = ["convention-", "data-", "framework-", "gcm-", "problem-"];
        let families: BTreeSet<String> = data_labels().iter().map(|k| k.rsplit_once('-').map_or(k.clone(), |(p, _)| format!("{p}-"))).collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut found = BTreeSet::new();
        for entry in walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for marker in ["key=\"", "key='", "prefix=\"", "prefix='"] {
                for (i, _) in text.match_indices(marker) {
                    let rest = &text[i + marker.len()..];
                    let Some(end) = rest.find(['"', '\'']) else { continue };
                    let literal = &rest[..end];
                    // A built id: a literal prefix ending in `-`, then `~` and a value.
                    let built = rest[end + 1..].trim_start().starts_with('~');
                    if literal.ends_with('-') && (built || marker.starts_with("prefix")) {
                        found.insert(literal.to_string());
                    }
                }
            }
        }
        assert!(found.contains("level-") && found.contains("ratification-"), "the scan finds the templates' prefixes: {found:?}");
        for prefix in &found {
            assert!(
                HEADINGS.contains(&prefix.as_str()) || families.iter().any(|f| f.starts_with(prefix.as_str())),
                "templates build labels `{prefix}…` that are not traced in content/labels.yaml (src/trace.rs, data_labels)"
            );
        }
    }
}
