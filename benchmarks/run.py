"""The benchmark at national scale: every step of the pipeline on a synthetic knowledge base of N protocols.

    python benchmarks/run.py 1000 10000          # or: make bench N="1000 10000"

For each N it generates the knowledge base (benchmarks/generate.py, seeded), then
runs each step in its own process and measures its wall time and peak memory
(the child's own VmHWM, which it reports at exit):

1. the floor: read the same files and parse their front matter with libyaml's C
   loader and nothing else;
2. `protocols validate` of the whole knowledge base, quoted as a ratio to the floor;
3. our own generation without MkDocs: the pages' markdown, the calendar feeds and
   the open data, by the functions the site plugin calls;
4. `protocols site build` of the site in parts, two at a time, as `make site` runs it, with the
   repository's mkdocs.yml, docs/ and site_overrides/ copied beside the synthetic protocols/:
   the plan and each part with its time and peak memory, then the join;
5. the search index of the joined site (`index_site`, the last step of `protocols site build`),
   in a process of its own, and what a visitor downloads per query (benchmarks/search.py, in Chromium);
6. the size of site/, of its calendars and data, and its largest pages;
7. `protocols validate ONE_FILE`: the check of a pull request that changes one protocol.

A table per N is appended to benchmarks/results.md, which also explains the
figures and the targets. The same file holds `python benchmarks/run.py step …`,
the code each child process runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # run as a script from a clean clone
from build_tools.memory import peak_resident_bytes  # noqa: E402
RESULTS = Path(__file__).with_name("results.md")
SITE_SOURCES = ("mkdocs.yml", "docs", "site_overrides")
TODAY = "2023-03-01"  # the site's «today» (PROTOCOLS_TODAY): the generated meetings run from 2019 to early 2024
SITE_URL = "https://example.org/protocols/"
MB = 1024 * 1024

# Targets of issue 7, checked in the table.
VALIDATE_TARGET = 1.5  # × the floor
OWN_SHARE_TARGET = 0.10  # of the mkdocs build
SEARCH_DOWNLOAD_TARGET = 1024 * 1024  # gzip bytes a visitor downloads before the results of a query (issue 10)
ONE_FILE_TARGET = 1.0  # seconds
BUILD_MEMORY_TARGET = 1024 * MB  # of any one process of the build (issue 10)
ORGANIZATION_PAGE_TARGET = 300 * 1024  # bytes of HTML of the largest organization page (issue 10)
JOBS = 2  # parts built at once, as `make site` does on this machine


@dataclass
class Measured:
    """One child process: how long it ran, its peak memory, what its step reported."""

    seconds: float
    peak_bytes: int
    returncode: int
    report: dict
    stopped: str = ""  # why the watchdog stopped it, if it did

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.stopped


@dataclass
class Limits:
    seconds: float
    peak_bytes: int


def measure(command: list[str], log: Path, limits: Limits, env: dict[str, str] | None = None) -> Measured:
    """Run a step as a child, its output to ``log``; stop it if it outgrows ``limits``.

    The child writes its report, with its own peak memory (VmHWM), to a file:
    the maximum resident set that `os.wait4` returns would also count the
    memory of this process at the moment it forked the child.
    """
    report_file = log.with_suffix(".json")
    report_file.unlink(missing_ok=True)
    started = time.perf_counter()
    with open(log, "wb") as output:
        process = subprocess.Popen([*command, str(report_file)], stdout=output, stderr=subprocess.STDOUT,
                                   cwd=REPO_ROOT, env={**os.environ, **(env or {})}, start_new_session=True)
        stopped: list[str] = []
        watchdog = threading.Thread(target=_watch, args=(process.pid, started, limits, stopped), daemon=True)
        watchdog.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    report = json.loads(report_file.read_text()) if report_file.exists() else {}
    peak = report.pop("peak_bytes", None) or usage.ru_maxrss * 1024
    return Measured(seconds, peak, os.waitstatus_to_exitcode(status), report, stopped[0] if stopped else "")


def _watch(pid: int, started: float, limits: Limits, stopped: list[str]) -> None:
    """Kill the child's process group when it runs too long or its memory grows too large."""
    while True:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return
        if "State:\tZ" in status:  # exited, waiting to be reaped
            return
        resident = next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        elapsed = time.perf_counter() - started
        if elapsed > limits.seconds or resident > limits.peak_bytes:
            stopped.append(f"остановлен через {_ru(elapsed / 60, 0)} мин" if elapsed > limits.seconds
                           else f"остановлен при {_ru(resident / MB, 0)} МБ памяти")
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            return
        time.sleep(0.5)


