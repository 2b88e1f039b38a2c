"""What reading a document's structure gives: texts of the header, participants, questions and decisions.

`structure` fills a `ParsedProtocol` in one walk over the lines; `linking`
turns it into the data of a draft (ids, deadlines, registry links).
"""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime

DEFAULT_KIND = "протокол"


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
    letter_of: int | None = None  # written «а)»: the index of the numbered item it is numbered under
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
    date: datetime.date | None = None
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
    cover_text: str = ""                                       # their text, where the authority may be named
    repeats: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)             # facts about the source, for `notes`
