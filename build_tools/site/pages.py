"""Every page of the site generated from the knowledge base, as markdown.

`site_pages` is the whole job: model in, list of `SitePage` out. Nothing here
knows MkDocs; the plugin only hands the result to it. Pages take ``today``
(which tasks are overdue, due soon, later) and ``site_url`` (the absolute
calendar addresses) as arguments, so the same input gives the same bytes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from itertools import groupby

from .. import urls
from ..history import StatusChange
from ..model import SOON_DAYS, Decision, Group, KnowledgeBase, Organization, Participant, Person, Protocol, Registry, Task, Timing
from . import svg
from .format import DECISIONS, TASKS, count, long_date, month_title
from .fragments import (ORGANIZATION_KINDS, deadline_cell, entry_link, entry_links, entry_name, entry_url,
                        protocol_link, status_cell, status_label, subscribe_block, task_summary, task_table)
from .lookup import Lookup
from .markup import attribute, body, link, table, text, unsearched

HOME = ""
DEADLINES_PAGE = "deadlines/"
PROTOCOLS_INDEX = "protocols/"
ORGANIZATIONS_INDEX = "org/"
PEOPLE_INDEX = "people/"

HOME_LIST_LIMIT = 10

TIMING_TITLES = {
    Timing.OVERDUE: "Срок истёк",
    Timing.SOON: f"Срок в ближайшие {SOON_DAYS} дней",
    Timing.LATER: "Срок позже",
    Timing.UNDATED: "Постоянно, по графику или без даты",
    Timing.CLOSED: "Выполнено или отменено",
}


@dataclass(frozen=True)
class SitePage:
    url: str  # site URL, as in build_tools.urls
    markdown: str
    source: str | None = None  # the file the page shows, relative to the knowledge base root


def site_pages(kb: KnowledgeBase, *, today: date, site_url: str,
               history: Mapping[str, Sequence[StatusChange]] = MappingProxyType({}),
               repo_url: str | None = None) -> list[SitePage]:
    """Every generated page: protocols, registry entries, deadlines and the indexes.

    ``history`` (`build_tools.history.status_history`) gives each protocol page
    the commits in which its decisions' statuses changed; ``repo_url`` links them.
    """
    lookup = Lookup(kb)
    registry = kb.registry
    pages = [SitePage(urls.protocol_page(protocol),
                      protocol_page(protocol, registry, today, _changes_of(protocol, history), repo_url),
                      protocol.path)
             for protocol in kb.protocols]
    pages += [SitePage(urls.organization_page(org.id), organization_page(org, lookup, today, site_url))
              for org in registry.organizations.values()]
    pages += [SitePage(urls.group_page(group.id), group_page(group, lookup, today, site_url))
              for group in registry.groups.values()]
    pages += [SitePage(urls.person_page(person.id), person_page(person, lookup, today, site_url))
              for person in registry.people.values()]
    pages += [
        SitePage(DEADLINES_PAGE, deadlines_page(kb, today, site_url)),
        SitePage(PROTOCOLS_INDEX, protocols_index(kb)),
        SitePage(ORGANIZATIONS_INDEX, organizations_index(registry)),
        SitePage(PEOPLE_INDEX, people_index(registry)),
    ]
    return pages


# --- protocol ---------------------------------------------------------------------------


def protocol_page(protocol: Protocol, registry: Registry, today: date,
                  changes: Sequence[tuple[str, StatusChange]] = (), repo_url: str | None = None) -> str:
    here = urls.protocol_page(protocol)
    tags = list(dict.fromkeys([*protocol.tags, *(tag for decision in protocol.decisions for tag in decision.tags)]))
    decisions = _decisions_table(protocol, registry, here, today)
    parts = [
        _front_matter(tags),
        f"# {text(protocol.title)}",
        _card(_protocol_facts(protocol, registry, here)),
        "## Решения {#decisions}",
        unsearched(decisions) if protocol.body.strip() else decisions,  # the full text has their words
    ]
    if changes:
        parts += ["## История отметок {#history}", _history_list(changes, repo_url)]
    if protocol.body.strip():
        parts += ["## Полный текст {#text}", body(protocol.body)]
    if protocol.notes:
        parts += ["## Примечания составителя {#notes}", _bullets(text(note) for note in protocol.notes)]
    if protocol.source:
        parts += ["## Источник {#source}", _card(_source_facts(protocol.source))]
    return _page(parts)


def _protocol_facts(protocol: Protocol, registry: Registry, here: str) -> list[tuple[str, str]]:
    tasks = protocol.tasks
    facts = [
        ("Вид", text(protocol.kind)),
        ("Орган", entry_link(registry, protocol.authority, here)),
        ("Дата", long_date(protocol.date)),
        ("Номер", text(protocol.number or "")),
        ("Заседание", text(protocol.meeting or "")),
        ("Время", text(protocol.time or "")),
        ("Место", text(protocol.place or "")),
        ("Председатель", _participant(protocol.chair, registry, here)),
        ("Секретарь", _participant(protocol.secretary, registry, here)),
        ("Присутствовали", "; ".join(_participant(person, registry, here) for person in protocol.attendees)),
        ("Выступили", "; ".join(_participant(person, registry, here) for person in protocol.speakers)),
        ("Повестка", "; ".join(f"{item_id}. {text(title)}" for item_id, title in protocol.agenda)),
        ("Решения", f"{count(len(protocol.decisions), DECISIONS)}, из них поручений: {len(tasks)}"),
    ]
    return [(label, value) for label, value in facts if value]


def _participant(participant: Participant | None, registry: Registry, here: str) -> str:
    """A participant as the document names them, linked to the registry where known."""
    if participant is None:
        return ""
    target = participant.person or participant.organization
    shown = entry_link(registry, target, here, participant.text) if target else text(participant.text)
    if participant.person and participant.organization:
        shown += f" ({entry_link(registry, participant.organization, here)})"
    return shown


def _decisions_table(protocol: Protocol, registry: Registry, here: str, today: date) -> str:
    rows = []
    for decision in protocol.decisions:
        number = f"[{decision.id}](#{decision.anchor}){{#{decision.anchor}}}"
        what = f"**{text(decision.text)}**" if decision.is_heading else text(decision.text)
        if decision.note:
            what += f'<br><span class="pk-note">Примечание составителя: {text(decision.note)}</span>'
        assignees = entry_links(registry, decision.assignees, here)
        if not assignees and decision.inherited_assignees:
            assignees = (entry_links(registry, decision.inherited_assignees, here)
                         + ' <span class="pk-inherited">(из пункта выше)</span>')
        responsible = entry_links(registry, decision.responsible, here)
        if decision.responsible_text:
            responsible += f'<br><span class="pk-verbatim">в документе: {text(decision.responsible_text)}</span>'
        status = status_cell(decision, today) if decision.is_task else ""
        rows.append([number, what, assignees, responsible.removeprefix("<br>"), deadline_cell(decision), status])
    return table(["№", "Решение", "Исполнители", "Ответственные", "Срок", "Статус"], rows)


def _changes_of(protocol: Protocol, history: Mapping[str, Sequence[StatusChange]]) -> list[tuple[str, StatusChange]]:
    """(decision id, change) of the protocol's decisions, in the order of the decisions, oldest change first."""
    return [(decision.id, change) for decision in protocol.decisions
            for change in history.get(f"{protocol.id}#{decision.id}", ())]


