//! Chapter 1, sections 4 and 5: the statelessness and nationality conventions each country
//! ratified, and its tier in the US Trafficking in Persons Report, as the report's prose states.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::Missing;

/// Where a country stands with a convention, as the report states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ratification {
    Ratified,
    /// Signed but not ratified.
    Signed,
    /// The report names the countries that ratified; this one is not among them.
    NotRatified,
    Unknown,
}

impl Ratification {
    /// `Unknown` as the shared missing value, for the tables' legend.
    pub fn missing(self) -> Option<Missing> {
        (self == Ratification::Unknown).then_some(Missing::Unknown)
    }
}

columns! {
    /// The conventions section 4 lists, in the report's order (labels: `convention-…`).
    pub struct Conventions of Ratification {
        /// 1954 Convention relating to the Status of Stateless Persons.
        stateless_persons_1954 = "stateless-persons-1954",
        /// 1961 Convention on the Reduction of Statelessness.
        reduction_of_statelessness_1961 = "reduction-of-statelessness-1961",
        /// European Convention on Nationality.
        european_nationality = "european-nationality",
    }
}

/// A tier of the US Department of State's Trafficking in Persons Report: 1, 2 or 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tier(u8);

impl<'de> Deserialize<'de> for Tier {
    // A visitor, not `try_from`: its error keeps the value's line and column.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Tier;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a tier: 1, 2 or 3")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tier, E> {
                match v {
                    1..=3 => Ok(Tier(v as u8)),
                    _ => Err(E::custom(format!("invalid tier {v}: expected 1, 2 or 3"))),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tier, E> {
                Err(E::custom(format!("invalid tier {v}: expected 1, 2 or 3")))
            }
        }
        d.deserialize_any(V)
    }
}

impl From<Tier> for u8 {
    fn from(t: Tier) -> u8 {
        t.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_are_one_to_three() {
        assert_eq!(yaml_serde::from_str::<Tier>("2").unwrap(), Tier(2));
        let e = yaml_serde::from_str::<Tier>("4").unwrap_err().to_string();
        assert!(e.contains("invalid tier 4"), "{e}");
    }

    #[test]
    fn a_bad_status_is_an_error() {
        let e = yaml_serde::from_str::<Conventions>("stateless_persons_1954: ratified\nreduction_of_statelessness_1961: yes\neuropean_nationality: signed\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown variant `yes`"), "{e}");
        assert!(e.contains("line 2"), "{e}");
    }
}
