//! The search index of one language: a Pagefind bundle made in process from the pages the build
//! rendered, written under `<lang>/pagefind/` and read in the browser by Pagefind's own search
//! script (`pagefind.js`, its WebAssembly, and the index in chunks and fragments, so a query loads
//! only the parts of the index it needs).
//!
//! What is indexed is each page's `<main>` (its `data-pagefind-body`), without the parts every
//! page repeats (breadcrumbs, contents lists, previous/next): Markdown chapters, the tables they
//! show, the countries index, the profiles and the glossary. A heading with an id starts a
//! section, which a result links to with the heading and an excerpt of its own.
//!
//! Languages: English and Russian are stemmed by Pagefind's Snowball stemmers ("миграции" and
//! "миграция" find the same places, "migrants" finds "migrant"). Pagefind has no Azerbaijani;
//! its Turkish stemmer takes off the case and plural endings the two languages share (-lar/-lər,
//! -da/-də, -ın/-in, -nın/-nin…), so Azerbaijani is indexed as Turkish: on the report,
//! "sərhədlərin" finds 25 pages instead of 5, "siyasətlər" 35 instead of 21, "ölkələrdə" and
//! "ölkənin" the same 41. Pagefind strips diacritics (ö → o, ş → s, ç → c, ü → u, ğ → g), but ə
//! and ı have no decomposition and would stay apart from e and i: in Azerbaijani they are written
//! as ĕ and ĭ (letters Azerbaijani does not use, which decompose to e and i) in what is indexed,
//! and the search script does the same to the query and the reverse to what it shows: "olke"
//! finds "ölkə". Words are also found by their beginnings, so "ölkə" finds "ölkələrin".

use std::collections::BTreeMap;

use crate::error::{Diagnostic, Errors, Result};

/// The folder of a language's bundle, under the language's folder of the site.
pub const BUNDLE_DIR: &str = "pagefind";

/// One page to index: its address on the site and its `<main>` element.
pub struct Page<'a> {
    pub url: &'a str,
    pub main: &'a str,
}

/// The parts of `<main>` that are not the page's own text: what every page repeats, and the lists
/// of other pages' titles (the home page's contents, a section's pages).
const EXCLUDED: &[&str] = &[".breadcrumbs", "nav", ".home-contents", ".section-pages", ".heading-anchor", ".footnote-backref", "[data-search-ignore]"];

/// The language Pagefind indexes `lang` as: Turkish for Azerbaijani (see the module's notes),
/// else the site's own. Pagefind stems the languages it has a stemmer for and indexes any other
/// without one (its search script then loads its language-neutral WebAssembly).
fn pagefind_language(lang: &str) -> &str {
    match lang {
        "az" => "tr",
        _ => lang,
    }
}

/// The letters of `lang` that Pagefind's diacritic folding does not reach, and the letters
/// they are indexed as (see the module's notes). The search script (`static/search.js`) holds
/// the same table.
pub fn folded_letters(lang: &str) -> &'static [(char, char)] {
    match lang {
        "az" => &[('ə', 'ĕ'), ('Ə', 'Ĕ'), ('ı', 'ĭ')],
        _ => &[],
    }
}

/// What Pagefind is given of a page's `<main>`: the `letters` folded in its text (not in its
/// tags: ids and addresses stay as they are, so results link to them), and a space between
/// two tags, so the cells of a table row (`…</td><td>…`) are not read as one word.
fn prepare(html: &str, letters: &[(char, char)]) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                if out.ends_with('>') {
                    out.push(' ');
                }
                in_tag = true;
            }
            '>' => in_tag = false,
            _ => {}
        }
        match letters.iter().find(|(from, _)| *from == c) {
            Some((_, to)) if !in_tag => out.push(*to),
            _ => out.push(c),
        }
    }
    out
}

