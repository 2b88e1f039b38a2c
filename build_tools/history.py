"""The history of each decision's status, read from git (`build_tools.gitlog`).

For every decision («<protocol id>#<decision id>», as `Task.key`),
`status_history(root)` returns the commits in which its status changed,
oldest first. A decision that first appears open has no change yet; one that
first appears already done has one. Outside git, and in a shallow clone
(whose oldest commit would look as if it recorded every status at once),
there is no history: an empty dict, and pages show none.

Old versions of a file are read leniently (`GitHistory.decisions`): a
decision whose status is not recognisable is skipped rather than reported
(the validator judges the current files, not the past).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .gitlog import FileVersion, GitHistory, read_history
from .model import State, Status


@dataclass(frozen=True)
class StatusChange:
    commit: str  # full hash
    committed: datetime  # committer date, with the committer's UTC offset
    status: Status  # the status as that commit left it


def status_history(root: Path) -> dict[str, list[StatusChange]]:
    """Task key → the changes of that decision's status, oldest first (only keys with a change)."""
    history = read_history(root)
    if history is None or history.shallow:
        return {}
    current: dict[str, Status] = {}
    changes: dict[str, list[StatusChange]] = {}
    for version in history.protocol_versions:
        for decision_id, status in _statuses(history, version):
            key = f"{version.protocol_id}#{decision_id}"
            if current.get(key, Status()) != status:
                changes.setdefault(key, []).append(StatusChange(version.commit, version.committed, status))
            current[key] = status
    return changes


def _statuses(history: GitHistory, version: FileVersion) -> Iterator[tuple[str, Status]]:
    """(decision id, status) for every decision of one version of a protocol that can be read."""
    for decision in history.decisions(version):
        status = _status(decision.get("status"))
        if status is not None:
            yield decision["id"], status


def _status(raw: Any) -> Status | None:
    if raw is None:
        return Status()
    try:
        return Status(State(raw["state"]), _date(raw.get("date")), raw.get("note"), raw.get("link"), raw.get("reference"))
    except (TypeError, KeyError, ValueError, AttributeError):
        return None


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value is not None else None
