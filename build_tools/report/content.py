"""The справка об исполнении as data: sections by protocol, one row per поручение.

`build_report(kb, entry_id, period, as_of)` selects the tasks of an organization
(its own and its groups'), of a group, or of an authority (every decision of its
protocols), adopted in the period or due in it, and says for each what the
report shows: the поручение, the deadline (the original one and the one in
force, with the decision that moved it), the executors and the mark of
execution as of ``as_of``, with what is overdue. Every text is plain Russian;
``task`` and the refs in ``changed_by`` let a page link what a document
cannot. Nothing here reads the clock or knows a renderer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from ..model import (Decision, Execution, Group, KnowledgeBase, Organization, Progress, Protocol, Ref, State, Status,
                     Task)
from ..russian import CLOSED_WORDS, STATE_WORDS, long_date

TITLE = "Справка об исполнении поручений"
TITLE_LINES = ("СПРАВКА", "об исполнении поручений")  # the title as the head of the document sets it
MARK_WORDS = {state: STATE_WORDS[state] for state in State if state is not State.OPEN}
EXECUTOR_MARK_WORDS = {State.DONE: STATE_WORDS[State.DONE], State.CANCELLED: "не требуется"}
PENDING_SHOWN = 15  # executors without a mark named in a row; the rest are counted
# Who has not reported, in the calendar's words: the knowledge base knows of no mark, not that nothing was done.
PENDING_WORDS = "без отметки"


class Selection(str, Enum):
    """Which tasks a period takes: those adopted in it, or those whose deadline in force falls in it."""

    MEETING = "meeting"
    DEADLINE = "deadline"


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    selection: Selection = Selection.MEETING

    def takes(self, task: Task) -> bool:
        day = task.protocol.date if self.selection is Selection.MEETING else task.decision.due
        return day is not None and self.start <= day <= self.end

    @property
    def wording(self) -> str:
        """«данные с 1 января 2020 г. по 31 марта 2020 г.»."""
        span = f"с {long_date(self.start)} по {long_date(self.end)}"
        return f"данные {span}" if self.selection is Selection.MEETING else f"со сроком исполнения {span}"


@dataclass(frozen=True)
class Scope:
    """Whom the report is about."""

    id: str
    name: str
    kind: str  # "organization", "group" or "authority"


@dataclass(frozen=True)
class ReportRow:
    number: int  # № п/п, through the whole report
    task: Task
    assignment: str  # «п. 2.1. Провести анализ результатов ВПР.»
    deadline: str  # the deadline as written, the day, and each change by a later decision
    executors: str
    mark: str  # отметка об исполнении
    due: date | None  # the last day of the deadline in force
    overdue_days: int | None  # days past the deadline in force on the report's day; None when not overdue
    closed: bool  # done, cancelled or withdrawn, for the scope
    changed_by: tuple[Ref, ...] = ()  # the later decisions that moved the deadline or closed the decision


@dataclass(frozen=True)
class ReportSection:
    protocol: Protocol
    title: str  # «Решение совещания от 15 января 2020 г. № 1. О подготовке к ВПР»
    rows: tuple[ReportRow, ...]


@dataclass(frozen=True)
class Report:
    scope: Scope
    period: Period
    as_of: date
    sections: tuple[ReportSection, ...]

    @property
    def rows(self) -> tuple[ReportRow, ...]:
        return tuple(row for section in self.sections for row in section.rows)

    @property
    def overdue(self) -> tuple[ReportRow, ...]:
        return tuple(row for row in self.rows if row.overdue_days is not None)

    @property
    def heading(self) -> tuple[str, ...]:
        """The lines under the title: whom, which поручения, on which day."""
        return (f"{_SCOPE_WORDS[self.scope.kind]}: {self.scope.name}", f"Поручения, {self.period.wording}",
                f"По состоянию на {long_date(self.as_of)}")

    @property
    def overdue_line(self) -> str:
        """«Просрочены поручения № 1, 3.» under the summary; empty when none is."""
        if not self.overdue:
            return ""
        return "Просрочены поручения № " + ", ".join(str(row.number) for row in self.overdue) + "."

    @property
    def summary(self) -> str:
        rows = self.rows
        closed = sum(row.closed for row in rows)
        return (f"Всего поручений: {len(rows)}; {CLOSED_WORDS}: {closed}; "
                f"{STATE_WORDS[State.OPEN]}: {len(rows) - closed}, из них просрочено: {len(self.overdue)}.")


_SCOPE_WORDS = {"organization": "Исполнитель", "group": "Исполнители", "authority": "Орган"}


def decision_reference(kb: KnowledgeBase, ref: Ref) -> str:
    """«решение от 2 марта 2020 г. № 2, п. 1»: a decision named from another one, as a document names it
    (the site's pages name links between decisions the same way)."""
    protocol = kb.protocol(ref.protocol)
    if protocol is None:  # only in a knowledge base with errors
        return f"решение {ref.key}"
    number = f" № {protocol.number}" if protocol.number else ""
    return f"решение от {long_date(protocol.date)}{number}" + (f", п. {ref.decision}" if ref.decision else "")


class UnknownScope(Exception):
    """The id names no organization or group of the registry."""


def build_report(kb: KnowledgeBase, entry_id: str, period: Period, as_of: date,
                 tasks: Iterable[Task] | None = None) -> Report:
    """The report of ``entry_id``; ``tasks`` are its tasks (`scope_tasks`) when the caller has them at hand:
    the site's index of who is named where, so that a page per school year does not scan the whole base."""
    scope = _scope(kb, entry_id)
    builder = _RowBuilder(kb, scope, as_of)
    sections, number = [], 0
    by_protocol: dict[str, list[Task]] = {}
    for task in scope_tasks(kb, scope) if tasks is None else tasks:
        if period.takes(task):
            by_protocol.setdefault(task.protocol.id, []).append(task)
    for protocol_tasks in sorted(by_protocol.values(), key=lambda found: (found[0].protocol.date, found[0].protocol.id)):
        rows = []
        for task in protocol_tasks:
            number += 1
            rows.append(builder.row(number, task))
        sections.append(ReportSection(protocol_tasks[0].protocol, _section_title(protocol_tasks[0].protocol),
                                      tuple(rows)))
    return Report(scope, period, as_of, tuple(sections))


def scope_tasks(kb: KnowledgeBase, scope: Scope) -> tuple[Task, ...]:
    """An organization's tasks and its groups', a group's, or every task of an authority's protocols."""
    if scope.kind == "authority":
        return tuple(task for task in kb.tasks if task.protocol.authority == scope.id)
    if scope.kind == "organization":
        return kb.tasks_of_organization(scope.id)
    return kb.tasks_of_group(scope.id)


def _scope(kb: KnowledgeBase, entry_id: str) -> Scope:
    entry = kb.registry.get(entry_id)
    if isinstance(entry, Organization):
        return Scope(entry_id, entry.name, "authority" if entry.is_authority else "organization")
    if isinstance(entry, Group):
        return Scope(entry_id, entry.name, "group")
    raise UnknownScope(entry_id)


def protocol_label(protocol: Protocol) -> str:
    """«Выписка из протокола от 12 января 2022 г. № 2»: a protocol as its readers cite it."""
    label = f"{protocol.kind[:1].upper()}{protocol.kind[1:]} от {long_date(protocol.date)}"
    return f"{label} № {protocol.number}" if protocol.number else label


def _section_title(protocol: Protocol) -> str:
    """«Решение совещания от 15 января 2020 г. № 1. О подготовке к ВПР» (one full stop after «г.»)."""
    label = protocol_label(protocol)
    return f"{label}{'' if label.endswith('.') else '.'} {protocol.title}"


class _RowBuilder:
    def __init__(self, kb: KnowledgeBase, scope: Scope, as_of: date):
        self.kb, self.scope, self.as_of = kb, scope, as_of

    def row(self, number: int, task: Task) -> ReportRow:
        decision = task.decision
        progress = self.kb.progress(decision)
        own = progress.mark_of(self.scope.id) if self.scope.kind == "organization" else None
        closed = decision.outcome.is_closed or (own is not None and own.status.is_closed)
        overdue = None if closed or decision.due is None or decision.due >= self.as_of else \
            (self.as_of - decision.due).days
        changed_by = tuple(change.source for change in decision.deadline_changes) + \
            ((decision.outcome.by,) if decision.outcome.by else ())
        return ReportRow(number, task, f"п. {decision.id}. {decision.text}", self.deadline(decision),
                         self.executors(decision), self.mark(decision, progress, own, overdue), decision.due, overdue,
                         closed, changed_by)

    def deadline(self, decision: Decision) -> str:
        if decision.deadline is None and not decision.deadline_changes:
            return "не установлен"
        lines = []
        if decision.deadline is not None:
            lines.append(decision.deadline.text + (f" ({long_date(decision.deadline.due)})"
                                                   if decision.deadline.due and decision.deadline.inferred else ""))
        for change in decision.deadline_changes:
            lines.append(f"изменён: {change.deadline.text} — {self.source(change.source)}")
        return "\n".join(lines)

    def executors(self, decision: Decision) -> str:
        label = self.kb.registry.label
        names = [label(entry_id) for entry_id in decision.all_assignees]
        names += [label(person_id) for person_id in decision.responsible if not decision.all_assignees]
        return ", ".join(names) or (decision.responsible_text or "")

    def mark(self, decision: Decision, progress: Progress, own: Execution | None, overdue: int | None) -> str:
        lines = []
        if decision.outcome.is_closed:
            lines.append(self.status(decision.outcome, MARK_WORDS))
        elif own is not None:
            lines.append(self.status(own.status, EXECUTOR_MARK_WORDS))
        if self.scope.kind != "organization" and progress.is_recorded:
            line = f"выполнено {len(progress.done)} из {progress.required}"
            if progress.pending:
                shown = ", ".join(map(self.kb.registry.label, progress.pending[:PENDING_SHOWN]))
                rest = len(progress.pending) - PENDING_SHOWN
                line += f"; {PENDING_WORDS}: {shown}" + (f" и ещё {rest}" if rest > 0 else "")
            lines.append(line)
        if not lines:
            lines.append("отметки об исполнении нет")
        if overdue is not None:
            lines.append(f"просрочено на {overdue} дн.")
        return "\n".join(lines)

    def status(self, status: Status, words: dict[State, str]) -> str:
        text = words[status.state] + (f" {long_date(status.date)}" if status.date else "")
        if status.by:
            text += f" ({self.source(status.by)})"
        details = [detail for detail in (status.note, status.reference) if detail]
        return text + (": " + "; ".join(details) if details else "")

    def source(self, ref: Ref) -> str:
        return decision_reference(self.kb, ref)
