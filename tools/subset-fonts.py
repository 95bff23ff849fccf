#!/usr/bin/env python3
"""Cut the site's fonts to the characters it uses: themes/default/static/fonts/ and fonts.css.

    pip install fonttools brotli
    python3 tools/subset-fonts.py [--site DIR] [--fontsource DIR]

The sources are the @fontsource packages of Noto Serif and Noto Sans (OFL 1.1), fetched with
`npm pack` into a folder outside the repository (`--fontsource`, by default
/tmp/rtcm-fontsource-<version>), never committed. They come split by script (latin, latin-ext,
cyrillic, ...): for each style the site uses, this script takes each character from the first
piece that has it, cuts the pieces to those characters and merges them into one file,
`noto-<family>-<weight>-<style>.woff2`. One file per style: a page in any language loads the same
few files (a reader who switches language has them already), and the Latin or Cyrillic letters a
page does not need weigh less than the requests and the per-file overhead of a split would
(measured in the README). fonts.css is written with each file's exact `unicode-range`: what its
cmap maps.

The characters: every character of the built site's text in all languages (`--site`, or a build
into a temporary folder with `cargo run --release -- build`), of content/ and locales/, and a
margin (the Azerbaijani, Russian and English alphabets, digits, common punctuation), so that an
editor's next edit rarely needs a new cut. A character no source font has is listed at the end:
draw it otherwise (the theme draws ✓ and ↩ as inline SVG). `cargo test` (tests/fonts.rs) fails
when the site uses a character the shipped files do not cover.

Same inputs, same bytes (no timestamps): a re-run that changes nothing leaves git nothing to
commit.
"""

import argparse
import html.parser
import io
import pathlib
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from fontTools.ttLib.woff2 import WOFF2FlavorData

VERSION = "5.3.0"
FAMILIES = {"serif": "Noto Serif", "sans": "Noto Sans"}
# (family, weight, style): the faces style.css uses.
STYLES = [
    ("serif", 400, "normal"),
    ("serif", 400, "italic"),
    ("serif", 700, "normal"),
    ("sans", 400, "normal"),
    ("sans", 700, "normal"),
]
# Where a character is taken from: the first fontsource piece that has it.
PIECES = ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "vietnamese", "greek", "greek-ext", "math"]
# OpenType features kept: kerning, and what places a combining mark (the stress mark over a
# Cyrillic vowel). Not `liga`: an fi ligature would take the dot off the Azerbaijani i.
FEATURES = ["kern", "mark", "mkmk", "ccmp"]

ROOT = pathlib.Path(__file__).resolve().parent.parent
THEME = ROOT / "themes" / "default" / "static"
OUT = THEME / "fonts"


def span(first, last):
    return "".join(chr(c) for c in range(ord(first), ord(last) + 1))


MARGIN = (
    span(" ", "~")  # Basic Latin: English letters, digits, ASCII punctuation
    + "ƏəĞğIıİiŞşÇçÖöÜü"  # Azerbaijani
    + span("А", "я") + "Ёё" + "\u0301"  # Russian, and the stress mark
    + "\u00a0–—‘’‚“”„«»‹›…•·№§°×−¹²³"  # no-break space, dashes, quotes, ...
)


