# Строки интерфейса и подписи данных, русский язык.
language-name = Русский
home = Главная
skip-to-content = Перейти к содержанию
report-contents = Содержание
language-switcher = Язык
choose-language = Выберите язык
breadcrumbs = Навигационная цепочка
on-this-page = На этой странице
prev-next = Предыдущая и следующая страница
previous = Назад
next = Далее
back-to-top = Наверх
footnote-back = Вернуться к ссылке на сноску { $label }
footer-source = Источник: доклад на азербайджанском языке, сентябрь 2021 года, подготовленный для представительства МОМ в Азербайджане; английская и русская версии являются переводами.
fallback-notice = Эта страница ещё не переведена на русский язык. Она показана на азербайджанском, языке оригинала доклада.
stale-notice = Азербайджанский оригинал изменился после того, как был сделан этот перевод.
nav-countries = Страны
nav-glossary = Глоссарий

## Навигация: шапка, панель содержания, ссылки на заголовки
nav-section-pages = { $title }: страницы
close-contents = Закрыть содержание
heading-link = Ссылка на раздел
link-copied = Ссылка скопирована

## Таблицы
col-country = Страна
col-interviews = Число проведённых интервью
col-questionnaires = Число заполненных анкет
col-government = Государственные органы
col-cso = ОГО
col-total = Всего
row-total = Итого
media-short = СМИ
col-authority = Центральный миграционный орган
col-remarks = Примечания
col-official-name = Официальное название
col-region = Регион
col-participation = Участие
value-unknown = неизвестно
value-unknown-note = при сканировании доклада это значение утрачено, а текст доклада его не устанавливает.
value-not-available = нет данных
value-not-available-note = доклад не приводит значения («нет данных»).

## Страны
countries-title = Страны
countries-description = 13 стран, охваченных анализом пробелов, и всё, что доклад сообщает о каждой из них.
countries-intro = Доклад охватывает { $count ->
    [one] { $count } страну
    [few] { $count } страны
   *[many] { $count } стран
}. Страница каждой страны собирает то, что таблицы доклада сообщают о ней.
countries-compare = Сравнение стран
country-description = Что доклад сообщает о стране: { $country }.
region-explanation = Регионы — редакционная группировка для навигации; они не являются частью доклада.
region-south-caucasus = Южный Кавказ
region-eastern-europe = Восточная Европа
region-central-asia = Центральная Азия
region-western-asia = Западная Азия
participation-participating = страна-участница
participation-to-be-determined = степень участия ещё предстоит определить

## Глоссарий
glossary-title = Глоссарий
glossary-description = Термины доклада на азербайджанском, английском и русском языках.
glossary-intro = Термины, единообразно используемые в трёх языковых версиях доклада.

## Не найдено
not-found-title = Страница не найдена
not-found-text = По этому адресу страницы нет. Воспользуйтесь поиском по докладу или выберите один из разделов ниже.
not-found-home = Главная страница доклада на русском языке

## Поиск
search-title = Поиск
search-description = Поиск по докладу на русском языке.
search-label = Поиск по докладу
search-placeholder = Поиск…
search-button = Найти
search-results-label = Результаты
search-no-results = Ничего не найдено.
search-needs-js = Поиск работает в браузере и требует JavaScript. Все страницы перечислены в содержании.
search-more = Ещё результаты
search-loading = Идёт поиск…
search-phrase-hint = Чтобы найти слова вместе и в этом порядке, заключите их в кавычки: "миграционная политика".
search-failed = Не удалось загрузить поисковый индекс.

## Таблица 2: миграционные стратегии
col-comprehensive-policy = Всеобъемлющая миграционная политика / стратегия
col-sectoral-policies = Отраслевая политика / стратегии / план действий
col-sdgs-gcm = ЦУР / актуализация Глобального договора о миграции
see-table-in-report = Таблица по всем странам в докладе

## Таблица 3: проблемы реализации политики
problem-covid-19-crisis = Кризис COVID
problem-lack-of-financial-resources = Нехватка финансовых ресурсов
problem-lack-of-qualified-staff = Нехватка полностью квалифицированных кадров
problem-coordination-gaps = Недостатки механизмов координации
problem-insufficient-regional-cooperation = Недостаточное региональное сотрудничество
problem-insufficient-policy-development = Недостаточная разработка политики в отдельных областях
problem-lack-of-technical-capacity = Нехватка технического потенциала
problem-geopolitical-situation = Геополитическая ситуация
col-marks = Отметок в строке
marks-count = { $marks } из { $total }
marks-summary = В докладе в строке этой страны { $marks ->
    [one] { $marks } отметка
    [few] { $marks } отметки
   *[other] { $marks } отметок
  } (+) по { $total } столбцам проблем.
