"""Golden files: the generated markdown of a page of each kind.

The pages come from the real knowledge base with a fixed today. After a
deliberate change of the pages, regenerate the files and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_site_golden.py
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from build_tools.pipeline import load_knowledge_base
from build_tools.site.pages import SiteContext, site_pages
from build_tools.site.plan import plan_site

REPO_ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = date(2020, 11, 10)  # the organization has tasks overdue, due soon and later; the person one overdue
SITE_URL = "https://example.org/protocols/"

CASES = [
    ("protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo/", "protocol.md"),
    ("org/mku-cro-unnamed-1/", "organization.md"),
    ("people/butakova-ev/", "person.md"),
    ("org/mku-cro-unnamed-1/2019-2020/", "organization-school-year.md"),
    ("deadlines/uo-unnamed-1/2019-2020/", "deadlines-school-year.md"),
    ("tags/", "topics.md"),
]


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    kb = load_knowledge_base(REPO_ROOT).knowledge_base
    context = SiteContext(kb, plan_site(kb.protocols, kb.registry, TODAY), SITE_URL)
    return {page.url: page.markdown for page in site_pages(context, context.plan.parts[0])}


@pytest.mark.parametrize(("url", "golden"), CASES)
def test_generated_page_matches_its_golden_file(generated, url, golden):
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(generated[url], encoding="utf-8")
    assert generated[url] == path.read_text(encoding="utf-8")
