//! The report's data: one YAML file per country, the table captions, the glossary.
//! Every struct denies unknown fields, so a typo is an error with file, line and column.
//! Data is only read: templates get views (`render`), so only the keyed enums (their keys name
//! labels, via `serde_key`) and the glossary serialize.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// A table row whose cells are all of one type: a struct with a field per column (so a
/// mistyped key is an error with its line) and, from the same list, the columns' keys (labels
/// in the locales) and the cells in the report's order.
macro_rules! columns {
    (
        $(#[$meta:meta])*
        pub struct $name:ident of $cell:ty {
            $($(#[$cmeta:meta])* $field:ident = $key:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$cmeta])* pub $field: $cell,)+
        }

        impl $name {
            /// The columns' keys, in the report's order.
            pub const KEYS: &'static [&'static str] = &[$($key),+];

            /// The cells as (column key, value), in the report's order.
            pub fn entries(&self) -> Vec<(&'static str, $cell)> {
                vec![$(($key, self.$field)),+]
            }
        }
    };
}

pub mod cooperation;
pub mod curriculum;
pub mod labels;
pub mod law;
pub mod policy;
pub mod statistics;
pub mod training;

pub use cooperation::{EuCooperation, Gcm, Membership};
pub use law::{Conventions, Ratification, Tier};
pub use policy::{Cell, Document, Mark, Problem, Problems, Strategies};
pub use statistics::{Answer, DataCollection, Frequency};
pub use labels::{LabelSource, Labels};
pub use curriculum::{Activity, Level, LevelGroup, Module, Part, Stakeholder, Targets};
pub use training::{Reading, Theme, TrainingNeeds};

use crate::error::{collect_all, Diagnostic, Errors, Result};
use crate::source::Paths;

/// The languages a data text can carry. Adding a language to the site means adding it here.
pub const DATA_LANGUAGES: [&str; 3] = ["az", "en", "ru"];

/// Free text in the report's three languages. The source language is required; a missing
/// translation falls back to it (and `check` reports it).
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub az: String,
    #[serde(default)]
    pub en: Option<String>,
    #[serde(default)]
    pub ru: Option<String>,
}

impl Text {
    /// The text in `lang`, if written.
    pub fn get(&self, lang: &str) -> Option<&str> {
        match lang {
            "az" => Some(self.az.as_str()),
            "en" => self.en.as_deref(),
            "ru" => self.ru.as_deref(),
            _ => None,
        }
        .filter(|s| !s.trim().is_empty())
    }
}

/// What a table cell holds when the report gives no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Missing {
    /// The report says "not available" (Mövcud deyil).
    NotAvailable,
    /// The scan lost the value and the report's prose does not settle it.
    Unknown,
}

impl Missing {
    /// `not-available` or `unknown`, as written in the data.
    pub fn parse(v: &str) -> Option<Missing> {
        match v {
            "not-available" => Some(Missing::NotAvailable),
            "unknown" => Some(Missing::Unknown),
            _ => None,
        }
    }
}

/// A count in a table: a number, or what the report says instead of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Number(u32),
    Missing(Missing),
}

impl Count {
    pub const NOT_AVAILABLE: Count = Count::Missing(Missing::NotAvailable);
    pub const UNKNOWN: Count = Count::Missing(Missing::Unknown);

