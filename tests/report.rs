//! The real report in `content/`: it builds with `--strict`, and its tables say what the
//! source says, in each language.

mod common;
use common::{cells, figure, file, render, repo, row};

#[test]
fn the_real_report_builds_strictly() {
    let r = render(&repo(), true, None).unwrap_or_else(|e| panic!("{e}"));
    for lang in ["az", "en", "ru"] {
        for page in ["index.html", "introduction/context/index.html", "introduction/consultation/index.html", "countries/index.html", "glossary/index.html"] {
            file(&r, &format!("{lang}/{page}"));
        }
        for code in ["az", "by", "ge", "ir", "kz", "kg", "md", "ru", "tj", "tr", "tm", "ua", "uz"] {
            file(&r, &format!("{lang}/countries/{code}/index.html"));
        }
    }
}

#[test]
fn table_1_matches_the_source_in_every_language() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, not_available, media) in [("az", "mövcud deyil", "media"), ("en", "not available", "media"), ("ru", "нет данных", "СМИ")] {
        let html = file(&r, &format!("{lang}/introduction/consultation/index.html"));
        // Source line 326: "Cəmi 12 10 22 13 12 25".
        let foot = &html[html.find("<tfoot>").unwrap()..html.find("</tfoot>").unwrap()];
        assert_eq!(cells(foot), ["12", "10", "22", "13", "12", "25"], "{lang}");
        // Source line 297: "Azərbaycan 0 0 0 5 1+6 media 12".
        assert_eq!(cells(row(html, &format!("/{lang}/countries/az/"))), ["0", "0", "0", "5", &format!("1 + 6 {media}"), "12"], "{lang}");
        // Source line 312: "Rusiya 0 3 3 0 4 4".
        assert_eq!(cells(row(html, &format!("/{lang}/countries/ru/"))), ["0", "3", "3", "0", "4", "4"], "{lang}");
        // Source lines 318-319: Ukraine, "Mövcud deyil" in every cell.
        assert_eq!(cells(row(html, &format!("/{lang}/countries/ua/"))), vec![not_available; 6], "{lang}");
    }
}

#[test]
fn authorities_table_matches_the_source() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, iran, remark) in [
        ("az", "Əcnəbilər və Əcnəbi Miqrantların İşləri üzrə Büro (BAFIA)", "BAFIA-nın miqrasiya portfelinə aid geniş kompetensiyası yoxdur"),
        ("en", "Bureau for Aliens and Foreign Immigrants' Affairs (BAFIA)", "BAFIA does not have broad competence over the migration portfolio"),
        ("ru", "Бюро по делам иностранцев и иностранных мигрантов (BAFIA)", "BAFIA не обладает широкой компетенцией"),
    ] {
        let html = file(&r, &format!("{lang}/chapter-1/institutional-frameworks/index.html"));
        let iran_row = row(html, &format!("/{lang}/countries/ir/")).replace("&#39;", "'");
        assert!(iran_row.contains(iran), "{lang}: {iran_row}");
        assert!(iran_row.contains(remark), "{lang}: {iran_row}");
    }
}

const CODES: [&str; 13] = ["az", "by", "ge", "ir", "kz", "kg", "md", "ru", "tj", "tr", "tm", "ua", "uz"];

#[test]
fn table_2_matches_the_source_in_every_language() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, az_sdgs, na, unknown, expired, ge_strategy, tr_draft) in [
        ("az", "“Bəli, müəyyən dərəcədə”", "mövcud deyil", "naməlum", "Müddəti başa çatmışdır, yenidən baxılmaqdadır.", "Gürcüstanın Miqrasiya Strategiyası", "Miqrasiya Strategiyasının Layihəsi"),
        ("en", "“Yes, to some extent”", "not available", "unknown", "Its term has ended; it is under review.", "Migration Strategy of Georgia", "Draft Migration Strategy"),
        ("ru", "«Да, в определённой степени»", "нет данных", "неизвестно", "Срок действия истёк; находится на пересмотре.", "Миграционная стратегия Грузии", "Проект Миграционной стратегии"),
    ] {
        let t = figure(file(&r, &format!("{lang}/chapter-1/policy/index.html")), "strategies");
        let url = |c: &str| format!("/{lang}/countries/{c}/");
        // Source line 555: Azerbaijan, "Bəli, müəyyən dərəcədə" in the SDG column.
        assert_eq!(cells(row(t, &url("az")))[2], az_sdgs, "{lang}");
        // Source line 902: Uzbekistan, "Mövcud deyil" in all three columns.
        assert_eq!(cells(row(t, &url("uz"))), vec![na; 3], "{lang}");
        // Source lines 696-700: Iran has no comprehensive strategy; the scan kept nothing in its SDG column.
        let ir = cells(row(t, &url("ir")));
        assert!(ir[0].starts_with(na), "{lang}: {ir:?}");
        assert_eq!(ir[2], unknown, "{lang}");
        // Source lines 782-790: Moldova's 2011-2020 strategy "(müddəti başa çatmışdır, yenidən
        // baxılmaqdadır)": the report's words, not a status label of ours.
        assert!(cells(row(t, &url("md")))[0].contains(&format!("2011–2020 {expired}")), "{lang}");
        // The scan gives no status to the other documents, and the site adds none.
        assert!(!t.contains("class=\"status"), "{lang}: no status label in Table 2");
        // Source line 658: Georgia's Migration Strategy 2021-2030.
        assert!(cells(row(t, &url("ge")))[0].contains(&format!("{ge_strategy} 2021–2030")), "{lang}");
        // Source lines 855-864: Türkiye's strategy is a draft, as its title says.
        assert!(cells(row(t, &url("tr")))[0].contains(tr_draft), "{lang}");
    }
}