def _history_list(changes: Sequence[tuple[str, StatusChange]], repo_url: str | None) -> str:
    """«п. 2.1: выполнено 24 января 2020 г. — записано 10 января 2024 г., коммит 1a2b3c4»."""
    lines = []
    for decision_id, change in changes:
        commit = f"<code>{change.commit[:7]}</code>"
        if repo_url:
            commit = f'<a href="{attribute(repo_url.rstrip("/"))}/commit/{change.commit}">{commit}</a>'
        lines.append(f'<a href="#{Decision(decision_id, "").anchor}">п. {text(decision_id)}</a>: '
                     f"{status_label(change.status)} — записано {long_date(change.committed.date())}, коммит {commit}")
    return _bullets(lines)


def _source_facts(source: dict[str, str]) -> list[tuple[str, str]]:
    facts = [
        ("Файл", text(source.get("file", ""))),
        ("Адрес", f'<a href="{attribute(source["url"])}">{text(source["url"])}</a>' if "url" in source else ""),
        ("Получен", long_date(date.fromisoformat(source["retrieved"])) if "retrieved" in source else ""),
    ]
    return [(label, value) for label, value in facts if value]


# --- registry entries ---------------------------------------------------------------------


def organization_page(org: Organization, lookup: Lookup, today: date, site_url: str) -> str:
    """An organization, or an authority (which adds its protocols by year and its organizations)."""
    registry = lookup.kb.registry
    here = urls.organization_page(org.id)
    groups = registry.groups_of.get(org.id, ())
    facts = [
        ("Вид", ORGANIZATION_KINDS[org.kind]),
        ("Сокращённо", text(org.short_name or "")),
        ("Орган управления образованием", entry_link(registry, org.parent, here) if org.parent else ""),
        ("Муниципальное образование", text(org.municipality or "")),
        ("Регион", text(org.region or "")),
        ("Адрес", text(org.address or "")),
        ("Сайт", f'<a href="{attribute(org.website)}">{text(org.website)}</a>' if org.website else ""),
        ("Входит в группы", entry_links(registry, groups, here)),
        *_common_facts(org.aliases, org.note),
    ]
    listed = _tasks_sections(lookup.tasks_of_organization(org.id), registry, here, today, frozenset(groups))
    if org.is_authority:
        listed += _authority_sections(org, lookup, here)
        feed = urls.feed("authority", org.id)
    else:
        listed += _protocols_section(lookup.protocols_mentioning(org.id), here)
        feed = urls.feed("org", org.id)
    listed.append(subscribe_block(feed, here, site_url))
    return _page([f"# {text(org.name)}", _card(facts), unsearched(*listed)])


