"""From a parsed document to the data of a draft protocol: authority, ids, deadlines, registry links.

* The authority is chosen by `authorities.AuthorityFinder`: the one the
  header names, else the one the names of the text belong to, else a new
  one proposed from the header (`Draft.new_authority`); never a guess.
* Decision ids are the numbers as written. When every question restarts its
  numbering («1.» under question 1 and again under question 2), the question
  number is put in front (2.1). Items without a number get the next free
  number under their heading. A number used twice gets the next free one.
  Each such change is reported.
* Assignees come from the addressee a decision starts with («Руководителям
  МОУ принять…»), from a heading («Рекомендовать управлению образования:»),
  from organizations and groups named as responsible, and from the heading
  after «Решили:». A decision standing under a heading that its number does
  not descend from gets the heading's assignees written out. People named as
  responsible are `responsible`; their descriptions («главный специалист
  УО») are not addressees.
* A name the registry does not know becomes a proposal (`Proposal`); an
  ambiguous one, or one matched only through a case form the registry does
  not list, becomes a review item. Nothing is dropped: the text stays.
* What a decision says of other decisions («во исполнение п. 3.2 протокола
  от 22.11.2019», `decision_links`) becomes `links` when that protocol is
  found among the authority's, each link a review item; a reference that
  cannot be resolved is a review item saying why.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from slugify import slugify

from ..deadlines import Deadline, parse_deadline
from ..model import LinkType, Registry, parent_id
from .authorities import AuthorityFinder, with_authority
from .decision_links import ProtocolIndex, ProtocolName, Reference, protocol_named, references
from .layout import NUMBER
from .names import GROUP_HEAD, ORGANIZATION, ORGANIZATION_NAME, PERSON, Mention, NameIndex, PersonName, tokens
from .parsed import ParsedProtocol, Participant, Question, RawDecision
from .sentence_deadlines import deadline_in_text

_LEADING_VERB = re.compile(r"^(?:рекомендовать|поручить|предложить|обязать|просить|указать)\s+", re.I)
# «принять», «обеспечить», «провести», «пройти», «помочь» — and not «область», «деятельности»
_INFINITIVE = re.compile(r"^[а-яё]{2,}(?:[аяеиуыо]ть(?:ся)?|вести|нести|[йз]ти|тись|чь|чься)[,.:;]?$")
_ADDRESSEE_HEADS = ("руководител", "директор", "заведующ", "заместител", "начальник", "управлени", "отдел",
                    "комитет", "департамент", "администраци", "педагог", "учител", "специалист", "методист",
                    "член", "председател", "ответственн", "образовательн", "общеобразовательн", "дошкольн",
                    "муниципальн", "школ", "организаци", "учреждени", "центр", "кабинет", "секретар", "классн")
# «Главному специалисту», «Районному методическому кабинету»: adjectives before the head of an addressee
_DATIVE_ADJECTIVE = re.compile(r"[а-яё]{3,}(?:ому|ему|ым|им)")
_ADJECTIVES_BEFORE_HEAD = 2
_CONNECTORS = re.compile(r"^(?:и|а также|также|а|,|;|\(|\)|-|–|—|\s)+$", re.I)
_KIND_HINTS = [
    (r"ДОУ|детск\w* сад", "kindergarten"),
    (r"СОШ|ООШ|НОШ|[Шш]кол|[Гг]имнази|[Лл]ице[йя]", "school"),
    (r"\bДО\b|ДЮЦ|ДДТ|ЦДТ|ДШИ|ДЮСШ|дополнительного образования", "additional_education"),
    (r"ЦРО|ИМЦ|[Мм]етодическ|развития образования", "methodological_centre"),
    (r"ИРО|ИПК|ДПО|повышения квалификации|[Ии]нститут", "training_institute"),
    (r"РЦОКО|[Рр]егиональн|[Кк]раев|[Оо]бластн", "regional_centre"),
    (r"[Уу]правлени\w* образования|[Оо]тдел\w* образования|[Кк]омитет\w* (?:по )?образовани", "authority"),
]


class MissingDate(Exception):
    """No meeting date in the document and none given."""


@dataclass
class Proposal:
    """A registry entry to add, for the editor to review."""

    section: str                      # "organizations", "groups" or "people"
    id: str
    name: str
    kind: str | None = None           # for organizations
    aliases: list[str] = field(default_factory=list)
    organization: str | None = None   # for people: the organization named with them
    lines: list[int] = field(default_factory=list)
    person: PersonName | None = None

    def entry(self, authority: str, source: str) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id}
        if self.section == "organizations":
            data.update(kind=self.kind or "other", name=self.name)
            if self.kind == "authority":
                data["municipality"] = None
            elif self.kind in ("school", "kindergarten", "additional_education"):
                data["parent"] = authority
        elif self.section == "groups":
            data.update(name=self.name, authority=authority)
        else:
            data["name"] = self.name
            if self.organization:
                data["organization"] = self.organization
        aliases = [alias for alias in self.aliases if alias != self.name]
        if aliases:
            data["aliases"] = aliases
        where = ", ".join(map(str, sorted(set(self.lines))))
        data["note"] = f"Упоминается в {source}, строк{'а' if len(set(self.lines)) == 1 else 'и'} {where}."
        return data


@dataclass
class Draft:
    """Everything a draft file is written from."""

    data: dict[str, Any]              # the front matter, keys in the order they are written
    review: list[tuple[str | None, str]]   # (decision id or None, message)
    proposals: list[Proposal]
    new_authority: dict[str, Any] | None = None   # the registry entry proposed for an authority not in it
    targets: dict[str, Path] = field(default_factory=dict)   # protocol id → file, of the protocols its links name


def link(parsed: ParsedProtocol, registry: Registry, source_name: str, authority: str | None = None,
         meeting_date: date | None = None, protocols: Callable[[str], ProtocolIndex] | None = None) -> Draft:
    """The draft protocol data of a parsed document; raises UnknownAuthority or MissingDate when it cannot be placed.

    ``protocols`` gives the protocols of an authority that the document's links may name (none by default).
    """
    return _Linker(parsed, registry, source_name, authority, meeting_date,
                   protocols or (lambda authority: ProtocolIndex(()))).draft()


# What a link does, in the words of the messages about it.
LINK_WORDS = {LinkType.EXECUTES: "во исполнение", LinkType.EXTENDS: "продление срока",
              LinkType.MARKS_DONE: "считать исполненным", LinkType.WITHDRAWS: "снять с контроля",
              LinkType.REVOKES: "признать утратившим силу", LinkType.CONTROLS: "контроль за исполнением"}


class _Linker:
    def __init__(self, parsed: ParsedProtocol, registry: Registry, source_name: str, authority: str | None,
                 meeting_date: date | None, protocols: Callable[[str], ProtocolIndex]):
        self.parsed = parsed
        self.protocols_of = protocols
        self.protocols = ProtocolIndex(())
        self.targets: dict[str, Path] = {}
        self.registry = registry
        self.index = NameIndex(registry)
        self.source_name = source_name
        self.given_authority = authority
        self.meeting_date = meeting_date or parsed.date
        self.review: list[tuple[str | None, str]] = []
        self.proposals: dict[Any, Proposal] = {}
        self.proposed_ids: set[str] = set()
        self.proposed_people: dict[tuple[str, str], tuple[int, Any]] = {}  # (initials, surname form) → (order, key)
        self.ids: list[str] = []
        self.authority = ""
        self.new_authority: dict[str, Any] | None = None

    def draft(self) -> Draft:
        if self.meeting_date is None:
            raise MissingDate("в документе не найдена дата заседания")
        self.authority = self._authority()
        self.protocols = self.protocols_of(self.authority)
        if self.parsed.date and self.meeting_date != self.parsed.date:
            self._note(f"дата заседания задана вручную ({self.meeting_date}); в документе — {self.parsed.date}")
        agenda = self._agenda()
        self.ids = self._decision_ids()
        data: dict[str, Any] = {
            "kind": self.parsed.kind,
            "title": self.parsed.title or self._fallback_title(),
            "meeting": self.parsed.meeting,
            "authority": self.authority,
            "date": self.meeting_date.isoformat(),
            "number": self.parsed.number,
            "time": self.parsed.time,
            "place": self.parsed.place,
            "chair": self._participant(self.parsed.chair),
            "secretary": self._participant(self.parsed.secretary),
            "attendees": [self._participant(item) for item in self.parsed.attendees],
            "speakers": [self._participant(item) for item in self.parsed.speakers],
            "agenda": [{"id": question.id, "title": question.title} for question in agenda],
            "decisions": self._decisions(agenda),
            "source": {"file": self.source_name},
            "notes": list(self.parsed.notes),
        }
        self._propose_unknown_names()
        for item in self.parsed.review:
            self.review.append((self.ids[item.decision] if item.decision is not None else None, item.message))
        if not data["decisions"]:
            self._note("решения не найдены: нет ни строки «Решили», ни пронумерованных пунктов — впишите их сами")
        return Draft({key: value for key, value in data.items() if value not in (None, [], {}) or key == "decisions"},
                     self.review, sorted(self.proposals.values(), key=lambda proposal: (proposal.section, proposal.id)),
                     self.new_authority, self.targets)

    def _note(self, message: str, decision_id: str | None = None) -> None:
        if (decision_id, message) not in self.review:
            self.review.append((decision_id, message))

    # --- the authority --------------------------------------------------------------------------

    def _authority(self) -> str:
        """The authority's id (see `authorities`); a new one's entry joins the registry the draft is linked with."""
        finder = AuthorityFinder(self.registry, self.index, self.parsed.header_text.split("\n")
                                 + self.parsed.cover_text.split("\n"), self.parsed.full_text, self.source_name)
        choice = finder.choose(self.given_authority)
        for note in choice.notes:
            self._note(note)
        if choice.new_entry is not None:
            self.new_authority = choice.new_entry
            self.registry = with_authority(self.registry, choice.new_entry)
            self.index = NameIndex(self.registry)
        return choice.id

    # --- agenda and ids --------------------------------------------------------------------------

    def _agenda(self) -> list[Question]:
        """The agenda list and the questions opened in the text, with ids; the questions link to the list."""
        listed, opened = self.parsed.agenda, self.parsed.questions
        used: set[str] = set()
        for question in listed:
            question.id = _free(question.number, used)
        for position, question in enumerate(opened):
            if listed and question.number in used:
                question.id = question.number
            elif listed and len(listed) == len(opened):
                question.id = listed[position].id
            else:
                question.id = _free(question.number, used)
        titled = [question for question in opened if question.id not in {item.id for item in listed}]
        for question in titled:
            if not question.title:
                self._note(f"у вопроса {question.id} (строка {question.line}) не найден заголовок: "
                           "решения записаны без agenda")
        return [*listed, *(question for question in titled if question.title)]

    def _question_id(self, decision: RawDecision, agenda_ids: set[str]) -> str | None:
        questions = self.parsed.questions
        if decision.question is not None and questions[decision.question].id in agenda_ids:
            return questions[decision.question].id
        if decision.question is None and len(agenda_ids) == 1 and not questions:
            return next(iter(agenda_ids))
        return None

    def _decision_ids(self) -> list[str]:
        decisions = self.parsed.decisions
        restart = _numbering_restarts(decisions)
        prefixes = [self._prefix(decision) if restart else None for decision in decisions]
        if restart:
            self._note("нумерация решений начинается заново в каждом вопросе: к номерам добавлен номер вопроса "
                       "(«1.» во втором вопросе → «2.1»)")
        written: list[str | None] = []
        for decision, prefix in zip(decisions, prefixes):
            if decision.letter_of is not None and written[decision.letter_of]:     # «а)» under «1.» of question 2
                written.append(f"{written[decision.letter_of]}.{decision.number.rsplit('.', 1)[1]}")
            else:
                written.append(_prefixed(decision.number, prefix))
        taken = {number for number in written if number}    # written numbers are reserved, ids given are taken
        given: set[str] = set()
        resume: dict[str, int] = {}
        ids: list[str] = []
        assigned: list[str] = []
        several_questions = self._several_questions()
        for position, decision in enumerate(decisions):
            candidate = written[position]
            if candidate is None:
                base = ids[decision.parent] if decision.parent is not None else prefixes[position] or \
                    (self._prefix(decision) if several_questions else None)
                candidate = _next_child(base, taken, resume)
                assigned.append(f"{decision.line} → {candidate}")
            elif candidate in given or not NUMBER.fullmatch(candidate):
                replacement = _next_sibling(candidate, taken, resume)
                problem = "повторяется" if candidate in given else "не подходит под формат номеров"
                self._note(f"номер {candidate} (строка {decision.line}) {problem}: записан как {replacement}",
                           replacement)
                candidate = replacement
            ids.append(candidate)
            given.add(candidate)
            taken.add(candidate)
        if assigned:
            self._note(f"пункты без номера получили номера (строка → номер): {', '.join(assigned)}")
        return ids

    def _prefix(self, decision: RawDecision) -> str | None:
        return self.parsed.questions[decision.question].id if decision.question is not None else None

    def _several_questions(self) -> bool:
        return len({decision.question for decision in self.parsed.decisions}) > 1

    # --- decisions ---------------------------------------------------------------------------------

    def _decisions(self, agenda: list[Question]) -> list[dict[str, Any]]:
        agenda_ids = {question.id for question in agenda}
        block_assignees = [self._addressees(block.heading, heading=True, line=block.line)[0] if block.heading
                           else [] for block in self.parsed.blocks]
        effective: dict[str, list[str]] = {}
        result = []
        for position, decision in enumerate(self.parsed.decisions):
            decision_id = self.ids[position]
            assignees, responsible = self._addressees(decision.text, decision.heading, decision.line, decision_id)
            named, people = self._responsible(decision, decision_id)
            assignees = _unique(assignees + named)
            responsible = _unique(responsible + people)
            if not assignees:
                assignees = self._inherited_by_position(position, effective)
            inherited = _by_number(decision_id, effective)
            if not assignees and not inherited and block_assignees[decision.block]:
                assignees = list(block_assignees[decision.block])
            effective[decision_id] = assignees or inherited
            result.append(self._decision_data(position, decision_id, self._question_id(decision, agenda_ids),
                                              assignees, responsible))
        return result

    def _inherited_by_position(self, position: int, effective: dict[str, list[str]]) -> list[str]:
        """The heading's assignees, written out, when the number does not descend from the heading."""
        decision = self.parsed.decisions[position]
        if decision.parent is None:
            return []
        heading_id, decision_id = self.ids[decision.parent], self.ids[position]
        heading_assignees = effective.get(heading_id, [])
        if not heading_assignees or decision_id.startswith(heading_id + "."):
            return []
        if _by_number(decision_id, effective) == heading_assignees:
            return []
        self._note(f"номер {decision_id} не продолжает пункт {heading_id}, под которым стоит (строка "
                   f"{decision.line}): исполнители пункта {heading_id} записаны явно", decision_id)
        return list(heading_assignees)

    def _decision_data(self, position: int, decision_id: str, agenda: str | None, assignees: list[str],
                       responsible: list[str]) -> dict[str, Any]:
        decision = self.parsed.decisions[position]
        data: dict[str, Any] = {"id": decision_id}
        if agenda:
            data["agenda"] = agenda
        data["text"] = decision.text or "—"
        if not decision.text:
            self._note(f"у пункта (строка {decision.line}) нет текста", decision_id)
        if assignees:
            data["assignees"] = assignees
        if responsible:
            data["responsible"] = responsible
        if decision.responsible_text:
            data["responsible_text"] = decision.responsible_text
        found = [] if decision.heading else references(decision.text, self._heading_protocol(position))
        # «Продлить срок … до 20.03.2020»: the date in the sentence is the new deadline of another decision
        deadline = decision.deadline_text or (None if any(item.deadline for item in found)
                                              else self._deadline_in_text(decision, decision_id))
        if deadline:
            data["deadline"] = self._deadline(deadline, decision_id)
        links = [link for reference in found for link in self._links(reference, decision_id)]
        if links:
            data["links"] = links
        return data

    # --- links between decisions -------------------------------------------------------------------

    def _heading_protocol(self, position: int) -> ProtocolName:
        """The protocol the nearest heading above names: «1. Внести в решение … от 15.09.2022 № 7 изменения:»."""
        parent = self.parsed.decisions[position].parent
        while parent is not None:
            named = protocol_named(self.parsed.decisions[parent].text)
            if named:
                return named
            parent = self.parsed.decisions[parent].parent
        return ProtocolName()

    def _links(self, reference: Reference, decision_id: str) -> list[dict[str, Any]]:
        """The links a reference makes, resolved among the authority's protocols, each marked for checking;
        none, with a message, when it cannot be resolved."""
        about = f"{LINK_WORDS[reference.type]}: «{reference.text}»"
        if reference.problem:
            return self._unlinked(f"{about} — {reference.problem}", decision_id)
        if reference.type is LinkType.EXTENDS and reference.deadline is None:
            return self._unlinked(f"{about} — новый срок не найден", decision_id)
        if reference.own:
            target, how, decisions = None, "", self.ids
        elif not reference.protocol:
            return self._unlinked(f"{about} — не сказано, какого протокола", decision_id)
        else:
            known, how = self.protocols.find(reference.protocol, self.meeting_date,
                                             ProtocolName(self.meeting_date, self.parsed.number))
            if known is None:
                return self._unlinked(f"{about} — {how} (protocols/{self.authority}/)", decision_id)
            target, decisions = known.id, known.decisions
            self.targets[known.id] = known.path
        missing = [item for item in reference.items
                   if item not in decisions or (target is None and item == decision_id)]
        if missing:
            self._note(f"связь ({about}) не записана для п. {', '.join(missing)}: в {target or 'этом протоколе'} "
                       "нет такого решения", decision_id)
        items = [item for item in reference.items if item not in missing]
        if reference.items and not items:
            return []
        named = ", ".join(f"п. {item}" for item in items) or "протокол целиком"
        found = f"{target}, {named} (найден {how})" if target else f"этот протокол, {named}"
        self._note(f"предложена связь по тексту — {about} → {found}: проверьте", decision_id)
        return [self._link_data(reference, target, item) for item in items or [None]]

    def _link_data(self, reference: Reference, target: str | None, item: str | None) -> dict[str, Any]:
        """A link as the draft records it (schema/protocol.schema.json, $defs.link)."""
        data: dict[str, Any] = {"type": reference.type.value}
        if target is not None:
            data["protocol"] = target
        if item is not None:
            data["decision"] = item
        data["text"] = reference.text
        if reference.type is LinkType.EXTENDS:
            data["deadline"] = self._new_deadline(reference.deadline)
        return data

    def _unlinked(self, message: str, decision_id: str) -> list[dict[str, Any]]:
        self._note(f"ссылка на другое решение не записана ({message}): впишите links сами", decision_id)
        return []

    def _new_deadline(self, text: str) -> dict[str, Any]:
        """The new deadline of «продлить срок … до …», by the deadline rules; «на 15.04.2020» reads as «до»."""
        deadline = parse_deadline(text, self.meeting_date)
        if deadline.kind == "unparsed" and text.startswith("на "):
            deadline = parse_deadline("до " + text.removeprefix("на "), self.meeting_date)
        return _deadline_data(text, deadline)

    def _deadline_in_text(self, decision: RawDecision, decision_id: str) -> str | None:
        """A deadline written inside the decision's sentence («… в срок до 27 июня 2021 года»), if only one is."""
        if decision.heading:
            return None
        phrase, phrases = deadline_in_text(decision.text)
        if phrase:
            self._note(f"срок «{phrase}» взят из текста решения: проверьте", decision_id)
        elif phrases:
            self._note(f"в тексте решения несколько сроков ({'; '.join(phrases)}): срок не записан, выберите сами",
                       decision_id)
        return phrase

    def _deadline(self, text: str, decision_id: str) -> dict[str, Any]:
        deadline = parse_deadline(text, self.meeting_date)
        if deadline.kind == "unparsed":
            self._note(f"срок «{text}» не распознан (kind: unparsed): уточните или оставьте как есть", decision_id)
        return _deadline_data(text, deadline)

    # --- names -----------------------------------------------------------------------------------

    def _addressees(self, text: str, heading: bool, line: int, decision_id: str | None = None
                    ) -> tuple[list[str], list[str]]:
        """(organizations and groups, people) a decision or heading is addressed to."""
        span = self._addressee_span(text, heading)
        if not span:
            return [], []
        assignees, people = [], []
        mentions = self.index.mentions(span)
        for mention in mentions:
            entry = self._resolve(mention, line, decision_id)
            if entry:
                (people if mention.kind == PERSON else assignees).append(entry)
        for rest in _uncovered(span, mentions):
            self._propose_phrase(rest, line, decision_id, why="адресат")
        return assignees, people

    def _responsible(self, decision: RawDecision, decision_id: str) -> tuple[list[str], list[str]]:
        """(organizations and groups, people) named after «Ответственные:»."""
        if not decision.responsible_text:
            return [], []
        assignees, people = [], []
        for chunk in decision.responsible_text.split(";"):
            after_person = False
            for piece in (piece.strip() for piece in chunk.split(",")):
                if not piece:
                    continue
                mentions = self.index.mentions(piece)
                if any(mention.kind == PERSON for mention in mentions):
                    people += [entry for mention in mentions if mention.kind == PERSON
                               if (entry := self._resolve(mention, decision.line, decision_id))]
                    after_person = True
                    continue
                if after_person and piece[:1].islower():
                    continue                  # «Ожегова А.А., главный специалист УО»: a description
                covered = sum(mention.end - mention.start for mention in mentions)
                if mentions and covered >= 0.6 * len(piece):
                    assignees += [entry for mention in mentions
                                  if (entry := self._resolve(mention, decision.line, decision_id))]
                else:
                    self._propose_phrase(piece, decision.line, decision_id, why="ответственный")
                after_person = False
        return assignees, people

    def _participant(self, participant: Participant | None) -> dict[str, str] | None:
        """«Камалутдинова Г.Н. – заместитель начальника …»: the text, the person, the organization named."""
        if participant is None:
            return None
        data = {"text": participant.text}
        mentions = self.index.mentions(participant.text)
        organizations = [entry for mention in mentions if mention.kind == ORGANIZATION
                         if (entry := self._resolve(mention, participant.line))]
        people = [entry for mention in mentions if mention.kind == PERSON
                  if (entry := self._resolve(mention, participant.line, organization=next(iter(organizations), None)))]
        if people:
            data["person"] = people[0]
        if organizations:
            data["organization"] = organizations[0]
        return data

    def _resolve(self, mention: Mention, line: int, decision_id: str | None = None,
                 organization: str | None = None) -> str | None:
        resolution = self.index.resolve(mention, self.authority)
        where = f"строка {line}"
        if resolution.status == "linked":
            if mention.kind == PERSON and not mention.exact:
                self._note(f"«{mention.text}» ({where}) сопоставлено с {resolution.entry_id} по падежной форме "
                           "фамилии: проверьте и добавьте это написание в aliases", decision_id)
            return resolution.entry_id
        if resolution.status == "ambiguous":
            self._note(f"«{mention.text}» ({where}) подходит к нескольким записям реестра: "
                       f"{', '.join(resolution.candidates)} — не связано, выберите сами", decision_id)
            return None
        if resolution.status == "elsewhere":
            self._note(f"«{mention.text}» ({where}) есть в реестре только у другого органа "
                       f"({', '.join(resolution.candidates)}): предложена новая запись", decision_id)
        self._propose(mention, line, organization)
        return None

    def _propose_unknown_names(self) -> None:
        """Every name of a person or an organization in the text that no registry entry has, wherever it stands.

        A phrase the registry knows for another authority («руководителей ОО»
        in a title) is proposed only where it addresses a decision.
        """
        offsets = _line_offsets(self.parsed)
        for mention in self.index.mentions(self.parsed.full_text):
            if not mention.candidates:
                self._propose(mention, offsets(mention.start))

    def _propose(self, mention: Mention, line: int, organization: str | None = None) -> None:
        if mention.kind == PERSON and mention.person is not None:
            key = self._person_key(mention.person)
            proposal = self.proposals.get(key)
            if proposal is None:
                name = mention.person.display()
                proposal = Proposal("people", self._new_id(_person_slug(mention.person)), name,
                                    person=mention.person)
                self.proposals[key] = proposal
                for form in mention.person.forms:
                    self.proposed_people.setdefault((mention.person.initials, form), (len(self.proposals), key))
            proposal.organization = proposal.organization or organization
        else:
            proposal = self._phrase_proposal(mention.text)
        if mention.text not in proposal.aliases:
            proposal.aliases.append(mention.text)
        proposal.lines.append(line)

    def _person_key(self, name: PersonName) -> tuple[str, str]:
        """The key of the first person proposed whose name fits, else a new one (looked up by surname form)."""
        proposed = [self.proposed_people[name.initials, form] for form in name.forms
                    if (name.initials, form) in self.proposed_people]
        return min(proposed)[1] if proposed else ("person", f"{name.initials} {min(name.forms)}")

    def _propose_phrase(self, phrase: str, line: int, decision_id: str | None, why: str) -> None:
        phrase = phrase.strip(" ,;:()–—-")
        if not re.search(r"[А-Яа-яЁё]{3,}", phrase):
            return
        is_group = GROUP_HEAD.match(phrase) is not None
        is_organization = _organization_kind(phrase) is not None or ORGANIZATION_NAME.search(phrase) is not None
        if not (is_group or is_organization):
            self._note(f"{why} «{phrase}» (строка {line}) не найден в реестре и не похож на организацию или "
                       "группу: оставлен только в тексте", decision_id)
            return
        proposal = self._phrase_proposal(phrase, group=is_group)
        if phrase not in proposal.aliases:
            proposal.aliases.append(phrase)
        proposal.lines.append(line)
        self._note(f"{why} «{phrase}» (строка {line}) не найден в реестре: предложена запись {proposal.id}",
                   decision_id)

    def _phrase_proposal(self, phrase: str, group: bool = False) -> Proposal:
        key = ("phrase", tuple(token.key for token in tokens(phrase)))
        proposal = self.proposals.get(key)
        if proposal is None:
            section = "groups" if group or GROUP_HEAD.match(phrase) else "organizations"
            kind = None if section == "groups" else (_organization_kind(phrase) or "other")
            proposal = Proposal(section, self._new_id(slugify(phrase, max_length=60, word_boundary=True)
                                                      or "organizatsiia"), phrase, kind)
            self.proposals[key] = proposal
        return proposal

    def _new_id(self, base: str) -> str:
        """An id for a new proposal: ``base``, else ``base-2``, ``base-3`` … (one not proposed nor in the registry)."""
        candidate, number = base, 1
        while candidate in self.proposed_ids or self.registry.get(candidate) is not None:
            number += 1
            candidate = f"{base}-{number}"
        self.proposed_ids.add(candidate)
        return candidate

    def _fallback_title(self) -> str:
        self._note("заголовок (title) не найден: записан вид документа и дата")
        return f"{self.parsed.kind.capitalize()} от {self.meeting_date:%d.%m.%Y}"


    def _addressee_span(self, text: str, heading: bool) -> str | None:
        """The words a decision is addressed with: «Руководителям МОУ» in «Руководителям МОУ принять меры…».

        After an optional «Рекомендовать»/«Поручить», the first word must name
        an addressee (a role, a body, a person, a name the registry knows) —
        «Информацию … принять к сведению» has none. The addressee ends before
        the first verb in the infinitive; a heading («Отделу образования:»)
        is all addressee.
        """
        rest = _LEADING_VERB.sub("", text.strip()).strip()
        words = rest.rstrip(":").split()
        if not words or not self._names_addressee(rest, words[0]):
            return None
        kept = []
        for word in words:
            if _INFINITIVE.match(word.lower()):
                break
            kept.append(word)
        else:
            if not heading:
                return None
        return " ".join(kept).strip(" ,:") or None

    def _names_addressee(self, text: str, first: str) -> bool:
        """Whether the text starts with an addressee: a role or body, after adjectives («Главному специалисту»)."""
        words = [word.lower().strip("«\"(") for word in text.split()[:_ADJECTIVES_BEFORE_HEAD + 1]]
        for word in words:
            if word.startswith(_ADDRESSEE_HEADS):
                return True
            if not _DATIVE_ADJECTIVE.fullmatch(word):
                break
        return any(mention.start == 0 and (mention.candidates or mention.kind == PERSON)
                   or mention.start == 0 and ORGANIZATION_NAME.match(text)
                   for mention in self.index.mentions(text))


