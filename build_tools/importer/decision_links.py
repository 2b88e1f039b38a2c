"""Links between decisions in a decision's words: «во исполнение п. 3.2 протокола от 22.11.2019» and the like.

`references(text)` finds what a decision says of other decisions — the link
types of docs/format/execution.md — and how it names them:

* a **trigger** says what the decision does: «во исполнение» (executes),
  «продлить / перенести срок» (extends), «считать исполненным», «снять с
  контроля как исполненный» (marks_done), «снять с контроля» (withdraws),
  «признать утратившим силу», «отменить» (revokes), «контроль за
  исполнением» (controls);
* the **reference** is in the words from the trigger to the next one (or,
  for «п. 4 признать утратившим силу», before it): the items («п. 3.2»,
  «пункты 2.1 и 2.3»), the protocol by its date and number («протокола от
  22.11.2019 № 5», «решения совещания от 15 января 2020 г.»), or «настоящего
  решения» for the decision's own protocol; for «продлить» the new deadline
  («до 20.03.2020», «на 15.04.2020»).

A trigger whose words name another kind of document («во исполнение приказа
министерства …») is not a link between decisions and is left alone. Which
protocol of the knowledge base a reference names is `ProtocolIndex.find`'s
question. Nothing here decides for the editor: the linker writes the links
it can resolve marked for checking, and says why it writes none for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..deadlines import MONTHS
from ..loader import read_protocol
from ..model import LinkType
from .sentence_deadlines import deadline_in_text

_GENITIVE = {forms[1]: month for month, forms in MONTHS.items()}
_DATE = (r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})(?:\s*(?:г\.|года))?"
         rf"|«?(?P<wday>\d{{1,2}})»?\s+(?P<wmonth>{'|'.join(_GENITIVE)})\s+(?P<wyear>\d{{4}})(?:\s*(?:г\.|года))?")
_PROTOCOL_DATE = re.compile(rf"(?<!\w)от\s+(?:{_DATE})", re.I)
_PROTOCOL_NUMBER = re.compile(r"№\s*(?P<number>\d+[\w/-]*)")
_ITEM = r"\d{1,3}(?:\.\d{1,3})*"
_ITEMS = re.compile(rf"(?<!\w)(?:п\.\s*п\.|пп\.|п\.|подпункт\w*|пункт\w*)\s*(?P<items>{_ITEM}\.?"
                    rf"(?:\s*(?:,|и)\s*(?:п\.\s*)?{_ITEM}\.?)*)(?P<range>\s*[-–—]\s*{_ITEM})?", re.I)
_PROTOCOL_WORD = re.compile(r"(?<!\w)(?:протокол\w*|решени[еяю]\w*)", re.I)
_OWN = re.compile(r"(?<!\w)(?:настоящ\w+|данн(?:ого|ое|ому)\s+(?:решени|протокол))", re.I)
_OTHER_DOCUMENT = re.compile(r"(?<!\w)(?:приказ|распоряжени|постановлени|письм|закон|указ|поручени|программ|"
                             r"план\w*\s+мероприяти)\w*", re.I)
_WHOSE_EXECUTION = re.compile(r"(?:\s+(?:настоящего|данного))?(?:\s+(?:решения|протокола|поручения)\b)?", re.I)
# How far after «протокола»/«решения» its date and number are looked for: the words of the meeting between
# («решения совещания руководителей образовательных организаций от …»), not the rest of the sentence.
_DATE_REACH, _NUMBER_REACH, _NUMBER_AFTER_DATE = 120, 80, 12
_NEW_DEADLINE_ON = re.compile(rf"(?<!\w)на\s+(?:{_DATE})", re.I)  # «перенести срок на 15.04.2020»

# Any words up to the end of the clause: a «;» or a sentence's full stop, not the one of «п.» or of a date.
_IN_CLAUSE = r"(?:(?!;|\.\s+[А-ЯЁ]).)*?"
# Alternatives in order: at one position the first that matches wins («снять с контроля как исполненный»
# is marks_done before it is withdraws).
_TRIGGERS = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in (
    ("executes", r"во\s+исполнение"),
    ("extends", r"(?:продлить|перенести)\s+(?:\S+\s+){0,2}?срок\w*"),
    ("marks_done", rf"(?:считать|признать)(?={_IN_CLAUSE}исполненн)"
                   rf"|снять\s+с\s+контроля(?={_IN_CLAUSE}как\s+исполненн)"),
    ("withdraws", r"снять\s+с\s+контроля"),
    ("revokes", r"(?:признать\s+)?утратившим\w*\s+силу|отменить"),
    ("controls", r"контроль\s+(?:за\s+)?(?:ходом\s+)?исполнени\w+"),
)), re.I)
# The types whose reference may stand before the trigger: «Пункт 6 признать утратившим силу».
_REFERENCE_BEFORE = {LinkType.MARKS_DONE, LinkType.WITHDRAWS, LinkType.REVOKES}


@dataclass(frozen=True)
class ProtocolName:
    """A protocol as a text names it: its date and its number, either may be missing."""

    date: date | None = None
    number: str | None = None

    def __bool__(self) -> bool:
        return self.date is not None or self.number is not None

    def wording(self) -> str:
        """«протокол от 22.11.2019 № 5», for messages."""
        parts = ([f"от {self.date:%d.%m.%Y}"] if self.date else []) + ([f"№ {self.number}"] if self.number else [])
        return "протокол " + " ".join(parts)


@dataclass(frozen=True)
class Reference:
    """What a decision says of other decisions, as its text words it."""

    type: LinkType
    text: str  # the words that name the target: «п. 3.2 протокола от 22.11.2019»
    items: tuple[str, ...] = ()  # the decisions named; none: the protocol as a whole
    protocol: ProtocolName = ProtocolName()
    own: bool = False  # «настоящего решения»: the decision's own protocol
    deadline: str | None = None  # for EXTENDS: the new deadline as written
    problem: str | None = None  # why no link can be written as it stands (a range of items)


def references(text: str, context: ProtocolName = ProtocolName()) -> list[Reference]:
    """The references of a decision's text; ``context`` is the protocol its heading names
    («1. Внести в решение … от 15.09.2022 № 7 изменения: 1.2. Пункт 6 признать утратившим силу»)."""
    triggers = list(_TRIGGERS.finditer(text))
    found = []
    for position, trigger in enumerate(triggers):
        kind = LinkType(trigger.lastgroup)
        end = triggers[position + 1].start() if position + 1 < len(triggers) else len(text)
        start = triggers[position - 1].end() if position else 0
        reference = _reference(kind, text[trigger.end():end], context)
        if reference is None and kind in _REFERENCE_BEFORE:
            reference = _reference(kind, _clause_before(text[start:trigger.start()]), context)
        if kind is LinkType.CONTROLS and (reference is None or reference.own and not reference.items):
            # «Контроль за исполнением (настоящего) решения возложить на …»: of this protocol as a whole
            named = _WHOSE_EXECUTION.match(text, trigger.end())
            reference = Reference(kind, " ".join(text[trigger.start():named.end()].split()), own=True)
        if reference is not None:
            found.append(reference)
    return found


def protocol_named(text: str) -> ProtocolName:
    """The protocol a text names by its date or number: what its sub-items refer to."""
    if not _PROTOCOL_WORD.search(text):
        return ProtocolName()
    return _protocol(text)


def _reference(kind: LinkType, words: str, context: ProtocolName) -> Reference | None:
    """The reference in ``words`` (those after or before a trigger), or None when they name nothing."""
    items = _ITEMS.search(words)
    document = _PROTOCOL_WORD.search(words)
    other = _OTHER_DOCUMENT.search(words)
    if other and (document is None or other.start() < document.start()) and items is None:
        return None  # «во исполнение приказа …»: another kind of document
    named = _protocol(words) if document or items else ProtocolName()
    own = bool(_OWN.search(words)) and not named
    if items is None and not named and not own:
        return None
    numbers = tuple(dict.fromkeys(number.rstrip(".") for number in re.findall(_ITEM + r"\.?", items["items"]))) \
        if items else ()
    problem = "названы пункты через тире (диапазон): впишите связи с каждым пунктом сами" \
        if items and items["range"] else None
    protocol = named or (ProtocolName() if own else context)
    if kind is LinkType.CONTROLS and not protocol:
        own = True  # «контроль за исполнением п. 2 возложить на …»: an item of this protocol
    deadline = _new_deadline(words) if kind is LinkType.EXTENDS else None
    return Reference(kind, _words_of(words, items, document), numbers, protocol, own, deadline, problem)


def _words_of(words: str, items: re.Match | None, document: re.Match | None) -> str:
    """The words naming the target: from the items or the document word to the protocol's date and number
    (or its «настоящего решения»)."""
    marks = [match for match in (items, document, _OWN.search(words), *_protocol_marks(words)) if match is not None]
    start = min(match.start() for match in marks)
    end = max(match.end() for match in marks)
    return " ".join(words[start:end].split()).strip(" ,;:")


def _protocol(words: str) -> ProtocolName:
    found, number = _protocol_marks(words)
    return ProtocolName(_date(found) if found else None, number["number"] if number else None)


def _protocol_marks(words: str) -> tuple[re.Match | None, re.Match | None]:
    """The date («от 22.11.2019») and the number («№ 5») of the protocol the words name: after the word
    «протокола» or «решения», the number next to the date, not one of a school further on («СОШ № 3»)."""
    document = _PROTOCOL_WORD.search(words)
    start = document.start() if document else 0
    found = _PROTOCOL_DATE.search(words, start, start + _DATE_REACH)
    end = found.end() + _NUMBER_AFTER_DATE if found else start + _NUMBER_REACH
    return found, _PROTOCOL_NUMBER.search(words, start, end)


def _date(match: re.Match) -> date | None:
    if match["day"]:
        year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
        day, month = int(match["day"]), int(match["month"])
    else:
        year, day, month = int(match["wyear"]), int(match["wday"]), _GENITIVE[match["wmonth"].lower()]
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _new_deadline(words: str) -> str | None:
    """«до 20.03.2020» in «… п. 2.1 протокола от 15.01.2020 до 20.03.2020», «на 15.04.2020»."""
    phrase, _ = deadline_in_text(_PROTOCOL_DATE.sub(lambda match: " " * len(match.group(0)), words))
    if phrase:
        return phrase
    on = _NEW_DEADLINE_ON.search(words)
    return " ".join(on.group(0).split()) if on else None


def _clause_before(words: str) -> str:
    """The words of the clause that ends where a trigger starts: after the last «;» or full stop of a sentence."""
    cut = max(words.rfind(";"), words.rfind(". "))
    return words[cut + 1:] if cut >= 0 else words


# --- the protocols a reference may name ---------------------------------------------------------


@dataclass(frozen=True)
class KnownProtocol:
    """A protocol already in the knowledge base (or written earlier in the same import)."""

    id: str
    date: date
    number: str | None
    decisions: tuple[str, ...]
    path: Path


def read_known(path: Path, authority: str) -> KnownProtocol | None:
    """What a reference may match of a protocol file: its date, number and decision numbers."""
    data = read_protocol(path, path.name).data
    if not isinstance(data, dict) or not isinstance(data.get("decisions"), list):
        return None
    try:
        meeting = date.fromisoformat(str(data.get("date")))
    except ValueError:
        return None
    number = data.get("number")
    decisions = tuple(str(raw["id"]) for raw in data["decisions"] if isinstance(raw, dict) and "id" in raw)
    return KnownProtocol(f"{authority}/{path.stem}", meeting, str(number) if number is not None else None,
                         decisions, path)


class ProtocolIndex:
    """The protocols of one authority that references may name."""

    def __init__(self, protocols: Iterable[KnownProtocol]):
        self.protocols = list(protocols)

    @classmethod
    def of_folder(cls, folder: Path, authority: str) -> ProtocolIndex:
        found = (read_known(path, authority) for path in sorted(folder.glob("*.md"))) if folder.is_dir() else ()
        return cls(protocol for protocol in found if protocol is not None)

    def add(self, protocol: KnownProtocol) -> None:
        self.protocols = [known for known in self.protocols if known.id != protocol.id] + [protocol]

    def find(self, name: ProtocolName, before: date, own: ProtocolName) -> tuple[KnownProtocol | None, str]:
        """The protocol ``name`` names among those held before ``before`` (not the importing one, ``own``),
        and how it was chosen or why none was: «по дате и номеру», «не найден …»."""
        candidates = [protocol for protocol in self.protocols if protocol.date <= before
                      and not (protocol.date == before and protocol.number == own.number)]
        if name.date is not None:
            candidates = [protocol for protocol in candidates if protocol.date == name.date]
        if name.number is not None:
            candidates = [protocol for protocol in candidates if protocol.number == name.number]
        if not candidates:
            return None, f"{name.wording()} не найден среди протоколов органа"
        if name.date is None:  # numbers start again every year: the latest one with this number
            latest = max(candidates, key=lambda protocol: protocol.date)
            return latest, f"по номеру — последний до заседания протокол № {name.number} ({latest.date:%d.%m.%Y})"
        if len(candidates) > 1:
            return None, f"{name.wording()}: подходят несколько протоколов ({', '.join(p.id for p in candidates)})"
        return candidates[0], "по дате и номеру" if name.number else "по дате"