    pub fn missing(self) -> Option<Missing> {
        match self {
            Count::Missing(m) => Some(m),
            Count::Number(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number, `unknown` or `not-available`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Count, E> {
                u32::try_from(v).map(Count::Number).map_err(|_| E::custom("number too large"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Count, E> {
                u32::try_from(v).map(Count::Number).map_err(|_| E::custom(format!("invalid count {v}: expected a whole number, `unknown` or `not-available`")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Count, E> {
                Missing::parse(v)
                    .map(Count::Missing)
                    .ok_or_else(|| E::custom(format!("invalid count `{v}`: expected a whole number, `unknown` or `not-available`")))
            }
        }
        d.deserialize_any(V)
    }
}

/// Adds counts: a number plus `unknown` is unknown; `not-available` counts as nothing.
pub fn sum(counts: impl IntoIterator<Item = Count>) -> Count {
    let mut total = 0u32;
    let mut any_number = false;
    for c in counts {
        match c {
            Count::Number(n) => {
                total += n;
                any_number = true;
            }
            Count::Missing(Missing::Unknown) => return Count::UNKNOWN,
            Count::Missing(Missing::NotAvailable) => {}
        }
    }
    if any_number { Count::Number(total) } else { Count::NOT_AVAILABLE }
}

/// An editorial grouping of the countries, for navigation (not a finding of the report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    SouthCaucasus,
    EasternEurope,
    CentralAsia,
    WesternAsia,
}

/// Whether the country takes part in the RTCM project, as the report states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Participation {
    #[default]
    Participating,
    /// "participation still to be determined" (Ukraine).
    ToBeDetermined,
}

/// One side of Table 1: interviews or questionnaires, by kind of respondent.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Respondents {
    pub government: Count,
    pub cso: Count,
    /// Media respondents, counted by the report in the CSO column ("1+6 media").
    #[serde(default)]
    pub media: Option<Count>,
}

impl Respondents {
    pub fn total(&self) -> Count {
        sum([self.government, self.cso].into_iter().chain(self.media))
    }

    /// The column totals of many rows (the report's "Cəmi" row).
    pub fn column_totals<'a>(rows: impl IntoIterator<Item = &'a Respondents>) -> Respondents {
        let rows: Vec<&Respondents> = rows.into_iter().collect();
        let media: Vec<Count> = rows.iter().filter_map(|r| r.media).collect();
        Respondents {
            government: sum(rows.iter().map(|r| r.government)),
            cso: sum(rows.iter().map(|r| r.cso)),
            media: if media.is_empty() { None } else { Some(sum(media)) },
        }
    }

    /// The CSO column as the report counts it: CSOs plus media.
    pub fn cso_column(&self) -> Count {
        sum(std::iter::once(self.cso).chain(self.media))
    }
}

/// Table 1: the consultation of stakeholders in one country.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    pub interviews: Respondents,
    pub questionnaires: Respondents,
    #[serde(default)]
    pub note: Option<Text>,
}

impl Consultation {
    /// Every count of the row, for the legend of `unknown` and `not-available` cells.
    pub fn counts(&self) -> Vec<Count> {
        [&self.interviews, &self.questionnaires].iter().flat_map(|r| [Some(r.government), Some(r.cso), r.media]).flatten().collect()
    }
}

/// The summary table of Chapter 1, section 2: the central migration authority.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub name: Text,
    #[serde(default)]
    pub remarks: Option<Text>,
}

/// Everything the report states about one country (`content/countries/<code>.yaml`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2, lowercase; the file's name.
    pub code: String,
    /// The row of the country in the report's tables (1 = first).
    pub order: u32,
    pub name: Text,
    pub official_name: Text,
    pub region: Region,
    #[serde(default)]
    pub participation: Participation,
    #[serde(default)]
    pub participation_note: Option<Text>,
    #[serde(default)]
    pub consultation: Option<Consultation>,
    #[serde(default)]
    pub authority: Option<Authority>,
    /// Table 2 (Chapter 1, 3.2.1).
    #[serde(default)]
    pub strategies: Option<Strategies>,
    /// Table 3 (Chapter 1, 3.4.1).
    #[serde(default)]
    pub problems: Option<Problems>,
    /// Statelessness and nationality conventions (Chapter 1, 4).
    #[serde(default)]
    pub conventions: Option<Conventions>,
    /// US Trafficking in Persons Report tier (Chapter 1, 4.3 and 5).
    #[serde(default)]
    pub trafficking_tier: Option<Tier>,
    /// Table 4 (Chapter 1, 6.1).
    #[serde(default)]
    pub data_collection: Option<DataCollection>,
    /// Table 5 (Chapter 1, 7.2).
    #[serde(default)]
    pub gcm: Option<Gcm>,
    /// Table 6 (Chapter 1, 7.4.2).
    #[serde(default)]
    pub eu_cooperation: Option<EuCooperation>,
}

