"""Accountability as a reader meets it in headless Chromium: an extended decision, the printed справка.

The site is built from the test knowledge base (tests/fixtures/kb), where п. 2.1 of the meeting of
15 January 2020 («до 24.01.2020 г.») was extended to 20 March by п. 1 of the meeting of 2 March.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from browser import local_page, served_test_kb

TODAY = date(2020, 3, 20)
EXTENDED = "protocols/uo-test/2020-01-15-soveshchanie/#d-2-1"
REPORT = "reports/uo-test/2019-2020/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    with served_test_kb(tmp_path_factory.mktemp("accountability"), TODAY) as base_url:
        yield base_url


@pytest.fixture
def page(chromium, site) -> Iterator[Page]:
    with local_page(chromium, site) as opened:
        yield opened


def test_an_extended_decision_shows_both_deadlines_and_the_decision_that_extended_it(page, site):
    page.goto(site + EXTENDED)

    row = page.locator("tr:has(#d-2-1)")
    deadline = row.locator("td").nth(4)
    expect(deadline.locator("del")).to_have_text("до 24.01.2020 г.")
    expect(deadline).to_contain_text("изменён: до 20.03.2020")
    expect(deadline.locator("time")).to_have_attribute("datetime", "2020-03-20")
    source = deadline.get_by_role("link", name="решение от 2 марта 2020 г. № 2, п. 1")
    expect(source).to_be_visible()

    source.click()
    expect(page).to_have_url(site + "protocols/uo-test/2020-03-02-soveshchanie/#d-1")
    extending = page.locator("tr:has(#d-1)")
    expect(extending).to_contain_text("Продлить срок исполнения п. 2.1")
    expect(extending.get_by_role("link", name="решение от 15 января 2020 г. № 1, п. 2.1")).to_be_visible()


def test_the_справка_prints_as_the_document_without_the_sites_frame(page, site):
    page.goto(site + REPORT)
    button = page.get_by_role("button", name="Печать справки")
    expect(button).to_be_visible()
    expect(page.locator(".pk-report-title")).to_be_hidden()

    page.emulate_media(media="print")
    expect(page.locator(".pk-report-title")).to_be_visible()
    expect(page.locator(".pk-report-title")).to_have_text("СПРАВКАоб исполнении поручений")
    for frame in ("h1", "header.md-header", ".md-sidebar--primary", "footer.md-footer"):
        expect(page.locator(frame).first).to_be_hidden()
    expect(button).to_be_hidden()
    first = page.locator(".pk-report-table tbody tr").nth(1)
    expect(first).to_contain_text("п. 2.1. Провести анализ результатов ВПР.")
    assert first.locator("td").first.evaluate("cell => getComputedStyle(cell).fontFamily").startswith(
        '"Times New Roman"')


def test_without_scripts_the_print_button_stays_hidden(page, site):
    page.route("**/*.js", lambda route: route.abort())
    page.goto(site + REPORT)

    expect(page.locator("button[data-pk-print]")).to_be_hidden()
    expect(page.locator(".pk-report-table")).to_be_visible()
