"""How the site is cut into parts that build apart, in parallel, and join into one folder.

One MkDocs build keeps every page of the site in memory until its end, so a
region's knowledge base does not fit one build (benchmarks/results.md). The
site is therefore built in parts (docs/about.md, «Сборка частями»):

* a **part** hosts a few authorities: their protocols, the pages of their
  organizations, groups and people, their protocol lists, deadlines pages,
  calendars and open data;
* the **hub** hosts what is about all of them: the home page, the indexes,
  the topics, and the registry entries that belong to no authority;
* every page keeps its address whichever part builds it (`build_tools.urls`),
  so links cross parts freely and a new cut changes no address.

A part needs more protocols than its own: the page of an organization lists
every protocol that names it, and some of those were written by another
authority. The planner sees every protocol once and records, for each part,
which protocol files to load: its own and those that name what it hosts.
It also keeps the few figures the hub shows about everybody (counts per
authority, the newest protocols, the latest overdue and the next tasks), so
the hub loads a handful of protocols instead of all.

`SitePlan.whole` is the plan of a single build that holds everything: what
`mkdocs build` and `mkdocs serve` do without a plan file, and what the parts
joined must equal.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from ..counts import TaskCounts
from ..model import Protocol, Registry, Task, Timing
from ..pipeline import PROTOCOLS_DIR

HUB = "hub"
WHOLE = "site"
HOME_LIST_LIMIT = 10  # tasks and protocols the home page lists of each kind; it counts the rest
DEFAULT_PART_PROTOCOLS = 1500  # own protocols of a part: ≈ 500 MB of one build (benchmarks/results.md)


@dataclass(frozen=True)
class Part:
    """What one build of the site makes, and which protocol files it reads to make it."""

    name: str
    hub: bool  # the home page, the indexes and the entries of no authority
    authorities: tuple[str, ...]
    protocols: tuple[str, ...] | None = None  # paths relative to the root; None: every protocol

    def hosts(self, registry: Registry, entry_id: str) -> bool:
        """Whether this part builds the page of a registry entry."""
        host = host_of(registry, entry_id)
        return self.hub if host is None else host in self.authorities

    def hosted_entries(self, registry: Registry) -> Iterator[str]:
        """Registry ids whose pages and calendars this part builds, in the registry's order."""
        for entry_id in [*registry.organizations, *registry.groups, *registry.people]:
            if self.hosts(registry, entry_id):
                yield entry_id


@dataclass
class AuthorityFacts:
    """What the hub says of one authority: its protocols and where its tasks stand on the build day."""

    protocols: int = 0
    latest: str | None = None  # ISO date of its newest protocol
    issued: TaskCounts = TaskCounts()  # the tasks its protocols give (`TaskIndex.tasks_issued`)
    timings: dict[str, int] = field(default_factory=dict)  # Timing value → tasks
    topics: dict[str, int] = field(default_factory=dict)  # tag → protocols

    def count(self, timing: Timing) -> int:
        return self.timings.get(timing.value, 0)

    @classmethod
    def from_dict(cls, raw: dict) -> AuthorityFacts:
        return cls(**{**raw, "issued": TaskCounts(**raw["issued"])})


@dataclass(frozen=True)
class HomeLists:
    """The tasks and protocols the home page lists: keys of tasks, ids of protocols, with the full counts."""

    latest_protocols: tuple[str, ...] = ()
    overdue: tuple[str, ...] = ()  # the latest deadlines first
    overdue_total: int = 0
    soon: tuple[str, ...] = ()  # the nearest deadlines first
    soon_total: int = 0


@dataclass(frozen=True)
class SitePlan:
    today: date
    parts: tuple[Part, ...]
    authorities: dict[str, AuthorityFacts]
    home: HomeLists

    def part(self, name: str) -> Part:
        for part in self.parts:
            if part.name == name:
                return part
        raise KeyError(f"в плане сайта нет части «{name}»: есть {', '.join(part.name for part in self.parts)}")

    def to_json(self) -> str:
        document = {"today": self.today.isoformat(), "parts": [asdict(part) for part in self.parts],
                    "authorities": {key: asdict(value) for key, value in self.authorities.items()},
                    "home": asdict(self.home)}
        return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> SitePlan:
        document = json.loads(text)
        parts = tuple(Part(raw["name"], raw["hub"], tuple(raw["authorities"]),
                           None if raw["protocols"] is None else tuple(raw["protocols"])) for raw in document["parts"])
        home = HomeLists(**{key: tuple(value) if isinstance(value, list) else value
                            for key, value in document["home"].items()})
        return cls(date.fromisoformat(document["today"]), parts,
                   {key: AuthorityFacts.from_dict(value) for key, value in document["authorities"].items()}, home)

    @classmethod
    def read(cls, path: Path) -> SitePlan:
        return cls.from_json(path.read_text(encoding="utf-8"))


def host_of(registry: Registry, entry_id: str) -> str | None:
    """The authority whose part builds an entry's page; None for the hub."""
    authority = registry.organizations.get(registry.authority_of(entry_id) or "")
    return authority.id if authority is not None and authority.is_authority else None