#[test]
fn table_3_keeps_the_marks_the_scan_kept() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, of, na) in [("az", "sütundan", "mövcud deyil"), ("en", "of", "not available"), ("ru", "из", "нет данных")] {
        let t = figure(file(&r, &format!("{lang}/chapter-1/policy/index.html")), "problems");
        // Source lines 1128-1139: the number of "+" in each row.
        for (code, marks) in [("az", 3), ("by", 3), ("ge", 2), ("ir", 7), ("kz", 5), ("kg", 6), ("md", 6), ("ru", 0), ("tj", 6), ("tr", 4), ("tm", 3), ("ua", 2)] {
            let row = row(t, &format!("/{lang}/countries/{code}/"));
            let count = if lang == "az" { format!("8 {of} {marks}") } else { format!("{marks} {of} 8") };
            assert_eq!(cells(row)[0], count, "{lang} {code}");
            // The columns are lost: a row is settled only when it has no marks.
            let settled = if marks == 0 { "mark-not-marked" } else { "mark-unknown" };
            assert_eq!(row.matches(&format!("class=\"mark {settled}\"")).count(), 8, "{lang} {code}");
        }
        // Source line 1139 and footnote 1: Uzbekistan is "Mövcud deyil".
        assert_eq!(cells(row(t, &format!("/{lang}/countries/uz/")))[1], na, "{lang}");
    }
}

#[test]
fn conventions_and_tiers_match_the_prose() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, ratified, signed, not, tier) in [
        ("az", "ratifikasiya etmişdir", "imzalamış, lakin hələ ratifikasiya etməmişdir", "ratifikasiya etməmişdir", "pillə"),
        ("en", "ratified", "signed, not yet ratified", "not ratified", "Tier"),
        ("ru", "ратифицирована", "подписана, но ещё не ратифицирована", "не ратифицирована", "Уровень"),
    ] {
        let html = file(&r, &format!("{lang}/chapter-1/legislative-framework/index.html"));
        let c = figure(html, "statelessness");
        let url = |code: &str| format!("/{lang}/countries/{code}/");
        // Source lines 1249-1256: 1954 by five, 1961 by four, the European Convention by two; Russia signed it.
        assert_eq!(cells(row(c, &url("ge"))), [ratified, not, not], "{lang}");
        assert_eq!(cells(row(c, &url("md"))), [ratified, ratified, ratified], "{lang}");
        assert_eq!(cells(row(c, &url("ru"))), [not, not, signed], "{lang}");
        assert_eq!(CODES.iter().filter(|code| cells(row(c, &url(code)))[0] == ratified).count(), 5, "{lang}");
        assert_eq!(CODES.iter().filter(|code| cells(row(c, &url(code)))[1] == ratified).count(), 4, "{lang}");
        // Source lines 1424-1432: Georgia in Tier 1, Azerbaijan in Tier 2, Belarus in Tier 3.
        let t = figure(html, "trafficking");
        for (code, n) in [("ge", 1), ("az", 2), ("by", 3), ("uz", 2), ("tm", 3)] {
            assert!(cells(row(t, &url(code)))[0].contains(&n.to_string()) && cells(row(t, &url(code)))[0].contains(tier), "{lang} {code}");
        }
    }
}

#[test]
fn table_4_matches_the_source_in_every_language() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, yes, no, sometimes, some, gmp, na, reports_az, reports_tm) in [
        ("az", "Bəli", "Xeyr", "Bəli, bəzən", "Yalnız bəzi elementlər", "GMP", "mövcud deyil", "Bəli; illik, rüblük, aylıq (mövcuddur)", "Bəli; illik (mövcud deyil)"),
        ("en", "Yes", "No", "Yes, sometimes", "Only some elements", "Extended Migration Profile (GMP)", "not available", "Yes; annual, quarterly, monthly (available)", "Yes; annual (not available)"),
        ("ru", "Да", "Нет", "Да, иногда", "Только некоторые элементы", "Расширенный миграционный профиль (GMP)", "нет данных", "Да; ежегодные, ежеквартальные, ежемесячные (доступны)", "Да; ежегодные (недоступны)"),
    ] {
        let t = figure(file(&r, &format!("{lang}/chapter-1/data-collection/index.html")), "data-collection");
        let url = |c: &str| format!("/{lang}/countries/{c}/");
        // Source lines 2008-2013: Azerbaijan, "BƏLİ" in every column; reports annual, quarterly, monthly.
        assert_eq!(cells(row(t, &url("az"))), [yes, yes, yes, yes, yes, yes, reports_az], "{lang}");
        // Source lines 2019-2020: Iran, "Xeyr Xeyr Xeyr BƏLİ (bəzən) Xeyr Yalnız bəzi elementlər Xeyr".
        assert_eq!(cells(row(t, &url("ir"))), [no, no, no, sometimes, no, some, no], "{lang}");
        // Source lines 2025 and 2040: Moldova and Ukraine have an extended migration profile (GMP).
        assert_eq!(cells(row(t, &url("md")))[2], gmp, "{lang}");
        assert_eq!(cells(row(t, &url("ua")))[4..6], [na, na], "{lang}");
        // Source lines 2036-2039: Turkmenistan publishes annual reports, not available.
        assert_eq!(cells(row(t, &url("tm")))[6], reports_tm, "{lang}");
        // Source lines 2014-2016 etc.: "Mövcud deyil" in every cell for six countries.
        for code in ["by", "kz", "kg", "ru", "tj", "uz"] {
            assert_eq!(cells(row(t, &url(code))), vec![na; 7], "{lang} {code}");
        }
    }
}

#[test]
fn table_5_follows_moldovas_row_and_the_prose() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, yes, unknown) in [("az", "bəli", "naməlum"), ("en", "yes", "unknown"), ("ru", "да", "неизвестно")] {
        let t = figure(file(&r, &format!("{lang}/chapter-1/international-cooperation/index.html")), "gcm");
        let url = |c: &str| format!("/{lang}/countries/{c}/");
        // Source line 2187: Moldova's row, "X X X".
        assert_eq!(cells(row(t, &url("md"))), [yes; 3], "{lang}");
        // Source lines 2157-2159: all signed; Azerbaijan prepared a report (lines 2206-2207); the UN Network members are not named.
        assert_eq!(cells(row(t, &url("az"))), [yes, unknown, yes], "{lang}");
        assert_eq!(cells(row(t, &url("ir"))), [yes, unknown, unknown], "{lang}");
        assert!(CODES.iter().all(|c| cells(row(t, &url(c)))[0] == yes), "{lang}");
    }
}

