"""The fast schema gate and the explaining validator must agree on every document."""

from __future__ import annotations

import copy

import pytest

from build_tools.loader import read_protocol
from build_tools.pipeline import SCHEMA_DIR, protocol_files
from build_tools.schema import Schemas
from conftest import FIXTURES, REPO_ROOT

SCHEMAS = Schemas(REPO_ROOT / SCHEMA_DIR)
DOCUMENTS = [read_protocol(path, path.name).data for path in
             protocol_files(REPO_ROOT) + protocol_files(FIXTURES / "kb")]


def _set(path, value):
    def mutate(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return mutate


MUTATIONS = {
    "missing-required": _set(("title",), KeyError),
    "unknown-key": _set(("colour",), "red"),
    "wrong-type": _set(("number",), 2),
    "impossible-date": _set(("date",), "2021-02-30"),
    "bad-id": _set(("authority",), "../etc"),
    "bad-decision-id": _set(("decisions", 0, "id"), "1/2"),
    "done-without-date": _set(("decisions", 0, "status"), {"state": "done"}),
    "unknown-deadline-kind": _set(("decisions", 0, "deadline"), {"text": "x", "kind": "someday"}),
    "empty-text": _set(("decisions", 0, "text"), " "),
    "duplicate-tags": _set(("tags",), ["ВПР", "ВПР"]),
}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: f"{d['authority']}-{d['date']}")
def test_real_documents_are_valid_for_both(document):
    assert SCHEMAS.protocol.is_valid(document)
    assert SCHEMAS.protocol.explaining.is_valid(document)


@pytest.mark.parametrize("mutation", MUTATIONS.values(), ids=MUTATIONS.keys())
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: f"{d['authority']}-{d['date']}")
def test_broken_documents_are_invalid_for_both(document, mutation):
    broken = copy.deepcopy(document)
    mutation(broken)
    assert not SCHEMAS.protocol.explaining.is_valid(broken)
    assert not SCHEMAS.protocol.is_valid(broken)


def _patterns(node):
    """Every «pattern» of a schema, wherever it is."""
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


# A value each pattern of the schemas accepts; a new pattern needs its line here.
PATTERN_EXAMPLES = {
    "^https?://\\S+$": "https://uo.example/doc.pdf",
    "\\S": "текст",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "uo-test",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "2020-02-10",
    "^[0-9]{1,3}(\\.[0-9]{1,3}){0,5}$": "1.2",
    "^[^\\s<>][^<>\\r\\n]{0,39}$": "ВПР",
    "^[a-z0-9]+(-[a-z0-9]+)*/[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$": "uo-test/2020-01-15-soveshchanie",
    "^[A-Za-z]+(/[A-Za-z_+-]+)+$": "Europe/Samara",
}
SCHEMA_PATTERNS = sorted({pattern for name in ("protocol.schema.json", "registry.schema.json")
                          for pattern in _patterns(SCHEMAS.load(name))})


def test_every_pattern_of_the_schemas_has_an_example():
    assert sorted(PATTERN_EXAMPLES) == SCHEMA_PATTERNS


@pytest.mark.parametrize("pattern", SCHEMA_PATTERNS)
def test_an_anchored_pattern_refuses_a_trailing_line_break_in_both_validators(pattern):
    from build_tools.schema import CompiledSchema

    schema = CompiledSchema({"type": "string", "pattern": pattern})
    example = PATTERN_EXAMPLES[pattern]
    assert schema.is_valid(example) and schema.explaining.is_valid(example)
    for tail in ("\n", "\r\n", "\n\n"):
        expected = not pattern.endswith("$")  # «\S» finds its character anywhere
        assert schema.is_valid(example + tail) is expected
        assert schema.explaining.is_valid(example + tail) is expected
