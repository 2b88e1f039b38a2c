"""Record the status of one decision, or the marks of its executors, by rewriting only the
lines of its ``status`` (or ``execution``) block.

A full round trip (load with ruamel.yaml, change, dump) reproduces today's
protocols byte for byte, but it normalises hand-written YAML elsewhere in the
file: ``key:  value``, plain scalars folded over several lines, odd
indentation. A reviewer would then see changes nobody made. So ruamel.yaml's
round-trip loader is used to find *where* the decision and its keys are
(line and column of every key), the new block is emitted by ruamel.yaml too,
and the file is edited line-wise: every other byte stays as it was.

After the splice the front matter is read again and compared with the
original: anything but the one block changing is refused (`EditError`).
The marks of executors (`set_execution`) keep the order they were written
in: a mark is replaced where it stands, a new one goes last.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from frontmatter import YAMLHandler
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .yaml_text import block_lines

_BOUNDARY = YAMLHandler.FM_BOUNDARY


class EditError(Exception):
    """The edit cannot be made safely; the message says why, in Russian."""


@dataclass(frozen=True)
class NewStatus:
    """What to record: ``None`` as a whole (see `set_status`) means «open», no status block."""

    state: str
    date: date
    note: str | None = None
    link: str | None = None
    reference: str | None = None

    def as_mapping(self) -> dict[str, Any]:
        """Keys in the schema's order: state, date, note, reference, link."""
        mapping: dict[str, Any] = {"state": self.state, "date": self.date}
        for key in ("note", "reference", "link"):
            if getattr(self, key) is not None:
                mapping[key] = getattr(self, key)
        return mapping


@dataclass(frozen=True)
class StatusEdit:
    text: str
    changed: bool
    first_line: int  # 1-based lines of the file that now hold the status block (or where it was)
    last_line: int


@dataclass(frozen=True)
class _FrontMatter:
    lines: list[str]  # every line of the file, each with its line ending
    start: int  # index of the first front matter line (after the opening «---»)
    end: int  # index of the closing «---»

    @property
    def text(self) -> str:
        return "".join(self.lines[self.start : self.end])


def set_status(text: str, decision_id: str, status: NewStatus | None, key_order: Sequence[str]) -> StatusEdit:
    """The file ``text`` with decision ``decision_id`` marked ``status`` (``None``: open, block removed).

    ``key_order`` is the order of a decision's keys in the schema: a new
    status block goes after the last key that comes before ``status`` there.
    """
    return _set_block(text, decision_id, "status", lambda _: status.as_mapping() if status else None, key_order)


def set_execution(text: str, decision_id: str, marks: Mapping[str, NewStatus | None],
                  key_order: Sequence[str]) -> StatusEdit:
    """The file ``text`` with the marks of decision ``decision_id``'s executors changed.

    ``marks`` maps an organization or group id to its new mark, ``None``
    removing it; a decision left without marks loses its ``execution`` block.
    """
    def updated(current: Any) -> list[dict[str, Any]] | None:
        entries = [entry for entry in current or [] if not isinstance(entry, dict) or entry.get("assignee") not in
                   {assignee for assignee, mark in marks.items() if mark is None}]
        written = {entry.get("assignee"): index for index, entry in enumerate(entries) if isinstance(entry, dict)}
        for assignee, mark in marks.items():
            if mark is None:
                continue
            entry = {"assignee": assignee, **mark.as_mapping()}
            if assignee in written:
                entries[written[assignee]] = entry
            else:
                entries.append(entry)
        return entries or None

    return _set_block(text, decision_id, "execution", updated, key_order)


