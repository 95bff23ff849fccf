//! The default theme's colour schemes: every pair of colours the pages show together meets
//! WCAG 2.2 AA (4.5:1 for text, 3:1 for the parts of controls and the focus rings), in the
//! light scheme and in the dark one, read from `static/style.css` itself.

use std::collections::BTreeMap;

const TEXT: f64 = 4.5;
const UI: f64 = 3.0;

/// The foreground and background variables shown together, the ratio they need, and where.
const PAIRS: &[(&str, &str, f64, &str)] = &[
    ("ink", "paper", TEXT, "body text"),
    ("ink", "shade", TEXT, "text on the shade: captions, sidebar, totals"),
    ("ink", "accent-soft", TEXT, "table heads, marked cells"),
    ("ink", "row-hover", TEXT, "a hovered row"),
    ("ink", "mark-bg", TEXT, "a search highlight"),
    ("ink", "warn-soft", TEXT, "a notice"),
    ("heading", "paper", TEXT, "headings"),
    ("heading", "shade", TEXT, "table captions as headings"),
    ("muted", "paper", TEXT, "secondary text"),
    ("muted", "shade", TEXT, "secondary text on the shade"),
    ("muted", "accent-soft", TEXT, "secondary text in a marked cell"),
    ("muted", "row-hover", TEXT, "secondary text in a hovered row"),
    ("muted", "warn-soft", TEXT, "secondary text in a notice"),
    ("accent", "paper", TEXT, "links"),
    ("accent", "shade", TEXT, "links on the shade"),
    ("accent", "accent-soft", TEXT, "links in table heads and tags"),
    ("accent", "row-hover", TEXT, "links in a hovered row"),
    ("accent", "warn-soft", TEXT, "links in a notice"),
    ("accent", "mark-bg", TEXT, "a highlighted link"),
    ("warn", "warn-soft", TEXT, "the unknown-cell marker"),
    ("warn", "paper", TEXT, "the marker's border"),
    ("warn", "accent-soft", TEXT, "the marker in a marked cell"),
    ("on-accent", "accent", TEXT, "the current page in the contents"),
    ("header-ink", "header-bg", TEXT, "the header"),
    ("header-bg", "header-ink", TEXT, "the current language and scheme"),
    ("header-ink", "header-hover", TEXT, "a hovered header link"),
    ("focus", "paper", UI, "the focus ring"),
    ("focus", "shade", UI, "the focus ring on the shade"),
    ("focus", "accent-soft", UI, "the focus ring in a table head"),
    ("focus-header", "header-bg", UI, "the focus ring in the header"),
    ("field-border", "paper", UI, "a field's border"),
    ("field-border", "shade", UI, "a field's border on the shade"),
    ("header-field-border", "header-bg", UI, "the header's field and button borders"),
    ("p4-ink", "p4-bg", TEXT, "Table 7: priority 4"),
    ("p3-ink", "p3-bg", TEXT, "Table 7: priority 3"),
    ("p2-ink", "p2-bg", TEXT, "Table 7: priority 2"),
    ("p1-ink", "p1-bg", TEXT, "Table 7: priority 1"),
];

