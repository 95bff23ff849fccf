//! The built site: shortcodes in three languages, the language switcher and `hreflang`,
//! the sitemap, the fallback for a missing translation, `--strict`.

mod common;
use common::{figure, file, fixture, render, row};
use rtcm_report::pipeline::Rendered;

#[test]
fn table_shortcode_renders_in_each_language_with_its_labels() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    for (lang, caption, column, country) in [
        ("az", "Cədvəl 1: Məsləhətləşmə", "Keçirilən müsahibələrin sayı", "Azərbaycan"),
        ("en", "Table 1: Consultation", "Number of interviews conducted", "Azerbaijan"),
        ("ru", "Таблица 1. Консультации", "Число проведённых интервью", "Азербайджан"),
    ] {
        let html = file(&r, &format!("{lang}/intro/tables/index.html"));
        let t = figure(html, "consultation");
        assert!(t.contains(&format!("<caption class=\"visually-hidden\" data-pagefind-ignore>{caption}</caption>")) && t.contains(&format!("<p class=\"table-caption\" aria-hidden=\"true\" data-pagefind-weight=\"8\">{caption}</p>")), "{lang}: {t}");
        assert!(t.contains(column), "{lang}");
        assert!(t.contains(&format!("<a href=\"/report/{lang}/countries/az/\">{country}</a>")), "{lang}");
    }
}

#[test]
fn table_cells_show_totals_unknown_and_not_available_with_notes() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let t = figure(file(&r, "en/intro/tables/index.html"), "consultation");
    // Azerbaijan: 5 government, "1 + 6 media" CSOs, 12 in all.
    assert!(t.contains("<td>5</td>\n<td>1 + 6 <span class=\"media-note\">media</span></td>\n<td class=\"total\">12</td>"), "{t}");
    // Ukraine: the interviews are not available; one questionnaire cell is unknown, so its total is too.
    assert!(t.contains("<td class=\"total\"><span class=\"cell-na\">not available</span></td>"), "{t}");
    assert!(t.contains("<span class=\"cell-unknown\" title=\"the scan of the report lost this value and the report&#39;s text does not settle it.\">unknown</span>"), "{t}");
    // Both notes explain what the reader sees.
    assert!(t.contains("the report gives no value"), "{t}");
    assert!(t.contains("the scan of the report lost this value"), "{t}");
    let ru = figure(file(&r, "ru/intro/tables/index.html"), "consultation");
    assert!(ru.contains(">неизвестно</span>"), "{ru}");
    assert!(ru.contains("СМИ"), "{ru}");
}

#[test]
fn data_text_missing_a_translation_falls_back_and_is_listed() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let t = figure(file(&r, "ru/intro/tables/index.html"), "authorities");
    // Ukraine's authority has no Russian text: shown in Azerbaijani, marked as such.
    assert!(t.contains("<span lang=\"az\">Dövlət Miqrasiya Xidməti</span>"), "{t}");
    assert!(r.warnings.iter().any(|w| w.to_string().contains("content/countries/ua.yaml: warning: authority.name: no ru text")), "{:#?}", r.warnings);
}

#[test]
fn language_switcher_and_hreflang_point_to_the_same_page() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let html = file(&r, "en/intro/tables/index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for lang in ["az", "ru"] {
        assert!(html.contains(&format!("<a href=\"/report/{lang}/intro/tables/\" hreflang=\"{lang}\" lang=\"{lang}\" data-lang-switch>")), "{lang}");
    }
    for lang in ["az", "en", "ru"] {
        assert!(html.contains(&format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"https://example.org/report/{lang}/intro/tables/\">")), "{lang}");
    }
    assert!(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/report/az/intro/tables/\">"));
    // Headings keep the same id in every language, so `#data` survives a switch.
    for lang in ["az", "en", "ru"] {
        assert!(file(&r, &format!("{lang}/intro/tables/index.html")).contains("<h2 id=\"data\">"), "{lang}");
    }
}

#[test]
fn sidebar_breadcrumbs_and_prev_next_follow_the_tree() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let html = file(&r, "en/intro/tables/index.html");
    assert!(html.contains("<a href=\"/report/en/intro/tables/\" aria-current=\"page\" class=\"current\">Tables</a>"));
    assert!(html.contains("<li><a href=\"/report/en/intro/\">Introduction</a></li><li aria-current=\"page\">Tables</li>"), "breadcrumbs");
    assert!(html.contains("<a class=\"prev\" rel=\"prev\" href=\"/report/en/intro/\">"));
    assert!(html.contains("<a class=\"next\" rel=\"next\" href=\"/report/en/intro/only-source/\">"));
}

