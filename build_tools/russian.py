"""Russian wording of dates and counts, from babel's CLDR data rather than hand-made tables.

``long_date(date(2022, 1, 12))`` is «12 января 2022 г.», ``count(3, TASKS)`` is «3 задачи».
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import NamedTuple

from babel import Locale
from babel.dates import format_date

LOCALE = Locale.parse("ru")


class Noun(NamedTuple):
    """The three Russian plural forms of a noun after a number: 1 задача, 3 задачи, 5 задач."""

    one: str
    few: str
    many: str

    def form(self, number: int) -> str:
        """The form CLDR's plural rules choose for ``number`` (its «other» category is fractions only)."""
        category = LOCALE.plural_form(number)
        return self.few if category == "other" else getattr(self, category)


TASKS = Noun("задача", "задачи", "задач")
ASSIGNMENTS = Noun("поручение", "поручения", "поручений")
DECISIONS = Noun("решение", "решения", "решений")
PROTOCOLS = Noun("протокол", "протокола", "протоколов")
DAYS = Noun("день", "дня", "дней")
ORGANIZATIONS = Noun("организация", "организации", "организаций")
ERRORS = Noun("ошибка", "ошибки", "ошибок")
WARNINGS = Noun("предупреждение", "предупреждения", "предупреждений")


# One word for each state of a decision, everywhere: site, calendars, справка, editing CLI, open data labels.
# Keys are `model.State` values: the schema's status.state enum (schema/protocol.schema.json) and «withdrawn»,
# which only a later decision sets («снять с контроля»). Neuter, as they agree with «поручение», «решение».
STATE_WORDS = {
    "open": "открыто",
    "done": "выполнено",
    "cancelled": "отменено",
    "withdrawn": "снято с контроля",
}
CLOSED_WORDS = "{done}, {cancelled} или {withdrawn}".format(**STATE_WORDS)  # every state but «открыто»


def count(number: int, noun: Noun) -> str:
    return f"{number} {noun.form(number)}"


@lru_cache(maxsize=4096)
def long_date(day: date) -> str:
    """«12 января 2022 г.» (cached: a large site formats a few thousand dates a million times)."""
    return format_date(day, "long", locale=LOCALE)


def school_year_name(start: int) -> str:
    """«2021/22»: the school year that begins in September of ``start``."""
    return f"{start}/{(start + 1) % 100:02d}"


def school_year_label(start: int) -> str:
    """«2021/22 учебный год»."""
    return f"{school_year_name(start)} учебный год"


def month_title(day: date) -> str:
    """«Январь 2022»: the month of ``day`` as a heading."""
    return format_date(day, "LLLL y", locale=LOCALE).capitalize()


def short_month(day: date) -> str:
    """«янв»: a label under a bar of the chart."""
    return format_date(day, "LLL", locale=LOCALE).rstrip(".")



# The kinds of a deadline (schema/protocol.schema.json, deadline.kind; docs/format/deadlines.md), as a column
# of the open data's spreadsheet names them.
DEADLINE_KIND_WORDS = {
    "date": "день",
    "by": "до даты",
    "month": "месяц",
    "months": "несколько месяцев",
    "quarter": "квартал",
    "half_year": "полугодие",
    "year": "год",
    "range": "период",
    "school_year": "учебный год",
    "within": "в течение срока",
    "recurring": "периодически",
    "ongoing": "постоянно",
    "schedule": "по графику",
    "event": "по событию",
    "unparsed": "не разобран",
}

# How often a recurring deadline comes back (deadline.recurrence).
RECURRENCE_WORDS = {
    "daily": "ежедневно",
    "weekly": "еженедельно",
    "monthly": "ежемесячно",
    "quarterly": "ежеквартально",
    "yearly": "ежегодно",
}