class Planner:
    """Sees every protocol once, keeps what the plan needs, and cuts the site into parts."""

    def __init__(self, registry: Registry, today: date):
        self.registry = registry
        self.today = today
        self.authorities = {org.id: AuthorityFacts() for org in registry.organizations.values() if org.is_authority}
        self.own: dict[str, list[str]] = defaultdict(list)  # authority → its protocol files
        self.named_by: dict[str | None, set[str]] = defaultdict(set)  # host → other authorities' files naming it
        self.linked: dict[str, set[str]] = defaultdict(set)  # protocol file → files of the protocols linked to or from it
        self._paths: dict[str, str] = {}  # protocol id → file, for the protocols the home page lists
        self._latest: list[tuple[tuple[date, str], str]] = []  # heaps of the home page's lists
        self._overdue: list[tuple[tuple[date, str], str]] = []
        self._soon: list[tuple[tuple[int, str], str]] = []
        self._overdue_total = self._soon_total = 0

    def add(self, protocol: Protocol) -> None:
        facts = self.authorities.setdefault(protocol.authority, AuthorityFacts())
        facts.protocols += 1
        facts.latest = max(facts.latest or "", protocol.date.isoformat())
        topics = Counter(facts.topics)
        topics.update(set(protocol.tags) | {tag for decision in protocol.decisions for tag in decision.tags})
        facts.topics = dict(topics)
        self.own[protocol.authority].append(protocol.path)
        for host in {host_of(self.registry, entry_id) for entry_id in protocol.participants()}:
            if host != protocol.authority:
                self.named_by[host].add(protocol.path)
        self._paths[protocol.id] = protocol.path
        for decision in protocol.decisions:
            for link in decision.links:
                target = f"{PROTOCOLS_DIR}/{link.target.protocol}.md"
                self.linked[target].add(protocol.path)
                self.linked[protocol.path].add(target)
        _keep(self._latest, ((protocol.date, protocol.id), protocol.id))
        for decision in protocol.tasks:
            self._add_task(Task(protocol, decision), facts)

    def _add_task(self, task: Task, facts: AuthorityFacts) -> None:
        timing = task.decision.timing(self.today)
        facts.issued += TaskCounts.of((task,), self.today)
        facts.timings[timing.value] = facts.timings.get(timing.value, 0) + 1
        if timing is Timing.OVERDUE:
            self._overdue_total += 1
            _keep(self._overdue, ((task.decision.due, task.key), task.key))
        elif timing is Timing.SOON:
            self._soon_total += 1
            _keep(self._soon, ((-task.decision.due.toordinal(), task.key), task.key))

    def home(self) -> HomeLists:
        return HomeLists(_ranked(self._latest), _ranked(self._overdue), self._overdue_total,
                         _ranked(self._soon), self._soon_total)

    def plan(self, max_part_protocols: int | None = None) -> SitePlan:
        """The parts: one build of everything, or the hub and parts of at most ``max_part_protocols``."""
        for facts in self.authorities.values():
            facts.topics = dict(sorted(facts.topics.items()))
        home = self.home()
        if max_part_protocols is None:
            return SitePlan(self.today, (Part(WHOLE, True, tuple(sorted(self.authorities))),), self.authorities, home)
        hub_files = self.named_by[None] | {self._paths[protocol_id] for protocol_id in home.latest_protocols}
        hub_files |= {self._paths[key.split("#", 1)[0]] for key in (*home.overdue, *home.soon)}
        parts = [Part(HUB, True, (), self._with_links(hub_files))]
        for number, authorities in enumerate(self._cut(max_part_protocols), start=1):
            files = {path for authority in authorities for path in (*self.own[authority], *self.named_by[authority])}
            parts.append(Part(f"part-{number:03d}", False, authorities, self._with_links(files)))
        return SitePlan(self.today, tuple(parts), self.authorities, home)

    def _with_links(self, files: set[str]) -> tuple[str, ...]:
        """The files, and those of the protocols they link to or that link to them: a later decision
        changes an earlier one's deadline or state, and a decision's page names what it refers to."""
        return tuple(sorted(files.union(*(self.linked[path] for path in files))))

    def _cut(self, max_part_protocols: int) -> Iterable[tuple[str, ...]]:
        """Authorities by region, then id, in runs of at most ``max_part_protocols`` own protocols (an
        authority larger than that makes a part of its own)."""
        ordered = sorted(self.authorities, key=lambda authority: (self._region(authority), authority))
        run: list[str] = []
        size = 0
        for authority in ordered:
            count = len(self.own[authority])
            if run and size + count > max_part_protocols:
                yield tuple(run)
                run, size = [], 0
            run.append(authority)
            size += count
        if run:
            yield tuple(run)

    def _region(self, authority: str) -> str:
        org = self.registry.organizations.get(authority)
        return (org.region or "") if org else ""


def plan_site(protocols: Iterable[Protocol], registry: Registry, today: date,
              max_part_protocols: int | None = None) -> SitePlan:
    planner = Planner(registry, today)
    for protocol in protocols:
        planner.add(protocol)
    return planner.plan(max_part_protocols)


def _keep(heap: list, item: tuple) -> None:
    """Keep the HOME_LIST_LIMIT greatest items of a heap."""
    if len(heap) < HOME_LIST_LIMIT:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def _ranked(heap: list) -> tuple[str, ...]:
    return tuple(value for _, value in sorted(heap, reverse=True))
