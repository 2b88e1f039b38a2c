"""The site as a reader meets it: headless Chromium on the built site (see browser.py)."""

from __future__ import annotations

from datetime import datetime

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
