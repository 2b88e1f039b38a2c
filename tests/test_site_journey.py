"""The head of a school on her phone (issue 12, «Done when»): from the home page to her school, her
overdue tasks, the decision behind one, and the address of her school's calendar in the clipboard.

The site is built from the test knowledge base (tests/fixtures/kb) on 25 March 2020: «МБОУ «СОШ № 2»»
belongs to the group «руководители ОО», which had to hand in its plans by 17 March (п. 2 of the meeting
of 2 March; school 1 has reported, school 2 has not) and analyse the ВПР by 20 March (п. 2.1 of the
meeting of 15 January, extended).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from browser import local_page, served_test_kb

TODAY = date(2020, 3, 25)
PHONE = {"width": 390, "height": 844}
SCHOOL = "org/school-2/"
FEED = "https://example.org/protocols/calendars/org/school-2.ics"  # a build without SITE_URL: the placeholder


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    with served_test_kb(tmp_path_factory.mktemp("journey"), TODAY) as base_url:
        yield base_url


@pytest.fixture
def phone(chromium, site) -> Iterator[Page]:
    with local_page(chromium, site) as page:
        page.set_viewport_size(PHONE)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
        yield page


def fits_the_screen(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_head_finds_her_school_reads_her_overdue_tasks_and_copies_its_calendar_address(phone, site):
    phone.goto(site)
    finder = phone.get_by_role("searchbox", name="Найдите свою школу")
    expect(finder).to_be_in_viewport()
    finder.fill("школа 2")
    phone.locator(".pk-finder-results a").first.click()
    expect(phone).to_have_url(site + SCHOOL)
    expect(phone.locator("h1")).to_contain_text("МБОУ «СОШ № 2»")
    expect(phone.locator("article")).to_contain_text("Здесь и поручения групп, в которые входит организация")
    fits_the_screen(phone)

    overdue = phone.locator("xpath=//h3[@id='overdue']/following::table[1]/tbody/tr")
    expect(phone.locator("h3#overdue")).to_contain_text("Срок истёк · 2 поручения")
    expect(overdue).to_have_count(2)
    first = overdue.first
    expect(first).to_contain_text("представить в управление образования планы работы")
    expect(first).to_contain_text("через группу руководители ОО")
    deadline, status = first.locator("td").nth(0), first.locator("td").nth(2)
    expect(deadline.locator("time")).to_have_attribute("datetime", "2020-03-17")
    expect(status).to_contain_text("отметки организации нет")
    expect(status).to_contain_text("срок истёк")
    first.evaluate("row => window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY - 80)")
    for cell in (deadline, status):  # on the screen as the page scrolls down, nothing scrolled sideways
        expect(cell).to_be_in_viewport(ratio=1)

    first.get_by_role("link", name="п. 2").click()
    expect(phone).to_have_url(site + "protocols/uo-test/2020-03-02-soveshchanie/#d-2")
    decision = phone.locator("tr:has(#d-2)")
    expect(decision).to_be_in_viewport()
    expect(decision).to_contain_text("выполнено 1 из 2")
    fits_the_screen(phone)

    phone.go_back()
    expect(phone).to_have_url(site + SCHOOL)
    address = phone.locator("xpath=//h2[@id='calendar']/following::pre[1]")
    expect(address).to_have_text(FEED)
    address.scroll_into_view_if_needed()
    block = address.locator("xpath=ancestor::div[contains(@class, 'highlight')][1]")
    block.get_by_role("button", name="Копировать в буфер").click()
    assert phone.evaluate("navigator.clipboard.readText()").strip() == FEED
