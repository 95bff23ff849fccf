#!/usr/bin/env python3
"""A seeded generator of synthetic trilingual sites for the benchmarks (see BENCHMARKS.md).

`generate.py --pages N --out DIR` writes DIR/rtcm: a site in this project's format with N
pages per language in az, en and ru (chapters of 10 pages, each with a section page, grouped in
parts of 10 chapters beyond 10 chapters and in volumes of 10 parts beyond 100), around
1,300 words a page with headings, lists, a table and links to other pages and their anchors,
and the report's site.toml, locales, theme and data (countries, tables, …) as they are. The
same seed gives the same bytes.

It also writes the same site for Hugo (DIR/hugo) and Zola (DIR/zola): the same Markdown bodies
(one `Body`), only the links' syntax and the front matter differ, with the templates and
configuration of tests/bench/hugo-theme and tests/bench/zola-theme, whose pages show what ours
show (head with alternates, header with search form and language switcher, sidebar,
breadcrumbs, table of contents, prev/next, footer) and a search index per language.
"""
import argparse
import os
import random
import re
import shutil
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ENGINES = ["rtcm", "hugo", "zola"]

LANGS = ["az", "en", "ru"]
PAGES_PER_CHAPTER = 10
SECTIONS = 5  # level-2 headings per page, each with one level-3 heading

# Letters of each language, to make words of its script.
ALPHABETS = {
    "az": "abcçdeəfgğhxıijkqlmnoöprsştuüvyz",
    "en": "abcdefghijklmnopqrstuvwxyz",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
}


def vocabulary(lang, seed):
    """2,000 words of the language's letters, 2 to 11 letters long."""
    rng = random.Random(f"{seed}-vocab-{lang}")
    letters = ALPHABETS[lang]
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 11))) for _ in range(2000)]


GROUP = 10  # entries per level above the chapters: chapters per part, parts per volume
LEVEL_NAMES = ["part", "vol", "set", "shelf"]


class Page:
    """A page's place: chapter `c` (1-based; 0 for a part or volume), page `p` (0 for a section
    page), `dir` its folder (`part03/ch025`), `w` its weight among its siblings."""

    def __init__(self, c, p, dir, w, label):
        self.c, self.p, self.dir, self.w, self.label = c, p, dir, w, label

    @property
    def path(self):
        """Its content path without language and extension: `part03/ch025/p03` or `part03/ch025/_index`."""
        return f"{self.dir}/" + ("_index" if self.p == 0 else f"p{self.p:02}")

    @property
    def url_path(self):
        return f"{self.dir}/" + ("" if self.p == 0 else f"p{self.p:02}/")


def levels_above(chapters):
    """How many levels of folders group the chapters so that no level has more than GROUP
    entries: 0 for up to 10 chapters, 1 (parts) up to 100, 2 (volumes of parts) up to 1,000, …"""
    levels, top = 0, chapters
    while top > GROUP:
        top = (top + GROUP - 1) // GROUP
        levels += 1
    return levels


def pages_of(n):
    """Every page of a site of n pages per language, in reading order: chapters of up to 10
    pages, each with a section page; beyond 10 chapters, parts of 10 chapters, and beyond 100,
    volumes of 10 parts, …, each with a section page too (a report of that size is organised
    so, as the real one is: 7 top-level entries of at most 12 pages)."""
    chapters = (n + PAGES_PER_CHAPTER - 1) // PAGES_PER_CHAPTER
    levels = levels_above(chapters)
    out = []
    for c in range(1, chapters + 1):
        # The folders above the chapter, outermost first, each with its index among its siblings.
        above = []
        for level in reversed(range(levels)):
            span = GROUP ** (level + 1)
            index = (c - 1) // span
            above.append((LEVEL_NAMES[level], index % GROUP + 1, index + 1))
        dir = ""
        for depth, (name, sibling, number) in enumerate(above):
            dir += f"{name}{number:02}/"
            # A group starts at its first chapter.
            if (c - 1) % (GROUP ** (levels - depth)) == 0:
                out.append(Page(0, 0, dir.rstrip("/"), sibling * 10, f"{name.capitalize()} {number}"))
        chapter_dir = f"{dir}ch{c:03}"
        out.append(Page(c, 0, chapter_dir, ((c - 1) % GROUP + 1) * 10, f"{c}."))
        for p in range(1, min(PAGES_PER_CHAPTER, n - (c - 1) * PAGES_PER_CHAPTER) + 1):
            out.append(Page(c, p, chapter_dir, p * 10, f"{c}.{p}"))
    return out


