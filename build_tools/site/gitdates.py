"""When each source file last changed, from git: one `git log` for the whole tree.

A call per file would cost a process per protocol; one walk of the history
lists, newest commit first, the files each commit touched, and the first
time a path appears is its last change. Outside a git work tree (a tarball,
no git installed) the answer is empty and pages show no date.

A shallow clone knows only its last commits: every file then seems changed
in the oldest commit it has. CI checks out the full history (fetch-depth: 0).
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

_COMMIT_MARK = "\x1e"  # starts the line with a commit's date in git's output


def last_changed(root: Path, folder: str) -> dict[str, date]:
    """Path relative to ``root`` (POSIX) → day of the last commit that changed it, for files under ``folder``."""
    try:
        output = subprocess.run(
            ["git", "-c", "core.quotePath=false", "log", "--no-renames", "--name-only", "--relative",
             f"--format={_COMMIT_MARK}%cs", "--", folder],
            cwd=root, capture_output=True, text=True, encoding="utf-8", check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    changed: dict[str, date] = {}
    day = None
    for line in output.split("\n"):  # not splitlines(): it also splits at the mark
        if line.startswith(_COMMIT_MARK):
            day = date.fromisoformat(line[1:])
        elif line and day is not None:
            changed.setdefault(line, day)
    return changed
