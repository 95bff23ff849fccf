//! The bundled fonts (`themes/default/static/fonts/`, cut by `tools/subset-fonts.py`) draw every
//! character the report shows, in all three languages; and a chapter page, with the style
//! sheets, scripts and fonts it loads, stays under 120 KB as sent (text gzipped).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{render, repo};
use rtcm_report::pipeline::Rendered;

/// What a page in any language may load, HTML, CSS, JavaScript and fonts, counted as a reader's
/// browser receives them: text gzipped, as `serve` and static hosts send it (GitHub Pages,
/// Netlify, nginx's `gzip_static`); WOFF2 as it is (already compressed). Lighthouse's "total
/// byte weight" counts the same way.
const PAGE_BUDGET: usize = 120_000;

/// The bytes a file costs to send: text gzipped (default level), fonts and images as they are.
fn sent(path: &str, bytes: &[u8]) -> usize {
    if path.ends_with(".woff2") {
        return bytes.len();
    }
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap().len()
}

/// An `@font-face` rule, with what its file holds.
#[derive(Clone)]
struct Face {
    /// `Noto Sans 600 normal`.
    style: String,
    /// The font file, as an output path (`static/fonts/….woff2`).
    file: String,
    size: usize,
    /// Its `unicode-range`, as inclusive ranges.
    ranges: Vec<(u32, u32)>,
    /// The code points its file's cmap maps to a glyph.
    cmap: BTreeSet<u32>,
}

impl Face {
    fn in_range(&self, c: char) -> bool {
        self.ranges
            .iter()
            .any(|&(a, b)| (a..=b).contains(&(c as u32)))
    }
}

/// The output files by path.
fn files(r: &Rendered) -> BTreeMap<&str, &[u8]> {
    r.files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect()
}

/// `css` without its comments.
fn uncommented(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out + rest
}

/// `U+20-7E,U+A0,U+4??`.
fn unicode_range(value: &str) -> Vec<(u32, u32)> {
    value
        .split(',')
        .map(|part| {
            let part = part
                .trim()
                .trim_start_matches(['U', 'u'])
                .trim_start_matches('+');
            let hex = |s: &str| {
                u32::from_str_radix(s, 16).unwrap_or_else(|_| panic!("unicode-range `{value}`"))
            };
            match part.split_once('-') {
                Some((a, b)) => (hex(a), hex(b)),
                None if part.contains('?') => {
                    (hex(&part.replace('?', "0")), hex(&part.replace('?', "F")))
                }
                None => (hex(part), hex(part)),
            }
        })
        .collect()
}

