"""The history of each decision's status, read from git.

`status_history(root)` walks the first-parent history of HEAD once: one
``git log`` lists every commit that changed a protocol with the blob of each
changed file, and one ``git cat-file --batch`` reads all those blobs. For
every decision («<protocol id>#<decision id>», as `Task.key`) it returns the
commits in which its status changed, oldest first.

First parent only: on the main branch a pull request counts when it is merged
(the merge commit, diffed against its first parent), not at the dates of the
branch's own commits. A decision that first appears open has no change yet; one
that first appears already done has one. Outside a git work tree, without git,
or in a shallow clone (whose oldest commit would look as if it recorded every
status at once) there is no history: an empty dict.

Old versions of a file are read leniently, with every YAML scalar as a
string: a version that does not parse, or a decision whose status is not
recognisable, is skipped rather than reported (the validator judges the
current files, not the past).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import frontmatter
import yaml

from .model import State, Status
from .pipeline import PROTOCOLS_DIR

_COMMIT = "\x1e"  # starts each commit's header in the log output
_LENIENT_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar a string; libyaml's when present


@dataclass(frozen=True)
class StatusChange:
    commit: str  # full hash
    committed: datetime  # committer date, with the committer's UTC offset
    status: Status  # the status as that commit left it


@dataclass(frozen=True)
class _FileVersion:
    commit: str
    committed: datetime
    protocol_id: str
    blob: str | None  # None: the file was deleted


def status_history(root: Path) -> dict[str, list[StatusChange]]:
    """Task key → the changes of that decision's status, oldest first (only keys with a change)."""
    versions = _file_versions(root)
    if versions is None:
        return {}
    contents = _read_blobs(root, sorted({version.blob for version in versions if version.blob}))
    current: dict[str, Status] = {}
    history: dict[str, list[StatusChange]] = {}
    for version in versions:
        text = contents.get(version.blob, "") if version.blob else ""
        for decision_id, status in _statuses(text):
            key = f"{version.protocol_id}#{decision_id}"
            if current.get(key, Status()) != status:
                history.setdefault(key, []).append(StatusChange(version.commit, version.committed, status))
            current[key] = status
    return history


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        completed = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False)
    except OSError:  # git is not installed
        return None
    return completed.stdout if completed.returncode == 0 else None


def _file_versions(root: Path) -> list[_FileVersion] | None:
    """Every change to a protocol file on the first-parent line of HEAD, oldest first."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != b"false":
        return None
    log = _git(root, "log", "--first-parent", "--diff-merges=first-parent",
               "--reverse", "--no-renames", "--relative", "--raw", "--no-abbrev", "-z",
               f"--format={_COMMIT}%H %cI", "HEAD", "--", f"{PROTOCOLS_DIR}/*/*.md")
    if log is None:
        return None
    return list(_parse_log(log.decode("utf-8")))


def _parse_log(log: str) -> Iterator[_FileVersion]:
    """Read ``git log --raw -z`` output: a header per commit, then «:modes blobs status\\0path\\0» per file."""
    for chunk in log.split(_COMMIT)[1:]:
        header, _, raw = chunk.partition("\n")
        commit, committed = header.split(" ")
        fields = raw.strip("\n\0").split("\0")
        for meta, path in zip(fields[::2], fields[1::2]):
            protocol_id = _protocol_id(path)
            if protocol_id is None:
                continue
            _, _, _, new_blob, change = meta.split()
            yield _FileVersion(commit, datetime.fromisoformat(committed), protocol_id,
                               None if change == "D" else new_blob)


def _protocol_id(path: str) -> str | None:
    """«protocols/uo-nazarovo/2022-01-12-x.md» → «uo-nazarovo/2022-01-12-x»; None for the registry."""
    parts = PurePosixPath(path).parts
    if len(parts) != 3 or parts[0] != PROTOCOLS_DIR or parts[1] == "registry":
        return None
    return f"{parts[1]}/{PurePosixPath(parts[2]).stem}"


def _read_blobs(root: Path, blobs: list[str]) -> dict[str, str]:
    """The contents of ``blobs``, read by one ``git cat-file --batch``."""
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in blobs).encode())
    contents: dict[str, str] = {}
    position = 0
    while output and position < len(output):
        header_end = output.index(b"\n", position)
        header = output[position:header_end].decode().split(" ")
        position = header_end + 1
        if len(header) == 3:  # «<blob> blob <size>»; a missing object is «<blob> missing», with no content
            size = int(header[2])
            contents[header[0]] = output[position : position + size].decode("utf-8", errors="replace")
            position += size + 1
    return contents


def _statuses(text: str) -> Iterator[tuple[str, Status]]:
    """(decision id, status) for every decision of one version of a protocol that can be read."""
    try:
        front_matter, _ = frontmatter.YAMLHandler().split(text)
        data = yaml.load(front_matter, Loader=_LENIENT_LOADER)
    except (ValueError, yaml.YAMLError):
        return
    decisions = data.get("decisions") if isinstance(data, dict) else None
    for decision in decisions if isinstance(decisions, list) else []:
        if isinstance(decision, dict) and isinstance(decision.get("id"), str):
            status = _status(decision.get("status"))
            if status is not None:
                yield decision["id"], status


def _status(raw: Any) -> Status | None:
    if raw is None:
        return Status()
    try:
        return Status(State(raw["state"]), _date(raw.get("date")), raw.get("note"), raw.get("link"))
    except (TypeError, KeyError, ValueError, AttributeError):
        return None


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value is not None else None
