"""Golden files: the generated markdown of a page of each kind.

The pages come from the real knowledge base with a fixed today, and those about
links between decisions and executors' marks from the test knowledge base. After a
deliberate change of the pages, regenerate the files and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_site_golden.py
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from build_tools.pipeline import load_knowledge_base
from build_tools.site.pages import SiteContext, site_pages
from build_tools.site.plan import plan_site

REPO_ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = date(2020, 11, 10)  # the organization has tasks overdue, due soon and later; the person one overdue
SITE_URL = "https://example.org/protocols/"

CASES = [
    ("protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo/", "protocol.md"),
    ("org/mku-cro-unnamed-1/", "organization.md"),
    ("people/butakova-ev/", "person.md"),
    ("org/mku-cro-unnamed-1/2019-2020/", "organization-school-year.md"),
    ("deadlines/uo-unnamed-1/2019-2020/", "deadlines-school-year.md"),
    ("tags/", "topics.md"),
    ("reports/uo-unnamed-1/2019-2020/", "report.md"),
]
# The test knowledge base (tests/fixtures/kb), whose decisions link to each other and carry executors' marks.
ACCOUNTABILITY_TODAY = date(2020, 3, 20)
ACCOUNTABILITY_CASES = [
    ("protocols/uo-test/2020-01-15-soveshchanie/", "protocol-extended.md"),
    ("protocols/uo-test/2020-03-02-soveshchanie/", "protocol-links.md"),
    ("group/test-heads-oo/2019-2020/", "group-school-year.md"),
    ("org/school-2/", "organization-marks.md"),
]


def pages_of(root: Path, today: date) -> dict[str, str]:
    kb = load_knowledge_base(root).knowledge_base
    context = SiteContext(kb, plan_site(kb.protocols, kb.registry, today), SITE_URL)
    return {page.url: page.markdown for page in site_pages(context, context.plan.parts[0])}


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return pages_of(REPO_ROOT, TODAY)


@pytest.fixture(scope="module")
def accountability(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("golden") / "kb"
    shutil.copytree(FIXTURES / "kb", root)
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    return pages_of(root, ACCOUNTABILITY_TODAY)


def check(markdown: str, golden: str) -> None:
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(markdown, encoding="utf-8")
    assert markdown == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("url", "golden"), CASES)
def test_generated_page_matches_its_golden_file(generated, url, golden):
    check(generated[url], golden)


@pytest.mark.parametrize(("url", "golden"), ACCOUNTABILITY_CASES)
def test_accountability_page_matches_its_golden_file(accountability, url, golden):
    check(accountability[url], golden)
