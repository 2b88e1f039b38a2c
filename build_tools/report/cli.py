"""`protocols report`: the справка об исполнении as a .docx file."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..editing.cli import iso_date, write_atomically
from ..pipeline import load_knowledge_base
from .content import Period, Selection, UnknownScope, build_report
from .word import report_docx

EXIT_PROBLEMS = 1


@click.command("report")
@click.argument("entry_id", metavar="ID")
@click.option("--from", "start", required=True, callback=iso_date, metavar="ГГГГ-ММ-ДД", help="Начало периода.")
@click.option("--to", "end", required=True, callback=iso_date, metavar="ГГГГ-ММ-ДД", help="Конец периода.")
@click.option("--by", "selection", type=click.Choice([choice.value for choice in Selection]),
              default=Selection.MEETING.value, show_default=True,
              help="meeting — поручения, данные в период (по дате заседания); deadline — со сроком в период "
                   "(действующим, с учётом продлений).")
@click.option("--on", "as_of", callback=iso_date, metavar="ГГГГ-ММ-ДД",
              help="На какой день отмечать исполнение и просрочку; по умолчанию — сегодня.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Файл .docx; по умолчанию spravka-ID-НАЧАЛО-КОНЕЦ.docx в текущей папке.")
@click.pass_obj
def report_command(root: Path, entry_id: str, start: date, end: date, selection: str, as_of: date | None,
                   output: Path | None) -> None:
    """Справка об исполнении поручений организации, группы или органа ID за период (.docx).

    ID — id из реестра: организация (её поручения и поручения её групп),
    группа («руководители ОО») или орган (все решения его протоколов). В
    справке — поручение, срок (первоначальный и действующий), исполнитель,
    отметка об исполнении на день --on и что просрочено.
    """
    if start > end:
        raise click.BadParameter(f"начало периода {start} позже конца {end}", param_hint="--from/--to")
    result = load_knowledge_base(root)
    if result.errors:
        for problem in result.errors:
            click.echo(problem.format_text(), err=True)
        click.echo("в базе знаний есть ошибки; исправьте их (protocols validate) и повторите", err=True)
        sys.exit(EXIT_PROBLEMS)
    try:
        report = build_report(result.knowledge_base, entry_id, Period(start, end, Selection(selection)),
                              as_of or date.today())
    except UnknownScope:
        raise click.BadParameter(f"«{entry_id}» — нет такой организации, группы или органа в реестре",
                                 param_hint="ID") from None
    path = output or Path(f"spravka-{entry_id}-{start.isoformat()}-{end.isoformat()}.docx")
    if not path.parent.is_dir():
        raise click.BadParameter(f"папки {path.parent} нет; создайте её или укажите другой файл", param_hint="--output")
    try:
        write_atomically(path, report_docx(report))
    except OSError as exc:
        click.echo(f"не удалось записать {path}: {exc.strerror}", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"Справка записана в {path}: {report.summary}")