marks-unknown-sentence = При сканировании утрачено, в каких столбцах стоят эти отметки, а текст доклада этого не устанавливает.
mark-marked = отмечено
mark-not-marked = не отмечено
mark-marked-note = отмечено в докладе как проблема;
mark-not-marked-note = не отмечено (это следует из числа отметок в строке);
mark-unknown-note = при сканировании утрачено, в каких столбцах стоят отметки строки, а текст доклада этого не устанавливает.

## Конвенции и уровни по торговле людьми
profile-law-title = Конвенции о безгражданстве и торговля людьми
convention-stateless-persons-1954 = Конвенция о статусе апатридов 1954 года
convention-reduction-of-statelessness-1961 = Конвенция о сокращении безгражданства 1961 года
convention-european-nationality = Европейская конвенция о гражданстве
ratification-ratified = ратифицирована
ratification-signed = подписана, но ещё не ратифицирована
ratification-not-ratified = не ратифицирована
col-tier = Уровень
col-tip-report = Доклад США о торговле людьми
tier-label = Уровень { $tier }

## Таблица 4: сбор и анализ данных
data-unit = Подразделение сбора и анализа данных
data-analysts = Резерв квалифицированных аналитиков
data-migration-profile = Миграционный профиль (в том числе вид миграционного профиля)
data-gender-data = Данные в разбивке по гендерному признаку
data-data-sharing = Межведомственное соглашение об обмене данными
data-data-protection = Система защиты данных
data-statistical-reports = Публикуемые статистические отчёты
answer-yes = Да
answer-sometimes = Да, иногда
answer-some-elements = Только некоторые элементы
answer-extended = Расширенный миграционный профиль (GMP)
answer-no = Нет
frequency-annual = ежегодные
frequency-quarterly = ежеквартальные
frequency-monthly = ежемесячные
reports-available = доступны
reports-not-available = недоступны

## Таблицы 5 и 6: Глобальный договор о миграции и сотрудничество с ЕС
profile-cooperation-title = Международное сотрудничество
gcm-signed = Участники, подписавшие Глобальный договор о миграции
gcm-un-network = Члены Сети ООН по миграции
gcm-country-report = Страновой доклад по Глобальному договору о миграции
col-framework = Рамки / соглашения о сотрудничестве
framework-eastern-partnership = Восточное партнёрство
framework-mobility-partnership = Партнёрство по вопросам мобильности для студентов университетов
framework-association-agreement = Соглашение об ассоциации / Соглашение о глубокой и всеобъемлющей зоне свободной торговли
framework-visa-liberalisation = Соглашение о либерализации визового режима
framework-visa-facilitation = Соглашение об упрощении выдачи виз
framework-eubam = Миссия ЕС по приграничной помощи Молдове и Украине (EUBAM)
framework-black-sea-synergy = Черноморская синергия
framework-readmission-agreement = Соглашение ЕС о реадмиссии
framework-partnership-and-cooperation = Соглашение о партнёрстве и сотрудничестве
framework-budapest-process = Будапештский процесс
framework-prague-process = Пражский процесс
framework-bomca = Программа управления границами в Центральной Азии и Афганистане 10 (BOMCA 10)
membership-yes = да
membership-no = нет
membership-not-in-force = не действует
membership-yes-note = участвует (отметка X в таблице доклада или об этом говорится в тексте доклада);
membership-no-note = не участвует (это следует из текста доклада);
membership-unknown-note = при сканировании утеряно положение отметок X в строке, а текст доклада этого не устанавливает.

