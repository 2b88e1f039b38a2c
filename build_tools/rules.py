"""Step 2b of the pipeline: the rules a JSON Schema cannot express.

Each rule is a generator of Problems over data that already passed the
schema. Errors are what makes the record wrong; warnings are what looks
wrong in the source document but is kept as written (the knowledge base
records what the source says, it does not silently fix it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any

from .deadlines import DEFAULT_RULES, MAX_WORDING_LENGTH, Deadline, DeadlineRules, parse_deadline
from .loader import NodePath, SourceFile
from .model import Decision, LinkType, Ref, Registry, build_decisions, parent_id
from .problems import Problem, error, warning
from .schema import describe_path

PROTOCOL_FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(-[a-z0-9]+)*\.md$")
# An HTML tag or comment, as the importer removes it from converted text.
HTML_TAG = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:[\s/][^<>]*)?/?>)")
# Where a browser starts reading markup: «<» and a letter (a tag: «<b», «<img/src=…»), «</» (an end
# tag, «</title/x>»), «<!» or «<?». Browsers take any character after a tag's name, a «/» as well as
# a space, so the validator looks at how markup starts, not at a list of its forms. The match runs to
# the next «>» on the line, for the message.
MARKUP = re.compile(r"<[A-Za-z/!?][^<>\n]*>?")
# A markdown autolink, <https://…> or <a@b.ru>: the only «<» a protocol body keeps (build_tools/site/markup.py).
AUTOLINK = re.compile(r"<(?:https?://[^\s<>]+|mailto:[^\s<>]+|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>")
LATE_DEADLINE_DAYS = 400
# The dates the knowledge base accepts (docs/security.md): a meeting between these two days, and
# every date of its decisions (deadlines, marks of execution) from the year before the meeting to
# ten years after it. Past them a date is a typo, and the site, the calendars and the chart have
# nothing to show for it; 9999-12-31 has no next day for a calendar's DTEND.
MEETING_DAYS = (date(1990, 1, 1), date(2100, 12, 31))
YEARS_BEFORE_MEETING, YEARS_AFTER_MEETING = 1, 10
# The fields of a protocol that hold a day of its decisions' life (schema: "$ref": "#/$defs/date");
# «retrieved», the day the document was downloaded, may come any year later, within MEETING_DAYS.
DECISION_DATE_FIELDS = frozenset({"start", "due", "date"})
_DATE_KEYS = DECISION_DATE_FIELDS | {"retrieved"}
# What a registry reference must name, as the messages say it.
AUTHORITY, PERSON, ADDRESSEE = "орган", "человек", "организация или группа"
_REGISTRY_KINDS = {"Organization": "организация", "Group": "группа", "Person": "человек"}


class ProtocolRules:
    """Checks one protocol's front matter and body against the registry."""

    def __init__(self, source: SourceFile, registry: Registry, deadline_rules: DeadlineRules = DEFAULT_RULES,
                 protocol_id: str | None = None):
        self.source = source
        self.data: dict[str, Any] = source.data
        self.registry = registry
        self.deadline_rules = deadline_rules
        self.meeting_date = date.fromisoformat(self.data["date"])
        path = PurePosixPath(source.path)
        self.protocol_id = protocol_id or f"{path.parent.name}/{path.stem}"

    def problems(self) -> Iterator[Problem]:
        if not MEETING_DAYS[0] <= self.meeting_date <= MEETING_DAYS[1]:
            first, last = MEETING_DAYS
            yield self.error(("date",), f"дата заседания {self.meeting_date} вне допустимых дат: с {first} по "
                             f"{last}; проверьте год (остальные проверки считают от даты заседания и пропущены)")
            return
        yield from self.check_dates()
        yield from self.check_file_name()
        yield from self.check_references()
        yield from self.check_decision_ids()
        yield from self.check_numbering()
        yield from self.check_deadlines()
        yield from self.check_days_off()
        yield from self.check_links()
        yield from self.check_execution()
        yield from self.check_tasks_have_deadlines()
        yield from self.check_duplicate_texts()
        yield from self.check_no_html()

    # --- helpers ------------------------------------------------------------------------

    def error(self, path: NodePath, message: str) -> Problem:
        return error(self.source.path, *self.source.positions.of_value(path), message)

    def warning(self, path: NodePath, message: str) -> Problem:
        return warning(self.source.path, *self.source.positions.of_value(path), message)

    def where(self, path: NodePath) -> str:
        return describe_path(path, self.data)

    @property
    def decisions(self) -> list[dict[str, Any]]:
        return self.data.get("decisions", [])

    @cached_property
    def modelled_decisions(self) -> tuple[Decision, ...]:
        """The decisions as the model sees them: headings known, assignees inherited."""
        return build_decisions(self.decisions, self.protocol_id)

    def recorded_deadlines(self) -> Iterator[tuple[NodePath, Deadline]]:
        """Every deadline the file records: of its decisions, and the new ones of its links."""
        for index, decision in enumerate(self.modelled_decisions):
            if decision.deadline is not None:
                yield ("decisions", index, "deadline"), decision.deadline
            for position, link in enumerate(decision.links):
                if link.deadline is not None:
                    yield ("decisions", index, "links", position, "deadline"), link.deadline

    # --- rules --------------------------------------------------------------------------

    def check_dates(self) -> Iterator[Problem]:
        """Every date near the meeting: deadlines, marks and the day the document was retrieved."""
        first = date(self.meeting_date.year - YEARS_BEFORE_MEETING, 1, 1)
        last = date(self.meeting_date.year + YEARS_AFTER_MEETING, 12, 31)
        for path, text in _dated_strings(self.data, ()):
            if len(path) < 2:
                continue
            if path[-1] in DECISION_DATE_FIELDS and not first.isoformat() <= text <= last.isoformat():
                yield self.error(path, f"{self.where(path)}: дата {text} слишком далека от даты заседания "
                                 f"{self.meeting_date}: допускаются даты с {first} по {last}; проверьте год")
            elif path[-1] == "retrieved" and not MEETING_DAYS[0].isoformat() <= text <= MEETING_DAYS[1].isoformat():
                yield self.error(path, f"{self.where(path)}: дата {text} вне допустимых дат: с {MEETING_DAYS[0]} "
                                 f"по {MEETING_DAYS[1]}; проверьте год")

    def check_file_name(self) -> Iterator[Problem]:
        path = PurePosixPath(self.source.path)
        folder = path.parent.name
        if folder != self.data["authority"]:
            yield self.error(("authority",), f"протокол лежит в папке «{folder}», а орган (authority) — "
                             f"«{self.data['authority']}»: перенесите файл в protocols/{self.data['authority']}/")
        match = PROTOCOL_FILE_NAME.match(path.name)
        if not match:
            yield error(self.source.path, 1, 1, f"имя файла «{path.name}» должно быть вида "
                        "ГГГГ-ММ-ДД-краткое-название.md (дата заседания, латиница, цифры и дефисы)")
        elif match.group(1) != self.data["date"]:
            yield self.error(("date",), f"дата заседания {self.data['date']} не совпадает с датой "
                             f"в имени файла {match.group(1)}")

    def check_references(self) -> Iterator[Problem]:
        registry = self.registry
        for path, entry_id, what in registry_references(self.data):
            if what == PERSON:
                known = entry_id in registry.people
            else:
                known = entry_id in registry.organizations or (what == ADDRESSEE and entry_id in registry.groups)
            if not known:
                yield self._unknown(path, what, entry_id)
            elif what == AUTHORITY and not (authority := registry.organizations[entry_id]).is_authority:
                yield self.error(path, f"«{authority.id}» в реестре не орган управления образованием "
                                 f"(kind: {authority.kind})")
        agenda_ids = {item["id"] for item in self.data.get("agenda", [])}
        for index, decision in enumerate(self.decisions):
            if "agenda" in decision and decision["agenda"] not in agenda_ids:
                yield self.error(("decisions", index, "agenda"), f"{self.where(('decisions', index))}: "
                                 f"в повестке (agenda) нет вопроса «{decision['agenda']}»")

    def _unknown(self, path: NodePath, what: str, entry_id: str) -> Problem:
        entry = self.registry.get(entry_id)
        if entry is not None:
            return self.error(path, f"{self.where(path)}: «{entry_id}» в реестре — {_REGISTRY_KINDS[type(entry).__name__]}, "
                              f"а здесь нужен {what}")
        return self.error(path, f"{self.where(path)}: в реестре нет записи «{entry_id}» ({what}); "
                          "добавьте её в protocols/registry/ или исправьте id")

    def check_decision_ids(self) -> Iterator[Problem]:
        first_seen: dict[str, int] = {}
        for index, decision in enumerate(self.decisions):
            decision_id = decision["id"]
            if decision_id in first_seen:
                line, _ = self.source.positions.of_value(("decisions", first_seen[decision_id], "id"))
                yield self.error(("decisions", index, "id"), f"номер решения «{decision_id}» повторяется "
                                 f"(впервые в строке {line}); номера решений в протоколе уникальны")
            else:
                first_seen[decision_id] = index

    def check_numbering(self) -> Iterator[Problem]:
        """Warn where numbering jumps or an item sits under another parent than its number says."""
        previous: str | None = None
        seen: set[str] = set()
        for index, decision in enumerate(self.decisions):
            decision_id = decision["id"]
            if decision_id in seen:
                continue
            expected = _expected_next_numbers(previous)
            if decision_id not in expected and not any(_is_first_descendant(decision_id, candidate)
                                                       for candidate in expected):
                after = f"после {previous}" if previous else "в начале"
                same_level = parent_id(decision_id) in {parent_id(candidate) for candidate in expected}
                problem = "нумерация прыгает" if same_level else "пункт стоит не под тем родителем, что в его номере"
                yield self.warning(("decisions", index, "id"), f"решение {decision_id}: {problem}: {after} "
                                   f"ожидался номер {' или '.join(expected)} (ошибка нумерации в источнике?)")
            seen.add(decision_id)
            previous = decision_id

    def check_deadlines(self) -> Iterator[Problem]:
        for path, recorded in self.recorded_deadlines():
            if len(recorded.text) > MAX_WORDING_LENGTH:
                yield self.warning(path + ("text",), f"{self.where(path)}: формулировка срока длиннее "
                                   f"{MAX_WORDING_LENGTH} знаков ({len(recorded.text)}): правила сроков её не "
                                   "разбирают; проверьте kind и даты вручную или сократите формулировку")
            expected = parse_deadline(recorded.text, self.meeting_date, self.deadline_rules)
            if expected.kind != "unparsed" and _meaning(expected) != _meaning(recorded):
                yield self.error(path, f"{self.where(path)}: запись не совпадает с формулировкой «{recorded.text}»: "
                                 f"по правилам сроков это {_describe(expected)}, а записано {_describe(recorded)}")
            if recorded.start and recorded.due and recorded.start > recorded.due:
                yield self.error(path + ("start",), f"{self.where(path)}: начало {recorded.start} позже окончания {recorded.due}")
            if recorded.due and recorded.due < self.meeting_date:
                yield self.warning(path + ("text",), f"{self.where(path)}: срок «{recorded.text}» ({recorded.due}) "
                                   f"раньше даты заседания {self.meeting_date}; записан как в источнике")
            elif recorded.due and (recorded.due - self.meeting_date).days > LATE_DEADLINE_DAYS:
                yield self.warning(path + ("text",), f"{self.where(path)}: срок «{recorded.text}» ({recorded.due}) "
                                   f"больше чем через год после заседания {self.meeting_date}; проверьте год в источнике")

    def check_days_off(self) -> Iterator[Problem]:
        """Warn where a written day is a day off, or where working days are counted into a year
        whose transfers of days off are not known yet (build_tools/workdays.py)."""
        calendar = self.deadline_rules.calendar
        for path, recorded in self.recorded_deadlines():
            if recorded.due is None:
                continue
            day_off = None if recorded.inferred else calendar.day_off_name(recorded.due)
            if day_off:
                yield self.warning(path + ("text",), f"{self.where(path)}: срок «{recorded.text}» ({recorded.due}) "
                                   f"приходится на нерабочий день ({day_off}); записан как в источнике")
            unknown = [year for year in range(self.meeting_date.year, recorded.due.year + 1)
                       if not calendar.is_known(year)] if _counts_working_days(recorded) else []
            if unknown:
                yield self.warning(path + ("text",), f"{self.where(path)}: производственный календарь на "
                                   f"{unknown[0]} год ещё не известен (переносы выходных не утверждены или не "
                                   f"внесены в пакет holidays): срок «{recorded.text}» ({recorded.due}) посчитан "
                                   "без них; проверьте его, когда календарь опубликуют")

    def check_links(self) -> Iterator[Problem]:
        """A link names another decision, and only a link that moves a deadline carries one.

        Whether the target exists is checked once every protocol is read (build_tools/links.py)."""
        for index, decision in enumerate(self.modelled_decisions):
            for position, link in enumerate(decision.links):
                path = ("decisions", index, "links", position)
                if link.target == Ref(self.protocol_id, decision.id):
                    yield self.error(path, f"{self.where(path)}: решение ссылается само на себя; укажите "
                                     "protocol и decision того решения, о котором идёт речь")
                if link.deadline is not None and link.type is not LinkType.EXTENDS:
                    yield self.error(path + ("deadline",), f"{self.where(path)}: новый срок (deadline) "
                                     f"записывают только у связи extends, а это {link.type.value}")

    def check_execution(self) -> Iterator[Problem]:
        """Each executor's mark names one of the decision's executors, once."""
        for index, decision in enumerate(self.modelled_decisions):
            if not decision.execution:
                continue
            assignees = decision.all_assignees
            allowed = {*assignees, *self.registry.executors(assignees)}
            seen: set[str] = set()
            for position, mark in enumerate(decision.execution):
                path = ("decisions", index, "execution", position)
                if not assignees:
                    yield self.error(path, f"{self.where(path)}: у решения нет исполнителей (assignees); "
                                     "исполнение решения целиком отмечают в status")
                elif mark.assignee in seen:
                    yield self.error(path + ("assignee",), f"{self.where(path)}: отметка «{mark.assignee}» "
                                     "уже есть выше; у исполнителя одна отметка")
                elif mark.assignee not in allowed and self.registry.get(mark.assignee) is not None:
                    yield self.error(path + ("assignee",), f"{self.where(path)}: «{mark.assignee}» не исполнитель "
                                     f"этого решения; исполнители: {', '.join(assignees)} (и члены их групп)")
                seen.add(mark.assignee)
                if mark.status.date < self.meeting_date:
                    yield self.warning(path + ("date",), f"{self.where(path)}: дата исполнения {mark.status.date} "
                                       f"раньше даты заседания {self.meeting_date}")

    def check_tasks_have_deadlines(self) -> Iterator[Problem]:
        """Warn on a task without a deadline; «контроль за исполнением возложить на …» needs none."""
        for index, decision in enumerate(self.modelled_decisions):
            assigns_control = any(link.type is LinkType.CONTROLS for link in decision.links)
            if decision.is_task and decision.deadline is None and not assigns_control:
                yield self.warning(("decisions", index), f"{self.where(('decisions', index))}: у поручения нет срока")

    def check_duplicate_texts(self) -> Iterator[Problem]:
        """Warn on a task recorded twice; headings («Отделу образования:») legitimately repeat."""
        first_seen: dict[str, str] = {}
        for index, decision in enumerate(self.modelled_decisions):
            if decision.is_heading:
                continue
            key = " ".join(decision.text.lower().split())
            if key in first_seen:
                yield self.warning(("decisions", index, "text"), f"{self.where(('decisions', index))}: тот же текст, "
                                   f"что у решения {first_seen[key]} (повтор в источнике?)")
            else:
                first_seen[key] = decision.id

    def check_no_html(self) -> Iterator[Problem]:
        yield from markup_in_values(self.source)
        body = self.source.body
        for offset, line in enumerate(body.split("\n") if markup_in(body) else ()):
            match = markup_in(line)
            if match:
                yield error(self.source.path, self.source.body_line + offset, match.start() + 1,
                            f"HTML-разметка «{match.group(0)[:40]}» в тексте протокола не допускается; "
                            "используйте Markdown")


