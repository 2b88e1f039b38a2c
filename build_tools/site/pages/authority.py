"""An authority's own pages: its protocol list by year and topic, its deadlines by school year,
and the sections its organization page adds (protocols, deadlines, data, its organizations).

Each grows with one authority's history, never with the whole knowledge base:
the deadlines of an authority are a page per school year of their dates under
an overview with the chart of every month.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from itertools import groupby

from ... import urls
from ...counts import TaskCounts
from ...model import Organization, SchoolYear, Task, Timing
from ...russian import PROTOCOLS, TASKS, count, long_date, month_title, school_year_label, school_year_name
from .. import svg
from ..fragments import counts_paragraph, data_links, entry_list, entry_url, protocol_list, subscribe_block, task_table
from ..markup import bullets, link, page as join_page, table, text
from . import report
from .context import SiteContext, SitePage

LATEST_ON_AUTHORITY_PAGE = 5


def pages(authority_id: str, context: SiteContext) -> list[SitePage]:
    authority = context.registry.organizations[authority_id]
    name = text(authority.name)
    result = [
        SitePage(urls.authority_protocols(authority_id), f"Протоколы: {name}",
                 partial(protocols_page, authority, context), searchable=False),
        SitePage(urls.authority_deadlines(authority_id), f"Сроки: {name}", partial(deadlines_page, authority, context),
                 searchable=False),
    ]
    result += [SitePage(urls.authority_deadlines(authority_id, year), f"Сроки: {name}: {school_year_label(year.start)}",
                        partial(deadlines_year_page, authority, year, context), searchable=False)
               for year in _dated_by_year(authority, context)]
    return result + report.pages(authority, context)


def issued_section(authority: Organization, context: SiteContext, here: str) -> list[str]:
    """The tasks the authority's protocols give, to whomever: counted, with where to read them by deadline,
    the справки to print, and their calendar. Its own tasks are those of an organization («Поручения органу»)."""
    tasks = context.lookup.tasks_issued(authority.id)
    parts = ["## Поручения, данные органом {#issued}",
             counts_paragraph(TaskCounts.of(tasks, context.today), "issued", authority.id, "В протоколах органа")]
    reports = [link(school_year_name(year.start), urls.authority_report(authority.id, year), here)
               for year in report.school_years(authority, context)]
    if tasks:
        parts.append(bullets([
            link("Сроки этих поручений по месяцам и учебным годам", urls.authority_deadlines(authority.id), here),
            *([f"Справка об исполнении поручений (для печати) по учебным годам: {' · '.join(reports)}"] if reports else []),
        ]))
    return parts + [subscribe_block(urls.feed("authority", authority.id), here, context.site_url,
                                    "Календарь: поручения, данные органом", "calendar-issued")]


def authority_sections(authority: Organization, context: SiteContext, here: str) -> list[str]:
    """What an authority's page adds to an organization's: its protocols, data, organizations."""
    registry = context.registry
    own = context.lookup.protocols_of_authority(authority.id)
    parts = ["## Протоколы органа {#protocols}"]
    if own:
        parts += [f"Всего {count(len(own), PROTOCOLS)}. "
                  f"{link('Все протоколы по годам и темам', urls.authority_protocols(authority.id), here)}; "
                  f"последние:", protocol_list(own[:LATEST_ON_AUTHORITY_PAGE], here)]
    else:
        parts.append("Протоколов пока нет.")
    parts += ["## Открытые данные {#data}", "Все решения органа одним файлом: "
              + data_links(authority.id, here)]
    elsewhere = [protocol for protocol in context.lookup.protocols_mentioning(authority.id)
                 if protocol.authority != authority.id]
    if elsewhere:
        parts += ["## Упоминается в протоколах других органов {#mentions}", protocol_list(elsewhere, here)]
    members = [
        ("Организации", [org for org in registry.organizations.values() if org.parent == authority.id]),
        ("Группы", [group for group in registry.groups.values() if group.authority == authority.id]),
        ("Люди", [person for person in registry.people.values()
                  if person.organization and registry.authority_of(person.organization) == authority.id]),
    ]
    parts.append("## Организации органа {#organizations}")
    parts += [f"**{title}:** {entry_list(entries, here)}" for title, entries in members if entries]
    return parts


# --- protocols --------------------------------------------------------------------------------


def protocols_page(authority: Organization, context: SiteContext) -> str:
    here = urls.authority_protocols(authority.id)
    own = context.lookup.protocols_of_authority(authority.id)
    parts = [f"# Протоколы: {text(authority.name)}",
             f"{count(len(own), PROTOCOLS)} органа {link(text(authority.name), entry_url(authority), here)}, "
             "по годам, новые сверху; ниже — по темам."]
    for year, protocols in groupby(own, key=lambda protocol: protocol.date.year):
        parts += [f"## {year} {{#y-{year}}}", protocol_list(protocols, here)]
    by_topic: dict[str, list] = defaultdict(list)
    for protocol in own:
        for tag in dict.fromkeys([*protocol.tags, *(tag for decision in protocol.decisions for tag in decision.tags)]):
            by_topic[tag].append(protocol)
    if by_topic:
        parts.append("## Темы {#topics}")
        for tag in sorted(by_topic, key=str.casefold):
            anchor = urls.topic(authority.id, tag).partition("#")[2]
            dates = ", ".join(link(long_date(protocol.date), urls.protocol_page(protocol), here)
                              for protocol in by_topic[tag])
            parts.append(f"**{text(tag)}**{{#{anchor}}} ({len(by_topic[tag])}): {dates}")
    return join_page(parts)


# --- deadlines --------------------------------------------------------------------------------


def deadlines_page(authority: Organization, context: SiteContext) -> str:
    """The overview: the chart of every month, and the school years with their counts."""
    here = urls.authority_deadlines(authority.id)
    today = context.today
    by_year = _dated_by_year(authority, context)
    parts = [f"# Сроки: {text(authority.name)}",
             f"Поручения со сроком из протоколов органа по учебным годам их срока. Состояние на {long_date(today)}; "
             "сроки без даты («постоянно», «по графику») — на страницах организаций и протоколов."]
    dated = sorted((task for tasks in by_year.values() for task in tasks), key=lambda task: task.decision.due)
    if dated:
        months = [svg.MonthLoad.of(month, list(tasks), today)
                  for month, tasks in groupby(dated, key=lambda task: task.decision.due.replace(day=1))]
        parts.append(svg.load_chart(months, today, lambda month: urls.school_year(SchoolYear.of(month))
                                    + "#" + svg.month_anchor(month)))
        rows = []
        for year, tasks in sorted(by_year.items(), reverse=True):
            timings = [task.decision.timing(today) for task in tasks]
            rows.append([link(school_year_name(year.start), urls.authority_deadlines(authority.id, year), here),
                         str(len(tasks)), str(timings.count(Timing.CLOSED)), str(timings.count(Timing.OVERDUE)),
                         str(len(tasks) - timings.count(Timing.CLOSED) - timings.count(Timing.OVERDUE))])
        parts += ["## По учебным годам {#years}",
                  table(["Учебный год", "Поручений", "Выполнено или отменено", "Срок истёк", "Срок впереди"], rows)]
    else:
        parts.append("Поручений со сроком нет.")
    parts.append(subscribe_block(urls.feed("authority", authority.id), here, context.site_url))
    return join_page(parts)


def deadlines_year_page(authority: Organization, year: SchoolYear, context: SiteContext) -> str:
    here = urls.authority_deadlines(authority.id, year)
    today = context.today
    dated = sorted(_dated_by_year(authority, context)[year], key=lambda task: task.decision.due)
    months = [(month, list(tasks)) for month, tasks in groupby(dated, key=lambda task: task.decision.due.replace(day=1))]
    parts = [f"# Сроки: {text(authority.name)}: {school_year_label(year.start)}",
             f"{count(len(dated), TASKS)} со сроком с 1 сентября {year.start} по 31 августа {year.start + 1} года, "
             f"по месяцам. Состояние на {long_date(today)}. "
             f"{link('Все учебные годы', urls.authority_deadlines(authority.id), here)}.",
             svg.load_chart([svg.MonthLoad.of(month, tasks, today) for month, tasks in months], today)]
    for month, tasks in months:
        parts += [f"## {month_title(month)} {{#{svg.month_anchor(month)}}}",
                  task_table(tasks, context.kb, here, today, with_assignees=True)]
    return join_page(parts)


def _dated_by_year(authority: Organization, context: SiteContext) -> dict[SchoolYear, list[Task]]:
    """The authority's tasks with a date, by the school year of that date."""
    by_year: dict[SchoolYear, list[Task]] = defaultdict(list)
    for task in context.lookup.tasks_issued(authority.id):
        if task.decision.due:
            by_year[SchoolYear.of(task.decision.due)].append(task)
    return by_year