/// The cells of one framework's row of Table 6.
fn framework_row(table: &str, label: &str) -> Vec<String> {
    let start = table.find(&format!("<th scope=\"row\">{label}</th>")).unwrap_or_else(|| panic!("no row {label}"));
    cells(&table[start..start + table[start..].find("</tr>").unwrap()])
}

#[test]
fn table_6_follows_the_prose_and_its_footnote() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, yes, no, not_in_force, unknown, budapest, eubam, pca, black_sea, prague) in [
        ("az", "bəli", "xeyr", "qüvvədə deyil", "naməlum", "Budapeşt Prosesi", "Aİ-nin Moldova və Ukraynaya Sərhəd Yardım Missiyası (EUBAM)", "Tərəfdaşlıq və Əməkdaşlıq Sazişi", "Qara Dəniz Sinergiyası", "Praqa Prosesi"),
        ("en", "yes", "no", "not in force", "unknown", "Budapest Process", "EU Border Assistance Mission to Moldova and Ukraine (EUBAM)", "Partnership and Cooperation Agreement", "Black Sea Synergy", "Prague Process"),
        ("ru", "да", "нет", "не действует", "неизвестно", "Будапештский процесс", "Миссия ЕС по приграничной помощи Молдове и Украине (EUBAM)", "Соглашение о партнёрстве и сотрудничестве", "Черноморская синергия", "Пражский процесс"),
    ] {
        let t = figure(file(&r, &format!("{lang}/chapter-1/international-cooperation/index.html")), "eu-cooperation");
        // Countries as columns, in the report's order.
        let az = t.find(&format!("/{lang}/countries/az/")).unwrap();
        let uz = t.find(&format!("/{lang}/countries/uz/")).unwrap();
        assert!(az < uz, "{lang}");
        // ✓ is drawn (an SVG, no text): the cell's text is its words for screen readers.
        let mark = |s: &str| match s {
            s if s == yes => yes.to_string(),
            s if s == no => format!("–{no}"),
            s if s == not_in_force => format!("*{not_in_force}"),
            _ => format!("?{unknown}"),
        };
        let ticks = t.matches("<svg class=\"tick\"").count();
        let said = t.matches(&format!(">{yes}</span>")).count() + t.matches(&format!(">{not_in_force}</span>")).count();
        assert_eq!(ticks, said + 1, "{lang}: a tick for each yes and not-in-force cell, and one in the legend");
        // Source lines 2374-2375, 2406-2407: all countries take part in the Budapest Process.
        assert_eq!(framework_row(t, budapest), vec![mark(yes); 13], "{lang}");
        // Source lines 1394-1396, 2358-2359: EUBAM is Moldova's and Ukraine's (columns 7 and 12).
        let eubam_row = framework_row(t, eubam);
        assert_eq!(eubam_row.iter().filter(|c| **c == mark(yes)).count(), 2, "{lang}");
        assert_eq!((eubam_row[6].as_str(), eubam_row[11].as_str()), (mark(yes).as_str(), mark(yes).as_str()), "{lang}");
        // Source line 2346, the table's footnote: the agreement with Turkmenistan (column 11) is not in force.
        assert_eq!(framework_row(t, pca)[10], mark(not_in_force), "{lang}");
        // Source line 2317: six marks whose columns the scan lost.
        assert_eq!(framework_row(t, black_sea), vec![mark(unknown); 13], "{lang}");
        // Source lines 2378-2380: the Prague Process does not reach Iran (column 4).
        let prague_row = framework_row(t, prague);
        assert_eq!(prague_row[3], mark(no), "{lang}");
        assert_eq!(prague_row.iter().filter(|c| **c == mark(yes)).count(), 12, "{lang}");
    }
}

#[test]
fn every_profile_shows_its_row_of_each_table_and_links_to_the_table() {
    let r = render(&repo(), true, None).unwrap();
    for lang in ["az", "en", "ru"] {
        for code in CODES {
            let html = file(&r, &format!("{lang}/countries/{code}/index.html"));
            for section in ["consultation", "authority", "strategies", "problems", "conventions", "data-collection", "cooperation", "training-needs"] {
                assert!(html.contains(&format!("<section>\n<div class=\"heading-wrap\">\n<h2 id=\"{section}\">")), "{lang}/{code}: {section}");
            }
            for link in ["chapter-1/policy/#table-strategies", "chapter-1/international-cooperation/#table-eu-cooperation", "chapter-3/training-needs/#table-training-needs"] {
                assert!(html.contains(&format!("href=\"/{lang}/{link}\"")), "{lang}/{code}: {link}");
            }
        }
    }
}

/// The values of one row of Table 7, from its theme on: the printed values, then "?" per lost cell.
fn readings(table: &str, theme: &str) -> Vec<String> {
    let row = &table[table.find(theme).unwrap_or_else(|| panic!("no theme {theme}"))..];
    let row = &row[..row.find("</tr>").unwrap()];
    row.split("<li class=\"reading ").skip(1).map(|li| {
        let class = &li[..li.find('"').unwrap()];
        match class {
            "lost" => "?".to_string(),
            "priority-not-available" => "–".to_string(),
            p => p.trim_start_matches("priority-").to_string(),
        }
    }).collect()
}

