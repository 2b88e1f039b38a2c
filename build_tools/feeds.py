"""iCalendar feeds of deadlines: per authority, organization, group and person.

A feed holds one all-day event per task whose deadline has a `due` date, placed on
that date: for a period («апрель 2020 года», «в течение учебного года») it is the
last day of the period, the same date the site sorts and colours tasks by; the
wording as written goes into the description. Tasks without a date are not
events. Done and cancelled tasks stay in the feed, marked in the summary and,
for cancelled ones, with STATUS:CANCELLED; only open tasks carry a reminder.
docs/calendars.md explains these choices for people.

Identity across rebuilds: UID comes from `Task.key`; SEQUENCE counts the changes
of the decision's deadline, status or executors' marks in the git history of
its protocol file (`git_history`), plus the later decisions that changed it
(`Decision.changes`: «срок продлён», «снять с контроля», …), so an extended
deadline moves the event a subscriber already has instead of adding one.
DTSTAMP is the time of the last commit touching that file. Nothing reads the
clock, so the same commit gives the same bytes.

Writing, escaping and folding are the `icalendar` package's job (see the docs for
why not `ics`); this module decides what goes into which feed and nothing more.
"""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote

from icalendar import Alarm, Calendar, Event, vDuration, vText

from . import urls
from .counts import TaskIndex
from .gitlog import read_history
from .model import Decision, KnowledgeBase, Registry, State, Task
from .russian import STATE_WORDS, long_date

PRODID = "-//protocols-kb//deadline feeds//RU"
UID_DOMAIN = "protocols-kb"  # fixed forever: a new domain would duplicate every subscribed event
REFRESH = timedelta(days=1)  # how often clients should fetch a feed again
REMINDER_HOUR = 9  # the reminder rings at 9:00 local time, `reminder_days` before the due date
SUMMARY_TEXT_WIDTH = 60  # characters of decision text in the summary, cut at a word

_EVENT_STATUS = {State.OPEN: "CONFIRMED", State.DONE: "CONFIRMED", State.CANCELLED: "CANCELLED",
                 State.WITHDRAWN: "CONFIRMED"}


# --- which tasks go in which feed -----------------------------------------------------


@dataclass(frozen=True)
class Feed:
    """One calendar: where it is served, how a calendar app names it, which tasks it holds."""

    path: str
    name: str
    description: str
    page: str  # the site page the feed belongs to, site-relative
    timezone: str | None
    tasks: tuple[Task, ...]  # dated tasks only, by due date


def feeds_of(kb: KnowledgeBase, entries: Collection[str] | None = None,
             index: TaskIndex | None = None) -> Iterator[Feed]:
    """The feeds of registry entries (by default all), one per entry and scope, even when empty.

    An authority has two: the tasks its protocols give, and those addressed to it.
    An empty feed is still served: a subscribe link never leads nowhere, and a
    subscriber sees the first deadline as soon as it is recorded. The tasks are
    those the pages count (`counts.TaskIndex`), the dated ones: the pages say how
    many of them are in the calendar; a build passes the index its pages use. No
    feed holds every authority's tasks: it would grow with the whole knowledge base.
    """
    registry = kb.registry
    index = index or TaskIndex(kb)

    def wanted(entry_id: str) -> bool:
        return entries is None or entry_id in entries

    for org in registry.organizations.values():
        if not wanted(org.id):
            continue
        zone = _timezone(registry, org.id)
        if org.is_authority:
            yield Feed(urls.feed("authority", org.id), f"Сроки поручений, данных органом: {org.name}",
                       f"Все поручения со сроком из протоколов органа «{org.name}».",
                       urls.organization_page(org.id), zone, _dated(index.tasks_issued(org.id)))
        yield Feed(urls.feed("org", org.id), f"Сроки поручений: {org.name}",
                   f"Поручения организации «{org.name}» и групп, в которые она входит.",
                   urls.organization_page(org.id), zone, _dated(index.tasks_of_organization(org.id)))
    for group in registry.groups.values():
        if not wanted(group.id):
            continue
        authority = registry.organizations.get(group.authority)
        name = f"{group.name} ({authority.name})" if authority else group.name
        yield Feed(urls.feed("group", group.id), f"Сроки поручений: {name}", f"Поручения группы «{name}».",
                   urls.group_page(group.id), _timezone(registry, group.id), _dated(index.tasks_of_group(group.id)))
    for person in registry.people.values():
        if not wanted(person.id):
            continue
        yield Feed(urls.feed("person", person.id), f"Сроки поручений: {person.name}",
                   f"Поручения, где ответственный — {person.name}.", urls.person_page(person.id),
                   _timezone(registry, person.id), _dated(index.tasks_of_person(person.id)))