def _set_block(text: str, decision_id: str, key: str, new_value: Callable[[Any], Any],
               key_order: Sequence[str]) -> StatusEdit:
    """The file with the block of ``key`` in one decision replaced by ``new_value(its current value)``."""
    front = _split(text)
    data = _load(front.text)
    decisions = data.get("decisions") if isinstance(data, CommentedMap) else None
    if not isinstance(decisions, CommentedSeq):
        raise EditError("в front matter нет списка decisions")
    index = _find_decision(decisions, decision_id)
    decision = decisions[index]
    if decision.fa.flow_style():
        raise EditError(f"решение {decision_id} записано в одну строку ({{…}}); отметьте его статус вручную")

    current = _plain(decision.get(key))
    value = new_value(current)
    if current == value:
        line = front.start + decision.lc.line + 1
        return StatusEdit(text, False, line, line)

    column = decision.lc.col
    limit = _decision_end(data, decisions, index, front.end - front.start)
    if key in decision:
        start, end = _key_block(decision, key, limit, front.lines[front.start :])
        if start == decision.lc.line:
            raise EditError(f"у решения {decision_id} {key} стоит первым ключом; поставьте первым id")
    else:
        before = _insert_after(decision, key, key_order)
        start = end = _key_block(decision, before, limit, front.lines[front.start :])[1]

    new_block = block_lines({key: value}, column) if value is not None else []
    new_block = [line.replace("\n", _newline(front.lines)) for line in new_block]
    lines = front.lines[: front.start + start] + new_block + front.lines[front.start + end :]
    edited = "".join(lines)
    _check_only_block_changed(front.text, _split(edited).text, index, key, value)
    first = front.start + start + 1
    return StatusEdit(edited, True, first, first + max(len(new_block), 1) - 1)


def _split(text: str) -> _FrontMatter:
    lines = text.split("\n")  # not str.splitlines(): YAML breaks lines at "\n" only, not at "\f" or "\u2028"
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    boundaries = [index for index, line in enumerate(lines) if _BOUNDARY.fullmatch(line.rstrip("\r\n"))]
    if not boundaries or boundaries[0] != 0 or len(boundaries) < 2:
        raise EditError("файл не начинается с front matter между строками «---»")
    return _FrontMatter(lines, 1, boundaries[1])


def _load(text: str) -> Any:
    try:
        return YAML(typ="rt").load(text)
    except YAMLError as exc:
        raise EditError(f"front matter не читается как YAML: {exc}") from None


def _find_decision(decisions: CommentedSeq, decision_id: str) -> int:
    ids = [str(item.get("id")) if isinstance(item, CommentedMap) else "?" for item in decisions]
    if decision_id not in ids:
        raise EditError(f"в протоколе нет решения «{decision_id}»; есть: {', '.join(ids)}")
    return ids.index(decision_id)


def _decision_end(data: CommentedMap, decisions: CommentedSeq, index: int, line_count: int) -> int:
    """The front matter line where the next decision, or the next top-level key, begins."""
    if index + 1 < len(decisions):
        return decisions.lc.item(index + 1)[0]
    keys = list(data)
    following = keys[keys.index("decisions") + 1 :]
    return data.lc.key(following[0])[0] if following else line_count


def _key_block(mapping: CommentedMap, key: str, limit: int, lines: list[str]) -> tuple[int, int]:
    """Lines [start, end) of ``key`` and its value, without trailing blank or comment lines."""
    keys = list(mapping)
    start = mapping.lc.key(key)[0]
    position = keys.index(key)
    end = mapping.lc.key(keys[position + 1])[0] if position + 1 < len(keys) else limit
    while end > start + 1 and (lines[end - 1].strip() in ("", "-") or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start, end


def _insert_after(decision: CommentedMap, key: str, key_order: Sequence[str]) -> str:
    """The key after which a new block of ``key`` belongs: the last one present that precedes it in the schema."""
    preceding = key_order[: list(key_order).index(key)]
    present = [key for key in decision if key in preceding]
    return max(present, key=preceding.index) if present else list(decision)[-1]


def _check_only_block_changed(before: str, after: str, index: int, key: str, expected: Any) -> None:
    old, new = _plain(_load(before)), _plain(_load(after))
    old["decisions"][index].pop(key, None)
    written = new["decisions"][index].pop(key, None)
    if old != new or written != expected:
        raise EditError(f"правка затронула бы не только {key} решения; отметьте исполнение вручную")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _newline(lines: list[str]) -> str:
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
