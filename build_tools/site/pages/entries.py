"""The pages of an organization, a group and a person: what is to be done now, and each school year.

The page of an entry is what its reader must do now (`Task.is_current`): the
open tasks of the last twelve months and those due ahead, addressed to it
directly or through its groups, overdue first, then by deadline. Its history is one click away, a page per school year of
the meetings that set its tasks. An organization's school-year page lists the
tasks addressed to it by name and counts those of its groups with a link to
the group's page of that year, so thirty schools do not repeat the history of
their authority thirty times (docs/about.md).

Every page says what it counts, all the entry's tasks and not only those it lists, in the figures of
`counts.TaskCounts`: the school years add up to the page of now, and the dated ones are the events of
the entry's calendar (docs/about.md, «Счёт поручений»).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial

from ... import urls
from ...counts import TaskCounts, closed_for, executor_of, marked_closed
from ...model import Group, Organization, Person, SchoolYear, Task, Timing
from ...russian import ASSIGNMENTS, count, school_year_label, school_year_name
from ..fragments import (ORGANIZATION_KINDS, counts_figures, counts_paragraph, entry_link, entry_links, entry_name,
                         entry_url, protocol_list, subscribe_block, task_table)
from ..markup import attribute, bullets, card, link, page as join_page, text, unsearched
from ..plan import HOME_LIST_LIMIT
from . import report
from .authority import authority_sections, issued_section
from .context import SiteContext, SitePage

Entry = Organization | Group | Person

CURRENT_SECTIONS = {
    Timing.OVERDUE: "Срок истёк",
    Timing.SOON: "Срок в ближайшие 30 дней",
    Timing.LATER: "Срок позже",
    Timing.UNDATED: "Постоянно, по графику или без даты",
}


def pages(entry_id: str, context: SiteContext) -> list[SitePage]:
    """The entry's page and a page for every school year it has tasks or protocols in."""
    entry = context.registry.get(entry_id)
    here = entry_url(entry)
    heading = text(entry_name(entry))
    years = school_years(entry, context)
    result = [SitePage(here, heading, partial(current_page, entry, context))]
    result += [SitePage(here + urls.school_year(year), f"{heading}: {school_year_label(year.start)}",
                        partial(year_page, entry, year, context), searchable=False) for year in years]
    return result


def tasks_of(entry: Entry, context: SiteContext) -> tuple[Task, ...]:
    """Every task of the entry, newest protocol first: an organization's include its groups'."""
    return context.lookup.tasks_assigned(entry.id)


def school_years(entry: Entry, context: SiteContext) -> list[SchoolYear]:
    """The school years of the entry's tasks and of the protocols naming it, latest first."""
    years = {task.school_year for task in tasks_of(entry, context)}
    years |= {SchoolYear.of(protocol.date) for protocol in context.lookup.protocols_mentioning(entry.id)}
    return sorted(years, reverse=True)


# --- now --------------------------------------------------------------------------------------


def current_page(entry: Entry, context: SiteContext) -> str:
    here = entry_url(entry)
    years = school_years(entry, context)
    listed = current_tasks(entry, context, here)
    calendar = subscribe_block(_feed(entry), here, context.site_url, f"Календарь: {_tasks_title(entry).lower()}")
    if isinstance(entry, Organization) and entry.is_authority:
        # the calendar of what the authority must do itself only where it has such tasks: one calendar to choose
        own = [calendar] if tasks_of(entry, context) else []
        listed = issued_section(entry, context, here) + listed + own + authority_sections(entry, context, here)
    else:
        listed += [*_latest_protocols(entry, context, here), calendar]
    facts = card([*_facts(entry, context, here), ("История по учебным годам", _year_links(entry, years, None))])
    return join_page([f"# {text(entry_name(entry))}", facts, unsearched(*listed)])  # the search finds its names


def current_tasks(entry: Entry, context: SiteContext, here: str) -> list[str]:
    """The open tasks of now, by where they stand today; the rest counted, with where to find it."""
    today = context.today
    tasks = tasks_of(entry, context)
    executor = executor_of(entry)
    parts = [f"## {_tasks_title(entry)} {{#tasks}}",
             counts_paragraph(TaskCounts.of(tasks, today, context.kb, executor), "assigned", entry.id, "Всего"),
             _through_groups_note(entry, context, here)]
    if not tasks:
        return parts
    current = [task for task in tasks if task.is_current(today) and not marked_closed(task, executor, context.kb)]
    by_timing: dict[Timing, list[Task]] = defaultdict(list)
    for task in current:
        by_timing[task.decision.timing(today)].append(task)
    parts.append(current_summary(by_timing))
    groups = frozenset(context.registry.groups_of.get(entry.id, ())) if isinstance(entry, Organization) else frozenset()
    for timing, title in CURRENT_SECTIONS.items():
        listed = by_timing[timing]
        if listed:
            listed.sort(key=_ORDER[timing])
            parts += [f"### {title} · {count(len(listed), ASSIGNMENTS)} {{#{timing.value}}}",
                      task_table(listed, context.kb, here, today, through_groups=groups, executor=executor)]
    older = sum(1 for task in tasks if not task.is_current(today) and not closed_for(task, executor, context.kb))
    if older:
        parts.append(f"Ещё {count(older, ASSIGNMENTS)} старше 12 месяцев: срок истёк или не указан, отметки об "
                     "исполнении нет. Они — на страницах учебных годов.")
    return parts