/// The bundle of `lang` made of `pages` (in the site's order): its files, by path under the
/// bundle's folder, sorted. The same pages give the same bytes.
pub fn bundle(lang: &str, pages: &[Page]) -> Result<Vec<(String, Vec<u8>)>> {
    let err = |e: anyhow::Error| Errors::one(Diagnostic::error(format!("{lang}/{BUNDLE_DIR}/"), format!("making the search index: {e:#}")));
    let options = pagefind::options::PagefindServiceConfig::builder()
        .force_language(pagefind_language(lang).to_string())
        .root_selector("main".to_string())
        .exclude_selectors(EXCLUDED.iter().map(|s| s.to_string()).collect())
        .build();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| err(e.into()))?;
    let letters = folded_letters(lang);
    let files = runtime.block_on(async {
        let mut index = pagefind::api::PagefindIndex::new(Some(options))?;
        for page in pages {
            let html = format!("<html lang=\"{lang}\"><body>{}</body></html>", prepare(page.main, letters));
            index.add_html_file(None, Some(page.url.to_string()), html).await?;
        }
        index.get_files().await
    });
    let files = files.map_err(err)?;
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for f in files {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        if wanted(&name) {
            out.insert(name, f.contents);
        }
    }
    Ok(out.into_iter().collect())
}

/// The files of a bundle the site uses: the search script, its worker and WebAssembly, and the
/// index. Pagefind's ready-made interfaces (`pagefind-ui`, `pagefind-component-ui`,
/// `pagefind-modular-ui`, the playground) are not written: the site has its own search page.
fn wanted(name: &str) -> bool {
    !(name.contains("-ui.") || name.contains("-ui-") || name.starts_with("playground"))
}

/// Pick `<main …>…</main>` out of a rendered page: what the search index is made of.
pub fn main_element(html: &str) -> Option<&str> {
    let start = html.find("<main")?;
    let end = html[start..].rfind("</main>")? + start + "</main>".len();
    Some(&html[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_leaves_tags_alone_and_cells_apart() {
        let got = prepare(r#"<h2 id="ölkə">Ölkələr ılıq</h2><tr><td>a</td><td>b</td></tr>"#, folded_letters("az"));
        assert_eq!(got, r#"<h2 id="ölkə">Ölkĕlĕr ĭlĭq</h2> <tr> <td>a</td> <td>b</td> </tr>"#);
        assert_eq!(prepare("ə <b>x</b>", folded_letters("en")), "ə <b>x</b>");
    }

    #[test]
    fn main_element_is_found_whole() {
        let html = "<header>x</header><main id=\"main\" data-pagefind-body><p>a</p></main><footer>y</footer>";
        assert_eq!(main_element(html), Some("<main id=\"main\" data-pagefind-body><p>a</p></main>"));
        assert_eq!(main_element("<p>none</p>"), None);
    }

    #[test]
    fn a_bundle_is_the_same_twice_and_finds_its_pages() {
        let pages = [
            Page { url: "/en/a/", main: "<main><h1>Migration</h1><h2 id=\"x\">Migrants</h2><p>Labour migrants move.</p></main>" },
            Page { url: "/en/b/", main: "<main><h1>Other</h1><p>Nothing here.</p></main>" },
        ];
        let one = bundle("en", &pages).unwrap();
        let two = bundle("en", &pages).unwrap();
        assert_eq!(one, two);
        let names: Vec<&str> = one.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind-entry.json"), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("wasm.en")), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("-ui")), "{names:?}");
        assert_eq!(names.iter().filter(|n| n.starts_with("fragment/")).count(), 2, "{names:?}");
    }

    #[test]
    fn a_language_pagefind_has_no_stemmer_for_is_indexed_without_one() {
        let pages = [Page { url: "/xx/a/", main: "<main><h1>Kitab</h1><p>Kitablar.</p></main>" }];
        let files = bundle("xx", &pages).unwrap();
        let entry = &files.iter().find(|(n, _)| n == "pagefind-entry.json").unwrap().1;
        let entry: serde_json::Value = serde_json::from_slice(entry).unwrap();
        assert_eq!(entry["languages"]["xx"]["page_count"], 1, "{entry}");
        assert!(entry["languages"]["xx"]["wasm"].is_null(), "{entry}");
        assert!(files.iter().any(|(n, _)| n == "wasm.unknown.pagefind"));
    }
}
