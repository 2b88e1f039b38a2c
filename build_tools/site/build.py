"""The site built in parts: plan, build each part in its own process, join them into one folder.

`protocols site build` runs the three steps on one machine; CI runs the same
steps as jobs (`plan`, one `part` job per part, `join`: .github/workflows/publish.yml).

1. **plan** — the knowledge base is read one protocol at a time, checked as
   `protocols validate` checks it, and cut into parts (`build_tools.site.plan`);
   the plan goes to ``<work>/plan.json``. A knowledge base with errors stops here.
2. **part** — `mkdocs build --strict` of one part into ``<work>/<part>/``, with
   the plan and the part's name in PROTOCOLS_SITE_PLAN and PROTOCOLS_SITE_PART.
   Parts are independent; on one machine they run ``jobs`` at a time.
3. **join** — the hub's folder becomes the site; from every other part, the
   files it owns (its manifest) move in beside it. Then the search index is
   made over the joined site, once (`build_tools.search.pagefind.index_site`).

Every page keeps the address it has in a build of the whole site, and the
joined folder equals what `mkdocs build` of the whole site writes
(tests/test_site_parts.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..pipeline import cycle_collector_paused, stream_knowledge_base
from ..problems import Problem
from ..search.pagefind import IndexStats, SearchIndexError, index_site
from .plan import HUB, Part, SitePlan, plan_site
from .plugin import PART_MANIFEST

PLAN_FILE = "plan.json"

# MkDocs in a part's process, which writes its own peak memory (build_tools.memory) to the file named by
# its first argument when MkDocs exits: os.wait4 would count the planner's memory in every part.
_MKDOCS_REPORTING_PEAK = """
import runpy, sys
from build_tools.memory import peak_resident_bytes
peak_file = sys.argv.pop(1)
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
finally:
    with open(peak_file, "w", encoding="ascii") as report:
        report.write(str(peak_resident_bytes() or 0))
"""


class SiteBuildError(Exception):
    """A step of the build failed; the message says which and where its log is."""


@dataclass(frozen=True)
class PartBuild:
    """How the build of one part went."""

    part: Part
    seconds: float
    peak_bytes: int  # the process's maximum resident memory
    log: Path


def make_plan(root: Path, today: date, max_part_protocols: int) -> tuple[SitePlan, list[Problem]]:
    """The plan of the site, and every problem of the knowledge base found on the way.

    The planner needs the model of every protocol, links between them resolved
    (a later decision may extend a deadline), but none of their text: the
    model is kept without it, a fraction of the knowledge base.
    """
    with cycle_collector_paused():
        stream = stream_knowledge_base(root)
        result = stream.result([replace(protocol, body="") for protocol in stream])
        return plan_site(result.knowledge_base.protocols, result.knowledge_base.registry, today,
                         max_part_protocols), result.problems


def build_part(config_file: Path, work: Path, part: Part, today: date) -> PartBuild:
    """`mkdocs build --strict` of one part into ``work/<part>``; its output goes to ``work/<part>.log``."""
    log = work / f"{part.name}.log"
    environment = {**os.environ, "PROTOCOLS_SITE_PLAN": str(work / PLAN_FILE), "PROTOCOLS_SITE_PART": part.name,
                   "PROTOCOLS_TODAY": today.isoformat(), "PROTOCOLS_SEARCH_INDEX": "0",
                   "NO_MKDOCS_2_WARNING": "1"}
    peak_file = work / f"{part.name}.peak"
    command = [sys.executable, "-c", _MKDOCS_REPORTING_PEAK, str(peak_file), "build", "--strict",
               "--config-file", str(config_file), "--site-dir", str(work / part.name)]
    started = time.perf_counter()
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=environment,
                                   cwd=config_file.parent)
        status = process.wait()
    seconds = time.perf_counter() - started
    if status != 0:
        raise SiteBuildError(f"часть «{part.name}» не собрана; журнал сборки: {log}\n{_tail(log)}")
    return PartBuild(part, seconds, int(peak_file.read_text(encoding="ascii")), log)


def build_parts(config_file: Path, work: Path, plan: SitePlan, jobs: int) -> list[PartBuild]:
    """Every part of the plan, ``jobs`` at a time; the first failure stops the build."""
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(lambda part: build_part(config_file, work, part, plan.today), plan.parts))


def join_parts(work: Path, plan: SitePlan, site_dir: Path) -> int:
    """The parts' folders joined into ``site_dir`` (emptied first); the number of files moved in from parts.

    The hub's folder becomes the site: it has the theme, the hand-written pages
    and the hub's own. Every other part brings the files its manifest names;
    its copies of the theme and of the hub's pages stay behind. Two parts
    claiming one file is a defect of the plan and stops the join.
    """
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    os.replace(work / HUB, site_dir)
    moved = 0
    for part in plan.parts:
        if part.hub:
            continue
        folder = work / part.name
        for path in json.loads((folder / PART_MANIFEST).read_text(encoding="utf-8")):
            target = site_dir / path
            if target.exists():
                raise SiteBuildError(f"файл {path} сайта собран двумя частями: «{part.name}» и ещё одной")
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(folder / path, target)
            moved += 1
        shutil.rmtree(folder)
    return moved


def finish_site(work: Path, plan: SitePlan, site_dir: Path) -> tuple[int, IndexStats]:
    """Join the built parts into ``site_dir`` and index it for search: files moved from parts, index figures."""
    moved = join_parts(work, plan, site_dir)
    try:
        return moved, index_site(site_dir)
    except SearchIndexError as exc:
        raise SiteBuildError(f"поисковый индекс не построен: {exc}") from None


def write_plan(plan: SitePlan, work: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    path = work / PLAN_FILE
    path.write_text(plan.to_json(), encoding="utf-8")
    return path


def read_plan(work: Path) -> SitePlan:
    try:
        return SitePlan.read(work / PLAN_FILE)
    except (OSError, ValueError, KeyError) as exc:
        raise SiteBuildError(f"план сборки {work / PLAN_FILE} не прочитан: {exc}; составьте его: "
                             "protocols site plan") from None


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def summary(builds: Iterable[PartBuild]) -> list[str]:
    """A line per part: time and peak memory."""
    return [f"  {build.part.name}: {len(build.part.authorities)} орг., {build.seconds:.1f} с, "
            f"пик памяти {build.peak_bytes / 2**20:.0f} МБ" for build in builds]
