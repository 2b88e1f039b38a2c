"""`protocols import`: documents in, draft protocols and a short report out."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..model import Registry
from ..pipeline import REGISTRY_DIR
from .importing import Importer, Outcome
from .reading import is_document
from .writing import accepted_name

EXIT_OK, EXIT_FAILED = 0, 1


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Папка для черновиков и предложений реестра. По умолчанию черновик ложится в "
                   "protocols/<id органа>/, предложения — в protocols/registry/.")
@click.option("-a", "--authority", default=None, metavar="ID",
              help="id органа из реестра, если документ его не называет или называет неоднозначно.")
@click.option("--date", "meeting_date", default=None, metavar="ГГГГ-ММ-ДД",
              help="Дата заседания, если в документе её нет или она записана неверно.")
@click.option("--force", is_flag=True, help="Перезаписать существующий файл протокола.")
@click.pass_obj
def import_command(root: Path, paths: tuple[Path, ...], output_dir: Path | None, authority: str | None,
                   meeting_date: str | None, force: bool) -> None:
    """Импортировать документы (.docx, .txt, .md) как черновики протоколов.

    PATHS — файлы или папки (из папки берутся все документы, без подпапок).
    Для каждого документа пишется черновик, проходящий `protocols validate`,
    и печатается, что проверить. Код выхода: 0 — все документы импортированы,
    1 — хотя бы один не импортирован (остальные при этом импортируются).
    """
    day = _date(meeting_date)
    with Importer(root, output_dir, authority, day, force) as importer:
        if authority is not None:
            _check_authority(importer.registry, authority)
        files = _documents(paths)
        if len(files) > 1:
            with click.progressbar(files, label="Импорт", file=sys.stderr,
                                   item_show_func=lambda path: path.name if path else "") as progress:
                outcomes = [importer.import_file(path) for path in progress]
        else:
            outcomes = [importer.import_file(path) for path in files]
        for outcome in outcomes:
            _report(outcome, importer)
    failed = [outcome for outcome in outcomes if not outcome.ok]
    click.echo(f"Импортировано документов: {len(outcomes) - len(failed)} из {len(outcomes)}"
               + (f"; не импортировано: {len(failed)}" if failed else ""), err=True)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def _documents(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(child for child in path.iterdir() if child.is_file() and is_document(child))
            if not found:
                raise click.UsageError(f"в папке {path} нет документов .docx, .txt или .md")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise click.UsageError(f"файл не найден: {path}")
    return files


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.UsageError(f"--date: нужна дата в виде ГГГГ-ММ-ДД, а записано «{value}»") from None


def _check_authority(registry: Registry, authority: str) -> None:
    organizations = registry.organizations
    if authority not in organizations or not organizations[authority].is_authority:
        known = ", ".join(sorted(entry.id for entry in organizations.values() if entry.is_authority))
        raise click.UsageError(f"в реестре нет органа «{authority}»; органы в реестре: {known or 'нет'}")


def _report(outcome: Outcome, importer: Importer) -> None:
    if not outcome.ok:
        click.echo(f"ошибка: {outcome.source}: {outcome.error}", err=True)
        return
    draft = outcome.draft
    decisions = draft.data.get("decisions", [])
    click.echo(f"{outcome.source.name} → {importer.display(outcome.draft_path)}")
    click.echo(f"  решений: {len(decisions)}; со сроком: {sum('deadline' in d for d in decisions)}; "
               f"с исполнителями: {sum('assignees' in d for d in decisions)}; "
               f"с ответственными: {sum('responsible' in d for d in decisions)}")
    if draft.review:
        click.echo(f"  проверить ({len(draft.review)}):")
        for decision_id, message in draft.review:
            click.echo(f"    - {f'решение {decision_id}: ' if decision_id else ''}{message}")
    if outcome.warnings:
        click.echo(f"  предупреждения проверки ({len(outcome.warnings)}):")
        for problem in outcome.warnings:
            click.echo(f"    - строка {problem.line}: {problem.message}")
    if outcome.authority_path:
        authority = importer.display(outcome.authority_path)
        click.echo(f"  новый орган: {draft.data['authority']} — его нет в реестре; запись предложена в {authority}.")
        click.echo("    Проверьте её и примите одним шагом (до этого черновик не проходит protocols validate):")
        accepted = importer.root / REGISTRY_DIR / accepted_name(outcome.authority_path)
        click.echo(f"    mv {authority} {importer.display(accepted)}")
    if outcome.proposals_path:
        click.echo(f"  новые записи для реестра ({len(draft.proposals)}): {importer.display(outcome.proposals_path)}")