def markup_in(text: str) -> re.Match[str] | None:
    """The first markup in ``text`` that is not an autolink, if there is any."""
    if "<" not in text:
        return None
    return MARKUP.search(AUTOLINK.sub(lambda link: " " * len(link.group()), text))


def markup_in_values(source: SourceFile) -> Iterator[Problem]:
    """An error at every string of a YAML document with markup in it.

    One scan of the YAML as written spares walking every value; a backslash may hide
    markup in an escape sequence ("\\x3cscript>"), so then the values are walked too.
    """
    if "\\" not in source.text and markup_in(source.text) is None:
        return
    for path, text in _strings(source.data, ()):
        match = markup_in(text)
        if match:
            yield error(source.path, *source.positions.of_value(path), f"{describe_path(path, source.data)}: "
                        f"HTML-разметка «{match.group(0)[:40]}» не допускается; пишите обычный текст")


def registry_references(data: dict[str, Any]) -> Iterator[tuple[NodePath, str, str]]:
    """Every registry id a protocol's front matter names: (where, id, what it must be)."""
    yield ("authority",), data["authority"], AUTHORITY
    for role in ("chair", "secretary"):
        if role in data:
            yield from _participant_references((role,), data[role])
    for role in ("attendees", "speakers"):
        for index, participant in enumerate(data.get(role, [])):
            yield from _participant_references((role, index), participant)
    for index, decision in enumerate(data.get("decisions", [])):
        for position, entry_id in enumerate(decision.get("assignees", [])):
            yield ("decisions", index, "assignees", position), entry_id, ADDRESSEE
        for position, entry_id in enumerate(decision.get("responsible", [])):
            yield ("decisions", index, "responsible", position), entry_id, PERSON
        for position, mark in enumerate(decision.get("execution", [])):
            yield ("decisions", index, "execution", position, "assignee"), mark["assignee"], ADDRESSEE


