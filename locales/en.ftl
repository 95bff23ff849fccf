# Interface strings and data labels, English. Every key exists in az.ftl, en.ftl and ru.ftl.
language-name = English
home = Home
skip-to-content = Skip to content
report-contents = Contents
language-switcher = Language
choose-language = Choose a language
breadcrumbs = Breadcrumbs
on-this-page = On this page
prev-next = Previous and next page
previous = Previous
next = Next
back-to-top = Back to top
footnote-back = Back to reference { $label }
footer-source = Source: the report of September 2021 in Azerbaijani, prepared for IOM's mission in Azerbaijan; English and Russian are translations.
fallback-notice = This page has not been translated into English yet. It is shown in Azerbaijani, the language of the original report.
stale-notice = The Azerbaijani original has changed since this translation was made.
nav-countries = Countries
nav-glossary = Glossary

## Navigation: the header, the contents drawer, the headings' links
# The hidden name of a summary that folds a section's pages in the sidebar.
nav-section-pages = { $title }: pages
close-contents = Close the contents
# Said with the heading's text: "Link to the section 2.1 Context".
heading-link = Link to the section
link-copied = Link copied

## Tables
col-country = Country
col-interviews = Number of interviews conducted
col-questionnaires = Number of questionnaires completed
col-government = Government
col-cso = CSOs
col-total = Total
row-total = Total
media-short = media
col-authority = Central migration authority
col-remarks = Remarks
col-official-name = Official name
col-region = Region
col-participation = Participation
value-unknown = unknown
value-unknown-note = the scan of the report lost this value and the report's text does not settle it.
value-not-available = not available
value-not-available-note = the report gives no value ("not available").

## Countries
countries-title = Countries
countries-description = The 13 countries covered by the gap analysis, with everything the report states about each.
countries-intro = The report covers { $count ->
    [one] { $count } country
   *[other] { $count } countries
}. Each profile gathers what the report's tables state about that country.
countries-compare = Compare the countries
country-description = What the report states about { $country }.
region-explanation = The regions are an editorial grouping for navigation; they are not part of the report.
region-south-caucasus = South Caucasus
region-eastern-europe = Eastern Europe
region-central-asia = Central Asia
region-western-asia = Western Asia
participation-participating = participating country
participation-to-be-determined = participation still to be determined

## Glossary
glossary-title = Glossary
glossary-description = The terms of the report in Azerbaijani, English and Russian.
glossary-intro = The terms used consistently across the three language versions of the report.

## Not found
not-found-title = Page not found
not-found-text = There is no page at this address. Search the report, or choose one of its parts below.
not-found-home = The report's home page in English

## Search
search-title = Search
search-description = Search the report in English.
search-label = Search the report
search-placeholder = Search…
search-button = Search
search-results-label = Results
search-no-results = Nothing found.
search-needs-js = Search runs in your browser and needs JavaScript. Every page is listed in the contents.
search-more = More results
search-loading = Searching…
search-phrase-hint = Put words in quotation marks to find them together, in that order: "migration policy".
search-failed = The search index did not load.

## Table 2: migration strategies
col-comprehensive-policy = Comprehensive migration policy / strategy
col-sectoral-policies = Sectoral policies / strategies / action plans
col-sdgs-gcm = SDGs / mainstreaming of the Global Compact for Migration
see-table-in-report = See the table for all countries in the report

## Table 3: problems of policy implementation
problem-covid-19-crisis = COVID crisis
problem-lack-of-financial-resources = Lack of financial resources
problem-lack-of-qualified-staff = Lack of fully qualified staff
problem-coordination-gaps = Gaps in coordination mechanisms
problem-insufficient-regional-cooperation = Insufficient regional cooperation
problem-insufficient-policy-development = Insufficient policy development in certain areas
problem-lack-of-technical-capacity = Lack of technical capacity
problem-geopolitical-situation = Geopolitical situation
col-marks = Marks in the row
marks-count = { $marks } of { $total }
marks-summary = In the report, this country's row has { $marks ->
    [one] one mark
   *[other] { $marks } marks
  } (+) across the { $total } problem columns.
marks-unknown-sentence = The scan lost which columns these marks are in, and the report's text does not settle it.
mark-marked = marked
mark-not-marked = not marked
mark-marked-note = marked as a problem in the report;
mark-not-marked-note = not marked (settled by the number of marks in the row);
mark-unknown-note = the scan lost which columns the row's marks are in, and the report's text does not settle it.

## Conventions and trafficking tiers
profile-law-title = Statelessness conventions and trafficking in persons
convention-stateless-persons-1954 = 1954 Convention relating to the Status of Stateless Persons
convention-reduction-of-statelessness-1961 = 1961 Convention on the Reduction of Statelessness
convention-european-nationality = European Convention on Nationality
ratification-ratified = ratified
ratification-signed = signed, not yet ratified
ratification-not-ratified = not ratified
col-tier = Tier
col-tip-report = US Trafficking in Persons Report
tier-label = Tier { $tier }

