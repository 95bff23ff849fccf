# Interface strings and data labels, English. Every key exists in az.ftl, en.ftl and ru.ftl.
language-name = English
home = Home
skip-to-content = Skip to content
report-contents = Contents
language-switcher = Language
breadcrumbs = Breadcrumbs
on-this-page = On this page
prev-next = Previous and next page
previous = Previous
next = Next
back-to-top = Back to top
footer-source = Source: the report of September 2021 in Azerbaijani, prepared for IOM's mission in Azerbaijan; English and Russian are translations.
fallback-notice = This page has not been translated into English yet. It is shown in Azerbaijani, the language of the original report.
nav-countries = Countries
nav-glossary = Glossary

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
not-found-text = There is no page at this address. Go to the report's home page in English.

## Search
search-title = Search
search-description = Search the report in English.
search-label = Search the report
search-placeholder = Search…
search-button = Search
search-results-label = Results
search-no-results = Nothing found.
search-needs-js = Search runs in your browser and needs JavaScript. Every page is listed in the contents.