def _participant_references(path: NodePath, participant: dict[str, Any]) -> Iterator[tuple[NodePath, str, str]]:
    if "person" in participant:
        yield path + ("person",), participant["person"], PERSON
    if participant.get("organization"):
        yield path + ("organization",), participant["organization"], ADDRESSEE


def check_registry(sources: list[SourceFile]) -> Iterator[Problem]:
    """Ids unique across all registry files; references inside the registry resolve."""
    seen: dict[str, tuple[SourceFile, NodePath]] = {}
    kinds: dict[str, str] = {}
    for source in sources:
        for section in ("organizations", "groups", "people"):
            for index, entry in enumerate(source.data.get(section, [])):
                path = (section, index, "id")
                if entry["id"] in seen:
                    other, other_path = seen[entry["id"]]
                    line, _ = other.positions.of_value(other_path)
                    yield error(source.path, *source.positions.of_value(path),
                                f"id «{entry['id']}» уже занят ({other.path}, строка {line}); id в реестре уникальны")
                else:
                    seen[entry["id"]] = (source, path)
                    kinds[entry["id"]] = entry.get("kind", section)
    organization_kinds = {kind for kind in kinds.values() if kind not in ("groups", "people")}
    for source in sources:
        yield from _check_registry_references(source, kinds, organization_kinds)
        yield from markup_in_values(source)


