"""Reading a document's structure: header, participants, agenda, decisions, signatures.

`read_structure` walks the logical lines of a document once, in order, as a
reader does, and records what each line is. The walk has a state — the
header, the list of attendees, the agenda, a speech, a block of decisions,
the signatures — and the markers of `layout` move it from one to another:

* «РЕШИЛИ:», «Решили: рекомендовать руководителям ОО:», «коллегия решила:»
  open a block of decisions; text after the colon that ends with «:» is a
  heading that assigns every decision of the block.
* «1. По вопросу: «…»:», «По второму вопросу слушали: …», «Рассмотрели
  вопрос «…»», «Вопрос 2.» open an agenda question; «Слушали:» opens one
  too when it is numbered or the previous question has had its decisions.
  A question opened inside a block of decisions that started before any
  question («коллегия решила:» then «1. По вопросу…») keeps that block open.
* A numbered line is a decision; its number is kept as written. A line
  ending with «:» is a heading: the items after it, deeper in numbering or
  without numbers, are its children. «Срок…» and «Ответственные…» belong to
  the latest decision, whether on their own line or inside its paragraph.
* A table whose header has a text column and a «Срок» or «Ответственный»
  column is a table of decisions, row by row.
* «Председатель», «Секретарь» close the decisions: the name on the same or
  one of the next lines is the signature. So does a signature by position
  («Начальник управления образования М.А. Соколова»).

Without any «Решили» line, numbered items after the header are decisions.
The result holds texts only; matching names against the registry, ids and
deadlines come later (`linking`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..deadlines import MONTHS
from .layout import (AGENDA_MARKER, APPENDIX, ATTENDEES_MARKER, BARE_DEADLINE, BULLETED, CHAIR, DECISION_MARKER,
                     HEADER_FIELD, HEARD_MARKER, INLINE_LABEL, KIND_LINE, LABEL_LINE, LETTER_SIGN, LETTERED, NUMBER,
                     NUMBERED, SECRETARY, SIGNATURE_QUALIFIER, SIGNER, SPEECHES_INTRO, TOPIC_MARKER, Line,
                     agenda_item, label_kind, numbered_item, question_number)
from .names import contains_person_name, person_names
from .repeats import Repeat, find_repeats

KINDS = {"выписка из протокола": "выписка из протокола", "протокол": "протокол", "приказ": "приказ"}
DEFAULT_KIND = "протокол"
SIGNATURE_LOOKAHEAD = 4          # lines after «Председатель» in which its name may stand
PROTOCOL_START_WITHIN = 80       # a kind line further down is not the start of the protocol


@dataclass
class Participant:
    text: str
    line: int


@dataclass
class Question:
    """An agenda question: from the agenda list, or opened in the text («По вопросу …», «Слушали»)."""

    number: str | None
    title: str | None
    line: int
    id: str = ""                 # assigned by `linking`


@dataclass
class Block:
    """A block of decisions opened by «Решили», a table of decisions, or the first numbered item."""

    line: int
    question: int | None         # index into ParsedProtocol.questions
    heading: str | None = None   # «рекомендовать руководителям ОО:» after «Решили:»


@dataclass
class RawDecision:
    number: str | None           # as written («3.1»), None for an unnumbered item
    text: str
    line: int
    block: int
    question: int | None
    parent: int | None = None    # index of the heading it stands under, by position
    heading: bool = False        # ends with «:» or is a table's section row
    level_before: int = 0        # for an item without a number: the depth of the numbered item before it
    bullet: bool = False         # written as a bulleted item («- …») without a number
    lettered: bool = False       # written «а)», numbered under the item before it
    deadline_text: str | None = None
    responsible_text: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return len(self.number.split(".")) if self.number else 0


@dataclass
class ReviewItem:
    """Something the editor should check: printed, and written as a comment into the draft."""

    message: str
    decision: int | None = None  # index into ParsedProtocol.decisions, for a comment beside it


@dataclass
class ParsedProtocol:
    kind: str = DEFAULT_KIND
    title: str | None = None
    meeting: str | None = None
    date: date | None = None
    number: str | None = None
    time: str | None = None
    place: str | None = None
    chair: Participant | None = None
    secretary: Participant | None = None
    attendees: list[Participant] = field(default_factory=list)
    speakers: list[Participant] = field(default_factory=list)
    agenda: list[Question] = field(default_factory=list)       # the agenda list («Повестка дня»)
    questions: list[Question] = field(default_factory=list)    # questions opened in the text
    blocks: list[Block] = field(default_factory=list)
    decisions: list[RawDecision] = field(default_factory=list)
    header_text: str = ""                                      # every line before the first section
    full_text: str = ""                                        # every logical line, for finding names
    line_numbers: list[int] = field(default_factory=list)      # the source line of each line of full_text
    cover_letter: tuple[int, int] | None = None                # source lines before the protocol proper
    repeats: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)             # facts about the source, for `notes`


def read_structure(lines: list[Line]) -> ParsedProtocol:
    repeats = find_repeats(lines)
    reader = _Reader(lines, repeats)
    reader.read()
    return reader.result


class _Reader:
    def __init__(self, lines: list[Line], repeats: list[Repeat]):
        self.lines = lines
        self.skipped = {index for repeat in repeats for index in repeat.copy}
        self.result = ParsedProtocol(full_text="\n".join(line.text for line in lines),
                                     line_numbers=[line.number for line in lines])
        self.state = "header"
        self.header: list[Line] = []             # unlabelled lines before the first section: kind, title, date
        self.front: list[str] = []               # every line before the first question or decisions
        self.block: int | None = None           # the open block of decisions
        self.block_is_global = False            # opened before any question: survives a new question
        self.question: int | None = None
        self.question_decided = False           # the open question has had its «Решили»
        self.headings: list[int] = []           # open headings, outermost first (indexes of decisions)
        self.current: int | None = None         # the decision labels attach to
        self.pending_label: str | None = None   # «Срок:» with its value on the next line
        self.table: dict[str, int] | None = None
        self.trailing: list[int] = []          # source lines after the signatures or an appendix
        self.has_marker = any(DECISION_MARKER.match(line.text) for line in lines)
        self._record_repeats(repeats)

    # --- the walk -----------------------------------------------------------------------------

    def read(self) -> None:
        start = self._protocol_start()
        index = start
        while index < len(self.lines):
            if index in self.skipped:
                self.current = self.pending_label = None
                index += 1
                continue
            index = self._step(index)
        if self.trailing:
            first, last = self.trailing[0], self.trailing[-1]
            self._review(f"строки {_span(first, last)} после подписей не разобраны (приложение?): "
                         "они есть в тексте протокола")
        self._read_header()

    def _step(self, index: int) -> int:
        line = self.lines[index]
        text = line.text
        if not self.result.questions and not self.result.blocks:
            self.front.append(text)
        if line.is_row:
            self._on_row(line)
            return index + 1
        self.table = None
        for pattern, role in ((CHAIR, "chair"), (SECRETARY, "secretary")):
            if match := pattern.match(text):
                return self._on_signature(index, match, role)
        if match := DECISION_MARKER.match(text):
            self._open_block(line, match.group("rest"))
        elif match := TOPIC_MARKER.match(text):
            self._on_topic(line, match)
        elif match := HEARD_MARKER.match(text):
            return self._on_heard(index, match)
        elif SIGNER.match(text) and self.result.decisions:
            self._close_block()
            self.state = "signatures"
        elif match := SPEECHES_INTRO.match(text):
            self._add_speakers(match.group("rest"), line.number)
        elif self.state in ("header", "attendees", "agenda") and self._on_header_line(line):
            pass
        elif APPENDIX.match(text) and self.result.decisions:
            self.state = "after"
            self.trailing.append(line.number)
        elif self.state == "attendees":
            self._add_attendees(_strip_item_mark(text), line.number)
        elif self.state == "agenda":
            self._add_agenda_item(line)
        elif self.state == "decisions":
            self._on_decision_line(line)
        elif self.state in ("header", "speech") and not self.has_marker and NUMBERED.match(text):
            self._open_block(line, None, implicit=True)
            self._on_decision_line(line)
        elif self.state == "header":
            self.header.append(line)
        elif self.state in ("signatures", "after"):
            self.state = "after"
            self.trailing.extend(line.numbers)
        return index + 1

    def _protocol_start(self) -> int:
        """The first line of the protocol proper: after a cover letter, if there is one."""
        for index, line in enumerate(self.lines[:PROTOCOL_START_WITHIN]):
            if KIND_LINE.match(line.text):
                before = self.lines[:index]
                if any(LETTER_SIGN.match(earlier.text) for earlier in before):
                    self.result.cover_letter = (before[0].number, before[-1].last_number)
                    self._review(f"строки {_span(*self.result.cover_letter)} — сопроводительное письмо перед "
                                 "протоколом: из него ничего не взято, кроме имён для поиска органа")
                    self.result.notes.append(f"Протоколу в источнике предшествует сопроводительное письмо "
                                             f"(строки {_span(*self.result.cover_letter)}).")
                    return index
                return 0
        return 0

    def _record_repeats(self, repeats: list[Repeat]) -> None:
        for repeat in repeats:
            original = (self.lines[repeat.original.start].number, self.lines[repeat.original.stop - 1].last_number)
            copy = (self.lines[repeat.copy.start].number, self.lines[repeat.copy.stop - 1].last_number)
            self.result.repeats.append((original, copy))
            self._review(f"строки {_span(*copy)} повторяют строки {_span(*original)} (с точностью до маркеров "
                         "списка, регистра и пробелов): решения записаны один раз, текст повтора оставлен в теле")
            self.result.notes.append(f"Строки {_span(*copy)} источника повторяют строки {_span(*original)}; "
                                     "решения записаны один раз, в тексте повтор сохранён.")

    # --- header, attendees, agenda ------------------------------------------------------------

    def _on_header_line(self, line: Line) -> bool:
        """Attendees, agenda and labelled header fields; False for any other line."""
        if match := ATTENDEES_MARKER.match(line.text):
            self.state = "attendees"
            if match.group("rest"):
                self._add_attendees(match.group("rest"), line.number)
        elif match := AGENDA_MARKER.match(line.text):
            self.state = "agenda"
            if match.group("rest"):
                self._add_agenda_item(Line(match.group("rest"), line.numbers))
        elif match := HEADER_FIELD.match(line.text):
            self._set_header_field(match.group("field").lower(), match.group("value"), line)
        else:
            return False
        return True

    def _set_header_field(self, name: str, value: str, line: Line) -> None:
        value = value.strip()
        if name.startswith("дата"):
            found = find_date(value)
            if found and self.result.date is None:
                self.result.date = found
        elif name.startswith("время"):
            self.result.time = value.rstrip(".")
        elif name.startswith("место"):
            self.result.place = value.rstrip(".")
        elif name.startswith("тема"):
            self.result.title = _unquote(value.rstrip("."))

    def _add_attendees(self, text: str, line: int) -> None:
        for piece in split_participants(text, keep_unnamed=True):
            self.result.attendees.append(Participant(piece, line))

    def _add_agenda_item(self, line: Line) -> None:
        number, text = agenda_item(line.text)
        text = text.strip().rstrip(";,").strip()
        if text:
            self.result.agenda.append(Question(number, text, line.number))

    def _read_header(self) -> None:
        self.result.header_text = "\n".join(self.front)
        HeaderReader(self.header, self.result).read()

    # --- participants ---------------------------------------------------------------------------

    def _on_signature(self, index: int, match: re.Match[str], role: str) -> int:
        """«Председатель: О. П. Звягинцева», or «Председатель» / «Коллегии» / … / «О.В. Полякова»."""
        line = self.lines[index]
        rest = SIGNATURE_QUALIFIER.sub("", match.group("rest").strip(), count=1).strip()
        next_index = index + 1
        if not contains_person_name(rest):
            rest = ""
            for ahead in range(index + 1, min(index + 1 + SIGNATURE_LOOKAHEAD, len(self.lines))):
                candidate = self.lines[ahead].text
                if ahead in self.skipped or self.lines[ahead].is_row:
                    break
                if SIGNATURE_QUALIFIER.fullmatch(candidate):
                    continue
                if contains_person_name(candidate) and not _is_marker(candidate):
                    rest, next_index = candidate, ahead + 1
                break
        in_header = self.state in ("header", "attendees", "agenda") and not self.result.decisions
        if not in_header:
            self._close_block()
            self.state = "signatures"
        if rest and getattr(self.result, role) is None:
            setattr(self.result, role, Participant(strip_end(rest), line.number))
        return next_index

    def _on_heard(self, index: int, match: re.Match[str]) -> int:
        """«Слушали: Иванову И.И. …»: speakers; a new question when the previous one is decided."""
        line = self.lines[index]
        rest, next_index = match.group("rest"), index + 1
        if not rest and index + 1 < len(self.lines) and contains_person_name(self.lines[index + 1].text):
            rest, next_index = self.lines[index + 1].text, index + 2
        if match.group("word").lower() == "слушали" and (self.question is None or self.question_decided) \
                or match.group("number"):
            self._open_question(line, question_number(match), _quoted(rest))
        self._add_speakers(rest, line.number)
        if self.state != "decisions":
            self.state = "speech"
        return next_index

    def _add_speakers(self, text: str, line: int) -> None:
        for piece in split_participants(text, keep_unnamed=False):
            self.result.speakers.append(Participant(piece, line))

    # --- questions and blocks --------------------------------------------------------------------

    def _on_topic(self, line: Line, match: re.Match[str]) -> None:
        """«По вопросу: «…»:», «По второму вопросу слушали: …», «По первому вопросу решили: …»."""
        rest = match.group("rest")
        heard, decided = HEARD_MARKER.match(rest), DECISION_MARKER.match(rest)
        self._open_question(line, question_number(match), None if heard or decided else rest)
        if heard:
            self._add_speakers(heard.group("rest"), line.number)
        elif decided:
            self._open_block(line, decided.group("rest"))

    def _open_question(self, line: Line, number: str | None, rest: str | None) -> None:
        title = _quoted(rest or "") or (rest or "").rstrip(":").strip() or None
        self.result.questions.append(Question(number, title, line.number))
        self.question = len(self.result.questions) - 1
        self.question_decided = False
        self.headings.clear()
        self.current = None
        if not self.block_is_global:
            self._close_block()
            self.state = "speech"

    def _open_block(self, line: Line, rest: str | None, implicit: bool = False) -> None:
        heading = rest.strip() if rest and rest.strip().endswith(":") else None
        self.result.blocks.append(Block(line.number, self.question, heading))
        self.block = len(self.result.blocks) - 1
        self.block_is_global = self.question is None
        self.question_decided = True
        self.state = "decisions"
        self.headings.clear()
        self.current = None
        if implicit:
            self._review(f"строка {line.number}: нет строки «Решили»; решениями считаются пронумерованные пункты "
                         "начиная с этой строки")
        elif rest and rest.strip() and heading is None:
            self._new_decision(None, rest.strip(), line)

    def _close_block(self) -> None:
        self.block = None
        self.block_is_global = False
        self.headings.clear()
        self.current = None
        self.pending_label = None

    # --- decisions --------------------------------------------------------------------------------

    def _on_decision_line(self, line: Line) -> None:
        text = line.text
        if item := numbered_item(text):
            self._new_decision(*item, line)
        elif (match := LETTERED.match(text)) and self._numbered_parent() is not None:
            parent = self._numbered_parent()
            letter_number = f"{self.result.decisions[parent].number}.{_letter_index(match.group('letter'))}"
            self._new_decision(letter_number, match.group("text"), line)
            self.result.decisions[-1].lettered = True
        elif LABEL_LINE.match(text) or BARE_DEADLINE.match(text):
            self._on_labels(line)
        elif self.pending_label is not None and self.current is not None:
            self._set_label(self.current, self.pending_label, text.strip(), inline=False)
            self.pending_label = None
        elif match := BULLETED.match(text):
            self._on_unnumbered(match.group("text"), line, bullet=True)
        else:
            self._on_unnumbered(text, line, bullet=False)

    def _on_unnumbered(self, text: str, line: Line, bullet: bool) -> None:
        """A line without a number: a new item, or the continuation of the current one.

        It is a new item after a heading, after an item already given its
        deadline, as the next bullet under a heading, or as a new sentence
        in a block whose items have no numbers. A line that is not a bullet
        ends a list of bulleted items under a heading without a number.
        """
        current = self.result.decisions[self.current] if self.current is not None else None
        list_ended = current is not None and current.bullet and not bullet and current.parent is not None
        if list_ended:
            self._close_bulleted_heading(current.parent)
        if current is not None and not current.text:
            self._extend(current, text, line)
        elif current is None or current.heading or list_ended or (bullet and current.bullet) \
                or current.deadline_text or current.responsible_text:
            self._new_decision(None, text, line, bullet)
        elif current.number is None and not bullet and current.text.endswith((".", "!", "?", ";")) \
                and text[:1].isupper():
            self._new_decision(None, text, line)
        else:
            self._extend(current, text, line)
            if current.number is not None and not bullet:
                self._review(f"строка {line.number}: абзац без номера добавлен к тексту решения", self.current)

    def _close_bulleted_heading(self, heading: int) -> None:
        if self.result.decisions[heading].number is None and heading in self.headings:
            del self.headings[self.headings.index(heading):]

    def _extend(self, decision: RawDecision, text: str, line: Line) -> None:
        before, deadline, responsible = split_labels(text)
        decision.text = f"{decision.text} {before}".strip() if before else decision.text
        self._apply_labels(self.current, deadline, responsible, inline=bool(before))
        if decision.text.endswith(":") and not decision.heading:
            decision.heading = True
            self.headings.append(self.current)

    def _new_decision(self, number: str | None, text: str, line: Line, bullet: bool = False,
                      heading: bool = False) -> None:
        before, deadline, responsible = split_labels(text)
        decision = RawDecision(number, before, line.number, self.block if self.block is not None else 0,
                               self.question, heading=heading or before.endswith(":"), bullet=bullet)
        self._place(decision)
        self.result.decisions.append(decision)
        self.current = len(self.result.decisions) - 1
        self._apply_labels(self.current, deadline, responsible, inline=True)
        self.pending_label = None
        if decision.heading:
            self.headings.append(self.current)

    def _place(self, decision: RawDecision) -> None:
        """Find the heading the decision stands under; close the headings it is not under.

        A numbered heading covers deeper numbers. A heading without a number
        covers what follows it until a number no deeper than the one before
        it («1. …» / «Рекомендовать ОО:» / «- …» / «2. …» ends at «2.»).
        """
        decisions = self.result.decisions
        while self.headings and _ends(decisions[self.headings[-1]], decision):
            self.headings.pop()
        decision.parent = self.headings[-1] if self.headings else None
        if decision.number is None:
            decision.level_before = next((earlier.depth for earlier in reversed(decisions)
                                          if earlier.block == decision.block and earlier.number), 0)

    def _numbered_parent(self) -> int | None:
        for index in range(len(self.result.decisions) - 1, -1, -1):
            decision = self.result.decisions[index]
            if decision.block != self.block:
                return None
            if decision.number is not None and not decision.lettered:
                return index
        return None

    def _on_labels(self, line: Line) -> None:
        if self.current is None:
            self._review(f"строка {line.number}: «{line.text}» не относится ни к одному решению — оставлено в тексте")
            return
        if match := BARE_DEADLINE.match(line.text):
            self._set_label(self.current, "deadline", match.group("value").strip(), inline=False)
            return
        _, deadline, responsible = split_labels(line.text, own_line=True)
        for kind, value in (("deadline", deadline), ("responsible", responsible)):
            if value == "":
                self.pending_label = kind
        self._apply_labels(self.current, deadline, responsible, inline=False)

    def _apply_labels(self, index: int, deadline: str | None, responsible: str | None, inline: bool) -> None:
        if deadline:
            self._set_label(index, "deadline", deadline, inline)
        if responsible:
            self._set_label(index, "responsible", responsible, inline)

    def _set_label(self, index: int, kind: str, value: str, inline: bool) -> None:
        decision = self.result.decisions[index]
        attribute = "deadline_text" if kind == "deadline" else "responsible_text"
        if getattr(decision, attribute):
            what = "срок" if kind == "deadline" else "ответственные"
            self._review(f"у решения второй раз указан {what} «{value}»: записан первый, второй — в тексте", index)
            return
        setattr(decision, attribute, value)

    # --- tables ----------------------------------------------------------------------------------

    def _on_row(self, line: Line) -> None:
        columns = table_columns(line.cells)
        if columns is not None:
            self.table = columns
            if self.state != "decisions":
                self._open_block(line, None)
            return
        if self.table is None:
            if self.state == "attendees":
                self._add_attendees(" – ".join(cell for cell in line.cells if cell), line.number)
            return
        cells = [cell for cell in line.cells if cell]
        if len(set(cells)) == 1:                       # a section row spanning the table
            self._new_decision(*(numbered_item(cells[0]) or (None, cells[0])), line, heading=True)
            return
        row = {role: line.cells[position] if position < len(line.cells) else "" for role, position in
               self.table.items()}
        number = row.get("number", "").rstrip(".").strip() or None
        if number and not NUMBER.fullmatch(number):
            number = None
        text = row.get("text") or " ".join(cell for cell in line.cells if cell)
        self._new_decision(number, text, line)
        if row.get("deadline"):
            self._set_label(self.current, "deadline", row["deadline"], inline=False)
        if row.get("responsible"):
            self._set_label(self.current, "responsible", row["responsible"], inline=False)

    def _review(self, message: str, decision: int | None = None) -> None:
        self.result.review.append(ReviewItem(message, decision))


def _ends(heading: RawDecision, decision: RawDecision) -> bool:
    """Whether ``decision`` is past what ``heading`` covers."""
    if decision.number is None:
        return decision.heading and heading.number is None     # a heading without a number replaces another
    if heading.number is not None:
        return heading.depth >= decision.depth
    return 0 < decision.depth <= heading.level_before


# --- the header ------------------------------------------------------------------------------------

_MEETING = re.compile(r"(?<!\w)(?P<adjectives>(?:[а-яё]+(?:ого|его|ой|ей)\s+)*)(?P<noun>совещани[яе]|заседани[яе]"
                      r"|коллеги[ия]|собрани[яе]|собеседовани[яе]|планерк[иа]|совет[а]?|комисси[ия])(?!\w)(?P<rest>.*)$",
                      re.I)
_MEETING_NOMINATIVE = {"совещания": "совещание", "заседания": "заседание", "коллегии": "коллегия",
                       "собрания": "собрание", "собеседования": "собеседование", "планерки": "планерка",
                       "совета": "совет", "комиссии": "комиссия"}
# genitive endings of an adjective before the meeting noun → nominative, by the noun's last letter (its gender)
_ADJECTIVE_NOMINATIVE = {"е": {"ого": "ое", "его": "ее"}, "я": {"ой": "ая", "ей": "яя"}, "а": {"ой": "ая", "ей": "яя"},
                         "т": {"ого": "ый", "его": "ий"}}
_FROM_DATE = re.compile(r"\s+от\s+«?\d.*$|\s+№\s*\S+.*$", re.I)
_MONTH_NUMBERS = {forms[1]: number for number, forms in MONTHS.items()}
_DATE = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d])"
                   r"|(?<!\d)«?(?P<day>\d{1,2})»?\s+(?P<month>" + "|".join(_MONTH_NUMBERS) + r")\s+(?P<year>\d{4})",
                   re.I)
_DATE_LINE_REST = re.compile(r"^\s*(?:г\.|года|год)?\s*[,–—-]?\s*")
_NUMBER = re.compile(r"(?:^|\s)№\s*(?P<number>[\w/.-]*\d[\w/.-]*)")
_SMALL_WORDS = {"из", "от", "и", "в", "по", "на", "о", "об", "с", "к", "при", "для", "за", "до"}


def find_date(text: str) -> date | None:
    """The first real date written in ``text``: «22.11.2019», «22 ноября 2019 года», «22.11.19»."""
    for match in _DATE.finditer(text):
        if match.group("d"):
            day, month, year = int(match.group("d")), int(match.group("m")), int(match.group("y"))
            year += 2000 if year < 100 else 0
        else:
            day, month, year = (int(match.group("day")), _MONTH_NUMBERS[match.group("month").lower()],
                                int(match.group("year")))
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


class HeaderReader:
    """Kind, title, meeting, date, number and place from the lines before the first section."""

    def __init__(self, header: list[Line], result: ParsedProtocol):
        self.header = header
        self.result = result
        self.kind_index = next((index for index, line in enumerate(header) if KIND_LINE.match(line.text)), None)

    def read(self) -> None:
        result = self.result
        after_kind = self.header[self.kind_index:] if self.kind_index is not None else self.header
        if self.kind_index is None:
            result.review.append(ReviewItem("вид документа (kind) не найден в шапке: записан «протокол»"))
        else:
            result.kind = self._kind(self.header[self.kind_index].text)
        result.meeting = self._meeting(after_kind)
        if result.title is None:
            result.title = self._title(after_kind)
        if result.date is None:
            result.date = self._date(after_kind + self.header[: self.kind_index or 0])
        result.number = result.number or self._number(after_kind)

    def _kind(self, text: str) -> str:
        lower = " ".join(text.lower().split())
        for prefix, kind in KINDS.items():
            if lower.startswith(prefix):
                return kind
        for body in ("коллегии", "совещания"):
            if lower.startswith(f"решение {body}"):
                return f"решение {body}"
        return "решение"

    def _meeting(self, lines: list[Line]) -> str | None:
        for position, line in enumerate(lines):
            match = _MEETING.search(line.text)
            if not match:
                continue
            noun = match.group("noun")
            rest = _FROM_DATE.sub("", match.group("rest")).strip().rstrip(".")
            following = lines[position + 1].text if position + 1 < len(lines) else ""
            if not rest and following[:1].isupper() and find_date(following[:14]) is None:
                rest = _FROM_DATE.sub("", lines[position + 1].text).strip().rstrip(".")
            nominative = _MEETING_NOMINATIVE.get(noun.lower(), noun.lower())
            adjectives = [_adjective_nominative(word, nominative) for word in match.group("adjectives").split()]
            return _sentence_case(" ".join([*adjectives, nominative, rest]).strip(), capitalise=False)
        return None

    def _title(self, lines: list[Line]) -> str | None:
        for line in lines[1:]:
            quoted = _quoted(line.text)
            if quoted and len(quoted) >= len(line.text) - 4:
                return quoted
        if lines:
            title = lines[0].text
            for line in lines[1:]:
                if not line.text[:1].islower() or find_date(line.text[:14]):
                    break
                title = f"{title} {line.text}"      # «ПРОТОКОЛ № 7» / «совещания заведующих …»
            return _sentence_case(title.rstrip(".").strip())
        self.result.review.append(ReviewItem("заголовок (title) не найден: взята первая строка документа"))
        return None

    def _date(self, lines: list[Line]) -> date | None:
        for line in lines:
            found = find_date(line.text)
            if found:
                self._place_from_date_line(line.text)
                return found
        return None

    def _place_from_date_line(self, text: str) -> None:
        """«12.01.2022 г. Назарово»: what follows a date standing alone on its line may be the place."""
        match = _DATE.search(text)
        if self.result.place or match is None or match.start() > 3:
            return
        rest = _DATE_LINE_REST.sub("", text[match.end():]).strip()
        rest = re.sub(r"^г\.\s*", "", rest)
        if rest and "№" not in rest and rest[:1].isupper() and len(rest.split()) <= 3:
            self.result.place = rest
            self.result.review.append(ReviewItem(f"место «{rest}» взято из строки с датой «{text}» — проверьте"))

    def _number(self, lines: list[Line]) -> str | None:
        for line in lines:
            starts = line.text.startswith("№") or KIND_LINE.match(line.text) or _DATE.match(line.text)
            match = _NUMBER.search(line.text)
            if starts and match and not LETTER_SIGN.match(line.text):
                return match.group("number").rstrip(".")
        return None


# --- small pure helpers ------------------------------------------------------------------------------


def split_labels(text: str, own_line: bool = False) -> tuple[str, str | None, str | None]:
    """(text before the labels, «Срок» value, «Ответственные» value) of a paragraph.

    A value ends where the next label starts. Inside a paragraph the full
    stop before the next label, or at the end, is the sentence's, not the
    value's; on a line of its own a value is kept as written.
    """
    matches = list(INLINE_LABEL.finditer(text))
    if not matches:
        return text.strip(), None, None
    values: dict[str, str] = {}
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        value = _close_brackets(text[match.end():end].strip())
        last = position + 1 == len(matches)
        if not (own_line and last):
            value = _close_brackets(_strip_sentence_end(value))
        values.setdefault(label_kind(match.group("label")), value)
    before = text[: matches[0].start()].rstrip(" (").strip()
    return before, values.get("deadline"), values.get("responsible")


def _close_brackets(value: str) -> str:
    """Without a «)» that closes a bracket opened before the value: «(срок – до 1 марта)»."""
    while value.endswith(")") and value.count(")") > value.count("("):
        value = value[:-1].rstrip()
    return value


def _strip_sentence_end(value: str) -> str:
    value = value.rstrip(" ;,")
    if value.endswith(".") and not re.search(r"(?:(?:^|\s)(?:г|гг|т\.?\s?д|т\.?\s?п|др|и\.?\s?о)|(?:^|[\s.])[А-ЯЁ])\.$",
                                             value):
        value = value[:-1]
    return value.strip()


def table_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Column roles of a table header row: number, text, deadline, responsible; None if it is not one."""
    roles: dict[str, int] = {}
    for position, cell in enumerate(cells):
        lower = cell.lower().replace("ё", "е")
        if re.fullmatch(r"(?:№|n|no)\s*(?:п\s*/\s*п)?\.?|п\s*/\s*п", lower):
            roles.setdefault("number", position)
        elif lower.startswith("срок"):
            roles.setdefault("deadline", position)
        elif re.match(r"(?:ответствен|исполнител|отв\.)", lower):
            roles.setdefault("responsible", position)
        elif re.match(r"(?:мероприяти|содержани|решени|наименовани|поручени|что\s+сделать|задач|меры)", lower):
            roles.setdefault("text", position)
    if "text" in roles and ("deadline" in roles or "responsible" in roles):
        return roles
    return None