def _dated(tasks: Iterable[Task]) -> tuple[Task, ...]:
    """The tasks a calendar holds: those with a due date in force, by that date."""
    return tuple(sorted((task for task in tasks if task.decision.due), key=_calendar_order))


def _calendar_order(task: Task) -> tuple[date, str]:
    return task.decision.due, task.key


def _timezone(registry: Registry, entry_id: str) -> str | None:
    """The time zone of the authority an entry belongs to, where the registry gives one."""
    authority = registry.organizations.get(registry.authority_of(entry_id) or "")
    return authority.timezone if authority else None


# --- what git remembers of a decision ---------------------------------------------------


@dataclass(frozen=True)
class Revision:
    """What a calendar shows of a decision's deadline, status and marks as its file records them:
    a change here raises SEQUENCE."""

    deadline: str | None
    due: str | None  # ISO date
    state: str
    marked: tuple[str, ...] = ()  # the executors with a mark, in order

    @classmethod
    def of(cls, decision: Decision) -> Revision:
        deadline = decision.deadline
        return cls(deadline.text if deadline else None, deadline.due.isoformat() if deadline and deadline.due else None,
                   decision.status.state.value, tuple(mark.assignee for mark in decision.execution))


@dataclass(frozen=True)
class FileHistory:
    """The committed past of one protocol file."""

    last_commit: datetime  # UTC
    revisions: Mapping[str, tuple[Revision, ...]]  # decision id → revisions, oldest first, no repeats in a row


History = Mapping[str, FileHistory]  # protocol file (`Protocol.path`) → its history
NO_HISTORY: History = MappingProxyType({})


class IncompleteHistory(Exception):
    """The git history is cut short: SEQUENCE would fall and calendars would stop updating."""


def git_history(root: Path) -> dict[str, FileHistory]:
    """The history of every protocol file under ``root``, from the shared walk (`build_tools.gitlog`).

    Outside a git work tree (or without git) the history is empty: every
    SEQUENCE is 0. A shallow clone is refused: counted again from its cut,
    SEQUENCE would fall and subscribed calendars would stop updating.
    """
    history = read_history(root)
    if history is None:
        return {}
    if history.shallow:
        raise IncompleteHistory(
            "история git неполная (shallow clone): номера версий событий в календарях (SEQUENCE) "
            "посчитались бы заново и подписчики не увидели бы изменений сроков. Выполните "
            "`git fetch --unshallow` (в GitHub Actions: actions/checkout с `fetch-depth: 0`).")
    last_commit: dict[str, datetime] = {}
    revisions: dict[str, dict[str, list[Revision]]] = {}
    for version in history.protocol_versions:
        if version.blob is None:
            continue
        last_commit[version.path] = version.committed.astimezone(timezone.utc)
        file_revisions = revisions.setdefault(version.path, {})
        for decision_id, revision in _revisions_in(history.decisions(version)).items():
            seen = file_revisions.setdefault(decision_id, [])
            if not seen or seen[-1] != revision:
                seen.append(revision)
    return {path: FileHistory(last_commit[path], {key: tuple(value) for key, value in revisions[path].items()})
            for path in revisions}