## Таблица 7: потребности в обучении
col-theme-number = №
col-theme = Тема обучения
col-readings = Приоритеты, сохранившиеся в скане, в порядке печати (в таблице { $count } столбцов стран; скан утратил, к какой стране относится каждое значение)
readings-label = Сохранилось значений: { $kept }; утрачено ячеек: { $lost }
priority-1 = приоритет 1 (самый низкий)
priority-2 = приоритет 2
priority-3 = приоритет 3
priority-4 = приоритет 4 (самый высокий)
priority-scale = Приоритет от 4 (самый высокий) до 1 (самый низкий); оттенок повторяет число:
priority-4-note = самый высокий приоритет
priority-3-note = высокий приоритет
priority-2-note = более низкий приоритет
priority-1-note = самый низкий приоритет
priority-not-available-note = нет данных (в докладе «Mövcud deyil»)
readings-lost-note = ячейка, утраченная в скане; её значение и страна неизвестны.
readings-columns-note = Столбцы стран ({ $count }) в том виде, в каком их печатает заголовок таблицы:
readings-absent-note = В заголовке нет:
training-needs-in-table = Скан таблицы 7 утратил, в каком столбце стоит каждое значение, поэтому приоритеты этой страны неизвестны.
training-needs-not-in-table = Этой страны нет среди столбцов таблицы 7.

## Глава 4: проект учебной программы
curriculum-part = Часть { $number }
curriculum-module = Модуль { $number }
curriculum-modules = Модули учебной программы
curriculum-gaps = Номера — те, что в докладе: в проекте нет модулей { $list }.
curriculum-stakeholders = Целевые заинтересованные стороны
curriculum-level = Уровень
curriculum-filter-title = Отбор мероприятий
curriculum-filter-any = Все
curriculum-filter-reset = Показать все
curriculum-shown = Показано мероприятий
curriculum-filter-help = Мероприятие, у которого скан утратил заинтересованные стороны или уровень, не подходит ни под один фильтр: оно показано, только когда оба фильтра — «Все». «Все заинтересованные стороны» — отдельный вариант.
curriculum-none = Ни одно мероприятие не подходит под этот фильтр.
stakeholder-all = Все заинтересованные стороны
stakeholder-government = Государственные заинтересованные стороны
stakeholder-government-short = Правительство
stakeholder-csos = ОГО
stakeholder-other-csos = другие ОГО
stakeholder-higher-education = Высшие учебные заведения
stakeholder-media = СМИ
stakeholder-migrant-associations = Ассоциации мигрантов
stakeholder-young-people = Молодые студенты и молодые мигранты
level-policy-level = Уровень политики
level-implementation-level = Уровень реализации
level-policy-and-implementation-levels = Уровни политики + реализации
level-policy-makers-level = Уровень лиц, определяющих политику
level-policy-makers-level-and-implementers = Уровень лиц, определяющих политику, и лица, реализующие политику
level-policy-makers = Лица, определяющие политику
level-implementers = Лица, реализующие политику
level-practitioners = Практические работники
level-researchers = Исследователи
level-all-levels = Все уровни
level-group-policy = Уровень политики (лица, определяющие политику)
level-group-implementation = Уровень реализации (лица, реализующие политику)
level-group-practitioners = Практические работники
level-group-researchers = Исследователи
level-group-all-levels = Все уровни

## serve
# The frame of the errors `serve` shows in open pages, and its page for a site not built yet.
# Only the frame is translated: the errors are shown as the build wrote them.

serve-error-title = Не удалось обновить сайт
serve-error-kept = Ниже показана последняя удачная версия сайта.
serve-error-fix = Исправьте ошибки и сохраните файл: страница обновится сама.
serve-error-close = Закрыть
serve-not-built-title = Сайт ещё не собран
serve-not-built-text = Ни одна сборка ещё не завершилась успешно, и в папке вывода нет сайта. Эта страница перезагрузится сама, как только сборка пройдёт успешно.

## Чтение: цветовые схемы и таблицы (issue 15)
theme-switch = Цветовая схема
theme-system = Как на этом устройстве
theme-light = Светлая
theme-dark = Тёмная
scroll-hint = Прокрутите вбок, чтобы увидеть всю таблицу
countries-list-title = Список стран

