"""Work bounded by the size of the input: hostile files cost time in proportion to their size, or are refused.

No test here measures wall-clock time. Each pathological input is one that costs minutes, hours or gigabytes
where the work is worse than linear, and milliseconds where it is linear; it runs in a fresh interpreter with a
generous timeout, so that a regression fails the test instead of hanging the suite. The limits themselves are
documented for editors in docs/security.md («Пределы импорта и проверки»).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from conftest import REPO_ROOT
from test_validate_cli import PROTOCOL, VALID_FRONT_MATTER, write

from build_tools.deadlines import MAX_WORDING_LENGTH, parse_deadline
from build_tools.problems import MAX_PROBLEMS_PER_FILE, capped, error, warning

GENEROUS_SECONDS = 60


def finishes(code: str, *args: str, seconds: float = GENEROUS_SECONDS) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter; a TimeoutExpired fails the test (the work is not bounded)."""
    return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO_ROOT, timeout=seconds,
                          capture_output=True, text=True)


def protocols(*args: str, seconds: float = GENEROUS_SECONDS) -> subprocess.CompletedProcess[str]:
    """The `protocols` command in a fresh interpreter, bounded as `finishes` is."""
    return finishes("import sys; from build_tools.cli import main; main(sys.argv[1:])", *args, seconds=seconds)


# --------------------------------------------------------------------------- 8. regular expressions

# (module, pattern, method, input): each pattern on the input that made it backtrack, 200,000 characters long.
# Quadratic backtracking would take many minutes here, cubic ones years.
LONG = 200_000
REGEX_CASES = [
    pytest.param("build_tools.deadlines", "_REWRITES[2][0]", "sub", "'1' * LONG", id="digits-before-brackets"),
    pytest.param("build_tools.deadlines", "_REWRITES[3][0]", "sub", "'1' * LONG", id="digits-before-ti"),
    pytest.param("build_tools.deadlines", "_REWRITES[4][0]", "sub", "' ' * LONG", id="spaces-before-inclusive"),
    pytest.param("build_tools.deadlines", "_REWRITES[5][0]", "sub", "' ' * LONG", id="spaces-around-dash"),
    pytest.param("build_tools.importer.header", "_DATE_LINE_REST", "fullmatch", "' ' * LONG + 'x'",
                 id="spaces-after-a-date"),
    pytest.param("build_tools.importer.header", "_FROM_DATE", "sub", "' ' * LONG", id="spaces-before-from"),
    pytest.param("build_tools.importer.header", "_MEETING", "search", "'районного ' * (LONG // 10)",
                 id="adjectives-without-a-meeting"),
    pytest.param("build_tools.importer.layout", "SIGNATURE_QUALIFIER", "fullmatch", "' ' * LONG + 'x'",
                 id="spaces-after-a-signature"),
    pytest.param("build_tools.importer.reading", "_PIPE_SEPARATOR", "match", "' ' * LONG + 'x'",
                 id="spaces-in-a-table-rule"),
    pytest.param("build_tools.importer.cleaning", "_ARTIFACTS[1][0]", "sub", "'[a' * (LONG // 2)",
                 id="brackets-without-a-span"),
]


@pytest.mark.parametrize("module, pattern, method, text", REGEX_CASES)
def test_regular_expressions_do_not_backtrack_on_long_runs(module, pattern, method, text):
    arguments = "' ', text" if method == "sub" else "text"
    done = finishes(f"import {module} as m\nLONG = {LONG}\ntext = {text}\nm.{pattern}.{method}({arguments})",
                    seconds=30)
    assert done.returncode == 0, done.stderr


def test_a_deadline_wording_past_the_limit_is_not_read():
    wording = "до " + "1" * MAX_WORDING_LENGTH
    assert parse_deadline(wording, date(2021, 1, 1)).kind == "unparsed"
    assert parse_deadline("до 25.12.2021", date(2021, 1, 1)).kind == "by"


def test_a_long_digit_run_as_a_deadline_validates_in_bounded_time(kb):
    """The 20 KB protocol whose deadline was a digit run took 14–24 s; the run is 100 KB here."""
    front_matter = VALID_FRONT_MATTER + f"    deadline:\n      text: '{'1' * 100_000}'\n      kind: unparsed\n"
    write(kb, "---\n" + front_matter + "---\n")
    done = protocols("--root", str(kb), "validate")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{PROTOCOL}:10:13: warning: решение 1, поле deadline: формулировка срока длиннее {MAX_WORDING_LENGTH} "
        "знаков (100000): правила сроков её не разбирают; проверьте kind и даты вручную или сократите формулировку"]


# --------------------------------------------------------------------------- 9. many problems in one file

def test_many_unknown_keys_are_reported_by_the_first_hundred_and_a_count(kb):
    """150,000 unknown keys ran past 5 minutes (a scan of the mapping per key); now one pass, 101 lines."""
    write(kb, "---\n" + VALID_FRONT_MATTER + "".join(f"k{i}: x\n" for i in range(150_000)) + "---\n")
    done = protocols("--root", str(kb), "validate")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1
    assert lines[0].startswith(f"{PROTOCOL}:9:1: error: поле k0: неизвестное поле «k0»")
    assert lines[-1] == (f"{PROTOCOL}:109:1: error: … и ещё 149900 ошибок в этом файле: показаны первые 100; "
                         "исправьте их и проверьте файл снова")


def test_the_count_of_the_rest_names_errors_and_warnings():
    problems = [error("a.md", line, 1, "x") for line in range(1, MAX_PROBLEMS_PER_FILE + 3)]
    problems.append(warning("a.md", 500, 1, "y"))
    assert capped(problems)[-1] == error("a.md", MAX_PROBLEMS_PER_FILE + 1, 1, "… и ещё 2 ошибки и 1 предупреждение "
                                         "в этом файле: показаны первые 100; исправьте их и проверьте файл снова")
    assert capped(problems[:MAX_PROBLEMS_PER_FILE]) == problems[:MAX_PROBLEMS_PER_FILE]
