"""A deadline written inside a decision's sentence: «…обеспечить проведение консультаций в срок до 27 июня 2021 года.»

When a decision has no «Срок» of its own, its text is searched for the
phrases that can only be a deadline (`_PHRASES`):

* «до», «не позднее», «к», «в срок до» and a day: «27 июня 2021 года»,
  «01.04.2024», «15 мая»;
* «до конца» / «до начала» / «к концу» of a named period: «первого
  полугодия», «учебного года», «2025 года», «первой четверти»;
* «в» a month with its year: «в декабре 2023 г.»;
* «в течение» / «в срок не позднее» a number of days, weeks or months,
  with what they are counted from: «в течение 2 дней», «в срок не позднее
  14 дней до начала экзамена»;
* an adverb of repetition: «ежеквартально», «еженедельно».

Quoted text is not searched: in «в пункте 3 слова «до 01.10.2022» заменить
словами «до 15.10.2022»» the dates belong to the amended document. The
phrase is the deadline's wording, word for word, and the decision keeps
its whole text. Two different phrases in one decision are not chosen
between: the decision stays without a deadline and the editor is told.
"""

from __future__ import annotations

import re

from ..deadlines import MONTHS

_GENITIVE = "|".join(forms[1] for forms in MONTHS.values())
_PREPOSITIONAL = "|".join(forms[2] for forms in MONTHS.values())
_YEAR = r"(?:\s+\d{4}(?:\s*(?:г\.|года|год)(?!\w))?)"
_DAY = (rf"(?:\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}(?:\s*(?:г\.|года)(?!\w))?"
        rf"|«?\d{{1,2}}»?\s+(?:{_GENITIVE}){_YEAR}?)")
_PERIOD = (r"(?:(?:\S+\s+){0,2}?(?:полугодия|четверти|квартала|месяца|учебного\s+года)"
           r"|\d{4}\s*(?:г\.|года)|(?:текущего|календарного)\s+года)")
_UNIT = r"(?:рабочих\s+|календарных\s+)?(?:дн(?:я|ей)|день|недел[иь]|недель|месяц(?:а|ев)?)"
_PHRASES = re.compile(
    rf"(?<!\w)(?:(?:в\s+срок\s+)?(?:до|не\s+позднее|не\s+позже|к)\s+{_DAY}"
    rf"|(?:до|к)\s+(?:конц[ау]|начал[ау]|окончани[яю])\s+{_PERIOD}"
    rf"|в\s+(?:{_PREPOSITIONAL}){_YEAR}"
    rf"|(?:в\s+течение|в\s+срок\s+не\s+позднее)\s+(?:\d+|\w+)\s+{_UNIT}"
    r"(?:\s+(?:со\s+дня|с\s+даты|с\s+момента|после|до)(?:\s+(?![а-яё]+(?:ть|ти|чь)(?:ся)?(?!\w))[^\s,.;:()]+){1,2})?"
    r"|ежедневно|еженедельно|ежемесячно|ежеквартально|ежегодно)(?!\w)",
    re.I,
)


def deadline_in_text(text: str) -> tuple[str | None, list[str]]:
    """(the one deadline phrase of a sentence, every phrase found); quoted parts are not searched."""
    found = list(dict.fromkeys(text[match.start():match.end()] for match in _PHRASES.finditer(_without_quotes(text))))
    return (found[0] if len(found) == 1 else None), found


_QUOTED_DAY = re.compile(r"«\d{1,2}»")         # «25» мая: a day, not a quotation


def _without_quotes(text: str) -> str:
    """The text with everything inside «…» (nested too) blanked out, positions kept."""
    depth, characters = 0, []
    for position, character in enumerate(text):
        if character == "«" and not _QUOTED_DAY.match(text, position):
            depth += 1
        elif character == "»" and depth:
            depth -= 1
        characters.append(" " if depth and character != "«" else character)
    return "".join(characters)