def _check_registry_references(source: SourceFile, kinds: dict[str, str],
                               organization_kinds: set[str]) -> Iterator[Problem]:
    def refer(path: NodePath, entry_id: str, allowed: set[str], what: str) -> Iterator[Problem]:
        if kinds.get(entry_id) not in allowed:
            found = f"это {kinds[entry_id]}" if entry_id in kinds else "такой записи нет"
            yield error(source.path, *source.positions.of_value(path),
                        f"{describe_path(path, source.data)}: «{entry_id}» должен быть {what}, а {found}")

    for index, entry in enumerate(source.data.get("organizations", [])):
        if "parent" in entry:
            yield from refer(("organizations", index, "parent"), entry["parent"], {"authority"}, "органом управления образованием")
    for index, entry in enumerate(source.data.get("groups", [])):
        yield from refer(("groups", index, "authority"), entry["authority"], {"authority"}, "органом управления образованием")
        for position, member in enumerate(entry.get("members", [])):
            yield from refer(("groups", index, "members", position), member, organization_kinds, "организацией")
    for index, entry in enumerate(source.data.get("people", [])):
        if "organization" in entry:
            yield from refer(("people", index, "organization"), entry["organization"], organization_kinds, "организацией")


# --- small pure helpers -------------------------------------------------------------------


