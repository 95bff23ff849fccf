# İnterfeys sətirləri və məlumat etiketləri, Azərbaycan dili.
language-name = Azərbaycanca
home = Ana səhifə
skip-to-content = Məzmuna keç
report-contents = Mündəricat
language-switcher = Dil
choose-language = Dil seçin
breadcrumbs = Naviqasiya yolu
on-this-page = Bu səhifədə
prev-next = Əvvəlki və növbəti səhifə
previous = Əvvəlki
next = Növbəti
back-to-top = Yuxarı qayıt
footnote-back = { $label } saylı istinada qayıt
footer-source = Mənbə: Sentyabr 2021-ci il tarixli, BMqT-nin Azərbaycandakı Nümayəndəliyi üçün hazırlanmış Azərbaycan dilində hesabat; ingilis və rus dilləri tərcümədir.
fallback-notice = Bu səhifə hələ Azərbaycan dilinə tərcümə edilməyib. Hesabatın orijinal dilində göstərilir.
stale-notice = Bu tərcümə hazırlandıqdan sonra Azərbaycan dilindəki orijinal mətn dəyişib.
nav-countries = Ölkələr
nav-glossary = Terminlər lüğəti

## Naviqasiya: başlıq zolağı, mündəricat paneli, başlıqlara keçidlər
nav-section-pages = { $title }: səhifələr
close-contents = Mündəricatı bağla
heading-link = Bölməyə keçid
link-copied = Keçid kopyalandı

## Cədvəllər
col-country = Ölkə
col-interviews = Keçirilən müsahibələrin sayı
col-questionnaires = Doldurulan anketlərin sayı
col-government = Hökumət
col-cso = VCT-lər
col-total = Cəmi
row-total = Cəmi
media-short = media
col-authority = Mərkəzi miqrasiya qurumu
col-remarks = Şərhlər
col-official-name = Rəsmi adı
col-region = Region
col-participation = İştirak
value-unknown = naməlum
value-unknown-note = hesabatın skan edilmiş mətnində bu dəyər itib və hesabatın mətni onu müəyyən etmir.
value-not-available = mövcud deyil
value-not-available-note = hesabat dəyər vermir ("Mövcud deyil").

## Ölkələr
countries-title = Ölkələr
countries-description = Çatışmazlıqların təhlilinin əhatə etdiyi 13 ölkə və hesabatın hər biri haqqında bildirdikləri.
countries-intro = Hesabat { $count } ölkəni əhatə edir. Hər ölkə səhifəsi hesabatın cədvəllərinin həmin ölkə haqqında bildirdiklərini bir yerə toplayır.
countries-compare = Ölkələri müqayisə edin
country-description = Hesabatın { $country } haqqında bildirdikləri.
region-explanation = Regionlar naviqasiya üçün redaksiya qruplaşdırmasıdır; hesabatın bir hissəsi deyil.
region-south-caucasus = Cənubi Qafqaz
region-eastern-europe = Şərqi Avropa
region-central-asia = Orta Asiya
region-western-asia = Qərbi Asiya
participation-participating = iştirakçı ölkə
participation-to-be-determined = iştirak dərəcəsi hələ müəyyən edilməlidir

## Terminlər lüğəti
glossary-title = Terminlər lüğəti
glossary-description = Hesabatın terminləri Azərbaycan, ingilis və rus dillərində.
glossary-intro = Hesabatın üç dildəki versiyalarında ardıcıl istifadə olunan terminlər.

## Tapılmadı
not-found-title = Səhifə tapılmadı
not-found-text = Bu ünvanda səhifə yoxdur. Hesabatda axtarın və ya aşağıdakı bölmələrdən birini seçin.
not-found-home = Hesabatın Azərbaycan dilində ana səhifəsi

## Axtarış
search-title = Axtarış
search-description = Hesabatda Azərbaycan dilində axtarış.
search-label = Hesabatda axtarın
search-placeholder = Axtarış…
search-button = Axtar
search-results-label = Nəticələr
search-no-results = Heç nə tapılmadı.
search-needs-js = Axtarış brauzerinizdə işləyir və JavaScript tələb edir. Bütün səhifələr mündəricatda göstərilib.
search-more = Daha çox nəticə
search-loading = Axtarılır…
search-phrase-hint = Sözləri yanaşı, bu sırada tapmaq üçün onları dırnaq işarəsinə alın: "miqrasiya siyasəti".
search-failed = Axtarış indeksi yüklənmədi.