impl Country {
    /// Every text of the country's data, with the field it comes from (for translation
    /// checks and the search index).
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out: Vec<(String, &Text)> = vec![("name".into(), &self.name), ("official_name".into(), &self.official_name)];
        out.extend(self.participation_note.iter().map(|t| ("participation_note".into(), t)));
        out.extend(self.consultation.iter().flat_map(|k| k.note.iter()).map(|t| ("consultation.note".into(), t)));
        if let Some(a) = &self.authority {
            out.push(("authority.name".into(), &a.name));
            out.extend(a.remarks.iter().map(|t| ("authority.remarks".into(), t)));
        }
        if let Some(s) = &self.strategies {
            out.extend(s.texts());
        }
        if let Some(Problems::Missing { note: Some(n), .. }) = &self.problems {
            out.push(("problems.note".into(), n));
        }
        out
    }
}

/// The kebab-case key serde gives a unit enum variant (`covid-19-crisis`).
pub fn serde_key<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Caption and notes of one of the report's tables (`content/tables.yaml`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TableMeta {
    pub caption: Text,
    #[serde(default)]
    pub notes: Vec<Text>,
}

/// One entry of `content/glossary.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub az: String,
    pub en: String,
    pub ru: String,
    #[serde(default)]
    pub abbr_az: Option<String>,
    #[serde(default)]
    pub abbr_en: Option<String>,
    #[serde(default)]
    pub abbr_ru: Option<String>,
}

impl Term {
    /// The term and its abbreviation in `lang` (English for a language the list lacks).
    pub fn get(&self, lang: &str) -> (&str, Option<&str>) {
        match lang {
            "az" => (&self.az, self.abbr_az.as_deref()),
            "ru" => (&self.ru, self.abbr_ru.as_deref()),
            _ => (&self.en, self.abbr_en.as_deref()),
        }
    }
}

/// All the data of the site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Data {
    /// Countries in the report's order.
    pub countries: Vec<Country>,
    pub tables: BTreeMap<String, TableMeta>,
    pub glossary: Vec<Term>,
    /// Table 7 (`content/training-needs.yaml`).
    pub training_needs: Option<TrainingNeeds>,
    /// The draft curriculum (`content/curriculum/*.yaml`), parts in order.
    pub curriculum: Vec<Part>,
    /// Where each data label comes from (`content/labels.yaml`), if the file is there.
    pub labels: Option<Labels>,
    /// What each translation was made from (`content/translations.yaml`), if the site tracks it.
    pub translations: Option<crate::translation::Records>,
}

fn parse_yaml<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T> {
    crate::yaml::from_str(text, path, 0)
}

impl Country {
    pub fn parse(text: &str, path: &Path) -> Result<Country> {
        let c: Country = parse_yaml(text, path)?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if c.code != stem {
            return Err(Diagnostic::error(path, format!("`code: {}` must match the file name `{stem}.yaml`", c.code)).into());
        }
        Ok(c)
    }
}

/// A file of content/ that is there, read and parsed: the data, its text and how messages
/// show it; `None` if it is absent.
fn optional<T: serde::de::DeserializeOwned>(paths: &Paths, name: &str) -> Result<Option<(T, String, PathBuf)>> {
    let real = paths.root.join("content").join(name);
    if !paths.exists(&real) {
        return Ok(None);
    }
    let file = paths.shown_path(&real);
    let text = paths.read(&real)?;
    Ok(Some((parse_yaml(&text, &file)?, text, file)))
}

/// The 1-based line of the first line of `text` that `is`, indentation and trailing spaces aside.
fn line_of(text: &str, is: impl Fn(&str) -> bool) -> Option<usize> {
    text.lines().position(|l| is(l.trim())).map(|i| i + 1)
}