# --- the run ---------------------------------------------------------------------------


@dataclass
class Row:
    step: str
    seconds: float | None = None
    peak_bytes: int | None = None
    ratio: str = ""


@dataclass
class Run:
    count: int
    limits: Limits
    rows: list[Row] = field(default_factory=list)
    logs: Path = Path()

    def child(self, name: str, *args: str | Path, env: dict[str, str] | None = None) -> Measured:
        command = [sys.executable, str(Path(__file__)), "step", name, *map(str, args)]
        print(f"  N={self.count}: {name}…", file=sys.stderr, flush=True)
        measured = measure(command, self.logs / f"{name}.log", self.limits, env)
        if measured.returncode != 0 and not measured.stopped:
            raise SystemExit(f"шаг «{name}» завершился с кодом {measured.returncode}; "
                             f"подробности в {self.logs / f'{name}.log'}")
        return measured

    def add(self, step: str, measured: Measured | None, ratio: str = "") -> None:
        if measured is not None and measured.stopped:
            ratio = f"{measured.stopped}; {ratio}" if ratio else measured.stopped
        self.rows.append(Row(step, measured.seconds if measured else None,
                             measured.peak_bytes if measured else None, ratio))


def run_benchmark(count: int, work: Path, limits: Limits) -> Run:
    root = work / f"kb-{count}"
    run = Run(count, limits, logs=work / f"logs-{count}")
    run.logs.mkdir(parents=True, exist_ok=True)

    generated = run.child("generate", count, root)
    run.add("Генерация синтетической базы (не входит в цели)", generated, _describe_base(root))
    for source in SITE_SOURCES:
        copy = shutil.copytree if (REPO_ROOT / source).is_dir() else shutil.copy2
        copy(REPO_ROOT / source, root / source)

    floor = run.child("floor", root)
    run.add("Пол: чтение файлов и front matter через libyaml (C)", floor, "1,00 (база для сравнения)")
    validate = run.child("validate", root)
    ratio = validate.seconds / floor.seconds
    run.add("`protocols validate` (вся база)", validate,
            f"{_ru(ratio)} × пола {_verdict(ratio <= VALIDATE_TARGET)} (цель ≤ {_ru(VALIDATE_TARGET, 1)} ×)")

    own = run.child("own", root)
    build = run.child("build", root, env={"PROTOCOLS_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1",
                                          "SITE_URL": SITE_URL})
    own_seconds = sum(own.report.get(key, 0) for key in ("pages", "feeds", "data"))
    share = own_seconds / build.seconds
    share_text = (f"{_ru(share * 100, 1)} % сборки {_verdict(share < OWN_SHARE_TARGET)} "
                  f"(цель < {OWN_SHARE_TARGET * 100:.0f} %)" if build.ok else "сборка не завершена")
    run.rows.append(Row("Своя генерация без MkDocs: страницы, календари, данные", own_seconds, None, share_text))
    for key, title in (("pages", "страницы (markdown)"), ("feeds", "календари (.ics)"), ("data", "открытые данные")):
        run.rows.append(Row(f"— {title}", own.report.get(key), None, own.report.get(f"{key}_size", "")))
    run.add("— весь процесс: загрузка базы и генерация", own)

    site = root / "site"
    pages = sum(1 for _ in site.rglob("*.html")) if build.ok else 0
    if build.ok:
        parts = build.report["parts"]
        peak = max([build.peak_bytes, *(part["peak_bytes"] for part in parts)])
        per_protocol = build.seconds / count * 1000
        run.rows.append(Row("`protocols site build` (сайт частями, по "
                            f"{JOBS} одновременно)", build.seconds, peak,
                            f"{pages} HTML-страниц, {_ru(per_protocol, 1)} мс на протокол; пик памяти процесса "
                            f"{_verdict(peak < BUILD_MEMORY_TARGET)} (цель < 1 ГБ)"))
        run.rows.append(Row(f"— план и проверка базы: {len(parts)} частей", build.report["plan_seconds"],
                            build.peak_bytes))
        for part in parts:
            run.rows.append(Row(f"— часть {part['name']}: органов {part['authorities']}, протоколов "
                                f"{part['protocols']}", part["seconds"], part["peak_bytes"]))
        index = run.child("index", site)
        run.add("Поисковый индекс Pagefind (`index_site`, последний шаг сборки)", index, _describe_index(index.report))
        run.rows.append(_downloads(run.child("search", site).report))
        run.rows += _sizes(run.child("sizes", site).report)
    else:
        run.add("`protocols site build` (сайт частями)", build)

    one_file = _one_protocol(root)
    single = run.child("validate", root, one_file)
    run.add(f"`protocols validate` одного файла ({one_file.relative_to(root).as_posix()})", single,
            f"{_verdict(single.seconds < ONE_FILE_TARGET)} (цель < {ONE_FILE_TARGET:.0f} с)")
    return run


