//! Every kind of invalid input fails with file, line and column, and what was expected.

mod common;
use common::errors_of;

fn has(errors: &[String], needle: &str) -> bool {
    errors.iter().any(|e| e.contains(needle))
}

#[test]
fn front_matter_typo_names_file_line_and_key() {
    let errs = errors_of("front-matter-typo");
    assert!(has(&errs, "content/intro/tables.en.md:3:1: error: unknown field `weigth`, expected one of"), "{errs:#?}");
}

#[test]
fn missing_front_matter_is_an_error() {
    let errs = errors_of("front-matter-missing");
    assert!(has(&errs, "content/intro/tables.ru.md:1:1: error: missing front matter"), "{errs:#?}");
}

#[test]
fn schema_typo_in_country_data_names_file_line_and_key() {
    let errs = errors_of("country-typo");
    assert!(has(&errs, "content/countries/az.yaml:7:3: error: consultation: unknown field `intervews`, expected one of `interviews`, `questionnaires`, `note`"), "{errs:#?}");
}

#[test]
fn bad_count_value_is_an_error_with_location() {
    let errs = errors_of("bad-count");
    assert!(has(&errs, "content/countries/ua.yaml:9:46: error: consultation.questionnaires.cso:"), "{errs:#?}");
    assert!(has(&errs, "invalid count `many`: expected a whole number, `unknown` or `not-available`"), "{errs:#?}");
}

#[test]
fn broken_yaml_syntax_is_an_error_with_location() {
    let errs = errors_of("bad-yaml");
    assert!(has(&errs, "content/countries/az.yaml:4:1: error:"), "{errs:#?}");
}

#[test]
fn unknown_shortcode_names_the_line_in_the_file() {
    let errs = errors_of("unknown-shortcode");
    assert!(has(&errs, "content/intro/tables.en.md:8:1: error: unknown shortcode `chart`"), "{errs:#?}");
}

#[test]
fn unknown_table_argument_is_an_error() {
    let errs = errors_of("unknown-table");
    assert!(has(&errs, "content/intro/tables.en.md:6:1: error: country_table: unknown table `budgets`"), "{errs:#?}");
}

#[test]
fn broken_internal_link_is_an_error() {
    let errs = errors_of("broken-link");
    assert!(has(&errs, "content/intro/tables.en.md:8:5: error: broken link `@/intro/missing.md`"), "{errs:#?}");
}

#[test]
fn template_syntax_error_names_the_template_line() {
    let errs = errors_of("template-error");
    assert!(has(&errs, "themes/default/templates/page.html:4:"), "{errs:#?}");
}

#[test]
fn fluent_syntax_error_names_the_ftl_line() {
    let mut line = 0;
    let errs = common::errors_after(None, |dir| {
        let path = dir.join("locales/en.ftl");
        let text = std::fs::read_to_string(&path).unwrap() + "broken line without equals\n";
        line = text.lines().count();
        std::fs::write(path, text).unwrap();
    });
    assert!(has(&errs, &format!("locales/en.ftl:{line}:8: error: Fluent syntax: Expected a token starting with \"=\"")), "{errs:#?}");
}

#[test]
fn a_label_missing_in_one_language_is_an_error() {
    let errs = common::errors_after(None, |dir| {
        let path = dir.join("locales/ru.ftl");
        let text: String = std::fs::read_to_string(&path).unwrap().lines().filter(|l| !l.starts_with("col-total")).map(|l| format!("{l}\n")).collect();
        std::fs::write(path, text).unwrap();
    });
    assert!(has(&errs, "locales/ru.ftl: error: missing label `col-total` (defined in az, en)"), "{errs:#?}");
    // Where the label is used is said too, once per use, in one line each.
    assert!(has(&errs, "content/intro/tables.ru.md:11:1: error: "), "{errs:#?}");
    assert!(errs.iter().all(|e| !e.contains('\n')), "{errs:#?}");
}

