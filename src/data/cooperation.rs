//! Chapter 1, section 7: Table 5, participation in the Global Compact for Migration, and
//! Table 6, the cooperation frameworks with the EU, per country.

use serde::{Deserialize, Deserializer, Serialize};

use super::Missing;

/// A cell of Tables 5 and 6: whether the country takes part, as the report states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Membership {
    /// An `X` in the report's table, or the report's prose says so.
    Yes,
    /// The report settles that the country does not.
    No,
    /// Concluded but not in force (Table 6's footnote on Turkmenistan).
    NotInForce,
    /// Serialized as the missing value's own key (`unknown`, `not-available`).
    #[serde(untagged)]
    Missing(Missing),
}

impl Membership {
    const ALL: [Membership; 5] = [Membership::Yes, Membership::No, Membership::NotInForce, Membership::Missing(Missing::NotAvailable), Membership::Missing(Missing::Unknown)];

    pub fn missing(self) -> Option<Missing> {
        match self {
            Membership::Missing(m) => Some(m),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Membership {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::keyed(d, &Membership::ALL)
    }
}

columns! {
    /// One country's row of Table 5 (labels: `gcm-…`).
    pub struct Gcm of Membership {
        /// Signed the Global Compact for Migration ("the Marrakesh Pact").
        signed = "signed",
        /// Member of the UN Network on Migration.
        un_network = "un-network",
        /// Prepared a GCM country report.
        country_report = "country-report",
    }
}

columns! {
    /// One country's column of Table 6: the frameworks of cooperation with the EU, in the
    /// report's row order (labels: `framework-…`).
    pub struct EuCooperation of Membership {
        eastern_partnership = "eastern-partnership",
        mobility_partnership = "mobility-partnership",
        /// The Association Agreement and the Deep and Comprehensive Free Trade Agreement (one row).
        association_agreement = "association-agreement",
        visa_liberalisation = "visa-liberalisation",
        visa_facilitation = "visa-facilitation",
        eubam = "eubam",
        black_sea_synergy = "black-sea-synergy",
        readmission_agreement = "readmission-agreement",
        partnership_and_cooperation = "partnership-and-cooperation",
        budapest_process = "budapest-process",
        prague_process = "prague-process",
        bomca = "bomca",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_follow_the_keys() {
        let yaml = EuCooperation::KEYS.iter().map(|k| format!("{}: unknown\n", k.replace('-', "_"))).collect::<String>().replace("bomca: unknown", "bomca: yes");
        let eu: EuCooperation = yaml_serde::from_str(&yaml).unwrap();
        let entries = eu.entries();
        assert_eq!(entries[11], ("bomca", Membership::Yes));
        assert!(entries[..11].iter().all(|(_, m)| *m == Membership::Missing(Missing::Unknown)));
    }

    #[test]
    fn a_bad_value_names_the_keys_and_the_line() {
        let e = yaml_serde::from_str::<Gcm>("signed: yes\nun_network: maybe\ncountry_report: no\n").unwrap_err().to_string();
        assert!(e.contains("invalid value `maybe`"), "{e}");
        assert!(e.contains("`not-in-force`"), "{e}");
        assert!(e.contains("line 2"), "{e}");
        let g = yaml_serde::from_str::<Gcm>("signed: yes\nun_network: unknown\ncountry_report: no\n").unwrap();
        assert_eq!(g.entries().into_iter().map(|(_, m)| m).collect::<Vec<_>>(), [Membership::Yes, Membership::Missing(Missing::Unknown), Membership::No]);
    }
}
