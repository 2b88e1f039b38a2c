"""The git history of protocols/, walked once per commit and shared by every reader.

Three parts of a build read the past: the date each protocol last changed
(site pages), the changes of each decision's status (decision history) and
of its deadline (calendar SEQUENCE). They all read it from here: one
``git log`` lists every version of every file under protocols/ on the
first-parent line of HEAD, one ``git cat-file --batch`` reads the protocol
versions, and the result is memoised for the commit, so a build walks the
history once however many readers ask.

First parent only: on the main branch a pull request counts when it is
merged (its merge commit, diffed against its first parent), so the history
only grows as the branch grows. Outside a git work tree, without git or
before the first commit there is no history (`None`). A shallow clone is
reported as such: its oldest commit would look as if it wrote every file,
and each reader decides what that means for it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import frontmatter
import yaml

from .pipeline import PROTOCOLS_DIR

_COMMIT = "\x1e"  # starts each commit's header in the log output
_LENIENT_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar a string; libyaml's when present


@dataclass(frozen=True)
class FileVersion:
    """A file as one commit left it (``blob`` None: the commit deleted it)."""

    commit: str  # full hash
    committed: datetime  # committer date, with the committer's UTC offset
    path: str  # relative to the knowledge-base root, POSIX
    blob: str | None

    @property
    def protocol_id(self) -> str | None:
        """«protocols/uo-nazarovo/2022-01-12-x.md» → «uo-nazarovo/2022-01-12-x»; None for other files."""
        parts = PurePosixPath(self.path).parts
        if len(parts) != 3 or parts[0] != PROTOCOLS_DIR or parts[1] == "registry" or not self.path.endswith(".md"):
            return None
        return f"{parts[1]}/{PurePosixPath(parts[2]).stem}"


@dataclass(frozen=True)
class GitHistory:
    root: Path
    shallow: bool
    versions: tuple[FileVersion, ...]  # oldest first
    _parsed: dict[str, list[dict[str, Any]]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def protocol_versions(self) -> tuple[FileVersion, ...]:
        return tuple(version for version in self.versions if version.protocol_id is not None)

    @cached_property
    def texts(self) -> dict[str, str]:
        """Blob → content of every protocol version, read by one ``git cat-file --batch``."""
        blobs = sorted({version.blob for version in self.protocol_versions if version.blob})
        return _read_blobs(self.root, blobs)

    def decisions(self, version: FileVersion) -> list[dict[str, Any]]:
        """The decisions of a past protocol version, read leniently (every scalar a string).

        Past versions were not necessarily valid: one that does not parse has no
        decisions, and only mappings with a string id are returned. Each version is
        parsed once, however many readers (feeds, status history) ask for it.
        """
        if version.blob is None:
            return []
        if version.blob not in self._parsed:
            self._parsed[version.blob] = _lenient_decisions(self.texts.get(version.blob, ""))
        return self._parsed[version.blob]


def _lenient_decisions(text: str) -> list[dict[str, Any]]:
    try:
        front_matter, _ = frontmatter.YAMLHandler().split(text)
        data = yaml.load(front_matter, Loader=_LENIENT_LOADER)
    except (ValueError, yaml.YAMLError):
        return []
    decisions = data.get("decisions") if isinstance(data, dict) else None
    return [raw for raw in decisions if isinstance(raw, dict) and isinstance(raw.get("id"), str)] \
        if isinstance(decisions, list) else []


def read_history(root: Path) -> GitHistory | None:
    """The history of protocols/ under ``root`` at its current HEAD, or None outside git."""
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        return None
    return _history_at(root.resolve(), head.strip().decode())


@lru_cache(maxsize=4)
def _history_at(root: Path, head: str) -> GitHistory:
    shallow = _git(root, "rev-parse", "--is-shallow-repository") == b"true\n"
    log = _git(root, "log", "--first-parent", "--diff-merges=first-parent",
               "--reverse", "--no-renames", "--relative", "--raw", "--no-abbrev", "-z",
               f"--format={_COMMIT}%H %cI", head, "--", PROTOCOLS_DIR)
    return GitHistory(root, shallow, tuple(_parse_log((log or b"").decode("utf-8", errors="surrogateescape"))))


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """Output of a git command, or None when git is missing or fails (not a repository, no commit)."""
    try:
        completed = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False)
    except OSError:
        return None
    return completed.stdout if completed.returncode == 0 else None


def _parse_log(log: str) -> Iterator[FileVersion]:
    """Read ``git log --raw -z``: a header per commit, then «:modes blobs status\\0path\\0» per file.

    A path that is not UTF-8 (its bytes kept as surrogates by the decoding) is
    left out: no protocol can have such a name (the validator refuses it while
    the file is there), so its history is nobody's.
    """
    for chunk in log.split(_COMMIT)[1:]:
        header, _, raw = chunk.partition("\n")
        commit, committed = header.split(" ")
        fields = raw.strip("\n\0").split("\0")
        for meta, path in zip(fields[::2], fields[1::2]):
            if not _is_utf8(path):
                continue
            _, _, _, new_blob, change = meta.split()
            yield FileVersion(commit, datetime.fromisoformat(committed), path, None if change == "D" else new_blob)


def _is_utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _read_blobs(root: Path, blobs: list[str]) -> dict[str, str]:
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in blobs).encode()) or b""
    contents: dict[str, str] = {}
    position = 0
    while position < len(output):
        header_end = output.index(b"\n", position)
        header = output[position:header_end].decode().split(" ")
        position = header_end + 1
        if len(header) == 3:  # «<blob> blob <size>»; a missing object is «<blob> missing», with no content
            size = int(header[2])
            contents[header[0]] = output[position : position + size].decode("utf-8", errors="replace")
            position += size + 1
    return contents
