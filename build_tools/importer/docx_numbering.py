"""The labels of Word's automatic numbering («1.2.», «а)», «•»), which .docx does not store as text.

A numbered paragraph refers (directly or through its style) to a numbering
instance (``w:numId``) and a level (``w:ilvl``); the instance refers to an
abstract definition whose level says how to start, count and print:
``w:start``, ``w:numFmt`` and ``w:lvlText`` such as ``%1.%2.``. Counters are
kept per abstract definition, as Word does, and a level restarts whenever
a higher level advances. Bullets are written as «-».

python-docx gives access to these XML parts but does not compute labels,
so this module does, for the formats protocols use. The numbers it reads are
bounded as Word bounds them (levels 0–8, starts up to 32767), so that a label
costs a few characters: a value that is not such a number raises
`NumberingError`, which the reader turns into a refusal of the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

BULLET = "-"
MAX_LEVEL = 8                 # Word's nine levels, 0–8
MAX_START = 32767             # the largest w:start Word accepts
_RUSSIAN_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"   # Word skips ё, й, ъ, ы, ь
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


class NumberingError(ValueError):
    """The numbering part holds a value Word would not write; the message is for the user, in Russian."""


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False       # w:isLgl: show every level's counter as a decimal number


class NumberingLabels:
    """Computes, paragraph after paragraph in document order, the label Word would print."""

    def __init__(self, document: Document):
        self._levels: dict[str, dict[int, _Level]] = {}       # abstractNumId → ilvl → level
        self._instances: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self._counters: dict[str, dict[int, int]] = {}        # abstractNumId → ilvl → current value
        self._started: set[str] = set()
        self._styles = document.styles
        numbering = self._numbering_element(document)
        if numbering is not None:
            self._read_definitions(numbering)

    def label_and_text(self, paragraph: Paragraph) -> str:
        """The paragraph's text with its numbering label, if any, in front."""
        label = self._label(paragraph)
        text = paragraph.text
        return f"{label} {text}" if label else text

    # --- reading the numbering part -----------------------------------------------------------

    @staticmethod
    def _numbering_element(document: Document):
        try:
            return document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return None

    def _read_definitions(self, numbering) -> None:
        for abstract in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[_level(lvl.get(qn("w:ilvl")))] = _Level(
                    start=_start(_value(lvl, "w:start")),
                    fmt=_value(lvl, "w:numFmt") or "decimal",
                    text=_value(lvl, "w:lvlText") if lvl.find(qn("w:lvlText")) is not None else "",
                    legal=lvl.find(qn("w:isLgl")) is not None,
                )
            self._levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in numbering.findall(qn("w:num")):
            overrides = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _value(override, "w:startOverride")
                if start is not None:
                    overrides[_level(override.get(qn("w:ilvl")))] = _start(start)
            self._instances[num.get(qn("w:numId"))] = (_value(num, "w:abstractNumId"), overrides)

    # --- numbering one paragraph --------------------------------------------------------------

    def _label(self, paragraph: Paragraph) -> str:
        reference = self._reference(paragraph)
        if reference is None:
            return ""
        num_id, ilvl = reference
        abstract_id, overrides = self._instances.get(num_id, (None, {}))
        levels = self._levels.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        return self._render(levels, counters, ilvl)

    def _reference(self, paragraph: Paragraph) -> tuple[str, int] | None:
        """(numId, ilvl) from the paragraph, else from its style chain; numId 0 means «no numbering»."""
        num_pr = _num_pr(paragraph._p.pPr)
        style, seen = paragraph.style, set()
        while num_pr is None and style is not None and style.style_id not in seen:   # «basedOn» may loop
            seen.add(style.style_id)
            num_pr = _num_pr(style.element.pPr)
            style = style.base_style
        if num_pr is None:
            return None
        num_id = _value(num_pr, "w:numId")
        if num_id in (None, "0"):
            return None
        return num_id, _level(_value(num_pr, "w:ilvl"))

    def _render(self, levels: dict[int, _Level], counters: dict[int, int], ilvl: int) -> str:
        level = levels[ilvl]
        if level.fmt == "bullet":
            return BULLET
        text = level.text
        for shown in range(ilvl, -1, -1):       # %10 does not exist; replace high levels first anyway
            shown_level = levels.get(shown, _Level())
            value = counters.get(shown, shown_level.start)
            fmt = "decimal" if level.legal else shown_level.fmt
            text = text.replace(f"%{shown + 1}", _format(value, fmt))
        return text.strip()


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("russianLower", "russianUpper"):
        letters = _RUSSIAN_LETTERS
        letter = letters[(value - 1) % len(letters)] * ((value - 1) // len(letters) + 1)
        return letter if fmt == "russianLower" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for number, numeral in _ROMAN:
            while value >= number:
                roman, value = roman + numeral, value - number
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _level(value: str | None) -> int:
    return _bounded(value or "0", 0, MAX_LEVEL, "уровень списка (w:ilvl)")


def _start(value: str | None) -> int:
    return _bounded(value or "1", 0, MAX_START, "начальный номер списка (w:start)")


def _bounded(value: str, low: int, high: int, what: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise NumberingError(f"нумерация списков повреждена: {what} «{value[:20]}» — не число от {low} до {high}")
    return number


def _num_pr(p_pr):
    return None if p_pr is None else p_pr.find(qn("w:numPr"))


def _value(element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))
