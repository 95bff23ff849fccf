//! The report's tables as views: one row type per table, built from a country's data in one
//! language. The `country_table` shortcode renders all rows of a table; a country profile
//! renders that country's row of each.

use serde::Serialize;

use super::{text_view, TextView};
use crate::data::{
    serde_key, Cell, Conventions, Count, Country, DataCollection, Document, EuCooperation, Gcm, Membership, Missing, Problem, Problems,
    Reading, Respondents, Text, TrainingNeeds,
};
use crate::site::Site;

/// The tables a `country_table` shortcode can show, in the report's order.
pub const TABLES: [&str; 10] =
    ["consultation", "authorities", "strategies", "problems", "statelessness", "trafficking", "data-collection", "gcm", "eu-cooperation", "training-needs"];

/// A count: `kind` is `number` (with `value`), `not-available` or `unknown`.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    kind: String,
    value: Option<u32>,
}

impl From<Count> for CellView {
    fn from(c: Count) -> Self {
        match c {
            Count::Number(n) => CellView { kind: "number".into(), value: Some(n) },
            Count::Missing(m) => CellView { kind: serde_key(&m), value: None },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RespondentsView {
    government: CellView,
    cso: CellView,
    /// The CSO column as the report prints it (CSOs plus media).
    cso_column: CellView,
    media: Option<CellView>,
    total: CellView,
}

impl From<&Respondents> for RespondentsView {
    fn from(r: &Respondents) -> Self {
        RespondentsView {
            government: r.government.into(),
            cso: r.cso.into(),
            cso_column: r.cso_column().into(),
            media: r.media.map(Into::into),
            total: r.total().into(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryRef {
    pub code: String,
    pub name: TextView,
    pub url: String,
}

/// Whether a row holds `unknown` or `not-available` cells, for the legend.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Flags {
    pub has_unknown: bool,
    pub has_not_available: bool,
}

impl Flags {
    fn of(missing: impl IntoIterator<Item = Missing>) -> Flags {
        let mut f = Flags::default();
        for m in missing {
            match m {
                Missing::Unknown => f.has_unknown = true,
                Missing::NotAvailable => f.has_not_available = true,
            }
        }
        f
    }
    fn or(self, o: Flags) -> Flags {
        Flags { has_unknown: self.has_unknown || o.has_unknown, has_not_available: self.has_not_available || o.has_not_available }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsultationRow {
    country: CountryRef,
    #[serde(flatten)]
    flags: Flags,
    interviews: RespondentsView,
    questionnaires: RespondentsView,
    note: Option<TextView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthorityRow {
    country: CountryRef,
    name: TextView,
    remarks: Option<TextView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    title: TextView,
    period: Option<String>,
    /// What the report says of the document's status, where it says something.
    note: Option<TextView>,
}

/// A cell of Table 2: documents, a text, or the reason there is none; and a note.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyCellView {
    missing: Option<String>,
    documents: Vec<DocumentView>,
    text: Option<TextView>,
    note: Option<TextView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StrategiesRow {
    country: CountryRef,
    #[serde(flatten)]
    flags: Flags,
    comprehensive: PolicyCellView,
    sectoral: PolicyCellView,
    sdgs: PolicyCellView,
}

#[derive(Debug, Clone, Serialize)]
pub struct MarkView {
    /// The problem's key (label: `problem-…` in the locales).
    problem: String,
    /// `marked`, `not-marked`, `unknown` or `not-available`.
    mark: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemsRow {
    country: CountryRef,
    #[serde(flatten)]
    flags: Flags,
    /// The number of `+` in the row, when the report has the row.
    marks: Option<u8>,
    cells: Vec<MarkView>,
    note: Option<TextView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConventionView {
    /// The convention's key (label: `convention-…`).
    convention: &'static str,
    /// `ratified`, `signed`, `not-ratified` or `unknown` (label: `ratification-…`).
    status: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConventionsRow {
    country: CountryRef,
    #[serde(flatten)]
    flags: Flags,
    cells: Vec<ConventionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TraffickingRow {
    country: CountryRef,
    tier: u8,
}

/// A cell of Table 4.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    /// The column's key (label: `data-…`).
    column: &'static str,
    /// `yes`, `sometimes`, `some-elements`, `extended`, `no`, `not-available` or `unknown`
    /// (labels: `answer-…`; the missing ones through the `missing` component).
    answer: String,
    /// For the statistical reports: how often they are published (labels: `frequency-…`).
    frequency: Vec<String>,
    /// For the statistical reports: whether they are available to the public.
    available: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataCollectionRow {
    country: CountryRef,
    #[serde(flatten)]
    flags: Flags,
    cells: Vec<AnswerView>,
}

/// A cell of Tables 5 and 6.
#[derive(Debug, Clone, Serialize)]
pub struct MembershipView {
    /// The column's key (labels: `gcm-…` or `framework-…`).
    key: &'static str,
    /// `yes`, `no`, `not-in-force`, `unknown` or `not-available` (labels: `membership-…`).
    status: String,
}

/// A country's row of Table 5, or its column of Table 6 (on its profile).
#[derive(Debug, Clone, Serialize)]
pub struct MembershipRow {
    country: CountryRef,
    #[serde(flatten)]
    flags: Flags,
    cells: Vec<MembershipView>,
}

/// A row of Table 6 as the report prints it: one framework, a cell per country.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkRow {
    /// The framework's key (label: `framework-…`).
    framework: &'static str,
    cells: Vec<FrameworkCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FrameworkCell {
    country: CountryRef,
    status: String,
}

/// One country's row of every table (the rows it has data for).
#[derive(Debug, Clone, Serialize)]
pub struct CountryRows {
    pub consultation: Option<ConsultationRow>,
    pub authority: Option<AuthorityRow>,
    pub strategies: Option<StrategiesRow>,
    pub problems: Option<ProblemsRow>,
    pub conventions: Option<ConventionsRow>,
    pub trafficking: Option<TraffickingRow>,
    pub data_collection: Option<DataCollectionRow>,
    pub gcm: Option<MembershipRow>,
    pub eu_cooperation: Option<MembershipRow>,
    pub training_needs: Option<TrainingNeedsCell>,
}

/// A row of Table 7: the values the scan kept, in printed order, and how many cells it lost.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeRow {
    number: u32,
    title: TextView,
    /// `1`…`4` or `not-available` (labels: `priority-…`).
    readings: Vec<String>,
    lost: usize,
    note: Option<TextView>,
}

/// Table 7, whose rows are themes and whose values cannot be put under their countries.
#[derive(Debug, Clone, Serialize)]
pub struct TrainingNeedsView {
    /// The country columns of the table's header.
    countries: Vec<CountryRef>,
    /// The countries the header does not list.
    absent: Vec<CountryRef>,
    themes: Vec<ThemeRow>,
}

/// What a profile says of Table 7: whether the header lists the country (its values are
/// unknown either way: the scan lost the columns).
#[derive(Debug, Clone, Serialize)]
pub struct TrainingNeedsCell {
    in_table: bool,
}

/// A whole table, as a `shortcodes/<id>.html` template gets it.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub id: String,
    pub caption: TextView,
    pub notes: Vec<TextView>,
    /// Column keys, for tables whose columns are data (Tables 3, 4, 5, the conventions).
    pub columns: Vec<String>,
    pub has_unknown: bool,
    pub has_not_available: bool,
    /// The rows, of the table's row type.
    pub rows: serde_json::Value,
    /// Table 1's totals (interviews, questionnaires).
    pub totals: Option<(RespondentsView, RespondentsView)>,
    /// Table 3: the marks its cells show (`marked`, `not-marked`), so its legend explains only
    /// those.
    pub marks_shown: Vec<String>,
}

/// Builds rows in one language.
pub struct Rows<'a> {
    pub site: &'a Site,
    pub lang: &'a str,
}

impl Rows<'_> {
    fn text(&self, t: &Text) -> TextView {
        text_view(t, self.lang, &self.site.config.source_language)
    }

    fn opt(&self, t: &Option<Text>) -> Option<TextView> {
        t.as_ref().map(|t| self.text(t))
    }

    pub fn country_ref(&self, c: &Country) -> CountryRef {
        CountryRef { code: c.code.clone(), name: self.text(&c.name), url: self.site.permalink(&format!("countries/{}", c.code), self.lang) }
    }

    pub fn all(&self, c: &Country) -> CountryRows {
        CountryRows {
            consultation: self.consultation(c),
            authority: self.authority(c),
            strategies: self.strategies(c),
            problems: self.problems(c),
            conventions: self.conventions(c),
            trafficking: self.trafficking(c),
            data_collection: self.data_collection(c),
            gcm: self.gcm(c),
            eu_cooperation: self.eu_cooperation(c),
            training_needs: self.site.data.training_needs.as_ref().map(|t| TrainingNeedsCell { in_table: t.columns.contains(&c.code) }),
        }
    }

    fn training_needs(&self, t: &TrainingNeeds) -> TrainingNeedsView {
        let countries = &self.site.data.countries;
        TrainingNeedsView {
            countries: t.columns.iter().filter_map(|code| countries.iter().find(|c| &c.code == code)).map(|c| self.country_ref(c)).collect(),
            absent: countries.iter().filter(|c| !t.columns.contains(&c.code)).map(|c| self.country_ref(c)).collect(),
            themes: t
                .themes
                .iter()
                .map(|th| ThemeRow {
                    number: th.number,
                    title: self.text(&th.title),
                    readings: th.readings.iter().map(|r| r.key()).collect(),
                    lost: t.lost(th),
                    note: self.opt(&th.note),
                })
                .collect(),
        }
    }

    fn consultation(&self, c: &Country) -> Option<ConsultationRow> {
        c.consultation.as_ref().map(|k| {
            ConsultationRow {
                country: self.country_ref(c),
                flags: Flags::of(k.counts().into_iter().filter_map(Count::missing)),
                interviews: (&k.interviews).into(),
                questionnaires: (&k.questionnaires).into(),
                note: self.opt(&k.note),
            }
        })
    }

    fn authority(&self, c: &Country) -> Option<AuthorityRow> {
        c.authority.as_ref().map(|a| AuthorityRow { country: self.country_ref(c), name: self.text(&a.name), remarks: self.opt(&a.remarks) })
    }

    /// A Table 2 cell: what `content` makes of its value (documents, text), or why it has none.
    fn policy_cell<T>(&self, cell: &Cell<T>, content: impl FnOnce(&T) -> (Vec<DocumentView>, Option<TextView>)) -> PolicyCellView {
        let (documents, text) = cell.content.as_ref().map_or_else(|_| (Vec::new(), None), content);
        PolicyCellView { missing: cell.content.as_ref().err().map(serde_key), documents, text, note: self.opt(&cell.note) }
    }

    fn documents(&self, docs: &[Document]) -> (Vec<DocumentView>, Option<TextView>) {
        let views = docs
            .iter()
            .map(|d| DocumentView { title: self.text(&d.title), period: d.period.clone(), note: self.opt(&d.note) })
            .collect();
        (views, None)
    }

    fn strategies(&self, c: &Country) -> Option<StrategiesRow> {
        c.strategies.as_ref().map(|s| StrategiesRow {
            country: self.country_ref(c),
            flags: Flags::of(s.missing()),
            comprehensive: self.policy_cell(&s.comprehensive, |d| self.documents(d)),
            sectoral: self.policy_cell(&s.sectoral, |d| self.documents(d)),
            sdgs: self.policy_cell(&s.sdgs, |t| (Vec::new(), Some(self.text(t)))),
        })
    }

    fn problems(&self, c: &Country) -> Option<ProblemsRow> {
        c.problems.as_ref().map(|p| {
            let cells = p.cells();
            ProblemsRow {
                country: self.country_ref(c),
                flags: Flags::of(cells.iter().filter_map(|(_, m)| m.missing())),
                marks: match p {
                    Problems::Row { marks, .. } => Some(*marks),
                    Problems::Missing { .. } => None,
                },
                cells: cells.iter().map(|(p, m)| MarkView { problem: serde_key(p), mark: serde_key(m) }).collect(),
                note: match p {
                    Problems::Missing { note, .. } => self.opt(note),
                    Problems::Row { .. } => None,
                },
            }
        })
    }

    fn conventions(&self, c: &Country) -> Option<ConventionsRow> {
        c.conventions.as_ref().map(|k| {
            let entries = k.entries();
            ConventionsRow {
                country: self.country_ref(c),
                flags: Flags::of(entries.iter().filter_map(|(_, r)| r.missing())),
                cells: entries.iter().map(|(key, r)| ConventionView { convention: key, status: serde_key(r) }).collect(),
            }
        })
    }

    fn trafficking(&self, c: &Country) -> Option<TraffickingRow> {
        c.trafficking_tier.map(|t| TraffickingRow { country: self.country_ref(c), tier: t.into() })
    }

    fn data_collection(&self, c: &Country) -> Option<DataCollectionRow> {
        c.data_collection.as_ref().map(|d| DataCollectionRow {
            country: self.country_ref(c),
            flags: Flags::of(d.missing()),
            cells: d
                .entries()
                .map(|(column, answer)| {
                    let reports = column == "statistical-reports" && d.publishes_reports();
                    AnswerView {
                        column,
                        answer: serde_key(&answer),
                        frequency: if reports { d.frequency.iter().map(serde_key).collect() } else { Vec::new() },
                        available: if reports { d.reports_available } else { None },
                    }
                })
                .collect(),
        })
    }

    fn membership_row(&self, c: &Country, entries: &[(&'static str, Membership)]) -> MembershipRow {
        MembershipRow {
            country: self.country_ref(c),
            flags: Flags::of(entries.iter().filter_map(|(_, m)| m.missing())),
            cells: entries.iter().map(|(key, m)| MembershipView { key, status: serde_key(m) }).collect(),
        }
    }

    fn gcm(&self, c: &Country) -> Option<MembershipRow> {
        c.gcm.as_ref().map(|g| self.membership_row(c, &g.entries()))
    }

    fn eu_cooperation(&self, c: &Country) -> Option<MembershipRow> {
        c.eu_cooperation.as_ref().map(|e| self.membership_row(c, &e.entries()))
    }

    /// Every country's row of table `id`, with the caption and notes of `content/tables.yaml`.
    pub fn table(&self, id: &str) -> Result<TableView, String> {
        if !TABLES.contains(&id) {
            return Err(format!("country_table: unknown table `{id}` (expected one of {})", TABLES.join(", ")));
        }
        let meta = self.site.data.tables.get(id).ok_or_else(|| format!("country_table: table `{id}` has no caption in content/tables.yaml"))?;
        let countries = &self.site.data.countries;
        let mut columns = Vec::new();
        let mut marks_shown = Vec::new();
        let mut totals = None;
        fn flags_of<R>(rows: &[R], flags: impl Fn(&R) -> Flags) -> Flags {
            rows.iter().fold(Flags::default(), |a, r| a.or(flags(r)))
        }
        fn collect<R: Serialize>(rows: Vec<R>, flags: impl Fn(&R) -> Flags) -> (serde_json::Value, Flags) {
            (serde_json::to_value(&rows).expect("rows serialize"), flags_of(&rows, flags))
        }
        let (rows, flags) = match id {
            "consultation" => {
                let ks: Vec<_> = countries.iter().filter_map(|c| c.consultation.as_ref()).collect();
                let interviews = Respondents::column_totals(ks.iter().map(|k| &k.interviews));
                let questionnaires = Respondents::column_totals(ks.iter().map(|k| &k.questionnaires));
                totals = Some(((&interviews).into(), (&questionnaires).into()));
                collect(countries.iter().filter_map(|c| self.consultation(c)).collect(), |r| r.flags)
            }
            "authorities" => collect(countries.iter().filter_map(|c| self.authority(c)).collect(), |_| Flags::default()),
            "strategies" => collect(countries.iter().filter_map(|c| self.strategies(c)).collect(), |r| r.flags),
            "problems" => {
                columns = Problem::ALL.iter().map(serde_key).collect();
                let rows: Vec<ProblemsRow> = countries.iter().filter_map(|c| self.problems(c)).collect();
                for kind in ["marked", "not-marked"] {
                    if rows.iter().any(|r| r.cells.iter().any(|c| c.mark == kind)) {
                        marks_shown.push(kind.to_string());
                    }
                }
                collect(rows, |r| r.flags)
            }
            "statelessness" => {
                columns = Conventions::KEYS.iter().map(|k| k.to_string()).collect();
                collect(countries.iter().filter_map(|c| self.conventions(c)).collect(), |r| r.flags)
            }
            "trafficking" => collect(countries.iter().filter_map(|c| self.trafficking(c)).collect(), |_| Flags::default()),
            "data-collection" => {
                columns = DataCollection::KEYS.iter().map(|k| k.to_string()).collect();
                collect(countries.iter().filter_map(|c| self.data_collection(c)).collect(), |r| r.flags)
            }
            "gcm" => {
                columns = Gcm::KEYS.iter().map(|k| k.to_string()).collect();
                collect(countries.iter().filter_map(|c| self.gcm(c)).collect(), |r| r.flags)
            }
            "eu-cooperation" => {
                // Printed transposed: each row names its framework, so no column keys.
                let by_country: Vec<MembershipRow> = countries.iter().filter_map(|c| self.eu_cooperation(c)).collect();
                (serde_json::to_value(frameworks(&by_country)).expect("rows serialize"), flags_of(&by_country, |r| r.flags))
            }
            "training-needs" => {
                let t = self.site.data.training_needs.as_ref().ok_or("country_table: table `training-needs` has no data: content/training-needs.yaml is missing")?;
                let flags = Flags {
                    has_unknown: t.themes.iter().any(|th| t.lost(th) > 0),
                    has_not_available: t.themes.iter().any(|th| th.readings.contains(&Reading::NotAvailable)),
                };
                (serde_json::to_value(self.training_needs(t)).expect("rows serialize"), flags)
            }
            _ => unreachable!("checked against TABLES"),
        };
        Ok(TableView {
            id: id.to_string(),
            caption: self.text(&meta.caption),
            notes: meta.notes.iter().map(|n| self.text(n)).collect(),
            columns,
            has_unknown: flags.has_unknown,
            has_not_available: flags.has_not_available,
            rows,
            totals,
            marks_shown,
        })
    }
}

/// Table 6 as the report prints it: a row per framework, a column per country.
fn frameworks(columns: &[MembershipRow]) -> Vec<FrameworkRow> {
    EuCooperation::KEYS
        .iter()
        .enumerate()
        .map(|(i, framework)| FrameworkRow {
            framework,
            cells: columns.iter().map(|col| FrameworkCell { country: col.country.clone(), status: col.cells[i].status.clone() }).collect(),
        })
        .collect()
}
