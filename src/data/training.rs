//! Chapter 3, section 2.1: Table 7, the training needs expressed by the stakeholders, as
//! priorities (1 lowest … 4 highest) of 22 themes per country (`content/training-needs.yaml`).
//!
//! The scan kept the values of each row but not their columns: a blank cell prints nothing,
//! so the values that survive cannot be put under their countries. The data keeps what is
//! certain: the table's country columns as its header prints them, and each theme's values in
//! the order the scan prints them. Every other cell is unknown.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::{Numbered, Text};

/// A value of Table 7 as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// 1 (lowest priority) to 4 (highest).
    Priority(u8),
    /// "Mövcud deyil".
    NotAvailable,
}

impl Reading {
    /// `1`…`4` or `not-available`: the reading's key in templates and its label's suffix.
    pub fn key(self) -> String {
        match self {
            Reading::Priority(p) => p.to_string(),
            Reading::NotAvailable => "not-available".into(),
        }
    }
}

impl<'de> Deserialize<'de> for Reading {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Reading;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a priority 1, 2, 3 or 4, or `not-available`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Reading, E> {
                match v {
                    1..=4 => Ok(Reading::Priority(v as u8)),
                    _ => Err(E::custom(format!("invalid priority {v}: expected 1 (lowest) to 4 (highest), or `not-available`"))),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Reading, E> {
                u64::try_from(v).map_err(|_| E::custom(format!("invalid priority {v}: expected 1 (lowest) to 4 (highest), or `not-available`"))).and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Reading, E> {
                match v {
                    "not-available" => Ok(Reading::NotAvailable),
                    _ => Err(E::custom(format!("invalid value `{v}`: expected a priority 1 to 4, or `not-available` (a cell the scan lost is not written: it is unknown)"))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// One row of Table 7.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// The report's number of the theme (1–22).
    pub number: u32,
    pub title: Text,
    /// The values the scan kept, in printed order; their columns are lost.
    #[serde(default)]
    pub readings: Vec<Reading>,
    /// An editorial note on the row.
    #[serde(default)]
    pub note: Option<Text>,
}

/// Table 7.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrainingNeeds {
    /// The country columns as the table's header prints them (codes of `content/countries`).
    pub columns: Vec<String>,
    /// The themes, in the report's order.
    pub themes: Vec<Theme>,
}

impl TrainingNeeds {
    /// Cells of a theme's row the scan lost (the columns minus the values it kept).
    pub fn lost(&self, theme: &Theme) -> usize {
        self.columns.len().saturating_sub(theme.readings.len())
    }

    /// Every text, with where it comes from (for translation checks and the search index).
    pub fn texts(&self) -> Vec<(String, &Text)> {
        self.themes
            .iter()
            .flat_map(|t| std::iter::once((format!("themes[{}].title", t.number), &t.title)).chain(t.note.iter().map(move |n| (format!("themes[{}].note", t.number), n))))
            .collect()
    }
}

/// The file's fields; `themes` must follow `columns`, so each row is checked against the
/// header while the parser still knows the row's line.
impl<'de> Deserialize<'de> for TrainingNeeds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TrainingNeeds;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping with `columns` (the header's country codes) and then `themes`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TrainingNeeds, A::Error> {
                let mut columns: Option<Vec<String>> = None;
                let mut themes = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "columns" => {
                            let c: Vec<String> = map.next_value()?;
                            if c.is_empty() {
                                return Err(de::Error::custom("`columns` is empty: list the table's country columns"));
                            }
                            columns = Some(c);
                        }
                        "themes" => {
                            let Some(c) = &columns else {
                                return Err(de::Error::custom("`themes` comes before `columns`: write the header's `columns` first"));
                            };
                            let columns = c.len();
                            let check = |t: &Theme| match t.readings.len() {
                                n if n > columns => Err(format!("theme {} has {n} readings, but the table has {columns} columns", t.number)),
                                _ => Ok(()),
                            };
                            themes = Some(map.next_value_seed(Numbered { what: "theme", number: |t: &Theme| t.number, check: &check })?);
                        }
                        other => return Err(de::Error::unknown_field(other, &["columns", "themes"])),
                    }
                }
                Ok(TrainingNeeds {
                    columns: columns.ok_or_else(|| de::Error::missing_field("columns"))?,
                    themes: themes.ok_or_else(|| de::Error::missing_field("themes"))?,
                })
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "columns: [az, ge]\nthemes:\n  - number: 1\n    title: {az: A}\n    readings: [4, not-available]\n  - number: 2\n    title: {az: B}\n";

    #[test]
    fn reads_readings_and_counts_lost_cells() {
        let t: TrainingNeeds = yaml_serde::from_str(TABLE).unwrap();
        assert_eq!(t.themes[0].readings, vec![Reading::Priority(4), Reading::NotAvailable]);
        assert_eq!(t.lost(&t.themes[0]), 0);
        assert_eq!(t.lost(&t.themes[1]), 2);
    }

    #[test]
    fn a_priority_out_of_range_names_its_line() {
        let err = yaml_serde::from_str::<TrainingNeeds>(&TABLE.replace("[4, not", "[5, not")).unwrap_err();
        assert!(err.to_string().contains("invalid priority 5"), "{err}");
        assert_eq!(err.location().map(|l| l.line()), Some(5), "{err}");
    }

    #[test]
    fn more_readings_than_columns_is_an_error() {
        let err = yaml_serde::from_str::<TrainingNeeds>(&TABLE.replace("[4, not-available]", "[4, 3, 2]")).unwrap_err();
        assert!(err.to_string().contains("theme 1 has 3 readings, but the table has 2 columns"), "{err}");
        assert!(err.location().is_some(), "{err}");
    }

    #[test]
    fn themes_keep_the_report_order() {
        let err = yaml_serde::from_str::<TrainingNeeds>(&TABLE.replace("number: 2", "number: 1")).unwrap_err();
        assert!(err.to_string().contains("theme 1 comes after theme 1"), "{err}");
    }

    #[test]
    fn unknown_is_not_a_reading() {
        let err = yaml_serde::from_str::<TrainingNeeds>(&TABLE.replace("[4, not-available]", "[4, unknown]")).unwrap_err();
        assert!(err.to_string().contains("invalid value `unknown`"), "{err}");
    }
}
