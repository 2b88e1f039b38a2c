"""Step 3b of the pipeline: links between decisions, checked and seen from both ends.

A decision records its links in its own front matter (`links:`): «во исполнение
п. 3.2 протокола от 22.11.2019», «продлить срок исполнения п. 2.1 протокола № 5
до …», «снять с контроля», «контроль за исполнением возложить на …». Once every
protocol is modelled, this module checks that each named protocol and decision
exists, and gives every target the links that name it (`Decision.followed_by`,
`Protocol.followed_by`) and the ones that change it (`Decision.changes`). A link
that changes something (a new deadline, «считать исполненным», «снять с
контроля», «признать утратившим силу») and names a heading or a whole protocol
changes every decision under it, as «продлить срок исполнения п. 3» does for
3.1 and 3.2.

What the links mean for editors: docs/format/execution.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from .model import Decision, FollowUp, Link, Protocol, Ref
from .problems import Problem, error, warning
from .rules import ProtocolRules

SHOWN_DECISION_IDS = 20  # an error message lists at most this many of the target's decision numbers


@dataclass(frozen=True)
class Target:
    """What a link may name in one protocol file."""

    date: date | None
    decisions: tuple[str, ...] | None  # None: the file exists but is not a readable protocol


@dataclass(frozen=True)
class LinkSite:
    """A link where it is written: what a message about its target points at."""

    path: str
    line: int
    col: int
    where: str  # «решение 4, поле links[0]»
    date: date  # the meeting date of the linking protocol
    link: Link


def link_sites(rules: ProtocolRules) -> list[LinkSite]:
    """The links of one checked protocol, with their places in the file."""
    sites = []
    for index, decision in enumerate(rules.modelled_decisions):
        for position, link in enumerate(decision.links):
            node = ("decisions", index, "links", position)
            line, col = rules.source.positions.of_value(node)
            sites.append(LinkSite(rules.source.path, line, col, rules.where(node), rules.meeting_date, link))
    return sites


def check_targets(sites: Iterable[LinkSite], lookup: Callable[[str], Target | None]) -> Iterator[Problem]:
    """Every link names a protocol that exists and, where it names one, a decision of it."""
    for site in sites:
        ref = site.link.target
        target = lookup(ref.protocol)
        if target is None:
            yield error(site.path, site.line, site.col, f"{site.where}: нет протокола «{ref.protocol}» (файла "
                        f"protocols/{ref.protocol}.md); protocol — это папка органа и имя файла без .md")
        elif target.decisions is None:
            continue  # the target's own problems are reported with it
        elif ref.decision is not None and ref.decision not in target.decisions:
            shown = ", ".join(target.decisions[:SHOWN_DECISION_IDS])
            more = ", …" if len(target.decisions) > SHOWN_DECISION_IDS else ""
            yield error(site.path, site.line, site.col, f"{site.where}: в протоколе «{ref.protocol}» нет решения "
                        f"«{ref.decision}»; есть: {shown}{more}")
        elif target.date is not None and target.date > site.date:
            yield warning(site.path, site.line, site.col, f"{site.where}: протокол «{ref.protocol}» ({target.date}) "
                          f"позже этого ({site.date}); ссылка вперёд во времени — проверьте её по источнику")


def attach_followups(protocols: list[Protocol]) -> list[Protocol]:
    """The protocols, in the same order, with every link also recorded at its target."""
    incoming: dict[str, list[tuple[str | None, FollowUp]]] = defaultdict(list)
    for protocol in protocols:
        for decision in protocol.decisions:
            for link in decision.links:
                followup = FollowUp(link.type, Ref(protocol.id, decision.id), protocol.date, link.deadline, link.text)
                incoming[link.target.protocol].append((link.target.decision, followup))
    return [_with_followups(protocol, incoming[protocol.id]) if protocol.id in incoming else protocol
            for protocol in protocols]


def _with_followups(protocol: Protocol, followups: list[tuple[str | None, FollowUp]]) -> Protocol:
    followups.sort(key=lambda item: (item[1].date, item[1].source.key))
    whole = tuple(followup for target, followup in followups if target is None)
    decisions = tuple(_decision_with(decision, followups) for decision in protocol.decisions)
    return replace(protocol, decisions=decisions, followed_by=whole)


def _decision_with(decision: Decision, followups: list[tuple[str | None, FollowUp]]) -> Decision:
    named = tuple(followup for target, followup in followups if target == decision.id)
    changes = tuple(followup for target, followup in followups
                    if followup.type.changes_target and _covers(target, decision.id))
    return replace(decision, followed_by=named, changes=changes) if named or changes else decision


def _covers(target: str | None, decision_id: str) -> bool:
    """A link to «3» covers 3, 3.1, 3.2.1…; a link to a whole protocol covers all of it."""
    return target is None or decision_id == target or decision_id.startswith(target + ".")
