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
from ..model import (Decision, Group, KnowledgeBase, Organization, Person, Progress, Protocol, Registry, State, Status,
                     Task)
from ..report.content import PENDING_SHOWN, PENDING_WORDS, decision_reference, protocol_label
from ..counts import TaskCounts
from ..russian import ASSIGNMENTS, CLOSED_WORDS, STATE_WORDS, count, long_date
from .markup import attribute, cards, due_date, link, relative_url, table, text

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


OVERDUE_ADVICE = "срок истёк, отметки об исполнении нет"
OVERDUE = "срок истёк"

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


def protocol_link(protocol: Protocol, here: str) -> str:
    return link(text(protocol_label(protocol)), urls.protocol_page(protocol), here)


def data_links(authority_id: str, here: str) -> str:
    """«Таблица Excel, JSON, CSV»: an authority's open data, the one for people first."""
    return ", ".join(link(label, urls.authority_data(authority_id, suffix), here)
                     for label, suffix in (("Таблица Excel", "xlsx"), ("JSON", "json"), ("CSV", "csv")))


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
    """The deadline in force as written, then the day it falls on (marked when inferred by the rules).

    A deadline a later decision changed says so, with the original in its tooltip: the page of the
    protocol shows both and the decision that changed it (`deadline_history`).
    """
    deadline = decision.current_deadline
    if deadline is None:
        return ""
    cell = text(deadline.text)
    if decision.deadline_changes:
        original = decision.deadline.text if decision.deadline else "не был установлен"
        cell += f' <span class="pk-changed" title="Первоначальный срок: {attribute(original)}">(изменён)</span>'
    return cell + _due(decision, deadline.inferred)


def deadline_history(decision: Decision, kb: KnowledgeBase, here: str) -> str:
    """Every deadline the decision had: the original as written, struck through once changed, then each
    change with the decision that made it («изменён: до 20.03.2020 — решение от …, п. 1»), the last in force."""
    changes = decision.deadline_changes
    if not changes:
        return deadline_cell(decision)
    lines = [f"<del>{text(decision.deadline.text)}</del>"] if decision.deadline else []
    for position, change in enumerate(changes, start=1):
        wording = text(change.deadline.text)
        source = link(text(decision_reference(kb, change.source)), urls.ref_link(change.source), here)
        lines.append(f"изменён: {wording if position == len(changes) else f'<del>{wording}</del>'} — {source}")
    return "<br>".join(lines) + _due(decision, decision.current_deadline.inferred)


def _due(decision: Decision, inferred: bool) -> str:
    """«<br>→ 20 марта 2020 г.»: the last day of the deadline in force, for the reader's script while open."""
    if not decision.due:
        return ""
    cell = "<br>→ " + due_date(decision.due, open_task=not decision.outcome.is_closed)
    if inferred:
        cell += ' <span class="pk-inferred" title="Дата выведена по правилам сроков">по правилам</span>'
    return cell


def status_label(status: Status) -> str:
    """«выполнено 24 января 2020 г.»: the state and, where recorded, its date."""
    return STATE_WORDS[status.state] + (" " + long_date(status.date) if status.date else "")


def status_cell(decision: Decision, today: date, here: str, kb: KnowledgeBase, *, executor: str | None = None,
                every_name: bool = False) -> str:
    """The status in force, who of the executors has reported, and the advice about a passed deadline.

    The status is the one in force (`Decision.outcome`): the decision's own mark, or, when a later
    decision closed it («снять с контроля», «считать исполненным»), that state with a link to the
    decision. Where executors report one by one, the page of one of them (``executor``) shows its own
    mark; other pages show «выполнено N из M» and who has no mark: with ``every_name`` all of them
    linked (the protocol's page), else the first PENDING_SHOWN as text (a task row, repeated hundreds
    of times). The advice stands beside the status, never instead of it.
    """
    status = decision.outcome
    cell = status_label(status)
    if status.by:
        cell += "<br>" + link(text(decision_reference(kb, status.by)), urls.ref_link(status.by), here)
    if status.note:
        cell += f"<br>{text(status.note)}"
    if status.link:
        cell += f'<br><a href="{attribute(status.link)}">подтверждение</a>'
    progress = kb.progress(decision) if decision.execution else None
    own = progress.mark_of(executor) if progress and executor else None
    if progress and executor:
        cell += "<br>" + (f"отметка организации: {status_label(own.status)}" if own else "отметки организации нет")
    elif progress:
        cell += "<br>" + progress_line(progress, kb.registry, here, every_name)
    if not status.is_closed and not (own and own.status.is_closed) and decision.due and decision.due < today:
        advice = OVERDUE if progress and not executor else OVERDUE_ADVICE  # who has no mark is said above
        cell += f'<br><span class="pk-advice">{advice}</span>'
    return cell


