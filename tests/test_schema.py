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