## Cədvəl 2: miqrasiya strategiyaları
col-comprehensive-policy = Hərtərəfli miqrasiya siyasəti / strategiyası
col-sectoral-policies = Sektor siyasətləri / strategiyaları / fəaliyyət planı
col-sdgs-gcm = DİM-lər / Miqrasiya üzrə Qlobal Sazişin ön plana çəkilməsi
see-table-in-report = Bütün ölkələr üzrə cədvələ hesabatda baxın

## Cədvəl 3: siyasətin həyata keçirilməsində problemlər
problem-covid-19-crisis = COVID böhranı
problem-lack-of-financial-resources = Maliyyə resurslarının olmaması
problem-lack-of-qualified-staff = Tam ixtisaslı işçilərin olmaması
problem-coordination-gaps = Koordinasiya mexanizmlərində çatışmazlıqlar
problem-insufficient-regional-cooperation = Kifayət qədər olmayan regional əməkdaşlıq
problem-insufficient-policy-development = Müəyyən sahələrdə siyasətin kifayət qədər hazırlanmaması
problem-lack-of-technical-capacity = Texniki potensialın olmaması
problem-geopolitical-situation = Geo-siyasi vəziyyət
col-marks = Sətirdəki işarələr
marks-count = { $total } sütundan { $marks }
marks-summary = Hesabatda bu ölkənin sətrində { $total } problem sütunu üzrə { $marks } işarə (+) var.
marks-unknown-sentence = Skan zamanı bu işarələrin hansı sütunlarda olduğu itib və hesabatın mətni bunu müəyyən etmir.
mark-marked = işarələnib
mark-not-marked = işarələnməyib
mark-marked-note = hesabatda problem kimi işarələnib;
mark-not-marked-note = işarələnməyib (sətirdəki işarələrin sayı bunu müəyyən edir);
mark-unknown-note = skan zamanı sətrin işarələrinin hansı sütunlarda olduğu itib və hesabatın mətni bunu müəyyən etmir.

## Konvensiyalar və insan alveri üzrə pillələr
profile-law-title = Vətəndaşsızlığa dair konvensiyalar və insan alveri
convention-stateless-persons-1954 = Vətəndaşlığı olmayan şəxslərin statusu ilə bağlı 1954-cü il Konvensiyası
convention-reduction-of-statelessness-1961 = Vətəndaşsızlığın azaldılması haqqında 1961-ci il Konvensiyası
convention-european-nationality = Avropa Vətəndaşlıq Konvensiyası
ratification-ratified = ratifikasiya etmişdir
ratification-signed = imzalamış, lakin hələ ratifikasiya etməmişdir
ratification-not-ratified = ratifikasiya etməmişdir
col-tier = Pillə
col-tip-report = ABŞ-ın İnsan Alverinə dair Hesabatı
tier-label = { $tier ->
    [3] 3-cü
   *[other] { $tier }-ci
  } pillə

## Cədvəl 4: məlumatların toplanması və təhlili
data-unit = Məlumatların Toplanması və Təhlili Bölməsi
data-analysts = İxtisaslı Analitiklər Ehtiyatı
data-migration-profile = Miqrasiya Profili (o cümlədən, Miqrasiya Profilinin növü)
data-gender-data = Gender üzrə ayrılmış məlumat
data-data-sharing = Məlumat mübadiləsi üzrə Qurumlararası Saziş
data-data-protection = Məlumatların Qorunması Sistemi
data-statistical-reports = Dərc olunan Statistik Hesabatlar
answer-yes = Bəli
answer-sometimes = Bəli, bəzən
answer-some-elements = Yalnız bəzi elementlər
answer-extended = GMP
answer-no = Xeyr
frequency-annual = illik
frequency-quarterly = rüblük
frequency-monthly = aylıq
reports-available = mövcuddur
reports-not-available = mövcud deyil