def split_participants(text: str, keep_unnamed: bool) -> list[str]:
    """«Звягинцевой О. П., начальника …; Бутаковой Е. В., …» → one piece per person.

    Pieces are separated by «;», or by a comma before a name. A piece keeps
    the name and the descriptions after it («главного специалиста …») up to
    a clause («, которая …»). Pieces without a name are kept only when asked.
    """
    pieces = []
    for chunk in text.split(";"):
        starts = [0] + [start for start, _, _ in person_names(chunk) if start and chunk[:start].rstrip().endswith(",")]
        for begin, end in zip(starts, starts[1:] + [len(chunk)]):
            piece = _trim_piece(chunk[begin:end].strip().rstrip(",").strip())
            if piece and (keep_unnamed or contains_person_name(piece)):
                pieces.append(piece)
    return pieces


_CLAUSE = re.compile(r"^(?:котор\w*|что|чтобы|где|когда|о|об|про|с информацией|с докладом)(?!\w)", re.I)


def _trim_piece(piece: str) -> str:
    names = person_names(piece)
    if names:
        start, end, _ = names[0]
        parts = piece[end:].split(",")
        kept = [piece[:end] + parts[0]]
        for part in parts[1:]:
            if not part.strip() or _CLAUSE.match(part.strip()) or not part.strip()[:1].islower():
                break
            kept.append(part)
        piece = ",".join(kept)
    return strip_end(piece)


