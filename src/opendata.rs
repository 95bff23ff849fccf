//! Open data: every table of the report, the draft curriculum and the countries list as CSV and
//! JSON in each language, and a Frictionless Data Package describing the CSV files. A table's
//! rows come from the view its HTML table is rendered from ([`Rows::table`]), so the numbers in
//! the downloads are the numbers on the page. Built once per language; nothing here writes.

use serde_json::{json, Map, Value};

use crate::data::{serde_key, Missing, Targets};
use crate::i18n::Arg;
use crate::render::tables::Rows;
use crate::render::TABLES;
use crate::site::Site;
use crate::trace;

/// The downloads in the report's order: its tables, the draft curriculum (Chapter 4), and the
/// countries list.
pub fn ids(site: &Site) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = TABLES.iter().copied().filter(|id| site.data.tables.contains_key(*id)).collect();
    if !site.data.curriculum.is_empty() {
        ids.push("curriculum");
    }
    if !site.data.countries.is_empty() {
        ids.push("countries");
    }
    ids
}

/// A column: a key that is the same in every language, and its label in the file's language
/// (the CSV's header, and the field's name in the Table Schema).
#[derive(Debug, Clone)]
pub struct Field {
    pub key: String,
    pub label: String,
    pub integer: bool,
    /// The allowed values of a categorical column, as the file writes them.
    pub allowed: Vec<String>,
}

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Number(u64),
    Text(String),
    Missing(Missing),
    /// The report prints nothing there (no remarks, no media count).
    Empty,
}

/// One download: a table in one language.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub id: String,
    pub title: String,
    pub notes: Vec<String>,
    /// What a row is: `country`, `framework`, `theme` or `activity` (for the data page's line).
    pub row_kind: &'static str,
    pub fields: Vec<Field>,
    pub rows: Vec<Vec<Cell>>,
    pub primary_key: Vec<String>,
    /// Table 1's totals row, which the CSV leaves out.
    pub totals: Option<Value>,
}

/// The words a file writes for the missing values: `unknown`, `not available`.
pub struct Markers {
    pub unknown: String,
    pub not_available: String,
}

impl Markers {
    pub fn of(site: &Site, lang: &str) -> Result<Markers, String> {
        Ok(Markers {
            unknown: site.i18n.translate(lang, "value-unknown", &[])?,
            not_available: site.i18n.translate(lang, "value-not-available", &[])?,
        })
    }

    fn word(&self, m: Missing) -> &str {
        match m {
            Missing::Unknown => &self.unknown,
            Missing::NotAvailable => &self.not_available,
        }
    }

    /// The Table Schema's `missingValues`: an empty cell, and the two words.
    pub fn schema(&self) -> Vec<&str> {
        vec!["", &self.unknown, &self.not_available]
    }
}

/// Builds the downloads of one language.
struct Builder<'a> {
    site: &'a Site,
    lang: &'a str,
}

/// A missing value's key (`unknown`, `not-available`) as a [`Missing`].
fn missing(key: &str) -> Option<Missing> {
    match key {
        "unknown" => Some(Missing::Unknown),
        "not-available" => Some(Missing::NotAvailable),
        _ => None,
    }
}

fn str_of<'v>(v: &'v Value, path: &[&str]) -> Option<&'v str> {
    path.iter().try_fold(v, |v, k| v.get(k)).and_then(Value::as_str)
}

