"""Who is named where, computed once per build so that each page is a lookup, not a scan.

The tasks of an entry are `counts.TaskIndex`'s, the one answer pages and calendars share;
this adds the protocols that name an entry (`KnowledgeBase.protocols_mentioning`, inverted).
"""

from __future__ import annotations

from collections import defaultdict

from ..counts import TaskIndex
from ..model import KnowledgeBase, Protocol


class Lookup(TaskIndex):
    """Tasks and protocols per registry id: what the pages of organizations, groups and people list."""

    def __init__(self, kb: KnowledgeBase) -> None:
        super().__init__(kb)
        self._mentions: dict[str, list[Protocol]] = defaultdict(list)
        for protocol in kb.protocols:
            for entry_id in sorted(protocol.participants()):
                self._mentions[entry_id].append(protocol)

    def protocols_mentioning(self, entry_id: str) -> tuple[Protocol, ...]:
        return tuple(self._mentions.get(entry_id, ()))

    def protocols_of_authority(self, authority_id: str) -> tuple[Protocol, ...]:
        return tuple(protocol for protocol in self.protocols_mentioning(authority_id)
                     if protocol.authority == authority_id)
