//! The preview image of each language (`/<lang>/preview.png`, Open Graph's `og:image`): a card
//! of 1200 × 630 pixels with the report's title in that language and, under it, the
//! institution and the date. Drawn at build time as SVG and rasterised by `resvg` with the
//! theme's own Noto faces (its WOFF2 files, unpacked in memory): the same bytes on every build.

use std::path::Path;
use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use crate::cite::PREVIEW_SIZE;
use crate::error::{Diagnostic, Result};
use crate::site::Site;

/// The faces the card uses, under the theme's `static/fonts/`.
const TITLE_FACE: &str = "noto-serif-700-normal.woff2";
const BYLINE_FACE: &str = "noto-sans-400-normal.woff2";

const MARGIN: f32 = 80.0;
const INK: &str = "#102a43";
const ACCENT: &str = "#0b4f8a";

/// A face loaded for drawing and measuring.
struct Face {
    family: String,
    data: Vec<u8>,
}

impl Face {
    fn load(site: &Site, name: &str) -> Result<Face> {
        let real = site.theme_dir().join("static/fonts").join(name);
        let shown = site.paths.shown_path(&real);
        let woff2 = site.paths.read_bytes(&real)?;
        let bad = |m: String| Diagnostic::error(&shown, format!("the preview image's font: {m}"));
        let data = wuff::decompress_woff2(&woff2).map_err(|e| bad(format!("not a WOFF2 font ({e:?})")))?;
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| bad(format!("unreadable ({e})")))?;
        let family = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY || n.name_id == ttf_parser::name_id::FAMILY)
            .and_then(|n| n.to_string())
            .ok_or_else(|| bad("no family name".into()))?;
        Ok(Face { family, data })
    }

    /// The width of `text` at `size` pixels (advances only: enough to wrap lines).
    fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(face) = ttf_parser::Face::parse(&self.data, 0) else { return 0.0 };
        let units: u32 = text
            .chars()
            .map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(u32::from(face.units_per_em()) / 2, u32::from))
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }
}

/// `text` in lines no wider than `width` at `size`, words kept whole.
fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if face.width(&format!("{line} {word}"), size) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The card of `lang` as PNG bytes, its faces read from the theme (errors name the font file).
pub fn png(site: &Site, lang: &str) -> Result<Vec<u8>> {
    let title_face = Face::load(site, TITLE_FACE)?;
    let byline_face = Face::load(site, BYLINE_FACE)?;
    let byline = crate::cite::preview_byline(site, lang).unwrap_or_else(|| site.config.description[lang].clone());
    let (w, h) = PREVIEW_SIZE;
    let width = w as f32 - 2.0 * MARGIN;
    // The largest size at which the title takes at most five lines.
    let title = &site.config.title[lang];
    let (size, lines) = [64.0, 58.0, 52.0, 46.0, 40.0, 34.0]
        .iter()
        .map(|&s| (s, wrap(&title_face, title, s, width)))
        .find(|(_, l)| l.len() <= 5)
        .unwrap_or_else(|| (28.0, wrap(&title_face, title, 28.0, width)));
    let byline_size = 30.0;
    let bylines = wrap(&byline_face, &byline, byline_size, width);
    let line_height = size * 1.22;
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="#ffffff"/><rect width="{w}" height="24" fill="{ACCENT}"/>"##
    );
    let mut y = MARGIN + size;
    for line in &lines {
        svg.push_str(&format!(
            r#"<text x="{MARGIN}" y="{y}" font-family="{}" font-weight="700" font-size="{size}" fill="{INK}">{}</text>"#,
            escape(&title_face.family),
            escape(line)
        ));
        y += line_height;
    }
    // A short rule under the title, then the byline at the foot of the card.
    let rule = y - line_height + size * 0.6;
    svg.push_str(&format!(r#"<rect x="{MARGIN}" y="{rule}" width="120" height="6" fill="{ACCENT}"/>"#));
    let mut y = h as f32 - MARGIN * 0.8 - byline_size * 1.3 * (bylines.len() as f32 - 1.0);
    for line in &bylines {
        svg.push_str(&format!(
            r#"<text x="{MARGIN}" y="{y}" font-family="{}" font-size="{byline_size}" fill="{ACCENT}">{}</text>"#,
            escape(&byline_face.family),
            escape(line)
        ));
        y += byline_size * 1.3;
    }
    svg.push_str("</svg>");
    rasterise(&svg, vec![title_face.data, byline_face.data], &site.paths.shown_path(&site.theme_dir().join("static/fonts")))
}

fn rasterise(svg: &str, fonts: Vec<Vec<u8>>, fonts_dir: &Path) -> Result<Vec<u8>> {
    let fail = |m: String| Diagnostic::error(fonts_dir, format!("the preview image: {m}"));
    let mut db = usvg::fontdb::Database::new();
    for f in fonts {
        db.load_font_data(f);
    }
    let options = usvg::Options { fontdb: Arc::new(db), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| fail(e.to_string()))?;
    let (w, h) = PREVIEW_SIZE;
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or_else(|| fail("no room for the image".into()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    Ok(pixmap.encode_png().map_err(|e| fail(e.to_string()))?)
}
