"""The deadline grammar: free Russian wording of a «Срок» → a normalised `Deadline`.

`parse_deadline(text, meeting_date)` tries a table of patterns in order (see `_TABLE`)
on a normalised copy of the wording and returns the first match.  Dates that are not
literally written (end of a month, end of the school year, a year taken from the
meeting date, ...) are marked `inferred=True`.  Wording that cannot be placed becomes
`Deadline(text, "unparsed")` with no dates: the parser never guesses and never raises.

All conventions used to infer dates live in `DeadlineRules`.  The human documentation
of the grammar is docs/format/deadlines.md.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date, timedelta

from .workdays import RUSSIA, ProductionCalendar

__all__ = ["KINDS", "RECURRENCES", "DeadlineRules", "DEFAULT_RULES", "Deadline", "parse_deadline", "MONTHS"]

KINDS = ("date", "by", "month", "months", "quarter", "half_year", "year", "range",
         "school_year", "within", "recurring", "ongoing", "schedule", "event", "unparsed")

RECURRENCES = ("daily", "weekly", "monthly", "quarterly", "yearly")


@dataclass(frozen=True)
class DeadlineRules:
    """The conventions used to infer dates; the one place to change them."""
    school_year_start: tuple[int, int] = (9, 1)    # (month, day)
    school_year_end: tuple[int, int] = (5, 31)     # (month, day): end of lessons
    # (month, day): last day of the first half of a school year («1 полугодие 2020-2021 учебного года»)
    school_first_half_end: tuple[int, int] = (12, 31)
    # "до X" is recorded as due X; set False to record X − 1 day ("не позднее X" is always X)
    until_inclusive: bool = True
    # what "рабочих дней" are counted by: weekends, public holidays and the government's
    # transfers of days off (build_tools/workdays.py, from the `holidays` package)
    calendar: ProductionCalendar = RUSSIA
    # extra non-working days on top of the calendar (a regional holiday, say)
    holidays: frozenset[date] = frozenset()
    # a two-digit year "19" in "04.12.19" means century + 19
    two_digit_year_century: int = 2000
    # (first, last): a start/due outside these years is a typo ("20021", "1021 г.") → unparsed
    plausible_years: tuple[int, int] = (1990, 2100)
    # ((month, day), (month, day)): the autumn, winter and spring school holidays («каникулы»), first and last
    # day; the summer holidays run from the day after the end of lessons to the day before the school year,
    # and the four terms («четверти») lie between the holidays
    school_holidays: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (
        ((10, 27), (11, 4)), ((12, 29), (1, 8)), ((3, 23), (3, 31)))


DEFAULT_RULES = DeadlineRules()


@dataclass(frozen=True)
class Deadline:
    text: str                      # the wording exactly as given (never altered)
    kind: str                      # one of KINDS
    start: date | None = None      # first day of the period, where the wording gives/implies one
    due: date | None = None        # last day the task may be done, where given/implied
    inferred: bool = False         # True when start/due are not literally written
    recurrence: str | None = None  # for kind "recurring": one of RECURRENCES


# --------------------------------------------------------------------------- vocabulary

# month number → (nominative, genitive, prepositional)
MONTHS: dict[int, tuple[str, str, str]] = {
    1: ("январь", "января", "январе"),
    2: ("февраль", "февраля", "феврале"),
    3: ("март", "марта", "марте"),
    4: ("апрель", "апреля", "апреле"),
    5: ("май", "мая", "мае"),
    6: ("июнь", "июня", "июне"),
    7: ("июль", "июля", "июле"),
    8: ("август", "августа", "августе"),
    9: ("сентябрь", "сентября", "сентябре"),
    10: ("октябрь", "октября", "октябре"),
    11: ("ноябрь", "ноября", "ноябре"),
    12: ("декабрь", "декабря", "декабре"),
}
_MONTH_BY_FORM = {form: number for number, forms in MONTHS.items() for form in forms}

# number words, as they appear in "в течение двух недель", "в трехдневный срок"
_NUMBER_WORDS = {
    "": 1, "один": 1, "одна": 1, "одну": 1, "одного": 1, "одной": 1, "одно": 1,
    "два": 2, "две": 2, "двух": 2, "дву": 2, "три": 3, "трех": 3, "четыре": 4, "четырех": 4,
    "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8,
    "девять": 9, "девяти": 9, "десять": 10, "десяти": 10, "четырнадцать": 14, "четырнадцати": 14,
    "пятнадцать": 15, "пятнадцати": 15, "двадцать": 20, "двадцати": 20, "тридцать": 30,
    "тридцати": 30, "сорок": 40, "сорока": 40, "шестьдесят": 60, "шестидесяти": 60,
}

# ordinals of quarters and half-years: "IV", "4", "4-й", "четвертом"
_ORDINAL_STEMS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_RECURRING_ADVERBS = {
    "ежедневно": "daily", "еженедельно": "weekly", "ежемесячно": "monthly",
    "ежеквартально": "quarterly", "ежегодно": "yearly",
}
# "каждый месяц", "раз в квартал": the stem of the period noun → recurrence
_RECURRING_NOUNS = {"ден": "daily", "дня": "daily", "день": "daily", "недел": "weekly",
                    "месяц": "monthly", "квартал": "quarterly", "год": "yearly"}
_WEEKDAYS = r"(?:понедельник|вторник|сред|четверг|пятниц|суббот|воскресень)\w*"

# regex pieces (applied to the normalised text)
_M = "(" + "|".join(sorted(_MONTH_BY_FORM, key=len, reverse=True)) + r")(?!\w)"
_Y = r"(\d{4})"
_ORD = r"(\d|iv|iii|ii|i|перв\w*|втор\w*|трет\w*|четверт\w*)(?:-?(?:й|го|ом|м|ое|ого|ем|ой))?"
_SCHOOL = r"(?:учебн\w*|уч\.?)\s*(?:год\w*|г\.?)"
_NAMED_SCHOOL_YEAR = r"(\d{4})\s*[-/]\s*(\d{4}|\d{2})\s+" + _SCHOOL
_PERIOD_PREFIX = r"^(?:(?:в течение|течение|на протяжении|во|в|на)\s+)?"   # longest first


# --------------------------------------------------------------------------- normalisation

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"
_QUOTES = "«»\"“”„'’`"


# ё→е, the Ukrainian і of "І квартал" → i, every dash → "-", quotes dropped (applied after lower case)
_CHARACTERS = str.maketrans({"ё": "е", "\u0456": "i", **{c: "-" for c in _DASHES}, **{c: None for c in _QUOTES}})
_SPACES = re.compile(r"\s+")
# Applied in order; compiled once, as they run on every deadline the validator re-reads. Each starts only
# where a run of digits or spaces starts (`(?<!\d)`, `(?<!\s)`), so that a long run is tried once, not
# once per character: the rewrites stay linear in the length of the wording.
_REWRITES = [(re.compile(pattern), replacement) for pattern, replacement in (
    # "25.12. 2019" → "25.12.2019"
    (r"(\d)\. (?=\d)", r"\1."),
    # "2021 г.", "2021г", "2021 года", "04.12.19 г." → "2021", "04.12.19"
    (r"(?:(?<=\d{4})|(?<=\.\d{2}))\s*(?:гг|г|годах|годов|годы|году|года|год)\.?(?!\w)", ""),
    # "5 (пяти) дней", "5-ти дней", "2-х недель" → "5 дней", "2 недель"
    (r"(?<!\d)(\d+)\s*\([а-я ]+\)", r"\1"),
    (r"(?<!\d)(\d+)-(?:ти|х|и|ми)(?!\w)", r"\1"),
    (r"(?<!\s)\s*\(?включительно\)?", ""),
    (r"(?<!\s)\s*-\s*", "-"),
    (r"^срок(?:и)?(?: исполнения| выполнения| реализации)?\s*[:-]\s*", ""),
    (r"\s+", " "),
)]


@lru_cache(maxsize=4096)  # the same wordings («в течение учебного года», «постоянно») recur across protocols
def _normalise(text: str) -> str:
    """Lower case, ё→е, one kind of dash and space, no year words after a year."""
    s = _SPACES.sub(" ", text.lower().translate(_CHARACTERS)).strip()
    for pattern, replacement in _REWRITES:
        s = pattern.sub(replacement, s)
    return s.strip(" .,;:-")


# --------------------------------------------------------------------------- calendar helpers

def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _add_working_days(day: date, count: int, rules: DeadlineRules) -> date:
    while count > 0:
        day += timedelta(days=1)
        if rules.calendar.is_working_day(day) and day not in rules.holidays:
            count -= 1
    return day


def _next_day_of_year(month: int, day: int, meeting: date) -> date:
    """The first day.month on or after the meeting (29 February waits for a leap year)."""
    for year in range(meeting.year, meeting.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= meeting:
            return candidate
    raise ValueError(f"no date {day}.{month}")


Bounds = tuple[date, date]


def _next_period(bounds: Callable[[int], Bounds], meeting: date) -> Bounds:
    """The first period (given by year) that has not ended before the meeting."""
    this_year = bounds(meeting.year)
    return this_year if this_year[1] >= meeting else bounds(meeting.year + 1)


def _month_bounds(month: int) -> Callable[[int], Bounds]:
    return lambda year: (date(year, month, 1), _month_end(year, month))


def _quarter_bounds(quarter: int) -> Callable[[int], Bounds]:
    return lambda year: (date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter))


def _half_bounds(half: int) -> Callable[[int], Bounds]:
    return lambda year: (date(year, 6 * half - 5, 1), _month_end(year, 6 * half))


def _school_year(start_year: int, rules: DeadlineRules) -> Bounds:
    """The school year that begins in `start_year`."""
    start = date(start_year, *rules.school_year_start)
    end = date(start_year, *rules.school_year_end)
    return start, end if end > start else date(start_year + 1, *rules.school_year_end)


def _current_school_year(meeting: date, rules: DeadlineRules) -> Bounds:
    """The school year containing the meeting; after the end of lessons, the next one."""
    for start_year in (meeting.year - 1, meeting.year):
        bounds = _school_year(start_year, rules)
        if meeting < bounds[1]:
            return bounds
    return _school_year(meeting.year + 1, rules)


def _next_school_year(meeting: date, rules: DeadlineRules) -> Bounds:
    """The first school year beginning after the meeting."""
    for start_year in (meeting.year, meeting.year + 1):
        bounds = _school_year(start_year, rules)
        if bounds[0] > meeting:
            return bounds
    return _school_year(meeting.year + 2, rules)


def _named_school_year(first: str, second: str, rules: DeadlineRules) -> Bounds | None:
    """«2020-2021» / «2020/21» → that school year; None if the second year does not follow the first."""
    start_year = int(first)
    expected = start_year + 1 if len(second) == 4 else (start_year + 1) % 100
    return _school_year(start_year, rules) if int(second) == expected else None


def _ordinal(token: str) -> int:
    if token.isdigit():
        return int(token)
    if token in _ROMAN:
        return _ROMAN[token]
    return next(n for stem, n in _ORDINAL_STEMS.items() if token.startswith(stem))


def _two_digit_year(year: str, rules: DeadlineRules) -> int:
    return rules.two_digit_year_century + int(year) if len(year) == 2 else int(year)


# --------------------------------------------------------------------------- days

_DAY_NUMERIC = re.compile(r"(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?")
_DAY_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_WORDS = re.compile(r"(\d{1,2})(?:-?(?:го|е))? " + _M + r"(?: " + _Y + ")?")


def _day(s: str, meeting: date, rules: DeadlineRules) -> tuple[date, bool] | None:
    """One written day → (date, inferred).  An impossible day raises ValueError."""
    if m := _DAY_NUMERIC.fullmatch(s):
        day, month, year = m.groups()
    elif m := _DAY_ISO.fullmatch(s):
        year, month, day = m.groups()
    elif m := _DAY_WORDS.fullmatch(s):
        day, month, year = m.group(1), str(_MONTH_BY_FORM[m.group(2)]), m.group(3)
    else:
        return None
    if year is None:
        return _next_day_of_year(int(month), int(day), meeting), True
    return date(_two_digit_year(year, rules), int(month), int(day)), False


# --------------------------------------------------------------------------- periods

_MONTH = re.compile(_M + r"(?: " + _Y + ")?")
_MONTH_RANGE = re.compile(_M + r"(?: " + _Y + r")?(?:-| и |, ?)" + _M + r"(?: " + _Y + ")?")
_QUARTER = re.compile(_ORD + r"\s*(?:квартал\w*|кв\.?)(?: " + _Y + ")?")
_HALF_YEAR = re.compile(_ORD + r"\s*полугоди\w*(?: " + _Y + ")?")
_SCHOOL_HALF_YEAR = re.compile(_ORD + r"\s*полугоди\w* " + _NAMED_SCHOOL_YEAR)
_YEAR = re.compile(_Y)
_SCHOOL_YEAR = re.compile(_NAMED_SCHOOL_YEAR)


def _period(s: str, meeting: date, rules: DeadlineRules) -> tuple[str, date, date] | None:
    """A named period → (kind, start, due): month(s), quarter, half-year, year, school year."""
    if m := _MONTH.fullmatch(s):
        month, year = _MONTH_BY_FORM[m.group(1)], m.group(2)
        bounds = _month_bounds(month)
        return ("month", *(bounds(int(year)) if year else _next_period(bounds, meeting)))
    if m := _MONTH_RANGE.fullmatch(s):
        return _month_range(m, meeting)
    if m := _QUARTER.fullmatch(s):
        return _numbered("quarter", _ordinal(m.group(1)), 4, _quarter_bounds, m.group(2), meeting)
    if m := _HALF_YEAR.fullmatch(s):
        return _numbered("half_year", _ordinal(m.group(1)), 2, _half_bounds, m.group(2), meeting)
    if m := _SCHOOL_HALF_YEAR.fullmatch(s):
        return _school_half(_ordinal(m.group(1)), m.group(2), m.group(3), rules)
    if m := _YEAR.fullmatch(s):
        year = int(m.group(1))
        return "year", date(year, 1, 1), date(year, 12, 31)
    if m := _SCHOOL_YEAR.fullmatch(s):
        bounds = _named_school_year(m.group(1), m.group(2), rules)
        return ("school_year", *bounds) if bounds else None
    return None


def _month_range(m: re.Match, meeting: date) -> tuple[str, date, date] | None:
    """«февраль-март 2021»: the last year applies to the first month (the year before if it wraps)."""
    first, first_year = _MONTH_BY_FORM[m.group(1)], m.group(2)
    last, last_year = _MONTH_BY_FORM[m.group(3)], m.group(4)
    wraps = first > last
    if first_year is None and last_year is not None:
        first_year = int(last_year) - wraps
    elif first_year is None:
        first_year = _next_period(_month_bounds(first), meeting)[0].year
    first_year = int(first_year)
    last_year = int(last_year) if last_year else first_year + wraps
    start, due = date(first_year, first, 1), _month_end(last_year, last)
    return ("months", start, due) if start < due else None


def _numbered(kind: str, number: int, count: int, bounds: Callable[[int], Callable[[int], Bounds]],
              year: str | None, meeting: date) -> tuple[str, date, date] | None:
    if not 1 <= number <= count:
        return None
    of_year = bounds(number)
    return (kind, *(of_year(int(year)) if year else _next_period(of_year, meeting)))


def _school_half(half: int, first: str, second: str, rules: DeadlineRules) -> tuple[str, date, date] | None:
    """«1 полугодие 2020-2021 учебного года»: school start → first-half end → end of lessons."""
    year = _named_school_year(first, second, rules)
    if year is None or half not in (1, 2):
        return None
    return ("half_year", *_school_halves(year[0].year, rules)[half - 1])


def _school_halves(start_year: int, rules: DeadlineRules) -> list[Bounds]:
    """The two halves of the school year beginning in `start_year`."""
    start, end = _school_year(start_year, rules)
    split = date(start_year, *rules.school_first_half_end)
    if not start <= split < end:
        split = date(start_year + 1, *rules.school_first_half_end)
    return [(start, split), (split + timedelta(days=1), end)]


def _this_month(d: date, rules: DeadlineRules) -> Bounds:
    return _month_bounds(d.month)(d.year)


def _next_month(d: date, rules: DeadlineRules) -> Bounds:
    return _this_month(_add_months(d.replace(day=1), 1), rules)


def _this_quarter(d: date, rules: DeadlineRules) -> Bounds:
    return _quarter_bounds((d.month + 2) // 3)(d.year)


def _this_half(d: date, rules: DeadlineRules) -> Bounds:
    return _half_bounds((d.month + 5) // 6)(d.year)


def _this_year(d: date, rules: DeadlineRules) -> Bounds:
    return date(d.year, 1, 1), date(d.year, 12, 31)


def _next_year(d: date, rules: DeadlineRules) -> Bounds:
    return date(d.year + 1, 1, 1), date(d.year + 1, 12, 31)


RelativePeriods = list[tuple[re.Pattern[str], Callable[[date, DeadlineRules], Bounds]]]
_THIS = r"(?:текущего |этого )?"
_NEXT = r"(?:следующего |нового |предстоящего )"

# "до конца месяца": periods named relative to the meeting
_RELATIVE_PERIODS: RelativePeriods = [(re.compile(pattern), bounds) for pattern, bounds in (
    (_THIS + r"месяца", _this_month),
    (_NEXT + r"месяца", _next_month),
    (_THIS + r"квартала", _this_quarter),
    (_THIS + r"полугодия", _this_half),
    (_THIS + r"(?:календарного )?года", _this_year),
    (_NEXT + r"(?:календарного )?года", _next_year),
    (_THIS + _SCHOOL, _current_school_year),
    (_NEXT + _SCHOOL, _next_school_year),
)]

# "до начала учебного года": only periods that begin after the meeting
_RELATIVE_NEXT_PERIODS: RelativePeriods = [(re.compile(pattern), bounds) for pattern, bounds in (
    (_NEXT + r"месяца", _next_month),
    (_NEXT + r"(?:календарного )?года", _next_year),
    (_NEXT + "?" + _SCHOOL, _next_school_year),
)]


def _relative_or_named_period(s: str, meeting: date, rules: DeadlineRules,
                              relative: RelativePeriods) -> Bounds | None:
    for pattern, bounds in relative:
        if pattern.fullmatch(s):
            return bounds(meeting, rules)
    found = _period(s, meeting, rules)
    return (found[1], found[2]) if found else None


# --------------------------------------------------------------------------- the table

Handler = Callable[[re.Match, date, DeadlineRules], Deadline | None]


def _recurring_adverb(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline:
    return Deadline("", "recurring", recurrence=_RECURRING_ADVERBS[m.group(1)])


def _recurring_noun(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline:
    recurrence = next(value for stem, value in _RECURRING_NOUNS.items() if m.group(1).startswith(stem))
    return Deadline("", "recurring", recurrence=recurrence)


def _constant_recurrence(recurrence: str) -> Handler:
    return lambda m, meeting, rules: Deadline("", "recurring", recurrence=recurrence)


def _constant(kind: str) -> Handler:
    return lambda m, meeting, rules: Deadline("", kind)


def _range(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline | None:
    """«с 01.02.2021 по 15.03.2021», «с 1 по 15 марта 2021», «01.02.2021-15.03.2021»."""
    return _range_of(m.group(1), m.group(2), meeting, rules)


def _day_range(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline | None:
    """«1-15 марта 2021»."""
    return _range_of(m.group(1), m.group(2) + " " + m.group(3), meeting, rules)


def _range_of(first: str, last: str, meeting: date, rules: DeadlineRules) -> Deadline | None:
    end = _day(last, meeting, rules)
    if end is None:
        return None
    due, inferred = end
    start = _range_start(first, due, meeting, rules)
    if start is None or start[0] > due:
        return None
    return Deadline("", "range", start[0], due, inferred or start[1])


_START_DAY = re.compile(r"\d{1,2}")
_START_DAY_WORDS = re.compile(r"(\d{1,2})(?:-?(?:го|е))? " + _M)
_START_DAY_NUMERIC = re.compile(r"(\d{1,2})\.(\d{1,2})")


def _range_start(s: str, due: date, meeting: date, rules: DeadlineRules) -> tuple[date, bool] | None:
    """The first day of a range; what it leaves out (month, year) is taken from the last day."""
    if _START_DAY.fullmatch(s):
        return date(due.year, due.month, int(s)), False
    if m := _START_DAY_WORDS.fullmatch(s):
        day, month = int(m.group(1)), _MONTH_BY_FORM[m.group(2)]
    elif m := _START_DAY_NUMERIC.fullmatch(s):
        day, month = int(m.group(1)), int(m.group(2))
    else:
        return _day(s, meeting, rules)
    if month == due.month and day > due.day:
        return None  # «с 15 марта по 10 марта 2021»: an end before its start is not placed, not guessed
    wraps = month > due.month  # «с 20 декабря по 10 января 2021»: the range crosses the new year
    return date(due.year - wraps, month, day), wraps


def _school_year_relative(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline:
    """«в течение учебного года»: from the meeting to the end of its school year."""
    return Deadline("", "school_year", meeting, _current_school_year(meeting, rules)[1], True)


def _school_year_next(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline:
    """«в следующем учебном году»: the whole next school year."""
    return Deadline("", "school_year", *_next_school_year(meeting, rules), True)


_EDGE = re.compile(r"(конц|начал)[ауе] (.+)")  # «конца месяца», «начала учебного года»


def _by(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline | None:
    """«до 25.12.2019», «не позднее 19.01.2022», «до конца 2020 года», «к началу учебного года»."""
    word, rest = m.group(1), m.group(2)
    until = word == "до"
    if edge := _EDGE.fullmatch(rest):
        if edge.group(1) == "конц":
            bounds = _relative_or_named_period(edge.group(2), meeting, rules, _RELATIVE_PERIODS)
            return Deadline("", "by", due=bounds[1], inferred=True) if bounds else None
        bounds = _relative_or_named_period(edge.group(2), meeting, rules, _RELATIVE_NEXT_PERIODS)
        return Deadline("", "by", due=_until(bounds[0], until, rules), inferred=True) if bounds else None
    found = _day(rest, meeting, rules)
    if found is None:
        return None
    return Deadline("", "by", due=_until(found[0], until, rules), inferred=found[1])


def _until(day: date, until: bool, rules: DeadlineRules) -> date:
    return day - timedelta(days=1) if until and not rules.until_inclusive else day


def _within(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline | None:
    """«в течение 5 дней со дня совещания», «в течение года», «в течение 10 рабочих дней»."""
    number, unit, anchor = m.group(1), m.group(2), m.group(3)
    return _within_count(_count(number), unit, anchor, meeting, rules)


def _within_adjective(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline | None:
    """«в 5-дневный срок», «в двухнедельный срок», «в месячный срок»."""
    return _within_count(_count(m.group(1).rstrip("-")), m.group(2), m.group(3), meeting, rules)


def _count(token: str | None) -> int | None:
    token = token or ""
    return int(token) if token.isdigit() else _NUMBER_WORDS.get(token)


_MEETING_ANCHOR = re.compile(
    r"(?:со? дня|с даты|с момента|после|от даты|с)"
    r"(?: (?:проведения|подписания|утверждения|оформления|принятия|даты|дня))*"
    r"(?: (?:настоящего|данного|этого|указанного))?"
    r" (?:совещани|заседани|протокол|решени|собрани|коллеги|аппаратн|планерк)\w*.*"
)


_MAX_COUNT = 10_000   # "в течение 99999999 рабочих дней" is noise, not a deadline


def _within_count(count: int | None, unit: str, anchor: str | None, meeting: date,
                  rules: DeadlineRules) -> Deadline | None:
    if count is None or not 0 < count <= _MAX_COUNT:
        return None
    if anchor and not _MEETING_ANCHOR.fullmatch(anchor):
        return Deadline("", "within")          # counted from an event we do not know the date of
    if unit.startswith("рабоч"):
        due = _add_working_days(meeting, count, rules)
    elif unit.startswith(("дн", "ден", "календ")):
        due = meeting + timedelta(days=count)
    elif unit.startswith("недел"):
        due = meeting + timedelta(weeks=count)
    else:
        months = {"месяц": 1, "месячн": 1, "полугод": 6, "год": 12, "лет": 12}
        per_unit = next(value for stem, value in months.items() if unit.startswith(stem))
        due = _add_months(meeting, per_unit * count) - timedelta(days=1)
    return Deadline("", "within", meeting, due, True)


# "в текущем месяце", "в течение текущего года": the meeting's own period
_CURRENT_PERIODS = {"месяц": ("month", _this_month), "квартал": ("quarter", _this_quarter),
                    "полугоди": ("half_year", _this_half), "год": ("year", _this_year)}


def _current_period(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline:
    kind, bounds = next(value for stem, value in _CURRENT_PERIODS.items() if m.group(1).startswith(stem))
    return Deadline("", kind, *bounds(meeting, rules), True)


def _named_period(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline | None:
    found = _period(m.group(1), meeting, rules)
    return Deadline("", found[0], found[1], found[2], True) if found else None


def _exact_day(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline | None:
    found = _day(m.group(1), meeting, rules)
    return Deadline("", "date", due=found[0], inferred=found[1]) if found else None


# --------------------------------------------------------------------------- school-year conventions
#
# Terms («четверти»), halves («полугодия») and holidays («каникулы») of a school year, as `DeadlineRules`
# sets them. Written without a year, they are those of the school year that has not yet ended at the
# meeting («до конца первого полугодия» at an August meeting: the December after it); «до начала …» is
# the first such period that begins after the meeting, as for «до начала учебного года».

_SEASONS = ("осен", "зим", "весен", "лет")        # the stems of the holidays' names, in their order


def _in_school_year(start_year: int, month_day: tuple[int, int], rules: DeadlineRules) -> date:
    """The day (month, day) that falls in the school year beginning in `start_year`."""
    return date(start_year + (month_day[0] < rules.school_year_start[0]), *month_day)


def _school_holidays(start_year: int, rules: DeadlineRules) -> dict[str, Bounds]:
    """Autumn, winter, spring and summer holidays of the school year beginning in `start_year`."""
    named = {season: (_in_school_year(start_year, first, rules), _in_school_year(start_year, last, rules))
             for season, (first, last) in zip(_SEASONS, rules.school_holidays)}
    lessons_end, next_start = _school_year(start_year, rules)[1], _school_year(start_year + 1, rules)[0]
    return named | {"лет": (lessons_end + timedelta(days=1), next_start - timedelta(days=1))}


def _school_terms(start_year: int, rules: DeadlineRules) -> list[Bounds]:
    """The four terms of the school year beginning in `start_year`: between its holidays."""
    start, end = _school_year(start_year, rules)
    breaks = [bounds for season, bounds in _school_holidays(start_year, rules).items() if season != "лет"]
    firsts = [start] + [last + timedelta(days=1) for _, last in breaks]
    lasts = [first - timedelta(days=1) for first, _ in breaks] + [end]
    return list(zip(firsts, lasts))


def _school_period(periods: Callable[[int], list[Bounds]], meeting: date, begins_after: bool) -> Bounds:
    """The first of the periods (given by the start year of their school year) not ended, or not yet begun."""
    for start_year in range(meeting.year - 1, meeting.year + 2):
        for bounds in periods(start_year):
            if (bounds[0] > meeting) if begins_after else (bounds[1] >= meeting):
                return bounds
    raise ValueError("no such school period")


def _school_part(m: re.Match, rules: DeadlineRules) -> Callable[[int], list[Bounds]] | None:
    """The term or half a wording names, by school year; a term without a number is any term (the current one)."""
    number = _ordinal(m.group("ord")) if m.group("ord") else None
    if m.group("unit").startswith("четверт"):
        if number is None:
            return lambda year: _school_terms(year, rules)
        return (lambda year: [_school_terms(year, rules)[number - 1]]) if number in (1, 2, 3, 4) else None
    return (lambda year: [_school_halves(year, rules)[number - 1]]) if number in (1, 2) else None


def _school_bounds(m: re.Match, meeting: date, rules: DeadlineRules, begins_after: bool) -> Bounds | None:
    """The term or half of a wording: of the school year it names, else as `_school_period` chooses."""
    part = _school_part(m, rules)
    if part is None:
        return None
    if m.group("first") is None:
        return _school_period(part, meeting, begins_after)
    named = _named_school_year(m.group("first"), m.group("second"), rules)
    return part(named[0].year)[0] if named and m.group("ord") else None


def _school_edge(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline | None:
    """«до конца первого полугодия», «до начала второй четверти», «к концу I четверти 2024-2025 уч. года»."""
    begins = m.group("edge").startswith("начал")
    bounds = _school_bounds(m, meeting, rules, begins_after=begins)
    if bounds is None:
        return None
    due = _until(bounds[0], m.group("word") == "до", rules) if begins else bounds[1]
    return Deadline("", "by", due=due, inferred=True)


def _school_term(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline | None:
    """«в первом полугодии», «во второй четверти», «2 четверть 2024-2025 учебного года»."""
    bounds = _school_bounds(m, meeting, rules, begins_after=False)
    if bounds is None:
        return None
    return Deadline("", "quarter" if m.group("unit").startswith("четверт") else "half_year", *bounds, True)


def _school_break(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline:
    """«в период осенних каникул», «летом»; «на каникулах»: the next holidays that begin after the meeting."""
    written = "лет" if m.group("summer") else m.group("season") or ""
    season = next((stem for stem in _SEASONS if written.startswith(stem)), None)
    if season:
        bounds = _school_period(lambda year: [_school_holidays(year, rules)[season]], meeting, begins_after=False)
    else:
        bounds = _school_period(lambda year: sorted(_school_holidays(year, rules).values()), meeting,
                                begins_after=True)
    return Deadline("", "range", *bounds, True)


def _school_year_start(m: re.Match, meeting: date, rules: DeadlineRules) -> Deadline:
    """«к новому учебному году»: the first day of the next school year."""
    return Deadline("", "by", due=_next_school_year(meeting, rules)[0], inferred=True)


_TERM = r"(?:" + _ORD.replace("(", "(?P<ord>", 1) + r"\s*)?(?P<unit>четверт\w*|полугоди\w*)"
_OF_SCHOOL_YEAR = (r"(?: (?:(?:(?P<first>\d{4})\s*[-/]\s*(?P<second>\d{4}|\d{2})|текущего|этого|данного) )?"
                   + _SCHOOL + ")?")
_SEASON = r"(?P<season>осенн\w*|зимн\w*|весенн\w*|летн\w*)"

_SCHOOL_CONVENTIONS: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(r"^(?:в срок )?(?P<word>до|к|не позднее|по) (?P<edge>конц|окончани|начал)[аяуе]? " + _TERM
                + _OF_SCHOOL_YEAR + "$"), _school_edge),
    (re.compile(r"^(?:(?:в течение|на протяжении|в|во) )?" + _TERM + _OF_SCHOOL_YEAR + "$"), _school_term),
    (re.compile(r"^(?:(?:в период|во время|в дни|на|в) )?(?:" + _SEASON + " )?каникул\\w*$"
                r"|^(?:в|во время) каникулярн\w+ (?:время|период)$"
                r"|^(?P<summer>в летний период|в летнее время|летом)$"), _school_break),
    (re.compile(r"^(?:к|до) (?:новому|следующему) " + _SCHOOL + "$"), _school_year_start),
]


_UNIT = r"((?:рабоч|календарн)\w* (?:дн\w*|день)|дн\w*|день|недел\w*|месяц\w*|год\w*|лет|полугод\w*)"
_NUMBER = r"(\d+|[а-я]+)"
_WITHIN_LEAD = r"(?:в течение|течение|на протяжении|не позднее|не позже|в срок не позднее|не более|в срок до|в срок)"

# Tried in order; the first handler that returns a Deadline wins (None: try the next row).
_TABLE: list[tuple[re.Pattern[str], Handler]] = [
    # recurring: an adverb or "каждый месяц" / "раз в квартал" anywhere in the wording
    (re.compile(r"(?<!\w)(" + "|".join(_RECURRING_ADVERBS) + r")(?!\w)"), _recurring_adverb),
    (re.compile(r"(?<!\w)(?:кажд\w+|(?:(?:1|один) )?раз в) (день|дня|недел\w*|месяц\w*|квартал\w*|год\w*)"),
     _recurring_noun),
    (re.compile(r"(?<!\w)(?:кажд\w+|по) " + _WEEKDAYS), _constant_recurrence("weekly")),
    # ongoing
    (re.compile(r"^(?:постоянно|систематически|регулярно|бессрочно|на постоянной основе|в постоянном режиме"
                r"|(?:в течение|на протяжении) всего периода|весь период)(?!\w)"), _constant("ongoing")),
    # range of explicit days (before "event", which also starts with "в период")
    (re.compile(r"^(?:(?:в период|в срок|период|в течение периода|на период) )?с (.+?) (?:по|до) (.+)$"), _range),
    (re.compile(r"^(?:(?:в период|в срок|период) )?(\d{1,2})-(\d{1,2}) (" + _M + r"(?: " + _Y + ")?)$"),
     _day_range),
    (re.compile(r"^(?:(?:в период|в срок|период|с) )?([\d./]+)-([\d./]+)$"), _range),
    # school terms, halves and holidays (before "event": «в период осенних каникул»)
    *_SCHOOL_CONVENTIONS,
    # event
    (re.compile(r"^(?:в период|в ходе|в рамках|в дни|в день|во время|в сроки проведения|в дату|по мере|по итогам"
                r"|по результатам|по окончании|по завершении|по факту|по запросу|по требованию|по поступлении"
                r"|по согласованию|после(?! ?\d)|при|накануне|перед|в случае|в зависимости от)(?!\w)"),
     _constant("event")),
    # schedule
    (re.compile(r"^(?:в соответствии со?|согласно|по) (?:\w+ ){0,2}?(?:график|план|регламент|срок|дорожн)\w*"),
     _constant("schedule")),
    (re.compile(r"^в (?:установленн|определенн|указанн|предусмотренн|утвержденн|регламентн|нормативн)\w* срок"),
     _constant("schedule")),
    (re.compile(r"^в сроки(?!\w)|^в срок,? (?:установленн|определенн|предусмотренн|указанн|утвержденн)"),
     _constant("schedule")),
    # school year, relative to the meeting
    (re.compile(r"^(?:в )?(?:течение|на протяжении) (?:всего |текущего )?" + _SCHOOL + "$"
                r"|^в текущем " + _SCHOOL + "$"), _school_year_relative),
    (re.compile(r"^(?:в (?:следующем|новом|предстоящем)|(?:в )?течение (?:следующего|нового|предстоящего)) "
                + _SCHOOL + "$"), _school_year_next),
    (re.compile(r"^(?:в текущем|(?:в )?течение текущего) (?:календарн\w+ )?(месяц\w*|квартал\w*|полугоди\w*|год\w*)$"),
     _current_period),
    # by a day
    (re.compile(r"^(?:в срок |срок )?(до|не позднее|не позже|к|по) (.+)$"), _by),
    # within a duration
    (re.compile(r"^" + _WITHIN_LEAD + r" (?:" + _NUMBER + r" )?" + _UNIT + r"(?:,? (.+))?$"), _within),
    (re.compile(r"^(?:в|не позднее чем в) (\d+-?|[а-я]*?)(дневн|недельн|месячн)\w* срок\w*(?:,? (.+))?$"),
     _within_adjective),
    # named periods: month(s), quarter, half-year, year, school year
    (re.compile(_PERIOD_PREFIX + r"(.+)$"), _named_period),
    # an exact day
    (re.compile(r"^(?:в срок )?(.+)$"), _exact_day),
]


# --------------------------------------------------------------------------- entry point

def _plausible(found: Deadline, rules: DeadlineRules) -> bool:
    first, last = rules.plausible_years
    return all(first <= day.year <= last for day in (found.start, found.due) if day is not None)


# The longest wording the grammar reads. The real ones run to some 70 characters («в соответствии с графиком
# проведения независимых оценочных процедур»); a longer text is prose, not a deadline, and stays unparsed
# (the validator warns, docs/security.md says why), so that no wording costs more than a bounded amount of work.
MAX_WORDING_LENGTH = 200


def parse_deadline(text: str, meeting_date: date, rules: DeadlineRules = DEFAULT_RULES) -> Deadline:
    """The normalised deadline of `text`, relative to the meeting; never raises for a str.

    A wording longer than `MAX_WORDING_LENGTH` is not read: it is unparsed."""
    if len(text) > MAX_WORDING_LENGTH:
        return Deadline(text, "unparsed")
    try:
        s = _normalise(text)
        if s:
            for pattern, handler in _TABLE:
                m = pattern.search(s)
                if m is None:
                    continue
                found = handler(m, meeting_date, rules)
                if found is not None:
                    return replace(found, text=text) if _plausible(found, rules) else Deadline(text, "unparsed")
    except (ValueError, OverflowError):
        pass    # an impossible date ("31.02.2021") or one outside the calendar: not placed
    return Deadline(text, "unparsed")
