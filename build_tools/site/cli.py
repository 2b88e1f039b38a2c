"""`protocols site …`: the site built in parts (build_tools/site/build.py), as one command or step by step."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from .build import SiteBuildError, build_part, build_parts, finish_site, make_plan, read_plan, summary, write_plan
from .clock import BadClock, build_today
from .plan import DEFAULT_PART_PROTOCOLS

EXIT_PROBLEMS = 1

_work = click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=Path(".site-parts"),
                     show_default=True, help="Папка для плана и собранных частей.")
_config = click.option("--config-file", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                       default=None, help="mkdocs.yml сайта. По умолчанию — в корне базы знаний.")


@click.group("site")
def site_command() -> None:
    """Собрать сайт частями: план, части (каждая — отдельный процесс), объединение.

    `protocols site build` делает всё на этой машине; `plan`, `part` и `join` —
    те же шаги по отдельности, для сборки частей в параллельных заданиях CI.
    """


@site_command.command("build")
@_work
@_config
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="Куда собрать сайт (папка очищается).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="число ядер",
              help="Сколько частей собирать одновременно.")
@click.option("--part-size", type=click.IntRange(min=1), default=DEFAULT_PART_PROTOCOLS, show_default=True,
              help="Сколько протоколов органов помещается в одну часть.")
@click.pass_obj
def build_command(root: Path, work: Path, config_file: Path | None, site_dir: Path, jobs: int, part_size: int) -> None:
    """Проверить базу, собрать сайт частями и объединить их в SITE_DIR."""
    started = time.perf_counter()
    if not os.environ.get("SITE_URL"):
        click.echo("Внимание: SITE_URL не задан — это предварительный просмотр: ссылки подписки на календари и "
                   "адреса в открытых данных поведут на заглушку example.org (см. README, «Сайт»).", err=True)
    plan = _plan(root, work, part_size)
    try:
        builds = build_parts(config_file or root / "mkdocs.yml", work, plan, jobs)
        moved, index = finish_site(work, plan, site_dir)
    except SiteBuildError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Сайт собран в {site_dir}: частей {len(builds)}, файлов из частей {moved}, "
               f"{time.perf_counter() - started:.1f} с.", err=True)
    click.echo(_index_line(index), err=True)
    for line in summary(builds):
        click.echo(line, err=True)


@site_command.command("plan")
@_work
@click.option("--part-size", type=click.IntRange(min=1), default=DEFAULT_PART_PROTOCOLS, show_default=True,
              help="Сколько протоколов органов помещается в одну часть.")
@click.pass_obj
def plan_command(root: Path, work: Path, part_size: int) -> None:
    """Проверить базу и составить план: в WORK/plan.json; имена частей — в stdout (JSON)."""
    plan = _plan(root, work, part_size)
    click.echo("[" + ", ".join(f'"{part.name}"' for part in plan.parts) + "]")


@site_command.command("part")
@click.argument("name")
@_work
@_config
@click.pass_obj
def part_command(root: Path, name: str, work: Path, config_file: Path | None) -> None:
    """Собрать одну часть NAME по плану из WORK в WORK/NAME."""
    plan = read_plan_or_exit(work)
    try:
        built = build_part(config_file or root / "mkdocs.yml", work, plan.part(name), plan.today)
    except (SiteBuildError, KeyError) as exc:
        raise click.ClickException(str(exc).strip('"')) from None
    click.echo(summary([built])[0].strip(), err=True)


@site_command.command("join")
@_work
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="Куда собрать сайт (папка очищается).")
def join_command(work: Path, site_dir: Path) -> None:
    """Объединить собранные части из WORK в SITE_DIR."""
    plan = read_plan_or_exit(work)
    try:
        moved, index = finish_site(work, plan, site_dir)
    except (SiteBuildError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Сайт собран в {site_dir}: файлов из частей {moved}.", err=True)
    click.echo(_index_line(index), err=True)


def _index_line(index) -> str:
    return (f"  поиск: страниц {index.pages}, индекс {index.size / 2**20:.1f} МБ, {index.seconds:.1f} с, "
            f"пик памяти Pagefind {index.peak_bytes / 2**20:.0f} МБ")


def read_plan_or_exit(work: Path):
    try:
        return read_plan(work)
    except SiteBuildError as exc:
        raise click.ClickException(str(exc)) from None


def _plan(root: Path, work: Path, part_size: int):
    """Check the knowledge base while planning: its problems as `protocols validate` prints them."""
    try:
        today = build_today()
    except BadClock as exc:
        raise click.ClickException(str(exc)) from None
    plan, problems = make_plan(root, today, part_size)
    errors = [problem for problem in problems if problem.is_error]
    for problem in problems:
        click.echo(problem.format_text(), err=True)
    if errors:
        click.echo(f"В базе знаний ошибок: {len(errors)}; сайт не собран.", err=True)
        sys.exit(EXIT_PROBLEMS)
    write_plan(plan, work)
    click.echo(f"План: частей {len(plan.parts)} (на {plan.today}), в {work}.", err=True)
    return plan
