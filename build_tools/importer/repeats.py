"""Finding a block of a document that repeats an earlier block.

Converters and careless copy-paste leave the end of a protocol twice (seed
004 repeats its questions 3–4 and the signatures after the signatures).
Such a repeat is read once: its lines stay in the body, its decisions are
not recorded a second time, and the report says where it is.

Two lines are the same when their `line_key` is: list marks, case, quote
style and spacing do not count. A run counts as a repeat when it is at
least `MIN_LINES` lines long and contains a numbered item, so that a few
identical «Срок: в течение учебного года.» lines are not mistaken for one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .layout import NUMBERED, Line, line_key

MIN_LINES = 3


@dataclass(frozen=True)
class Repeat:
    original: range        # indexes of the logical lines first written
    copy: range            # indexes of the logical lines that repeat them


def find_repeats(lines: list[Line]) -> list[Repeat]:
    keys = [line_key(line.text) if not line.is_row else "|".join(map(line_key, line.cells)) for line in lines]
    seen: dict[str, list[int]] = defaultdict(list)
    repeats: list[Repeat] = []
    index = 0
    while index < len(keys):
        best = _longest_run(keys, index, seen[keys[index]])
        if best and _is_block(lines, best.copy):
            repeats.append(best)
            index = best.copy.stop
            continue
        seen[keys[index]].append(index)
        index += 1
    return repeats


def _longest_run(keys: list[str], index: int, earlier: list[int]) -> Repeat | None:
    best: Repeat | None = None
    for start in earlier:
        length = 0
        while index + length < len(keys) and start + length < index and keys[start + length] == keys[index + length]:
            length += 1
        if length >= MIN_LINES and (best is None or length > len(best.copy)):
            best = Repeat(range(start, start + length), range(index, index + length))
    return best


def _is_block(lines: list[Line], indexes: range) -> bool:
    return any(NUMBERED.match(lines[index].text) for index in indexes)