/// The code points `woff2` maps to a glyph, after checking that the file is the face it is
/// declared as (family, weight, italic or not).
fn cmap(woff2: &[u8], file: &str, family: &str, weight: u16, italic: bool) -> BTreeSet<u32> {
    let sfnt = wuff::decompress_woff2(woff2).unwrap_or_else(|e| panic!("{file}: not WOFF2: {e:?}"));
    let font = ttf_parser::Face::parse(&sfnt, 0).unwrap_or_else(|e| panic!("{file}: {e}"));
    // The typographic family (`Noto Sans` of `Noto Sans SemiBold`), if the file says.
    let named = |id: u16| {
        font.names()
            .into_iter()
            .find(|n| n.name_id == id && n.is_unicode())
            .and_then(|n| n.to_string())
    };
    let name = named(ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
        .or_else(|| named(ttf_parser::name_id::FAMILY));
    assert_eq!(
        name.as_deref(),
        Some(family),
        "{file}: the family its @font-face names"
    );
    assert_eq!(
        font.weight().to_number(),
        weight,
        "{file}: the weight its @font-face names"
    );
    assert_eq!(
        font.is_italic(),
        italic,
        "{file}: the style its @font-face names"
    );
    let mut mapped = BTreeSet::new();
    for table in font.tables().cmap.into_iter().flat_map(|c| c.subtables) {
        if table.is_unicode() {
            table.codepoints(|c| {
                if table.glyph_index(c).is_some_and(|g| g.0 != 0) {
                    mapped.insert(c);
                }
            });
        }
    }
    mapped
}

/// The `@font-face` rules of the style sheet at output path `css`, their files read through
/// `read` (an output path in, its bytes out).
fn faces(css: &str, read: &dyn Fn(&str) -> Vec<u8>) -> Vec<Face> {
    let sheet = String::from_utf8(read(css)).unwrap();
    let dir = css.rsplit_once('/').map_or("", |(d, _)| d);
    let mut out = Vec::new();
    for block in uncommented(&sheet).split("@font-face").skip(1) {
        let body = &block[block.find('{').unwrap() + 1..block.find('}').unwrap()];
        let get = |name: &str| {
            body.split(';')
                .find_map(|decl| {
                    decl.split_once(':')
                        .filter(|(k, _)| k.trim() == name)
                        .map(|(_, v)| v.trim().to_string())
                })
                .unwrap_or_else(|| panic!("{css}: an @font-face without `{name}`"))
        };
        let family = get("font-family").trim_matches(['\'', '"']).to_string();
        let weight: u16 = get("font-weight").parse().unwrap();
        let style = get("font-style");
        let src = get("src");
        let url =
            src[src.find("url(").unwrap() + 4..src.find(')').unwrap()].trim_matches(['\'', '"']);
        let file = if dir.is_empty() {
            url.to_string()
        } else {
            format!("{dir}/{url}")
        };
        let bytes = read(&file);
        out.push(Face {
            style: format!("{family} {weight} {style}"),
            cmap: cmap(&bytes, &file, &family, weight, style == "italic"),
            size: bytes.len(),
            file,
            ranges: unicode_range(&get("unicode-range")),
        });
    }
    out
}

/// The value of attribute `name` in the inside of a tag (`a href="…" class="…"`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(at) = rest.find(&format!("{name}=\"")) {
        let before = rest[..at].chars().next_back();
        let value = &rest[at + name.len() + 2..];
        if before.is_none_or(char::is_whitespace) {
            return Some(decode(&value[..value.find('"').unwrap_or(value.len())]));
        }
        rest = value;
    }
    None
}

/// Text with its character references decoded (the ones the templates and the Markdown
/// renderer write, and any numeric one).
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e < 12);
        let entity = end.map(|e| &rest[1..e]);
        let c = match entity {
            Some("amp") => Some('&'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            Some("nbsp") => Some('\u{a0}'),
            Some(e) if e.starts_with("#x") || e.starts_with("#X") => {
                u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (c, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out + rest
}

/// The attributes whose values a page shows in its own fonts: a field's placeholder, an image's
/// alternative, a button's value, the column label a narrow table writes before each cell
/// (`content: attr(data-label)`).
const SHOWN_ATTRIBUTES: [&str; 4] = ["placeholder", "alt", "value", "data-label"];

/// The characters `html` draws: its text outside scripts and style sheets, character
/// references decoded, and its shown attributes. Line breaks and tabs aside.
fn drawn(html: &str) -> BTreeSet<char> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode(&rest[..lt]));
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let gt = rest.find('>').unwrap_or(rest.len() - 1);
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        for name in SHOWN_ATTRIBUTES {
            if let Some(value) = attribute(tag, name) {
                text.push_str(&value);
            }
        }
        let name = tag
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |e| &rest[e..]);
        }
    }
    text.push_str(&decode(rest));
    text.chars().filter(|c| !c.is_control()).collect()
}

/// What a style sheet writes itself (`content: "›"`).
fn generated(css: &str) -> BTreeSet<char> {
    let css = uncommented(css);
    let mut out = BTreeSet::new();
    for (_, after) in css
        .match_indices("content:")
        .map(|(i, _)| css.split_at(i + 8))
    {
        let value = &after[..after.find([';', '}']).unwrap_or(after.len())];
        for quoted in value.split('"').skip(1).step_by(2) {
            out.extend(quoted.chars());
        }
    }
    out
}

/// Each character of `shown` (with a page that shows it) that some style lacks: no face of
/// that family, weight and style has it in its `unicode-range` and its file. A browser would
/// draw it in another font.
fn uncovered(faces: &[Face], shown: &BTreeMap<char, String>) -> Vec<String> {
    let styles: BTreeSet<&str> = faces.iter().map(|f| f.style.as_str()).collect();
    let mut out = Vec::new();
    for (&c, page) in shown {
        let lacking: Vec<&str> = styles
            .iter()
            .filter(|s| {
                !faces
                    .iter()
                    .any(|f| f.style == **s && f.in_range(c) && f.cmap.contains(&(c as u32)))
            })
            .copied()
            .collect();
        if !lacking.is_empty() {
            out.push(format!(
                "U+{:04X} {c} (in {page}): not in {}",
                c as u32,
                lacking.join(", ")
            ));
        }
    }
    out
}