def _describe_base(root: Path) -> str:
    protocols = sum(1 for _ in (root / "protocols").glob("*/*.md"))
    size = sum(path.stat().st_size for path in (root / "protocols").rglob("*") if path.is_file())
    return f"{protocols} протоколов, {_ru(size / MB, 0)} МБ исходных файлов"


def _one_protocol(root: Path) -> Path:
    """The protocol a pull request changes: the middle one, so that every run picks the same."""
    protocols = sorted((root / "protocols").glob("uo-*/*.md"))
    return protocols[len(protocols) // 2]


def _sizes(sizes: dict) -> list[Row]:
    largest = sizes["largest_organization"]
    return [
        Row(f"Размер site/: {_ru(sizes['site'] / MB, 0)} МБ, файлов {_ru(sizes['files'], 0)}; из них календари "
            f"{_ru(sizes['calendars'] / MB, 0)} МБ, открытые данные {_ru(sizes['data'] / MB, 0)} МБ"),
        Row(f"Самая большая страница организации: {largest[1]}, {_ru(largest[0] / 1024, 0)} КБ HTML; "
            f"самая большая страница сайта: {sizes['largest'][1]}, {_ru(sizes['largest'][0] / 1024, 0)} КБ",
            None, None, f"{_verdict(largest[0] < ORGANIZATION_PAGE_TARGET)} (цель < 300 КБ)"),
    ]


def _describe_index(index: dict) -> str:
    return (f"{_ru(index['pages'], 0)} страниц, {_ru(index['size'] / MB, 1)} МБ в {_ru(index['files'], 0)} файлах; "
            f"сам Pagefind: {_ru(index['seconds'])} с, пик памяти {_ru(index['pagefind_peak_bytes'] / MB, 0)} МБ")


def _downloads(search: dict) -> Row:
    """What a visitor downloads per query: the largest, against the target, and each query."""
    if not search["queries"]:
        return Row("Поиск: скачивание на запрос", None, None, search["skipped"])
    largest = max(size for _, _, size in search["queries"])
    each = "; ".join(f"«{query}» {_ru(size / 1024, 0)} КБ ({results})" for query, results, size in search["queries"])
    return Row("Поиск: скачано до первых результатов запроса (gzip), наибольшее", None, None,
               f"{_ru(largest / 1024, 0)} КБ {_verdict(largest < SEARCH_DOWNLOAD_TARGET)} (цель < 1 МБ); {each}")


def _verdict(met: bool) -> str:
    return "✅" if met else "❌"


def _ru(value: float, digits: int = 2) -> str:
    """A number as Russian text writes it: «12 345,67»."""
    return f"{value:,.{digits}f}".replace(",", " ").replace(".", ",")


# --- the results file --------------------------------------------------------------------


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or "неизвестно")
    memory = _memory_bytes()
    versions = ", ".join(f"{name} {_version(name)}" for name in ("mkdocs", "mkdocs-material", "PyYAML"))
    return (f"{cpu}, ядер: {os.cpu_count()}, память {memory / 1024 ** 3:.0f} ГБ; Python {platform.python_version()} "
            f"({platform.system()} {platform.release()}); {versions}")


