//! Chapter 1, section 3: Table 2 (the countries' migration strategies) and Table 3 (the main
//! problems of policy implementation).

use std::collections::BTreeSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::{missing_key, Missing, Text};

/// One policy document in a cell of Table 2. The table gives no status of its own: where the
/// report says one (a draft, in the approval process, its term ended), those words are its
/// `note`, shown as the report prints them, after the title.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
// The private field is the refused `status` key, not a guard against construction.
#[allow(clippy::manual_non_exhaustive)]
pub struct Document {
    pub title: Text,
    /// The year or period, as the report gives it ("2004", "2021–2030").
    #[serde(default)]
    pub period: Option<String>,
    /// Refused with a message that says where a status goes (see [`no_status`]).
    #[serde(default, deserialize_with = "no_status")]
    status: (),
    #[serde(default)]
    pub note: Option<Text>,
}

/// A `status` key on a document is an error: a label the report does not give. The message
/// says where the report's own words about a document's status go.
fn no_status<'de, D: Deserializer<'de>>(_: D) -> Result<(), D::Error> {
    Err(de::Error::custom(
        "a document has no `status`: Table 2 lists documents without classifying them; where the report says something of a document's status (\"təsdiq prosesindədir\"), write those words in its `note`",
    ))
}

/// A cell of Table 2: what the report lists there, or why it lists nothing, and a note.
/// In YAML, either `not-available` / `unknown`, or a mapping with the content's key
/// (`documents` or `text`), or `value: not-available|unknown`, and an optional `note`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell<T> {
    pub content: Result<T, Missing>,
    pub note: Option<Text>,
}

/// The content of a kind of cell: its YAML key, and whether it is empty.
pub trait CellContent: DeserializeOwned {
    const KEY: &'static str;
    fn is_empty(&self) -> bool;
}

impl CellContent for Vec<Document> {
    const KEY: &'static str = "documents";
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

impl CellContent for Text {
    const KEY: &'static str = "text";
    fn is_empty(&self) -> bool {
        self.az.trim().is_empty()
    }
}

impl<'de, T: CellContent> Deserialize<'de> for Cell<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: CellContent> Visitor<'de> for V<T> {
            type Value = Cell<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "`not-available`, `unknown`, or a mapping with `{}` or `value`, and an optional `note`", T::KEY)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell<T>, E> {
                Ok(Cell { content: Err(missing_key(v)?), note: None })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cell<T>, A::Error> {
                let (mut content, mut value, mut note) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        k if k == T::KEY && content.is_none() => content = Some(map.next_value::<T>()?),
                        "value" if value.is_none() => value = Some(map.next_value::<Missing>()?),
                        "note" if note.is_none() => note = Some(map.next_value::<Text>()?),
                        "value" => return Err(de::Error::duplicate_field("value")),
                        "note" => return Err(de::Error::duplicate_field("note")),
                        k if k == T::KEY => return Err(de::Error::duplicate_field(T::KEY)),
                        other => return Err(de::Error::unknown_field(other, &[T::KEY, "value", "note"])),
                    }
                }
                let content = match (content, value) {
                    (Some(c), None) if !c.is_empty() => Ok(c),
                    (Some(_), None) => return Err(de::Error::custom(format!("`{}` is empty: write `value: not-available` or `value: unknown` instead", T::KEY))),
                    (None, Some(m)) => Err(m),
                    (Some(_), Some(_)) => return Err(de::Error::custom(format!("a cell has either `{}` or `value`, not both", T::KEY))),
                    (None, None) => return Err(de::Error::custom(format!("a cell needs `{}` or `value: not-available|unknown`", T::KEY))),
                };
                Ok(Cell { content, note })
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Table 2: one country's migration strategies.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Strategies {
    /// Comprehensive migration policy or strategy.
    pub comprehensive: Cell<Vec<Document>>,
    /// Sectoral policies, strategies and action plans.
    pub sectoral: Cell<Vec<Document>>,
    /// The place of the SDGs and the Global Compact for Migration.
    pub sdgs: Cell<Text>,
}

impl Strategies {
    /// Every cell's missing value, for the table's legend.
    pub fn missing(&self) -> Vec<Missing> {
        [self.comprehensive.content.as_ref().err(), self.sectoral.content.as_ref().err(), self.sdgs.content.as_ref().err()]
            .into_iter()
            .flatten()
            .copied()
            .collect()
    }