## Cədvəl 5 və 6: Miqrasiya üzrə Qlobal Saziş və Aİ ilə əməkdaşlıq
profile-cooperation-title = Beynəlxalq əməkdaşlıq
gcm-signed = Miqrasiya üzrə Qlobal Sazişi imzalayan iştirakçılar
gcm-un-network = BMT-nin Miqrasiya Şəbəkəsinin üzvləri
gcm-country-report = Miqrasiya üzrə Qlobal Sazişin Ölkə Hesabatı
col-framework = Əməkdaşlıq Çərçivələri / Sazişlər
framework-eastern-partnership = Şərq Tərəfdaşlığı
framework-mobility-partnership = Universitet Tələbələri üçün Hərəkətlilik Tərəfdaşlığı
framework-association-agreement = Assosiasiya Sazişi / Dərin və Hərtərəfli Azad Ticarət Sazişi
framework-visa-liberalisation = Viza rejiminin liberallaşdırılması haqqında Müqavilə
framework-visa-facilitation = Viza verilməsinin sadələşdirilməsi haqqında Saziş
framework-eubam = Aİ-nin Moldova və Ukraynaya Sərhəd Yardım Missiyası (EUBAM)
framework-black-sea-synergy = Qara Dəniz Sinergiyası
framework-readmission-agreement = Aİ-nin Readmissiya Sazişi
framework-partnership-and-cooperation = Tərəfdaşlıq və Əməkdaşlıq Sazişi
framework-budapest-process = Budapeşt Prosesi
framework-prague-process = Praqa Prosesi
framework-bomca = Orta Asiya və Əfqanıstanda Sərhəd İdarəetmə Proqramı 10 (BOMCA 10)
membership-yes = bəli
membership-no = xeyr
membership-not-in-force = qüvvədə deyil
membership-yes-note = iştirak edir (hesabatın cədvəlində X işarəsi və ya hesabatın mətni bunu bildirir);
membership-no-note = iştirak etmir (hesabatın mətni bunu müəyyən edir);
membership-unknown-note = skan sətirdəki X işarələrinin yerini itirib, hesabatın mətni isə bunu müəyyən etmir.

## Cədvəl 7: təlim ehtiyacları
col-theme-number = №
col-theme = Təlim mövzusu
col-readings = Skanda qalan prioritetlər, çap olunduğu ardıcıllıqla (cədvəlin { $count } ölkə sütunu var; skan hansı dəyərin hansı ölkəyə aid olduğunu itirib)
readings-label = Qalan dəyərlər: { $kept }; itirilmiş xanalar: { $lost }
priority-1 = prioritet 1 (ən aşağı)
priority-2 = prioritet 2
priority-3 = prioritet 3
priority-4 = prioritet 4 (ən yüksək)
priority-scale = Prioritet, 4-dən (ən yüksək) 1-ə (ən aşağı); rəng çalarları rəqəmi təkrarlayır:
priority-4-note = ən yüksək prioritet
priority-3-note = yüksək prioritet
priority-2-note = daha aşağı prioritet
priority-1-note = ən aşağı prioritet
priority-not-available-note = mövcud deyil (hesabatda "Mövcud deyil")
readings-lost-note = skanın itirdiyi xana; onun dəyəri və ölkəsi bəlli deyil.
readings-columns-note = Cədvəlin başlığında çap olunduğu kimi { $count } ölkə sütunu:
readings-absent-note = Başlıqda olmayan:
training-needs-in-table = Cədvəl 7-nin skanı hansı dəyərin hansı sütunda olduğunu itirib, buna görə bu ölkənin prioritetləri bəlli deyil.
training-needs-not-in-table = Bu ölkə Cədvəl 7-nin sütunları arasında yoxdur.

