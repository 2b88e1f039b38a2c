"""Reading a document's structure: header, participants, agenda, decisions, signatures.

`read_structure` walks the logical lines of a document once, in order, as a
reader does, and records what each line is. The walk has a state — the
header, the list of attendees, the agenda, a speech, a block of decisions,
the signatures — and the markers of `layout` move it from one to another:

* «РЕШИЛИ:», «Решили: рекомендовать руководителям ОО:», «коллегия решила:»
  open a block of decisions; text after the colon that ends with «:» is a
  heading that assigns every decision of the block. So does a marker that
  ends a paragraph («Заслушав …, совещание РЕШИЛО:»): the paragraph before
  it is read as a line of its own.
* «1. По вопросу: «…»:», «По второму вопросу слушали: …», «Рассмотрели
  вопрос «…»», «Вопрос 2.» open an agenda question; «Слушали:» opens one
  too when it is numbered or the previous question has had its decisions.
  A question opened inside a block of decisions that started before any
  question («коллегия решила:» then «1. По вопросу…») keeps that block open.
* A numbered line is a decision; its number is kept as written. A Roman
  number («II.») opens a section: the numbers under it («1)») are put
  after its number (2.1). A line ending with «:» is a heading: the items
  after it, deeper in numbering or without numbers, are its children.
  «Срок…» and «Ответственные…» belong to the latest decision, whether on
  their own line or inside its paragraph.
* A table whose header has a text column and a «Срок» or «Ответственный»
  column is a table of decisions; its rows are read by `tables`. Rows of
  other tables before the decisions are header lines («с. Подгорное |
  28.08.2025»), or those present.
* «Председатель», «Секретарь» close the decisions, on a line or in a table
  row: the name on the same or one of the next lines is the signature. So
  do a signature by position («Начальник управления образования М.А.
  Соколова») and the certification of an extract («Выписка верна»).
* A cover letter before the protocol («Уважаемые руководители!», «Исх. №»)
  is not read, but kept for finding the authority; the authority's name
  right above «ПРОТОКОЛ» belongs to the protocol.

Without any «Решили» line, numbered items after the header are decisions.
The result holds texts only; matching names against the registry, ids and
deadlines come later (`linking`).
"""

from __future__ import annotations

import re

from .authorities import is_authority_heading
from .header import HeaderReader, find_date, quoted, unquote
from .labels import split_labels
from .layout import (AGENDA_MARKER, APPENDIX, ATTENDEES_MARKER, BARE_DEADLINE, BULLETED, CERTIFIED, CHAIR,
                     DECISION_MARKER, HEADER_FIELD, HEARD_MARKER, LABEL_LINE, KIND_LINE, LETTER_SIGN, LETTERED,
                     NUMBERED, SECRETARY, SIGNATURE_QUALIFIER, SIGNER, SPEECHES_INTRO, TOPIC_MARKER, Line, agenda_item,
                     ending_decision_marker, numbered_item, question_number, roman_item)
from .names import contains_person_name, person_names
from .parsed import Block, ParsedProtocol, Participant, Question, RawDecision, ReviewItem
from .repeats import Repeat, find_repeats
from .tables import Row, read_row, table_columns

