"""A new protocol file to fill in: `protocols new`.

The front matter is written with every required field present. Fields the
editor must still fill are left empty with a ``# TODO`` comment beside them:
`protocols validate` reports each of them («ожидается строка, а записано
пустое значение») at that very line, so an unfinished protocol cannot pass
review. Optional fields are shown commented out, with examples; the registry
ids the editor may need (the authority's groups, organizations and people)
are listed in comments too.
"""

from __future__ import annotations

from datetime import date

from slugify import slugify

from ..model import Registry
from .yaml_text import scalar

SLUG_MAX_LENGTH = 40

HEADER = """\
# Новый протокол. Заполните поля, помеченные TODO; пока поле пустое,
# `protocols validate` сообщает о нём ошибкой. Необязательные поля закомментированы:
# чтобы заполнить, уберите «# » в начале строк. Текст документа вставьте дословно
# после второй строки «---». Комментарии-подсказки можно удалить. Примеры значений
# взяты из протокола Назарово от 12.01.2022.
"""

OPTIONAL_FIELDS = """\
# meeting: совещание руководителей образовательных организаций
# number: "2"
# time: 15.30 – 16.30
# place: Назарово
# chair:
#   text: Руководитель УО – С.В. Гаврилова
#   person: gavrilova-sv
# secretary:
#   text: Т.М. Бормова
#   person: bormova-tm
# attendees:
#   - text: руководители образовательных организаций
#     organization: nazarovo-heads-oo
# agenda:
#   - id: "1"
#     title: О подготовке к итоговой аттестации
"""

DECISIONS = """\
decisions:
  - id: "1"
    text:  # TODO: текст решения дословно; следующие решения — так же, с id "2", "2.1"…
    # assignees:
    #   - nazarovo-heads-oo
    # responsible:
    #   - ozhegova-aa
    # responsible_text: Ожегова А.А., главный специалист УО
    # deadline:
    #   text: не позднее 19.01.2022
    #   kind: by
    #   due: 2022-01-19
# source:
#   file: protokol.docx
#   url: https://example.org/protokol.docx
# notes:
#   - Особенности источника, сохранённые как есть.
# tags:
#   - ВПР
"""


def protocol_file_name(meeting_date: date, title: str) -> str:
    """«2024-05-20-soveshchanie-rukovoditelei-oo.md»: the date, then the title in Latin letters."""
    slug = slugify(title, max_length=SLUG_MAX_LENGTH, word_boundary=True, save_order=True) or "protokol"
    return f"{meeting_date.isoformat()}-{slug}.md"


def new_protocol_text(authority: str, meeting_date: date, kind: str, title: str | None, registry: Registry) -> str:
    """The whole file: front matter to fill in, an empty body."""
    title_line = f"title: {scalar(title)}\n" if title else "title:  # TODO: тема или заголовок документа, как в нём\n"
    return (
        "---\n"
        + HEADER
        + _registry_hint(authority, registry)
        + f"kind: {scalar(kind)}\n"
        + title_line
        + f"authority: {authority}\n"
        + f"date: {meeting_date.isoformat()}\n"
        + OPTIONAL_FIELDS
        + DECISIONS
        + "---\n"
    )


def _registry_hint(authority: str, registry: Registry) -> str:
    """Comment lines listing the ids of the registry entries that belong to ``authority``."""
    entries = [
        *(entry for entry in registry.groups.values() if entry.authority == authority),
        *(entry for entry in registry.organizations.values() if entry.parent == authority),
        *(entry for entry in registry.people.values() if registry.authority_of(entry.id) == authority),
    ]
    if not entries:
        return ""
    lines = ["# id из реестра (protocols/registry/) для assignees, person, organization, responsible:\n"]
    lines += [f"#   {entry.id} — {entry.label}\n" for entry in entries]
    return "".join(lines)