## Fəsil 4: kurikulum layihəsi
curriculum-part = Hissə { $number }
curriculum-module = Modul { $number }
curriculum-modules = Kurikulumun modulları
curriculum-gaps = Nömrələr hesabatın özününküdür: layihədə { $list } nömrəli modullar yoxdur.
curriculum-stakeholders = Hədəf maraqlı tərəflər
curriculum-level = Səviyyə
curriculum-filter-title = Fəaliyyətləri süzgəcdən keçirin
curriculum-filter-any = Hamısı
curriculum-filter-reset = Hamısını göstər
curriculum-shown = Göstərilən fəaliyyətlər
curriculum-filter-help = Maraqlı tərəfləri və ya səviyyəsi skanda itmiş fəaliyyət heç bir süzgəcə uyğun gəlmir: o, yalnız hər iki süzgəc "Hamısı" olduqda göstərilir. "Bütün maraqlı tərəflər" ayrıca seçimdir.
curriculum-none = Bu süzgəcə uyğun fəaliyyət yoxdur.
stakeholder-all = Bütün maraqlı tərəflər
stakeholder-government = Hökumətdən olan maraqlı tərəflər
stakeholder-government-short = Hökumət
stakeholder-csos = VCT-lər
stakeholder-other-csos = digər VCT-lər
stakeholder-higher-education = Ali təhsil müəssisələri
stakeholder-media = Media
stakeholder-migrant-associations = Miqrant assosiasiyaları
stakeholder-young-people = Gənc tələbə və gənc miqrantlar
level-policy-level = Siyasət səviyyəsi
level-implementation-level = Həyata keçirilmə səviyyəsi
level-policy-and-implementation-levels = Siyasət + həyata keçirilmə səviyyələri
level-policy-makers-level = Siyasəti qəbul edənlər səviyyəsi
level-policy-makers-level-and-implementers = Siyasəti qəbul edənlər səviyyəsi və Siyasəti həyata keçirənlər
level-policy-makers = Siyasəti qəbul edənlər
level-implementers = Siyasəti həyata keçirənlər
level-practitioners = Təcrübəçilər
level-researchers = Tədqiqatçılar
level-all-levels = Bütün səviyyələr
level-group-policy = Siyasət səviyyəsi (siyasəti qəbul edənlər)
level-group-implementation = Həyata keçirilmə səviyyəsi (siyasəti həyata keçirənlər)
level-group-practitioners = Təcrübəçilər
level-group-researchers = Tədqiqatçılar
level-group-all-levels = Bütün səviyyələr

## serve
# The frame of the errors `serve` shows in open pages, and its page for a site not built yet.
# Only the frame is translated: the errors are shown as the build wrote them.

serve-error-title = Saytı yeniləmək mümkün olmadı
serve-error-kept = Aşağıda saytın sonuncu düzgün versiyası göstərilir.
serve-error-fix = Xətaları düzəldin və faylı yadda saxlayın: səhifə özü yenilənəcək.
serve-error-close = Bağla
serve-not-built-title = Sayt hələ qurulmayıb
serve-not-built-text = Hələ heç bir qurma uğurla başa çatmayıb və nəticə qovluğunda sayt yoxdur. Qurma uğurla başa çatan kimi bu səhifə özü yenilənəcək.

## Oxu: rəng sxemləri və cədvəllər (issue 15)
theme-switch = Rəng sxemi
theme-system = Bu cihazdakı kimi
theme-light = Açıq
theme-dark = Tünd
scroll-hint = Cədvəlin hamısını görmək üçün yana sürüşdürün
countries-list-title = Ölkələrin siyahısı

