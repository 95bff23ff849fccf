#!/usr/bin/env python3
"""A seeded generator of synthetic trilingual sites for the benchmarks (see BENCHMARKS.md).

`generate.py --pages N --out DIR` writes DIR/rtcm: a site in this project's format with N
pages per language in az, en and ru (chapters of 10 pages, each with a section page), around
1,300 words a page with headings, lists, a table and links to other pages and their anchors,
and the report's site.toml, locales, theme and data (countries, tables, …) as they are. The
same seed gives the same bytes.
"""
import argparse
import os
import random
import shutil
import sys

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


class Page:
    """A page's place: chapter c (1-based) and page p (0 for the chapter's section page)."""

    def __init__(self, c, p):
        self.c, self.p = c, p

    @property
    def path(self):
        """Its content path without language and extension: `ch001/p03` or `ch001/_index`."""
        return f"ch{self.c:03}/" + ("_index" if self.p == 0 else f"p{self.p:02}")

    @property
    def url_path(self):
        return f"ch{self.c:03}/" + ("" if self.p == 0 else f"p{self.p:02}/")


def pages_of(n):
    """Every page of a site of n pages per language: chapters of up to 10 pages."""
    chapters = (n + PAGES_PER_CHAPTER - 1) // PAGES_PER_CHAPTER
    out = []
    for c in range(1, chapters + 1):
        out.append(Page(c, 0))
        for p in range(1, min(PAGES_PER_CHAPTER, n - (c - 1) * PAGES_PER_CHAPTER) + 1):
            out.append(Page(c, p))
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
            title = f"{page.c}.{page.p} " + " ".join(title_rng.choice(words) for _ in range(3)).capitalize()
            body = Body(words, random.Random(f"{seed}-{page.path}-{lang}"), pages, link_for(lang))
            body.rng = rng  # links and structure from the page's stream
            yield page, lang, title, body.render()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def rtcm(n, seed, repo, out):
    """This project's format, with the report's config, locales, theme and data."""
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
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

    for lang in LANGS:
        write(os.path.join(content, f"_index.{lang}.md"), f'---\ntitle: "Synthetic report {lang}"\n---\n\nA synthetic site of {n} pages per language.\n')
    for page, lang, title, body in bodies(n, seed, link_for):
        weight = page.c * 10 if page.p == 0 else page.p * 10
        write(os.path.join(content, f"{page.path}.{lang}.md"), f'---\ntitle: "{title}"\nweight: {weight}\n---\n\n{body}')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True, help="pages per language")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--out", required=True)
    ap.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    args = ap.parse_args()
    rtcm(args.pages, args.seed, os.path.abspath(args.repo), os.path.join(args.out, "rtcm"))


if __name__ == "__main__":
    sys.exit(main())