## Table 4: data collection and analysis
data-unit = Data collection and analysis unit
data-analysts = Pool of qualified analysts
data-migration-profile = Migration profile (including the type of migration profile)
data-gender-data = Gender-disaggregated data
data-data-sharing = Inter-agency agreement on data exchange
data-data-protection = Data protection system
data-statistical-reports = Published statistical reports
answer-yes = Yes
answer-sometimes = Yes, sometimes
answer-some-elements = Only some elements
answer-extended = Extended Migration Profile (GMP)
answer-no = No
frequency-annual = annual
frequency-quarterly = quarterly
frequency-monthly = monthly
reports-available = available
reports-not-available = not available

## Tables 5 and 6: the Global Compact for Migration and cooperation with the EU
profile-cooperation-title = International cooperation
gcm-signed = Signatories of the Global Compact for Migration
gcm-un-network = Members of the United Nations Network on Migration
gcm-country-report = Global Compact for Migration country report
col-framework = Cooperation frameworks / agreements
framework-eastern-partnership = Eastern Partnership
framework-mobility-partnership = Mobility Partnership for University Students
framework-association-agreement = Association Agreement / Deep and Comprehensive Free Trade Agreement
framework-visa-liberalisation = Agreement on visa liberalisation
framework-visa-facilitation = Agreement on visa facilitation
framework-eubam = EU Border Assistance Mission to Moldova and Ukraine (EUBAM)
framework-black-sea-synergy = Black Sea Synergy
framework-readmission-agreement = EU Readmission Agreement
framework-partnership-and-cooperation = Partnership and Cooperation Agreement
framework-budapest-process = Budapest Process
framework-prague-process = Prague Process
framework-bomca = Border Management Programme in Central Asia and Afghanistan 10 (BOMCA 10)
membership-yes = yes
membership-no = no
membership-not-in-force = not in force
membership-yes-note = takes part (an X in the report's table, or the report's text says so);
membership-no-note = does not take part, as the report's text settles;
membership-unknown-note = the scan lost where the row's X marks stand, and the report's text does not settle it.

## Table 7: training needs
col-theme-number = No.
col-theme = Training theme
col-readings = Priorities recorded in the scan, in printed order (the table has { $count } country columns; the scan lost which country each value belongs to)
readings-label = Values recorded: { $kept }; cells lost: { $lost }
priority-1 = priority 1 (lowest)
priority-2 = priority 2
priority-3 = priority 3
priority-4 = priority 4 (highest)
priority-scale = Priority, from 4 (highest) to 1 (lowest); the shade repeats the number:
priority-4-note = highest priority
priority-3-note = high priority
priority-2-note = lower priority
priority-1-note = lowest priority
priority-not-available-note = not available (the report says "Mövcud deyil")
readings-lost-note = a cell the scan lost; its value and its country are unknown.
readings-columns-note = The table's { $count } country columns, as its header prints them:
readings-absent-note = The header does not list:
training-needs-in-table = The scan of Table 7 lost which column each value is in, so this country's priorities are unknown.
training-needs-not-in-table = This country is not among the columns of Table 7.

## Chapter 4: the draft curriculum
curriculum-part = Part { $number }
curriculum-module = Module { $number }
curriculum-modules = Modules of the curriculum
curriculum-gaps = The numbers are the report's own: its draft has no modules { $list }.
curriculum-stakeholders = Target stakeholders
curriculum-level = Level
curriculum-filter-title = Filter the activities
curriculum-filter-any = All
curriculum-filter-reset = Show all
curriculum-shown = Activities shown
curriculum-filter-help = An activity whose stakeholders or level the scan lost matches no filter: it shows only when both filters are "All". "All stakeholders" is an option of its own.
curriculum-none = No activity matches this filter.
stakeholder-all = All stakeholders
stakeholder-government = Government stakeholders
stakeholder-government-short = Government
stakeholder-csos = CSOs
stakeholder-other-csos = other CSOs
stakeholder-higher-education = Higher education institutions
stakeholder-media = Media
stakeholder-migrant-associations = Migrant associations
stakeholder-young-people = Young students and young migrants
level-policy-level = Policy level
level-implementation-level = Implementation level
level-policy-and-implementation-levels = Policy + implementation levels
level-policy-makers-level = Policy makers level
level-policy-makers-level-and-implementers = Policy makers level and Policy implementers
level-policy-makers = Policy makers
level-implementers = Policy implementers
level-practitioners = Practitioners
level-researchers = Researchers
level-all-levels = All levels
level-group-policy = Policy level (policy makers)
level-group-implementation = Implementation level (policy implementers)
level-group-practitioners = Practitioners
level-group-researchers = Researchers
level-group-all-levels = All levels

