"""Which tasks belong to a registry entry, and how many of them: one answer for pages, the home page and calendars.

An entry has the tasks addressed to it (`TaskIndex.tasks_assigned`): an organization's
directly or through a group it belongs to, a group's, a person's as the one
responsible. An authority also has the tasks its protocols give
(`TaskIndex.tasks_issued`), whoever they are addressed to. Every page, the home
summary and every calendar take their tasks from here, and count them with
`TaskCounts`, so the figures agree by construction; docs/about.md («Счёт
поручений») says what each figure counts and tests/test_site_counts.py checks
the built site.

The status and the deadline of a task are those in force (`Decision.outcome`,
`Decision.due`): a later decision that closed a task or moved its deadline
counts. An organization that marked its own part done («отметка исполнителя»)
counts the task as closed for itself (`closed_for`), as its справка does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from .model import KnowledgeBase, Organization, Task, Timing


@dataclass(frozen=True)
class TaskCounts:
    """How many tasks, and where they stand on one day."""

    total: int = 0
    dated: int = 0  # with a due date in force: the events of the entry's calendar
    open: int = 0  # neither done, cancelled nor withdrawn
    overdue: int = 0  # open, and the deadline in force has passed

    @classmethod
    def of(cls, tasks: Iterable[Task], today: date, kb: KnowledgeBase | None = None,
           executor: str | None = None) -> TaskCounts:
        """The counts of ``tasks``; with ``executor`` (and ``kb``), as that organization sees them."""
        total = dated = open_ = overdue = 0
        for task in tasks:
            total += 1
            dated += task.decision.due is not None
            if not closed_for(task, executor, kb):
                open_ += 1
                overdue += task.decision.timing(today) is Timing.OVERDUE
        return cls(total, dated, open_, overdue)

    def __add__(self, other: TaskCounts) -> TaskCounts:
        return TaskCounts(*(getattr(self, name) + getattr(other, name) for name in self.names()))

    @property
    def closed(self) -> int:
        return self.total - self.open

    @staticmethod
    def names() -> tuple[str, ...]:
        return tuple(field.name for field in fields(TaskCounts))


def closed_for(task: Task, executor: str | None, kb: KnowledgeBase | None) -> bool:
    """Whether the task is closed, or closed for the organization ``executor`` by its own mark."""
    return task.decision.outcome.is_closed or marked_closed(task, executor, kb)


def marked_closed(task: Task, executor: str | None, kb: KnowledgeBase | None) -> bool:
    """Whether the organization ``executor`` has a mark that closes the task for it: it has done its
    part, or the part is not its concern (its own mark or its group's, `Registry.progress`)."""
    if executor is None or kb is None or not task.decision.execution:
        return False
    mark = kb.progress(task.decision).mark_of(executor)
    return mark is not None and mark.status.is_closed


class TaskIndex:
    """The tasks of every registry entry, found in one pass over the knowledge base, in its order
    (newest protocol first, then document order).

    The model answers the same questions (`KnowledgeBase.tasks_of_organization` and its kin) by
    scanning every task: fine for one question, quadratic for a page or a calendar per registry
    entry. This index gives the same results in the same order (tests/test_site_pages.py)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._order = {task.key: index for index, task in enumerate(kb.tasks)}
        self._by_assignee: dict[str, list[Task]] = defaultdict(list)
        self._by_responsible: dict[str, list[Task]] = defaultdict(list)
        self._by_issuer: dict[str, list[Task]] = defaultdict(list)
        for task in kb.tasks:
            for assignee in task.decision.all_assignees:
                self._by_assignee[assignee].append(task)
            for person in task.decision.responsible:
                self._by_responsible[person].append(task)
            self._by_issuer[task.protocol.authority].append(task)

    def tasks_assigned(self, entry_id: str) -> tuple[Task, ...]:
        """What the entry must do: an organization's tasks (its groups' too), a group's, a person's."""
        registry = self.kb.registry
        if entry_id in registry.organizations:
            return self.tasks_of_organization(entry_id)
        if entry_id in registry.groups:
            return self.tasks_of_group(entry_id)
        return self.tasks_of_person(entry_id)

    def tasks_of_organization(self, org_id: str) -> tuple[Task, ...]:
        """Tasks assigned to the organization directly or through a group it belongs to."""
        addressees = (org_id, *self.kb.registry.groups_of.get(org_id, ()))
        found = {task.key: task for addressee in addressees for task in self._by_assignee.get(addressee, ())}
        return tuple(sorted(found.values(), key=lambda task: self._order[task.key]))

    def tasks_of_group(self, group_id: str) -> tuple[Task, ...]:
        return tuple(self._by_assignee.get(group_id, ()))

    def tasks_of_person(self, person_id: str) -> tuple[Task, ...]:
        return tuple(self._by_responsible.get(person_id, ()))

    def tasks_issued(self, authority_id: str) -> tuple[Task, ...]:
        """What the authority's protocols give, to whomever they are addressed."""
        return tuple(self._by_issuer.get(authority_id, ()))


def executor_of(entry: object) -> str | None:
    """The organization whose own marks close a task for it: the entry, if it is an organization."""
    return entry.id if isinstance(entry, Organization) else None