impl Builder<'_> {
    fn t(&self, key: &str) -> Result<String, String> {
        self.site.i18n.translate(self.lang, key, &[])
    }

    fn t_args(&self, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        self.site.i18n.translate(self.lang, key, args)
    }

    fn field(&self, key: &str, label_key: &str) -> Result<Field, String> {
        Ok(Field { key: key.into(), label: self.t(label_key)?, integer: false, allowed: Vec::new() })
    }

    fn integer(&self, key: &str, label: String) -> Field {
        Field { key: key.into(), label, integer: true, allowed: Vec::new() }
    }

    /// A categorical column: its values are the labels `prefix ~ key` of `keys`.
    /// A column of labelled values: `values` are the data's own (the lists `crate::trace`
    /// checks every label of), so a new value is allowed here as soon as it exists.
    fn categorical<T: serde::Serialize>(&self, key: &str, label: String, prefix: &str, values: &[T]) -> Result<Field, String> {
        let allowed = values.iter().map(|v| self.t(&format!("{prefix}{}", serde_key(v)))).collect::<Result<_, _>>()?;
        Ok(Field { key: key.into(), label, integer: false, allowed })
    }

    /// A keyed value: a missing one as its marker, the others as their label.
    fn value(&self, key: &str, prefix: &str) -> Result<Cell, String> {
        Ok(match missing(key) {
            Some(m) => Cell::Missing(m),
            None => Cell::Text(self.t(&format!("{prefix}{key}"))?),
        })
    }

    /// The first two columns of a table with a row per country.
    fn country_fields(&self) -> Result<Vec<Field>, String> {
        Ok(vec![self.field("country-code", "opendata-col-code")?, self.field("country", "col-country")?])
    }

    fn country_cells(row: &Value) -> Vec<Cell> {
        vec![
            Cell::Text(str_of(row, &["country", "code"]).unwrap_or_default().to_string()),
            Cell::Text(str_of(row, &["country", "name", "text"]).unwrap_or_default().to_string()),
        ]
    }

    fn text(v: &Value) -> Cell {
        match v.get("text").and_then(Value::as_str) {
            Some(s) => Cell::Text(s.to_string()),
            None => Cell::Empty,
        }
    }

    /// A count of Table 1 (`CellView`).
    fn count(v: &Value) -> Cell {
        match (v.get("kind").and_then(Value::as_str), v.get("value").and_then(Value::as_u64)) {
            (Some("number"), Some(n)) => Cell::Number(n),
            (Some(k), _) => missing(k).map_or(Cell::Empty, Cell::Missing),
            _ => Cell::Empty,
        }
    }

    fn dataset(&self, id: &str) -> Result<Dataset, String> {
        match id {
            "curriculum" => return self.curriculum(),
            "countries" => return self.countries(),
            _ => {}
        }
        let view = Rows { site: self.site, lang: self.lang }.table(id)?;
        let empty = Vec::new();
        let rows = view.rows.as_array().unwrap_or(&empty);
        let mut fields = self.country_fields()?;
        let mut cells: Vec<Vec<Cell>> = rows.iter().map(Self::country_cells).collect();
        let mut primary_key = vec![fields[0].label.clone()];
        let mut row_kind = "country";
        let mut totals = None;
        let note = |b: &Builder| b.field("note", "opendata-col-note");
        match id {
            "consultation" => {
                for (side, side_key) in [("interviews", "col-interviews"), ("questionnaires", "col-questionnaires")] {
                    let group = self.t(side_key)?;
                    // "Of which media" only where the report counts media on this side.
                    let media = rows.iter().any(|r| !r[side]["media"].is_null());
                    for (col, col_key) in [("government", "col-government"), ("cso", "col-cso"), ("media", "opendata-col-media"), ("total", "col-total")] {
                        if col != "media" || media {
                            fields.push(self.integer(&format!("{side}-{col}"), format!("{group}: {}", self.t(col_key)?)));
                        }
                    }
                    for (row, out) in rows.iter().zip(&mut cells) {
                        let r = &row[side];
                        out.push(Self::count(&r["government"]));
                        // The CSO column as the report prints it: CSOs and media.
                        out.push(Self::count(&r["cso_column"]));
                        if media {
                            out.push(Self::count(&r["media"]));
                        }
                        out.push(Self::count(&r["total"]));
                    }
                }
                fields.push(note(self)?);
                for (row, out) in rows.iter().zip(&mut cells) {
                    out.push(Self::text(&row["note"]));
                }
                if let Some((i, q)) = &view.totals {
                    let side = |r: &crate::render::tables::RespondentsView| -> Value {
                        let v = serde_json::to_value(r).unwrap_or_default();
                        let cell = |c: &Value| self.json_cell(&Self::count(c));
                        json!({ "government": cell(&v["government"]), "cso": cell(&v["cso_column"]), "media": cell(&v["media"]), "total": cell(&v["total"]) })
                    };
                    totals = Some(json!({ "interviews": side(i), "questionnaires": side(q) }));
                }
            }
            "authorities" => {
                fields.push(self.field("authority", "col-authority")?);
                fields.push(self.field("remarks", "col-remarks")?);
                for (row, out) in rows.iter().zip(&mut cells) {
                    out.push(Self::text(&row["name"]));
                    out.push(Self::text(&row["remarks"]));
                }
            }
            "strategies" => {
                let columns = [("comprehensive", "col-comprehensive-policy"), ("sectoral", "col-sectoral-policies"), ("sdgs", "col-sdgs-gcm")];
                let note_label = self.t("opendata-col-note")?;
                for (key, label_key) in columns {
                    let label = self.t(label_key)?;
                    fields.push(Field { key: key.into(), label: label.clone(), integer: false, allowed: Vec::new() });
                    fields.push(Field { key: format!("{key}-note"), label: format!("{label}: {note_label}"), integer: false, allowed: Vec::new() });
                }
                for (row, out) in rows.iter().zip(&mut cells) {
                    for (key, _) in columns {
                        let c = &row[key];
                        out.push(self.policy_cell(c));
                        out.push(Self::text(&c["note"]));
                    }
                }
            }
            "problems" => {
                fields.push(self.integer("marks", self.t("col-marks")?));
                for k in &view.columns {
                    fields.push(self.categorical(k, self.t(&format!("problem-{k}"))?, "mark-", &trace::MARKS)?);
                }
                fields.push(note(self)?);
                for (row, out) in rows.iter().zip(&mut cells) {
                    let marks = row["cells"].as_array().unwrap_or(&empty);
                    out.push(match row["marks"].as_u64() {
                        Some(n) => Cell::Number(n),
                        // A row the report does not have: its marks are missing as its cells.
                        None => marks.first().and_then(|c| c["mark"].as_str()).and_then(missing).map_or(Cell::Empty, Cell::Missing),
                    });
                    for c in marks {
                        out.push(self.value(c["mark"].as_str().unwrap_or_default(), "mark-")?);
                    }
                    out.push(Self::text(&row["note"]));
                }
            }
            "statelessness" => {
                for k in &view.columns {
                    fields.push(self.categorical(k, self.t(&format!("convention-{k}"))?, "ratification-", &trace::RATIFICATIONS)?);
                }
                for (row, out) in rows.iter().zip(&mut cells) {
                    for c in row["cells"].as_array().unwrap_or(&empty) {
                        out.push(self.value(c["status"].as_str().unwrap_or_default(), "ratification-")?);
                    }
                }
            }
            "trafficking" => {
                fields.push(self.integer("tier", self.t("col-tier")?));
                for (row, out) in rows.iter().zip(&mut cells) {
                    out.push(row["tier"].as_u64().map_or(Cell::Empty, Cell::Number));
                }
            }
            "data-collection" => {
                for k in &view.columns {
                    fields.push(self.categorical(k, self.t(&format!("data-{k}"))?, "answer-", &trace::ANSWERS)?);
                }
                fields.push(self.field("statistical-reports-publication", "opendata-col-reports-publication")?);
                for (row, out) in rows.iter().zip(&mut cells) {
                    let mut publication = Cell::Empty;
                    for c in row["cells"].as_array().unwrap_or(&empty) {
                        out.push(self.value(c["answer"].as_str().unwrap_or_default(), "answer-")?);
                        if let Some(p) = self.publication(c)? {
                            publication = Cell::Text(p);
                        }
                    }
                    out.push(publication);
                }
            }
            "gcm" => {
                for k in &view.columns {
                    fields.push(self.categorical(k, self.t(&format!("gcm-{k}"))?, "membership-", &trace::MEMBERSHIPS)?);
                }
                for (row, out) in rows.iter().zip(&mut cells) {
                    for c in row["cells"].as_array().unwrap_or(&empty) {
                        out.push(self.value(c["status"].as_str().unwrap_or_default(), "membership-")?);
                    }
                }
            }
            "eu-cooperation" => {
                // The report prints a row per framework; the file has a row per country, as
                // Table 5 and the profiles have it (the values are the same).
                let countries = rows.first().and_then(|r| r["cells"].as_array()).unwrap_or(&empty);
                cells = countries.iter().map(Self::country_cells).collect();
                for (j, framework) in rows.iter().enumerate() {
                    let k = framework["framework"].as_str().unwrap_or_default();
                    fields.push(self.categorical(k, self.t(&format!("framework-{k}"))?, "membership-", &trace::MEMBERSHIPS)?);
                    for (i, out) in cells.iter_mut().enumerate() {
                        let status = rows[j]["cells"][i]["status"].as_str().unwrap_or_default();
                        out.push(self.value(status, "membership-")?);
                    }
                }
            }
            "training-needs" => {
                // A row per theme, as the report prints it: the scan lost which country each
                // value belongs to, so the values stand in printed order, the lost ones last.
                row_kind = "theme";
                let v = &view.rows;
                let count = v["countries"].as_array().map_or(0, Vec::len);
                fields = vec![self.integer("number", self.t("col-theme-number")?), self.field("theme", "col-theme")?];
                primary_key = vec![fields[0].label.clone()];
                for n in 1..=count {
                    let label = self.t_args("opendata-col-reading", &[("number", Arg::Number(n as f64))])?;
                    fields.push(self.integer(&format!("value-{n}"), label));
                }
                fields.push(note(self)?);
                cells = Vec::new();
                for th in v["themes"].as_array().unwrap_or(&empty) {
                    let mut out = vec![th["number"].as_u64().map_or(Cell::Empty, Cell::Number), Self::text(&th["title"])];
                    for r in th["readings"].as_array().unwrap_or(&empty) {
                        let r = r.as_str().unwrap_or_default();
                        out.push(match (missing(r), r.parse::<u64>()) {
                            (Some(m), _) => Cell::Missing(m),
                            (None, Ok(n)) => Cell::Number(n),
                            (None, Err(_)) => return Err(format!("training-needs: unexpected value `{r}`")),
                        });
                    }
                    for _ in 0..th["lost"].as_u64().unwrap_or(0) {
                        out.push(Cell::Missing(Missing::Unknown));
                    }
                    out.resize(count + 2, Cell::Missing(Missing::Unknown));
                    out.push(Self::text(&th["note"]));
                    cells.push(out);
                }
            }
            _ => return Err(format!("open data: no download for table `{id}`")),
        }
        Ok(Dataset {
            id: id.to_string(),
            title: view.caption.text,
            notes: view.notes.into_iter().map(|n| n.text).collect(),
            row_kind,
            fields,
            rows: cells,
            primary_key,
            totals,
        })
    }

    /// A Table 2 cell in one line: the reason it has no value, or its documents ("title
    /// (period): note", separated by "; "), or its text.
    fn policy_cell(&self, c: &Value) -> Cell {
        if let Some(m) = c["missing"].as_str().and_then(missing) {
            return Cell::Missing(m);
        }
        let docs: Vec<String> = c["documents"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| {
                let mut s = str_of(d, &["title", "text"]).unwrap_or_default().to_string();
                if let Some(p) = d["period"].as_str() {
                    s.push_str(&format!(" ({p})"));
                }
                if let Some(n) = str_of(d, &["note", "text"]) {
                    s.push_str(&format!(": {n}"));
                }
                s
            })
            .collect();
        if !docs.is_empty() {
            return Cell::Text(docs.join("; "));
        }
        Self::text(&c["text"])
    }

    /// What Table 4 says after "Yes" in the statistical reports' cell: how often they are
    /// published, and whether the public can read them.
    fn publication(&self, c: &Value) -> Result<Option<String>, String> {
        let frequency: Vec<String> = c["frequency"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|f| self.t(&format!("frequency-{f}")))
            .collect::<Result<_, _>>()?;
        let mut parts = Vec::new();
        if !frequency.is_empty() {
            parts.push(frequency.join(", "));
        }
        match c["available"].as_bool() {
            Some(true) => parts.push(format!("({})", self.t("reports-available")?)),
            Some(false) => parts.push(format!("({})", self.t("reports-not-available")?)),
            None => {}
        }
        Ok(if parts.is_empty() { None } else { Some(parts.join(" ")) })
    }

    fn curriculum(&self) -> Result<Dataset, String> {
        let src = &self.site.config.source_language;
        let text = |t: &crate::data::Text| crate::render::text_view(t, self.lang, src).text;
        let fields = vec![
            self.integer("part", self.t("opendata-col-part")?),
            self.field("part-title", "opendata-col-part-title")?,
            self.integer("module", self.t("opendata-col-module")?),
            self.field("module-title", "opendata-col-module-title")?,
            self.field("activity", "opendata-col-activity")?,
            self.field("stakeholders", "curriculum-stakeholders")?,
            self.field("stakeholders-note", "opendata-col-stakeholders-note")?,
            self.field("level", "curriculum-level")?,
            self.field("note", "opendata-col-note")?,
        ];
        let mut rows = Vec::new();
        for p in &self.site.data.curriculum {
            for m in &p.modules {
                for a in &m.activities {
                    let terms = |keys: Option<Vec<String>>, prefix: &str| -> Result<Cell, String> {
                        Ok(match keys {
                            None => Cell::Missing(Missing::Unknown),
                            Some(k) => Cell::Text(k.iter().map(|k| self.t(&format!("{prefix}{k}"))).collect::<Result<Vec<_>, _>>()?.join(" + ")),
                        })
                    };
                    let keys = |t: &Targets<_>| match t {
                        Targets::Keys(k) => Some(k.iter().map(serde_key).collect::<Vec<_>>()),
                        Targets::Unknown => None,
                    };
                    let levels = match &a.level {
                        Targets::Keys(k) => Some(k.iter().map(serde_key).collect::<Vec<_>>()),
                        Targets::Unknown => None,
                    };
                    rows.push(vec![
                        Cell::Number(p.number.into()),
                        Cell::Text(text(&p.title)),
                        Cell::Number(m.number.into()),
                        Cell::Text(text(&m.title)),
                        Cell::Text(text(&a.title)),
                        terms(keys(&a.stakeholders), "stakeholder-")?,
                        a.stakeholders_note.as_ref().map_or(Cell::Empty, |n| Cell::Text(text(n))),
                        terms(levels, "level-")?,
                        a.note.as_ref().map_or(Cell::Empty, |n| Cell::Text(text(n))),
                    ]);
                }
            }
        }
        Ok(Dataset {
            id: "curriculum".into(),
            title: self.t("opendata-curriculum-title")?,
            notes: Vec::new(),
            row_kind: "activity",
            fields,
            rows,
            primary_key: Vec::new(),
            totals: None,
        })
    }

    fn countries(&self) -> Result<Dataset, String> {
        let src = &self.site.config.source_language;
        let text = |t: &crate::data::Text| crate::render::text_view(t, self.lang, src).text;
        let mut fields = self.country_fields()?;
        fields.push(self.field("official-name", "col-official-name")?);
        fields.push(self.categorical("region", self.t("col-region")?, "region-", &trace::REGIONS)?);
        fields.push(self.categorical("participation", self.t("col-participation")?, "participation-", &trace::PARTICIPATIONS)?);
        fields.push(self.field("participation-note", "opendata-col-note")?);
        let mut rows = Vec::new();
        for c in &self.site.data.countries {
            rows.push(vec![
                Cell::Text(c.code.clone()),
                Cell::Text(text(&c.name)),
                Cell::Text(text(&c.official_name)),
                Cell::Text(self.t(&format!("region-{}", serde_key(&c.region)))?),
                Cell::Text(self.t(&format!("participation-{}", serde_key(&c.participation)))?),
                c.participation_note.as_ref().map_or(Cell::Empty, |n| Cell::Text(text(n))),
            ]);
        }
        let primary_key = vec![fields[0].label.clone()];
        Ok(Dataset {
            id: "countries".into(),
            title: self.t("opendata-countries-title")?,
            notes: vec![self.t("region-explanation")?],
            row_kind: "country",
            fields,
            rows,
            primary_key,
            totals: None,
        })
    }

    fn json_cell(&self, c: &Cell) -> Value {
        match c {
            Cell::Number(n) => json!(n),
            Cell::Text(s) => json!(s),
            Cell::Missing(m) => json!(self.markers().map(|w| w.word(*m).to_string()).unwrap_or_default()),
            Cell::Empty => Value::Null,
        }
    }

    fn markers(&self) -> Result<Markers, String> {
        Markers::of(self.site, self.lang)
    }
}