#[test]
fn a_label_defined_nowhere_names_the_template_line() {
    let errs = errors_of("unknown-label");
    assert!(has(&errs, "themes/default/templates/glossary.html:3:8: error: missing label `glossary-titel` in"), "{errs:#?}");
    // The pages that failed are not reported again as broken links.
    assert!(!has(&errs, "broken link"), "{errs:#?}");
}

#[test]
fn unknown_shortcode_argument_is_an_error() {
    let errs = errors_of("unknown-argument");
    assert!(has(&errs, "content/intro/tables.en.md:8:1: error: country_table: unknown argument `colour` (expected `table`)"), "{errs:#?}");
}

/// Replace `from` by `to` in the basic fixture's `content/countries/az.yaml`; the errors and
/// the 1-based line of the change.
fn edit_az(from: &'static str, to: &'static str) -> (Vec<String>, usize) {
    edit("content/countries/az.yaml", from, to)
}

#[test]
fn a_document_status_is_refused_with_where_the_report_s_words_go() {
    // Table 2 lists documents without classifying them: a status label would say more than the
    // report does, so the key is refused, at its document (the line of its `- title`), with
    // what to write instead.
    let (errs, line) = edit_az("period: \"2020–2025\"", "period: \"2020–2025\"\n        status: adopted");
    assert!(has(&errs, &format!("content/countries/az.yaml:{}:", line - 1)), "{errs:#?}");
    assert!(has(&errs, "strategies.comprehensive.documents[1]: a document has no `status`"), "{errs:#?}");
    assert!(has(&errs, "a document has no `status`") && has(&errs, "write those words in its `note`"), "{errs:#?}");
}

#[test]
fn a_bad_problem_key_names_file_and_line() {
    let (errs, line) = edit_az("marked: [covid-19-crisis]", "marked: [covid]");
    assert!(has(&errs, &format!("content/countries/az.yaml:{line}:")), "{errs:#?}");
    assert!(has(&errs, "unknown variant `covid`, expected one of `covid-19-crisis`"), "{errs:#?}");
}

#[test]
fn an_impossible_problems_row_is_an_error() {
    let (errs, line) = edit_az("marks: 1", "marks: 0");
    assert!(has(&errs, &format!("content/countries/az.yaml:{line}:")) && has(&errs, "`marked` lists 1 problems but the row has only 0 marks"), "{errs:#?}");
}

#[test]
fn a_bad_ratification_or_tier_is_an_error_with_its_line() {
    let (errs, line) = edit_az("european_nationality: signed", "european_nationality: maybe");
    assert!(has(&errs, &format!("content/countries/az.yaml:{line}:")) && has(&errs, "unknown variant `maybe`"), "{errs:#?}");
    let (errs, line) = edit_az("trafficking_tier: 2", "trafficking_tier: 4");
    assert!(has(&errs, &format!("content/countries/az.yaml:{line}:")) && has(&errs, "invalid tier 4: expected 1, 2 or 3"), "{errs:#?}");
}

#[test]
fn a_cell_with_both_documents_and_a_value_is_an_error() {
    let (errs, _) = edit_az("  sectoral: not-available", "  sectoral:\n    value: unknown\n    documents: []");
    assert!(has(&errs, "content/countries/az.yaml:") && has(&errs, "a cell has either `documents` or `value`, not both"), "{errs:#?}");
}

#[test]
fn a_bad_table_4_to_6_value_names_file_line_and_the_allowed_keys() {
    let (errs, line) = edit_az("gender_data: sometimes", "gender_data: often");
    assert!(has(&errs, &format!("content/countries/az.yaml:{line}:")), "{errs:#?}");
    assert!(has(&errs, "invalid value `often`: expected `yes`, `sometimes`, `some-elements`, `extended`, `no`"), "{errs:#?}");
    let (errs, line) = edit_az("bomca: no", "bomca: partly");
    assert!(has(&errs, &format!("content/countries/az.yaml:{line}:")) && has(&errs, "invalid value `partly`"), "{errs:#?}");
    let (errs, line) = edit_az("country_report: no", "country_reports: no");
    assert!(has(&errs, &format!("content/countries/az.yaml:{line}:")) && has(&errs, "unknown field `country_reports`"), "{errs:#?}");
}

