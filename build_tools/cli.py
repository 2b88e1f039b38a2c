"""The `protocols` command: the edge where results become text and exit codes."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from .pipeline import NotAKnowledgeBase, find_root, load_knowledge_base

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# Commands other than `validate` live in their own modules and pull in heavy libraries (python-docx, ruamel,
# MkDocs, XlsxWriter); they are imported only when called, so a one-file `protocols validate` in a pull
# request does not pay for them.
LAZY_COMMANDS = {
    "import": "build_tools.importer.cli:import_command",
    "new": "build_tools.editing.cli:new_command",
    "report": "build_tools.report.cli:report_command",
    "site": "build_tools.site.cli:site_command",
    "status": "build_tools.editing.cli:status_command",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module on first use (the pattern of click's documentation)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in LAZY_COMMANDS:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = LAZY_COMMANDS[cmd_name].split(":")
        return getattr(importlib.import_module(module_name), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Корень базы знаний (папка с protocols/ и schema/). По умолчанию ищется от текущей папки вверх.",
)
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """База знаний решений муниципальных органов управления образованием."""
    try:
        ctx.obj = find_root(root or Path.cwd())
    except NotAKnowledgeBase as exc:
        raise click.UsageError(str(exc)) from None


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="text — строки «файл:строка:столбец: error|warning: сообщение»; "
    "github — аннотации GitHub Actions к строкам pull request.",
)
@click.pass_obj
def validate(root: Path, paths: tuple[Path, ...], output_format: str) -> None:
    """Проверить протоколы и реестр: схема, ссылки, сроки, нумерация.

    Без PATHS проверяется вся база знаний. Код выхода: 0 — ошибок нет
    (предупреждения допустимы), 1 — есть ошибки, 2 — неверный вызов.
    """
    for path in paths:
        if not path.is_file():
            raise click.UsageError(f"файл не найден: {path}")
    result = load_knowledge_base(root, only=list(paths) if paths else None)
    for problem in result.problems:
        click.echo(problem.format_github() if output_format == "github" else problem.format_text())
    click.echo(
        f"Проверено файлов: {result.files_checked}; ошибок: {len(result.errors)}, "
        f"предупреждений: {len(result.warnings)}",
        err=True,
    )
    sys.exit(EXIT_PROBLEMS if result.errors else EXIT_OK)
