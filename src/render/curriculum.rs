//! The draft curriculum as a view: parts, modules and activities in one language, each cell's
//! terms as the report prints them, and the stakeholder and level keys the filter offers.

use serde::Serialize;

use super::{text_view, TextView};
use crate::data::{serde_key, Activity, LevelGroup, Part, Stakeholder, Targets};
use crate::site::Site;

#[derive(Debug, Clone, Serialize)]
pub struct ActivityView {
    title: TextView,
    /// The cell's terms (labels: `stakeholder-…`), or `None` when the scan lost the cell.
    stakeholders: Option<Vec<String>>,
    stakeholders_note: Option<TextView>,
    /// The filter's stakeholder keys the activity matches.
    stakeholder_keys: Vec<String>,
    /// The cell's terms (labels: `level-…`), or `None` when the scan lost the cell.
    levels: Option<Vec<String>>,
    /// The filter's level keys (labels: `level-group-…`) the activity matches.
    level_keys: Vec<String>,
    note: Option<TextView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModuleView {
    number: u32,
    title: TextView,
    intro: Option<TextView>,
    activities: Vec<ActivityView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    number: u32,
    title: TextView,
    modules: Vec<ModuleView>,
}

/// The whole curriculum, as `shortcodes/curriculum.html` gets it.
#[derive(Debug, Clone, Serialize)]
pub struct CurriculumView {
    parts: Vec<PartView>,
    /// The stakeholder keys some activity matches, in the keys' order (the filter's options).
    stakeholders: Vec<String>,
    /// The level keys some activity matches, in the keys' order.
    levels: Vec<String>,
    /// The number of activities.
    total: usize,
    /// The module numbers the draft skips, below its last ("7, 10, 15, 17, 19"), or empty.
    missing_modules: String,
}

fn keys<T: Copy + Serialize>(t: &Targets<T>) -> Option<Vec<String>> {
    match t {
        Targets::Keys(k) => Some(k.iter().map(serde_key).collect()),
        Targets::Unknown => None,
    }
}

/// The keys of `all` that some activity matches.
fn used<T: Copy + Serialize + PartialEq>(all: &[T], activities: &[&Activity], of: impl Fn(&Activity) -> Vec<T>) -> Vec<String> {
    let matched: Vec<Vec<T>> = activities.iter().map(|a| of(a)).collect();
    all.iter().filter(|k| matched.iter().any(|m| m.contains(k))).map(serde_key).collect()
}

pub fn view(site: &Site, parts: &[Part], lang: &str) -> CurriculumView {
    let src = &site.config.source_language;
    let text = |t| text_view(t, lang, src);
    let activities: Vec<&Activity> = parts.iter().flat_map(|p| &p.modules).flat_map(|m| &m.activities).collect();
    CurriculumView {
        parts: parts
            .iter()
            .map(|p| PartView {
                number: p.number,
                title: text(&p.title),
                modules: p
                    .modules
                    .iter()
                    .map(|m| ModuleView {
                        number: m.number,
                        title: text(&m.title),
                        intro: m.intro.as_ref().map(text),
                        activities: m
                            .activities
                            .iter()
                            .map(|a| ActivityView {
                                title: text(&a.title),
                                stakeholders: keys(&a.stakeholders),
                                stakeholders_note: a.stakeholders_note.as_ref().map(text),
                                stakeholder_keys: a.stakeholder_groups().iter().map(serde_key).collect(),
                                levels: keys(&a.level),
                                level_keys: a.level_groups().iter().map(serde_key).collect(),
                                note: a.note.as_ref().map(text),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        stakeholders: used(&Stakeholder::ALL, &activities, Activity::stakeholder_groups),
        levels: used(&LevelGroup::ALL, &activities, Activity::level_groups),
        total: activities.len(),
        missing_modules: {
            let numbers: Vec<u32> = parts.iter().flat_map(|p| &p.modules).map(|m| m.number).collect();
            let last = numbers.iter().copied().max().unwrap_or(0);
            (1..last).filter(|n| !numbers.contains(n)).map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
        },
    }
}