def _revisions_in(decisions: list[dict]) -> dict[str, Revision]:
    """Decision id → revision, from the leniently read decisions of one past version."""
    found = {}
    for raw in decisions:
        deadline = raw.get("deadline") if isinstance(raw.get("deadline"), dict) else {}
        status = raw.get("status") if isinstance(raw.get("status"), dict) else {}
        marks = raw.get("execution") if isinstance(raw.get("execution"), list) else []
        marked = tuple(mark.get("assignee") for mark in marks if isinstance(mark, dict))
        found[raw["id"]] = Revision(deadline.get("text"), deadline.get("due"), status.get("state", State.OPEN.value),
                                    marked)
    return found


def sequence(task: Task, history: History) -> int:
    """How many times the task changed: its deadline, status or marks in commits of its file (plus one
    for an uncommitted change), and once for each later decision that changed it."""
    file = history.get(task.protocol.path)
    past = file.revisions.get(task.decision.id, ()) if file else ()
    recorded = len(past) - 1 + (past[-1] != Revision.of(task.decision)) if past else 0
    return recorded + len(task.decision.changes)


def stamp(task: Task, history: History) -> datetime:
    """DTSTAMP: the last commit touching the protocol file; outside git, midnight UTC of the meeting day."""
    file = history.get(task.protocol.path)
    return file.last_commit if file else datetime.combine(task.protocol.date, time(), timezone.utc)


# --- rendering --------------------------------------------------------------------------


def uid(task: Task) -> str:
    """«uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo#3.2@protocols-kb»: readable, ASCII, no , ; or \\."""
    return f"{quote(task.key, safe='/#')}@{UID_DOMAIN}"


def feed_files(kb: KnowledgeBase, *, site_url: str, reminder_days: int = 3,
               history: History = NO_HISTORY, entries: Collection[str] | None = None) -> dict[str, bytes]:
    """Every feed of the knowledge base: site-relative path (see `urls`) → file content."""
    return dict(render_feeds(kb, site_url=site_url, reminder_days=reminder_days, history=history, entries=entries))


def render_feeds(kb: KnowledgeBase, *, site_url: str, reminder_days: int = 3, history: History = NO_HISTORY,
                 entries: Collection[str] | None = None, index: TaskIndex | None = None
                 ) -> Iterator[tuple[str, bytes]]:
    """The feeds of ``entries`` (by default every registry entry) one at a time: (site path, content).

    ``history`` is what `git_history` returns for the knowledge base root; without
    it every SEQUENCE is 0 and DTSTAMP is the meeting day.
    """
    if not (site_url or "").startswith(("https://", "http://")):
        raise ValueError(f"для календарей нужен полный адрес сайта (site_url вида https://…), а задан «{site_url}»")
    if reminder_days < 0:
        raise ValueError(f"напоминание ставится за 0 и более дней до срока, а задано {reminder_days}")
    renderer = _Renderer(kb.registry, site_url.rstrip("/") + "/", reminder_days, history)
    for feed in feeds_of(kb, entries, index):
        yield feed.path, renderer.render_calendar(feed)


_END = b"END:VCALENDAR\r\n"


