"""The «Срок» and «Ответственные» of a decision, written after labels on its own line or inside its paragraph."""

from __future__ import annotations

import re

from .layout import INLINE_LABEL, label_kind


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