# --- small pure helpers -------------------------------------------------------------------------


def _deadline_data(text: str, deadline: Deadline) -> dict[str, Any]:
    """A deadline as the draft records it: the wording as written, the rest as the rules read it."""
    data: dict[str, Any] = {"text": text, "kind": deadline.kind}
    if deadline.start:
        data["start"] = deadline.start.isoformat()
    if deadline.due:
        data["due"] = deadline.due.isoformat()
    if deadline.inferred:
        data["inferred"] = True
    if deadline.recurrence:
        data["recurrence"] = deadline.recurrence
    return data


def _uncovered(span: str, mentions: list[Mention]) -> list[str]:
    """The parts of ``span`` no mention covers, without connectors («и», commas).

    A lone role word before named organizations («Директорам МБОУ «СОШ № 1»
    и …») is their heads, not another addressee.
    """
    parts, position = [], 0
    for mention in mentions:
        parts.append(span[position:mention.start])
        position = mention.end
    parts.append(span[position:])
    organizations = any(mention.kind == ORGANIZATION for mention in mentions)
    return [part.strip() for part in parts if part.strip() and not _CONNECTORS.match(part.strip())
            and not (organizations and len(part.split()) == 1 and GROUP_HEAD.match(part.strip()))]


def _organization_kind(name: str) -> str | None:
    for pattern, kind in _KIND_HINTS:
        if re.search(pattern, name):
            return kind
    return None