class _Renderer:
    """Turns feeds into bytes, writing each event once however many feeds hold it."""

    def __init__(self, registry: Registry, site: str, reminder_days: int, history: History):
        self.registry = registry
        self.site = site  # absolute, ends with «/»
        self.reminder_days = reminder_days
        self.history = history
        self._events: dict[str, bytes] = {}

    def render_calendar(self, feed: Feed) -> bytes:
        """The calendar properties by icalendar, then the events, each serialized once for all feeds.

        A task assigned to a group sits in the feed of every member, so events are
        cached as bytes and spliced in where icalendar puts subcomponents: before
        the closing line. This is what makes a thousand protocols take seconds.
        """
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        # RFC 7986 names, and the X-WR- ones Google and Outlook read. vText, because icalendar
        # 7.3 writes a plain string in NAME and X-WR-* unescaped (a «;» would split the value).
        for name in ("name", "x-wr-calname"):
            calendar.add(name, vText(feed.name))
        for name in ("description", "x-wr-caldesc"):
            calendar.add(name, vText(feed.description))
        if feed.timezone:
            calendar.add("x-wr-timezone", feed.timezone)
        calendar.add("url", self.site + feed.page)
        calendar.add("source", self.site + feed.path, parameters={"VALUE": "URI"})
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH))  # the same hint, for Outlook
        properties = calendar.to_ical()
        return properties.removesuffix(_END) + b"".join(map(self.event_bytes, feed.tasks)) + _END

    def event_bytes(self, task: Task) -> bytes:
        if task.key not in self._events:
            self._events[task.key] = self.render_event(task).to_ical()
        return self._events[task.key]

    def render_event(self, task: Task) -> Event:
        decision = task.decision
        state = decision.outcome.state
        prefix = "Срок" if state is State.OPEN else STATE_WORDS[state].capitalize()
        summary = f"{prefix}: п. {decision.id} — " + textwrap.shorten(
            decision.text, SUMMARY_TEXT_WIDTH, placeholder="…")
        event = Event()
        event.add("uid", uid(task))
        event.add("dtstamp", stamp(task, self.history))
        event.add("sequence", sequence(task, self.history))
        event.add("dtstart", decision.due)
        if decision.due < date.max:  # all-day: DTEND is the next day, exclusive; without it, one day (RFC 5545)
            event.add("dtend", decision.due + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", self.describe_task(task))
        event.add("url", self.site + urls.task_link(task))
        event.add("status", _EVENT_STATUS[state])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        if state is State.OPEN:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", timedelta(days=-self.reminder_days, hours=REMINDER_HOUR))
            event.add_component(alarm)
        return event

    def describe_task(self, task: Task) -> str:
        decision, protocol = task.decision, task.protocol
        deadline = decision.current_deadline
        due = long_date(decision.due) + (" (выведен из формулировки)" if deadline.inferred else "")
        lines = [f"п. {decision.id}. {decision.text}", ""]
        lines += [f"Срок: {decision.deadline.text}" if decision.deadline else "Срок: не был установлен"]
        lines += [f"Срок изменён: {change.deadline.text} — решением от {long_date(change.date)}, "
                  f"{self.site + urls.ref_link(change.source)}" for change in decision.deadline_changes]
        lines.append(f"Последний день: {due}")
        if decision.all_assignees:
            lines.append("Исполнители: " + "; ".join(map(self.registry.label, decision.all_assignees)))
        if decision.responsible_text or decision.responsible:
            names = decision.responsible_text or "; ".join(map(self.registry.label, decision.responsible))
            lines.append(f"Ответственные: {names}")
        progress = self.registry.progress(decision)
        if progress.is_recorded:
            lines.append(f"Исполнение: выполнено {len(progress.done)} из {progress.required}"
                         + ("; без отметки: " + "; ".join(map(self.registry.label, progress.pending))
                            if progress.pending else ""))
        lines += self.status_lines(decision)
        lines.append(f"Протокол от {long_date(protocol.date)}: {protocol.title}")
        lines.append(self.site + urls.task_link(task))
        return "\n".join(lines)

    def status_lines(self, decision: Decision) -> list[str]:
        status = decision.outcome
        lines = ["Статус: " + STATE_WORDS[status.state] + (f" {long_date(status.date)}" if status.date else "")]
        if status.by:
            lines.append(f"Основание: решение {self.site + urls.ref_link(status.by)}")
        if status.note:
            lines.append(f"Примечание: {status.note}")
        if status.reference:
            lines.append(f"Подтверждение: {status.reference}")
        if status.link:
            lines.append(f"Документ: {status.link}")
        return lines