    /// Every text of the row with its path in the file (for translation checks and search).
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out = Vec::new();
        for (name, cell) in [("comprehensive", &self.comprehensive), ("sectoral", &self.sectoral)] {
            if let Ok(docs) = &cell.content {
                for (i, d) in docs.iter().enumerate() {
                    out.push((format!("strategies.{name}.documents[{i}].title"), &d.title));
                    out.extend(d.note.iter().map(|n| (format!("strategies.{name}.documents[{i}].note"), n)));
                }
            }
            out.extend(cell.note.iter().map(|n| (format!("strategies.{name}.note"), n)));
        }
        out.extend(self.sdgs.content.as_ref().ok().map(|t| ("strategies.sdgs.text".to_string(), t)));
        out.extend(self.sdgs.note.iter().map(|n| ("strategies.sdgs.note".to_string(), n)));
        out
    }
}

/// The eight problem columns of Table 3, in the report's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    #[serde(rename = "covid-19-crisis")]
    Covid19Crisis,
    LackOfFinancialResources,
    LackOfQualifiedStaff,
    CoordinationGaps,
    InsufficientRegionalCooperation,
    InsufficientPolicyDevelopment,
    LackOfTechnicalCapacity,
    GeopoliticalSituation,
}

impl Problem {
    pub const ALL: [Problem; 8] = [
        Problem::Covid19Crisis,
        Problem::LackOfFinancialResources,
        Problem::LackOfQualifiedStaff,
        Problem::CoordinationGaps,
        Problem::InsufficientRegionalCooperation,
        Problem::InsufficientPolicyDevelopment,
        Problem::LackOfTechnicalCapacity,
        Problem::GeopoliticalSituation,
    ];
}

/// What is known of one cell of Table 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    Marked,
    NotMarked,
    /// Serialized as the missing value's own key (`unknown`, `not-available`).
    #[serde(untagged)]
    Missing(Missing),
}

impl Mark {
    pub fn missing(self) -> Option<Missing> {
        match self {
            Mark::Missing(m) => Some(m),
            Mark::Marked | Mark::NotMarked => None,
        }
    }
}

/// One country's row of Table 3. The scan kept how many `+` marks each row has but lost
/// most of their columns: `marks` is that number, `marked` / `not_marked` the cells the
/// report's prose settles. The other cells follow when the count settles them, else are unknown.
#[derive(Debug, Clone, PartialEq)]
pub enum Problems {
    Row { marks: u8, marked: BTreeSet<Problem>, not_marked: BTreeSet<Problem> },
    Missing { value: Missing, note: Option<Text> },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProblemsMap {
    #[serde(default)]
    marks: Option<u8>,
    #[serde(default)]
    marked: Vec<Problem>,
    #[serde(default)]
    not_marked: Vec<Problem>,
    #[serde(default)]
    value: Option<Missing>,
    #[serde(default)]
    note: Option<Text>,
}

impl TryFrom<ProblemsMap> for Problems {
    type Error = String;
    fn try_from(m: ProblemsMap) -> Result<Problems, String> {
        match (m.marks, m.value) {
            (None, Some(value)) => {
                if !m.marked.is_empty() || !m.not_marked.is_empty() {
                    return Err("a row with `value` has no `marked` or `not_marked`".into());
                }
                Ok(Problems::Missing { value, note: m.note })
            }
            (Some(_), Some(_)) => Err("a row has either `marks` or `value`, not both".into()),
            (None, None) => Err("a row needs `marks` (the number of `+` in the row) or `value: not-available|unknown`".into()),
            (Some(marks), None) => {
                if m.note.is_some() {
                    return Err("`note` goes with `value`; a row with `marks` takes none".into());
                }
                let total = Problem::ALL.len();
                let marked: BTreeSet<Problem> = m.marked.into_iter().collect();
                let not_marked: BTreeSet<Problem> = m.not_marked.into_iter().collect();
                if let Some(p) = marked.intersection(&not_marked).next() {
                    return Err(format!("`{}` is both `marked` and `not_marked`", super::serde_key(p)));
                }
                if usize::from(marks) > total {
                    return Err(format!("`marks: {marks}` but Table 3 has {total} columns"));
                }
                if marked.len() > usize::from(marks) {
                    return Err(format!("`marked` lists {} problems but the row has only {marks} marks", marked.len()));
                }
                if usize::from(marks) > total - not_marked.len() {
                    return Err(format!("the row has {marks} marks but only {} cells are not `not_marked`", total - not_marked.len()));
                }
                Ok(Problems::Row { marks, marked, not_marked })
            }
        }
    }
}

impl<'de> Deserialize<'de> for Problems {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::missing_or_map(
            d,
            "`not-available`, `unknown`, or a mapping with `marks` (and `marked`, `not_marked`)",
            |value| Problems::Missing { value, note: None },
            |m: ProblemsMap| Problems::try_from(m),
        )
    }
}

