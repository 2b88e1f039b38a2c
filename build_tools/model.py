"""Step 3 of the pipeline: the knowledge base as frozen objects.

Built from data that passed the schema. Renderers (site pages, calendar feeds,
open data) read these objects only, never the raw YAML. Derived values (ids,
anchors, urls, inherited assignees, task state on a given day) live here so
that every renderer agrees on them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cached_property
from typing import Any

from .deadlines import Deadline

SOON_DAYS = 30
CURRENT_DAYS = 365  # how long an open task stays among the work of today without a date ahead (Task.is_current)


@dataclass(frozen=True)
class Organization:
    id: str
    kind: str
    name: str
    short_name: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    municipality: str | None = None
    region: str | None = None
    timezone: str | None = None
    address: str | None = None
    website: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def is_authority(self) -> bool:
        return self.kind == "authority"


@dataclass(frozen=True)
class Group:
    """A set of organizations addressed together: «руководители ОО» of an authority."""

    id: str
    name: str
    authority: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    note: str | None = None

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    position: str | None = None
    organization: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class Registry:
    organizations: dict[str, Organization]
    groups: dict[str, Group]
    people: dict[str, Person]

    def get(self, entry_id: str) -> Organization | Group | Person | None:
        return self.organizations.get(entry_id) or self.groups.get(entry_id) or self.people.get(entry_id)

    @cached_property
    def groups_of(self) -> dict[str, tuple[str, ...]]:
        """Organization id → ids of the groups it is a member of."""
        memberships: dict[str, list[str]] = defaultdict(list)
        for group in self.groups.values():
            for member in group.members:
                memberships[member].append(group.id)
        return {org: tuple(groups) for org, groups in memberships.items()}

    def authority_of(self, entry_id: str) -> str | None:
        """The authority an organization, group or person belongs to."""
        entry = self.get(entry_id)
        if isinstance(entry, Organization):
            return entry.id if entry.is_authority else entry.parent
        if isinstance(entry, Group):
            return entry.authority
        if isinstance(entry, Person) and entry.organization:
            return self.authority_of(entry.organization)
        return None


@dataclass(frozen=True)
class Participant:
    text: str
    person: str | None = None
    organization: str | None = None


class State(str, Enum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Status:
    state: State = State.OPEN
    date: date | None = None
    note: str | None = None
    link: str | None = None


@dataclass(frozen=True, order=True)
class SchoolYear:
    """1 September to 31 August: the year schools and authorities plan and report by.

    Histories are kept per school year (a task belongs to the school year of the
    meeting that set it) and deadlines are charted per school year of their date.
    Not the «учебный год» of the deadline grammar, which ends with the lessons on
    31 May (`DeadlineRules`): that is when a wording's period ends, this is a
    bookkeeping year.
    """

    start: int  # the calendar year it begins in: 2021 for 2021/22

    @classmethod
    def of(cls, day: date) -> SchoolYear:
        return cls(day.year if day.month >= 9 else day.year - 1)



class Timing(str, Enum):
    """Where a task stands on a given day: the sections of an organization page."""

    OVERDUE = "overdue"
    SOON = "soon"
    LATER = "later"
    UNDATED = "undated"
    CLOSED = "closed"


@dataclass(frozen=True)
class Decision:
    id: str
    text: str
    agenda: str | None = None
    assignees: tuple[str, ...] = ()
    inherited_assignees: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    responsible_text: str | None = None
    deadline: Deadline | None = None
    status: Status = Status()
    tags: tuple[str, ...] = ()
    note: str | None = None
    is_heading: bool = False

    @property
    def anchor(self) -> str:
        """Stable HTML anchor of the decision on its protocol page: «d-3-2»."""
        return "d-" + self.id.replace(".", "-")

    @property
    def all_assignees(self) -> tuple[str, ...]:
        return self.assignees or self.inherited_assignees

    @property
    def is_task(self) -> bool:
        """A decision someone must carry out: not a heading, and addressed or timed."""
        return not self.is_heading and bool(self.all_assignees or self.responsible or self.deadline)

    @property
    def due(self) -> date | None:
        return self.deadline.due if self.deadline else None

    def timing(self, today: date, soon_days: int = SOON_DAYS) -> Timing:
        if self.status.state is not State.OPEN:
            return Timing.CLOSED
        if self.due is None:
            return Timing.UNDATED
        if self.due < today:
            return Timing.OVERDUE
        if (self.due - today).days <= soon_days:
            return Timing.SOON
        return Timing.LATER


@dataclass(frozen=True)
class Protocol:
    id: str  # "<authority>/<file stem>", unique and stable: the base of urls and uids
    path: str  # source file, relative to the knowledge base root
    kind: str
    title: str
    authority: str
    date: date
    decisions: tuple[Decision, ...]
    body: str = ""
    meeting: str | None = None
    number: str | None = None
    time: str | None = None
    place: str | None = None
    chair: Participant | None = None
    secretary: Participant | None = None
    attendees: tuple[Participant, ...] = ()
    speakers: tuple[Participant, ...] = ()
    agenda: tuple[tuple[str, str], ...] = ()
    source: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.id.split("/", 1)[1]

    @property
    def tasks(self) -> tuple[Decision, ...]:
        return tuple(decision for decision in self.decisions if decision.is_task)

    def participants(self) -> set[str]:
        """Registry ids of everyone the protocol names: people, organizations, groups."""
        ids: set[str] = {self.authority}
        for participant in (self.chair, self.secretary, *self.attendees, *self.speakers):
            if participant:
                ids.update(filter(None, (participant.person, participant.organization)))
        for decision in self.decisions:
            ids.update(decision.all_assignees, decision.responsible)
        return ids


@dataclass(frozen=True)
class Task:
    """A decision seen from outside its protocol: what the pages and feeds list."""

    protocol: Protocol
    decision: Decision

    @property
    def key(self) -> str:
        """Stable identity of the task across rebuilds: «uo-nazarovo/2022-01-12-…#3.2»."""
        return f"{self.protocol.id}#{self.decision.id}"

    @property
    def school_year(self) -> SchoolYear:
        """The school year of the meeting that set the task."""
        return SchoolYear.of(self.protocol.date)

    def is_current(self, today: date) -> bool:
        """What its addressees must do now: open, and set in the last twelve months or due from today on.

        An open task set earlier whose deadline has passed (or that has no date)
        is one nobody marked done for a year: it stays on the page of its school
        year, counted but not listed among the work of today (docs/about.md). The
        bound keeps the page of a busy school under 300 KB: 10 to 30 meetings a
        year give a school 100 to 300 tasks.
        """
        if self.decision.status.state is not State.OPEN:
            return False
        due = self.decision.due
        return (today - self.protocol.date).days < CURRENT_DAYS or (due is not None and due >= today)