## serve
# The frame of the errors `serve` shows in open pages, and its page for a site not built yet.
# Only the frame is translated: the errors are shown as the build wrote them.

serve-error-title = The site could not be updated
serve-error-kept = The last good version of the site is shown underneath.
serve-error-fix = Fix the errors and save the file: the page will update by itself.
serve-error-close = Close
serve-not-built-title = The site has not been built yet
serve-not-built-text = No build has succeeded yet, and the output folder holds no site. This page will reload by itself once a build succeeds.

## Reading: colour schemes and tables (issue 15)
theme-switch = Colour scheme
theme-system = As on this device
theme-light = Light
theme-dark = Dark
scroll-hint = Scroll sideways to see the whole table
countries-list-title = List of the countries

## Citation and sharing (src/cite.rs)
cite-heading = How to cite
# After the title of the English and Russian editions' reference, in brackets.
cite-translation-note = translated from the Azerbaijani original
cite-download = Download the reference for your reference manager:
cite-bibtex = BibTeX (LaTeX)
cite-ris = RIS (EndNote, Zotero, Mendeley)
cite-csl = CSL-JSON (Zotero, Pandoc)
# In the footer, before the date of the last change of the page's source.
last-updated = Last updated:
# A date with its day: "2 December 2026".
date-day-month-year = { $day } { $month ->
     [1] January
     [2] February
     [3] March
     [4] April
     [5] May
     [6] June
     [7] July
     [8] August
     [9] September
     [10] October
     [11] November
    *[12] December
} { $year }
# A month and its year: "September 2021" (the report's date).
date-month-year = { $month ->
     [1] January
     [2] February
     [3] March
     [4] April
     [5] May
     [6] June
     [7] July
     [8] August
     [9] September
     [10] October
     [11] November
    *[12] December
} { $year }
## Open data: the data page, the downloads under each table, the files' column labels
nav-data = Open data
opendata-title = Open data
opendata-intro = Every table of the report, the draft curriculum of Chapter 4 and the list of countries, as CSV and JSON files in English, with a Frictionless Data Package that describes them.
opendata-formats = The CSV files are UTF-8 with a header row of column labels; the JSON files give each table's title, notes, columns and rows (and Table 1's totals, which the CSV leaves out). Numbers are written as numbers; values the report does not give are written as words:
opendata-empty-note = an empty cell: the report prints nothing there (no remarks, no media count, no note).
opendata-package-link = Data Package (datapackage.json): every CSV file with its columns, their types and allowed values
opendata-package-help = The package can be checked with the Frictionless tools, for example “frictionless validate datapackage.json” in the folder of the downloaded files.
opendata-package-title = The report's tables as data (gap analysis of migration governance, IOM mission in Azerbaijan, September 2021)
opendata-shape = { $rows } rows, { $columns } columns; { $kind ->
    [theme] a row per training theme, in the report's order
    [activity] a row per activity of the curriculum
   *[country] a row per country, in the report's order
}.
opendata-size = { $kb } KB
opendata-download = Download
opendata-col-code = Code
opendata-col-note = Note
opendata-col-media = of which media
opendata-col-reports-publication = Published statistical reports: frequency and availability
opendata-col-reading = Value { $number }
opendata-col-part = Part
opendata-col-part-title = Part title
opendata-col-module = Module
opendata-col-module-title = Module title
opendata-col-activity = Activity
opendata-col-stakeholders-note = Target stakeholders: remark
opendata-curriculum-title = Chapter 4: draft curriculum plan, activities by module
opendata-countries-title = The countries of the report
## Charts (drawn from the tables' data)
chart-see-table = The values are in the table below.
chart-totals = Total: { $total } (government { $government }, CSOs { $cso })
chart-consultation-title = Interviews and questionnaires per country, by stakeholder group
chart-problems-title = Number of problems marked in each country's row, of eight
chart-data-collection-title = Components of data collection and analysis, per country
chart-gcm-title = Participation in the Global Compact for Migration, per country
chart-eu-cooperation-title = Cooperation frameworks with the EU, per country
chart-columns = Columns:
chart-training-needs-title = The cells of each theme's row, by priority
chart-training-axis = Cells of each theme's row ({ $count } country columns), by value
chart-theme = Theme { $number }
glance-caption = At a glance: this country's row in the report's tables. The sections below give each value with its notes.
## The whole report on one page (/print/) and as a PDF
whole-report = The whole report on one page
whole-report-pdf = The whole report as a PDF
print-intro = This page holds the whole report, to print or to save as a PDF.
