"""The vocabulary of protocol layouts, and reading cleaned lines as logical lines.

Protocols of Russian education authorities share a small set of structural
signs, whatever their wording: numbered items («1.», «1.2.1.», «3.1.Текст»,
«- 2.1.1.»), letters («а)»), bullets, labels («Срок:», «Сроки исполнения –»,
«Ответственные:», «Исполнитель:»), section markers («РЕШИЛИ:», «коллегия
решила:», «По вопросу: …», «Рассмотрели вопрос …», «Слушали:», «Повестка
дня:», «Присутствовали:») and signatures («Председатель», «Секретарь»).
All of them are defined here, once; `structure` reads a document with them.

A logical line is one or more source lines read as one: a sentence broken
over lines, a word hyphenated at the end of a line, or a line that ends on
a preposition («Срок: не позднее» / «19.01.2022»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cleaning import clean_line
from .reading import SourceDocument

# --- numbered items, letters and bullets ------------------------------------------------------

_PART = r"[1-9]\d{0,2}"
_BULLET = r"[-–—•·▪*]"
# «1.2.1. Текст», «3.1.Текст», «4.1  Текст», «- 2.1.1. Текст», «1) Текст»; never a date («19.01.2022.»)
NUMBERED = re.compile(
    rf"^(?:{_BULLET}\s*)?(?P<number>{_PART}(?:\.{_PART}){{1,5}})(?:[.)]\s*|\s+)(?=[^\d\s]|$)(?P<text>.*)$"
    rf"|^(?:{_BULLET}\s*)?(?P<single>{_PART})[.)]\s*(?=[^\d\s.]|$)(?P<single_text>.*)$"
)
NUMBER = re.compile(rf"{_PART}(?:\.{_PART}){{0,5}}")     # a decision number as the schema allows it


def numbered_item(text: str) -> tuple[str, str] | None:
    """(number, text) of a numbered line: «3.1.Обеспечить …» → («3.1», «Обеспечить …»)."""
    match = NUMBERED.match(text)
    if match is None:
        return None
    if match.group("number"):
        return match.group("number"), match.group("text")
    return match.group("single"), match.group("single_text")


LETTERED = re.compile(r"^(?P<letter>[а-яa-z])\)\s*(?P<text>\S.*)$")
BULLETED = re.compile(rf"^{_BULLET}\s+(?P<text>\S.*)$")

# --- labels: «Срок: …», «Ответственные: …» -------------------------------------------------------

_DEADLINE = r"срок(?:и)?(?:\s+(?:исполнения|выполнения|реализации|представления|предоставления|проведения))?"
_RESPONSIBLE = (r"(?:ответственн(?:ые|ый|ая|ое)(?:\s+(?:лица|лицо|исполнители|исполнитель|за\s+исполнение))?"
                r"|отв\.|исполнител(?:ь|и))")
_SEPARATOR = r"\s*(?::|–|—|-{1,2})\s*"
LABEL_LINE = re.compile(rf"^\(?\s*(?P<label>{_DEADLINE}|{_RESPONSIBLE}){_SEPARATOR}(?P<value>.*?)\s*\)?$", re.I)
# «Срок до 01.02.2021» — a deadline label without a separator, before the usual first words of a deadline
BARE_DEADLINE = re.compile(r"^срок(?:и)?\s+(?P<value>(?:до|не позднее|в течение|к|с|по|постоянно|ежеквартально"
                           r"|ежемесячно|еженедельно|ежегодно|\d).*)$", re.I)
# a label inside a paragraph: at its start, after a sentence or a clause, or after «(»
INLINE_LABEL = re.compile(rf"(?:^|(?<=[.;,!?])\s+|\(\s*)(?P<label>{_DEADLINE}|{_RESPONSIBLE}){_SEPARATOR}", re.I)


def label_kind(label: str) -> str:
    """«deadline» or «responsible» for a matched label."""
    return "deadline" if label.lower().startswith("срок") else "responsible"


# --- section markers ------------------------------------------------------------------------------

_BODIES = r"(?:коллегия|совещание|комиссия|совет|собрание|заседание|участники(?:\s+\w+)?)"
_DECIDED = r"(?:решили|решила|решило|решил|постановили|постановила|постановило|постановил|рекомендовали)"
DECISION_MARKER = re.compile(
    rf"^(?:{_PART}[.)]\s*)?(?:(?:[^.:;]{{0,80}}?,?\s)?{_BODIES}\s+{_DECIDED}|{_DECIDED}(?:\s+единогласно)?"
    rf"|решение|рекомендовано|приняты\s+решения)\s*(?:(?P<colon>[:.–—-])\s*(?P<rest>.*))?$",
    re.I,
)
# «…выступления участников, совещание РЕШИЛО:», «По итогам обсуждения решили:»: a marker ending a paragraph
_ENDING_MARKER = re.compile(rf"(?:^|(?<=[\s,]))(?:{_BODIES}\s+)?{_DECIDED}(?:\s+(?:единогласно|следующее))?\s*:$", re.I)


def ending_decision_marker(text: str) -> str | None:
    """The paragraph before a decision marker that ends it («Заслушав …, коллегия решила:» → «Заслушав …»).

    None for a line without one, and for a line that starts with a marker
    (`DECISION_MARKER` reads it) or is a numbered item.
    """
    match = _ENDING_MARKER.search(text)
    if match is None or match.start() == 0 or DECISION_MARKER.match(text) or numbered_item(text):
        return None
    return text[:match.start()].rstrip(" ,")


_QUESTION_NUMBER = rf"(?P<number>{_PART}|[IVX]{{1,5}})[.)]?\s*"       # «2.», «II.»
_ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
             "девят": 9, "десят": 10}
TOPIC_MARKER = re.compile(
    rf"^(?:{_QUESTION_NUMBER})?(?:по\s+(?:(?P<ordinal>{'|'.join(_ORDINALS)})\w*\s+|\w+\s+)?вопросу"
    r"(?:\s+повестки(?:\s+дня)?)?(?:\s+№\s*(?P<numbered>\d+))?"
    r"|рассмотрели(?:\s+вопрос(?:ы)?)?|вопрос\s*(?:№\s*)?(?P<question>\d+))\s*[:.–—-]?\s*(?P<rest>.*)$",
    re.I,
)
HEARD_MARKER = re.compile(rf"^(?:{_QUESTION_NUMBER})?(?P<word>слушали|заслушали|выступили|выступил[аи]?)"
                          r"\s*[:.–—-]?\s*(?P<rest>.*)$", re.I)
# a signature without «Председатель»: «Начальник управления образования М.А. Соколова»
SIGNER = re.compile(r"^(?:начальник|заместитель|руководитель|директор|заведующ\w+|и\.\s?о\.|врио)\s[^.:;]{0,80}?"
                    r"\s[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.\s?)?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$", re.I)


# the certification of an extract or a copy, which ends it: «Выписка верна», «Верно: секретарь … И.И. Волкова»
CERTIFIED = re.compile(r"^(?:выписка\s+верна|копия\s+верна|верно)\b[\s.:–—-]*(?P<rest>.*)$", re.I)
ROMAN_ITEM = re.compile(r"^(?P<number>[IVX]{1,5})[.)]\s+(?P<text>\S.*)$")


def roman_item(text: str) -> tuple[str, str] | None:
    """(number, text) of a line numbered in Roman numerals: «II. Руководителям ОО:» → («2», «Руководителям ОО:»)."""
    if match := ROMAN_ITEM.match(text):
        return str(_roman(match.group("number"))), match.group("text")
    return None


def agenda_item(text: str) -> tuple[str | None, str]:
    """(number, text) of an agenda line: «1. О …», «II. О …», «- О …»."""
    if item := numbered_item(text) or roman_item(text):
        return item
    bullet = BULLETED.match(text)
    return None, bullet.group("text") if bullet else text


def question_number(match: re.Match[str]) -> str | None:
    """The number of a question marker: «2.», «II.», «по второму вопросу», «Вопрос № 2»."""
    number = match.group("number") or match.groupdict().get("question") or match.groupdict().get("numbered")
    if number and number.isdigit():
        return number
    if number:
        return str(_roman(number.upper()))
    ordinal = match.groupdict().get("ordinal")
    return str(_ORDINALS[ordinal.lower()]) if ordinal else None


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for position, letter in enumerate(numeral):
        value = values[letter]
        following = values[numeral[position + 1]] if position + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total
SPEECHES_INTRO = re.compile(r"^заслушав(?:\s+и\s+обсудив)?\s*(?:(?:информацию|выступлени[ея]|доклад\w*)\s*)?"
                            r"[:,]?\s*(?P<rest>.*)$", re.I)
ATTENDEES_MARKER = re.compile(r"^(?:присутствовали|присутствуют|присутствовал[аи]?|приглашенные|приглашены"
                              r"|участвовали|на совещании присутствовали)\s*[:.–—-]?\s*(?P<rest>.*)$", re.I)
AGENDA_MARKER = re.compile(r"^повестка(?:\s+(?:дня|заседания|совещания|коллегии|собеседования))?\s*[:.–—-]?\s*"
                           r"(?P<rest>.*)$", re.I)
HEADER_FIELD = re.compile(r"^(?P<field>дата(?:\s+(?:проведения|заседания|совещания))?|время(?:\s+проведения)?"
                          r"|место(?:\s+проведения)?|тема(?:\s+(?:заседания|совещания))?)\s*[:–—-]\s*(?P<value>.+)$",
                          re.I)
CHAIR = re.compile(r"^(?P<word>председатель(?:ствовал[аи]?|ствующий)?|вел[аи]?\s+совещание)"
                   r"(?=$|[\s:–—-])(?P<rest>.*)$", re.I)
SECRETARY = re.compile(r"^(?P<word>секретарь|секретарствовал[аи]?)(?=$|[\s:–—-])(?P<rest>.*)$", re.I)
# what may follow «Председатель» before the name: «Коллегии», «совещания», a separator
SIGNATURE_QUALIFIER = re.compile(r"^(?:(?:коллегии|совещания|комиссии|заседания|совета|собрания)\b)?\s*(?:[:–—-]\s*)?",
                                 re.I)
def _spaced(word: str) -> str:
    """A word as a pattern that also matches it written with its letters apart: «П Р О Т О К О Л»."""
    return " ?".join(word)


# the kind of document: the first line of the protocol proper
KIND_LINE = re.compile(rf"^(?P<kind>{_spaced('выписка')}\s+из\s+протокола|{_spaced('протокол')}|{_spaced('решение')}"
                       r"|приказ)(?=$|[\s№:.,])(?P<rest>.*)$", re.I)


def unspaced(text: str) -> str:
    """The text with words written letter by letter joined: «П Р О Т О К О Л совещания» → «ПРОТОКОЛ совещания»."""
    return re.sub(r"(?<!\w)\w(?: \w){3,}(?!\w)", lambda match: match.group(0).replace(" ", ""), text)


# signs of a cover letter before the protocol
LETTER_SIGN = re.compile(r"^(?:уважаем(?:ые|ый|ая)\b|на\s*№|исх\.?\s*№|e-?mail|тел[./:\s]|факс)", re.I)
APPENDIX = re.compile(r"^приложение(?:\s*№?\s*\d+)?\s*(?:к\s+протоколу)?\b", re.I)

_FUNCTION_WORDS = {
    "до", "с", "со", "по", "в", "во", "на", "к", "ко", "от", "для", "и", "или", "а", "но", "за", "из", "о",
    "об", "при", "не", "позднее", "позже", "чем", "течение", "срок", "сроки", "период", "между", "также",
}


@dataclass(frozen=True)
class Line:
    """A logical line: cleaned text of one or more source lines, or one table row."""

    text: str
    numbers: tuple[int, ...]            # the source line numbers it was read from
    cells: tuple[str, ...] = ()
    after_blank: bool = False           # a blank line came before it in the source

    @property
    def number(self) -> int:
        return self.numbers[0]

    @property
    def last_number(self) -> int:
        return self.numbers[-1]

    @property
    def is_row(self) -> bool:
        return bool(self.cells)


def cleaned_lines(document: SourceDocument) -> list[Line]:
    """Every source line cleaned, blank ones included (the body keeps them as paragraph breaks)."""
    return [Line(clean_line(line.text), (line.number,), tuple(clean_line(cell) for cell in line.cells))
            for line in document.lines]


def logical_lines(lines: list[Line]) -> list[Line]:
    """Non-blank lines, with continuations joined to the line they continue."""
    result: list[Line] = []
    blank = False
    for line in lines:
        if not line.text:
            blank = True
            continue
        previous = result[-1] if result else None
        if previous is not None and not previous.is_row and not line.is_row and \
                continues(previous.text, line.text, blank):
            result[-1] = Line(_join(previous.text, line.text), previous.numbers + line.numbers,
                              after_blank=previous.after_blank)
        else:
            result.append(Line(line.text, line.numbers, line.cells, after_blank=blank))
        blank = False
    return result


def is_structural(text: str) -> bool:
    """A line that starts something of its own: never the continuation of the line before."""
    return any(pattern.match(text) for pattern in _STRUCTURAL)


_STRUCTURAL = [NUMBERED, LETTERED, BULLETED, LABEL_LINE, DECISION_MARKER, TOPIC_MARKER, HEARD_MARKER,
               ATTENDEES_MARKER, AGENDA_MARKER, HEADER_FIELD, CHAIR, SECRETARY, KIND_LINE, APPENDIX, SIGNER, CERTIFIED]


def continues(previous: str, text: str, after_blank: bool) -> bool:
    """Whether ``text`` goes on with the sentence ``previous`` broke off.

    It does when it is not a structural line and either the previous line
    ends on a preposition or a dash (even across a blank line), or, right
    after it, starts with a small letter where the previous line has no
    final punctuation («…Смоленской» / «области»).
    """
    if is_structural(text):
        return False
    last_word = previous.rsplit(" ", 1)[-1].lower()
    first = text[0]
    if last_word in _FUNCTION_WORDS or previous.endswith(("–", "—")):
        return first.islower() or first.isdigit() or first in "«\"("
    if after_blank:
        return False
    return not previous.endswith((".", ":", ";", "!", "?")) and (first.islower() or first == "(")


def _join(previous: str, text: str) -> str:
    """«образо-» + «вания» → «образования»; otherwise a space between."""
    if re.search(r"[а-яё]-$", previous) and text[:1].islower():
        return previous[:-1] + text
    return f"{previous} {text}"


def line_key(text: str) -> str:
    """What two lines must share to be «the same line»: no list marks, case, spacing or quote style."""
    text = re.sub(rf"^{_BULLET}\s*", "", text.lower().replace("ё", "е"))
    text = re.sub(r"[«»“”„\"']", "\"", text)
    return " ".join(text.split())