@dataclass(frozen=True)
class KnowledgeBase:
    registry: Registry
    protocols: tuple[Protocol, ...]  # newest first

    @cached_property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(Task(protocol, decision) for protocol in self.protocols for decision in protocol.tasks)

    def tasks_of_organization(self, org_id: str) -> tuple[Task, ...]:
        """Tasks assigned to the organization directly or through a group it belongs to."""
        addressees = {org_id, *self.registry.groups_of.get(org_id, ())}
        return tuple(task for task in self.tasks if addressees & set(task.decision.all_assignees))

    def tasks_of_group(self, group_id: str) -> tuple[Task, ...]:
        return tuple(task for task in self.tasks if group_id in task.decision.all_assignees)

    def tasks_of_person(self, person_id: str) -> tuple[Task, ...]:
        return tuple(task for task in self.tasks if person_id in task.decision.responsible)

    def protocols_of_authority(self, authority_id: str) -> tuple[Protocol, ...]:
        return tuple(protocol for protocol in self.protocols if protocol.authority == authority_id)

    def protocols_mentioning(self, entry_id: str) -> tuple[Protocol, ...]:
        return tuple(protocol for protocol in self.protocols if entry_id in protocol.participants())


# --- building the model from validated data -------------------------------------------


def build_registry(fragments: list[dict[str, Any]]) -> Registry:
    """Merge registry files (already validated, ids already checked unique)."""
    organizations, groups, people = {}, {}, {}
    for fragment in fragments:
        for raw in fragment.get("organizations", ()):
            organizations[raw["id"]] = Organization(**_tupled(raw))
        for raw in fragment.get("groups", ()):
            groups[raw["id"]] = Group(**_tupled(raw))
        for raw in fragment.get("people", ()):
            people[raw["id"]] = Person(**_tupled(raw))
    return Registry(organizations, groups, people)


