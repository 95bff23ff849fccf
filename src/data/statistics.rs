//! Chapter 1, section 6: Table 4, the components of data collection and analysis per country.

use std::collections::BTreeSet;

use serde::{Deserialize, Deserializer, Serialize};

use super::Missing;

/// A cell of Table 4, as the report writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// "Bəli".
    Yes,
    /// "Bəli, bəzən": yes, but not regularly.
    Sometimes,
    /// "Yalnız bəzi elementlər": only some elements.
    SomeElements,
    /// "GMP": an extended migration profile (only in the migration profile column).
    Extended,
    /// "Xeyr".
    No,
    /// Serialized as the missing value's own key (`not-available`: "Mövcud deyil"; `unknown`).
    #[serde(untagged)]
    Missing(Missing),
}

impl Answer {
    pub fn missing(self) -> Option<Missing> {
        match self {
            Answer::Missing(m) => Some(m),
            _ => None,
        }
    }

    const ALL: [Answer; 7] =
        [Answer::Yes, Answer::Sometimes, Answer::SomeElements, Answer::Extended, Answer::No, Answer::Missing(Missing::NotAvailable), Answer::Missing(Missing::Unknown)];
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::keyed(d, &Answer::ALL)
    }
}

/// How often statistical reports are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    Annual,
    Quarterly,
    Monthly,
}

/// One country's row of Table 4: the seven components, in the report's column order.
#[derive(Debug, Clone, PartialEq)]
pub struct DataCollection {
    /// The seven answers, in the order of [`DataCollection::KEYS`].
    pub answers: [Answer; 7],
    /// How often the statistical reports are published (when they are).
    pub frequency: BTreeSet<Frequency>,
    /// The report's "(mövcuddur)" / "(mövcud deyil)" after the frequency: whether the
    /// reports are available to the public.
    pub reports_available: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    unit: Answer,
    analysts: Answer,
    migration_profile: Answer,
    gender_data: Answer,
    data_sharing: Answer,
    data_protection: Answer,
    statistical_reports: Answer,
    #[serde(default)]
    report_frequency: Vec<Frequency>,
    #[serde(default)]
    reports_available: Option<bool>,
}

impl DataCollection {
    /// The columns' keys (labels: `data-…` in the locales), in the report's order.
    pub const KEYS: [&'static str; 7] = ["unit", "analysts", "migration-profile", "gender-data", "data-sharing", "data-protection", "statistical-reports"];

    /// The components as (key, answer), in the report's order.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, Answer)> + '_ {
        Self::KEYS.into_iter().zip(self.answers)
    }

    fn from_raw(r: Raw) -> Result<DataCollection, String> {
        let answers = [r.unit, r.analysts, r.migration_profile, r.gender_data, r.data_sharing, r.data_protection, r.statistical_reports];
        for (key, a) in Self::KEYS.iter().zip(answers) {
            if a == Answer::Extended && *key != "migration-profile" {
                return Err(format!("`extended` (GMP) is a kind of migration profile; `{}` cannot take it", key.replace('-', "_")));
            }
        }
        if !publishes(r.statistical_reports) && (!r.report_frequency.is_empty() || r.reports_available.is_some()) {
            return Err("`report_frequency` and `reports_available` describe published reports; `statistical_reports` is not `yes`".into());
        }
        let frequency: BTreeSet<Frequency> = r.report_frequency.iter().copied().collect();
        if frequency.len() != r.report_frequency.len() {
            return Err("`report_frequency` lists a frequency twice".into());
        }
        Ok(DataCollection { answers, frequency, reports_available: r.reports_available })
    }

    /// Whether the country publishes statistical reports (their frequency and availability apply).
    pub fn publishes_reports(&self) -> bool {
        publishes(self.answers[6])
    }

    /// The missing values of the row, for the legend.
    pub fn missing(&self) -> impl Iterator<Item = Missing> + '_ {
        self.answers.iter().filter_map(|a| a.missing())
    }
}

fn publishes(statistical_reports: Answer) -> bool {
    !matches!(statistical_reports, Answer::No | Answer::Missing(_))
}

impl<'de> Deserialize<'de> for DataCollection {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::missing_or_map(
            d,
            "`not-available` (every cell of the row), or a mapping of the seven components",
            |m| DataCollection { answers: [Answer::Missing(m); 7], frequency: BTreeSet::new(), reports_available: None },
            DataCollection::from_raw,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(yaml: &str) -> Result<DataCollection, String> {
        yaml_serde::from_str(yaml).map_err(|e| e.to_string())
    }

    const ROW: &str = "unit: yes\nanalysts: no\nmigration_profile: extended\ngender_data: sometimes\ndata_sharing: not-available\ndata_protection: some-elements\nstatistical_reports: yes\n";

    #[test]
    fn a_row_reads_in_column_order() {
        let r = row(&format!("{ROW}report_frequency: [quarterly, annual]\nreports_available: false\n")).unwrap();
        assert_eq!(r.answers, [Answer::Yes, Answer::No, Answer::Extended, Answer::Sometimes, Answer::Missing(Missing::NotAvailable), Answer::SomeElements, Answer::Yes]);
        assert_eq!(r.frequency.into_iter().collect::<Vec<_>>(), [Frequency::Annual, Frequency::Quarterly]);
        assert_eq!(r.reports_available, Some(false));
        let all = row("not-available").unwrap();
        assert!(all.answers.iter().all(|a| *a == Answer::Missing(Missing::NotAvailable)));
    }

    #[test]
    fn impossible_rows_are_errors() {
        let e = row(&ROW.replace("unit: yes", "unit: extended")).unwrap_err();
        assert!(e.contains("`unit` cannot take it"), "{e}");
        let e = row(&format!("{}report_frequency: [annual]\n", ROW.replace("statistical_reports: yes", "statistical_reports: no"))).unwrap_err();
        assert!(e.contains("is not `yes`"), "{e}");
        let e = row(&format!("{ROW}report_frequency: [annual, annual]\n")).unwrap_err();
        assert!(e.contains("twice"), "{e}");
        let e = row(&ROW.replace("gender_data: sometimes", "gender_data: often")).unwrap_err();
        assert!(e.contains("gender_data") || e.contains("often"), "{e}");
        assert!(e.contains("line 4"), "{e}");
        let e = row("unit: yes").unwrap_err();
        assert!(e.contains("missing field `analysts`"), "{e}");
    }
}