def _expected_next_numbers(previous: str | None) -> list[str]:
    """The numbers that may follow ``previous``: its first child, or the next of it or of an ancestor.

    After «1.2.3»: «1.2.3.1», «1.2.4», «1.3», «2». A number may also skip
    levels the document does not record as decisions («3.1» after «2.2»
    when «3» is an agenda item), see `_is_first_descendant`.
    """
    if previous is None:
        return ["1"]
    parts = previous.split(".")
    candidates = [previous + ".1"]
    for length in range(len(parts), 0, -1):
        candidates.append(".".join(parts[: length - 1] + [str(int(parts[length - 1]) + 1)]))
    return candidates


def _is_first_descendant(decision_id: str, candidate: str) -> bool:
    """«3.1.1» is «3» followed by first items only."""
    if decision_id == candidate:
        return True
    rest = decision_id.removeprefix(candidate + ".")
    return rest != decision_id and all(part == "1" for part in rest.split("."))


def _counts_working_days(deadline: Deadline) -> bool:
    """Whether the deadline is a count of working days from the meeting («в течение 10 рабочих дней»)."""
    return deadline.kind == "within" and deadline.due is not None and "рабоч" in deadline.text.lower()


def _meaning(deadline: Any) -> tuple[Any, ...]:
    return (deadline.kind, deadline.start, deadline.due, deadline.inferred, deadline.recurrence)


def _describe(deadline: Any) -> str:
    parts = [f"kind: {deadline.kind}"]
    parts += [f"{name}: {value}" for name in ("start", "due", "recurrence") if (value := getattr(deadline, name))]
    if deadline.inferred:
        parts.append("inferred: true")
    return "{" + ", ".join(parts) + "}"


def _dated_strings(data: Any, path: NodePath) -> Iterator[tuple[NodePath, str]]:
    """The strings under a key that holds a day (`DECISION_DATE_FIELDS`, «retrieved»), with their paths.

    Unlike `_strings` it makes no path for the other strings: run on every protocol, the walk
    of all values was a tenth of `protocols validate`.
    """
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                if key in _DATE_KEYS:
                    yield path + (key,), value
            elif isinstance(value, (dict, list)):
                yield from _dated_strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, (dict, list)):
                yield from _dated_strings(value, path + (index,))


def _strings(data: Any, path: NodePath) -> Iterator[tuple[NodePath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))
