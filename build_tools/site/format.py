"""The Russian wording of dates and counts for the pages: it lives in `build_tools.russian`,
beneath the pages, the feeds and the reports alike."""

from ..russian import (DAYS, DECISIONS, LOCALE, ORGANIZATIONS, PROTOCOLS, TASKS, Noun, count, long_date,  # noqa: F401
                       month_title, short_month)