/// What `load` found: the data, the errors that leave the rest renderable (a country file
/// that cannot be read: the country is left out, and its profile's links are not reported as
/// broken), and the countries left out.
#[derive(Debug, Default)]
pub struct Loaded {
    pub data: Data,
    pub errors: Vec<Diagnostic>,
    pub failed_countries: BTreeSet<String>,
}

/// Load `content/countries/*.yaml`, `content/tables.yaml`, `content/glossary.yaml`,
/// `content/labels.yaml`, `content/training-needs.yaml` and `content/curriculum/*.yaml` (each optional), reporting
/// every error found. An error in a file the whole site depends on (tables, glossary, Table 7,
/// curriculum) fails the load; an error in a country file only leaves that country out.
pub fn load(paths: &Paths) -> Result<Loaded> {
    let content_dir = paths.root.join("content");
    let mut errs = Vec::new();
    let mut data = Data::default();
    // The YAML files directly in a folder of content/, sorted.
    let mut yaml_files = |dir: &str| {
        let (files, problems) = paths.walk_depth(&content_dir.join(dir), 1);
        errs.extend(problems);
        files.into_iter().filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect::<Vec<_>>()
    };
    let country_files = yaml_files("countries");
    let part_files = yaml_files("curriculum");
    let mut partial = Vec::new();
    let mut failed_countries = BTreeSet::new();
    for p in &country_files {
        match paths.read(p).and_then(|text| Country::parse(&text, &paths.shown_path(p))) {
            Ok(c) => data.countries.push(c),
            Err(e) => {
                partial.extend(e.0);
                failed_countries.extend(p.file_stem().and_then(|s| s.to_str()).map(str::to_string));
            }
        }
    }
    let mut orders = BTreeMap::new();
    for c in &data.countries {
        if let Some(other) = orders.insert(c.order, c.code.clone()) {
            partial.push(Diagnostic::error(
                paths.shown(&format!("content/countries/{}.yaml", c.code)),
                format!("`order: {}` is also the order of `{other}`", c.order),
            ));
        }
    }
    data.countries.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.code.cmp(&b.code)));
    // The countries there are, whether or not their file is valid: a file with an error is
    // reported once, not again by every table that names its country.
    let codes: BTreeSet<&str> = country_files.iter().filter_map(|p| p.file_stem()?.to_str()).collect();

    match optional(paths, "tables.yaml") {
        Ok(t) => data.tables = t.map(|(t, _, _)| t).unwrap_or_default(),
        Err(e) => errs.extend(e.0),
    }
    match optional::<Vec<Term>>(paths, "glossary.yaml") {
        Ok(Some((g, _, file))) => {
            let mut ids = BTreeSet::new();
            for t in &g {
                if !ids.insert(t.id.clone()) {
                    errs.push(Diagnostic::error(&file, format!("term id `{}` is used twice", t.id)));
                }
            }
            data.glossary = g;
        }
        Ok(None) => {}
        Err(e) => errs.extend(e.0),
    }
    match optional::<crate::translation::Records>(paths, "translations.yaml") {
        Ok(r) => data.translations = r.map(|(r, _, _)| r),
        Err(e) => errs.extend(e.0),
    }
    match optional::<BTreeMap<String, LabelSource>>(paths, "labels.yaml") {
        Ok(Some((l, text, file))) => data.labels = Some(Labels::new(file, &text, l)),
        Ok(None) => {}
        Err(e) => errs.extend(e.0),
    }
    match optional::<TrainingNeeds>(paths, "training-needs.yaml") {
        Ok(Some((t, text, file))) => {
            let at = line_of(&text, |l| l.starts_with("columns:"));
            for code in &t.columns {
                if !codes.contains(code.as_str()) {
                    errs.push(Diagnostic::error(&file, format!("column `{code}` is not a country of content/countries")).at_line(at));
                }
            }
            data.training_needs = Some(t);
        }
        Ok(None) => {}
        Err(e) => errs.extend(e.0),
    }

    let parsed = collect_all(part_files.iter().map(|p| {
        let file = paths.shown_path(p);
        let text = paths.read(p)?;
        let mut part = parse_yaml::<Part>(&text, &file)?;
        let rel = p.strip_prefix(&paths.root).unwrap_or(p);
        part.file = rel.to_string_lossy().replace('\\', "/");
        part.in_note_lines = text.lines().enumerate().filter(|(_, l)| l.trim_start().starts_with("stakeholders_in_note:")).map(|(i, _)| i + 1).collect();
        Ok((part, file, text))
    }));
    match parsed {
        Ok(mut parts) => {
            parts.sort_by_key(|(p, _, _)| p.number);
            // Part and module numbers are the report's: each once in the whole curriculum.
            let mut parts_seen: BTreeMap<u32, &Path> = BTreeMap::new();
            let mut modules_seen: BTreeMap<u32, &Path> = BTreeMap::new();
            for (p, file, text) in &parts {
                if let Some(other) = parts_seen.insert(p.number, file) {
                    errs.push(Diagnostic::error(file, format!("part {} is also in {}", p.number, other.display())).at_line(line_of(text, |l| l.starts_with("number:"))));
                }
                for m in &p.modules {
                    if let Some(other) = modules_seen.insert(m.number, file) {
                        let at = line_of(text, |l| l == format!("- number: {}", m.number));
                        errs.push(Diagnostic::error(file, format!("module {} is also in {}", m.number, other.display())).at_line(at));
                    }
                }
            }
            data.curriculum = parts.into_iter().map(|(p, _, _)| p).collect();
        }
        Err(e) => errs.extend(e.0),
    }
    if errs.is_empty() {
        Ok(Loaded { data, errors: partial, failed_countries })
    } else {
        errs.extend(partial);
        Err(Errors::new(errs))
    }
}