impl Problems {
    /// What is known of each of the eight cells, in the report's column order.
    pub fn cells(&self) -> Vec<(Problem, Mark)> {
        match self {
            Problems::Missing { value, .. } => Problem::ALL.iter().map(|p| (*p, Mark::Missing(*value))).collect(),
            Problems::Row { marks, marked, not_marked } => {
                let open = Problem::ALL.len() - marked.len() - not_marked.len();
                let left = usize::from(*marks) - marked.len();
                // The count settles the open cells when none or all of them carry a mark.
                let rest = if left == 0 {
                    Mark::NotMarked
                } else if left == open {
                    Mark::Marked
                } else {
                    Mark::Missing(Missing::Unknown)
                };
                Problem::ALL
                    .iter()
                    .map(|p| {
                        let m = if marked.contains(p) {
                            Mark::Marked
                        } else if not_marked.contains(p) {
                            Mark::NotMarked
                        } else {
                            rest
                        };
                        (*p, m)
                    })
                    .collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(yaml: &str) -> Result<Problems, String> {
        yaml_serde::from_str(yaml).map_err(|e| e.to_string())
    }

    #[test]
    fn a_count_of_zero_or_all_settles_every_cell() {
        let none = problems("marks: 0").unwrap();
        assert!(none.cells().iter().all(|(_, m)| *m == Mark::NotMarked));
        let all = problems("marks: 8").unwrap();
        assert!(all.cells().iter().all(|(_, m)| *m == Mark::Marked));
    }

    #[test]
    fn known_cells_stay_and_the_rest_is_unknown() {
        let p = problems("marks: 3\nmarked: [covid-19-crisis]\nnot_marked: [geopolitical-situation]").unwrap();
        let cells = p.cells();
        assert_eq!(cells[0], (Problem::Covid19Crisis, Mark::Marked));
        assert_eq!(cells[7], (Problem::GeopoliticalSituation, Mark::NotMarked));
        assert!(cells[1..7].iter().all(|(_, m)| *m == Mark::Missing(Missing::Unknown)));
        // The one mark is placed: every other cell is settled as not marked.
        let p = problems("marks: 1\nmarked: [covid-19-crisis]").unwrap();
        assert!(p.cells()[1..].iter().all(|(_, m)| *m == Mark::NotMarked));
    }

    #[test]
    fn impossible_rows_are_errors() {
        assert!(problems("marks: 9").unwrap_err().contains("8 columns"));
        assert!(problems("marks: 1\nmarked: [covid-19-crisis, coordination-gaps]").unwrap_err().contains("lists 2 problems but the row has only 1 marks"));
        assert!(problems("marks: 1\nmarked: [covid-19-crisis]\nnot_marked: [covid-19-crisis]").unwrap_err().contains("both"));
        assert!(problems("marks: 2\nmarked: [covid-crisis]").unwrap_err().contains("unknown variant `covid-crisis`"));
        assert!(problems("{}").unwrap_err().contains("needs `marks`"));
    }

    #[test]
    fn cells_take_a_short_form_and_reject_both_forms() {
        let c: Cell<Text> = yaml_serde::from_str("not-available").unwrap();
        assert_eq!(c.content, Err(Missing::NotAvailable));
        let c: Cell<Vec<Document>> = yaml_serde::from_str("value: unknown\nnote: {az: a}").unwrap();
        assert_eq!(c.content, Err(Missing::Unknown));
        assert!(c.note.is_some());
        let e = yaml_serde::from_str::<Cell<Text>>("text: {az: a}\nvalue: unknown").unwrap_err().to_string();
        assert!(e.contains("not both"), "{e}");
        let e = yaml_serde::from_str::<Cell<Text>>("nope").unwrap_err().to_string();
        assert!(e.contains("invalid value `nope`"), "{e}");
        let e = yaml_serde::from_str::<Cell<Vec<Document>>>("documents:\n  - title: {az: a}\n    status: adopted\n").unwrap_err().to_string();
        assert!(e.contains("a document has no `status`"), "{e}");
    }
}