/// The custom properties declared in the first block that follows `selector`.
fn block(css: &str, selector: &str) -> BTreeMap<String, String> {
    let start = css.find(selector).unwrap_or_else(|| panic!("no `{selector}` in style.css"));
    let open = start + css[start..].find('{').unwrap() + 1;
    let close = open + css[open..].find('}').unwrap();
    let mut body = css[open..close].to_string();
    while let Some(a) = body.find("/*") {
        let b = a + body[a..].find("*/").expect("a closed comment") + 2;
        body.replace_range(a..b, "");
    }
    body.split(';')
        .filter_map(|d| d.trim().strip_prefix("--"))
        .filter_map(|d| d.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

type Rgba = [f64; 4];

fn colour(vars: &BTreeMap<String, String>, name: &str) -> Rgba {
    let mut v = vars.get(name).unwrap_or_else(|| panic!("--{name} is not declared")).as_str();
    while let Some(inner) = v.strip_prefix("var(--").and_then(|r| r.strip_suffix(')')) {
        v = vars.get(inner).unwrap_or_else(|| panic!("--{inner} is not declared"));
    }
    if let Some(hex) = v.strip_prefix('#') {
        let hex: String = if hex.len() == 3 { hex.chars().flat_map(|c| [c, c]).collect() } else { hex.to_string() };
        let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64;
        return [c(0), c(2), c(4), 1.0];
    }
    let args = v.strip_prefix("rgba(").or_else(|| v.strip_prefix("rgb(")).and_then(|r| r.strip_suffix(')'));
    let p: Vec<f64> = args
        .unwrap_or_else(|| panic!("--{name}: `{v}` is not a colour this test reads"))
        .split([',', ' ', '/'])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    [p[0], p[1], p[2], p.get(3).copied().unwrap_or(1.0)]
}

fn over(c: Rgba, under: Rgba) -> Rgba {
    let a = c[3];
    [c[0] * a + under[0] * (1.0 - a), c[1] * a + under[1] * (1.0 - a), c[2] * a + under[2] * (1.0 - a), 1.0]
}

fn luminance(c: Rgba) -> f64 {
    let ch = |x: f64| {
        let x = x / 255.0;
        if x <= 0.03928 { x / 12.92 } else { ((x + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
}

fn ratio(a: Rgba, b: Rgba) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn css() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static/style.css");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn every_colour_pair_meets_wcag_aa_in_light_and_dark() {
    let css = css();
    let light = block(&css, ":root {");
    let mut dark = light.clone();
    dark.extend(block(&css, ":root[data-theme=\"dark\"] {"));
    let mut failures = Vec::new();
    for (scheme, vars) in [("light", &light), ("dark", &dark)] {
        for &(fg, bg, need, what) in PAIRS {
            // A translucent background lies over the header's colour in the header, over the
            // paper elsewhere; a translucent foreground over its background.
            let base = colour(vars, if bg.starts_with("header") { "header-bg" } else { "paper" });
            let b = over(colour(vars, bg), base);
            let f = over(colour(vars, fg), b);
            let r = ratio(f, b);
            if r < need {
                failures.push(format!("{scheme}: --{fg} on --{bg} ({what}) is {r:.2}:1, under {need}:1"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_dark_scheme_is_the_same_for_the_system_setting_and_for_the_readers_choice() {
    let css = css();
    let system = block(&css, ":root:not([data-theme=\"light\"]) {");
    let chosen = block(&css, ":root[data-theme=\"dark\"] {");
    assert_eq!(system, chosen, "the two dark blocks of style.css differ");
    assert!(css.contains("@media screen and (prefers-color-scheme: dark)"), "paper keeps the light scheme");
    // Every colour the light scheme defines, the dark one redefines (or takes on purpose).
    let light = block(&css, ":root {");
    let same: Vec<_> = light.keys().filter(|k| !chosen.contains_key(*k) && !["serif", "sans", "measure"].contains(&k.as_str())).collect();
    assert!(same.is_empty(), "not set in the dark scheme: {same:?}");
}

#[test]
fn style_css_names_its_colours_only_in_the_schemes() {
    // Outside the blocks of variables, a colour is a variable, so both schemes reach it.
    let css = css();
    let mut outside = String::new();
    let mut depth_in_vars = false;
    for line in css.lines() {
        let t = line.trim_start();
        if t.starts_with(":root") {
            depth_in_vars = !t.ends_with('}');
            continue;
        }
        if depth_in_vars {
            if t.starts_with('}') {
                depth_in_vars = false;
            }
            continue;
        }
        outside.push_str(line);
        outside.push('\n');
    }
    // The scroll hint's arrow is an SVG mask: its `stroke='black'` is a shape, not a colour.
    let outside = outside.replace("stroke='black'", "");
    for bad in ["#", "rgb(", "rgba(", "hsl("] {
        let hits: Vec<&str> = outside.lines().filter(|l| l.contains(bad) && !l.trim_start().starts_with("/*")).collect();
        assert!(hits.is_empty(), "a colour literal outside the schemes: {hits:#?}");
    }
}