#[test]
fn a_report_frequency_without_published_reports_is_an_error() {
    let (errs, _) = edit_az("statistical_reports: yes", "statistical_reports: no");
    assert!(has(&errs, "content/countries/az.yaml:") && has(&errs, "`report_frequency` and `reports_available` describe published reports"), "{errs:#?}");
}

/// Replace `from` by `to` in the basic fixture's file `rel`; the errors and the 1-based line of
/// the change.
fn edit(rel: &'static str, from: &'static str, to: &'static str) -> (Vec<String>, usize) {
    let mut line = 0;
    let errs = common::errors_after(None, |dir| {
        let path = dir.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        line = text[..text.find(from).expect("in the fixture")].matches('\n').count() + 1;
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    });
    (errs, line)
}

#[test]
fn a_bad_stakeholder_or_level_key_names_file_line_and_the_keys() {
    let (errs, line) = edit("content/curriculum/part-1.yaml", "stakeholders: [media, csos]", "stakeholders: [media, ngos]");
    assert!(has(&errs, &format!("content/curriculum/part-1.yaml:{line}:")), "{errs:#?}");
    assert!(has(&errs, "invalid value `ngos`: expected `all`, `government`, `government-short`, `csos`, `other-csos`, `higher-education`, `media`, `migrant-associations`, `young-people`"), "{errs:#?}");
    let (errs, line) = edit("content/curriculum/part-1.yaml", "level: [policy-makers, researchers]", "level: [policy-makers, scholars]");
    assert!(has(&errs, &format!("content/curriculum/part-1.yaml:{line}:")), "{errs:#?}");
    assert!(has(&errs, "invalid value `scholars`: expected `policy-level`, `implementation-level`, `policy-and-implementation-levels`, `policy-makers-level`, `policy-makers-level-and-implementers`, `policy-makers`, `implementers`, `practitioners`, `researchers`, `all-levels`"), "{errs:#?}");
}

#[test]
fn curriculum_numbers_are_the_reports_each_once() {
    let (errs, _) = edit("content/curriculum/part-1.yaml", "  - number: 3", "  - number: 1");
    assert!(has(&errs, "content/curriculum/part-1.yaml:") && has(&errs, "module 1 comes after module 1"), "{errs:#?}");
    // A module number used again in another part's file.
    let errs = common::errors_after(None, |dir| {
        let text = std::fs::read_to_string(dir.join("content/curriculum/part-1.yaml")).unwrap();
        std::fs::write(dir.join("content/curriculum/part-2.yaml"), text.replacen("number: 1\n", "number: 2\n", 1)).unwrap();
    });
    assert!(has(&errs, "content/curriculum/part-2.yaml:4:") && has(&errs, "module 1 is also in"), "{errs:#?}");
}

#[test]
fn a_bad_table_7_value_or_column_is_an_error_with_its_line() {
    let (errs, line) = edit("content/training-needs.yaml", "readings: [2]", "readings: [5]");
    assert!(has(&errs, &format!("content/training-needs.yaml:{line}:")) && has(&errs, "invalid priority 5"), "{errs:#?}");
    let (errs, line) = edit("content/training-needs.yaml", "columns: [az, ua]", "columns: [az, xx]");
    assert!(has(&errs, &format!("content/training-needs.yaml:{line}: error: column `xx` is not a country of content/countries")), "{errs:#?}");
    let (errs, _) = edit("content/training-needs.yaml", "readings: [2]", "readings: [2, 3, 4]");
    assert!(has(&errs, "content/training-needs.yaml:") && has(&errs, "theme 2 has 3 readings, but the table has 2 columns"), "{errs:#?}");
}

