"""When each source file last changed, from the shared git history (`build_tools.gitlog`).

Outside a git work tree (a tarball, no git installed) the answer is empty and
pages show no date; so it is in a shallow clone, which knows only its last
commits and would date every file by the oldest of them (CI checks out the
full history: fetch-depth: 0).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..gitlog import read_history


def last_changed(root: Path, folder: str) -> dict[str, date]:
    """Path relative to ``root`` (POSIX) → day of the last commit that changed it, for files under ``folder``."""
    history = read_history(root)
    if history is None or history.shallow:
        return {}
    prefix = folder.rstrip("/") + "/"
    return {version.path: version.committed.date()
            for version in history.versions if version.blob and version.path.startswith(prefix)}