#[test]
fn missing_translation_shows_source_text_under_a_notice() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let html = file(&r, "en/intro/only-source/index.html");
    assert!(html.contains("<p class=\"notice\" role=\"note\">This page has not been translated into English yet."), "{html}");
    assert!(html.contains("<article lang=\"az\">\n<h1>Yalnız Azərbaycan dilində</h1>"), "{html}");
    // Only the real translation is an alternate.
    assert!(html.contains("hreflang=\"az\" href=\"https://example.org/report/az/intro/only-source/\""));
    assert!(!html.contains("hreflang=\"en\" href=\"https://example.org/report/en/intro/only-source/\""));
    let ru = file(&r, "ru/intro/only-source/index.html");
    assert!(ru.contains("Эта страница ещё не переведена на русский язык."));
    // `check` lists it, as a warning naming the source file.
    let listed: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
    assert!(listed.iter().any(|w| w.contains("content/intro/only-source.az.md: warning: no `en` translation")), "{listed:#?}");
}

#[test]
fn strict_turns_a_missing_translation_into_an_error() {
    let dir = fixture(None);
    let err = render(dir.path(), true, None).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("content/intro/only-source.az.md: error: no `en` translation"), "{text}");
    assert!(text.contains("content/intro/only-source.az.md: error: no `ru` translation"), "{text}");
}

#[test]
fn sitemap_lists_translations_with_alternates() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let xml = file(&r, "sitemap.xml");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let entry = "<url><loc>https://example.org/report/ru/intro/tables/</loc><xhtml:link rel=\"alternate\" hreflang=\"az\" href=\"https://example.org/report/az/intro/tables/\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/report/en/intro/tables/\"/><xhtml:link rel=\"alternate\" hreflang=\"ru\" href=\"https://example.org/report/ru/intro/tables/\"/><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/report/az/intro/tables/\"/></url>";
    assert!(xml.contains(entry), "{xml}");
    assert!(xml.contains("<loc>https://example.org/report/az/intro/only-source/</loc>"));
    assert!(!xml.contains("<loc>https://example.org/report/en/intro/only-source/</loc>"), "fallbacks are not listed");
    assert!(xml.contains("<loc>https://example.org/report/ru/countries/ua/</loc>"));
    assert!(file(&r, "robots.txt").contains("Sitemap: https://example.org/report/sitemap.xml"));
}

#[test]
fn root_is_a_language_chooser_and_404_links_every_home() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let index = file(&r, "index.html");
    for lang in ["az", "en", "ru"] {
        assert!(index.contains(&format!("<a href=\"/report/{lang}/\" hreflang=\"{lang}\">")), "{lang}");
    }
    assert!(index.contains("hreflang=\"x-default\" href=\"https://example.org/report/\""));
    let not_found = file(&r, "404.html");
    assert!(not_found.contains("Page not found") && not_found.contains("Страница не найдена") && not_found.contains("Səhifə tapılmadı"));
    // Each language's block searches that language and lists its parts (the browser test checks
    // that the address's language is the one kept).
    for lang in ["az", "en", "ru"] {
        let block = &not_found[not_found.find(&format!("data-lang=\"{lang}\"")).unwrap()..];
        let block = &block[..block.find("</section>").unwrap()];
        assert!(block.contains(&format!("action=\"/report/{lang}/search/\"")) && block.contains("name=\"q\""), "{block}");
        for part in ["", "intro/", "countries/", "glossary/"] {
            assert!(block.contains(&format!("<a href=\"/report/{lang}/{part}\" hreflang=\"{lang}\">")), "{lang}/{part}: {block}");
        }
    }
    assert!(not_found.contains("data-base=\"/report/\""), "the script finds the language after the base path");
}

#[test]
fn country_profiles_gather_the_data() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let html = file(&r, "en/countries/ua/index.html");
    assert!(html.contains("<h1>Ukraine</h1>"));
    assert!(html.contains("participation still to be determined"));
    assert!(html.contains("State Migration Service"));
    // Its row has both kinds of missing cell, and the legend explains each.
    assert!(html.contains("the report gives no value") && html.contains("the scan of the report lost this value"), "{html}");
    assert!(html.contains("<a class=\"prev\" rel=\"prev\" href=\"/report/en/countries/az/\"><span class=\"dir\">Previous</span> <span class=\"t\">Azerbaijan</span></a>"), "{html}");
    assert!(!file(&r, "en/countries/az/index.html").contains("the scan of the report lost this value"), "no unknown cell, no legend for it");
    let index = file(&r, "ru/countries/index.html");
    assert!(index.contains("Доклад охватывает 2 страны."), "Russian plural `few`");
}