#[test]
fn table_7_keeps_what_the_scan_kept_in_every_language() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, human_rights, family, border, uzbekistan) in [
        ("az", "Miqrantların insan hüquqları", "Ailə və miqrasiya", "Miqrasiyanın tənzimlənməsi: sərhəd idarəçiliyi", "Özbəkistan"),
        ("en", "Human rights of migrants", "Family and migration", "Regulating migration: border management", "Uzbekistan"),
        ("ru", "Права человека мигрантов", "Семья и миграция", "Регулирование миграции: управление границами", "Узбекистан"),
    ] {
        let t = figure(file(&r, &format!("{lang}/chapter-3/training-needs/index.html")), "training-needs");
        // Source lines 3422-3423: "4. Miqrantların insan hüquqları 3 4 3 2 3 3 Mövcud deyil | Mövcud deyil";
        // twelve columns in the header (3412-3414), so four cells are lost.
        assert_eq!(readings(t, human_rights), ["3", "4", "3", "2", "3", "3", "–", "–", "?", "?", "?", "?"], "{lang}");
        // Source lines 3440-3442: three values, then three "Mövcud deyil".
        assert_eq!(readings(t, border), ["4", "4", "3", "–", "–", "–", "?", "?", "?", "?", "?", "?"], "{lang}");
        // Source lines 3447-3448: row 14 kept only its two "Mövcud deyil" cells.
        let mut row14 = vec!["–".to_string(); 2];
        row14.extend(vec!["?".to_string(); 10]);
        assert_eq!(readings(t, family), row14, "{lang}");
        assert_eq!(t.matches("<td class=\"num\">").count(), 22, "{lang}: 22 themes");
        // The header does not list Uzbekistan; the note says so and the profile too.
        let absent = &t[t.find("class=\"priority-scale\"").unwrap()..];
        assert!(absent.contains(&format!("<a href=\"/{lang}/countries/uz/\">{uzbekistan}</a>.")), "{lang}");
        let section = |code: &str| {
            let html = file(&r, &format!("{lang}/countries/{code}/index.html"));
            let start = html.find("<section>\n<div class=\"heading-wrap\">\n<h2 id=\"training-needs\">").unwrap_or_else(|| panic!("{lang}/{code}"));
            html[start..start + html[start..].find("</section>").unwrap()].to_string()
        };
        assert!(!section("uz").contains("cell-unknown"), "{lang}: Uzbekistan is not in the table, not unknown in it");
        assert!(section("md").contains("class=\"cell-unknown\""), "{lang}: Moldova's column is in the table, its values unknown");
    }
}

#[test]
fn curriculum_matches_the_source_in_every_language() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, return_title, government, policy_makers, implementers, media, module_9_unknown, policy_level, both_levels, module_2_cell) in [
        ("az", "Üçüncü ölkə vətəndaşlarının qaytarılması üzrə beynəlxalq standartlar və qabaqcıl təcrübələr (Readmissiya Sazişləri daxil olmaqla)", "Hökumətdən olan maraqlı tərəflər", "Siyasəti qəbul edənlər", "Siyasəti həyata keçirənlər", "Media", "naməlum", "Siyasət səviyyəsi", "Siyasət + həyata keçirilmə səviyyələri", ["Hökumət", "Ali təhsil müəssisələri", "Media", "digər VCT-lər"]),
        ("en", "International standards and good practices on the return of third-country nationals (including Readmission Agreements)", "Government stakeholders", "Policy makers", "Policy implementers", "Media", "unknown", "Policy level", "Policy + implementation levels", ["Government", "Higher education institutions", "Media", "other CSOs"]),
        ("ru", "Международные стандарты и передовой опыт в области возвращения граждан третьих стран (включая соглашения о реадмиссии)", "Государственные заинтересованные стороны", "Лица, определяющие политику", "Лица, реализующие политику", "СМИ", "неизвестно", "Уровень политики", "Уровни политики + реализации", ["Правительство", "Высшие учебные заведения", "СМИ", "другие ОГО"]),
    ] {
        let html = file(&r, &format!("{lang}/chapter-4/curriculum/index.html"));
        // Source lines 3678-4102: 56 activities in 17 modules; modules 7, 10, 15, 17 and 19 are absent.
        assert_eq!(html.matches("<li class=\"activity\"").count(), 56, "{lang}");
        for n in [1, 2, 3, 4, 5, 6, 8, 9, 11, 12, 13, 14, 16, 18, 20, 21, 22] {
            assert!(html.contains(&format!("<h3 id=\"module-{n}\">")), "{lang}: module {n}");
        }
        for n in [7, 10, 15, 17, 19] {
            assert!(!html.contains(&format!("id=\"module-{n}\"")), "{lang}: module {n} is absent from the draft");
        }
        let tag = |class: &str, label: &str| format!("<span class=\"tag {class}\">{label}</span>");
        // Source lines 4054-4060: Module 21's one activity, for government stakeholders; Part 2
        // prints "Siyasəti qəbul edənlər + Siyasəti həyata keçirənlər", and the filter counts it
        // at the policy and the implementation level.
        let m21 = &html[html.find("<h3 id=\"module-21\">").unwrap()..html.find("<h3 id=\"module-22\">").unwrap()];
        assert!(m21.contains(return_title), "{lang}: {m21}");
        assert!(m21.contains("data-stakeholders=\"government\" data-levels=\"policy implementation\""), "{lang}: {m21}");
        assert!(m21.contains(&tag("stakeholder", government)), "{lang}: {m21}");
        assert!(m21.contains(&format!("{} + {}", tag("level", policy_makers), tag("level", implementers))), "{lang}: {m21}");
        // Part 1 prints the level as "Siyasət səviyyəsi" (source lines 3690-3893), 15 times;
        // never as Part 2's "Siyasəti qəbul edənlər" in those rows.
        let part_1 = &html[html.find("<h2 id=\"part-1\">").unwrap()..html.find("<h2 id=\"part-2\">").unwrap()];
        assert_eq!(part_1.matches(&tag("level", policy_level)).count(), 15, "{lang}");
        let m1 = &part_1[..part_1.find("<h3 id=\"module-2\">").unwrap()];
        assert!(m1.contains("data-levels=\"policy\""), "{lang}: {m1}");
        // Source lines 3714-3719 and 3762-3767: Module 2's first cell is one term of the report,
        // and its last stakeholder cell keeps the report's four words.
        let m2 = &part_1[part_1.find("<h3 id=\"module-2\">").unwrap()..part_1.find("<h3 id=\"module-3\">").unwrap()];
        assert!(m2.contains(&tag("level", both_levels)), "{lang}: {m2}");
        let cell = module_2_cell.iter().map(|l| tag("stakeholder", l)).collect::<Vec<_>>().join(" + ");
        assert!(m2.contains(&cell), "{lang}: {cell} in {m2}");
        assert!(m2.contains("data-stakeholders=\"government csos higher-education media\""), "{lang}: the filter's groups of that cell");
        // Source lines 3875-3887: Module 9's first two activities are for the media ("MEDIA"),
        // and the scan prints no level for them.
        let m9 = &html[html.find("<h3 id=\"module-9\">").unwrap()..html.find("<h2 id=\"part-2\">").unwrap()];
        let media_rows: Vec<&str> = m9.split("<li class=\"activity\"").skip(1).take(2).collect();
        for row in &media_rows {
            assert!(row.starts_with(" data-stakeholders=\"media\" data-levels=\"\""), "{lang}: {row}");
            assert!(row.contains(&tag("stakeholder", media)) && row.contains(&format!(">{module_9_unknown}</span>")), "{lang}: {row}");
        }
    }
}