def _person_slug(name: PersonName) -> str:
    surname = name.display().split(" ")[0]
    return f"{slugify(surname)}-{slugify(name.initials).replace('-', '')}"


def _numbering_restarts(decisions: list[RawDecision]) -> bool:
    """Whether a top-level number written under one question is written again under another."""
    seen: dict[str, int | None] = {}
    for decision in decisions:
        if decision.number and "." not in decision.number:
            if decision.number in seen and seen[decision.number] != decision.question:
                return True
            seen.setdefault(decision.number, decision.question)
    return False


def _prefixed(number: str | None, prefix: str | None) -> str | None:
    if number is None or prefix is None or number.startswith(prefix + "."):
        return number
    return f"{prefix}.{number}"


def _next_child(base: str | None, taken: set[str], resume: dict[str, int] | None = None) -> str:
    if base is not None and len(base.split(".")) >= 6:
        return _next_sibling(base, taken, resume)
    return _first_free(f"{base}." if base else "", 1, taken, resume)


def _next_sibling(number: str, taken: set[str], resume: dict[str, int] | None = None) -> str:
    parts = [part for part in re.findall(r"\d{1,3}", number)][:6] or ["1"]
    if ".".join(parts) not in taken:
        return ".".join(parts)
    return _first_free("".join(part + "." for part in parts[:-1]), int(parts[-1]) + 1, taken, resume)