#[test]
fn consultation_table_snapshot() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    insta::assert_snapshot!(figure(file(&r, "en/intro/tables/index.html"), "consultation"));
}

#[test]
fn a_translation_with_other_heading_ids_is_listed_and_refused_by_strict() {
    let dir = fixture(Some("heading-ids"));
    let r = render(dir.path(), false, None).unwrap();
    let listed: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        listed.iter().any(|w| w.contains("content/intro/tables.ru.md: warning: heading ids differ from the `az` file") && w.ends_with("missing [#data], not in the source [#dates]")),
        "{listed:#?}"
    );
    assert!(render(dir.path(), true, None).is_err());
}

/// The fragments of a language's search index (Pagefind's, gzipped JSON after a signature):
/// one per page it indexed.
fn search_fragments(r: &Rendered, lang: &str) -> Vec<serde_json::Value> {
    use std::io::Read;
    let prefix = format!("{lang}/pagefind/fragment/");
    r.files
        .iter()
        .filter(|f| f.path.starts_with(&prefix))
        .map(|f| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&f.bytes[..]).read_to_string(&mut text).unwrap();
            serde_json::from_str(text.strip_prefix("pagefind_dcd").expect("Pagefind's signature")).unwrap()
        })
        .collect()
}

#[test]
fn search_index_holds_every_page_country_the_tables_and_the_glossary() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let fragments = search_fragments(&r, "ru");
    let mut urls: Vec<&str> = fragments.iter().map(|e| e["url"].as_str().unwrap()).collect();
    urls.sort();
    // Every Markdown page, the countries index, each profile, the glossary: not the search page,
    // nor the print page (the pages again).
    for url in ["/report/ru/", "/report/ru/intro/tables/", "/report/ru/countries/", "/report/ru/countries/ua/", "/report/ru/glossary/"] {
        assert!(urls.contains(&url), "{url} in {urls:?}");
    }
    assert!(!urls.contains(&"/report/ru/search/"), "{urls:?}");
    let pages = r.files.iter().filter(|f| f.path.starts_with("ru/") && f.path.ends_with("index.html") && f.path != "ru/search/index.html" && f.path != "ru/print/index.html").count();
    assert_eq!(urls.len(), pages, "one fragment per page");
    let tables = fragments.iter().find(|e| e["url"] == "/report/ru/intro/tables/").unwrap();
    assert_eq!(tables["meta"]["title"], "Таблицы");
    let content = tables["content"].as_str().unwrap();
    assert!(content.contains("See the other page."), "{content}");
    assert!(!content.contains("country_table") && !content.contains('<'), "no shortcodes, no markup: {content}");
    // The breadcrumbs and contents lists every page repeats are left out, and so is the home
    // page's list of the report's parts: the pages are found, not the lists of their titles.
    assert!(!content.contains("Главная"), "{content}");
    let home = fragments.iter().find(|e| e["url"] == "/report/ru/").unwrap()["content"].as_str().unwrap();
    assert!(home.contains("Cover text (ru).") && !home.contains("Введение"), "{home}");
    let glossary = fragments.iter().find(|e| e["url"] == "/report/ru/glossary/").unwrap();
    assert!(glossary["content"].as_str().unwrap().contains("Международная организация по миграции"), "{glossary}");
    // Each curriculum module is a section of its own, found at its heading.
    let curriculum = fragments.iter().find(|e| e["url"] == "/report/ru/intro/curriculum/").unwrap();
    let anchors: Vec<&str> = curriculum["anchors"].as_array().unwrap().iter().filter_map(|a| a["id"].as_str()).collect();
    assert!(anchors.contains(&"module-3"), "{anchors:?}");
    assert!(curriculum["content"].as_str().unwrap().contains("Модуль 3. Право"), "{curriculum}");
    assert!(file(&r, "ru/search/index.html").contains("data-bundle=\"/report/ru/pagefind/\""));
    // English and Russian are stemmed as themselves; Azerbaijani, which Pagefind has no stemmer
    // for, as Turkish.
    let entry = |lang: &str| -> serde_json::Value { serde_json::from_str(file(&r, &format!("{lang}/pagefind/pagefind-entry.json"))).unwrap() };
    for (lang, as_) in [("ru", "ru"), ("en", "en"), ("az", "tr")] {
        assert_eq!(entry(lang)["languages"][as_]["wasm"], as_, "{}", entry(lang));
    }
}