SIGNATURE_LOOKAHEAD = 4          # lines after «Председатель» in which its name may stand
PROTOCOL_START_WITHIN = 80       # a kind line further down is not the start of the protocol


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
        self.numbered_depth: dict[int, int] = {}  # block → depth of its last numbered decision
        self.current: int | None = None         # the decision labels attach to
        self.pending_label: str | None = None   # «Срок:» with its value on the next line
        self.table: dict[str, int] | None = None
        self.section: str | None = None         # the number of the Roman section («II.») of the open block
        self.trailing: list[int] = []          # source lines after the signatures or an appendix
        self.has_marker = any(DECISION_MARKER.match(line.text) or ending_decision_marker(line.text) is not None
                              for line in lines)
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
        if not self.result.questions and not self.result.blocks:
            self.front.append(line.text)
        if line.is_row:
            self._on_row(line)
            return index + 1
        self.table = None
        if (preamble := ending_decision_marker(line.text)) is not None:
            if preamble:
                self._on_line(index, Line(preamble, line.numbers, after_blank=line.after_blank))
            self._open_block(line, None)
            return index + 1
        return self._on_line(index, line)

    def _on_line(self, index: int, line: Line) -> int:
        """Read one line (``self.lines[index]`` or its part); the index of the next line to read."""
        text = line.text
        for pattern, role in ((CHAIR, "chair"), (SECRETARY, "secretary")):
            if match := pattern.match(text):
                return self._on_signature(index, line, match, role)
        if match := DECISION_MARKER.match(text):
            self._open_block(line, match.group("rest"))
        elif match := TOPIC_MARKER.match(text):
            self._on_topic(line, match)
        elif match := HEARD_MARKER.match(text):
            return self._on_heard(index, line, match)
        elif SIGNER.match(text) and self.result.decisions:
            self._close_block()
            self.state = "signatures"
        elif (match := CERTIFIED.match(text)) and self.result.decisions:
            rest = match.group("rest")
            self._sign("secretary" if SECRETARY.match(rest) else None, SECRETARY.sub("", rest, count=1), line)
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
                while index and is_authority_heading(self.lines[index - 1].text):
                    index -= 1                  # the authority's name above «ПРОТОКОЛ» heads the protocol
                before = self.lines[:index]
                if any(LETTER_SIGN.match(earlier.text) for earlier in before):
                    self.result.cover_letter = (before[0].number, before[-1].last_number)
                    self.result.cover_text = "\n".join(earlier.text for earlier in before)
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
            self.result.title = unquote(value.rstrip("."))

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

    def _on_signature(self, index: int, line: Line, match: re.Match[str], role: str) -> int:
        """«Председатель: О. П. Звягинцева», or «Председатель» / «Коллегии» / … / «О.В. Полякова»."""
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
        self._sign(role, rest, line)
        return next_index

    def _sign(self, role: str | None, name: str, line: Line) -> None:
        """A signature: it ends the decisions (one in the header does not) and names the chair or secretary."""
        in_header = self.state in ("header", "attendees", "agenda") and not self.result.decisions
        if not in_header:
            self._close_block()
            self.state = "signatures"
        if role and name and contains_person_name(name) and getattr(self.result, role) is None:
            setattr(self.result, role, Participant(strip_end(name), line.number))

    def _on_heard(self, index: int, line: Line, match: re.Match[str]) -> int:
        """«Слушали: Иванову И.И. …»: speakers; a new question when the previous one is decided."""
        rest, next_index = match.group("rest"), index + 1
        if not rest and index + 1 < len(self.lines) and contains_person_name(self.lines[index + 1].text):
            rest, next_index = self.lines[index + 1].text, index + 2
        if match.group("word").lower() == "слушали" and (self.question is None or self.question_decided) \
                or match.group("number"):
            self._open_question(line, question_number(match), quoted(rest))
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
        title = quoted(rest or "") or (rest or "").rstrip(":").strip() or None
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
        self.section = None
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
        if item := roman_item(text):
            self._new_decision(*item, line)
            self.section = item[0]
        elif item := numbered_item(text):
            self._new_decision(self._in_section(item[0]), item[1], line)
        elif (match := LETTERED.match(text)) and self._numbered_parent() is not None:
            parent = self._numbered_parent()
            letter_number = f"{self.result.decisions[parent].number}.{_letter_index(match.group('letter'))}"
            self._new_decision(letter_number, match.group("text"), line)
            self.result.decisions[-1].letter_of = parent
        elif LABEL_LINE.match(text) or BARE_DEADLINE.match(text):
            self._on_labels(line)
        elif self.pending_label is not None and self.current is not None:
            self._set_label(self.current, self.pending_label, text.strip(), inline=False)
            self.pending_label = None
        elif match := BULLETED.match(text):
            self._on_unnumbered(match.group("text"), line, bullet=True)
        else:
            self._on_unnumbered(text, line, bullet=False)

    def _in_section(self, number: str) -> str:
        """A number under a Roman section: «1)» under «II.» is 2.1, unless it is written so («2.1»)."""
        if self.section is None or number.startswith(self.section + "."):
            return number
        return f"{self.section}.{number}"

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
        elif current.number is None and not bullet and (
                current.text.endswith((".", "!", "?", ";")) and text[:1].isupper()
                or current.text.endswith(";") and current.parent is not None):     # «…;» items under a heading
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
        if decision.number:
            self.numbered_depth[decision.block] = decision.depth
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
            decision.level_before = self.numbered_depth.get(decision.block, 0)

    def _numbered_parent(self) -> int | None:
        for index in range(len(self.result.decisions) - 1, -1, -1):
            decision = self.result.decisions[index]
            if decision.block != self.block:
                return None
            if decision.number is not None and decision.letter_of is None:
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
        """A table row: the header of a table of decisions, a decision, a signature, or a header line."""
        columns = table_columns(line.cells)
        if columns is not None and self.state not in ("signatures", "after"):
            self.table = columns
            if self.state != "decisions":
                self._open_block(line, None)
            return
        row = read_row(line.cells, self.table)
        if row.kind == "signature":
            self.table = None
            self._sign(row.role, row.text, line)
        elif self.state in ("signatures", "after"):
            self.state = "after"
            self.trailing.extend(line.numbers)
        elif self.table is None:
            self._on_other_row(line, row)
        elif row.kind == "section":
            self._new_decision(row.number, row.text, line, heading=True)
        elif row.kind == "decision":
            self._new_decision(row.number, row.text, line)
            for kind, value in (("deadline", row.deadline), ("responsible", row.responsible)):
                if value:
                    self._set_label(self.current, kind, value, inline=False)

    def _on_other_row(self, line: Line, row: Row) -> None:
        """A row of a table that is not of decisions: those present, or a header line («с. Подгорное | 28.08.2025»)."""
        if self.state == "attendees":
            self._add_attendees(" – ".join(cell for cell in line.cells if cell), line.number)
        elif self.state == "header":
            self.header.append(Line(row.text, line.numbers, line.cells))

    def _review(self, message: str, decision: int | None = None) -> None:
        self.result.review.append(ReviewItem(message, decision))


def _ends(heading: RawDecision, decision: RawDecision) -> bool:
    """Whether ``decision`` is past what ``heading`` covers."""
    if decision.number is None:
        return decision.heading and heading.number is None     # a heading without a number replaces another
    if heading.number is not None:
        return heading.depth >= decision.depth
    return 0 < decision.depth <= heading.level_before


# --- small pure helpers ------------------------------------------------------------------------------


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


def _letter_index(letter: str) -> int:
    alphabet = "абвгдежзиклмнопрстуфхцчшщэюя" if "а" <= letter <= "я" else "abcdefghijklmnopqrstuvwxyz"
    return alphabet.index(letter) + 1 if letter in alphabet else 1


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"
