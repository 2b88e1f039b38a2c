"""Pieces that several pages share: links to registry entries, deadline and status cells,
task tables, the calendar subscription block.

Every function takes the URL of the page it is placed on (``here``), because
links are relative, and returns markdown.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from urllib.parse import urljoin

from .. import urls
from ..model import Decision, Group, Organization, Person, Protocol, Registry, State, Status, Task
from ..russian import count, long_date, TASKS
from .markup import attribute, due_date, link, relative_url, table, text

# Russian names of the registry's organization kinds (schema/registry.schema.json).
ORGANIZATION_KINDS = {
    "authority": "орган управления образованием",
    "school": "общеобразовательная организация",
    "kindergarten": "дошкольная образовательная организация",
    "additional_education": "организация дополнительного образования",
    "methodological_centre": "методический центр",
    "regional_centre": "региональный центр",
    "training_institute": "институт повышения квалификации",
    "other": "другая организация",
}

# Official states of a decision (schema/protocol.schema.json, status.state).
STATE_LABELS = {
    State.OPEN: "открыто",
    State.DONE: "выполнено",
    State.CANCELLED: "отменено",
}

OVERDUE_ADVICE = "срок истёк, отметки об исполнении нет"

CALENDARS_HELP = "calendars/"  # docs/calendars.md: what the feeds hold and why


def entry_url(entry: Organization | Group | Person) -> str:
    if isinstance(entry, Organization):
        return urls.organization_page(entry.id)
    if isinstance(entry, Group):
        return urls.group_page(entry.id)
    return urls.person_page(entry.id)


def entry_link(registry: Registry, entry_id: str, here: str, label: str | None = None) -> str:
    """A link to the page of a registry entry; an id the registry lacks stays as plain text."""
    entry = registry.get(entry_id)
    if entry is None:
        return text(label or entry_id)
    return link(text(label or entry_name(entry)), entry_url(entry), here)


def entry_links(registry: Registry, entry_ids: Iterable[str], here: str) -> str:
    return ", ".join(entry_link(registry, entry_id, here) for entry_id in entry_ids)


def entry_name(entry: Organization | Group | Person) -> str:
    """How an entry is named in links and headings: groups start with a capital."""
    if isinstance(entry, Group):
        return entry.name[:1].upper() + entry.name[1:]
    return entry.name


def protocol_label(protocol: Protocol) -> str:
    """«Выписка из протокола от 12 января 2022 г. № 2»: a protocol as its readers cite it."""
    label = f"{protocol.kind[:1].upper()}{protocol.kind[1:]} от {long_date(protocol.date)}"
    return f"{label} № {protocol.number}" if protocol.number else label


def protocol_link(protocol: Protocol, here: str) -> str:
    return link(text(protocol_label(protocol)), urls.protocol_page(protocol), here)


def data_links(authority_id: str, here: str) -> str:
    """«JSON, CSV»: an authority's open data."""
    return ", ".join(link(label, urls.authority_data(authority_id, suffix), here)
                     for label, suffix in (("JSON", "json"), ("CSV", "csv")))


def entry_list(entries: Iterable[Organization | Group | Person], here: str) -> str:
    """Links to entries, by name."""
    ordered = sorted(entries, key=lambda entry: entry_name(entry).casefold())
    return ", ".join(link(text(entry_name(entry)), entry_url(entry), here) for entry in ordered)


def protocol_list(protocols: Iterable[Protocol], here: str) -> str:
    """«Протокол от 12 января 2022 г. № 2 — title», a line each."""
    return "\n".join(f"- {protocol_link(protocol, here)} — {text(protocol.title)}" for protocol in protocols)


def decision_link(task: Task, here: str) -> str:
    return link(f"п. {task.decision.id}", urls.task_link(task), here)


def deadline_cell(decision: Decision) -> str:
    """The deadline as written, then the day it falls on (marked when inferred by the rules)."""
    if decision.deadline is None:
        return ""
    cell = text(decision.deadline.text)
    if decision.due:
        cell += "<br>→ " + due_date(decision.due, open_task=decision.status.state is State.OPEN)
        if decision.deadline.inferred:
            cell += ' <span class="pk-inferred" title="Дата выведена по правилам сроков">по правилам</span>'
    return cell


