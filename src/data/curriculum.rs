//! Chapter 4, section 2: the draft curriculum (`content/curriculum/*.yaml`, one file per part).
//! Each activity's stakeholder and level cells are kept as the report prints them, as terms
//! (labels `stakeholder-…` and `level-…` in the locales, each the report's words); the filter
//! groups the terms, so readers can filter by them in every language.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::{Numbered, Text};

/// A term of the report's stakeholder column: a cell prints its terms in the report's order,
/// joined by " + ", each with its label `stakeholder-…` (the report's words, traced in
/// `content/labels.yaml`). Most terms are also the filter's keys; the two shorter wordings of
/// one cell count for the group they name ([`Stakeholder::group`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stakeholder {
    /// "Bütün maraqlı tərəflər".
    All,
    /// "Hökumətdən olan maraqlı tərəflər".
    Government,
    /// "Hökumət", in "Hökumət + ali təhsil müəssisələri + media + digər VCT-lər".
    GovernmentShort,
    /// "VCT-lər".
    Csos,
    /// "digər VCT-lər", in the same cell.
    OtherCsos,
    /// "Ali təhsil müəssisələri".
    HigherEducation,
    /// "Media".
    Media,
    /// "Miqrant assosiasiyaları" (named in a cell's note only).
    MigrantAssociations,
    /// "Gənc tələbə və gənc miqrantlar".
    YoungPeople,
}

impl Stakeholder {
    pub const ALL: [Stakeholder; 9] = [
        Stakeholder::All,
        Stakeholder::Government,
        Stakeholder::GovernmentShort,
        Stakeholder::Csos,
        Stakeholder::OtherCsos,
        Stakeholder::HigherEducation,
        Stakeholder::Media,
        Stakeholder::MigrantAssociations,
        Stakeholder::YoungPeople,
    ];

    /// The filter's key this term counts for.
    pub fn group(self) -> Stakeholder {
        match self {
            Stakeholder::GovernmentShort => Stakeholder::Government,
            Stakeholder::OtherCsos => Stakeholder::Csos,
            other => other,
        }
    }
}

impl<'de> Deserialize<'de> for Stakeholder {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::keyed(d, &Stakeholder::ALL)
    }
}

/// A term of the report's level column, as the report prints it (labels `level-…`, traced in
/// `content/labels.yaml`): Part 1 says "Siyasət səviyyəsi", Part 2 "Siyasəti qəbul edənlər",
/// and each cell keeps its own words. The filter groups them ([`Level::groups`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// "Siyasət səviyyəsi".
    PolicyLevel,
    /// "Həyata keçirilmə səviyyəsi".
    ImplementationLevel,
    /// "Siyasət + həyata keçirilmə səviyyələri".
    PolicyAndImplementationLevels,
    /// "Siyasəti qəbul edənlər səviyyəsi".
    PolicyMakersLevel,
    /// "Siyasəti qəbul edənlər səviyyəsi və Siyasəti həyata keçirənlər".
    PolicyMakersLevelAndImplementers,
    /// "Siyasəti qəbul edənlər".
    PolicyMakers,
    /// "Siyasəti həyata keçirənlər".
    Implementers,
    /// "Təcrübəçilər".
    Practitioners,
    /// "Tədqiqatçılar".
    Researchers,
    /// "Bütün səviyyələr".
    AllLevels,
}

impl Level {
    pub const ALL: [Level; 10] = [
        Level::PolicyLevel,
        Level::ImplementationLevel,
        Level::PolicyAndImplementationLevels,
        Level::PolicyMakersLevel,
        Level::PolicyMakersLevelAndImplementers,
        Level::PolicyMakers,
        Level::Implementers,
        Level::Practitioners,
        Level::Researchers,
        Level::AllLevels,
    ];

    /// The filter's groups this term belongs to.
    pub fn groups(self) -> &'static [LevelGroup] {
        use LevelGroup::*;
        match self {
            Level::PolicyLevel | Level::PolicyMakersLevel | Level::PolicyMakers => &[Policy],
            Level::ImplementationLevel | Level::Implementers => &[Implementation],
            Level::PolicyAndImplementationLevels | Level::PolicyMakersLevelAndImplementers => &[Policy, Implementation],
            Level::Practitioners => &[Practitioners],
            Level::Researchers => &[Researchers],
            Level::AllLevels => &[AllLevels],
        }
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::keyed(d, &Level::ALL)
    }
}