def _through_groups_note(entry: Entry, context: SiteContext, here: str) -> str:
    """Where a school's tasks that the documents give a group («руководители ОО») are: here, or its groups' pages."""
    if not isinstance(entry, Organization) or entry.is_authority:
        return ""
    registry = context.registry
    groups = registry.groups_of.get(entry.id, ())
    if groups:
        return (f"Здесь и поручения групп, в которые входит организация ({entry_links(registry, groups, here)}): "
                "у них пометка «через группу».")
    if entry.parent not in registry.organizations:
        return ""
    authority = link("на странице органа", urls.organization_page(entry.parent) + "#organizations", here)
    return ("Организация не записана ни в одну группу: поручения, которые документы дают группам "
            f"(«руководители ОО»), — на страницах групп органа; группы перечислены {authority}.")


def current_summary(by_timing: dict[Timing, list[Task]]) -> str:
    """«Открытых поручений сейчас: 12: срок истёк — 3, в ближайшие 30 дней — 2, позже — 5, без даты — 2.»"""
    total = sum(len(by_timing[timing]) for timing in CURRENT_SECTIONS)
    if not total:
        return "Открытых поручений сейчас нет."
    counts = ", ".join(f"{label} — {len(by_timing[timing])}" for timing, label in (
        (Timing.OVERDUE, "срок истёк"), (Timing.SOON, "в ближайшие 30 дней"), (Timing.LATER, "позже"),
        (Timing.UNDATED, "без даты")) if by_timing[timing])
    return f"Открытых поручений сейчас: {total}: {counts}."


_ORDER: dict[Timing, Callable[[Task], object]] = {
    Timing.OVERDUE: lambda task: task.decision.due,
    Timing.SOON: lambda task: task.decision.due,
    Timing.LATER: lambda task: task.decision.due,
    Timing.UNDATED: lambda task: 0,  # stable: newest protocol first, then document order
}


def _latest_protocols(entry: Entry, context: SiteContext, here: str) -> list[str]:
    protocols = context.lookup.protocols_mentioning(entry.id)
    if not protocols:
        return ["## Протоколы {#protocols}", "Не упоминается в протоколах."]
    shown = protocols[:HOME_LIST_LIMIT]
    parts = ["## Протоколы {#protocols}", protocol_list(shown, here)]
    if len(protocols) > len(shown):
        parts.append(f"Последние {len(shown)} из {len(protocols)}; остальные — на страницах учебных годов.")
    return parts


# --- a school year ------------------------------------------------------------------------


def year_page(entry: Entry, year: SchoolYear, context: SiteContext) -> str:
    here = entry_url(entry) + urls.school_year(year)
    today = context.today
    tasks = [task for task in tasks_of(entry, context) if task.school_year == year]
    named = [task for task in tasks if not isinstance(entry, Organization) or entry.id in task.decision.all_assignees]
    parts = [f"# {text(entry_name(entry))}: {school_year_label(year.start)}",
             f"Поручения, данные на заседаниях с 1 сентября {year.start} по 31 августа {year.start + 1} года, "
             f"в любом состоянии. {link('Что нужно сделать сейчас', entry_url(entry), here)}.",
             card([("Учебные годы", _year_links(entry, school_years(entry, context), year))]),
             f"## {_tasks_title(entry)} {{#tasks}}",
             counts_paragraph(TaskCounts.of(tasks, today, context.kb, executor_of(entry)), "year", entry.id,
                              "За учебный год")]
    if named:
        if len(named) < len(tasks):
            named_counts = TaskCounts.of(named, today, context.kb, entry.id)
            parts.append(text(f"По имени организации — {counts_figures(named_counts)}"))
        parts.append(task_table(named, context.kb, here, today, executor=executor_of(entry)))
    elif tasks:
        parts.append("Поручений организации по имени нет.")
    if isinstance(entry, Group):
        parts += _authority_report(entry, year, context, here)
    if isinstance(entry, Organization):
        parts += _through_groups(entry, year, tasks, context, here)
    protocols = [protocol for protocol in context.lookup.protocols_mentioning(entry.id)
                 if SchoolYear.of(protocol.date) == year]
    parts += ["## Протоколы {#protocols}", protocol_list(protocols, here) if protocols else "Не упоминается."]
    return join_page(parts)


