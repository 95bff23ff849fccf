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

/// One country's row of Table 5.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Gcm {
    /// Signed the Global Compact for Migration ("the Marrakech Pact").
    pub signed: Membership,
    /// Member of the UN Network on Migration.
    pub un_network: Membership,
    /// Prepared a GCM country report.
    pub country_report: Membership,
}

impl Gcm {
    /// The columns' keys (labels: `gcm-…`), in the report's order.
    pub const KEYS: [&'static str; 3] = ["signed", "un-network", "country-report"];

    pub fn entries(&self) -> [(&'static str, Membership); 3] {
        let [a, b, c] = Self::KEYS;
        [(a, self.signed), (b, self.un_network), (c, self.country_report)]
    }
}

/// One country's column of Table 6: the frameworks of cooperation with the EU.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EuCooperation {
    pub eastern_partnership: Membership,
    pub mobility_partnership: Membership,
    /// The Association Agreement and the Deep and Comprehensive Free Trade Agreement (one row).
    pub association_agreement: Membership,
    pub visa_liberalisation: Membership,
    pub visa_facilitation: Membership,
    pub eubam: Membership,
    pub black_sea_synergy: Membership,
    pub readmission_agreement: Membership,
    pub partnership_and_cooperation: Membership,
    pub budapest_process: Membership,
    pub prague_process: Membership,
    pub bomca: Membership,
}

impl EuCooperation {
    /// The frameworks' keys (labels: `framework-…`), in the report's row order.
    pub const KEYS: [&'static str; 12] = [
        "eastern-partnership",
        "mobility-partnership",
        "association-agreement",
        "visa-liberalisation",
        "visa-facilitation",
        "eubam",
        "black-sea-synergy",
        "readmission-agreement",
        "partnership-and-cooperation",
        "budapest-process",
        "prague-process",
        "bomca",
    ];

    pub fn entries(&self) -> [(&'static str, Membership); 12] {
        let values = [
            self.eastern_partnership,
            self.mobility_partnership,
            self.association_agreement,
            self.visa_liberalisation,
            self.visa_facilitation,
            self.eubam,
            self.black_sea_synergy,
            self.readmission_agreement,
            self.partnership_and_cooperation,
            self.budapest_process,
            self.prague_process,
            self.bomca,
        ];
        std::array::from_fn(|i| (Self::KEYS[i], values[i]))
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
        assert_eq!(g.entries().map(|(_, m)| m), [Membership::Yes, Membership::Missing(Missing::Unknown), Membership::No]);
    }
}