/// What the curriculum filter offers for levels (labels `level-group-…`): the policy level
/// (Part 1's "Siyasət səviyyəsi", Part 2's "Siyasəti qəbul edənlər"), the implementation level
/// ("Həyata keçirilmə səviyyəsi", "Siyasəti həyata keçirənlər"), and the three the report names
/// alike in both parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LevelGroup {
    Policy,
    Implementation,
    Practitioners,
    Researchers,
    AllLevels,
}

impl LevelGroup {
    pub const ALL: [LevelGroup; 5] = [LevelGroup::Policy, LevelGroup::Implementation, LevelGroup::Practitioners, LevelGroup::Researchers, LevelGroup::AllLevels];
}

/// An activity's stakeholders or levels: the keys the report's cell names, or `unknown` when
/// the scan shows no cell for the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Targets<T> {
    Keys(Vec<T>),
    Unknown,
}

impl<T: Copy> Targets<T> {
    pub fn keys(&self) -> &[T] {
        match self {
            Targets::Keys(k) => k,
            Targets::Unknown => &[],
        }
    }
}

impl<'de, T> Deserialize<'de> for Targets<T>
where
    T: Deserialize<'de> + PartialEq + Copy + Serialize,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de> + PartialEq + Copy + Serialize> Visitor<'de> for V<T> {
            type Value = Targets<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of keys, or `unknown`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Targets<T>, E> {
                match v {
                    "unknown" => Ok(Targets::Unknown),
                    _ => Err(E::custom(format!("invalid value `{v}`: expected a list of keys (`[{v}]`), or `unknown`"))),
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Targets<T>, A::Error> {
                let mut keys: Vec<T> = Vec::new();
                while let Some(k) = seq.next_element::<T>()? {
                    if keys.contains(&k) {
                        return Err(de::Error::custom(format!("`{}` is listed twice", super::serde_key(&k))));
                    }
                    keys.push(k);
                }
                if keys.is_empty() {
                    return Err(de::Error::custom("the list is empty: name at least one key, or write `unknown`"));
                }
                Ok(Targets::Keys(keys))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// One proposed activity (a row of the curriculum table).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub title: Text,
    pub stakeholders: Targets<Stakeholder>,
    /// The rest of the report's stakeholder cell ("priority for CSOs").
    #[serde(default)]
    pub stakeholders_note: Option<Text>,
    /// The stakeholder groups the note names ("ali təhsil müəssisələri daxil olmaqla"): not
    /// printed, they let the filter find the activity. Each one's label must be in the note.
    #[serde(default)]
    pub stakeholders_in_note: Vec<Stakeholder>,
    pub level: Targets<Level>,
    /// An editorial note (what the scan shows where it lost something).
    #[serde(default)]
    pub note: Option<Text>,
}

/// A module, numbered as the report numbers it (the draft skips some numbers).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    pub number: u32,
    pub title: Text,
    /// Prose the report prints under the module's heading.
    #[serde(default)]
    pub intro: Option<Text>,
    pub activities: Vec<Activity>,
}

/// A part of the curriculum: one file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The file, relative to the site root (set by the loader, for messages).
    #[serde(skip)]
    pub file: String,
    /// The lines of the file's `stakeholders_in_note:` keys, in order (set by the loader, for
    /// messages).
    #[serde(skip)]
    pub in_note_lines: Vec<usize>,
    pub number: u32,
    pub title: Text,
    #[serde(deserialize_with = "rising_modules")]
    pub modules: Vec<Module>,
}

/// The modules of a part in the report's order: numbers rising, none twice.
fn rising_modules<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Module>, D::Error> {
    de::DeserializeSeed::deserialize(Numbered { what: "module", number: |m: &Module| m.number, check: &|_| Ok(()) }, d)
}

impl Activity {
    /// The filter's stakeholder keys: the cell's terms' groups and those its note names.
    pub fn stakeholder_groups(&self) -> Vec<Stakeholder> {
        let mut out: Vec<Stakeholder> = self.stakeholders.keys().iter().map(|s| s.group()).chain(self.stakeholders_in_note.iter().copied()).collect();
        out.sort();
        out.dedup();
        out
    }

    /// The filter's level keys: the groups of the cell's terms.
    pub fn level_groups(&self) -> Vec<LevelGroup> {
        let mut out: Vec<LevelGroup> = self.level.keys().iter().flat_map(|l| l.groups().iter().copied()).collect();
        out.sort();
        out.dedup();
        out
    }
}

impl Part {
    /// Every text, with where it comes from (for translation checks and the search index).
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out = vec![("title".to_string(), &self.title)];
        for m in &self.modules {
            let at = format!("module {}", m.number);
            out.push((format!("{at}: title"), &m.title));
            out.extend(m.intro.iter().map(|t| (format!("{at}: intro"), t)));
            for (i, a) in m.activities.iter().enumerate() {
                let at = format!("{at}, activity {}", i + 1);
                out.push((format!("{at}: title"), &a.title));
                out.extend(a.stakeholders_note.iter().map(|t| (format!("{at}: stakeholders_note"), t)));
                out.extend(a.note.iter().map(|t| (format!("{at}: note"), t)));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PART: &str = "number: 1\ntitle: {az: H}\nmodules:\n  - number: 1\n    title: {az: M}\n    activities:\n      - title: {az: A}\n        stakeholders: [all, csos]\n        level: [policy-makers]\n      - title: {az: B}\n        stakeholders: unknown\n        level: unknown\n  - number: 3\n    title: {az: N}\n    activities: []\n";

    #[test]
    fn reads_keys_and_unknown_cells() {
        let p: Part = yaml_serde::from_str(PART).unwrap();
        let a = &p.modules[0].activities;
        assert_eq!(a[0].stakeholders, Targets::Keys(vec![Stakeholder::All, Stakeholder::Csos]));
        assert_eq!(a[0].level, Targets::Keys(vec![Level::PolicyMakers]));
        assert_eq!(a[1].stakeholders, Targets::Unknown);
        assert_eq!(p.modules[1].number, 3, "absent module numbers stay absent");
    }

    #[test]
    fn a_bad_stakeholder_key_names_the_keys_and_its_line() {
        let err = yaml_serde::from_str::<Part>(&PART.replace("[all, csos]", "[all, ngos]")).unwrap_err();
        assert!(err.to_string().contains("invalid value `ngos`: expected `all`, `government`, `government-short`, `csos`"), "{err}");
        assert_eq!(err.location().map(|l| l.line()), Some(8), "{err}");
    }

    #[test]
    fn a_bad_level_key_names_its_line() {
        let err = yaml_serde::from_str::<Part>(&PART.replace("[policy-makers]", "[policymakers]")).unwrap_err();
        assert!(err.to_string().contains("invalid value `policymakers`: expected `policy-level`"), "{err}");
        assert_eq!(err.location().map(|l| l.line()), Some(9), "{err}");
    }

    #[test]
    fn a_key_outside_a_list_and_an_empty_list_are_errors() {
        let err = yaml_serde::from_str::<Part>(&PART.replace("level: [policy-makers]", "level: policy-makers")).unwrap_err();
        assert!(err.to_string().contains("expected a list of keys (`[policy-makers]`)"), "{err}");
        let err = yaml_serde::from_str::<Part>(&PART.replace("[all, csos]", "[]")).unwrap_err();
        assert!(err.to_string().contains("the list is empty"), "{err}");
        let err = yaml_serde::from_str::<Part>(&PART.replace("[all, csos]", "[csos, csos]")).unwrap_err();
        assert!(err.to_string().contains("`csos` is listed twice"), "{err}");
    }

    #[test]
    fn modules_keep_the_report_order() {
        let err = yaml_serde::from_str::<Part>(&PART.replace("number: 3", "number: 1")).unwrap_err();
        assert!(err.to_string().contains("module 1 comes after module 1"), "{err}");
        assert!(err.location().is_some(), "{err}");
    }
}
