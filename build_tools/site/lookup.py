"""Who is named where, computed once per build so that each page is a lookup, not a scan.

The model answers the same questions (`KnowledgeBase.tasks_of_organization`,
`protocols_mentioning`, …) by scanning every task or protocol: fine for one
question, quadratic for a page per registry entry. `Lookup` inverts the
knowledge base in one pass and answers with the same results in the same
order (tests/test_site_pages.py compares them).
"""

from __future__ import annotations

from collections import defaultdict

from ..model import KnowledgeBase, Protocol, Task


class Lookup:
    """Tasks and protocols per registry id: what the pages of organizations, groups and people list."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._order = {task.key: index for index, task in enumerate(kb.tasks)}
        self._by_assignee: dict[str, list[Task]] = defaultdict(list)
        self._by_responsible: dict[str, list[Task]] = defaultdict(list)
        for task in kb.tasks:
            for assignee in task.decision.all_assignees:
                self._by_assignee[assignee].append(task)
            for person in task.decision.responsible:
                self._by_responsible[person].append(task)
        self._mentions: dict[str, list[Protocol]] = defaultdict(list)
        for protocol in kb.protocols:
            for entry_id in sorted(protocol.participants()):
                self._mentions[entry_id].append(protocol)

    def tasks_of_organization(self, org_id: str) -> tuple[Task, ...]:
        """Tasks assigned to the organization directly or through a group it belongs to."""
        addressees = (org_id, *self.kb.registry.groups_of.get(org_id, ()))
        found = {task.key: task for addressee in addressees for task in self._by_assignee.get(addressee, ())}
        return tuple(sorted(found.values(), key=lambda task: self._order[task.key]))

    def tasks_of_group(self, group_id: str) -> tuple[Task, ...]:
        return tuple(self._by_assignee.get(group_id, ()))

    def tasks_of_person(self, person_id: str) -> tuple[Task, ...]:
        return tuple(self._by_responsible.get(person_id, ()))

    def protocols_mentioning(self, entry_id: str) -> tuple[Protocol, ...]:
        return tuple(self._mentions.get(entry_id, ()))

    def protocols_of_authority(self, authority_id: str) -> tuple[Protocol, ...]:
        return tuple(protocol for protocol in self.protocols_mentioning(authority_id)
                     if protocol.authority == authority_id)