def _authority_sections(authority: Organization, lookup: Lookup, here: str) -> list[str]:
    registry = lookup.kb.registry
    own = lookup.protocols_of_authority(authority.id)
    parts = ["## Протоколы органа {#protocols}"]
    if own:
        for year, protocols in groupby(own, key=lambda protocol: protocol.date.year):
            parts += [f"### {year} {{#y-{year}}}", _protocol_list(protocols, here)]
    else:
        parts.append("Протоколов пока нет.")
    elsewhere = [protocol for protocol in lookup.protocols_mentioning(authority.id) if protocol.authority != authority.id]
    if elsewhere:
        parts += ["## Упоминается в протоколах других органов {#mentions}", _protocol_list(elsewhere, here)]
    members = [
        ("Организации", [org for org in registry.organizations.values() if org.parent == authority.id]),
        ("Группы", [group for group in registry.groups.values() if group.authority == authority.id]),
        ("Люди", [person for person in registry.people.values()
                  if person.organization and registry.authority_of(person.organization) == authority.id]),
    ]
    parts.append("## Организации органа {#organizations}")
    parts += [f"**{title}:** {_entry_list(entries, here)}" for title, entries in members if entries]
    return parts


def group_page(group: Group, lookup: Lookup, today: date, site_url: str) -> str:
    registry = lookup.kb.registry
    here = urls.group_page(group.id)
    facts = [
        ("Орган", entry_link(registry, group.authority, here)),
        ("Состав", entry_links(registry, group.members, here) or "в документах не указан"),
        *_common_facts(group.aliases, group.note),
    ]
    listed = [*_tasks_sections(lookup.tasks_of_group(group.id), registry, here, today),
              *_protocols_section(lookup.protocols_mentioning(group.id), here),
              subscribe_block(urls.feed("group", group.id), here, site_url)]
    return _page([f"# {text(entry_name(group))}", _card(facts), unsearched(*listed)])


def person_page(person: Person, lookup: Lookup, today: date, site_url: str) -> str:
    registry = lookup.kb.registry
    here = urls.person_page(person.id)
    facts = [
        ("Должность", text(person.position or "")),
        ("Организация", entry_link(registry, person.organization, here) if person.organization else ""),
        *_common_facts(person.aliases, person.note),
    ]
    listed = [*_tasks_sections(lookup.tasks_of_person(person.id), registry, here, today,
                               title="Задачи, где ответственный"),
              *_protocols_section(lookup.protocols_mentioning(person.id), here),
              subscribe_block(urls.feed("person", person.id), here, site_url)]
    return _page([f"# {text(person.name)}", _card(facts), unsearched(*listed)])