def _memory_bytes() -> int:
    return next((int(line.split()[1]) * 1024 for line in _read("/proc/meminfo").splitlines()
                 if line.startswith("MemTotal:")), 16 * 1024 ** 3)


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "?"


def _commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""
    head = git("rev-parse", "--short", "HEAD") or "вне git"
    return head + (" с незакоммиченными изменениями" if git("status", "--porcelain", "--", "build_tools") else "")


def table(run: Run) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"### N = {_ru(run.count, 0)} · {stamp}", "",
             f"Машина: {machine()}. Коммит: {_commit()}.", "",
             "| Шаг | Время | Пик памяти | Отношение, цель |", "|---|---:|---:|---|"]
    for row in run.rows:
        seconds = "" if row.seconds is None else f"{_ru(row.seconds)} с"
        peak = "" if row.peak_bytes is None else f"{_ru(row.peak_bytes / MB, 0)} МБ"
        lines.append(f"| {row.step} | {seconds} | {peak} | {row.ratio} |")
    return "\n".join(lines) + "\n"


def append_results(path: Path, runs: list[Run]) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Бенчмарк\n\n## Прогоны\n"
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(table(run) for run in runs), encoding="utf-8")


# --- the steps, each run in a child process ------------------------------------------------


def step_generate(count: str, root: str) -> dict:
    from generate import generate  # benchmarks/ is on sys.path: this file runs as a script

    generate(int(count), Path(root))
    return {}


def step_floor(root: str) -> dict:
    """Only what any reader of these files must do: read them, split the front matter, parse it in C."""
    import frontmatter
    import yaml

    split = frontmatter.YAMLHandler().split
    files = 0
    for path in sorted(Path(root, "protocols").rglob("*")):
        if path.suffix == ".md":
            front_matter, _ = split(path.read_text(encoding="utf-8"))
        elif path.suffix in (".yaml", ".yml"):
            front_matter = path.read_text(encoding="utf-8")
        else:
            continue
        yaml.load(front_matter, Loader=yaml.CSafeLoader)
        files += 1
    return {"files": files}


def step_validate(root: str, *paths: str) -> dict:
    """`protocols validate`, as CI runs it: the command line entry point, its problems not printed."""
    from build_tools.cli import main

    sys.stdout = open(os.devnull, "w")
    try:
        main(["--root", root, "validate", *paths])
    except SystemExit as exit_:
        if exit_.code:  # a generated knowledge base has warnings only
            raise
    return {}


def step_own(root: str) -> dict:
    """The plugin's own generation of the whole site in one process, timed apart from loading."""
    started = time.perf_counter()
    from build_tools.feeds import git_history, render_feeds
    from build_tools.opendata import render_data
    from build_tools.pipeline import load_knowledge_base
    from build_tools.site.pages import SiteContext, site_pages
    from build_tools.site.plan import plan_site

    knowledge_base = load_knowledge_base(Path(root)).knowledge_base
    loaded = time.perf_counter()
    context = SiteContext(knowledge_base, plan_site(knowledge_base.protocols, knowledge_base.registry,
                                                   date.fromisoformat(TODAY)), SITE_URL)
    pages = site_pages(context, context.plan.parts[0])
    page_bytes = sum(len(page.markdown.encode()) for page in pages)
    paged = time.perf_counter()
    feeds = [len(content) for _, content in render_feeds(knowledge_base, site_url=SITE_URL,
                                                          history=git_history(Path(root)))]
    fed = time.perf_counter()
    data = [len(content) for _, content in render_data(knowledge_base, site_url=SITE_URL)]
    done = time.perf_counter()
    return {
        "load": loaded - started, "pages": paged - loaded, "feeds": fed - paged, "data": done - fed,
        "pages_size": f"{len(pages)} страниц, {page_bytes / MB:.0f} МБ markdown",
        "feeds_size": f"{len(feeds)} файлов, {sum(feeds) / MB:.0f} МБ",
        "data_size": f"{len(data)} файлов, {sum(data) / MB:.0f} МБ",
    }


