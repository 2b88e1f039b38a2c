"""The field reference of the format pages, generated from the JSON Schemas.

The schemas are the one contract (see build_tools/schema.py): the pages
docs/format/index.md and docs/format/registry.md say where the reference
goes with a marker, ``<!-- protocols:fields protocol.schema.json -->``, and
the plugin puts there a table of every field of that schema: its path
(``decisions[].deadline.due``), whether it is required, what it holds and
the schema's own description. Nothing is written out twice, so the pages
cannot fall behind the schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .markup import table, text

MARKER = re.compile(r"<!-- protocols:fields (?P<schema>[\w.-]+\.schema\.json) -->")

# What a value of a shared definition is, in words; others are described by their JSON type.
_DEFINITIONS = {
    "text": "текст",
    "id": "id из реестра",
    "date": "дата ГГГГ-ММ-ДД",
    "decision_id": "номер: «3», «3.2»",
    "tags": "список тегов",
    "aliases": "список строк",
    "participant": "участник",
    "deadline": "срок",
    "status": "отметка об исполнении",
}
_TYPES = {"string": "строка", "boolean": "true или false", "object": "набор полей", "array": "список",
          "null": "пусто", "integer": "целое число"}


@dataclass(frozen=True)
class Field:
    path: str  # «decisions[].deadline.due»
    required: bool
    holds: str
    description: str


def schema_fields(schema: dict[str, Any]) -> list[Field]:
    """Every property of ``schema``, depth first, in the schema's order."""
    return list(_fields(schema, schema, ""))


def field_table(schema: dict[str, Any]) -> str:
    rows = [[f"`{field.path}`", "да" if field.required else "", field.holds, text(field.description)]
            for field in schema_fields(schema)]
    return table(["Поле", "Обязательно", "Значение", "Описание"], rows)


def _fields(schema: dict[str, Any], node: dict[str, Any], prefix: str) -> Iterator[Field]:
    node = _resolve(schema, node)
    required = set(node.get("required", ()))
    for name, raw in node.get("properties", {}).items():
        path = prefix + name
        target = _resolve(schema, raw)
        description = raw.get("description") or target.get("description", "")
        yield Field(path, name in required, _holds(schema, raw), description)
        if "properties" in target:
            yield from _fields(schema, target, path + ".")
        items = _resolve(schema, target.get("items", {}))
        if "properties" in items:
            yield from _fields(schema, items, path + "[].")


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` («#/$defs/text») to the definition it names."""
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


def _holds(schema: dict[str, Any], node: dict[str, Any]) -> str:
    """What a value is, in a few words: «дата ГГГГ-ММ-ДД», «одно из: `open`, `done`»."""
    if "$ref" in node:
        return _DEFINITIONS.get(node["$ref"].removeprefix("#/$defs/"), "набор полей")
    if "enum" in node:
        return "одно из: " + ", ".join(f"`{value}`" for value in node["enum"])
    if node.get("pattern", "").startswith("^https?://"):
        return "адрес http(s)://…"
    if node.get("type") == "array":
        return "список: " + _holds(schema, node.get("items", {}))
    types = node.get("type", "object")
    return " или ".join(_TYPES.get(kind, kind) for kind in ([types] if isinstance(types, str) else types))