def progress_line(progress: Progress, registry: Registry, here: str, every_name: bool) -> str:
    """«выполнено 22 из 30; без отметки: …» (see `status_cell`)."""
    line = f"выполнено {len(progress.done)} из {progress.required}"
    if not progress.pending:
        return line
    if every_name:
        return f"{line}; {PENDING_WORDS}: {entry_links(registry, progress.pending, here)}"
    shown = ", ".join(text(registry.label(executor)) for executor in progress.pending[:PENDING_SHOWN])
    rest = len(progress.pending) - PENDING_SHOWN
    return f"{line}; {PENDING_WORDS}: {shown}" + (f" и ещё {rest}" if rest > 0 else "")


def task_table(tasks: Iterable[Task], kb: KnowledgeBase, here: str, today: date, *,
               through_groups: frozenset[str] = frozenset(), with_assignees: bool = False,
               executor: str | None = None) -> str:
    """Tasks as rows: the deadline, the task with a link to its decision and where it comes from, the status.

    ``through_groups`` are the groups the page's organization belongs to: a
    task it got through one of them says so. Pages that are not about one
    addressee list the assignees (``with_assignees``). The page of an
    organization names it as ``executor``: its rows show its own marks. A row
    is what a region's largest organization page repeats some hundred times:
    every byte counts.
    """
    registry = kb.registry
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
        rows.append([deadline_cell(decision), what, status_cell(decision, today, here, kb, executor=executor)])
    return cards("tasks", table(["Срок", "Поручение", "Статус"], rows))


def counts_paragraph(counts: TaskCounts, scope: str, entry_id: str, lead: str) -> str:
    """«Всего 4 поручения: открыто 3, из них срок истёк у 2; …»: the figures of `TaskCounts`, also as data
    attributes. ``scope`` says which tasks: ``assigned`` (to the entry), ``issued`` (by an authority's
    protocols) or ``year`` (assigned, set in one school year); tests/test_site_counts.py reads them."""
    return f'<p class="pk-counts" {counts_data(counts, scope, entry_id)}>{text(counts_sentence(counts, lead))}</p>'


def counts_data(counts: TaskCounts, scope: str, entry_id: str) -> str:
    figures = " ".join(f'data-{name}="{getattr(counts, name)}"' for name in TaskCounts.names())
    return f'data-counts="{scope}" data-entry="{attribute(entry_id)}" {figures}'


def counts_sentence(counts: TaskCounts, lead: str) -> str:
    """«Всего 4 поручения: открыто 3, из них срок истёк у 2; выполнено, отменено или снято с контроля — 1.
    С датой срока — 2, они в календаре.»"""
    if not counts.total:
        return "Поручений нет."
    return f"{lead} {counts_figures(counts)} С датой срока — {counts.dated}, они в календаре."


def counts_figures(counts: TaskCounts) -> str:
    """«4 поручения: открыто 3, из них срок истёк у 2; выполнено, отменено или снято с контроля — 1.»"""
    return (f"{count(counts.total, ASSIGNMENTS)}: {STATE_WORDS[State.OPEN]} {counts.open}, из них срок истёк у "
            f"{counts.overdue}; {CLOSED_WORDS} — {counts.closed}.")


def short_name(group: Group) -> str:
    """A group as briefly as the documents name it: «руководители ОО» rather than its full name."""
    return min((group.name, *group.aliases), key=len)


def subscribe_block(feed: str, here: str, site_url: str, title: str = "Календарь сроков",
                    anchor: str = "calendar") -> str:
    """How to get the deadlines of a page into one's calendar: the only place that says it. An authority's
    page has two calendars, each under its own ``title``."""
    address = urljoin(site_url, feed)
    webcal = "webcal://" + address.split("://", 1)[1]
    return f"""## {title} {{#{anchor}}}

Сроки этих поручений можно получать в свой календарь. Подписка обновляется сама,
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