def build_protocol(
    protocol_id: str, path: str, data: dict[str, Any], body: str, decisions: tuple[Decision, ...] | None = None
) -> Protocol:
    """A Protocol from front matter that passed the schema (``decisions`` when already built)."""
    if decisions is None:
        decisions = build_decisions(data.get("decisions", []))
    return Protocol(
        id=protocol_id,
        path=path,
        kind=data["kind"],
        title=data["title"],
        authority=data["authority"],
        date=date.fromisoformat(data["date"]),
        decisions=decisions,
        body=body,
        meeting=data.get("meeting"),
        number=data.get("number"),
        time=data.get("time"),
        place=data.get("place"),
        chair=_participant(data.get("chair")),
        secretary=_participant(data.get("secretary")),
        attendees=tuple(map(_participant, data.get("attendees", []))),
        speakers=tuple(map(_participant, data.get("speakers", []))),
        agenda=tuple((item["id"], item["title"]) for item in data.get("agenda", [])),
        source=dict(data.get("source", {})),
        notes=tuple(data.get("notes", [])),
        tags=tuple(data.get("tags", [])),
    )


def build_decisions(raw_decisions: list[dict[str, Any]]) -> tuple[Decision, ...]:
    """Decisions in document order, with headings marked and assignees inherited.

    A decision inherits the assignees of its nearest ancestor by number
    («3.2» from «3»), as a heading like «Рекомендовать руководителям ОО:»
    assigns the items below it.
    """
    headings = {ancestor for raw in raw_decisions for ancestor in _ancestors(raw["id"])}
    own = {raw["id"]: tuple(raw.get("assignees", ())) for raw in raw_decisions}
    decisions = []
    for raw in raw_decisions:
        decision_id = raw["id"]
        decisions.append(
            Decision(
                id=decision_id,
                text=raw["text"],
                agenda=raw.get("agenda"),
                assignees=own[decision_id],
                inherited_assignees=_inherited(decision_id, own),
                responsible=tuple(raw.get("responsible", ())),
                responsible_text=raw.get("responsible_text"),
                deadline=deadline_from_data(raw.get("deadline")),
                status=_status(raw.get("status")),
                tags=tuple(raw.get("tags", ())),
                note=raw.get("note"),
                is_heading=decision_id in headings,
            )
        )
    return tuple(decisions)


def deadline_from_data(raw: dict[str, Any] | None) -> Deadline | None:
    if raw is None:
        return None
    return Deadline(
        text=raw["text"],
        kind=raw["kind"],
        start=_date(raw.get("start")),
        due=_date(raw.get("due")),
        inferred=raw.get("inferred", False),
        recurrence=raw.get("recurrence"),
    )


def parent_id(decision_id: str) -> str | None:
    """«3.2» → «3»; a top-level number has no parent."""
    return decision_id.rsplit(".", 1)[0] if "." in decision_id else None


def _ancestors(decision_id: str) -> list[str]:
    """«1.2.3» → [«1.2», «1»]."""
    parts = decision_id.split(".")
    return [".".join(parts[:length]) for length in range(len(parts) - 1, 0, -1)]


def _inherited(decision_id: str, own: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    for ancestor in _ancestors(decision_id):
        if own.get(ancestor):
            return own[ancestor]
    return ()


def _status(raw: dict[str, Any] | None) -> Status:
    if raw is None:
        return Status()
    return Status(State(raw["state"]), _date(raw.get("date")), raw.get("note"), raw.get("link"))


def _participant(raw: dict[str, Any] | None) -> Participant | None:
    return Participant(**raw) if raw else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _tupled(raw: dict[str, Any]) -> dict[str, Any]:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in raw.items()}