class Body:
    """The Markdown body of one page in one language. `link(page, anchor)` writes the address
    of another page in the engine's syntax, so every engine gets the same text."""

    def __init__(self, words, rng, pages, link):
        self.words, self.rng, self.pages, self.link = words, rng, pages, link

    def text(self, n):
        return " ".join(self.rng.choice(self.words) for _ in range(n))

    def sentence(self, n):
        t = self.text(n)
        return t[0].upper() + t[1:] + "."

    def paragraph(self, words, links=0):
        parts = [self.sentence(self.rng.randint(8, 16)) for _ in range(max(1, words // 12))]
        for _ in range(links):
            target = self.rng.choice(self.pages)
            anchor = self.rng.choice([None, f"s-{self.rng.randint(1, SECTIONS)}"])
            i = self.rng.randrange(len(parts))
            parts[i] += f" [{self.text(2)}]({self.link(target, anchor)})"
        return " ".join(parts)

    def table(self):
        head = "| " + " | ".join(self.text(1) for _ in range(4)) + " |"
        rows = [head, "|---|---|---|---|"]
        for _ in range(6):
            rows.append("| " + " | ".join(self.text(self.rng.randint(1, 3)) for _ in range(4)) + " |")
        return "\n".join(rows)

    def render(self):
        blocks = [self.paragraph(80, links=1)]
        for s in range(1, SECTIONS + 1):
            blocks.append(f"## {self.text(3).capitalize()} {{#s-{s}}}")
            blocks.append(self.paragraph(70, links=1))
            blocks.append(self.paragraph(70, links=1 if s % 2 else 0))
            if s == 2:
                blocks.append(self.table())
            blocks.append(f"### {self.text(2).capitalize()} {{#s-{s}-1}}")
            blocks.append(self.paragraph(70))
            blocks.append("\n".join(f"- {self.sentence(self.rng.randint(6, 12))}" for _ in range(5)))
            if s == 4:
                blocks.append(f"See [{self.text(2)}](#s-1) and [{self.text(1)}](https://example.org/{self.text(1)}).")
        return "\n\n".join(blocks) + "\n"


def bodies(n, seed, link_for):
    """(page, lang, title, body) of every page; `link_for(lang)` gives the engine's link writer."""
    pages = pages_of(n)
    vocab = {lang: vocabulary(lang, seed) for lang in LANGS}
    for page in pages:
        for lang in LANGS:
            # The same structure and links in every language: one stream per page.
            rng = random.Random(f"{seed}-{page.path}")
            title_rng = random.Random(f"{seed}-{page.path}-{lang}-title")
            words = vocab[lang]
            title = f"{page.label} " + " ".join(title_rng.choice(words) for _ in range(3)).capitalize()
            body = Body(words, random.Random(f"{seed}-{page.path}-{lang}"), pages, link_for(lang))
            body.rng = rng  # links and structure from the page's stream
            yield page, lang, title, body.render()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def fresh(out):
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)


def home_body(n, lang):
    return f"A synthetic site of {n} pages per language.\n"


def rtcm(n, seed, repo, out):
    """This project's format, with the report's config, locales, theme and data."""
    fresh(out)
    shutil.copy(os.path.join(repo, "site.toml"), out)
    for d in ["locales", "themes"]:
        shutil.copytree(os.path.join(repo, d), os.path.join(out, d))
    content = os.path.join(out, "content")
    shutil.copytree(os.path.join(repo, "content", "countries"), os.path.join(content, "countries"))
    if os.path.isdir(os.path.join(repo, "content", "curriculum")):
        shutil.copytree(os.path.join(repo, "content", "curriculum"), os.path.join(content, "curriculum"))
    for f in os.listdir(os.path.join(repo, "content")):
        if f.endswith(".yaml"):
            shutil.copy(os.path.join(repo, "content", f), content)

    def link_for(lang):
        def link(page, anchor):
            return f"@/{page.path}.md" + (f"#{anchor}" if anchor else "")
        return link

    markdown_with_yaml(content, n, seed, link_for)


def markdown_with_yaml(content, n, seed, link_for):
    """The pages as `<path>.<lang>.md` with YAML front matter (ours and Hugo's format)."""
    for lang in LANGS:
        write(os.path.join(content, f"_index.{lang}.md"), f'---\ntitle: "Synthetic report {lang}"\n---\n\n{home_body(n, lang)}')
    for page, lang, title, body in bodies(n, seed, link_for):
        write(os.path.join(content, f"{page.path}.{lang}.md"), f'---\ntitle: "{title}"\nweight: {page.w}\n---\n\n{body}')


# The interface strings the Hugo and Zola templates print, taken from the report's locales/.
STRINGS = [
    "language-name", "home", "skip-to-content", "report-contents", "language-switcher", "breadcrumbs",
    "on-this-page", "prev-next", "previous", "next", "back-to-top", "footer-source",
    "search-label", "search-placeholder", "search-button",
]


def report_texts(repo):
    """The site's title and description, and the STRINGS, per language: {lang: {key: text}}."""
    with open(os.path.join(repo, "site.toml"), "rb") as f:
        config = tomllib.load(f)
    texts = {}
    for lang in LANGS:
        t = {"title": config["title"][lang], "description": config["description"][lang]}
        with open(os.path.join(repo, "locales", f"{lang}.ftl"), encoding="utf-8") as f:
            for line in f:
                key, sep, value = line.partition(" = ")
                if sep and key in STRINGS:
                    t[key] = value.strip()
        missing = [k for k in STRINGS if k not in t]
        if missing:
            raise SystemExit(f"locales/{lang}.ftl: no one-line message {missing}")
        texts[lang] = t
    return texts


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def copy_theme(theme, out, repo, script_at):
    """The engine's templates under out (the caller writes its config), and at `script_at`
    (relative to out) the tag of our theme's navigation script (`static/nav.js`, which keeps the
    reader's place on a language switch), taken from base.html with the site's base path as `/`,
    so both engines run exactly ours."""
    src = os.path.join(HERE, theme)
    for d in ["layouts", "templates"]:
        if os.path.isdir(os.path.join(src, d)):
            shutil.copytree(os.path.join(src, d), os.path.join(out, d))
    with open(os.path.join(repo, "themes", "default", "templates", "base.html"), encoding="utf-8") as f:
        base = f.read()
    script = next(m.group(0) for m in re.finditer(r"<script[^>]*></script>", base) if "nav.js" in m.group(0))
    write(os.path.join(out, script_at), script.replace("{{ base_path }}", "/") + "\n")


def static_files(repo, out):
    """Our theme's CSS and fonts, at the same /static/ addresses as ours."""
    shutil.copytree(os.path.join(repo, "themes", "default", "static"), os.path.join(out, "static", "static"))


def hugo(n, seed, repo, out):
    """The same site for Hugo: content/<path>.<lang>.md, YAML front matter, links as site URLs
    (every language under /<lang>/)."""
    fresh(out)
    copy_theme("hugo-theme", out, repo, "layouts/_partials/lang-switch-script.html")
    static_files(repo, out)
    texts = report_texts(repo)
    with open(os.path.join(HERE, "hugo-theme", "hugo.toml"), encoding="utf-8") as f:
        config = f.read()
    for i, lang in enumerate(LANGS):
        t = texts[lang]
        config += f"\n[languages.{lang}]\nweight = {i + 1}\nlabel = {toml_str(t['language-name'])}\ntitle = {toml_str(t['title'])}\n"
        config += f"[languages.{lang}.params]\ndescription = {toml_str(t['description'])}\n"
        write(os.path.join(out, "i18n", f"{lang}.toml"), "".join(f"{k} = {toml_str(t[k])}\n" for k in STRINGS))
    write(os.path.join(out, "hugo.toml"), config)
    content = os.path.join(out, "content")

    def link_for(lang):
        def link(page, anchor):
            return f"/{lang}/{page.url_path}" + (f"#{anchor}" if anchor else "")
        return link

    markdown_with_yaml(content, n, seed, link_for)


def zola(n, seed, repo, out):
    """The same site for Zola: content/<path>.md in the default language (az) and
    <path>.<lang>.md in the others, TOML front matter, links as `@/<path>[.<lang>].md`."""
    fresh(out)
    copy_theme("zola-theme", out, repo, "templates/lang-switch-script.html")
    static_files(repo, out)
    texts = report_texts(repo)
    az = texts["az"]
    config = f"title = {toml_str(az['title'])}\ndescription = {toml_str(az['description'])}\n\n"
    with open(os.path.join(HERE, "zola-theme", "zola.toml"), encoding="utf-8") as f:
        config += f.read()
    config += "\n[translations]\n" + "".join(f"{k} = {toml_str(az[k])}\n" for k in STRINGS)
    for lang in LANGS[1:]:
        t = texts[lang]
        config += f"\n[languages.{lang}]\ntitle = {toml_str(t['title'])}\ndescription = {toml_str(t['description'])}\nbuild_search_index = true\n"
        config += f"\n[languages.{lang}.translations]\n" + "".join(f"{k} = {toml_str(t[k])}\n" for k in STRINGS)
    write(os.path.join(out, "zola.toml"), config)
    content = os.path.join(out, "content")

    def suffix(lang):
        return "" if lang == "az" else f".{lang}"

    def link_for(lang):
        def link(page, anchor):
            return f"@/{page.path}{suffix(lang)}.md" + (f"#{anchor}" if anchor else "")
        return link

    for lang in LANGS:
        write(os.path.join(content, f"_index{suffix(lang)}.md"), f'+++\ntitle = "Synthetic report {lang}"\nsort_by = "weight"\n+++\n\n{home_body(n, lang)}')
    for page, lang, title, body in bodies(n, seed, link_for):
        extra = '\nsort_by = "weight"' if page.p == 0 else ""
        write(os.path.join(content, f"{page.path}{suffix(lang)}.md"), f'+++\ntitle = "{title}"\nweight = {page.w}{extra}\n+++\n\n{body}')


def generate(n, seed, repo, out, engines=ENGINES):
    """Write out/<engine> for each engine."""
    for engine in engines:
        {"rtcm": rtcm, "hugo": hugo, "zola": zola}[engine](n, seed, repo, os.path.join(out, engine))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True, help="pages per language")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--out", required=True)
    ap.add_argument("--repo", default=os.path.join(HERE, "..", ".."))
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, of: " + ", ".join(ENGINES))
    args = ap.parse_args()
    engines = args.engines.split(",")
    for e in engines:
        if e not in ENGINES:
            ap.error(f"unknown engine {e!r}")
    generate(args.pages, args.seed, os.path.abspath(args.repo), args.out, engines)


if __name__ == "__main__":
    sys.exit(main())
