r"""Step 2a of the pipeline: check data against the JSON Schemas in ``schema/``.

The schemas are the one contract of the knowledge base: this module, the
documentation and the open data read them, nothing writes the allowed values
out a second time. Validators are built once per schema (building one costs
far more than using it).

Two validators read each schema. `fastjsonschema` compiles it into Python
code and answers "valid or not" about ten times faster than `jsonschema`;
nearly every document in the knowledge base is valid, so that answer is all
most documents need. Only a document it rejects goes through `jsonschema`
(Draft 2020-12, the reference implementation) for the full list of
violations with their paths. Tests keep the two in agreement.

Patterns are ECMA-262 regular expressions, as JSON Schema says: there «$»
matches only at the very end of the string. Python's «$» matches before a
final line break too, so "1\n" would pass «^[0-9]+$» and reach the build.
fastjsonschema reads every «$» as «\Z» itself; the explaining validator does
the same through `_pattern`.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from datetime import date
from collections.abc import Iterator
from functools import cached_property, lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from .loader import NodePath, SourceFile
from .problems import MAX_PROBLEMS_PER_FILE, Problem, error, more_problems

PROTOCOL_SCHEMA = "protocol.schema.json"
REGISTRY_SCHEMA = "registry.schema.json"

_TYPE_NAMES = {
    "object": "объект (набор полей «ключ: значение»)",
    "array": "список",
    "string": "строка",
    "integer": "целое число",
    "number": "число",
    "boolean": "true или false",
    "null": "пустое значение",
}


_DOLLAR = re.compile(r"(?<!\\)\$")  # an unescaped «$», as fastjsonschema finds it


@lru_cache(maxsize=None)
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A schema pattern as Python reads it with ECMA-262's «$»: the end of the string, never before a final «\\n»."""
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_ExplainingValidator = validators.extend(Draft202012Validator, {"pattern": _pattern})


class CompiledSchema:
    """One schema with its fast yes/no check and its explaining validator."""

    def __init__(self, schema: dict[str, Any]):
        Draft202012Validator.check_schema(schema)
        self.explaining = _ExplainingValidator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        self._is_valid: Callable[[Any], Any] = fastjsonschema.compile(schema, formats={"date": _is_real_date})

    def is_valid(self, data: Any) -> bool:
        try:
            self._is_valid(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True


class Schemas:
    """The JSON Schemas of one knowledge base, loaded and compiled once."""

    def __init__(self, directory: Path):
        self.directory = directory

    def load(self, name: str) -> dict[str, Any]:
        return json.loads((self.directory / name).read_text(encoding="utf-8"))

    @cached_property
    def protocol(self) -> CompiledSchema:
        return CompiledSchema(self.load(PROTOCOL_SCHEMA))

    @cached_property
    def registry(self) -> CompiledSchema:
        return CompiledSchema(self.load(REGISTRY_SCHEMA))


# A schema problem before its message is worded: its place, and how to word it. Wording costs more than
# placing (a suggestion for an unknown key compares it with every allowed one), so only the problems
# shown are worded.
_Finding = tuple[tuple[int, int], Callable[[], str]]
# Explaining a violation costs jsonschema some 70 µs: a file of 100,000 violations took 20 s. The search
# stops after this many; the problems shown are then the first in file order among those found.
MAX_VIOLATIONS = 10 * MAX_PROBLEMS_PER_FILE


def check_against_schema(source: SourceFile, schema: CompiledSchema) -> list[Problem]:
    """The schema violations of ``source`` as Problems in Russian, in file order, capped as `capped` does."""
    if schema.is_valid(source.data):
        return []
    violations = list(islice(schema.explaining.iter_errors(source.data), MAX_VIOLATIONS + 1))
    findings = sorted((finding for violation in violations[:MAX_VIOLATIONS] for finding in _explain(violation, source)),
                      key=lambda finding: finding[0])
    shown = [error(source.path, *place, word()) for place, word in findings[:MAX_PROBLEMS_PER_FILE + 1]]
    if len(findings) <= MAX_PROBLEMS_PER_FILE:
        return sorted(shown)
    rest = more_problems(shown[-1], len(findings) - MAX_PROBLEMS_PER_FILE, 0, at_least=len(violations) > MAX_VIOLATIONS)
    return sorted(shown[:MAX_PROBLEMS_PER_FILE]) + [rest]


def _is_real_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _explain(violation: ValidationError, source: SourceFile) -> Iterator[_Finding]:
    path: NodePath = tuple(violation.absolute_path)
    kind = violation.validator
    if kind == "additionalProperties":
        allowed = sorted(violation.schema.get("properties", {}))
        for key in sorted(set(violation.instance) - set(allowed)):
            yield source.positions.of_key(path + (key,)), partial(_unknown_key, path + (key,), allowed, source.data)
        return
    where = partial(describe_path, path, source.data)
    if kind == "required":
        for key in violation.validator_value:
            if key not in violation.instance:
                yield source.positions.of_value(path), lambda key=key: f"{where()}: нет обязательного поля «{key}»"
        return
    yield source.positions.of_value(path), lambda: f"{where()}: {_describe_violation(violation)}"


def _unknown_key(path: NodePath, allowed: list[str], data: Any) -> str:
    return f"{describe_path(path, data)}: неизвестное поле «{path[-1]}»{_suggest(path[-1], allowed)}"


def _describe_violation(violation: ValidationError) -> str:
    value = violation.instance
    shown = _quote(value)
    kind, expected = violation.validator, violation.validator_value
    if kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        return f"ожидается {' или '.join(_TYPE_NAMES[name] for name in names)}, а записано {shown}"
    if kind == "enum":
        return f"недопустимое значение {shown}; допустимые: {', '.join(map(str, expected))}"
    if kind == "const":
        return f"значение должно быть «{expected}», а записано {shown}"
    if kind == "format" and expected == "date":
        return f"{shown} — несуществующая дата (нужна настоящая дата в виде ГГГГ-ММ-ДД)"
    if kind == "pattern":
        hint = violation.schema.get("description", f"значение должно соответствовать шаблону {expected}")
        return f"недопустимое значение {shown}. {hint}"
    if kind == "minLength":
        return "пустая строка: значение обязательно"
    if kind == "maxLength":
        return f"значение длиннее {expected} символов"
    if kind == "uniqueItems":
        return "в списке есть повторяющиеся элементы"
    return violation.message


def describe_path(path: NodePath, data: Any) -> str:
    """A reader's name for a place in the data: «решение 3.2, поле deadline.kind»."""
    if not path:
        return "документ"
    if len(path) >= 2 and path[0] == "decisions" and isinstance(path[1], int):
        decision_id = _get(data, path[:2] + ("id",))
        label = f"решение {decision_id}" if isinstance(decision_id, str) else f"решение №{path[1] + 1} по порядку"
        rest = _dotted(path[2:])
        return f"{label}, поле {rest}" if rest else label
    return f"поле {_dotted(path)}"


def _dotted(path: NodePath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _get(data: Any, path: NodePath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _quote(value: Any) -> str:
    if isinstance(value, str):
        return f"«{value if len(value) <= 60 else value[:57] + '…'}»"
    if isinstance(value, dict):
        return "объект"
    if isinstance(value, list):
        return "список"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (да/нет; строку заключите в кавычки)"
    if value is None:
        return "пустое значение"
    return f"{value} (число; строку заключите в кавычки)"


def _suggest(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f"; может быть, «{close[0]}»?"
    return f"; допустимые поля: {', '.join(allowed)}"