## Citation and sharing (src/cite.rs)
cite-heading = Necə istinad etməli
# After the title of the English and Russian editions' reference, in brackets.
cite-translation-note = azərbaycan dilindəki orijinaldan tərcümə
cite-download = İstinadı biblioqrafiya proqramınız üçün yükləyin:
cite-bibtex = BibTeX (LaTeX)
cite-ris = RIS (EndNote, Zotero, Mendeley)
cite-csl = CSL-JSON (Zotero, Pandoc)
# In the footer, before the date of the last change of the page's source.
last-updated = Son yenilənmə:
# A date with its day: "2 dekabr 2026".
date-day-month-year = { $day } { $month ->
     [1] yanvar
     [2] fevral
     [3] mart
     [4] aprel
     [5] may
     [6] iyun
     [7] iyul
     [8] avqust
     [9] sentyabr
     [10] oktyabr
     [11] noyabr
    *[12] dekabr
} { $year }
# A month and its year: "Sentyabr 2021" (the report's date).
date-month-year = { $month ->
     [1] Yanvar
     [2] Fevral
     [3] Mart
     [4] Aprel
     [5] May
     [6] İyun
     [7] İyul
     [8] Avqust
     [9] Sentyabr
     [10] Oktyabr
     [11] Noyabr
    *[12] Dekabr
} { $year }
## Açıq məlumatlar: məlumatlar səhifəsi, hər cədvəlin altındakı yükləmələr, faylların sütun adları
nav-data = Açıq məlumatlar
opendata-title = Açıq məlumatlar
opendata-intro = Hesabatın bütün cədvəlləri, 4-cü fəslin kurikulum layihəsi və ölkələrin siyahısı Azərbaycan dilində CSV və JSON faylları kimi, onları təsvir edən Frictionless Data Package ilə birlikdə.
opendata-formats = CSV faylları UTF-8 kodlaşdırmasındadır və birinci sətirdə sütunların adları verilir; JSON faylları hər cədvəlin başlığını, qeydlərini, sütunlarını və sətirlərini (həmçinin CSV-yə daxil edilməyən 1-ci cədvəlin yekunlarını) verir. Rəqəmlər rəqəm kimi yazılır; hesabatın vermədiyi dəyərlər sözlə yazılır:
opendata-empty-note = boş xana: hesabatda orada heç nə yoxdur (qeyd, media sayı və ya izah verilmir).
opendata-package-link = Data Package (datapackage.json): bütün CSV faylları, onların sütunları, sütunların tipləri və mümkün dəyərləri
opendata-package-help = Paketi Frictionless alətləri ilə yoxlamaq olar, məsələn, yüklənmiş faylların qovluğunda “frictionless validate datapackage.json” əmri ilə.
opendata-package-title = Hesabatın cədvəlləri məlumat kimi (miqrasiya idarəçiliyində çatışmazlıqların təhlili, BMqT-nin Azərbaycandakı Nümayəndəliyi, sentyabr 2021)
opendata-shape = { $rows } sətir, { $columns } sütun; { $kind ->
    [theme] hər təlim mövzusu üçün bir sətir, hesabatdakı ardıcıllıqla
    [activity] kurikulumun hər fəaliyyəti üçün bir sətir
   *[country] hər ölkə üçün bir sətir, hesabatdakı ardıcıllıqla
}.
opendata-size = { $kb } KB
opendata-download = Yüklə
opendata-col-code = Kod
opendata-col-note = Qeyd
opendata-col-media = o cümlədən media
opendata-col-reports-publication = Dərc edilən statistik hesabatlar: dövriliyi və əlçatanlığı
opendata-col-reading = Dəyər { $number }
opendata-col-part = Hissə
opendata-col-part-title = Hissənin adı
opendata-col-module = Modul
opendata-col-module-title = Modulun adı
opendata-col-activity = Fəaliyyət
opendata-col-stakeholders-note = Hədəf maraqlı tərəflər: qeyd
opendata-curriculum-title = Fəsil 4: kurikulum planının layihəsi, modullar üzrə fəaliyyətlər
opendata-countries-title = Hesabatdakı ölkələr
## Charts (drawn from the tables' data)
chart-see-table = Qiymətlər aşağıdakı cədvəldədir.
chart-totals = Cəmi: { $total } (hökumət { $government }, VCT-lər { $cso })
chart-consultation-title = Ölkələr üzrə müsahibələr və anketlər, maraqlı tərəflərin qrupları üzrə
chart-problems-title = Hər ölkənin sətrində işarələnmiş problemlərin sayı (səkkizdən)
chart-data-collection-title = Ölkələr üzrə məlumatların toplanması və təhlili komponentləri
chart-gcm-title = Ölkələr üzrə Miqrasiya üzrə Qlobal Sazişdə iştirak
chart-eu-cooperation-title = Ölkələr üzrə Aİ ilə əməkdaşlıq çərçivələri
chart-columns = Sütunlar:
chart-training-needs-title = Hər mövzunun sətrindəki xanalar, prioritet üzrə
chart-training-axis = Hər mövzunun sətrindəki xanalar ({ $count } ölkə sütunu), qiymət üzrə
chart-theme = Mövzu { $number }
glance-caption = Qısa baxış: bu ölkənin hesabatın cədvəllərindəki sətri. Aşağıdakı bölmələr hər qiyməti qeydləri ilə verir.
## The whole report on one page (/print/) and as a PDF
whole-report = Hesabatın tam mətni bir səhifədə
whole-report-pdf = Hesabatın tam mətni PDF formatında
print-intro = Bu səhifədə hesabatın tam mətni var: onu çap etmək və ya PDF kimi saxlamaq olar.