/// Reads a unit enum from its key (`serde_key`), one of `all`. A YAML boolean reads as the
/// key `yes` or `no`. The error lists the keys, and serde adds the value's line and column.
pub(crate) fn keyed<'de, D: Deserializer<'de>, T: Copy + Serialize>(d: D, all: &[T]) -> std::result::Result<T, D::Error> {
    struct V<'a, T>(&'a [T]);
    impl<T: Copy + Serialize> V<'_, T> {
        fn find<E: de::Error>(&self, v: &str) -> std::result::Result<T, E> {
            self.0.iter().copied().find(|k| serde_key(k) == v).ok_or_else(|| E::custom(format!("invalid value `{v}`: expected {}", self.keys())))
        }
        fn keys(&self) -> String {
            self.0.iter().map(|k| format!("`{}`", serde_key(k))).collect::<Vec<_>>().join(", ")
        }
    }
    impl<T: Copy + Serialize> Visitor<'_> for V<'_, T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "one of {}", self.keys())
        }
        fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<T, E> {
            self.find(v)
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<T, E> {
            self.find(if v { "yes" } else { "no" })
        }
    }
    d.deserialize_any(V(all))
}

/// `not-available` / `unknown` in the place of a mapping, as a serde error otherwise.
pub(crate) fn missing_key<E: de::Error>(v: &str) -> std::result::Result<Missing, E> {
    Missing::parse(v).ok_or_else(|| E::custom(format!("invalid value `{v}`: expected `not-available`, `unknown` or a mapping")))
}

