"""Open data for people: an authority's decisions as an Excel workbook a clerk opens with a double click.

The CSV and JSON of `opendata` are for programs: ids and English codes, a comma
that Excel with Russian regional settings does not split on. The workbook holds
the same decisions, a row each, in the same order, for people: Russian column
headings, names from the registry next to the ids, statuses and deadline kinds in
Russian words (`russian`), dates as Excel dates shown as ДД.ММ.ГГГГ, the heading
row frozen, an autofilter over every column (docs/data.md lists the columns).

Every text goes in with ``write_string``: a decision that reads «=HYPERLINK(…)»
stays text and never becomes a formula. The workbook is written with XlsxWriter in
its constant-memory mode (rows go to a temporary file as they are written) and
is byte-identical for the same knowledge base: its creation date is the date of
the authority's latest meeting, and the archive's timestamps are XlsxWriter's
fixed ones.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import cached_property
from typing import Union
from urllib.parse import urljoin

import xlsxwriter

from . import urls
from .model import Decision, Deadline, Progress, Protocol, Registry
from .russian import DEADLINE_KIND_WORDS, RECURRENCE_WORDS, STATE_WORDS

SHEET_NAME = "Решения"
DATE_FORMAT = "dd.mm.yyyy"
LIST_SEPARATOR = "; "
Cell = Union[str, date, None]


@dataclass(frozen=True)
class Row:
    """One decision with what its row says of it."""

    protocol: Protocol
    decision: Decision
    registry: Registry
    site_url: str

    def names(self, entry_ids: Sequence[str]) -> str:
        """«МБОУ СОШ № 1; Руководители ОО»: the registry's names of ids (an unknown id as it is)."""
        return LIST_SEPARATOR.join(self.registry.label(entry_id) for entry_id in entry_ids)

    @cached_property
    def progress(self) -> Progress:
        return self.registry.progress(self.decision)

    @property
    def deadline(self) -> Deadline | None:
        """The deadline in force."""
        return self.decision.current_deadline


@dataclass(frozen=True)
class Column:
    heading: str
    width: int  # in characters of the default font
    value: Callable[[Row], Cell]
    wrap: bool = False  # long texts: wrapped, the row grows


def _ids(entry_ids: Sequence[str]) -> str:
    return LIST_SEPARATOR.join(entry_ids)


def _deadline_kind(deadline: Deadline | None) -> str | None:
    if deadline is None:
        return None
    kind = DEADLINE_KIND_WORDS[deadline.kind]
    return f"{kind} ({RECURRENCE_WORDS[deadline.recurrence]})" if deadline.recurrence else kind


def _original_deadline(row: Row) -> str | None:
    """The deadline the decision recorded, where a later decision has moved it."""
    changed = row.decision.deadline_changes and row.decision.deadline
    return changed.text if changed else None


def _deadline_changed(row: Row) -> date | None:
    changes = row.decision.deadline_changes
    return changes[-1].date if changes else None


def _progress(progress: Progress) -> str | None:
    return f"выполнено {len(progress.done)} из {progress.required}" if progress.is_recorded else None


def _pending(row: Row) -> str | None:
    return row.names(row.progress.pending) if row.progress.is_recorded else None


def _outcome_by(row: Row) -> str | None:
    by = row.decision.outcome.by
    return by.key if by else None


COLUMNS = (
    Column("Дата заседания", 12, lambda row: row.protocol.date),
    Column("Документ", 14, lambda row: row.protocol.kind),
    Column("Номер", 8, lambda row: row.protocol.number),
    Column("Тема", 40, lambda row: row.protocol.title, wrap=True),
    Column("Пункт", 7, lambda row: row.decision.id),
    Column("Вопрос повестки", 30, lambda row: row.decision.agenda, wrap=True),
    Column("Решение", 60, lambda row: row.decision.text, wrap=True),
    Column("Исполнители", 30, lambda row: row.names(row.decision.all_assignees), wrap=True),
    Column("Исполнители (id)", 20, lambda row: _ids(row.decision.all_assignees)),
    Column("Ответственные", 24, lambda row: row.names(row.decision.responsible), wrap=True),
    Column("Ответственные (id)", 16, lambda row: _ids(row.decision.responsible)),
    Column("Ответственные по документу", 24, lambda row: row.decision.responsible_text, wrap=True),
    Column("Срок", 24, lambda row: row.deadline.text if row.deadline else None, wrap=True),
    Column("Вид срока", 14, lambda row: _deadline_kind(row.deadline)),
    Column("Начало периода", 12, lambda row: row.deadline.start if row.deadline else None),
    Column("Срок исполнения", 12, lambda row: row.deadline.due if row.deadline else None),
    Column("Первоначальный срок", 20, _original_deadline, wrap=True),
    Column("Срок изменён", 12, _deadline_changed),
    Column("Статус", 14, lambda row: STATE_WORDS[row.decision.outcome.state.value]),
    Column("Дата статуса", 12, lambda row: row.decision.outcome.date),
    Column("Статус установлен решением", 24, _outcome_by),
    Column("Подтверждающий документ", 24, lambda row: row.decision.status.reference, wrap=True),
    Column("Примечание к статусу", 24, lambda row: row.decision.status.note, wrap=True),
    Column("Исполнение", 18, lambda row: _progress(row.progress)),
    Column("Не отметились", 24, _pending, wrap=True),
    Column("Темы", 20, lambda row: LIST_SEPARATOR.join(row.decision.tags), wrap=True),
    Column("Замечание составителя", 24, lambda row: row.decision.note, wrap=True),
    Column("Протокол (id)", 24, lambda row: row.protocol.id),
    Column("Адрес на сайте", 30, lambda row: urljoin(row.site_url, urls.decision_link(row.protocol, row.decision))),
)


def decisions_xlsx(protocols: Sequence[Protocol], registry: Registry, *, site_url: str) -> bytes:
    """The workbook of an authority's ``protocols`` (newest first, as `opendata` orders them)."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "default_date_format": DATE_FORMAT})
    workbook.set_properties(_properties(protocols, registry))
    sheet = workbook.add_worksheet(SHEET_NAME)
    heading = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
    for number, column in enumerate(COLUMNS):
        sheet.set_column(number, number, column.width)
        sheet.write_string(0, number, column.heading, heading)
    rows = [Row(protocol, decision, registry, site_url) for protocol in protocols for decision in protocol.decisions]
    _write_rows(sheet, workbook, rows)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(COLUMNS) - 1)
    workbook.close()
    return output.getvalue()


def _write_rows(sheet, workbook: xlsxwriter.Workbook, rows: Sequence[Row]) -> None:
    """The rows under the headings, in order (constant-memory mode writes each row out as the next begins)."""
    text = workbook.add_format({"valign": "top"})
    wrapped = workbook.add_format({"valign": "top", "text_wrap": True})
    dated = workbook.add_format({"valign": "top", "num_format": DATE_FORMAT})
    for line, row in enumerate(rows, start=1):
        for number, column in enumerate(COLUMNS):
            value = column.value(row)
            if isinstance(value, date):
                sheet.write_datetime(line, number, value, dated)
            elif value:  # text always as text: never a formula, a number or a link
                sheet.write_string(line, number, value, wrapped if column.wrap else text)


def _properties(protocols: Sequence[Protocol], registry: Registry) -> dict:
    """Fixed document properties: the same knowledge base gives the same bytes."""
    latest = max(protocol.date for protocol in protocols)
    return {
        "title": f"Решения: {registry.label(protocols[0].authority)}",
        "created": datetime(latest.year, latest.month, latest.day, tzinfo=timezone.utc),
    }
