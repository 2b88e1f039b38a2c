"""The picture of the load per month on the deadlines page: an SVG drawn at build time.

One bar per month from the first to the last month with a dated task (empty
months included, so gaps show), stacked by where the tasks stand on the build
day, with its total above it. Every month is labelled, with its year under
January and under the first month; the y axis has a grid of round steps.
Colours come from classes styled in site_overrides/assets/stylesheets/protocols.css,
so the chart follows the light and dark palettes. The chart keeps its size and
scrolls sideways on a narrow screen rather than shrinking its text (13 px, as
the text around it on a phone). No script, no external file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..model import Task
from ..russian import TASKS, count, month_title, short_month
from .markup import attribute

STEP = 32  # horizontal space of one month: room for its label
BAR = 22
LEFT = 40  # room for the axis labels
TOP = 24  # room for the total above the tallest bar
PLOT = 160  # height of the tallest bar
BOTTOM = 40  # room for month and year labels
RIGHT = 12
GRID_LINES = 4  # at most, above zero

# Stacked from the bottom: (attribute of MonthLoad, CSS class, legend)
LAYERS = (
    ("closed", "pk-bar-closed", "выполнено или отменено"),
    ("overdue", "pk-bar-overdue", "срок истёк, отметки нет"),
    ("upcoming", "pk-bar-upcoming", "срок впереди"),
)


@dataclass(frozen=True)
class MonthLoad:
    month: date  # its first day
    closed: int = 0
    overdue: int = 0  # open, due before the build day
    upcoming: int = 0  # open, due on the build day or later

    @classmethod
    def of(cls, month: date, tasks: Iterable[Task], today: date) -> MonthLoad:
        closed = overdue = upcoming = 0
        for task in tasks:
            if task.decision.outcome.is_closed:
                closed += 1
            elif task.decision.due < today:
                overdue += 1
            else:
                upcoming += 1
        return cls(month, closed, overdue, upcoming)

    @property
    def total(self) -> int:
        return self.closed + self.overdue + self.upcoming


def month_anchor(month: date) -> str:
    """«m-2022-01»: the anchor of a month's section on the deadlines page."""
    return f"m-{month:%Y-%m}"


def load_chart(loads: list[MonthLoad], today: date,
               month_link: Callable[[date], str] = lambda month: "#" + month_anchor(month)) -> str:
    """The chart as a raw HTML block for markdown: the SVG and its legend; a bar links to its month."""
    months = _every_month(loads)
    tallest = max(load.total for load in months)
    width = LEFT + STEP * len(months) + RIGHT
    height = TOP + PLOT + BOTTOM
    values = grid(tallest)
    scale = PLOT / values[-1]
    base = TOP + PLOT
    lines = [
        '<div class="pk-chart">',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="group" aria-labelledby="pk-chart-title">',
        '<title id="pk-chart-title">Поручения по месяцам срока</title>',
    ]
    for value in values:
        y = round(base - value * scale)
        lines += [f'<line class="{"pk-axis" if value == 0 else "pk-grid"}" x1="{LEFT - 4}" y1="{y}" '
                  f'x2="{width - RIGHT}" y2="{y}"/>',
                  f'<text class="pk-tick" x="{LEFT - 8}" y="{y + 4}" text-anchor="end">{value}</text>']
    for index, load in enumerate(months):
        x = LEFT + index * STEP
        lines += _bar(load, x, base, scale, month_link(load.month))
        lines.append(f'<text class="pk-tick" x="{x + BAR // 2}" y="{base + 16}" text-anchor="middle">'
                     f'{short_month(load.month)}</text>')
        if load.month.month == 1 or index == 0:
            lines.append(f'<text class="pk-year" x="{x + BAR // 2}" y="{base + 32}" text-anchor="middle">'
                         f'{load.month.year}</text>')
    lines += _today_marker(months, today, base)
    lines += ["</svg>", _legend(), "</div>"]
    return "\n".join(lines)


def _every_month(loads: list[MonthLoad]) -> list[MonthLoad]:
    """The loads of every month from the first to the last; counted by index, so December 9999 ends it too."""
    known = {load.month: load for load in loads}
    first, last = (month.year * 12 + month.month - 1 for month in (min(known), max(known)))
    return [known.get(month, MonthLoad(month))
            for month in (date(index // 12, index % 12 + 1, 1) for index in range(first, last + 1))]


def _bar(load: MonthLoad, x: int, base: int, scale: float, href: str) -> list[str]:
    if not load.total:
        return []
    parts = [f'<a href="{attribute(href)}">', f"<title>{attribute(_describe(load))}</title>"]
    top = base
    for name, css_class, _ in LAYERS:
        value = getattr(load, name)
        if value:
            bar_height = round(value * scale)
            top -= bar_height
            parts.append(f'<rect class="{css_class}" x="{x}" y="{top}" width="{BAR}" height="{bar_height}"/>')
    parts.append(f'<text class="pk-total" x="{x + BAR // 2}" y="{top - 5}" text-anchor="middle">{load.total}</text>')
    parts.append("</a>")
    return ["".join(parts)]


def grid(tallest: int) -> list[int]:
    """Round values for the y axis, from 0 to the first at or above the tallest bar: 0, 5, 10, 15 or 0, 20, 40…"""
    step = next(base * 10 ** power for power in range(12) for base in (1, 2, 5) if base * 10 ** power * GRID_LINES
                >= tallest)
    return list(range(0, -(-tallest // step) * step + 1, step))


def _describe(load: MonthLoad) -> str:
    """«Январь 2022: 3 задачи (срок истёк, отметки нет: 1; срок впереди: 2)»: the tooltip of a bar."""
    details = "; ".join(f"{legend}: {getattr(load, name)}" for name, _, legend in LAYERS if getattr(load, name))
    return f"{month_title(load.month)}: {count(load.total, TASKS)} ({details})"


def _today_marker(months: list[MonthLoad], today: date, base: int) -> list[str]:
    """A vertical line at the build day, when it falls within the chart."""
    first = months[0].month
    offset = (today.year - first.year) * 12 + today.month - first.month
    if not 0 <= offset < len(months):
        return []
    x = LEFT + offset * STEP + round(BAR * (today.day - 1) / 30)
    return [f'<line class="pk-today" x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{base}"/>',
            f'<text class="pk-tick" x="{x + 3}" y="{TOP - 6}">сегодня</text>']


def _legend() -> str:
    keys = "".join(f'<span class="pk-key {css_class}"></span> {legend} ' for _, css_class, legend in LAYERS)
    return f'<p class="pk-legend">{keys.strip()}</p>'
