"""The Russian production calendar: which days are working days.

Counting «в течение 10 рабочих дней» takes more than skipping weekends: there are
the public holidays of art. 112 of the Labour Code and the days off the government
moves every year by decree («О переносе выходных дней в 2024 году»: Saturday
27 April 2024 was worked, Monday 29 and Tuesday 30 April were off). The `holidays`
package keeps those decrees, each with its source, and gains a year when its decree
is published (usually in the autumn before it); this module reads it rather than a
table typed here, and nothing more.

`ProductionCalendar.known_through` is the last year whose decree the installed
package knows. A later year has its weekends and fixed holidays but not yet its
transfers, so a count reaching into it may still move by a day or two: the
validator warns about such deadlines (docs/format/deadlines.md).
"""

from __future__ import annotations

from datetime import date

import holidays

WEEKDAY_NAMES = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")


class ProductionCalendar:
    """Working days of the Russian Federation, as the government's decrees set them."""

    def __init__(self) -> None:
        self._days = holidays.country_holidays("RU", language="ru")
        self.first_year: int = self._days.start_year
        # The years with a decree on transfers: since 2013 every year has one (the weekend days
        # that fall on the New Year holidays are always moved), so the last of them is the
        # last year whose calendar is complete.
        self.known_through: int = max(self._days.special_public_holidays)

    def is_known(self, year: int) -> bool:
        """Whether the transfers of days off of ``year`` are known (its decree is in the package)."""
        return self.first_year <= year <= self.known_through

    def is_working_day(self, day: date) -> bool:
        return self._days.is_working_day(day)

    def day_off_name(self, day: date) -> str | None:
        """Why ``day`` is not a working day, in Russian («День Победы», «суббота»); None on a working day."""
        if self.is_working_day(day):
            return None
        return self._days.get(day) or WEEKDAY_NAMES[day.weekday()]


RUSSIA = ProductionCalendar()