#[test]
fn the_azerbaijani_index_writes_schwa_and_dotless_i_so_that_plain_letters_find_them() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let all: String = search_fragments(&r, "az").iter().map(|f| f["content"].as_str().unwrap().to_string()).collect();
    assert!(!all.contains('ə') && !all.contains('ı'), "ə and ı are indexed as ĕ and ĭ");
    assert!(all.contains('ĕ') && all.contains('ĭ'), "{all}");
    let ru: String = search_fragments(&r, "ru").iter().map(|f| f["content"].as_str().unwrap().to_string()).collect();
    assert!(!ru.contains('ĕ'), "other languages as they are");
    assert!(file(&r, "az/search/index.html").contains("data-letters=\"əĕƏĔıĭ\""));
}

#[test]
fn strategies_table_lists_documents_with_period_the_report_s_note_and_missing_cells() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    for (lang, title, approval, sdgs, na, unknown, note) in [
        ("az", "Miqrasiya Strategiyası", "Təsdiq prosesindədir.", "Bəli, müəyyən dərəcədə", "mövcud deyil", "naməlum", "Yalnız sektor sənədi var."),
        ("en", "Migration Strategy", "In the approval process.", "Yes, to some extent", "not available", "unknown", "Only a sectoral document exists."),
        ("ru", "Миграционная стратегия", "В процессе утверждения.", "Да, в определённой степени", "нет данных", "неизвестно", "Есть только отраслевой документ."),
    ] {
        let t = figure(file(&r, &format!("{lang}/intro/tables/index.html")), "strategies");
        let az = row(t, &format!("/report/{lang}/countries/az/"));
        // The document's status is the report's words where it gives one; no label of ours.
        assert!(az.contains(&format!("<span class=\"doc-title\">{title}</span> <span class=\"doc-period\">2020–2025</span> <span class=\"doc-note\">{approval}</span>")), "{lang}: {az}");
        assert!(!az.contains("status"), "{lang}: no status label: {az}");
        assert!(az.contains(&format!("<p>{sdgs}</p>")), "{lang}: {az}");
        assert!(az.contains(&format!("<span class=\"cell-na\">{na}</span>")), "{lang}: the sectoral cell");
        let ua = row(t, &format!("/report/{lang}/countries/ua/"));
        assert!(ua.contains(&format!("<span class=\"cell-na\">{na}</span><p class=\"cell-note\">{note}</p>")), "{lang}: {ua}");
        assert_eq!(ua.matches(&format!(">{unknown}</span>")).count(), 2, "{lang}: two unknown cells: {ua}");
        assert!(t.contains(&format!("data-label=\"{}\"", match lang { "az" => "Hərtərəfli miqrasiya siyasəti / strategiyası", "en" => "Comprehensive migration policy / strategy", _ => "Всеобъемлющая миграционная политика / стратегия" })), "{lang}: labels for the phone layout");
    }
}

#[test]
fn problems_table_places_settled_marks_and_shows_the_rest_as_unknown() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    for (lang, covid, count_az, count_ua) in [("az", "COVID böhranı", "8 sütundan 1", "8 sütundan 2"), ("en", "COVID crisis", "1 of 8", "2 of 8"), ("ru", "Кризис COVID", "1 из 8", "2 из 8")] {
        let t = figure(file(&r, &format!("{lang}/intro/tables/index.html")), "problems");
        assert!(t.contains(&format!("<th scope=\"col\">{covid}</th>")), "{lang}: {t}");
        // Azerbaijan: one mark, settled in the COVID column, so every other cell is settled as empty.
        let az = row(t, &format!("/report/{lang}/countries/az/"));
        assert!(az.contains(&format!("<td class=\"marks\">{count_az}</td>")), "{lang}: {az}");
        assert_eq!(az.matches("class=\"mark mark-marked\"").count(), 1, "{az}");
        assert_eq!(az.matches("class=\"mark mark-not-marked\"").count(), 7, "{az}");
        assert!(az.find("mark-marked").unwrap() < az.find("mark-not-marked").unwrap(), "the mark is in the first column");
        // Ukraine: two marks whose columns the scan lost.
        let ua = row(t, &format!("/report/{lang}/countries/ua/"));
        assert!(ua.contains(&format!("<td class=\"marks\">{count_ua}</td>")), "{lang}: {ua}");
        assert_eq!(ua.matches("class=\"mark mark-unknown\"").count(), 8, "{ua}");
    }
    let en = figure(file(&r, "en/intro/tables/index.html"), "problems");
    assert!(en.contains("the scan lost which columns the row's marks are in") || en.contains("the scan lost which columns the row&#39;s marks are in"), "legend: {en}");
}

