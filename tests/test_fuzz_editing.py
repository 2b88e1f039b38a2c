"""Fuzzing `protocols status` and `protocols new` with any arguments: a message and an exit code, never a traceback.

Arguments are drawn from what a user might type and what they should not: real protocol ids and
paths, paths outside the knowledge base, decision ids, states, dates, notes with markup and line
breaks, links, organization ids, titles and slugs. Whatever the arguments, the command exits 0, 1
or 2; when it changed a protocol, the file still passes `protocols validate`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from conftest import run_cli
from fuzzing import budget, fixture_knowledge_base, hostile_text, time_limit
from fuzzing import schemas_compiled_once  # noqa: F401 - applies to this module's tests

PROTOCOL = "protocols/uo-test/2020-01-15-soveshchanie.md"
SECONDS = 30


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Path:
    return fixture_knowledge_base(tmp_path_factory.mktemp("fuzz-editing"))


def text_or(*choices: str) -> st.SearchStrategy[str]:
    """One of ``choices`` half of the time, otherwise hostile or arbitrary text."""
    return st.one_of(st.sampled_from(choices), st.sampled_from(choices), hostile_text(1, 4), st.text(max_size=10))


dates = text_or("2020-04-20", "2020-02-30", "9999-12-31", "0001-01-01", "2020-4-2", "")
date_option = st.one_of(st.just(()), st.just(("--date", "2020-04-20")), st.tuples(st.just("--date"), dates))
options = st.lists(st.one_of(
    st.tuples(st.sampled_from(["--note", "--reference"]), hostile_text(1, 6)),
    st.tuples(st.just("--link"), text_or("https://example.org/x", "javascript:alert(1)", "http://", "https://a b")),
    st.tuples(st.just("--org"), text_or("school-1", "test-heads-oo", "uo-test", "nobody")),
), max_size=4, unique_by=lambda option: option[0] if option[0] != "--org" else option)


def run(kb: Path, *args: str):
    with time_limit(SECONDS, "protocols " + args[0]):
        result = run_cli("--root", kb, *args)
    assert result.exit_code in (0, 1, 2), result
    assert "Traceback" not in result.stdout + result.stderr
    event(f"exit {result.exit_code}")
    return result


@budget(60)
@given(protocol=text_or("uo-test/2020-01-15-soveshchanie", PROTOCOL, "/etc/hostname", "uo-test/../../x", "."),
       decision=text_or("1", "2", "2.1", "2.2", "9"),
       state=text_or("done", "cancelled", "open"), when=date_option, extra=options)
def test_status_with_any_arguments(kb, protocol, decision, state, when, extra):
    original = (kb / PROTOCOL).read_bytes()
    result = run(kb, "status", protocol, decision, state, *when, *[part for option in extra for part in option])
    if (kb / PROTOCOL).read_bytes() != original:
        assert result.exit_code == 0, result
        assert run_cli("--root", kb, "validate", kb / PROTOCOL).exit_code == 0
        (kb / PROTOCOL).write_bytes(original)


@budget(40)
@given(authority=text_or("uo-test", "school-1", "../uo-test", "uo-test/x"), day=dates,
       extra=st.lists(st.tuples(st.sampled_from(["--title", "--kind", "--slug"]),
                                text_or("протокол", "решение совещания", "x", "a-b", "../x", "Тема")), max_size=3))
def test_new_with_any_arguments(kb, authority, day, extra):
    before = set(kb.rglob("*"))
    run(kb, "new", authority, day, *[part for option in extra for part in option])
    created = [path for path in kb.rglob("*") if path not in before and path.is_file()]
    assert all(path.resolve().is_relative_to((kb / "protocols").resolve()) for path in created), created
    for path in created:
        path.unlink()