def _common_facts(aliases: tuple[str, ...], note: str | None) -> list[tuple[str, str]]:
    return [
        ("Как называется в документах", "; ".join(text(alias) for alias in aliases)),
        ("Примечание", text(note or "")),
    ]


def _tasks_sections(tasks: tuple[Task, ...], registry: Registry, here: str, today: date,
                    through_groups: frozenset[str] = frozenset(), title: str = "Задачи") -> list[str]:
    """Tasks grouped by where they stand today: overdue, soon, later, undated, closed."""
    parts = [f"## {title} {{#tasks}}"]
    if not tasks:
        return parts + ["Поручений нет."]
    parts.append(task_summary(tasks, today))
    by_timing: dict[Timing, list[Task]] = defaultdict(list)
    for task in tasks:
        by_timing[task.decision.timing(today)].append(task)
    for timing, section_title in TIMING_TITLES.items():
        if by_timing[timing]:
            listed = sorted(by_timing[timing], key=_TIMING_ORDER[timing])
            parts += [f"### {section_title} · {count(len(listed), TASKS)} {{#{timing.value}}}",
                      task_table(listed, registry, here, today, through_groups=through_groups)]
    return parts


_TIMING_ORDER: dict[Timing, Callable[[Task], object]] = {
    Timing.OVERDUE: lambda task: task.decision.due,
    Timing.SOON: lambda task: task.decision.due,
    Timing.LATER: lambda task: task.decision.due,
    Timing.UNDATED: lambda task: 0,  # stable: newest protocol first, then document order
    Timing.CLOSED: lambda task: -(task.decision.status.date or date.min).toordinal(),
}


def _protocols_section(protocols: tuple[Protocol, ...], here: str) -> list[str]:
    return ["## Протоколы {#protocols}", _protocol_list(protocols, here) if protocols else "Не упоминается в протоколах."]


def _protocol_list(protocols: Iterable[Protocol], here: str) -> str:
    return _bullets(f"{protocol_link(protocol, here)} — {text(protocol.title)}" for protocol in protocols)


def _entry_list(entries: Iterable[Organization | Group | Person], here: str) -> str:
    ordered = sorted(entries, key=lambda entry: entry_name(entry).casefold())
    return ", ".join(link(text(entry_name(entry)), entry_url(entry), here) for entry in ordered)


# --- deadlines, indexes, home -----------------------------------------------------------


def deadlines_page(kb: KnowledgeBase, today: date, site_url: str) -> str:
    """All dated tasks month by month, under a chart of the load per month."""
    here = DEADLINES_PAGE
    dated = sorted((task for task in kb.tasks if task.decision.due), key=lambda task: task.decision.due)
    parts = [
        "# Сроки",
        f"Поручения со сроком по месяцам: {count(len(dated), TASKS)}. Состояние на {long_date(today)}; "
        "сроки без даты («постоянно», «по графику») есть на страницах организаций и протоколов.",
    ]
    months = [(month, list(tasks)) for month, tasks in groupby(dated, key=lambda task: task.decision.due.replace(day=1))]
    if months:
        parts.append(svg.load_chart([svg.MonthLoad.of(month, tasks, today) for month, tasks in months], today))
    for month, tasks in months:
        parts += [f"## {month_title(month)} {{#{svg.month_anchor(month)}}}",
                  task_table(tasks, kb.registry, here, today, with_assignees=True)]
    parts.append(subscribe_block(urls.all_feed(), here, site_url))
    return _page(parts)


def protocols_index(kb: KnowledgeBase) -> str:
    here = PROTOCOLS_INDEX
    parts = ["# Протоколы", f"Всего: {len(kb.protocols)}, по годам, новые сверху."]
    for year, protocols in groupby(kb.protocols, key=lambda protocol: protocol.date.year):
        rows = [[protocol_link(protocol, here), entry_link(kb.registry, protocol.authority, here),
                 text(protocol.title), str(len(protocol.tasks))] for protocol in protocols]
        parts += [f"## {year} {{#y-{year}}}", table(["Документ", "Орган", "Тема", "Поручений"], rows)]
    return _page(parts)