#[test]
fn conventions_and_tiers_render_in_each_language() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    for (lang, signed, tier2, tier3, unknown) in [
        ("az", "imzalamış, lakin hələ ratifikasiya etməmişdir", "2-ci pillə", "3-cü pillə", "naməlum"),
        ("en", "signed, not yet ratified", "Tier 2", "Tier 3", "unknown"),
        ("ru", "подписана, но ещё не ратифицирована", "Уровень 2", "Уровень 3", "неизвестно"),
    ] {
        let html = file(&r, &format!("{lang}/intro/tables/index.html"));
        let c = figure(html, "statelessness");
        assert!(row(c, &format!("/report/{lang}/countries/az/")).ends_with(&format!("<td class=\"ratification ratification-signed\">{signed}</td>")), "{lang}: {c}");
        assert!(row(c, &format!("/report/{lang}/countries/ua/")).contains(&format!(">{unknown}</span>")), "{lang}: {c}");
        let t = figure(html, "trafficking");
        assert!(row(t, &format!("/report/{lang}/countries/az/")).contains(&format!("<td class=\"tier tier-2\">{tier2}</td>")), "{lang}: {t}");
        assert!(row(t, &format!("/report/{lang}/countries/ua/")).contains(&format!("<td class=\"tier tier-3\">{tier3}</td>")), "{lang}: {t}");
    }
}

#[test]
fn profiles_show_each_table_row_and_link_to_the_full_table() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    let html = file(&r, "en/countries/az/index.html");
    for id in ["strategies", "problems", "conventions", "data-collection", "cooperation"] {
        assert!(html.contains(&format!("<section>\n<div class=\"heading-wrap\">\n<h2 id=\"{id}\">")), "{id}");
    }
    assert!(html.contains("Migration Concept"), "{html}");
    // Tables 4-6: a kind of migration profile, the reports' frequency, an agreement not in force.
    assert!(html.contains("<dd class=\"answer-extended\">Extended Migration Profile (GMP)</dd>"), "{html}");
    assert!(html.contains("<dd class=\"answer-yes\">Yes; annual, monthly (available)</dd>"), "{html}");
    assert!(html.contains("<dt>Partnership and Cooperation Agreement</dt><dd class=\"membership-not-in-force\">not in force</dd>"), "{html}");
    assert!(html.contains("In the report, this country's row has one mark (+) across the 8 problem columns.") || html.contains("In the report, this country&#39;s row has one mark (+) across the 8 problem columns."), "{html}");
    assert!(html.contains("<dt>US Trafficking in Persons Report</dt><dd>Tier 2</dd>"), "{html}");
    assert!(html.contains("<a href=\"/report/en/intro/tables/#table-problems\">"), "link to the whole table: {html}");
    let ua = file(&r, "ru/countries/ua/index.html");
    assert!(ua.contains("В докладе в строке этой страны 2 отметки (+) по 8 столбцам проблем."), "{ua}");
    assert!(ua.contains("При сканировании утрачено, в каких столбцах стоят эти отметки"), "{ua}");
}