#[test]
fn every_error_of_a_build_comes_in_one_listing_without_a_cascade() {
    let errs = common::errors_after(None, |dir| {
        let c = dir.join("content");
        // A page whose front matter cannot be read, a country file that cannot be read, a
        // broken link on another page, and a link to the page that failed (not broken).
        let only = c.join("intro/only-source.az.md");
        let text = std::fs::read_to_string(&only).unwrap().replacen("title:", "titel:", 1);
        std::fs::write(&only, text).unwrap();
        let ua = c.join("countries/ua.yaml");
        std::fs::write(&ua, std::fs::read_to_string(&ua).unwrap().replace("order: 2", "order: two")).unwrap();
        let tables = c.join("intro/tables.ru.md");
        let text = std::fs::read_to_string(&tables).unwrap() + "\n[x](@/intro/tables.md#nope)\n";
        std::fs::write(&tables, text).unwrap();
    });
    let lines = std::fs::read_to_string(common::repo().join("tests/fixtures/basic/content/intro/tables.ru.md")).unwrap().lines().count();
    assert!(has(&errs, "content/intro/only-source.az.md:2:1: error: unknown field `titel`"), "{errs:#?}");
    assert!(has(&errs, "content/countries/ua.yaml:2:8: error: order: invalid type"), "{errs:#?}");
    assert!(has(&errs, &format!("content/intro/tables.ru.md:{}:1: error: broken anchor `@/intro/tables.md#nope`", lines + 2)), "{errs:#?}");
    // One error per mistake: the link to the page that failed, Table 7's column `ua` and the
    // tables' rows of Ukraine are not reported again.
    assert_eq!(errs.len(), 3, "{errs:#?}");
}

/// A data label that says more than the report is refused: its Azerbaijani text must be in the
/// report's words its entry in `content/labels.yaml` quotes, at that entry's line.
#[test]
fn a_data_label_not_in_the_report_s_words_names_its_entry() {
    let (errs, _) = edit("locales/az.ftl", "ratification-ratified = ratifikasiya etmişdir", "ratification-ratified = qəbul edilib");
    let labels = std::fs::read_to_string(common::repo().join("content/labels.yaml")).unwrap();
    let line = labels.lines().position(|l| l == "ratification-ratified:").unwrap() + 1;
    assert!(has(&errs, &format!("content/labels.yaml:{line}: error: `ratification-ratified`: the label \"qəbul edilib\"")), "{errs:#?}");
    assert!(has(&errs, "is not in the report's words it is traced to (\"Konvensiyasını ratifikasiya etmişdir\")"), "{errs:#?}");
}

/// A label the data can show with no entry, and an entry for a label the data cannot show
/// (a status of Table 2), are both errors.
#[test]
fn a_data_label_without_an_entry_and_a_stale_entry_are_errors() {
    let errs = common::errors_after(None, |dir| {
        let path = dir.join("content/labels.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("level-researchers:\n", "status-adopted:\n");
        std::fs::write(path, text).unwrap();
    });
    assert!(has(&errs, "error: label `level-researchers` has no entry"), "{errs:#?}");
    assert!(has(&errs, "error: `status-adopted` is not a label the data can show"), "{errs:#?}");
}

/// A group the filter finds in a curriculum cell's note must be named there.
#[test]
fn a_stakeholder_group_the_note_does_not_name_is_an_error() {
    let (errs, line) = edit("content/curriculum/part-1.yaml", "stakeholders: [media, csos]", "stakeholders: [media, csos]\n        stakeholders_in_note: [young-people]");
    assert!(has(&errs, &format!("content/curriculum/part-1.yaml:{}: error: module", line + 1)), "{errs:#?}");
    assert!(has(&errs, "`young-people` is not named in the note"), "{errs:#?}");
}