/// Reads a table row written either as `not-available` / `unknown` (the whole row, made by
/// `whole`) or as a mapping read into `R` and checked by `check`. A visitor, not `try_from`:
/// the check's error keeps the row's line and column.
pub(crate) fn missing_or_map<'de, D, R, T>(
    d: D,
    expecting: &'static str,
    whole: impl FnOnce(Missing) -> T,
    check: impl FnOnce(R) -> std::result::Result<T, String>,
) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    R: Deserialize<'de>,
{
    struct V<W, C, R>(&'static str, W, C, std::marker::PhantomData<R>);
    impl<'de, W, C, R, T> Visitor<'de> for V<W, C, R>
    where
        W: FnOnce(Missing) -> T,
        C: FnOnce(R) -> std::result::Result<T, String>,
        R: Deserialize<'de>,
    {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<T, E> {
            Ok((self.1)(missing_key(v)?))
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> std::result::Result<T, A::Error> {
            let raw = R::deserialize(de::value::MapAccessDeserializer::new(map))?;
            (self.2)(raw).map_err(de::Error::custom)
        }
    }
    d.deserialize_any(V(expecting, whole, check, std::marker::PhantomData))
}

/// A list of items the report numbers (modules, themes), read in its order: numbers rising,
/// each once, and each item passing `check` — while the parser still knows the item's line.
pub(crate) struct Numbered<'a, T> {
    /// What an item is called in messages (`module`, `theme`).
    pub what: &'static str,
    pub number: fn(&T) -> u32,
    pub check: &'a dyn Fn(&T) -> std::result::Result<(), String>,
}

impl<'de, T: Deserialize<'de>> de::DeserializeSeed<'de> for Numbered<'_, T> {
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Vec<T>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Numbered<'_, T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of {}s", self.what)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Vec<T>, A::Error> {
        let mut out: Vec<T> = Vec::new();
        while let Some(item) = seq.next_element::<T>()? {
            let (n, what) = ((self.number)(&item), self.what);
            if let Some(prev) = out.last().map(self.number)
                && n <= prev
            {
                return Err(de::Error::custom(format!("{what} {n} comes after {what} {prev}: keep the report's numbers and order, each once")));
            }
            (self.check)(&item).map_err(de::Error::custom)?;
            out.push(item);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AZ: &str = "code: az\norder: 1\nname: {az: Azərbaycan, en: Azerbaijan, ru: Азербайджан}\nofficial_name: {az: Azərbaycan Respublikası}\nregion: south-caucasus\nconsultation:\n  interviews: {government: 0, cso: 0}\n  questionnaires: {government: 5, cso: 1, media: 6}\n";

    #[test]
    fn parses_a_country_and_totals_its_row() {
        let c = Country::parse(AZ, Path::new("countries/az.yaml")).unwrap();
        let q = &c.consultation.unwrap().questionnaires;
        assert_eq!(q.total(), Count::Number(12));
        assert_eq!(q.cso_column(), Count::Number(7));
    }

    #[test]
    fn a_typo_in_a_key_names_file_line_and_key() {
        let text = AZ.replace("interviews:", "intervews:");
        let err = Country::parse(&text, Path::new("countries/az.yaml")).unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.line, Some(7), "{d}");
        assert!(d.message.contains("intervews"), "{d}");
    }

    #[test]
    fn a_bad_count_is_an_error() {
        let text = AZ.replace("government: 5", "government: five");
        let err = Country::parse(&text, Path::new("countries/az.yaml")).unwrap_err();
        assert!(err.0[0].message.contains("invalid count `five`"), "{err}");
        assert_eq!(err.0[0].line, Some(8));
    }

    #[test]
    fn code_must_match_file_name() {
        let err = Country::parse(AZ, Path::new("countries/ge.yaml")).unwrap_err();
        assert!(err.to_string().contains("must match the file name"));
    }

    #[test]
    fn a_row_of_not_available_totals_not_available() {
        let r = Respondents { government: Count::NOT_AVAILABLE, cso: Count::NOT_AVAILABLE, media: None };
        assert_eq!(r.total(), Count::NOT_AVAILABLE);
        let r = Respondents { government: Count::Number(2), cso: Count::UNKNOWN, media: None };
        assert_eq!(r.total(), Count::UNKNOWN);
    }

    #[test]
    fn sums_follow_unknown_and_not_available() {
        assert_eq!(sum([Count::Number(1), Count::NOT_AVAILABLE]), Count::Number(1));
        assert_eq!(sum([Count::Number(1), Count::UNKNOWN]), Count::UNKNOWN);
        assert_eq!(sum([Count::NOT_AVAILABLE, Count::NOT_AVAILABLE]), Count::NOT_AVAILABLE);
    }
}
