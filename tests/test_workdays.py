"""The Russian production calendar (build_tools/workdays.py) against the published calendars."""

from __future__ import annotations

from datetime import date as D

import pytest

from build_tools.workdays import RUSSIA

# (day, working?, why not): the production calendars of ConsultantPlus for those years.
DAYS = [
    (D(2024, 4, 26), True, None),
    (D(2024, 4, 27), True, None),  # Saturday worked: its day off moved to Monday 29 April
    (D(2024, 4, 28), False, "воскресенье"),
    (D(2024, 4, 29), False, "Выходной (перенесено с 27.04.2024)"),
    (D(2024, 4, 30), False, "Выходной (перенесено с 02.11.2024)"),
    (D(2024, 5, 1), False, "Праздник Весны и Труда"),
    (D(2024, 11, 2), True, None),  # Saturday worked
    (D(2024, 12, 28), True, None),  # Saturday worked
    (D(2024, 12, 31), False, "Выходной (перенесено с 07.01.2024)"),
    (D(2025, 1, 8), False, "Новогодние каникулы"),
    (D(2025, 1, 9), True, None),
    (D(2021, 11, 5), False, "Выходной (перенесено с 02.01.2021)"),
    (D(2021, 2, 20), True, None),  # Saturday worked
    (D(2023, 2, 24), False, "Выходной (перенесено с 01.01.2023)"),
    (D(2026, 1, 9), False, "Выходной (перенесено с 03.01.2026)"),
    (D(2026, 3, 9), False, "Международный женский день (выходной)"),
    (D(2019, 11, 22), True, None),
    (D(2019, 11, 23), False, "суббота"),
]


@pytest.mark.parametrize("day, working, why", DAYS, ids=[str(day) for day, _, _ in DAYS])
def test_working_days_and_days_off_are_those_of_the_published_calendar(day, working, why):
    assert RUSSIA.is_working_day(day) is working
    assert RUSSIA.day_off_name(day) == why


def test_the_calendar_knows_the_years_the_knowledge_base_spans_and_says_where_it_ends():
    assert all(RUSSIA.is_known(year) for year in range(2005, 2027))
    assert not RUSSIA.is_known(RUSSIA.known_through + 1)
    assert not RUSSIA.is_known(1990)  # before the package's first year
