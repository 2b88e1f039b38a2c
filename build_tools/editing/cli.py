"""`protocols new` and `protocols status`: where editing results become messages and exit codes."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import NoReturn

import click

from ..model import KnowledgeBase, Protocol
from ..pipeline import PROTOCOLS_DIR, SCHEMA_DIR, Result, load_knowledge_base
from ..russian import STATE_WORDS
from ..schema import PROTOCOL_SCHEMA, Schemas
from .scaffold import new_protocol_text, protocol_file_name
from .status import EditError, NewStatus, set_execution, set_status

EXIT_PROBLEMS = 1
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STATE_NAMES = {"done": STATE_WORDS["done"], "cancelled": STATE_WORDS["cancelled"],
               "open": f"{STATE_WORDS['open']}, отметка об исполнении снята"}
NEW_FILE_MODE = 0o644
PENDING_SHOWN = 10  # executors without a mark named after `protocols status --org`; the rest are «…»


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    if not ISO_DATE.match(value):
        raise click.BadParameter(f"нужна дата в виде ГГГГ-ММ-ДД, а указано «{value}»")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"«{value}» — несуществующая дата") from None


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(EXIT_PROBLEMS)


def _display(root: Path, path: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def _protocol_schema(root: Path) -> dict:
    return Schemas(root / SCHEMA_DIR).load(PROTOCOL_SCHEMA)


@click.command("new")
@click.argument("authority")
@click.argument("meeting_date", metavar="DATE", callback=iso_date)
@click.option("--title", help="Тема или заголовок документа, как в нём написано; из неё же, латиницей, имя файла.")
@click.option("--kind", default="протокол", show_default=True,
              help="Вид документа: одно из значений поля kind (см. schema/protocol.schema.json).")
@click.option("--slug", help="Часть имени файла после даты: латиница, цифры, дефисы. По умолчанию — из --title.")
@click.pass_obj
def new_command(root: Path, authority: str, meeting_date: date, title: str | None, kind: str,
                slug: str | None) -> None:
    """Создать файл протокола органа AUTHORITY от даты DATE (ГГГГ-ММ-ДД) с полями для заполнения.

    Файл ложится в protocols/AUTHORITY/ДАТА-название.md; существующий файл не
    перезаписывается. Незаполненные поля помечены TODO, и `protocols validate`
    сообщает о каждом из них, пока оно пустое.
    """
    kinds = _protocol_schema(root)["properties"]["kind"]["enum"]
    if kind not in kinds:
        raise click.BadParameter(f"«{kind}» — такого вида документа нет; допустимые: {', '.join(kinds)}",
                                 param_hint="--kind")
    if slug is not None and not SLUG.match(slug):
        raise click.BadParameter(f"«{slug}»: только строчная латиница, цифры и дефисы, например sovet-direktorov",
                                 param_hint="--slug")
    registry = load_knowledge_base(root, only=()).knowledge_base.registry
    organization = registry.organizations.get(authority)
    if organization is None or not organization.is_authority:
        known = ", ".join(sorted(entry.id for entry in registry.organizations.values() if entry.is_authority))
        _fail(f"«{authority}» — нет такого органа управления образованием в реестре; есть: {known}. "
              "Новый орган сначала добавьте в protocols/registry/ (см. CONTRIBUTING.md).")
    name = f"{meeting_date.isoformat()}-{slug}.md" if slug else protocol_file_name(meeting_date, title or kind)
    path = root / PROTOCOLS_DIR / authority / name
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(new_protocol_text(authority, meeting_date, kind, title, registry))
    except FileExistsError:
        _fail(f"файл {_display(root, path)} уже есть и не будет перезаписан; "
              "выберите другое название (--slug) или правьте существующий файл")
    shown = _display(root, path)
    click.echo(f"Создан {shown}.\nЗаполните поля с пометкой TODO и проверьте: protocols validate {shown}")


@click.command("status")
@click.argument("protocol")
@click.argument("decision_id", metavar="DECISION")
@click.argument("state", type=click.Choice(list(STATE_NAMES)))
@click.option("--date", "status_date", callback=iso_date, metavar="ГГГГ-ММ-ДД",
              help="Когда решение исполнено или отменено; обязательна для done и cancelled.")
@click.option("--note", help="Короткое пояснение: чем подтверждено исполнение или почему решение отменено.")
@click.option("--reference", help="Подтверждающий документ, как он назван: «письмо от 12.03.2021 № 45».")
@click.option("--link", help="Ссылка на подтверждающий документ, http:// или https://.")
@click.option("--org", "organizations", multiple=True, metavar="ID",
              help="Отметить исполнение одной организацией (id из реестра) или группой целиком, а не решение "
                   "целиком; можно повторить: --org sosh-1 --org sosh-2.")
@click.pass_obj
def status_command(root: Path, protocol: str, decision_id: str, state: str, status_date: date | None,
                   note: str | None, reference: str | None, link: str | None, organizations: tuple[str, ...]) -> None:
    """Отметить исполнение решения DECISION протокола PROTOCOL: done, cancelled или open.

    PROTOCOL — путь к файлу или id протокола, например

    \b
        uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo

    Без --org меняются только строки блока status этого решения; open снимает
    отметку целиком. С --org меняются только строки блока execution — отметки
    названных исполнителей (open снимает их отметки). После правки файл
    проверяется, как `protocols validate`.
    """
    if state == "open":
        if status_date or note or reference or link:
            raise click.UsageError("open снимает отметку об исполнении целиком: --date, --note, --reference и "
                                   "--link не нужны")
        status = None
    elif status_date is None:
        raise click.UsageError(f"для {state} нужна дата: --date ГГГГ-ММ-ДД")
    else:
        status = NewStatus(state, status_date, note, link, reference)

    path = _resolve_protocol(root, protocol)
    shown = _display(root, path)
    _require_valid(load_knowledge_base(root, only=[path]), f"{shown} содержит ошибки; исправьте их и повторите")
    original = path.read_bytes()
    key_order = list(_protocol_schema(root)["$defs"]["decision"]["properties"])
    try:
        if organizations:
            edit = set_execution(original.decode("utf-8"), decision_id, dict.fromkeys(organizations, status), key_order)
        else:
            edit = set_status(original.decode("utf-8"), decision_id, status, key_order)
    except EditError as exc:
        _fail(f"{shown}: {exc}")
    what = f"решение {decision_id}" + (f" ({', '.join(organizations)})" if organizations else "") + \
        f" — {STATE_NAMES[state]}" + (f" {status_date.isoformat()}" if status else "")
    if not edit.changed:
        click.echo(f"{shown}: {what} — уже записано так; файл не изменён.")
        return
    write_atomically(path, edit.text.encode("utf-8"))
    result = load_knowledge_base(root, only=[path])
    if result.errors:
        write_atomically(path, original)
    _require_valid(result, f"{shown} после правки не проходит проверку; файл оставлен как был")
    lines = f"строка {edit.first_line}" if edit.first_line == edit.last_line else \
        f"строки {edit.first_line}–{edit.last_line}"
    click.echo(f"{shown}, {lines}: {what}.")
    if organizations:
        [edited] = result.knowledge_base.protocols
        click.echo(_progress_line(result.knowledge_base, edited, decision_id))


def _progress_line(kb: KnowledgeBase, protocol: Protocol, decision_id: str) -> str:
    """«Выполнено 22 из 30; без отметки: …», and what to do when every executor has done their part."""
    [decision] = [decision for decision in protocol.decisions if decision.id == decision_id]
    progress = kb.progress(decision)
    line = f"Выполнено {len(progress.done)} из {progress.required}"
    if progress.pending:
        shown = ", ".join(progress.pending[:PENDING_SHOWN]) + (", …" if len(progress.pending) > PENDING_SHOWN else "")
        return f"{line}; без отметки: {shown}."
    if decision.outcome.is_closed:
        return f"{line}."
    return (f"{line}: отметились все исполнители. Решение целиком по-прежнему открыто; если оно исполнено, "
            f"отметьте его: protocols status {protocol.id} {decision_id} done --date ГГГГ-ММ-ДД")


def _resolve_protocol(root: Path, protocol: str) -> Path:
    """A path to the file as given, or a protocol id «<орган>/<ГГГГ-ММ-ДД-название>»."""
    as_path = Path(protocol)
    found = as_path if as_path.is_file() else root / PROTOCOLS_DIR / f"{protocol.removesuffix('.md')}.md"
    if not found.is_file():
        raise click.BadParameter(f"«{protocol}» — нет ни такого файла, ни протокола с таким id "
                                 "(вида uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo)", param_hint="PROTOCOL")
    if not found.resolve().is_relative_to((root / PROTOCOLS_DIR).resolve()):
        raise click.BadParameter(f"«{protocol}» лежит вне папки {PROTOCOLS_DIR}/ базы знаний {root}: отмечать "
                                 "исполнение можно только в её протоколах", param_hint="PROTOCOL")
    return found


def _require_valid(result: Result, message: str) -> None:
    for problem in result.errors:
        click.echo(problem.format_text(), err=True)
    if result.errors:
        _fail(message)


def write_atomically(path: Path, content: bytes) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file;
    an existing file keeps its permissions."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