class Text(html.parser.HTMLParser):
    """The characters pages draw: their text and the attributes a browser shows."""

    SHOWN = {"placeholder", "value", "alt", "title", "aria-label"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chars = set()
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self.hidden += 1
        for name, value in attrs:
            if name in self.SHOWN and value:
                self.chars.update(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.chars.update(data)


def site_chars(site):
    """What the built site draws: its pages' text and what its style sheets write
    (`content: "›"`)."""
    parser = Text()
    for page in sorted(site.rglob("*.html")):
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        parser.reset()
    chars = parser.chars
    for sheet in sorted(site.glob("static/*.css")):
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        for value in re.findall(r"content:([^;}]*)", css):
            chars.update("".join(re.findall(r'"([^"]*)"', value)))
    return chars


def script_chars(site):
    """Every character of the site's scripts (the messages they may write), as a margin."""
    chars = set()
    for script in sorted(site.glob("static/*.js")):
        chars.update(script.read_text(encoding="utf-8"))
    return chars


def source_chars():
    chars = set()
    for folder in ("content", "locales"):
        for f in sorted((ROOT / folder).rglob("*")):
            if f.is_file():
                chars.update(f.read_text(encoding="utf-8"))
    return chars


def fontsource(cache):
    """The folder holding both packages, fetched with npm if they are not there yet."""
    if cache is None:
        cache = pathlib.Path(tempfile.gettempdir()) / f"rtcm-fontsource-{VERSION}"
    for family in FAMILIES:
        folder = cache / f"noto-{family}"
        if (folder / "package" / "files").is_dir():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        name = subprocess.run(
            ["npm", "pack", "--silent", f"@fontsource/noto-{family}@{VERSION}"],
            cwd=folder, check=True, capture_output=True, text=True,
        ).stdout.split()[-1]
        with tarfile.open(folder / name) as tar:
            tar.extractall(folder, filter="data")
    return cache


def build_site():
    out = pathlib.Path(tempfile.mkdtemp(prefix="rtcm-fonts-")) / "public"
    subprocess.run(["cargo", "run", "--release", "--quiet", "--", "build", "--out", str(out)], cwd=ROOT, check=True)
    return out


def options():
    o = subset.Options()
    o.layout_features = FEATURES
    o.hinting = False
    o.notdef_outline = True
    o.name_IDs = [0, 1, 2, 4, 6, 16, 17]  # copyright, family and style names, full and PostScript names
    o.drop_tables += ["STAT"]
    return o


def sfnt(font):
    """The font as TrueType bytes, for the merger or for reading back."""
    font.flavor = None
    buffer = io.BytesIO()
    font.save(buffer)
    buffer.seek(0)
    return buffer


def cut(path, codepoints):
    font = TTFont(path, recalcTimestamp=False)
    subsetter = subset.Subsetter(options())
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    return sfnt(font)


def deduplicate(font):
    """Merging pieces copies the glyphs their accented letters are built from (G of Ğ, the
    Latin A of Cyrillic А): point the composites at the first copy, then cut again, which drops
    the copies nothing uses any more."""
    glyf, hmtx = font["glyf"], font["hmtx"]
    first, same = {}, {}
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.isComposite():
            key = ("composite", tuple((c.glyphName, c.x, c.y, c.flags, str(getattr(c, "transform", ""))) for c in glyph.components))
        else:
            key = ("simple", glyph.compile(glyf) if glyph.numberOfContours else b"")
        key += hmtx[name]
        if key in first:
            same[name] = first[key]
        else:
            first[key] = name
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.isComposite():
            for component in glyph.components:
                component.glyphName = same.get(component.glyphName, component.glyphName)
    subsetter = subset.Subsetter(options())
    subsetter.populate(unicodes=sorted(font.getBestCmap()))
    subsetter.subset(font)
    return TTFont(sfnt(font), recalcTimestamp=False)


def ranges(codepoints):
    """`U+20-7E,U+A0`: the CSS unicode-range of a set of code points."""
    runs = []
    for c in sorted(codepoints):
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--site", type=pathlib.Path, help="a built site (default: build one)")
    args.add_argument("--fontsource", type=pathlib.Path, help="where the @fontsource packages are, or go")
    opts = args.parse_args()

    site = opts.site or build_site()
    used = site_chars(site)
    wanted = used | script_chars(site) | source_chars() | set(MARGIN)
    wanted = {c for c in wanted if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")}
    cache = fontsource(opts.fontsource)

    faces, missing, total = [], {}, 0
    for old in OUT.glob("*.woff2"):
        old.unlink()
    for family, weight, style in STYLES:
        files = cache / f"noto-{family}" / "package" / "files"
        sources = {p: files / f"noto-{family}-{p}-{weight}-{style}.woff2" for p in PIECES}
        cmaps = {p: TTFont(f, lazy=True).getBestCmap() for p, f in sources.items() if f.exists()}
        pieces = {}
        for c in sorted(wanted):
            piece = next((p for p in cmaps if ord(c) in cmaps[p]), None)
            if piece is None:
                missing.setdefault(c, set()).add(f"{family} {weight} {style}")
            else:
                pieces.setdefault(piece, set()).add(ord(c))
        parts = [cut(sources[p], cps) for p, cps in pieces.items()]
        if len(parts) > 1:
            merged = Merger().merge(parts)
            # The merger stamps the time; keep the source's, so a re-run writes the same bytes.
            head = TTFont(sources[next(iter(pieces))])["head"]
            merged["head"].created, merged["head"].modified = head.created, head.modified
            merged.recalcTimestamp = False
            font = deduplicate(merged)
        else:
            font = TTFont(parts[0], recalcTimestamp=False)
        font.recalcTimestamp = False
        font.flavor = "woff2"
        font.flavorData = WOFF2FlavorData(transformedTables={"glyf", "loca", "hmtx"})
        name = f"noto-{family}-{weight}-{style}.woff2"
        font.save(OUT / name)
        codepoints = set(TTFont(OUT / name).getBestCmap())
        size = (OUT / name).stat().st_size
        total += size
        print(f"{name}: {len(codepoints)} characters from {', '.join(pieces)}; {size} bytes")
        faces.append((family, weight, style, name, ranges(codepoints)))

    css = [
        "/* Noto Serif and Noto Sans (SIL Open Font License 1.1, see fonts/OFL.txt), from the",
        f"   @fontsource packages ({VERSION}), cut to the characters the site uses and a margin by",
        "   tools/subset-fonts.py, which writes this file: change the script, not this file. */",
    ]
    for family, weight, style, name, unicode_range in faces:
        css += [
            "@font-face {",
            f"  font-family: '{FAMILIES[family]}';",
            f"  font-style: {style};",
            f"  font-weight: {weight};",
            "  font-display: swap;",
            f"  src: url(fonts/{name}) format('woff2');",
            f"  unicode-range: {unicode_range};",
            "}",
        ]
    (THEME / "fonts.css").write_text("\n".join(css) + "\n", encoding="utf-8")
    print(f"{len(faces)} files, {total} bytes")

    if missing:
        print("\nNot in the fonts (draw them otherwise, e.g. as inline SVG):", file=sys.stderr)
        for c, styles in sorted(missing.items()):
            where = "the built site's text" if c in used else "content/, locales/, scripts or the margin only"
            print(f"  {c} U+{ord(c):04X} {unicodedata.name(c, '?')}: in {where}", file=sys.stderr)


if __name__ == "__main__":
    main()
