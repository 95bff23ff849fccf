//! The draft curriculum as a view: parts, modules and activities in one language, with the
//! stakeholder and level keys the filter offers.

use serde::Serialize;

use super::{text_view, TextView};
use crate::data::{serde_key, Activity, Level, Part, Stakeholder, Targets};
use crate::site::Site;

#[derive(Debug, Clone, Serialize)]
pub struct ActivityView {
    title: TextView,
    /// Keys (labels: `stakeholder-…`), or `None` when the scan lost the cell.
    stakeholders: Option<Vec<String>>,
    stakeholders_note: Option<TextView>,
    /// Keys (labels: `level-…`), or `None` when the scan lost the cell.
    levels: Option<Vec<String>>,
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
    /// The stakeholder keys some activity names, in the keys' order (the filter's options).
    stakeholders: Vec<String>,
    /// The level keys some activity names, in the keys' order.
    levels: Vec<String>,
    /// The number of activities.
    total: usize,
}

fn keys<T: Copy + Serialize>(t: &Targets<T>) -> Option<Vec<String>> {
    match t {
        Targets::Keys(k) => Some(k.iter().map(serde_key).collect()),
        Targets::Unknown => None,
    }
}

/// The keys of `all` that some activity uses.
fn used<T: Copy + Serialize + PartialEq>(all: &[T], activities: &[&Activity], of: impl Fn(&Activity) -> &Targets<T>) -> Vec<String> {
    all.iter().filter(|k| activities.iter().any(|a| of(a).keys().contains(k))).map(serde_key).collect()
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
                                levels: keys(&a.level),
                                note: a.note.as_ref().map(text),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        stakeholders: used(&Stakeholder::ALL, &activities, |a| &a.stakeholders),
        levels: used(&Level::ALL, &activities, |a| &a.level),
        total: activities.len(),
    }
}