/// Every download of `lang`, in the report's order.
pub fn datasets(site: &Site, lang: &str) -> Result<Vec<Dataset>, String> {
    let b = Builder { site, lang };
    ids(site).into_iter().map(|id| b.dataset(id)).collect()
}

/// A dataset as CSV: UTF-8 with a byte order mark (so that spreadsheet programs read its
/// letters right), a header row of the column labels, a row per record.
pub fn csv(d: &Dataset, markers: &Markers) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    let err = |e: csv::Error| format!("CSV of `{}`: {e}", d.id);
    w.write_record(d.fields.iter().map(|f| f.label.as_str())).map_err(err)?;
    for row in &d.rows {
        w.write_record(row.iter().map(|c| match c {
            Cell::Number(n) => n.to_string(),
            Cell::Text(s) => s.clone(),
            Cell::Missing(m) => markers.word(*m).to_string(),
            Cell::Empty => String::new(),
        }))
        .map_err(err)?;
    }
    w.into_inner().map_err(|e| format!("CSV of `{}`: {e}", d.id))
}

/// A dataset as JSON: its title and notes, its columns (key, label, type), the missing-value
/// words, its rows as objects keyed by the columns' keys, and Table 1's totals.
pub fn json(d: &Dataset, lang: &str, markers: &Markers) -> Vec<u8> {
    let cell = |c: &Cell| match c {
        Cell::Number(n) => json!(n),
        Cell::Text(s) => json!(s),
        Cell::Missing(m) => json!(markers.word(*m)),
        Cell::Empty => Value::Null,
    };
    let rows: Vec<Value> = d
        .rows
        .iter()
        .map(|r| Value::Object(d.fields.iter().zip(r).map(|(f, c)| (f.key.clone(), cell(c))).collect::<Map<_, _>>()))
        .collect();
    let mut out = json!({
        "id": d.id,
        "language": lang,
        "title": d.title,
        "notes": d.notes,
        "columns": d.fields.iter().map(|f| json!({ "key": f.key, "label": f.label, "type": if f.integer { "integer" } else { "string" } })).collect::<Vec<_>>(),
        "missing_values": { "unknown": markers.unknown, "not-available": markers.not_available, "empty": Value::Null },
        "rows": rows,
    });
    if let Some(t) = &d.totals {
        out["totals"] = t.clone();
    }
    let mut bytes = serde_json::to_vec_pretty(&out).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The Table Schema of a dataset's CSV.
pub fn schema(d: &Dataset, markers: &Markers) -> Value {
    let fields: Vec<Value> = d
        .fields
        .iter()
        .map(|f| {
            let mut v = json!({ "name": f.label, "type": if f.integer { "integer" } else { "string" } });
            if !f.allowed.is_empty() {
                v["constraints"] = json!({ "enum": f.allowed });
            }
            v
        })
        .collect();
    let mut s = json!({ "fields": fields, "missingValues": markers.schema() });
    if !d.primary_key.is_empty() {
        s["primaryKey"] = json!(d.primary_key);
    }
    s
}

/// The Data Package of a language: a resource per CSV, paths relative to its own folder.
pub fn package(site: &Site, lang: &str, sets: &[Dataset], markers: &Markers) -> Result<Vec<u8>, String> {
    let resources: Vec<Value> = sets
        .iter()
        .map(|d| {
            json!({
                "name": d.id,
                "path": format!("{}.csv", d.id),
                "title": d.title,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(d, markers),
            })
        })
        .collect();
    let p = json!({
        "name": format!("rtcm-report-2021-{lang}"),
        "title": site.i18n.translate(lang, "opendata-package-title", &[])?,
        "description": site.i18n.translate(lang, "opendata-intro", &[])?,
        "homepage": site.absolute(&site.permalink("data", lang)),
        "sources": [{ "title": site.config.title[lang], "path": site.absolute(&site.permalink("", lang)) }],
        "resources": resources,
    });
    let mut bytes = serde_json::to_vec_pretty(&p).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}