def organizations_index(registry: Registry) -> str:
    here = ORGANIZATIONS_INDEX
    parts = ["# Организации", "Органы управления образованием, их организации и группы."]
    authorities = sorted((org for org in registry.organizations.values() if org.is_authority),
                         key=lambda org: org.name.casefold())
    for authority in authorities:
        parts += [f"## {text(authority.name)} {{#{authority.id}}}",
                  link("Страница органа", urls.organization_page(authority.id), here)]
        parts += [f"**{title}:** {_entry_list(entries, here)}" for title, entries in (
            ("Организации", [org for org in registry.organizations.values() if org.parent == authority.id]),
            ("Группы", [group for group in registry.groups.values() if group.authority == authority.id]),
        ) if entries]
    others = [org for org in registry.organizations.values() if not org.is_authority and not org.parent]
    if others:
        parts += ["## Другие организации {#other}", _entry_list(others, here)]
    return _page(parts)


def people_index(registry: Registry) -> str:
    here = PEOPLE_INDEX
    by_authority: dict[str | None, list[Person]] = defaultdict(list)
    for person in registry.people.values():
        by_authority[registry.authority_of(person.id)].append(person)
    parts = ["# Люди", "Председатели, секретари, выступавшие и ответственные, по органам."]
    for authority_id in sorted(filter(None, by_authority), key=lambda entry_id: registry.organizations[entry_id].name):
        parts += [f"## {text(registry.organizations[authority_id].name)} {{#{authority_id}}}",
                  _entry_list(by_authority[authority_id], here)]
    if by_authority[None]:
        parts += ["## Организация не указана {#unknown}", _entry_list(by_authority[None], here)]
    return _page(parts)


def home_summary(kb: KnowledgeBase, today: date) -> str:
    """What the home page adds below its hand-written introduction (docs/index.md)."""
    here = HOME
    overdue = sorted((task for task in kb.tasks if task.decision.timing(today) is Timing.OVERDUE),
                     key=lambda task: task.decision.due, reverse=True)
    soon = sorted((task for task in kb.tasks if task.decision.timing(today) is Timing.SOON),
                  key=lambda task: task.decision.due)
    parts = [f"Состояние на {long_date(today)}, день сборки сайта."]
    parts.append("## Срок истёк {#overdue}")
    if overdue:
        parts += [f"Открытых поручений с истёкшим сроком: {len(overdue)}. Последние по сроку:",
                  task_table(overdue[:HOME_LIST_LIMIT], kb.registry, here, today, with_assignees=True),
                  link("Все сроки по месяцам", DEADLINES_PAGE, here)]
    else:
        parts.append("Нет.")
    parts.append(f"## Срок в ближайшие {SOON_DAYS} дней {{#soon}}")
    parts.append(task_table(soon, kb.registry, here, today, with_assignees=True) if soon else "Нет.")
    parts += ["## Новые протоколы {#latest}", _protocol_list(kb.protocols[:HOME_LIST_LIMIT], here)]
    parts += ["## Органы {#authorities}", _authorities_table(kb, here, today)]
    return _page(parts)


def _authorities_table(kb: KnowledgeBase, here: str, today: date) -> str:
    rows = []
    for authority in sorted((org for org in kb.registry.organizations.values() if org.is_authority),
                            key=lambda org: org.name.casefold()):
        protocols = kb.protocols_of_authority(authority.id)
        tasks = [task for protocol in protocols for task in protocol.tasks]
        timings = [task.timing(today) for task in tasks]
        rows.append([entry_link(kb.registry, authority.id, here), str(len(protocols)), str(len(tasks)),
                     str(len(tasks) - timings.count(Timing.CLOSED)), str(timings.count(Timing.OVERDUE))])
    return table(["Орган", "Протоколов", "Поручений", "Открыто", "Срок истёк"], rows)


# --- small helpers --------------------------------------------------------------------------


def _page(parts: list[str]) -> str:
    return "\n\n".join(part for part in parts if part) + "\n"


def _front_matter(tags: list[str]) -> str:
    """YAML front matter; JSON strings are YAML, and keep any character of a tag literal."""
    if not tags:
        return ""
    return "---\ntags:\n" + "".join(f"  - {json.dumps(tag, ensure_ascii=False)}\n" for tag in tags) + "---"


def _card(facts: list[tuple[str, str]]) -> str:
    """A block of «label: value» lines at the top of a page; empty values are left out."""
    lines = [f"- **{label}:** {value}" for label, value in facts if value]
    return '<div class="pk-card" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)
