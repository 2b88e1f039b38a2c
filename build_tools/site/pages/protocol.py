"""The page of a protocol: its facts, its decisions with their state, its full text and source."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial

from ... import urls
from ...history import StatusChange
from ...model import (FollowUp, KnowledgeBase, Link, LinkType, Participant, Protocol, Ref, Registry,
                      decision_anchor)
from ...report.content import decision_reference
from ...russian import DECISIONS, count, long_date
from ..fragments import deadline_history, entry_link, entry_links, status_cell, status_label
from ..markup import attribute, body, bullets, card, cards, link, page as join_page, table, text, unsearched
from .context import SiteContext, SitePage

# A link between decisions in the words of each end (docs/format/execution.md): what this decision
# does to the one it names, and what a later decision did to this one.
LINK_WORDS = {
    LinkType.EXECUTES: ("Во исполнение", "Во исполнение принято"),
    LinkType.EXTENDS: ("Изменяет срок", "Срок изменён"),
    LinkType.MARKS_DONE: ("Считает исполненным", "Признано исполненным"),
    LinkType.WITHDRAWS: ("Снимает с контроля", "Снято с контроля"),
    LinkType.REVOKES: ("Признаёт утратившим силу", "Признано утратившим силу"),
    LinkType.CONTROLS: ("Контроль за исполнением", "Контроль за исполнением возложен"),
}


def page(protocol: Protocol, context: SiteContext) -> SitePage:
    return SitePage(urls.protocol_page(protocol), text(protocol.title), partial(protocol_page, protocol, context),
                    protocol.path)


def protocol_page(protocol: Protocol, context: SiteContext) -> str:
    kb, here = context.kb, urls.protocol_page(protocol)
    decisions = _decisions_table(protocol, kb, here, context.today)
    parts = [
        f"# {text(protocol.title)}",
        card(_protocol_facts(protocol, kb, here)),
        "## Решения {#decisions}",
        unsearched(decisions) if protocol.body.strip() else decisions,  # the full text has their words
    ]
    changes = _changes_of(protocol, context.history)
    if changes:
        parts += ["## История отметок {#history}", _history_list(changes, context.repo_url)]
    if protocol.body.strip():
        parts += ["## Полный текст {#text}", body(protocol.body)]
    if protocol.notes:
        parts += ["## Примечания составителя {#notes}", bullets(text(note) for note in protocol.notes)]
    if protocol.source:
        parts += ["## Источник {#source}", card(_source_facts(protocol.source))]
    return join_page(parts)


def topics(protocol: Protocol) -> list[str]:
    """The protocol's topics and its decisions', in order of first mention."""
    return list(dict.fromkeys([*protocol.tags, *(tag for decision in protocol.decisions for tag in decision.tags)]))


def _protocol_facts(protocol: Protocol, kb: KnowledgeBase, here: str) -> list[tuple[str, str]]:
    registry = kb.registry
    return [
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
        ("Решения", f"{count(len(protocol.decisions), DECISIONS)}, из них поручений: {len(protocol.tasks)}"),
        ("Темы", ", ".join(link(text(tag), urls.topic(protocol.authority, tag), here) for tag in topics(protocol))),
        ("О протоколе в целом", "; ".join(_followup(followup, protocol, kb, here)
                                          for followup in protocol.followed_by)),
    ]


def _participant(participant: Participant | None, registry: Registry, here: str) -> str:
    """A participant as the document names them, linked to the registry where known."""
    if participant is None:
        return ""
    target = participant.person or participant.organization
    shown = entry_link(registry, target, here, participant.text) if target else text(participant.text)
    if participant.person and participant.organization:
        shown += f" ({entry_link(registry, participant.organization, here)})"
    return shown


def _decisions_table(protocol: Protocol, kb: KnowledgeBase, here: str, today: date) -> str:
    registry = kb.registry
    rows = []
    for decision in protocol.decisions:
        number = f"[{decision.id}](#{decision.anchor}){{#{decision.anchor}}}"
        what = f"**{text(decision.text)}**" if decision.is_heading else text(decision.text)
        if decision.note:
            what += f'<br><span class="pk-note">Примечание составителя: {text(decision.note)}</span>'
        what += "".join(f'<br><span class="pk-link">{_link(item, protocol, kb, here)}</span>'
                        for item in decision.links)
        what += "".join(f'<br><span class="pk-link">{_followup(followup, protocol, kb, here)}</span>'
                        for followup in decision.followed_by)
        assignees = entry_links(registry, decision.assignees, here)
        if not assignees and decision.inherited_assignees:
            assignees = (entry_links(registry, decision.inherited_assignees, here)
                         + ' <span class="pk-inherited">(из пункта выше)</span>')
        responsible = entry_links(registry, decision.responsible, here)
        if decision.responsible_text:
            responsible += f'<br><span class="pk-verbatim">в документе: {text(decision.responsible_text)}</span>'
        status = status_cell(decision, today, here, kb, every_name=True) if decision.is_task else ""
        rows.append([number, what, assignees, responsible.removeprefix("<br>"), deadline_history(decision, kb, here),
                     status])
    return cards("decisions", table(["№", "Решение", "Исполнители", "Ответственные", "Срок", "Статус"], rows))


def _link(item: Link, protocol: Protocol, kb: KnowledgeBase, here: str) -> str:
    """«Во исполнение: решение от 15 января 2020 г. № 1, п. 2»: where the decision comes from, linked."""
    deadline = f" — {text(item.deadline.text)}" if item.deadline else ""
    return f"{LINK_WORDS[item.type][0]}: {_reference(item.target, protocol, kb, here)}{deadline}"


def _followup(followup: FollowUp, protocol: Protocol, kb: KnowledgeBase, here: str) -> str:
    """«Срок изменён: решение от 2 марта 2020 г. № 2, п. 1 — до 20.03.2020»: what a later decision did."""
    deadline = f" — {text(followup.deadline.text)}" if followup.deadline else ""
    return f"{LINK_WORDS[followup.type][1]}: {_reference(followup.source, protocol, kb, here)}{deadline}"


def _reference(ref: Ref, protocol: Protocol, kb: KnowledgeBase, here: str) -> str:
    """A decision named by a link, linked: «п. 3» or «этот протокол» on its own protocol's page."""
    if ref.protocol != protocol.id:
        return link(text(decision_reference(kb, ref)), urls.ref_link(ref), here)
    if ref.decision is None:  # «контроль за исполнением настоящего решения возложить на …»
        return "этот протокол"
    return f'<a href="#{decision_anchor(ref.decision)}">п. {text(ref.decision)}</a>'


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
        lines.append(f'<a href="#{decision_anchor(decision_id)}">п. {text(decision_id)}</a>: '
                     f"{status_label(change.status)} — записано {long_date(change.committed.date())}, коммит {commit}")
    return bullets(lines)


def _source_facts(source: dict[str, str]) -> list[tuple[str, str]]:
    return [
        ("Файл", text(source.get("file", ""))),
        ("Адрес", f'<a href="{attribute(source["url"])}">{text(source["url"])}</a>' if "url" in source else ""),
        ("Получен", long_date(date.fromisoformat(source["retrieved"])) if "retrieved" in source else ""),
    ]