def _through_groups(org: Organization, year: SchoolYear, tasks: list[Task], context: SiteContext,
                    here: str) -> list[str]:
    """The group tasks of the year by count, each with a link to its group's page of that year."""
    lines = []
    for group_id in context.registry.groups_of.get(org.id, ()):
        group = context.registry.groups[group_id]
        of_group = [task for task in tasks if group_id in task.decision.all_assignees]
        if of_group:
            target = urls.group_page(group_id) + urls.school_year(year)
            group_counts = TaskCounts.of(of_group, context.today, context.kb, org.id)
            lines.append(f"{link(text(entry_name(group)), target, here)}: {text(counts_figures(group_counts))}"
                         + _own_marks(org, of_group, context))
    return ["## Через группы {#groups}", "Поручения групп, в которые входит организация, — на страницах групп:",
            bullets(lines)] if lines else []


def _authority_report(group: Group, year: SchoolYear, context: SiteContext, here: str) -> list[str]:
    """Where the group's поручения of the year are for printing: its authority's справка of that year."""
    authority = context.registry.organizations.get(group.authority)
    if authority is None or year not in report.school_years(authority, context):
        return []
    target = urls.authority_report(authority.id, year)
    return [f"Для печати: {link('справка об исполнении поручений органа', target, here)} за этот учебный год — "
            "с отметками по каждому поручению и списком организаций без отметки."]


def _own_marks(org: Organization, tasks: list[Task], context: SiteContext) -> str:
    """« Отметки по исполнителям — у 4, из них отмечено организацией 3.»: the organization's own marks."""
    kept = [task for task in tasks if task.decision.execution]
    if not kept:
        return ""
    marked = sum(marked_closed(task, org.id, context.kb) for task in kept)
    return f" Отметки по исполнителям — у {len(kept)}, из них отмечено организацией {marked}."


# --- pieces -----------------------------------------------------------------------------------


def _tasks_title(entry: Entry) -> str:
    """What the tasks of the entry are: «Поручения органу» and «Поручения, данные органом» are two lists."""
    if isinstance(entry, Person):
        return "Поручения, где ответственный"
    if isinstance(entry, Group):
        return "Поручения группе"
    return "Поручения органу" if entry.is_authority else "Поручения организации"


def _year_links(entry: Entry, years: list[SchoolYear], current: SchoolYear | None) -> str:
    """Links to the entry's school years, the one shown in bold."""
    base = entry_url(entry)
    here = base + (urls.school_year(current) if current else "")
    shown = [f"**{school_year_name(year.start)}**" if year == current
             else link(school_year_name(year.start), base + urls.school_year(year), here) for year in years]
    return " · ".join(shown)


def _feed(entry: Entry) -> str:
    if isinstance(entry, Organization):
        return urls.feed("org", entry.id)
    if isinstance(entry, Group):
        return urls.feed("group", entry.id)
    return urls.feed("person", entry.id)


def _facts(entry: Entry, context: SiteContext, here: str) -> list[tuple[str, str]]:
    registry = context.registry
    if isinstance(entry, Organization):
        facts = [
            ("Вид", ORGANIZATION_KINDS[entry.kind]),
            ("Сокращённо", text(entry.short_name or "")),
            ("Орган управления образованием", entry_link(registry, entry.parent, here) if entry.parent else ""),
            ("Муниципальное образование", text(entry.municipality or "")),
            ("Регион", text(entry.region or "")),
            ("Адрес", text(entry.address or "")),
            ("Сайт", f'<a href="{attribute(entry.website)}">{text(entry.website)}</a>' if entry.website else ""),
            ("Входит в группы", entry_links(registry, registry.groups_of.get(entry.id, ()), here)),
        ]
    elif isinstance(entry, Group):
        facts = [("Орган", entry_link(registry, entry.authority, here)),
                 ("Состав", entry_links(registry, entry.members, here) or "в документах не указан")]
    else:
        facts = [("Должность", text(entry.position or "")),
                 ("Организация", entry_link(registry, entry.organization, here) if entry.organization else "")]
    return facts + [("Как называется в документах", "; ".join(text(alias) for alias in entry.aliases)),
                    ("Примечание", text(entry.note or ""))]