def step_build(root: str) -> dict:
    """`protocols site build` of the knowledge base, its parts two at a time: what `make site` runs."""
    from build_tools.site.build import build_parts, join_parts, make_plan, write_plan
    from build_tools.site.clock import build_today
    from build_tools.site.plan import DEFAULT_PART_PROTOCOLS

    started = time.perf_counter()
    plan, problems = make_plan(Path(root), build_today(), DEFAULT_PART_PROTOCOLS)
    if any(problem.is_error for problem in problems):
        raise SystemExit("в синтетической базе ошибки: " + problems[0].format_text())
    work = Path(root, ".site-parts")
    write_plan(plan, work)
    planned = time.perf_counter()
    builds = build_parts(Path(root, "mkdocs.yml"), work, plan, JOBS)
    join_parts(work, plan, Path(root, "site"))
    return {"plan_seconds": planned - started,
            "parts": [{"name": built.part.name, "authorities": len(built.part.authorities),
                       "protocols": len(built.part.protocols or ()), "seconds": built.seconds,
                       "peak_bytes": built.peak_bytes} for built in builds]}


def step_index(site: str) -> dict:
    """The search index of the built site, as the plugin or a build in shards makes it."""
    from build_tools.search.pagefind import index_site

    stats = index_site(Path(site))
    return {"pages": stats.pages, "size": stats.size, "files": stats.files, "seconds": stats.seconds,
            "pagefind_peak_bytes": stats.peak_bytes}


def step_search(site: str) -> dict:
    """Typical queries typed into the search box in Chromium: the bytes each one downloads."""
    from search import QUERIES, query_downloads  # benchmarks/search.py, which puts tests/ on the path
    from browser import CHROMIUM

    if not Path(CHROMIUM).exists():
        return {"queries": [], "skipped": f"не измерено: нет {CHROMIUM} (make system-packages)"}
    return {"queries": [(download.query, download.results, download.size)
                        for download in query_downloads(Path(site), QUERIES)]}


def step_sizes(site: str) -> dict:
    """The size of the built site, of its calendars and data, and its largest pages."""
    files = [path for path in Path(site).rglob("*") if path.is_file()]
    pages = [(path.stat().st_size, path.relative_to(site).parent.as_posix() + "/")
             for path in files if path.name == "index.html"]
    return {
        "site": sum(path.stat().st_size for path in files), "files": len(files),
        "calendars": sum(path.stat().st_size for path in Path(site, "calendars").rglob("*.ics")),
        "data": sum(path.stat().st_size for path in Path(site, "data").rglob("decisions.*")),
        "largest": max(pages), "largest_organization": max(page for page in pages if page[1].startswith("org/")),
    }


STEPS = {"generate": step_generate, "floor": step_floor, "validate": step_validate, "own": step_own,
         "build": step_build, "index": step_index, "search": step_search, "sizes": step_sizes}


def run_step(name: str, args: list[str], report_file: str) -> None:
    """What a child process does: one step, then its report and its own peak memory into ``report_file``."""
    report = STEPS[name](*args)
    report["peak_bytes"] = peak_resident_bytes()
    Path(report_file).write_text(json.dumps(report, ensure_ascii=False))


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["step"]:
        run_step(argv[1], argv[2:-1], argv[-1])
        return
    parser = argparse.ArgumentParser(description="Бенчмарк конвейера на синтетической базе из N протоколов.")
    parser.add_argument("counts", nargs="+", type=int, metavar="N", help="число протоколов (можно несколько)")
    parser.add_argument("--work", type=Path, help="папка для баз и логов (по умолчанию временная, удаляется)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="куда дописать таблицы (%(default)s)")
    parser.add_argument("--max-minutes", type=float, default=30, help="предел времени одного шага, минут")
    parser.add_argument("--max-memory-gb", type=float, default=_memory_bytes() / 2 / 1024 ** 3,
                        help="предел памяти одного шага, ГБ (по умолчанию половина памяти машины)")
    options = parser.parse_args(argv)
    if any(count < 1 for count in options.counts):
        parser.error("N — число протоколов, не меньше 1")
    limits = Limits(options.max_minutes * 60, int(options.max_memory_gb * 1024 * MB))
    work = options.work or Path(tempfile.mkdtemp(prefix="protocols-bench-"))
    try:
        runs = []
        for count in options.counts:
            runs.append(run_benchmark(count, work.resolve(), limits))
            print(table(runs[-1]))
        append_results(options.results, runs)
        print(f"Результаты дописаны в {options.results}", file=sys.stderr)
    finally:
        if options.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
