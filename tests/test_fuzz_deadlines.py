"""Fuzzing the deadline grammar (build_tools/deadlines.py): total, honest, and fast on any wording.

Any string gives a `Deadline` (or a clean «unparsed» one), never an exception: its wording kept as
written, a known kind, dates only when placed, the start not after the due day, every day within the
plausible years. Wording built from the grammar's own words, repeated into long runs, is parsed in
time that grows with its length, not faster (no catastrophic backtracking).
"""

from __future__ import annotations

import time
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from build_tools import deadlines
from build_tools.deadlines import DEFAULT_RULES, KINDS, RECURRENCES, parse_deadline
from fuzzing import budget, hostile_text

FIRST_YEAR, LAST_YEAR = DEFAULT_RULES.plausible_years
meetings = st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))
GRAMMAR_WORDS = ["до", "не позднее", "с", "по", "в течение", "течение", "в срок", "срок:", "к", "в", "на", "до конца",
                 "1", "15", "31", "2020", "20", "12.2020", "01.02.2021", "25.12.", "2019-2020", "-", "–", ".", " ",
                 "/", "(", ")", "(пяти)", "-ти", "г.", "года", "гг.", "включительно", "марта", "апрель", "мае",
                 "рабочих", "дней", "недель", "месяцев", "календарных", "учебного", "года", "квартал", "IV",
                 "полугодие", "первом", "каникул", "четверти", "ежемесячно", "каждый", "раз в", "постоянно",
                 "со дня", "заседания", "получения", "по мере", "согласно", "графику", "трехдневный", "0", "9"]
grammar_text = st.lists(st.sampled_from(GRAMMAR_WORDS), max_size=25).map(" ".join)
RUNS = ["1", "0", "12", "1.", "1 ", " ", ".", "-", "а", "(", "г."]  # what a long run of a wording is made of
SECONDS_PER_KB = 0.05  # CPU time: the whole table of patterns runs over a kilobyte in a few milliseconds
SECONDS_AT_LEAST = 0.25


def assert_placed_or_unparsed(text: str, meeting: date) -> None:
    found = parse_deadline(text, meeting)
    assert found.text == text
    assert found.kind in KINDS
    assert (found.recurrence in RECURRENCES) if found.kind == "recurring" else found.recurrence is None
    days = [day for day in (found.start, found.due) if day is not None]
    if found.kind == "unparsed":
        assert days == [] and not found.inferred
    assert all(FIRST_YEAR <= day.year <= LAST_YEAR for day in days), found
    if found.start is not None and found.due is not None:
        assert found.start <= found.due, found


@budget(200)
@given(text=st.one_of(st.text(max_size=200), hostile_text(), grammar_text), meeting=meetings)
def test_any_wording_is_placed_or_unparsed(text, meeting):
    assert_placed_or_unparsed(text, meeting)


@st.composite
def long_wordings(draw: st.DrawFn) -> str:
    """Grammar words around a long run of one piece: digits, dots, spaces, a word."""
    run = draw(st.one_of(st.sampled_from(RUNS), st.sampled_from(GRAMMAR_WORDS), st.text(min_size=1, max_size=3)))
    longest = 20_000 // len(run)
    times = draw(st.one_of(st.integers(1, longest), st.sampled_from([longest // 10, longest])))
    return draw(grammar_text) + " " + run * times + " " + draw(grammar_text)


@budget(100)
@given(text=long_wordings(), meeting=meetings)
def test_time_grows_with_the_length_of_the_wording(text, meeting):
    deadlines._normalise.cache_clear()  # normalised wordings are cached: time a first reading, every time
    started = time.process_time()
    assert_placed_or_unparsed(text, meeting)
    seconds = time.process_time() - started
    assert seconds <= SECONDS_AT_LEAST + SECONDS_PER_KB * len(text.encode()) / 1024, (len(text), seconds)