/// The theme's own fonts, read from `themes/default/static/`.
fn theme_faces() -> Vec<Face> {
    let dir = repo().join("themes/default/static");
    faces("fonts.css", &|path| {
        std::fs::read(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    })
}

#[test]
fn each_font_face_declares_exactly_what_its_file_holds() {
    let faces = theme_faces();
    let styles: BTreeSet<&str> = faces.iter().map(|f| f.style.as_str()).collect();
    assert_eq!(
        styles.into_iter().collect::<Vec<_>>(),
        [
            "Noto Sans 400 normal",
            "Noto Sans 700 normal",
            "Noto Serif 400 italic",
            "Noto Serif 400 normal",
            "Noto Serif 700 normal"
        ]
    );
    for f in &faces {
        // A range wider than the file would have the browser download it for a character
        // it then draws in another font; a narrower one, ship glyphs no page can use.
        let declared: BTreeSet<u32> = f.ranges.iter().flat_map(|&(a, b)| a..=b).collect();
        assert_eq!(
            declared, f.cmap,
            "{}: unicode-range and cmap differ (re-run tools/subset-fonts.py)",
            f.file
        );
    }
}

#[test]
fn the_fonts_draw_every_character_the_report_shows() {
    let r = render(&repo(), false, None).unwrap_or_else(|e| panic!("{e}"));
    let out = files(&r);
    let faces = faces("static/fonts.css", &|p: &str| {
        out.get(p)
            .unwrap_or_else(|| panic!("no output {p}"))
            .to_vec()
    });
    let mut shown: BTreeMap<char, String> = BTreeMap::new();
    let mut pages = BTreeMap::new();
    for (path, bytes) in &out {
        let chars = if path.ends_with(".html") {
            *pages.entry(path.split('/').next().unwrap()).or_insert(0) += 1;
            drawn(std::str::from_utf8(bytes).unwrap())
        } else if path.ends_with(".css") {
            generated(std::str::from_utf8(bytes).unwrap())
        } else {
            continue;
        };
        for c in chars {
            shown.entry(c).or_insert_with(|| path.to_string());
        }
    }
    for lang in ["az", "en", "ru"] {
        assert!(
            pages.get(lang).is_some_and(|&n| n > 20),
            "the pages in {lang}: {pages:?}"
        );
    }
    // The report's own letters are among them, so the check is not vacuous.
    for c in [
        'ə', 'ğ', 'ı', 'İ', 'ş', 'ç', 'ö', 'ü', 'ж', 'ё', 'w', '№', '«', '—',
    ] {
        assert!(shown.contains_key(&c), "{c}");
    }
    let missing = uncovered(&faces, &shown);
    assert!(
        missing.is_empty(),
        "characters the bundled fonts lack: add them with tools/subset-fonts.py, \
         or draw them (as the theme draws ✓ and ↩):\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_missing_glyph_is_found() {
    let mut faces = theme_faces();
    let shown: BTreeMap<char, String> = [
        ('ə', "az/index.html"),
        ('ж', "ru/index.html"),
        ('a', "en/index.html"),
    ]
    .into_iter()
    .map(|(c, p)| (c, p.to_string()))
    .collect();
    assert_eq!(uncovered(&faces, &shown), Vec::<String>::new());
    // A file cut without ə, its range still claiming it: the check names the style that lacks it.
    let serif = faces
        .iter_mut()
        .find(|f| f.style == "Noto Serif 700 normal")
        .unwrap();
    serif.cmap.remove(&('ə' as u32));
    assert_eq!(
        uncovered(&faces, &shown),
        ["U+0259 ə (in az/index.html): not in Noto Serif 700 normal"]
    );
    // A symbol no face has, ✓: every style lacks it.
    let shown: BTreeMap<char, String> = [('✓', "en/x/index.html".to_string())].into();
    let missing = uncovered(&theme_faces(), &shown);
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].starts_with("U+2713 ✓ (in en/x/index.html): not in Noto Sans 400 normal, "),
        "{missing:?}"
    );
}