def _first_free(prefix: str, number: int, taken: set[str], resume: dict[str, int] | None) -> str:
    """``prefix`` and the first number from ``number`` on that is not taken. ``resume`` keeps, per prefix,
    where the last search stopped: ``taken`` only grows, so the next search may go on from there, and
    numbering n decisions costs n steps, not n² (a table of 2,000 rows without numbers)."""
    if resume is not None:
        number = max(number, resume.get(prefix, 0))
    while f"{prefix}{number}" in taken:
        number += 1
    if resume is not None:
        resume[prefix] = number
    return f"{prefix}{number}"


def _free(number: str | None, used: set[str]) -> str:
    candidate = number if number and NUMBER.fullmatch(number) and number not in used else None
    if candidate is None:
        candidate = _next_child(None, used)
    used.add(candidate)
    return candidate


def _by_number(decision_id: str, effective: dict[str, list[str]]) -> list[str]:
    """The assignees a decision inherits by its number, as the model computes them."""
    ancestor = parent_id(decision_id)
    while ancestor is not None:
        if effective.get(ancestor):
            return effective[ancestor]
        ancestor = parent_id(ancestor)
    return []


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _line_offsets(parsed: ParsedProtocol) -> Callable[[int], int]:
    """A function from an offset in ``parsed.full_text`` to the source line its logical line starts at."""
    starts, position = [], 0
    for text in parsed.full_text.split("\n"):
        starts.append(position)
        position += len(text) + 1
    return lambda offset: parsed.line_numbers[bisect_right(starts, offset) - 1] if parsed.line_numbers else 0
