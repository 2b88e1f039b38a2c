"""The generated pages as a reader expects them: statuses, sections, links, the chart."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from build_tools import urls
from build_tools.model import Decision, State, Status, Timing
from build_tools.deadlines import Deadline
from build_tools.pipeline import load_knowledge_base
from build_tools.site import svg
from build_tools.site.fragments import ORGANIZATION_KINDS, OVERDUE_ADVICE, STATE_LABELS, status_cell
from build_tools.site.lookup import Lookup
from build_tools.site.markup import relative_url
from build_tools.site.pages import DEADLINES_PAGE, home_summary, site_pages

REPO_ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2021, 1, 15)
SITE_URL = "https://example.org/protocols/"
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def knowledge_base():
    return load_knowledge_base(REPO_ROOT).knowledge_base


@pytest.fixture(scope="module")
def pages(knowledge_base):
    return {page.url: page for page in site_pages(knowledge_base, today=TODAY, site_url=SITE_URL)}


def schema(name: str) -> dict:
    return json.loads((REPO_ROOT / "schema" / name).read_text(encoding="utf-8"))


def decision(due: date | None, state: State = State.OPEN, done: date | None = None) -> Decision:
    deadline = Deadline(f"до {due}", "by", due=due) if due else Deadline("постоянно", "ongoing")
    return Decision("1", "Сделать.", assignees=("school-1",), deadline=deadline, status=Status(state, done))


@pytest.mark.parametrize(("task", "shown"), [
    (decision(date(2021, 1, 14)), f"открыто<br><span class=\"pk-advice\">{OVERDUE_ADVICE}</span>"),
    (decision(date(2021, 1, 15)), "открыто"),
    (decision(date(2021, 2, 1)), "открыто"),
    (decision(None), "открыто"),
    (decision(date(2021, 1, 14), State.DONE, date(2021, 1, 10)), f"выполнено 10 января 2021{NNBSP}г."),
    (decision(date(2021, 1, 14), State.CANCELLED, date(2021, 1, 12)), f"отменено 12 января 2021{NNBSP}г."),
])
def test_status_is_the_official_one_with_advice_beside_it(task, shown):
    assert status_cell(task, TODAY) == shown


def test_every_kind_of_organization_and_state_has_a_russian_name():
    organization_kinds = schema("registry.schema.json")["$defs"]["organization"]["properties"]["kind"]["enum"]
    states = schema("protocol.schema.json")["$defs"]["status"]["properties"]["state"]["enum"]
    assert sorted(ORGANIZATION_KINDS) == sorted(organization_kinds)
    assert sorted(state.value for state in STATE_LABELS) == sorted(states)


def test_every_protocol_and_registry_entry_has_its_page(knowledge_base, pages):
    registry = knowledge_base.registry
    expected = {urls.protocol_page(protocol) for protocol in knowledge_base.protocols}
    expected |= {urls.organization_page(entry) for entry in registry.organizations}
    expected |= {urls.group_page(entry) for entry in registry.groups}
    expected |= {urls.person_page(entry) for entry in registry.people}
    assert expected <= set(pages)
    assert all(pages[urls.protocol_page(protocol)].source == protocol.path for protocol in knowledge_base.protocols)


def test_the_lookup_agrees_with_the_model(knowledge_base):
    lookup = Lookup(knowledge_base)
    registry = knowledge_base.registry
    for org in registry.organizations:
        assert lookup.tasks_of_organization(org) == knowledge_base.tasks_of_organization(org), org
        assert lookup.protocols_of_authority(org) == knowledge_base.protocols_of_authority(org), org
    for group in registry.groups:
        assert lookup.tasks_of_group(group) == knowledge_base.tasks_of_group(group), group
    for person in registry.people:
        assert lookup.tasks_of_person(person) == knowledge_base.tasks_of_person(person), person
    for entry in [*registry.organizations, *registry.groups, *registry.people]:
        assert lookup.protocols_mentioning(entry) == knowledge_base.protocols_mentioning(entry), entry


def test_every_decision_has_its_anchor_on_its_protocol_page(knowledge_base, pages):
    for protocol in knowledge_base.protocols:
        markdown = pages[urls.protocol_page(protocol)].markdown
        for item in protocol.decisions:
            assert f"[{item.id}](#{item.anchor}){{#{item.anchor}}}" in markdown


def test_an_organization_gets_the_tasks_of_its_groups_and_says_so(pages):
    markdown = pages["org/mbou-sosh-12-izhevsk/"].markdown
    assert "### Постоянно, по графику или без даты · 4 задачи {#undated}" in markdown
    assert markdown.count("<br>через группу [") == 4


def test_organization_sections_follow_the_build_day(knowledge_base, pages):
    markdown = pages["org/mku-cro-unnamed-1/"].markdown
    sections = re.findall(r"^### (.+) \{#(\w+)\}$", markdown, re.MULTILINE)
    assert sections == [("Срок истёк · 6 задач", Timing.OVERDUE.value), ("Срок позже · 2 задачи", Timing.LATER.value)]


def test_an_authority_page_lists_its_protocols_by_year_and_its_organizations(pages):
    unnamed = pages["org/uo-unnamed-1/"].markdown
    assert re.findall(r"^### (\d{4}) \{#y-\d{4}\}$", unnamed, re.MULTILINE) == ["2020", "2019"]
    izhevsk = pages["org/uo-izhevsk/"].markdown.split("## Организации органа {#organizations}")[1]
    assert "**Организации:** [МАОУ «СОШ №46»](maou-sosh-46-izhevsk.md), " in izhevsk
    assert "**Группы:** [Руководители ОО](../group/izhevsk-heads-oo-vpr-2021.md)" in izhevsk
    assert "[Гвоздкова Н. Г.](../people/gvozdkova-ng.md)" in izhevsk


@pytest.mark.parametrize(("url", "feed"), [
    ("org/mku-cro-unnamed-1/", "calendars/org/mku-cro-unnamed-1.ics"),
    ("org/uo-nazarovo/", "calendars/authority/uo-nazarovo.ics"),
    ("group/nazarovo-heads-oo/", "calendars/group/nazarovo-heads-oo.ics"),
    ("people/ozhegova-aa/", "calendars/person/ozhegova-aa.ics"),
    (DEADLINES_PAGE, "calendars/all.ics"),
])
def test_pages_with_deadlines_offer_their_calendar(pages, url, feed):
    markdown = pages[url].markdown
    assert f'href="webcal://example.org/protocols/{feed}"' in markdown
    assert f"\n{SITE_URL}{feed}\n" in markdown
    assert f'href="{relative_url(feed, url)}" download' in markdown
    for calendar in ("Google", "Outlook", "Яндекс", "Apple"):
        assert f"**{calendar}" in markdown


def test_the_deadlines_page_lists_every_dated_task_under_its_month(knowledge_base, pages):
    markdown = pages[DEADLINES_PAGE].markdown
    dated = [task for task in knowledge_base.tasks if task.decision.due]
    months = re.findall(r"^## .+ \{#m-(\d{4}-\d{2})\}$", markdown, re.MULTILINE)
    assert months == sorted({f"{task.decision.due:%Y-%m}" for task in dated})
    assert markdown.count("<time datetime=") == len(dated)


def test_the_home_page_counts_what_is_overdue(knowledge_base):
    overdue = [task for task in knowledge_base.tasks if task.decision.timing(TODAY) is Timing.OVERDUE]
    assert f"Открытых поручений с истёкшим сроком: {len(overdue)}." in home_summary(knowledge_base, TODAY)


def test_protocol_and_decision_tags_become_the_page_tags(knowledge_base, pages):
    protocol = next(protocol for protocol in knowledge_base.protocols if protocol.authority == "uo-nazarovo")
    front_matter = pages[urls.protocol_page(protocol)].markdown.split("---")[1]
    assert '  - "ВПР"' in front_matter and '  - "работа с родителями"' in front_matter  # the second: a decision's


class TestLoadChart:
    LOADS = [
        svg.MonthLoad(date(2020, 11, 1), closed=1, overdue=2),
        svg.MonthLoad(date(2021, 2, 1), upcoming=4),
    ]

    def test_every_month_between_the_first_and_the_last_is_drawn(self):
        chart = svg.load_chart(self.LOADS, TODAY)
        assert re.findall(r'<a href="#m-(\d{4}-\d{2})">', chart) == ["2020-11", "2021-02"]
        bars = [int(x) for x in re.findall(r'<rect class="[\w-]+" x="(\d+)"', chart)]
        assert bars[:2] == [svg.LEFT, svg.LEFT] and bars[2] == svg.LEFT + 3 * svg.STEP

    def test_bars_are_stacked_to_scale(self):
        chart = svg.load_chart(self.LOADS, TODAY)
        heights = {css: int(height) for css, height in re.findall(r'<rect class="([\w-]+)"[^>]* height="(\d+)"', chart)}
        assert heights == {"pk-bar-closed": svg.PLOT // 4, "pk-bar-overdue": svg.PLOT // 2, "pk-bar-upcoming": svg.PLOT}

    def test_each_bar_tells_its_month_in_words(self):
        chart = svg.load_chart(self.LOADS, TODAY)
        assert "<title>Ноябрь 2020: 3 задачи (выполнено или отменено: 1; срок истёк, отметки нет: 2)</title>" in chart

    @pytest.mark.parametrize(("today", "marked"), [(TODAY, True), (date(2021, 3, 1), False), (date(2020, 1, 1), False)])
    def test_the_build_day_is_marked_when_it_falls_on_the_chart(self, today, marked):
        assert ('class="pk-today"' in svg.load_chart(self.LOADS, today)) is marked

    def test_nothing_is_loaded_from_outside(self):
        chart = svg.load_chart(self.LOADS, TODAY)
        assert re.findall(r"https?://[^\"]+", chart) == ["http://www.w3.org/2000/svg"]
