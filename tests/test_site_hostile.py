"""Hostile text in every field of a knowledge base builds a site on which nothing of it runs.

The validator refuses markup (test_validate_cli.py); here it is switched off, as if
a form of markup had slipped past it, and the site must still show every string as
text: in the page's <title>, headings, tables, links, the chart, the search results,
the calendars and the open data. Each field gets its own number, so a failure names it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar
from playwright.sync_api import Browser, expect

from browser import add_site_sources, local_page, served
from conftest import FIXTURES, REPO_ROOT

# What a string may carry: tags written with «/» for spaces, an end to <title> and to
# <script>, quotes that would end an attribute, a template expression.
PAYLOAD = ("</title/x><img/src=x onerror=window.pkRan({n})><script>window.pkRan({n})</script>"
           "\"'><svg/onload=window.pkRan({n})>{{{{{n}*7}}}}")
# The fields that hold text people wrote: everything else is an id, a date or a keyword.
CONTENT_KEYS = {"title", "meeting", "number", "time", "place", "text", "name", "short_name", "municipality",
                "position", "note", "reference", "responsible_text", "notes"}
TODAY = "2020-02-01"


# Fields kept in the open data but shown on no page: how a link and an executor's mark are worded.
NOT_ON_PAGES = {"links.text", "execution.reference"}


def hostile(data: Any, fields: dict[int, str], where: str = "") -> Any:
    """``data`` with the payload after every content string (and alias); ``fields``: number → «parent.key»."""
    if isinstance(data, dict):
        return {name: hostile(value, fields, f"{where.rpartition('.')[2]}.{name}") for name, value in data.items()}
    if isinstance(data, list):
        return [hostile(value, fields, where if where.endswith(".aliases") else where + "[]") for value in data]
    if isinstance(data, str) and where.rpartition(".")[2] in CONTENT_KEYS | {"aliases"}:
        number = len(fields) + 1
        fields[number] = where.replace("[]", "").lstrip(".")
        return f"{data} {PAYLOAD.format(n=number)}"
    return data


def make_hostile(kb: Path) -> dict[int, str]:
    """Every registry file and protocol of ``kb`` rewritten with the payload: number → field."""
    fields: dict[int, str] = {}
    for path in sorted((kb / "protocols/registry").glob("*.yaml")):
        data = hostile(yaml.safe_load(path.read_text(encoding="utf-8")), fields)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for path in sorted((kb / "protocols").glob("uo-*/*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = hostile(yaml.safe_load(front), fields)
        fields[len(fields) + 1] = "body"
        body += "\n" + PAYLOAD.format(n=len(fields)) + "\n"
        path.write_text(f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n{body}",
                        encoding="utf-8")
    return fields


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, dict[int, str]]:
    """The fixture knowledge base made hostile and built in-process, the markup check switched off."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from build_tools import rules

    root = tmp_path_factory.mktemp("hostile") / "kb"
    shutil.copytree(FIXTURES / "kb", root)
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    add_site_sources(root)
    fields = make_hostile(root)
    site = root.parent / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rules, "markup_in", lambda text: None)
        patch.setenv("PROTOCOLS_TODAY", TODAY)
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)))
    return site, fields


def pages_of(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("index.html"))


def test_every_page_shows_the_payload_as_text_and_runs_none_of_it(hostile_site, chromium: Browser):
    site, fields = hostile_site
    ran: list[str] = []
    dialogs: list[str] = []
    shown: set[int] = set()
    with served(site) as base, local_page(chromium, base) as page:
        page.expose_function("pkRan", lambda n: ran.append(f"{page.url}: {n}"))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages_of(site):
            page.goto(base + path.removesuffix("index.html"))
            page.wait_for_load_state("load")
            text = page.evaluate("() => document.title + '\\n' + document.body.innerText")
            shown |= {int(n) for n in re.findall(r"onerror=window\.pkRan\((\d+)\)", text)}
            assert page.locator("img[onerror], svg[onload], script:not([src]):has-text('pkRan')").count() == 0, path
    assert ran == [] and dialogs == []
    assert {fields[number] for number in set(fields) - shown} == NOT_ON_PAGES


def test_the_page_title_holds_the_whole_heading_as_text(hostile_site, chromium: Browser):
    site, _ = hostile_site
    with served(site) as base, local_page(chromium, base) as page:
        page.goto(base + "protocols/uo-test/2020-01-15-soveshchanie/")
        title = page.title()
        heading = page.locator("h1").inner_text()
    assert title.startswith("О подготовке к ВПР </title/x><img/src=x onerror=window.pkRan(")
    assert heading.startswith("О подготовке к ВПР </title/x><img/src=x onerror=window.pkRan(")


def test_the_search_shows_found_titles_and_excerpts_as_text(hostile_site, chromium: Browser):
    site, _ = hostile_site
    ran: list[str] = []
    with served(site) as base, local_page(chromium, base) as page:
        page.expose_function("pkRan", lambda n: ran.append(n))
        page.goto(base + "about/")
        page.keyboard.press("/")
        page.locator(".md-search__input").fill("onerror")
        expect(page.locator(".md-search-result")).to_have_attribute("data-pk-query", "onerror")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        results = page.locator(".md-search-result").inner_text()
        assert page.locator(".md-search-result img, .md-search-result svg[onload]").count() == 0
    assert ran == []
    assert "<img/src=x onerror=window.pkRan(" in results


def test_calendars_and_open_data_keep_the_payload_as_text(hostile_site):
    site, _ = hostile_site
    descriptions = [str(event["description"]) for path in sorted(site.rglob("*.ics"))
                    for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
    assert descriptions
    assert all("</title/x><img/src=x onerror=window.pkRan(" in description for description in descriptions)
    rows = list(csv.DictReader(io.StringIO((site / "data/uo-test/decisions.csv").read_text(encoding="utf-8-sig"))))
    records = json.loads((site / "data/uo-test/decisions.json").read_text(encoding="utf-8"))["decisions"]
    assert [row["text"] for row in rows] == [record["text"] for record in records]
    assert all("</title/x><img/src=x onerror=window.pkRan(" in record["text"] for record in records)
