"""Every page, the home summary and every calendar count the same tasks (docs/about.md, «Счёт поручений»).

The site is built as `make site` builds it (in parts: the home page from the plan, the other pages from the
knowledge base) for the knowledge base of this repository and for the benchmark's synthetic one. The figures
are read back from the built HTML (the data attributes of `fragments.counts_paragraph` and of the home
page's table) and from the .ics files, and compared:

* an entry's page («Всего …», scope ``assigned``) and the pages of its school years (``year``), summed;
* the open tasks it counts and those it lists under «сейчас» with those it names as older;
* the events of the entry's calendar and the tasks with a date that its page counts;
* an authority's «Поручения, данные органом» (``issued``), its row on the home page, and its calendar.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, fields
from pathlib import Path

import pytest
from lxml import html

from browser import add_site_sources
from build_tools import urls
from build_tools.pipeline import load_knowledge_base
from conftest import REPO_ROOT
from test_site_parts import build_in_parts

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate import generate  # noqa: E402

SYNTHETIC_N = 20
YEAR_FOLDER = re.compile(r"^\d{4}-\d{4}$")
LISTED_NOW = re.compile(r"<h3 [^>]*>[^<]* · (\d+) поручени")  # «Срок истёк · 4 поручения»
OLDER = re.compile(r"Ещё (\d+) поручени")  # «Ещё 6 поручений старше 12 месяцев»


@dataclass(frozen=True)
class Figures:
    """What a page says it counts, as its data attributes give it."""

    total: int
    dated: int
    open: int
    overdue: int

    @classmethod
    def of(cls, element) -> Figures:
        return cls(*(int(element.get(f"data-{field.name}")) for field in fields(cls)))

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, field.name) + getattr(other, field.name) for field in fields(self)))


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # the knowledge base
    site: Path

    def figures(self, page: str, scope: str, entry_id: str) -> list[Figures]:
        """The figures of ``scope`` about ``entry_id`` on a built page (site-relative folder URL)."""
        tree = html.parse(str(self.site / page / "index.html"))
        return [Figures.of(element) for element in tree.xpath(f'//*[@data-counts="{scope}"]')
                if element.get("data-entry") == entry_id]

    def one(self, page: str, scope: str, entry_id: str) -> Figures:
        found = self.figures(page, scope, entry_id)
        assert len(found) == 1, f"{page}: {scope} of {entry_id}: {found}"
        return found[0]

    def listed_now(self, page: str) -> int:
        """The open tasks the page lists under «сейчас», and those it names by number as older."""
        text = (self.site / page / "index.html").read_text(encoding="utf-8")
        return sum(int(number) for number in LISTED_NOW.findall(text) + OLDER.findall(text))

    def year_pages(self, page: str) -> list[str]:
        return sorted(f"{page}{folder.name}/" for folder in (self.site / page).iterdir()
                      if folder.is_dir() and YEAR_FOLDER.match(folder.name))

    def events(self, feed: str) -> int:
        return (self.site / feed).read_bytes().count(b"\r\nBEGIN:VEVENT\r\n")


def build(root: Path, tmp_path_factory) -> BuiltSite:
    work = tmp_path_factory.mktemp("counts")
    result = build_in_parts(root, work / "site", work / "work", part_size=2)
    assert result.returncode == 0, result.stderr
    return BuiltSite(root, work / "site")


@pytest.fixture(scope="module", params=["knowledge-base", "synthetic"])
def built(request, tmp_path_factory) -> BuiltSite:
    if request.param == "knowledge-base":
        return build(REPO_ROOT, tmp_path_factory)
    root = tmp_path_factory.mktemp("synthetic") / "kb"
    generate(SYNTHETIC_N, root)
    return build(add_site_sources(root), tmp_path_factory)


def entries(built: BuiltSite) -> list[tuple[str, str, str]]:
    """(id, page, calendar) of every organization, group and person."""
    registry = load_knowledge_base(built.root).knowledge_base.registry
    return ([(org_id, urls.organization_page(org_id), urls.feed("org", org_id)) for org_id in registry.organizations]
            + [(group_id, urls.group_page(group_id), urls.feed("group", group_id)) for group_id in registry.groups]
            + [(person_id, urls.person_page(person_id), urls.feed("person", person_id))
               for person_id in registry.people])


def authorities(built: BuiltSite) -> list[str]:
    registry = load_knowledge_base(built.root).knowledge_base.registry
    return [org.id for org in registry.organizations.values() if org.is_authority]


def test_an_entrys_page_counts_what_its_school_years_count_and_its_calendar_holds(built):
    checked = 0
    for entry_id, page, feed in entries(built):
        now = built.one(page, "assigned", entry_id)
        years = [built.one(year, "year", entry_id) for year in built.year_pages(page)]
        assert sum(years, Figures(0, 0, 0, 0)) == now, entry_id
        assert built.events(feed) == now.dated, entry_id
        assert built.listed_now(page) == now.open, entry_id
        checked += bool(now.total)
    assert checked > 0  # some entry has tasks: the comparison is not of zeros only


def test_an_authority_counts_what_it_gave_alike_on_its_page_the_home_page_and_its_calendar(built):
    for authority_id in authorities(built):
        page = built.one(urls.organization_page(authority_id), "issued", authority_id)
        assert built.one("", "issued", authority_id) == page, authority_id
        assert built.events(urls.feed("authority", authority_id)) == page.dated, authority_id
    assert sum((built.one("", "issued", authority_id) for authority_id in authorities(built)),
               Figures(0, 0, 0, 0)).total > 0


def test_an_authoritys_two_lists_are_named_apart(built):
    for authority_id in authorities(built):
        text = (built.site / urls.organization_page(authority_id) / "index.html").read_text(encoding="utf-8")
        assert text.count(">Поручения, данные органом<") == 1 and text.count(">Поручения органу<") == 1, authority_id
