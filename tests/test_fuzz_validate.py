"""Fuzzing `protocols validate`: on any file it answers with problems, never with a traceback.

Whatever the bytes of a protocol (random, YAML written token by token, a real protocol mutated in
its values, keys, types, encoding and bytes), `validate` exits 0 or 1 and prints only lines
«путь:строка:столбец: error|warning: сообщение» in Russian, within the file's lines; 1 exactly
when one of them is an error. Strategies: tests/fuzzing.py; budgets: the profiles in conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import run_cli
from fuzzing import budget, fixture_knowledge_base, mutated_protocol, problem_lines, time_limit, yaml_front_matter
from fuzzing import schemas_compiled_once  # noqa: F401 - applies to this module's tests

PROTOCOL = "protocols/uo-test/2020-02-10-fuzz.md"
SECONDS = 20  # a file of these sizes is checked in well under a second


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Path:
    return fixture_knowledge_base(tmp_path_factory.mktemp("fuzz-validate"))


def assert_validated(kb: Path, content: bytes) -> None:
    (kb / PROTOCOL).write_bytes(content)
    with time_limit(SECONDS, "protocols validate"):
        result = run_cli("--root", kb, "validate", kb / PROTOCOL)
    problems = problem_lines(result.stdout)
    lines = content.count(b"\n") + content.count(b"\r") + 1  # a generous bound: every line break counts
    assert {problem["path"] for problem in problems} <= {PROTOCOL}
    assert all(int(problem["line"]) <= lines for problem in problems), result.stdout
    assert result.exit_code == (1 if any(problem["severity"] == "error" for problem in problems) else 0), result


@budget(60)
@given(content=st.binary(max_size=2000))
def test_any_bytes(kb, content):
    assert_validated(kb, content)


@budget(60)
@given(content=yaml_front_matter())
def test_any_yaml_front_matter(kb, content):
    assert_validated(kb, content)


@budget(150)
@given(content=mutated_protocol())
def test_mutated_real_protocols(kb, content):
    assert_validated(kb, content)