#[test]
fn text_is_read_as_a_browser_shows_it() {
    let html = "<p title=\"Ω\">a&amp;b &#x2014;&#8212;&nbsp;</p><!-- Ж -->\
                <script>let s = \"Ж\";</script><input placeholder=\"ə\">\
                <td data-label=\"İl\">1</td><style>p::before { content: \"Ф\" }</style>";
    let got: String = drawn(html).into_iter().collect();
    assert_eq!(got, " &1abl\u{a0}İə—");
    assert_eq!(
        generated(".b li + li::before { content: \"›\"; } /* content: \"x\" */"),
        BTreeSet::from(['›'])
    );
    assert_eq!(
        unicode_range("U+20-7E, U+A0,U+4??"),
        [(0x20, 0x7e), (0xa0, 0xa0), (0x400, 0x4ff)]
    );
}

/// The output path of `href`, a link of the site (absolute, or from the site's root).
fn resolve<'a>(out: &BTreeMap<&'a str, &[u8]>, href: &str) -> &'a str {
    let path = href.split(['?', '#']).next().unwrap();
    let path = path
        .split_once("://")
        .map_or(path, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let mut path = path.trim_start_matches('/');
    loop {
        if let Some((&key, _)) = out.get_key_value(path) {
            return key;
        }
        // Under a base path (`/report/static/style.css`): try without its first segment.
        path = path
            .split_once('/')
            .unwrap_or_else(|| panic!("no output for `{href}`"))
            .1;
    }
}

#[test]
fn a_long_chapter_page_sends_under_120_kb_in_each_language() {
    let r = render(&repo(), false, None).unwrap_or_else(|e| panic!("{e}"));
    let out = files(&r);
    for lang in ["az", "en", "ru"] {
        // The longest chapter page: the heaviest HTML.
        let (page, html) = out
            .iter()
            .filter(|(p, _)| p.starts_with(&format!("{lang}/chapter-")) && p.ends_with(".html"))
            .max_by_key(|(p, b)| (b.len(), **p))
            .unwrap();
        let html = std::str::from_utf8(html).unwrap();
        let mut chars = drawn(html);
        // What it loads: itself, its style sheets, icon and scripts, and the fonts whose
        // unicode-range holds a character of its text (as a browser chooses them, counting
        // every style: the page may use any of them).
        let mut loaded: BTreeMap<&str, usize> = BTreeMap::from([(*page, sent(page, html.as_bytes()))]);
        let mut sheets = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find('<') {
            let end = rest[start..].find('>').map_or(rest.len(), |e| start + e);
            let tag = &rest[start + 1..end];
            rest = &rest[end..];
            let href = match tag.split_whitespace().next() {
                Some("link") => match attribute(tag, "rel").as_deref() {
                    Some("stylesheet" | "icon" | "preload" | "modulepreload") => {
                        attribute(tag, "href")
                    }
                    _ => None,
                },
                Some("script") => attribute(tag, "src"),
                _ => None,
            };
            if let Some(href) = href {
                let path = resolve(&out, &href);
                loaded.insert(path, sent(path, out[path]));
                if path.ends_with(".css") {
                    chars.extend(generated(std::str::from_utf8(out[path]).unwrap()));
                    sheets.push(path);
                }
            }
        }
        assert!(sheets.contains(&"static/fonts.css"), "{page}: {sheets:?}");
        for sheet in sheets {
            for face in faces(sheet, &|p: &str| {
                out.get(p)
                    .unwrap_or_else(|| panic!("no output {p}"))
                    .to_vec()
            }) {
                if chars.iter().any(|&c| face.in_range(c)) {
                    loaded.insert(out.get_key_value(face.file.as_str()).unwrap().0, face.size);
                }
            }
        }
        let total: usize = loaded.values().sum();
        let listing: Vec<String> = loaded
            .iter()
            .map(|(p, n)| format!("  {n:>7} {p}"))
            .collect();
        eprintln!("{page}: {total} bytes\n{}", listing.join("\n"));
        assert!(
            loaded.keys().any(|p| p.ends_with(".woff2")),
            "{page}: no font counted"
        );
        assert!(
            total < PAGE_BUDGET,
            "{page} loads {total} bytes, over {PAGE_BUDGET}:\n{}",
            listing.join("\n")
        );
    }
}