/// The sidebar of a page lists the top-level entries and opens only the chapter the page is
/// in (its size does not grow with the rest of the report); the home page lists everything.
#[test]
fn the_sidebar_opens_the_current_chapter_and_the_home_page_lists_all() {
    let r = render(&repo(), false, None);
    let r = r.unwrap();
    let sidebar = |path: &str| -> String {
        let html = file(&r, path);
        let start = html.find("<nav class=\"sidebar\"").expect("a sidebar");
        let len = html[start..].find("</nav>").unwrap();
        html[start..start + len].to_string()
    };
    let policy = sidebar("en/chapter-1/policy/index.html");
    assert!(policy.contains(r#"<a href="/en/chapter-1/policy/" aria-current="page" class="current">"#), "{policy}");
    assert!(policy.contains(r#"<li class="open"><a href="/en/chapter-1/">"#), "{policy}");
    // The chapter's pages fold in a `<details>`, open without scripts, its toggle named.
    let chapter = &policy[policy.find(r#"<li class="open"><a href="/en/chapter-1/">"#).unwrap()..];
    assert!(chapter.contains("Migration Governance</a><details open><summary><svg class=\"icon\""), "{chapter}");
    assert!(chapter.contains("<span class=\"visually-hidden\">Chapter 1. Regional Gap Analysis and Needs Assessment in Migration Governance: pages</span></summary><ul>"), "{chapter}");
    assert_eq!(policy.matches("<details").count(), 1, "only the sections whose pages are listed fold: {policy}");
    assert!(policy.contains(r#"href="/en/chapter-1/civil-society/""#), "{policy}");
    assert!(policy.contains(r#"<li><a href="/en/chapter-2/">"#), "{policy}");
    assert!(!policy.contains(r#"href="/en/chapter-2/introduction/""#), "{policy}");
    let chapter_2 = sidebar("en/chapter-2/introduction/index.html");
    assert!(chapter_2.contains(r#"href="/en/chapter-2/introduction/" aria-current="page""#), "{chapter_2}");
    assert!(!chapter_2.contains(r#"href="/en/chapter-1/policy/""#), "{chapter_2}");
    let home = file(&r, "en/index.html");
    let contents = &home[home.find("<section class=\"home-contents\"").unwrap()..];
    let contents = &contents[..contents.find("</section>").unwrap()];
    assert!(!contents.contains("<details"), "the home page's contents are all open, with no toggles");
    for page in ["/en/chapter-1/policy/", "/en/chapter-2/introduction/", "/en/chapter-4/"] {
        assert!(contents.contains(&format!("href=\"{page}\"")), "{page}");
    }
}

/// Wordings a bilingual review found to say other than the report (issue 13), searched for in
/// every built file: each is fixed everywhere, not only where it was found.
#[test]
fn the_built_site_has_none_of_the_wordings_the_review_corrected() {
    let r = render(&repo(), true, None).unwrap();
    let wrong = [
        // "Yekun Cədvəl" is the summary table, as in the glossary.
        "Final Table",
        "final table",
        "итоговая таблица",
        "итоговой таблиц",
        "Итоговые таблицы",
        "итоговые таблицы",
        // "riayət etmişlər": they adhere to the instruments, not acceded to them.
        "присоединились к основным инструментам",
        // "Hazırda belə məlum olur ki": it now appears, not "it is obvious today".
        "Сегодня очевидно",
        // "miqrasiyanın planlaşdırılması və həyata keçirilməsi": migration, not migration policy.
        "при планировании и реализации миграционной политики",
        // "sektor siyasətləri tətbiq etmişlər": applied, not adopted.
        "All countries have adopted sectoral policies",
        "Все страны приняли отраслевую политику",
        // One term for one thing: "ziddiyyətli" is mixed / неоднородный, "siyasəti qəbul edənlər"
        // policy makers / лица, определяющие политику, "miqrantların qəbulu" reception.
        "contrasting",
        "контрастн",
        "Контрастн",
        "policymakers",
        "принимающие политические решения",
        "admission of migrants",
        // Calques.
        "Perspective Work Plan",
        "некоторый подробный анализ",
        // Table 2 gives no status of its own: no status label, in any language.
        "class=\"status",
        "qəbul edilib",
        ">adopted<",
        ">принят<",
        // Labels that said more than the report: "bağlanıb" (concluded) of a treaty the report
        // only says is not in force; the Azerbaijani ratification labels are the report's
        // "ratifikasiya etmişdir" (Table 4's "GMP" is checked in its own test).
        "bağlanıb, qüvvədə deyil",
        // An Azerbaijani expansion of "GMP" the report never prints (glossary included).
        "Genişləndirilmiş Miqrasiya Profili",
        "concluded, not in force",
        "заключено, не вступило",
        "ratifikasiya edilib",
        "ratifikasiya edilməyib",
        // Names in English are romanised (the glossary's conventions).
        "Ms Aygün",
        "Hüseynli, Ms",
        "Ms Könül Cəfərova",
    ];
    for f in &r.files {
        let Ok(text) = std::str::from_utf8(&f.bytes) else { continue };
        for w in wrong {
            assert!(!text.contains(w), "{} still says `{w}`", f.path);
        }
        // English apostrophes are straight (the glossary's conventions): no `’` inside a word.
        if f.path.starts_with("en/") {
            let chars: Vec<char> = text.chars().collect();
            for w in chars.windows(3) {
                assert!(!(w[1] == '’' && w[0].is_alphabetic() && w[2].is_alphabetic()), "{}: a curly apostrophe in `{}`", f.path, w.iter().collect::<String>());
            }
        }
    }
}

/// Reader defects of issue 15 fixed here: the root page has a heading; every page names its
/// icon (no 404 on a first visit); the search page has one search landmark, named; section
/// indexes print only the report's numbers; footnote back-links are links a reader can see.
#[test]
fn root_heading_favicon_one_named_search_landmark_and_section_lists_without_extra_numbers() {
    let r = render(&repo(), true, None).unwrap();
    let root = file(&r, "index.html");
    assert!(root.contains("<h1 class=\"chooser-title\"><span lang=\"az\">Dil seçin</span> · <span lang=\"en\">Choose a language</span> · <span lang=\"ru\">Выберите язык</span></h1>"), "{root}");
    assert!(r.files.iter().any(|f| f.path == "static/favicon.svg"));
    for f in r.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = std::str::from_utf8(&f.bytes).unwrap();
        assert!(html.contains("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"), "{}", f.path);
    }
    for lang in ["az", "en", "ru"] {
        let search = file(&r, &format!("{lang}/search/index.html"));
        assert_eq!(search.matches("role=\"search\"").count(), 1, "{lang}");
        assert!(search.contains("role=\"search\" aria-label=\""), "{lang}: the landmark is named");
        // "4. Main outcomes…" is the report's number: the index prints no list number before it.
        let intro = file(&r, &format!("{lang}/introduction/index.html"));
        assert!(intro.contains("<ol class=\"section-pages\">"), "{lang}");
    }
    // The report's numbering gaps are explained where they show, in the reader's language.
    for (lang, intro, curriculum) in [
        ("az", "hesabatın girişində 2 və 3 nömrəli bölmələr yoxdur", "layihədə 7, 10, 15, 17, 19 nömrəli modullar yoxdur"),
        ("en", "its introduction has no sections numbered 2 and 3", "its draft has no modules 7, 10, 15, 17, 19"),
        ("ru", "во введении доклада нет разделов 2 и 3", "в проекте нет модулей 7, 10, 15, 17, 19"),
    ] {
        assert!(file(&r, &format!("{lang}/introduction/index.html")).contains(intro), "{lang}");
        assert!(file(&r, &format!("{lang}/chapter-4/curriculum/index.html")).contains(curriculum), "{lang}");
    }
    // The glossary puts the reader's language first; a profile has a contents list of its
    // sections, and its headings have ids.
    for (lang, first) in [("az", "Azərbaycanca"), ("en", "English"), ("ru", "Русский")] {
        let g = file(&r, &format!("{lang}/glossary/index.html"));
        assert!(g.contains(&format!("<thead><tr><th scope=\"col\" lang=\"{lang}\">{first}</th>")), "{lang}");
        assert!(g.contains(&format!("<tr id=\"term-iom\"><td lang=\"{lang}\">")), "{lang}");
        let md = file(&r, &format!("{lang}/countries/md/index.html"));
        let toc = &md[md.find("<nav class=\"page-toc profile-contents\"").expect("a contents list")..];
        let toc = &toc[..toc.find("</nav>").unwrap()];
        for id in ["consultation", "authority", "strategies", "problems", "conventions", "data-collection", "cooperation", "training-needs"] {
            assert!(toc.contains(&format!("<a href=\"#{id}\">")), "{lang}: {id}");
            assert!(md.contains(&format!("<section>\n<div class=\"heading-wrap\">\n<h2 id=\"{id}\">")), "{lang}: {id}");
        }
    }
    // Table 3's legend explains only the marks the table shows: the scan kept no "+" in place.
    for lang in ["az", "en", "ru"] {
        let policy = file(&r, &format!("{lang}/chapter-1/policy/index.html"));
        let t3 = &policy[policy.find("id=\"table-problems\"").expect("Table 3")..];
        // (The table's notes, after its chart's caption.)
        let notes_start = t3.find("<figcaption class=\"table-notes\">").unwrap();
        let legend = &t3[notes_start..notes_start + t3[notes_start..].find("</figcaption>").unwrap()];
        assert!(!legend.contains("<span class=\"mark-sym\">+</span>") && !t3[..notes_start].contains(">+</span>"), "{lang}: {legend}");
        assert!(legend.contains("<span class=\"mark-sym\">–</span>"), "{lang}: {legend}");
    }
    // The style sheet as served: minified.
    let css = file(&r, "static/style.css");
    assert!(css.contains("outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--paper)"), "a focus ring of 3:1 and more (tests/theme.rs checks --focus in both schemes)");
    assert!(css.contains(".section-pages{padding-left:0;list-style:none"), "no list numbers before the report's own");
    assert!(css.contains(".footnote-backref{color:var(--accent);padding:0 .15em;text-decoration:underline"), "the back-link is a visible link");
}

#[test]
fn the_countries_index_has_a_contents_list_of_its_tables_under_headings_with_the_same_ids_in_every_language() {
    let r = render(&repo(), true, None).unwrap();
    let mut ids_by_lang = Vec::new();
    for lang in ["az", "en", "ru"] {
        let html = file(&r, &format!("{lang}/countries/index.html"));
        let toc = &html[html.find("<nav class=\"page-toc countries-contents\"").expect("a contents list")..];
        let toc = &toc[..toc.find("</nav>").unwrap()];
        let ids: Vec<&str> = toc.split("<a href=\"#").skip(1).map(|l| &l[..l.find('"').unwrap()]).collect();
        // The list of the countries, then every table of the report, in order.
        assert_eq!(ids.len(), 11, "{lang}: {ids:?}");
        assert_eq!(ids[0], "country-list", "{lang}");
        for id in &ids {
            let heading = format!("<h2 id=\"{id}\"");
            let heading_with_class = format!("<h2 class=\"table-caption\" id=\"{id}\">");
            assert!(html.contains(&heading) || html.contains(&heading_with_class), "{lang}: no heading #{id}");
            assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{lang}: #{id} is not unique");
        }
        // Each table's caption is its heading: the table is named by it, not by a second caption.
        for id in &ids[1..] {
            assert!(html.contains(&format!("<figure class=\"data-table\" aria-labelledby=\"{id}\">")), "{lang}: {id}");
        }
        assert!(!html.contains("<caption"), "{lang}: the headings name the tables");
        ids_by_lang.push(ids.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    }
    assert!(ids_by_lang.windows(2).all(|w| w[0] == w[1]), "the same ids in every language: {ids_by_lang:?}");
    // In a chapter's text, a table keeps its caption over the frame, not a heading.
    let policy = file(&r, "en/chapter-1/policy/index.html");
    assert!(policy.contains("<figure class=\"data-table\" id=\"table-problems\" data-place>\n<p class=\"table-caption\" aria-hidden=\"true\" data-pagefind-weight=\"8\">"));
}

#[test]
fn every_page_sets_its_colour_scheme_before_the_first_paint_and_tells_of_wide_tables_in_its_language() {
    let r = render(&repo(), true, None).unwrap();
    for (lang, hint, dark) in [
        ("az", "Cədvəlin hamısını görmək üçün yana sürüşdürün", "Tünd"),
        ("en", "Scroll sideways to see the whole table", "Dark"),
        ("ru", "Прокрутите вбок, чтобы увидеть всю таблицу", "Тёмная"),
    ] {
        for page in ["index.html", "countries/index.html", "countries/md/index.html", "glossary/index.html", "chapter-1/policy/index.html"] {
            let html = file(&r, &format!("{lang}/{page}"));
            let head = &html[..html.find("</head>").unwrap()];
            let init = head.find("localStorage.getItem(\"rtcm-theme\")").unwrap_or_else(|| panic!("{lang}/{page}: no scheme script in the head"));
            assert!(init < head.find("static/style.css").unwrap(), "{lang}/{page}: the scheme is set before the stylesheet");
            let header = &html[html.find("<header").unwrap()..html.find("</header>").unwrap()];
            assert!(header.contains("data-theme-switch hidden>"), "{lang}/{page}: the switch is in the header, shown by its script");
            for choice in ["system", "light", "dark"] {
                assert!(header.contains(&format!("data-theme-choice=\"{choice}\"")), "{lang}/{page}: {choice}");
            }
            assert!(header.contains(&format!("<span class=\"visually-hidden\">{dark}</span>")), "{lang}/{page}");
            assert!(html.contains(&format!("static/tables.js\" data-hint=\"{hint}\" defer>")), "{lang}/{page}");
        }
    }
    // The glossary turns into a card per term on a phone: the other languages are labelled.
    let g = file(&r, "en/glossary/index.html");
    assert!(g.contains("<table class=\"glossary stack\">") && g.contains("<td lang=\"ru\" data-label=\"Русский\">"), "{g}");
}

/// Issue 15, "never lose your place", as far as it is markup (tests/browser/nav.mjs tries it in
/// Chromium). Every level 2 and 3 heading with an id, whether the Markdown or the theme writes
/// it, is followed by a link to itself, named by a label in the page's language and the
/// heading's text; the header keeps the contents, the title, the search and the language switch
/// in one bar, each working without scripts (a jump to the sidebar, a link to the search page);
/// the drawer's close button, the live region for "Link copied" and the script are on every page.
#[test]
fn headings_link_to_themselves_and_the_header_keeps_the_reader_s_tools_together() {
    let r = render(&repo(), true, None).unwrap();
    let mut headings = 0;
    for f in r.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = std::str::from_utf8(&f.bytes).unwrap();
        for level in ["h2", "h3"] {
            let open = format!("<{level} id=\"");
            for (at, _) in html.match_indices(&open) {
                let id = &html[at + open.len()..];
                let id = &id[..id.find('"').unwrap()];
                assert!(html[..at].ends_with("<div class=\"heading-wrap\">\n"), "{}: #{id}", f.path);
                let end = at + html[at..].find(&format!("</{level}>")).unwrap() + level.len() + 3;
                let link = format!("\n<a class=\"heading-anchor\" href=\"#{id}\" aria-labelledby=\"heading-link-label {id}\">#</a></div>");
                assert!(html[end..].starts_with(&link), "{}: #{id}: {}", f.path, &html[end..end + 120]);
                headings += 1;
            }
        }
    }
    assert!(headings > 600, "{headings}");
    // A table's caption that is its heading (the countries index) has its link just before it,
    // so that the caption stays next to its table.
    for lang in ["az", "en", "ru"] {
        let html = file(&r, &format!("{lang}/countries/index.html"));
        let captions: Vec<&str> = html.split("<h2 class=\"table-caption\" id=\"").skip(1).map(|c| &c[..c.find('"').unwrap()]).collect();
        assert_eq!(captions.len(), 10, "{lang}");
        for id in captions {
            let link = format!("<a class=\"heading-anchor\" href=\"#{id}\" aria-labelledby=\"heading-link-label {id}\">#</a>\n<h2 class=\"table-caption\" id=\"{id}\">");
            assert!(html.contains(&link), "{lang}: #{id}");
        }
    }
    for (lang, label, copied, close, search) in [
        ("az", "Bölməyə keçid", "Keçid kopyalandı", "Mündəricatı bağla", "Axtarış"),
        ("en", "Link to the section", "Link copied", "Close the contents", "Search"),
        ("ru", "Ссылка на раздел", "Ссылка скопирована", "Закрыть содержание", "Поиск"),
    ] {
        for page in ["index.html", "chapter-1/policy/index.html", "countries/md/index.html", "glossary/index.html", "search/index.html"] {
            let html = file(&r, &format!("{lang}/{page}"));
            assert!(html.contains(&format!("<span id=\"heading-link-label\" hidden>{label}</span>")), "{lang}/{page}");
            assert!(html.contains(&format!("<div class=\"copy-status\" role=\"status\" data-copied=\"{copied}\"></div>")), "{lang}/{page}");
            assert!(html.contains(&format!("<span class=\"visually-hidden\">{close}</span></button>")), "{lang}/{page}");
            assert!(html.contains("<script src=\"/static/nav.js\" defer></script>"), "{lang}/{page}");
            let header = &html[html.find("<header class=\"site-header\">").unwrap()..html.find("</header>").unwrap()];
            let order = [
                "<a class=\"contents-link\" href=\"#site-nav\">",
                "<a class=\"site-title\"",
                &format!("<a class=\"search-toggle\" href=\"/{lang}/search/\">"),
                "<form class=\"search-form\" id=\"header-search\" role=\"search\"",
                "<nav class=\"lang-switcher\"",
            ];
            let at: Vec<usize> = order.iter().map(|s| header.find(s).unwrap_or_else(|| panic!("{lang}/{page}: no {s}"))).collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{lang}/{page}: {at:?}");
            assert!(header.contains(&format!("<span class=\"visually-hidden\">{search}</span></a>")), "{lang}/{page}");
            // The switch shows codes on phones and names on wide screens.
            assert!(header.contains(&format!("<span class=\"lang-code\">{}</span>", lang.to_uppercase())), "{lang}/{page}");
        }
    }
    let css = file(&r, "static/style.css");
    assert!(css.contains("html{scroll-padding-top:var(--header-h)}"), "a #section opens below the sticky header");
    assert!(r.files.iter().any(|f| f.path == "static/nav.js"));
}

/// The `data-…` attributes of every Table 1 chart totals line in `html`: (government, CSOs, total).
fn chart_totals(html: &str) -> Vec<[String; 3]> {
    let attr = |s: &str, name: &str| s.split(&format!("{name}=\"")).nth(1).unwrap().split('"').next().unwrap().to_string();
    html.split("<text class=\"totals\"").skip(1).map(|s| [attr(s, "data-government"), attr(s, "data-cso"), attr(s, "data-total")]).collect()
}

#[test]
fn the_charts_say_what_the_tables_say_in_every_language() {
    let r = render(&repo(), true, None).unwrap();
    // Every pattern a chart fills a mark with is defined on its page (the print page too).
    for f in r.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = std::str::from_utf8(&f.bytes).unwrap();
        for (at, m) in html.match_indices("url(#") {
            let id = &html[at + m.len()..];
            let id = &id[..id.find(')').unwrap()];
            assert!(html.contains(&format!(" id=\"{id}\"")), "{}: url(#{id}) names no element", f.path);
        }
    }
    for (lang, not_available) in [("az", "mövcud deyil"), ("en", "not available"), ("ru", "нет данных")] {
        for page in ["introduction/consultation/index.html", "countries/index.html"] {
            let html = file(&r, &format!("{lang}/{page}"));
            let start = html.find("<figure class=\"chart chart-bars\" id=\"chart-consultation\" data-pagefind-ignore").unwrap_or_else(|| panic!("{lang}/{page}: no Table 1 chart"));
            let chart = &html[start..start + html[start..].find("</figure>").unwrap()];
            assert!(chart.contains("role=\"img\" aria-labelledby=\"chart-consultation-t chart-consultation-d\""), "{lang}/{page}");
            assert!(chart.contains("<title id=\"chart-consultation-t\">") && chart.contains("<desc id=\"chart-consultation-d\">"), "{lang}/{page}");
            // The chart's totals are the table's footer (source line 326: "Cəmi 12 10 22 13 12 25").
            let foot = &html[html.find("<tfoot>").unwrap()..html.find("</tfoot>").unwrap()];
            let from_chart: Vec<String> = chart_totals(chart).concat().to_vec();
            assert_eq!(from_chart, cells(foot), "{lang}/{page}");
            assert_eq!(from_chart, ["12", "10", "22", "13", "12", "25"], "{lang}/{page}");
            // Ukraine's row says "not available" in words, in the page's language.
            let desc = &chart[chart.find("<desc").unwrap()..chart.find("</desc>").unwrap()];
            assert_eq!(desc.matches(&format!(": {not_available} (")).count(), 2, "{lang}/{page}: {desc}");
            // The chart links the table it comes from.
            assert!(chart.contains("href=\"#data-consultation\"") && html.contains("id=\"data-consultation\""), "{lang}/{page}");
        }
        let index = file(&r, &format!("{lang}/countries/index.html"));
        for id in ["problems", "data-collection", "gcm", "eu-cooperation", "training-needs"] {
            let start = index.find(&format!("id=\"chart-{id}\"")).unwrap_or_else(|| panic!("{lang}: no chart of {id}"));
            assert!(index[start..].contains(&format!("<desc id=\"chart-{id}-d\">")), "{lang}: {id}");
        }
        // Table 3: Uzbekistan's row is not available, Russia's has no mark: not the same drawing.
        let problems = &index[index.find("id=\"chart-problems\"").unwrap()..];
        let problems = &problems[..problems.find("</figure>").unwrap()];
        assert_eq!(problems.matches("data-marks=").count(), 12, "{lang}: twelve rows with a count, one not available");
        assert!(problems.contains("data-marks=\"0\""), "{lang}");
        assert_eq!(problems[..problems.find("<figcaption>").unwrap()].matches("class=\"m-na\"").count(), 1, "{lang}");
        // Every profile sums its rows up at a glance, with the words.
        for code in CODES {
            let html = file(&r, &format!("{lang}/countries/{code}/index.html"));
            let glance = &html[html.find("id=\"glance\"").unwrap_or_else(|| panic!("{lang}/{code}: no summary"))..];
            assert!(glance.contains("<title id=\"glance-gcm-t\">"), "{lang}/{code}");
            // The trafficking tier of its data file: the box of that tier filled, its number said.
            let yaml = std::fs::read_to_string(repo().join(format!("content/countries/{code}.yaml"))).unwrap();
            let tier = yaml.lines().find_map(|l| l.strip_prefix("trafficking_tier: ")).map(|t| t.trim().parse::<u32>().unwrap());
            let item = glance.find("id=\"glance-trafficking-t\">").map(|at| &glance[at..at + glance[at..].find("</dd>").unwrap()]);
            match (tier, item) {
                (Some(t), Some(item)) => {
                    let title = &item[..item.find("</title>").unwrap()];
                    assert!(title.rsplit(": ").next().unwrap().contains(&t.to_string()), "{lang}/{code}: {title}");
                    assert!(item.contains(&format!("<rect class=\"sq-on\" x=\"{}\"", (t - 1) * 24)) && item.matches("sq-on").count() == 1, "{lang}/{code}: {item}");
                }
                (None, None) => {}
                (t, i) => panic!("{lang}/{code}: tier {t:?} in the data, summary item {i:?}"),
            }
        }
        let uz = file(&r, &format!("{lang}/countries/uz/index.html"));
        let glance = &uz[uz.find("id=\"glance\"").unwrap()..uz.find("</figure>").unwrap()];
        assert!(glance.contains(&format!("{not_available}: 7")), "{lang}: Uzbekistan's Table 4 row is not available: {glance}");
    }
}