#[test]
fn training_needs_show_the_kept_values_in_order_and_the_lost_cells_as_unknown() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    for (lang, theme, highest, na) in [
        ("az", "Gender və miqrasiya", "prioritet 4 (ən yüksək)", "mövcud deyil"),
        ("en", "Gender and migration", "priority 4 (highest)", "not available"),
        ("ru", "Гендер и миграция", "приоритет 4 (самый высокий)", "нет данных"),
    ] {
        let t = figure(file(&r, &format!("{lang}/intro/tables/index.html")), "training-needs");
        // Theme 1 kept both its values: a 4, said in words too, then "not available"; nothing lost.
        let row1 = &t[t.find(theme).unwrap()..];
        let row1 = &row1[..row1.find("</tr>").unwrap()];
        assert!(row1.contains(&format!("<li class=\"reading priority-4\"><span aria-hidden=\"true\">4</span><span class=\"visually-hidden\">{highest}</span></li>")), "{lang}: {row1}");
        assert!(row1.contains(&format!("<li class=\"reading priority-not-available\"><span aria-hidden=\"true\">–</span><span class=\"visually-hidden\">{na}</span></li>")), "{lang}: {row1}");
        assert!(!row1.contains("reading lost"), "{lang}: {row1}");
        // Theme 2 kept one value of two: one lost cell.
        let row2 = &t[t.find("<td class=\"num\">2</td>").unwrap()..];
        let row2 = &row2[..row2.find("</tr>").unwrap()];
        assert_eq!(row2.matches("class=\"reading priority-2\"").count(), 1, "{lang}: {row2}");
        assert_eq!(row2.matches("class=\"reading lost\"").count(), 1, "{lang}: {row2}");
        // The scale is given in words, and the header's countries are named.
        assert!(t.contains("class=\"priority-scale\""), "{lang}");
        assert!(t.contains(&format!("<a href=\"/report/{lang}/countries/ua/\">")), "{lang}");
    }
    // A profile says the country's column is in the table, and that its values are unknown.
    let p = file(&r, "en/countries/az/index.html");
    assert!(p.contains("<section>\n<div class=\"heading-wrap\">\n<h2 id=\"training-needs\">") && p.contains("so this country&#39;s priorities are unknown"), "{p}");
}

#[test]
fn curriculum_lists_every_activity_with_its_keys_and_a_filter_for_scripts() {
    let dir = fixture(None);
    let r = render(dir.path(), false, None).unwrap();
    for (lang, module, media, csos_note, researchers) in [
        ("az", "Modul 3. Qanun", "Media", "VCT-lər üçün prioritet", "Tədqiqatçılar"),
        ("en", "Module 3. Law", "Media", "priority for CSOs", "Researchers"),
        ("ru", "Модуль 3. Право", "СМИ", "приоритет для ОГО", "Исследователи"),
    ] {
        let html = file(&r, &format!("{lang}/intro/curriculum/index.html"));
        // Every activity is in the page (no script needed to read them), tagged for the filter.
        assert_eq!(html.matches("<li class=\"activity\"").count(), 3, "{lang}");
        assert!(html.contains("<li class=\"activity\" data-stakeholders=\"all\" data-levels=\"policy\">"), "{lang}");
        assert!(html.contains("<li class=\"activity\" data-stakeholders=\"csos media\" data-levels=\"\">"), "{lang}");
        assert!(html.contains("data-stakeholders=\"government higher-education\" data-levels=\"policy researchers\""), "{lang}");
        // Labels in the page's language, the report's qualifier, an unknown level with its note.
        assert!(html.contains(&format!("<span class=\"tag stakeholder\">{media}</span>")), "{lang}");
        assert!(html.contains(&format!("({csos_note})")), "{lang}");
        assert!(html.contains(&format!("<span class=\"tag level\">{researchers}</span>")), "{lang}");
        assert!(html.contains("class=\"cell-unknown\""), "{lang}");
        // The report's module numbers: 1 and 3, no 2.
        assert!(html.contains(&format!("<h3 id=\"module-3\">{module}</h3>")), "{lang}");
        assert!(!html.contains("id=\"module-2\""), "{lang}");
        // The filter is hidden until its script runs, and offers only the keys in use.
        assert!(html.contains("<form class=\"curriculum-filter\" data-filter hidden>"), "{lang}");
        assert!(html.contains("<option value=\"media\">") && !html.contains("<option value=\"migrant-associations\">"), "{lang}");
        assert!(html.contains("<script src=\"/report/static/curriculum.js\" defer></script>"), "{lang}");
    }
    assert!(r.files.iter().any(|f| f.path == "static/curriculum.js"));
}

#[test]
fn curriculum_text_missing_a_translation_falls_back_and_is_listed() {
    let dir = fixture(None);
    let path = dir.path().join("content/curriculum/part-1.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace(", ru: \"Международные стандарты\"", "")).unwrap();
    let r = render(dir.path(), false, None).unwrap();
    let html = file(&r, "ru/intro/curriculum/index.html");
    assert!(html.contains("<p class=\"activity-title\"><span lang=\"az\">Beynəlxalq standartlar</span></p>"), "{html}");
    assert!(r.warnings.iter().any(|w| w.to_string().contains("content/curriculum/part-1.yaml: warning: module 3, activity 1: title: no ru text")), "{:#?}", r.warnings);
}
