"""YAML text for the lines the editing commands write.

Two readers must agree on every value written here: ruamel.yaml (YAML 1.2,
used to find where to edit) and the loader's PyYAML (YAML 1.1), for which
``yes``, ``no`` or ``on`` are booleans. A string that YAML 1.1 would read as
anything but a string is therefore double-quoted.
"""

from __future__ import annotations

import io
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

_RESOLVER = yaml.resolver.Resolver()
_STRING_TAG = "tag:yaml.org,2002:str"


def block_lines(mapping: dict[str, Any], indent: int) -> list[str]:
    """``mapping`` as block-style YAML lines (each ending in a newline), shifted right by ``indent``."""
    writer = YAML()
    writer.width = 1_000_000  # one value, one line: never re-wrap a long note
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.representer.ignore_aliases = lambda data: True  # one date in two marks is written twice, not &anchored
    out = io.StringIO()
    writer.dump(_quoted_where_needed(mapping), out)
    return [" " * indent + line for line in out.getvalue().splitlines(keepends=True)]


def scalar(value: str) -> str:
    """One string as it would appear after «key: » on a line."""
    line = block_lines({"k": value}, 0)[0]
    return line.removeprefix("k: ").rstrip("\n")


def _quoted_where_needed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _quoted_where_needed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_quoted_where_needed(item) for item in value]
    if isinstance(value, str) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STRING_TAG:
        return DoubleQuotedScalarString(value)
    return value
