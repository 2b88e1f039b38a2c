"""Table rows: the header of a table of decisions, its section and decision rows, and signatures in a table.

A table of decisions has a header row whose cells name the columns
(«№ п/п | Мероприятие | Срок исполнения | Ответственный»); `table_columns`
finds their roles. Each row after it is read by `read_row`:

* a row with one text across the table (merged cells, or the same text in
  every cell, as text exports write a merged row) is a section heading:
  «4. Заведующим ДОУ:», «II. Руководителям ОО»;
* any other row is a decision: its number is its own number cell («5»,
  «5.», «5)», «1.1.»), or, when that cell is empty, the number the text
  starts with; a cell of dashes («—», «-») in the deadline or responsible
  column means none;
* a row whose first cell is «Председатель», «Секретарь» or a signer's post
  is a signature, whatever table it stands in (Word documents put the
  signatures in a borderless table, often right after the decisions).

Rows of other tables (a place and a date in the header, a list of those
present) are `structure`'s to place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import CHAIR, NUMBER, SECRETARY, SIGNER, numbered_item, roman_item

_NONE = re.compile(r"[\s\-–—−_.]*")                 # a cell of dashes: none


@dataclass(frozen=True)
class Row:
    kind: str                     # "decision", "section", "signature" or "other"
    number: str | None = None
    text: str = ""
    deadline: str | None = None
    responsible: str | None = None
    role: str | None = None       # for a signature: "chair" or "secretary" (None for a signer by post)


def table_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Column roles of a table header row: number, text, deadline, responsible; None if it is not one."""
    roles: dict[str, int] = {}
    for position, cell in enumerate(cells):
        lower = cell.lower().replace("ё", "е")
        if re.fullmatch(r"(?:№|n|no)\s*(?:№|п\s*/\s*п|п\.\s*п\.?|пп)?\.?|п\s*/\s*п|номер(?:\s+пункта)?", lower):
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


def read_row(cells: tuple[str, ...], columns: dict[str, int] | None) -> Row:
    """What a table row is, given the columns of the table of decisions it may belong to."""
    filled = [cell for cell in cells if cell]
    if not filled:
        return Row("other")
    if (CHAIR.match(filled[0]) or SECRETARY.match(filled[0]) or SIGNER.match(" ".join(filled))) \
            and len(filled) <= 3:
        role = "chair" if CHAIR.match(filled[0]) else "secretary" if SECRETARY.match(filled[0]) else None
        return Row("signature", text=" ".join(filled[1:]) if role else " ".join(filled), role=role)
    if columns is None:
        return Row("other", text=" ".join(filled))
    if len(set(filled)) == 1:
        number, text = _numbered(filled[0])
        return Row("section", number, text)
    cell = {role: cells[position] if position < len(cells) else "" for role, position in columns.items()}
    number = _number(cell.get("number", ""))
    text = cell.get("text") or " ".join(filled)
    if number is None and not cell.get("number", "").strip():
        number, text = _numbered(text)
    return Row("decision", number, text, _value(cell.get("deadline")), _value(cell.get("responsible")))


def is_none(value: str) -> bool:
    """A deadline or responsible written as a dash: there is none."""
    return _NONE.fullmatch(value) is not None


def _value(cell: str | None) -> str | None:
    return cell.strip() if cell and not is_none(cell) else None


def _number(cell: str) -> str | None:
    """«5», «5.», «5)», «1.1.» → the number; anything else (a date, a word) → None."""
    number = cell.strip().rstrip(".)").strip()
    return number if NUMBER.fullmatch(number) else None


def _numbered(text: str) -> tuple[str | None, str]:
    """(number, text) of a text that may start with a number («4. Заведующим ДОУ:», «II. Руководителям ОО»)."""
    return numbered_item(text) or roman_item(text) or (None, text)
