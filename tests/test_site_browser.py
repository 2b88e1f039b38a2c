"""The site as a reader meets it: headless Chromium on the built site (see browser.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from playwright.sync_api import Locator, Page, expect


ORGANIZATION = "org/mku-cro-unnamed-1/"


def section_rows(page: Page, section: str) -> Locator:
    """The task rows of a section («overdue», «later», …) of an organization page."""
    return page.locator(f"xpath=//h3[@id='{section}']/following::table[1]/tbody/tr")


def long_date(text: str) -> str:
    """A date as babel writes it: a narrow no-break space before «г.»."""
    return text.replace(" г.", "\u202fг.")


def test_organization_page_lists_the_work_of_today_and_its_school_years_the_rest(browser_page, site_server):
    browser_page.goto(site_server + ORGANIZATION)

    expect(browser_page.locator("h1")).to_contain_text("МКУ «Центр развития образования»")
    expect(section_rows(browser_page, "overdue")).to_have_count(0)  # set in November 2019: a year ago and more
    expect(browser_page.locator("article")).to_contain_text("Ещё 6 поручений старше 12 месяцев")
    later = section_rows(browser_page, "later")
    expect(later).to_have_count(2)
    expect(later.first.locator("time")).to_have_text(long_date("31 мая 2021 г."))
    expect(later.first).not_to_contain_text("срок истёк")

    browser_page.get_by_role("link", name="2019/20").first.click()
    expect(browser_page.locator("h1")).to_contain_text("2019/20 учебный год")
    rows = year_rows(browser_page)
    expect(rows).to_have_count(6)
    overdue = rows.filter(has_text="29.11.2019 года.").first
    expect(overdue.locator("time")).to_have_attribute("datetime", "2019-11-29")
    expect(overdue.locator("time")).to_have_text(long_date("29 ноября 2019 г."))
    expect(overdue).to_contain_text("срок истёк, отметки об исполнении нет")


def year_rows(page: Page) -> Locator:
    """The task rows of a school-year page."""
    return page.locator("xpath=//h2[@id='tasks']/following::table[1]/tbody/tr")


def test_deadlines_are_counted_from_the_readers_today(browser_page, site_server):
    browser_page.clock.set_fixed_time(datetime(2021, 2, 1, 12, 0))
    browser_page.goto(site_server + ORGANIZATION)
    future = section_rows(browser_page, "later").first  # 31 мая 2021 г.
    expect(future.locator(".pk-relative")).to_have_text("(через 119 дней)")

    browser_page.goto(site_server + ORGANIZATION + "2019-2020/")
    past = year_rows(browser_page).filter(has_text="29.11.2019 года.").first
    expect(past.locator(".pk-relative")).to_have_text("(просрочено на 430 дней)")


def test_without_scripts_the_absolute_date_stays(browser_page, site_server):
    browser_page.route("**/*.js", lambda route: route.abort())
    browser_page.goto(site_server + ORGANIZATION + "2019-2020/")

    row = year_rows(browser_page).filter(has_text="29.11.2019 года.").first
    expect(row.locator("time")).to_have_text(long_date("29 ноября 2019 г."))
    expect(row.locator(".pk-relative")).to_have_count(0)


def test_no_request_leaves_the_site(browser_page, site_server):
    requested: list[str] = []
    browser_page.on("request", lambda request: requested.append(request.url))
    for path in ("", ORGANIZATION, "deadlines/", "protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo/"):
        browser_page.goto(site_server + path)
        browser_page.wait_for_load_state("networkidle")

    outside = [url for url in requested if not url.startswith(site_server) and not url.startswith("data:")]
    assert outside == []


def test_a_decision_anchor_opens_on_its_row(browser_page, site_server):
    browser_page.goto(site_server + "protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo/#d-3")

    row = browser_page.locator("tr:has(#d-3)")
    expect(row).to_contain_text("родительских собраний")
    assert row.evaluate("row => getComputedStyle(row).backgroundColor") != "rgba(0, 0, 0, 0)"


# --- on a phone -------------------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}
TASK_TABLES = {  # a page with tasks or decisions → its first row's deadline and status cells (0-based)
    ORGANIZATION + "2019-2020/": (0, 2),
    "protocols/uo-unnamed-1/2019-11-22-soveshchanie-rukovoditelej-oo/": (4, 5),
}


def on_screen(cell: Locator) -> bool:
    """Whether the whole of ``cell`` is on the phone's screen once the page is scrolled down to it.

    Only the page scrolls, down: a sideways scroller around the table stays where the reader finds it.
    """
    cell.evaluate("cell => window.scrollTo(0, cell.getBoundingClientRect().top + window.scrollY - 80)")
    box = cell.bounding_box()
    return (box is not None and box["width"] > 0 and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
            and 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"])


@pytest.mark.parametrize("path", TASK_TABLES)
def test_on_a_phone_the_deadline_and_status_of_the_first_task_are_on_screen(browser_page, site_server, path):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(site_server + path)
    row = browser_page.locator("table tbody tr").filter(has=browser_page.locator("time")).first
    deadline, status = (row.locator("td").nth(index) for index in TASK_TABLES[path])

    expect(deadline.locator("time")).to_be_visible()
    expect(status).to_contain_text("открыто")
    assert on_screen(deadline) and on_screen(status)
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wrapper = browser_page.locator(".md-typeset__scrollwrap").filter(has=row)
    assert wrapper.evaluate("wrapper => wrapper.scrollWidth") <= PHONE["width"]
    expect(wrapper).not_to_have_attribute("aria-label", "Таблица, прокручивается вбок")  # tables.js: no scroll


def test_on_a_desktop_the_tasks_stay_a_table(browser_page, site_server):
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.goto(site_server + ORGANIZATION + "2019-2020/")
    table = browser_page.locator(".pk-tasks table")
    expect(table.locator("thead th")).to_have_text(["Срок", "Поручение", "Статус"])
    assert table.evaluate("table => getComputedStyle(table).display") == "table"


# --- the finder of the home page --------------------------------------------------------------

SCHOOL_46 = "МАОУ «СОШ №46»"  # protocols/registry/izhevsk.yaml; also «СОШ №42», «СОШ №12» and others
FINDER_QUERIES = {  # what a reader types → the name of the first result
    "СОШ 46": SCHOOL_46,
    "школа 46": SCHOOL_46,
    "МАОУ СОШ №46": SCHOOL_46,
    "маоу «сош «46»": SCHOOL_46,
    "средняя общеобразовательная школа № 46": SCHOOL_46,
    "школы 46 Ижевск": SCHOOL_46,
    "Ижевск управление": "Управление образования Администрации города Ижевска",
    "руководители ОО Назарово": "Руководители образовательных организаций",  # group/nazarovo-heads-oo
}


def finder(page: Page) -> Locator:
    return page.get_by_role("searchbox", name="Найдите свою школу")


@pytest.mark.parametrize("query", FINDER_QUERIES)
def test_the_home_page_finds_an_organization_by_name_abbreviation_or_number(browser_page, site_server, query):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(site_server)
    finder(browser_page).fill(query)
    expect(browser_page.locator(".pk-finder-results a").first).to_have_text(FINDER_QUERIES[query])


def test_the_finder_opens_the_page_of_the_school_and_says_when_nothing_is_found(browser_page, site_server):
    browser_page.goto(site_server)
    finder(browser_page).fill("школа 4")
    expect(browser_page.locator(".pk-finder-status")).to_have_text("Найдено: 2.")  # №42 and №46
    finder(browser_page).fill("школа 46")
    finder(browser_page).press("Enter")
    expect(browser_page).to_have_url(site_server + "org/maou-sosh-46-izhevsk/")

    browser_page.go_back()
    finder(browser_page).fill("гимназия 1000")
    expect(browser_page.locator(".pk-finder-status")).to_contain_text("Не найдено.")
    expect(browser_page.locator(".pk-finder-results li")).to_have_count(0)


def test_without_scripts_the_finder_is_hidden_and_the_text_leads_to_the_groups(browser_page, site_server):
    browser_page.route("**/*.js", lambda route: route.abort())
    browser_page.goto(site_server)
    expect(browser_page.locator("[data-pk-finder]")).to_be_hidden()
    expect(browser_page.locator("article")).to_contain_text("Если документы называют вашу школу не по имени")
