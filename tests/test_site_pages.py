"""The generated pages as a reader expects them: statuses, sections, links, the chart."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from build_tools import urls
from build_tools.deadlines import Deadline
from build_tools.model import Decision, Protocol, SchoolYear, State, Status, Task, Timing
from build_tools.pipeline import load_knowledge_base
from build_tools.russian import STATE_WORDS
from build_tools.site import svg
from build_tools.site.fragments import ORGANIZATION_KINDS, OVERDUE_ADVICE, status_cell
from build_tools.site.lookup import Lookup
from build_tools.site.markup import relative_url
from build_tools.site.pages import SiteContext, site_pages
from build_tools.site.pages.hub import home_summary
from build_tools.site.plan import plan_site

REPO_ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2021, 1, 15)
SITE_URL = "https://example.org/protocols/"
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def knowledge_base():
    return load_knowledge_base(REPO_ROOT).knowledge_base


def context_of(knowledge_base, today=TODAY) -> SiteContext:
    return SiteContext(knowledge_base, plan_site(knowledge_base.protocols, knowledge_base.registry, today), SITE_URL)


@pytest.fixture(scope="module")
def context(knowledge_base):
    return context_of(knowledge_base)


@pytest.fixture(scope="module")
def pages(context):
    return {page.url: page for page in site_pages(context, context.plan.parts[0])}


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
def test_status_is_the_official_one_with_advice_beside_it(knowledge_base, task, shown):
    assert status_cell(task, TODAY, "org/x/", knowledge_base) == shown


def test_every_kind_of_organization_and_state_has_a_russian_name():
    organization_kinds = schema("registry.schema.json")["$defs"]["organization"]["properties"]["kind"]["enum"]
    states = schema("protocol.schema.json")["$defs"]["status"]["properties"]["state"]["enum"]
    assert sorted(ORGANIZATION_KINDS) == sorted(organization_kinds)
    assert sorted(STATE_WORDS) == sorted(state.value for state in State)  # «снято с контроля»: only by a link
    assert set(STATE_WORDS) > set(states)


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
    assert "### Постоянно, по графику или без даты · 4 поручения {#undated}" in markdown
    assert markdown.count("через группу руководители ОО") == 4


def test_organization_sections_follow_the_build_day(pages):
    markdown = pages["org/mku-cro-unnamed-1/"].markdown
    sections = re.findall(r"^### (.+) \{#(\w+)\}$", markdown, re.MULTILINE)
    assert sections == [("Срок позже · 2 поручения", Timing.LATER.value)]  # of 9 September 2020
    assert "Ещё 6 поручений старше 12 месяцев" in markdown  # of 22 November 2019, overdue since


def task_on(day: date, due: date | None, state: State = State.OPEN) -> Task:
    protocol = Protocol("uo/x", "protocols/uo/x.md", "протокол", "Т", "uo", day, ())
    deadline = Deadline("до …", "by", due=due) if due else Deadline("постоянно", "ongoing")
    return Task(protocol, Decision("1", "Сделать.", deadline=deadline, status=Status(state)))


@pytest.mark.parametrize(("meeting", "due", "state", "current"), [
    (date(2020, 6, 1), date(2020, 7, 1), State.OPEN, True),  # set within twelve months, overdue
    (TODAY - timedelta(days=364), None, State.OPEN, True),  # set less than a year ago, no date
    (TODAY - timedelta(days=365), None, State.OPEN, False),  # a year old, no date
    (date(2019, 5, 1), date(2019, 6, 1), State.OPEN, False),  # overdue for over a year, nobody marked it
    (date(2019, 5, 1), date(2021, 1, 15), State.OPEN, True),  # old, but due today
    (date(2020, 12, 1), date(2021, 2, 1), State.DONE, False),  # done: history only
    (date(2020, 12, 1), date(2021, 2, 1), State.CANCELLED, False),
])
def test_the_work_of_today_is_what_is_open_and_recent_or_due_ahead(meeting, due, state, current):
    assert task_on(meeting, due, state).is_current(TODAY) is current


@pytest.mark.parametrize(("day", "start"), [
    (date(2021, 8, 31), 2020), (date(2021, 9, 1), 2021), (date(2022, 1, 1), 2021), (date(2021, 1, 15), 2020),
])
def test_a_school_year_runs_from_the_first_of_september(day, start):
    assert SchoolYear.of(day) == SchoolYear(start)


def test_an_organization_page_lists_today_and_links_every_school_year(knowledge_base, context, pages):
    later = context_of(knowledge_base, date(2023, 3, 1))
    markdown = {page.url: page for page in site_pages(later, later.plan.parts[0])}["org/mku-cro-unnamed-1/"].markdown
    assert "Открытых поручений сейчас нет." in markdown
    assert "Ещё 8 поручений старше 12 месяцев: срок истёк или не указан" in markdown
    assert '<a href="2020-2021/">2020/21</a> · <a href="2019-2020/">2019/20</a>' in markdown


def test_a_school_year_page_lists_every_task_of_its_meetings(knowledge_base, context, pages):
    markdown = pages["org/mku-cro-unnamed-1/2019-2020/"].markdown
    cro = context.lookup.tasks_of_organization("mku-cro-unnamed-1")
    of_year = [task for task in cro if task.school_year == SchoolYear(2019)]
    assert 0 < len(of_year) < len(cro)
    assert markdown.count("<time datetime=") == len(of_year)
    assert "**2019/20** · " in markdown or " · **2019/20**" in markdown


def test_a_school_year_page_counts_group_tasks_and_links_the_group_year(pages):
    markdown = pages["org/mbou-sosh-12-izhevsk/2021-2022/"].markdown
    assert "Поручений организации по имени нет." in markdown
    counted = "4 поручения: открыто 4, из них срок истёк у 0; выполнено, отменено или снято с контроля — 0."
    assert f'<a href="../../../group/izhevsk-heads-oo-vpr-2021/2021-2022/">Руководители ОО</a>: {counted}' in markdown
    assert counted in pages["group/izhevsk-heads-oo-vpr-2021/2021-2022/"].markdown


def test_an_authority_page_links_its_protocols_deadlines_and_data(pages):
    unnamed = pages["org/uo-unnamed-1/"].markdown
    assert "Всего 2 протокола. " in unnamed
    assert '<a href="../../protocols/uo-unnamed-1/">Все протоколы по годам и темам</a>' in unnamed
    assert '<a href="../../deadlines/uo-unnamed-1/">' in unnamed
    assert ('Все решения органа одним файлом: <a href="../../data/uo-unnamed-1/decisions.xlsx">Таблица Excel</a>, '
            '<a href="../../data/uo-unnamed-1/decisions.json">JSON</a>, '
            '<a href="../../data/uo-unnamed-1/decisions.csv">CSV</a>') in unnamed
    izhevsk = pages["org/uo-izhevsk/"].markdown.split("## Организации органа {#organizations}")[1]
    assert '**Организации:** <a href="../maou-sosh-46-izhevsk/">МАОУ «СОШ №46»</a>, ' in izhevsk
    assert '**Группы:** <a href="../../group/izhevsk-heads-oo-vpr-2021/">Руководители ОО</a>' in izhevsk
    assert '<a href="../../people/gvozdkova-ng/">Гвоздкова Н. Г.</a>' in izhevsk


def test_an_authority_lists_its_protocols_by_year_and_by_topic(knowledge_base, pages):
    markdown = pages["protocols/uo-unnamed-1/"].markdown
    assert re.findall(r"^## (\d{4}) \{#y-\d{4}\}$", markdown, re.MULTILINE) == ["2020", "2019"]
    protocol = next(protocol for protocol in knowledge_base.protocols if protocol.authority == "uo-unnamed-1")
    for tag in protocol.tags:
        anchor = urls.topic("uo-unnamed-1", tag).partition("#")[2]
        assert f"{{#{anchor}}}" in markdown
        assert f'href="../#{anchor}"' in pages[urls.protocol_page(protocol)].markdown


@pytest.mark.parametrize(("url", "feed"), [
    ("org/mku-cro-unnamed-1/", "calendars/org/mku-cro-unnamed-1.ics"),
    ("org/uo-nazarovo/", "calendars/authority/uo-nazarovo.ics"),
    ("group/nazarovo-heads-oo/", "calendars/group/nazarovo-heads-oo.ics"),
    ("people/ozhegova-aa/", "calendars/person/ozhegova-aa.ics"),
    ("deadlines/uo-nazarovo/", "calendars/authority/uo-nazarovo.ics"),
])
def test_pages_with_deadlines_offer_their_calendar(pages, url, feed):
    markdown = pages[url].markdown
    assert f'href="webcal://example.org/protocols/{feed}"' in markdown
    assert f"\n{SITE_URL}{feed}\n" in markdown
    assert f'href="{relative_url(feed, url)}" download' in markdown
    for calendar in ("Google", "Outlook", "Яндекс", "Apple"):
        assert f"**{calendar}" in markdown


def test_an_authoritys_deadlines_are_a_page_per_school_year_of_their_dates(knowledge_base, pages):
    authority = "uo-unnamed-1"
    dated = [task for task in knowledge_base.tasks if task.decision.due and task.protocol.authority == authority]
    years = sorted({SchoolYear.of(task.decision.due) for task in dated})
    listed = 0
    for year in years:
        markdown = pages[urls.authority_deadlines(authority, year)].markdown
        of_year = [task for task in dated if SchoolYear.of(task.decision.due) == year]
        months = re.findall(r"^## .+ \{#m-(\d{4}-\d{2})\}$", markdown, re.MULTILINE)
        assert months == sorted({f"{task.decision.due:%Y-%m}" for task in of_year})
        listed += markdown.count("<time datetime=")
    assert listed == len(dated)
    overview = pages[urls.authority_deadlines(authority)].markdown
    assert all(f'<a href="{year.start}-{year.start + 1}/">' in overview for year in years)


def test_the_home_page_counts_what_is_overdue(knowledge_base, context):
    overdue = [task for task in knowledge_base.tasks if task.decision.timing(TODAY) is Timing.OVERDUE]
    assert f"Открытых поручений с истёкшим сроком: {len(overdue)}." in home_summary(context)


def test_hub_pages_count_per_authority_and_list_no_task(knowledge_base, pages):
    for url in ("deadlines/", "protocols/", "org/", "people/", "tags/"):
        assert "<time datetime=" not in pages[url].markdown, url
    assert '<a href="uo-nazarovo/">Управление образования администрации г. Назарово</a> | 1 |' in pages["protocols/"].markdown


class TestLoadChart:
    LOADS = [
        svg.MonthLoad(date(2020, 11, 1), closed=1, overdue=2),
        svg.MonthLoad(date(2021, 2, 1), upcoming=4),
    ]

    def test_every_month_between_the_first_and_the_last_is_drawn(self):
        chart = svg.load_chart(self.LOADS, TODAY)
        assert re.findall(r'<a href="#m-(\d{4}-\d{2})">', chart) == ["2020-11", "2021-02"]

    def test_a_bar_may_link_to_its_month_on_another_page(self):
        chart = svg.load_chart(self.LOADS, TODAY, lambda month: f"{month.year}/#{svg.month_anchor(month)}")
        assert re.findall(r'<a href="([^"]+)">', chart) == ["2020/#m-2020-11", "2021/#m-2021-02"]
        bars = [int(x) for x in re.findall(r'<rect class="[\w-]+" x="(\d+)"', chart)]
        assert bars[:2] == [svg.LEFT, svg.LEFT] and bars[2] == svg.LEFT + 3 * svg.STEP

    def test_bars_are_stacked_to_scale(self):
        chart = svg.load_chart(self.LOADS, TODAY)
        heights = {css: int(height) for css, height in re.findall(r'<rect class="([\w-]+)"[^>]* height="(\d+)"', chart)}
        assert heights == {"pk-bar-closed": svg.PLOT // 4, "pk-bar-overdue": svg.PLOT // 2, "pk-bar-upcoming": svg.PLOT}

    def test_every_month_is_labelled_with_its_year_under_january_and_the_first_month(self):
        chart = svg.load_chart(self.LOADS, TODAY)
        months = re.findall(r'<text class="pk-tick" x="\d+" y="\d+" text-anchor="middle">(\w+)</text>', chart)
        assert months == ["нояб", "дек", "янв", "февр"]
        assert re.findall(r'<text class="pk-year"[^>]*>(\d+)</text>', chart) == ["2020", "2021"]

    def test_each_bar_shows_its_total_and_the_axis_has_round_steps(self):
        chart = svg.load_chart(self.LOADS, TODAY)
        assert re.findall(r'<text class="pk-total"[^>]*>(\d+)</text>', chart) == ["3", "4"]
        assert re.findall(r'text-anchor="end">(\d+)</text>', chart) == ["0", "1", "2", "3", "4"]

    @pytest.mark.parametrize(("tallest", "values"), [
        (1, [0, 1]), (4, [0, 1, 2, 3, 4]), (5, [0, 2, 4, 6]), (12, [0, 5, 10, 15]), (20, [0, 5, 10, 15, 20]),
        (123, [0, 50, 100, 150]), (999, [0, 500, 1000]),
    ])
    def test_the_grid_is_round_and_reaches_the_tallest_bar(self, tallest, values):
        assert svg.grid(tallest) == values

    def test_each_bar_tells_its_month_in_words(self):
        chart = svg.load_chart(self.LOADS, TODAY)
        assert "<title>Ноябрь 2020: 3 задачи (выполнено или отменено: 1; срок истёк, отметки нет: 2)</title>" in chart

    @pytest.mark.parametrize(("today", "marked"), [(TODAY, True), (date(2021, 3, 1), False), (date(2020, 1, 1), False)])
    def test_the_build_day_is_marked_when_it_falls_on_the_chart(self, today, marked):
        assert ('class="pk-today"' in svg.load_chart(self.LOADS, today)) is marked

    def test_nothing_is_loaded_from_outside(self):
        chart = svg.load_chart(self.LOADS, TODAY)
        assert re.findall(r"https?://[^\"]+", chart) == ["http://www.w3.org/2000/svg"]


def test_the_chart_reaches_the_last_month_a_date_can_have():
    chart = svg.load_chart([svg.MonthLoad(date(9999, 11, 1), closed=1), svg.MonthLoad(date(9999, 12, 1), upcoming=1)],
                           TODAY)
    assert re.findall(r'<a href="#m-(\d{4}-\d{2})">', chart) == ["9999-11", "9999-12"]
