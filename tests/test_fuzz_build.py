"""Fuzzing the build: whatever `protocols validate` accepts builds, and no content string runs as markup.

A knowledge base of one protocol, the fixture's, with hostile texts (markup carrying a marker,
formula starters, control characters, line separators) and dates put into its fields and body.
When validation accepts it, every page of the site renders and converts to HTML with the site's
markdown extensions, the calendars and open data are written (no formula in a CSV cell or the
workbook), and the marker never appears as a tag, an attribute, an event handler or a script
address: only as escaped text. A few examples go through the whole `mkdocs build --strict`, where
titles and templates are checked as well.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import assume, given
from icalendar import Calendar
from markdown import Markdown
from mkdocs.config import load_config

from browser import add_site_sources, build_site
from build_tools.feeds import render_feeds
from build_tools.opendata import render_data
from build_tools.pipeline import load_knowledge_base
from build_tools.site.pages import SiteContext, site_pages
from build_tools.site.plan import plan_site
from build_tools.site.safety import SafeMarkupExtension
from conftest import REPO_ROOT
from fuzzing import budget, fixture_knowledge_base, hostile_protocol, markup_breakouts, time_limit
from fuzzing import schemas_compiled_once  # noqa: F401 - applies to this module's tests

PROTOCOL = "protocols/uo-test/2020-01-15-soveshchanie.md"
TODAY = date(2020, 3, 20)
SITE_URL = "https://example.org/protocols/"
FORMULA_STARTERS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: a spreadsheet reads a cell starting so as a formula


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Path:
    """The fixture knowledge base with its one protocol that links nowhere."""
    root = fixture_knowledge_base(tmp_path_factory.mktemp("fuzz-build"))
    (root / "protocols/uo-test/2020-03-02-soveshchanie.md").unlink()
    return root


@pytest.fixture(scope="module")
def markdown() -> Markdown:
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    return Markdown(extensions=[*config.markdown_extensions, SafeMarkupExtension()],
                    extension_configs=config.mdx_configs)


def accepted(kb: Path, content: str):
    (kb / PROTOCOL).write_text(content, encoding="utf-8")
    result = load_knowledge_base(kb)
    assume(not result.errors)
    return result.knowledge_base


def assert_no_formula_cells(table: bytes) -> None:
    rows = list(csv.reader(io.StringIO(table.decode("utf-8-sig"))))
    assert [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTERS)] == []


def assert_no_formulas_in_workbook(workbook: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(workbook)) as package:
        sheets = [package.read(name) for name in package.namelist() if name.startswith("xl/worksheets/")]
    assert sheets and not any(re.search(rb"<f[ >]", sheet) for sheet in sheets)


@budget(60)
@given(content=hostile_protocol())
def test_accepted_protocols_render_with_every_content_string_escaped(kb, markdown, content):
    knowledge_base = accepted(kb, content)
    context = SiteContext(knowledge_base, plan_site(knowledge_base.protocols, knowledge_base.registry, TODAY),
                          SITE_URL)
    for page in site_pages(context, context.plan.parts[0]):
        html = markdown.reset().convert(page.render())
        assert markup_breakouts(html) == [], page.url
    for path, content in render_feeds(knowledge_base, site_url=SITE_URL):
        assert Calendar.from_ical(content), path
    for path, content in render_data(knowledge_base, site_url=SITE_URL):
        if path.endswith(".csv"):
            assert_no_formula_cells(content)
        elif path.endswith(".xlsx"):
            assert_no_formulas_in_workbook(content)
        else:
            json.loads(content)


@pytest.fixture(scope="module")
def site_kb(tmp_path_factory) -> Path:
    root = fixture_knowledge_base(tmp_path_factory.mktemp("fuzz-site"))
    (root / "protocols/uo-test/2020-03-02-soveshchanie.md").unlink()
    return add_site_sources(root)


@budget(3)
@given(content=hostile_protocol())
def test_accepted_protocols_build_strict_with_every_content_string_escaped(site_kb, content):
    accepted(site_kb, content)
    site = site_kb.parent / "site"
    shutil.rmtree(site, ignore_errors=True)
    with mock.patch.dict(os.environ, {"PROTOCOLS_SEARCH_INDEX": "0"}), time_limit(300, "mkdocs build"):
        result = build_site(site, TODAY, site_kb)
    assert result.returncode == 0, result.stderr
    breakouts = {page.relative_to(site).as_posix(): found for page in sorted(site.rglob("*.html"))
                 if (found := markup_breakouts(page.read_text(encoding="utf-8")))}
    assert breakouts == {}