def strip_end(text: str) -> str:
    """Without the punctuation that ends a list item, keeping the full stop of an initial («Г.Н.»)."""
    text = text.strip().rstrip(";:,").strip()
    if text.endswith(".") and not re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", text):
        text = text[:-1].rstrip()
    return text


def _is_marker(text: str) -> bool:
    return any(pattern.match(text) for pattern in (DECISION_MARKER, TOPIC_MARKER, NUMBERED, LABEL_LINE))


def _strip_item_mark(text: str) -> str:
    if item := numbered_item(text):
        text = item[1]
    elif bullet := BULLETED.match(text):
        text = bullet.group("text")
    return text.strip().rstrip(";,").strip()


def _quoted(text: str) -> str | None:
    """The text between the outermost «…» (or "…") of ``text``, if any."""
    start = min((position for position in (text.find("«"), text.find('"')) if position >= 0), default=-1)
    if start < 0:
        return None
    closing = "»" if text[start] == "«" else '"'
    end = text.rfind(closing)
    return text[start + 1:end].strip() or None if end > start else None


def _unquote(text: str) -> str:
    quoted = _quoted(text)
    return quoted if quoted and len(quoted) >= len(text) - 4 else text


def _sentence_case(text: str, capitalise: bool = True) -> str:
    """«ВЫПИСКА ИЗ ПРОТОКОЛА совещания» → «Выписка из протокола совещания»; other text is kept."""
    words = text.split(" ")
    if not any(_shouting(word) for word in words):
        return text
    result = []
    for word in words:
        letters = re.sub(r"\W", "", word)
        if _shouting(word) and (len(letters) > 3 or letters.lower() in _SMALL_WORDS):
            word = word.lower()
        result.append(word)
    text = " ".join(result)
    return text[:1].upper() + text[1:] if capitalise else text


def _shouting(word: str) -> bool:
    letters = re.sub(r"[^А-ЯЁа-яёA-Za-z]", "", word)
    return len(letters) > 1 and letters.isupper()


def _adjective_nominative(word: str, noun: str) -> str:
    """«аппаратного» before «совещание» → «аппаратное»; «расширенной» before «коллегия» → «расширенная»."""
    word = word.lower()
    for ending, nominative in _ADJECTIVE_NOMINATIVE.get(noun[-1], {}).items():
        if word.endswith(ending):
            if nominative == "ый" and word[-4:-3] in "гкхжшчщ":
                nominative = "ий"                     # «педагогического совета» → «педагогический»
            return word[: -len(ending)] + nominative
    return word


def _letter_index(letter: str) -> int:
    alphabet = "абвгдежзиклмнопрстуфхцчшщэюя" if "а" <= letter <= "я" else "abcdefghijklmnopqrstuvwxyz"
    return alphabet.index(letter) + 1 if letter in alphabet else 1


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"