def status_label(status: Status) -> str:
    """«выполнено 24 января 2020 г.»: the state and, where recorded, its date."""
    return STATE_LABELS[status.state] + (" " + long_date(status.date) if status.date else "")


def status_cell(decision: Decision, today: date) -> str:
    """The official status as recorded; beside it, never instead, the advice about a passed deadline."""
    status = decision.status
    cell = status_label(status)
    if status.note:
        cell += f"<br>{text(status.note)}"
    if status.link:
        cell += f'<br><a href="{attribute(status.link)}">подтверждение</a>'
    if status.state is State.OPEN and decision.due and decision.due < today:
        cell += f'<br><span class="pk-advice">{OVERDUE_ADVICE}</span>'
    return cell


def task_table(tasks: Iterable[Task], registry: Registry, here: str, today: date, *,
               through_groups: frozenset[str] = frozenset(), with_assignees: bool = False) -> str:
    """Tasks as rows: the deadline, the task with a link to its decision and where it comes from, the status.

    ``through_groups`` are the groups the page's organization belongs to: a
    task it got through one of them says so. Pages that are not about one
    addressee list the assignees (``with_assignees``). A row is what a region's
    largest organization page repeats some hundred times: every byte counts.
    """
    rows = []
    for task in tasks:
        decision = task.decision
        origin = [text(protocol_label(task.protocol))]
        groups = [group for group in decision.all_assignees if group in through_groups]
        if groups:
            origin.append("через группу " + ", ".join(text(short_name(registry.groups[group])) for group in groups))
        what = f'{decision_link(task, here)} {text(decision.text)}<br><span class="pk-origin">{" · ".join(origin)}</span>'
        if with_assignees and decision.all_assignees:
            what += f"<br>Исполнители: {entry_links(registry, decision.all_assignees, here)}"
        rows.append([deadline_cell(decision), what, status_cell(decision, today)])
    return table(["Срок", "Поручение", "Статус"], rows)


def short_name(group: Group) -> str:
    """A group as briefly as the documents name it: «руководители ОО» rather than its full name."""
    return min((group.name, *group.aliases), key=len)


def task_summary(tasks: tuple[Task, ...], today: date) -> str:
    """«11 задач, из них открыто 9, просрочено 6»."""
    open_tasks = [task for task in tasks if task.decision.status.state is State.OPEN]
    overdue = [task for task in open_tasks if task.decision.due and task.decision.due < today]
    return f"{count(len(tasks), TASKS)}, из них открыто {len(open_tasks)}, с истёкшим сроком {len(overdue)}."


def subscribe_block(feed: str, here: str, site_url: str) -> str:
    """How to get the deadlines of a page into one's calendar: the only place that says it."""
    address = urljoin(site_url, feed)
    webcal = "webcal://" + address.split("://", 1)[1]
    return f"""## Календарь сроков {{#calendar}}

Сроки этой страницы можно получать в свой календарь. Подписка обновляется сама,
когда в базе появляются новые решения; скачанный файл — это снимок на сегодня.
Что попадает в календарь — на странице {link("Календари сроков", CALENDARS_HELP, here)}.

<a class="md-button md-button--primary" href="{attribute(webcal)}">Подписаться</a>
<a class="md-button" href="{attribute(relative_url(feed, here))}" download>Скачать .ics</a>

Адрес календаря для подписки:

```text
{address}
```

??? info "Как подписаться в Google, Outlook, Яндексе и Apple"

    - **Google Календарь** (на компьютере): слева у «Другие календари» нажмите «+» →
      «Добавить по URL», вставьте адрес и нажмите «Добавить календарь». Google обновляет
      подписки раз в несколько часов.
    - **Outlook**: «Добавить календарь» → «Подписаться из Интернета», вставьте адрес,
      дайте календарю имя и нажмите «Импорт».
    - **Яндекс Календарь**: слева у раздела «Подписки» нажмите «+» («Новая подписка»),
      вставьте адрес в поле «Ссылка на календарь» и нажмите «Создать».
    - **Apple Календарь**: на iPhone и iPad нажмите «Подписаться» выше; на Mac —
      «Файл» → «Новая подписка на календарь…», вставьте адрес."""
