// Every kind of page a reader meets, in one language: [file-name key, what the README calls it,
// address under the site's root]. Shared by pages.mjs (axe-core, screenshots) and
// tests/lighthouse/run.mjs, so both measure the same pages.
export const LANGS = ["az", "en", "ru"];
export const QUERY = { az: "miqrasiya", en: "migration", ru: "миграция" };

export const ROOT = ["root", "root", ""];

export function kinds(lang) {
  return [
    ["home", "home", `${lang}/`],
    ["section", "section index", `${lang}/chapter-1/`],
    ["chapter", "chapter", `${lang}/introduction/context/`],
    ["chapter-tables", "chapter with tables", `${lang}/chapter-1/policy/`],
    ["chapter-charts", "chapter with Table 1 and its chart", `${lang}/introduction/consultation/`],
    ["chapter-matrix", "chapter with dot-matrix charts", `${lang}/chapter-1/international-cooperation/`],
    ["countries", "countries index", `${lang}/countries/`],
    ["profile", "profile", `${lang}/countries/md/`],
    ["table-7", "Table 7", `${lang}/chapter-3/training-needs/`],
    ["curriculum", "curriculum", `${lang}/chapter-4/curriculum/`],
    ["curriculum-filtered", "curriculum, filtered", `${lang}/chapter-4/curriculum/?stakeholder=media&level=researchers`],
    ["glossary", "glossary", `${lang}/glossary/`],
    ["data", "open data", `${lang}/data/`],
    ["print", "the whole report (print page)", `${lang}/print/`],
    ["search", "search with results", `${lang}/search/?q=${encodeURIComponent(QUERY[lang])}`],
    ["404", "404", `${lang}/no-such-page/`],
  ];
}
