"""The site's «today»: which tasks a build shows as overdue, due soon or later.

Taken, in this order, from the environment variable PROTOCOLS_TODAY (an ISO
date, 2021-01-15), from the date of SOURCE_DATE_EPOCH (the reproducible-builds
convention that MkDocs also follows for its sitemap), or from the machine's
clock. Two builds of one commit with the same PROTOCOLS_TODAY and
SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime, timezone


class BadClock(ValueError):
    """The environment names a day that cannot be read."""


def build_today(environ: Mapping[str, str] = os.environ) -> date:
    if value := environ.get("PROTOCOLS_TODAY"):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise BadClock(f"PROTOCOLS_TODAY должна быть датой ГГГГ-ММ-ДД, а не «{value}»") from None
    if value := environ.get("SOURCE_DATE_EPOCH"):
        try:
            return datetime.fromtimestamp(int(value), tz=timezone.utc).date()
        except (ValueError, OverflowError):
            raise BadClock(f"SOURCE_DATE_EPOCH должна быть числом секунд с 1970 года, а не «{value}»") from None
    return date.today()
