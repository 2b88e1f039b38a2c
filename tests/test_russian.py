"""Small building blocks of the site: Russian wording, the clock, text shown as text, safe links."""

from __future__ import annotations

from datetime import date

import pytest

from build_tools.site.clock import BadClock, build_today
from build_tools.russian import DAYS, TASKS, count, long_date, month_title
from build_tools.site.markup import body, link, relative_url, source_of, text
from build_tools.site.safety import has_safe_address, is_external

NNBSP = "\u202f"  # CLDR puts a narrow no-break space before «г.»


@pytest.mark.parametrize(("number", "expected"), [
    (0, "0 задач"), (1, "1 задача"), (2, "2 задачи"), (4, "4 задачи"), (5, "5 задач"), (11, "11 задач"),
    (12, "12 задач"), (21, "21 задача"), (22, "22 задачи"), (25, "25 задач"), (101, "101 задача"),
    (111, "111 задач"),
])
def test_counts_take_the_russian_plural_form(number, expected):
    assert count(number, TASKS) == expected


@pytest.mark.parametrize(("number", "expected"), [(1, "1 день"), (3, "3 дня"), (430, "430 дней"), (119, "119 дней")])
def test_days_are_counted_in_words(number, expected):
    assert count(number, DAYS) == expected


@pytest.mark.parametrize(("day", "expected"), [
    (date(2022, 1, 12), f"12 января 2022{NNBSP}г."),
    (date(2019, 11, 4), f"4 ноября 2019{NNBSP}г."),
    (date(2021, 5, 31), f"31 мая 2021{NNBSP}г."),
])
def test_dates_are_written_out_in_russian(day, expected):
    assert long_date(day) == expected


def test_month_headings_use_the_nominative():
    assert month_title(date(2022, 1, 1)) == "Январь 2022"
    assert month_title(date(2020, 5, 1)) == "Май 2020"


@pytest.mark.parametrize(("environ", "expected"), [
    ({"PROTOCOLS_TODAY": "2021-01-15"}, date(2021, 1, 15)),
    ({"PROTOCOLS_TODAY": "2021-01-15", "SOURCE_DATE_EPOCH": "0"}, date(2021, 1, 15)),
    ({"SOURCE_DATE_EPOCH": "1610668800"}, date(2021, 1, 15)),
    ({"SOURCE_DATE_EPOCH": "1610755199"}, date(2021, 1, 15)),  # 23:59:59 UTC: still that day
])
def test_the_build_day_comes_from_the_environment(environ, expected):
    assert build_today(environ) == expected


def test_without_the_variables_the_build_day_is_the_machines_today():
    assert build_today({}) == date.today()


@pytest.mark.parametrize(("environ", "message"), [
    ({"PROTOCOLS_TODAY": "15.01.2021"}, "PROTOCOLS_TODAY должна быть датой ГГГГ-ММ-ДД, а не «15.01.2021»"),
    ({"SOURCE_DATE_EPOCH": "вчера"}, "SOURCE_DATE_EPOCH должна быть числом секунд с 1970 года, а не «вчера»"),
])
def test_an_unreadable_build_day_is_refused_in_words(environ, message):
    with pytest.raises(BadClock) as refused:
        build_today(environ)
    assert str(refused.value) == message


@pytest.mark.parametrize(("value", "expected"), [
    ("Обычный текст.", "Обычный текст."),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("*не курсив* и __не жирный__", "\\*не курсив\\* и \\_\\_не жирный\\_\\_"),
    ("[не ссылка](https://x.example)", "\\[не ссылка\\](https://x.example)"),
    ("ячейка | не столбец", "ячейка \\| не столбец"),
    ("`код` и {: #id }", "\\`код\\` и \\{: #id \\}"),
    ("A & B, &lt;", "A &amp; B, &amp;lt;"),
    ("строка\nи ещё  строка", "строка и ещё строка"),
    ("C:\\путь", "C:\\\\путь"),
])
def test_text_from_the_data_is_shown_as_text(value, expected):
    assert text(value) == expected


def test_a_protocol_body_keeps_its_markdown_but_not_its_html():
    source = ("## РЕШИЛИ\n\n**1.** Провести <b>семинар</b>.\n\n<script>alert(1)</script>\n\n"
              "Сайт: <http://www.izh.ru/i/info/14251.html>, почта <main@uo.izh.ru>. Если a<b — ок.\n")
    assert body(source) == (
        "### РЕШИЛИ\n\n**1.** Провести &lt;b>семинар&lt;/b>.\n\n&lt;script>alert(1)&lt;/script>\n\n"
        "Сайт: <http://www.izh.ru/i/info/14251.html>, почта <main@uo.izh.ru>. Если a&lt;b — ок."
    )


@pytest.mark.parametrize(("url", "source"), [
    ("", "index.md"),
    ("deadlines/", "deadlines.md"),
    ("org/uo-nazarovo/", "org/uo-nazarovo.md"),
    ("protocols/uo-nazarovo/2022-01-12-x/#d-3-2", "protocols/uo-nazarovo/2022-01-12-x.md#d-3-2"),
])
def test_a_page_url_has_its_source_path(url, source):
    assert source_of(url) == source


@pytest.mark.parametrize(("here", "target", "expected"), [
    ("org/uo-nazarovo/", "people/gavrilova-sv/", '<a href="../../people/gavrilova-sv/">x</a>'),
    ("protocols/uo-nazarovo/2022-01-12-x/", "org/uo-nazarovo/", '<a href="../../../org/uo-nazarovo/">x</a>'),
    ("org/x/", "protocols/uo-nazarovo/2022-01-12-x/#d-1", '<a href="../../protocols/uo-nazarovo/2022-01-12-x/#d-1">x</a>'),
    ("", "deadlines/", '<a href="deadlines/">x</a>'),
    ("deadlines/", "org/x/", '<a href="../org/x/">x</a>'),
    ("org/x/", "org/x/#tasks", '<a href="#tasks">x</a>'),
    ("org/x/2021-2022/", "org/x/", '<a href="../">x</a>'),
    ("org/x/", "", '<a href="../../">x</a>'),
])
def test_links_between_pages_are_relative_urls_as_mkdocs_writes_them(here, target, expected):
    assert link("x", target, here) == expected


@pytest.mark.parametrize(("here", "expected"), [
    ("org/x/", "../../calendars/org/x.ics"),
    ("deadlines/", "../calendars/org/x.ics"),
    ("", "calendars/org/x.ics"),
])
def test_files_are_linked_relative_to_the_page_url(here, expected):
    assert relative_url("calendars/org/x.ics", here) == expected


@pytest.mark.parametrize(("url", "safe"), [
    ("https://uo.example/doc.pdf", True),
    ("mailto:main@uo.izh.ru", True),
    ("../org/x/", True),
    ("#d-1", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    (" java\tscript:alert(1)", False),
    ("&#106;avascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox", False),
])
def test_only_harmless_addresses_are_kept(url, safe):
    assert has_safe_address(url) is safe


@pytest.mark.parametrize(("url", "external"), [
    ("https://tracker.example/x.png", True), ("//tracker.example/x.png", True),
    ("../assets/x.png", False), ("x.png", False),
])
def test_images_from_other_sites_are_recognised(url, external):
    assert is_external(url) is external
