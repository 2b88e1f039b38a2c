"""Open data: every decision of the knowledge base as JSON, as CSV and as an Excel workbook, per authority.

One file of every authority's decisions would grow with the whole knowledge
base (226 MB at 10,000 protocols); an authority's files grow with its own
history, and the site lists them all (docs/data.md).

Field names are those of the data contract (schema/protocol.schema.json):
a record is one decision with the fields of its protocol that say where it
comes from (``authority``, ``date``, …), the decision's own fields (``id``,
``text``, ``assignees``, ``responsible``, ``deadline``, ``links``,
``status``, ``execution``, …) and derived ones: ``protocol`` (the
protocol's id, «<authority>/<file>»), ``url`` (its place on the site), and
what later decisions and the executors' marks make of it:
``current_deadline`` (the deadline in force when a later decision moved it,
else null), ``followed_by`` (the links of later decisions to it),
``outcome`` (the status in force) and ``progress`` (executors done and
pending, null until some executor has a mark). A field the document lacks
is null in JSON and empty in CSV, so every record has every field.

In CSV nested fields are flattened with a dot (``deadline.due``), lists are
joined with «; » (a list of links or marks, one short line per item), and
the file starts with a UTF-8 byte order mark: without it Excel reads the
file as Windows-1251 and shows Cyrillic as garbage. A cell that a
spreadsheet would take for a formula starts with a single quote
(`build_tools.tabular`).

JSON and CSV are for programs; the workbook (`spreadsheet`) is for people: the
same decisions with Russian headings, names next to ids and Russian words for
statuses and deadline kinds.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from datetime import date
from typing import Any
from urllib.parse import urljoin

from . import urls
from .model import Deadline, Decision, FollowUp, KnowledgeBase, Link, Protocol, Ref, Registry, Status
from .spreadsheet import decisions_xlsx
from .tabular import spreadsheet_cell

PROTOCOL_FIELDS = ("protocol", "authority", "date", "kind", "number", "title")
DECISION_FIELDS = ("id", "url", "agenda", "text", "assignees", "inherited_assignees", "responsible",
                   "responsible_text", "deadline", "current_deadline", "links", "followed_by", "status", "outcome",
                   "execution", "progress", "tags", "note")
DEADLINE_FIELDS = ("text", "kind", "start", "due", "inferred", "recurrence")
CURRENT_DEADLINE_FIELDS = (*DEADLINE_FIELDS, "date", "by")  # «date» and «by»: when and by which decision it was set
STATUS_FIELDS = ("state", "date", "note", "reference", "link")
OUTCOME_FIELDS = ("state", "date", "by")
PROGRESS_FIELDS = ("executors", "done", "excused", "pending")
NESTED_FIELDS = {"deadline": DEADLINE_FIELDS, "current_deadline": CURRENT_DEADLINE_FIELDS, "status": STATUS_FIELDS,
                 "outcome": OUTCOME_FIELDS, "progress": PROGRESS_FIELDS}
# How one item of a list of objects reads in a CSV cell.
CSV_ITEMS = {
    "links": lambda link: f"{link['type']} {_key(link['protocol'], link['decision'])}",
    "followed_by": lambda followup: f"{followup['type']} {_key(followup['protocol'], followup['decision'])} "
                                    f"{followup['date']}",
    "execution": lambda mark: f"{mark['assignee']} {mark['state']} {mark['date']}",
}
LIST_SEPARATOR = "; "


def data_files(kb: KnowledgeBase, *, site_url: str, authorities: Collection[str] | None = None) -> dict[str, bytes]:
    """Site path (see `urls`) → file content, for the site to publish."""
    return dict(render_data(kb, site_url=site_url, authorities=authorities))


def render_data(kb: KnowledgeBase, *, site_url: str,
                authorities: Collection[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """The files of each authority (by default every one), an authority at a time: (site path, content)."""
    by_authority: dict[str, list[Protocol]] = defaultdict(list)
    for protocol in kb.protocols:
        by_authority[protocol.authority].append(protocol)
    for authority in sorted(by_authority):
        if authorities is None or authority in authorities:
            records = decision_records(by_authority[authority], kb.registry, site_url=site_url)
            yield urls.authority_data(authority, "json"), decisions_json(records)
            yield urls.authority_data(authority, "csv"), decisions_csv(records)
            yield urls.authority_data(authority, "xlsx"), decisions_xlsx(by_authority[authority], kb.registry,
                                                                         site_url=site_url)


def decision_records(protocols: Iterable[Protocol], registry: Registry, *, site_url: str) -> list[dict[str, Any]]:
    """One record per decision, in the order of the protocols, decisions in document order."""
    return [_record(protocol, decision, registry, site_url) for protocol in protocols
            for decision in protocol.decisions]


def decisions_json(records: list[dict[str, Any]]) -> bytes:
    document = {"decisions": records}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def decisions_csv(records: list[dict[str, Any]]) -> bytes:
    columns = csv_columns()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(spreadsheet_cell(_csv_value(column.split(".")[0], _lookup(record, column)))
                        for column in columns)
    return buffer.getvalue().encode("utf-8-sig")


def csv_columns() -> list[str]:
    """The CSV header: record fields, with ``deadline`` and ``status`` spread into dotted columns."""
    columns = []
    for field in (*PROTOCOL_FIELDS, *DECISION_FIELDS):
        parts = NESTED_FIELDS.get(field)
        columns += [f"{field}.{part}" for part in parts] if parts else [field]
    return columns


def _record(protocol: Protocol, decision: Decision, registry: Registry, site_url: str) -> dict[str, Any]:
    progress = registry.progress(decision)
    return {
        "protocol": protocol.id,
        "authority": protocol.authority,
        "date": protocol.date.isoformat(),
        "kind": protocol.kind,
        "number": protocol.number,
        "title": protocol.title,
        "id": decision.id,
        "url": urljoin(site_url, urls.decision_link(protocol, decision)),
        "agenda": decision.agenda,
        "text": decision.text,
        "assignees": list(decision.assignees),
        "inherited_assignees": list(decision.inherited_assignees),
        "responsible": list(decision.responsible),
        "responsible_text": decision.responsible_text,
        "deadline": _deadline(decision.deadline),
        "current_deadline": _current_deadline(decision),
        "links": [_link(link) for link in decision.links],
        "followed_by": [_followup(followup) for followup in decision.followed_by],
        "status": _status(decision.status),
        "outcome": {"state": decision.outcome.state.value, "date": _iso(decision.outcome.date),
                    "by": decision.outcome.by.key if decision.outcome.by else None},
        "execution": [{"assignee": mark.assignee, **_status(mark.status)} for mark in decision.execution],
        "progress": {"executors": progress.required, "done": len(progress.done), "excused": len(progress.excused),
                     "pending": list(progress.pending)} if progress.is_recorded else None,
        "tags": list(decision.tags),
        "note": decision.note,
    }


def _deadline(deadline: Deadline | None) -> dict[str, Any] | None:
    return None if deadline is None else {
        "text": deadline.text, "kind": deadline.kind, "start": _iso(deadline.start), "due": _iso(deadline.due),
        "inferred": deadline.inferred, "recurrence": deadline.recurrence,
    }


def _current_deadline(decision: Decision) -> dict[str, Any] | None:
    """The deadline in force where a later decision set it; null while the recorded one stands."""
    changes = decision.deadline_changes
    if not changes:
        return None
    return {**_deadline(changes[-1].deadline), "date": changes[-1].date.isoformat(), "by": changes[-1].source.key}


def _status(status: Status) -> dict[str, Any]:
    return {"state": status.state.value, "date": _iso(status.date), "note": status.note,
            "reference": status.reference, "link": status.link}


def _link(link: Link) -> dict[str, Any]:
    return {"type": link.type.value, "protocol": link.target.protocol, "decision": link.target.decision,
            "text": link.text, "deadline": _deadline(link.deadline)}


def _followup(followup: FollowUp) -> dict[str, Any]:
    return {"type": followup.type.value, "protocol": followup.source.protocol, "decision": followup.source.decision,
            "date": followup.date.isoformat()}


def _key(protocol: str, decision: str | None) -> str:
    return Ref(protocol, decision).key


def _lookup(record: dict[str, Any], column: str) -> Any:
    value: Any = record
    for part in column.split("."):
        value = None if value is None else value[part]
    return value


def _csv_value(field: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(map(CSV_ITEMS[field], value) if field in CSV_ITEMS else value)
    return str(value)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