## Citation and sharing (src/cite.rs)
cite-heading = Как цитировать
# After the title of the English and Russian editions' reference, in brackets.
cite-translation-note = перевод с азербайджанского оригинала
cite-download = Скачайте библиографическую запись для менеджера ссылок:
cite-bibtex = BibTeX (LaTeX)
cite-ris = RIS (EndNote, Zotero, Mendeley)
cite-csl = CSL-JSON (Zotero, Pandoc)
# In the footer, before the date of the last change of the page's source.
last-updated = Последнее обновление:
# A date with its day: "2 декабря 2026 г.".
date-day-month-year = { $day } { $month ->
     [1] января
     [2] февраля
     [3] марта
     [4] апреля
     [5] мая
     [6] июня
     [7] июля
     [8] августа
     [9] сентября
     [10] октября
     [11] ноября
    *[12] декабря
} { $year } г.
# A month and its year: "Сентябрь 2021 г." (the report's date).
date-month-year = { $month ->
     [1] Январь
     [2] Февраль
     [3] Март
     [4] Апрель
     [5] Май
     [6] Июнь
     [7] Июль
     [8] Август
     [9] Сентябрь
     [10] Октябрь
     [11] Ноябрь
    *[12] Декабрь
} { $year } г.
## Открытые данные: страница данных, ссылки под каждой таблицей, названия столбцов в файлах
nav-data = Открытые данные
opendata-title = Открытые данные
opendata-intro = Все таблицы доклада, проект учебной программы из главы 4 и список стран в виде файлов CSV и JSON на русском языке, с описывающим их пакетом данных Frictionless Data Package.
opendata-formats = Файлы CSV — в кодировке UTF-8, первая строка содержит названия столбцов; файлы JSON содержат заголовок, примечания, столбцы и строки каждой таблицы (а также итоги таблицы 1, которых нет в CSV). Числа записаны как числа; значения, которых доклад не приводит, записаны словами:
opendata-empty-note = пустая ячейка: в докладе там ничего нет (нет замечаний, числа представителей СМИ или примечания).
opendata-package-link = Пакет данных (datapackage.json): все файлы CSV с их столбцами, типами и допустимыми значениями
opendata-package-help = Пакет можно проверить инструментами Frictionless, например командой «frictionless validate datapackage.json» в папке со скачанными файлами.
opendata-package-title = Таблицы доклада в виде данных (анализ пробелов в управлении миграцией, представительство МОМ в Азербайджане, сентябрь 2021 года)
opendata-shape = { $rows } { $rows ->
    [one] строка
    [few] строки
   *[many] строк
}, { $columns } { $columns ->
    [one] столбец
    [few] столбца
   *[many] столбцов
}; { $kind ->
    [theme] по строке на каждую тему обучения, в порядке доклада
    [activity] по строке на каждое мероприятие учебной программы
   *[country] по строке на каждую страну, в порядке доклада
}.
opendata-size = { $kb } КБ
opendata-download = Скачать
opendata-col-code = Код
opendata-col-note = Примечание
opendata-col-media = в том числе СМИ
opendata-col-reports-publication = Публикуемые статистические отчёты: периодичность и доступность
opendata-col-reading = Значение { $number }
opendata-col-part = Часть
opendata-col-part-title = Название части
opendata-col-module = Модуль
opendata-col-module-title = Название модуля
opendata-col-activity = Мероприятие
opendata-col-stakeholders-note = Целевые заинтересованные стороны: замечание
opendata-curriculum-title = Глава 4: проект плана учебной программы, мероприятия по модулям
opendata-countries-title = Страны доклада
## Charts (drawn from the tables' data)
chart-see-table = Значения приведены в таблице ниже.
chart-totals = Всего: { $total } (государственные органы { $government }, ОГО { $cso })
chart-consultation-title = Интервью и анкеты по странам и группам заинтересованных сторон
chart-problems-title = Число проблем, отмеченных в строке каждой страны, из восьми
chart-data-collection-title = Компоненты сбора и анализа данных по странам
chart-gcm-title = Участие в Глобальном договоре о миграции по странам
chart-eu-cooperation-title = Рамки сотрудничества с ЕС по странам
chart-columns = Столбцы:
chart-training-needs-title = Ячейки строки каждой темы по приоритетам
chart-training-axis = Ячейки строки каждой темы ({ $count } столбцов стран) по значениям
chart-theme = Тема { $number }
glance-caption = Кратко: строка этой страны в таблицах доклада. В разделах ниже приведено каждое значение с примечаниями.
## The whole report on one page (/print/) and as a PDF
whole-report = Весь доклад на одной странице
whole-report-pdf = Весь доклад в формате PDF
print-intro = На этой странице — весь доклад: его можно распечатать или сохранить в PDF.
