"""Problems found in the knowledge base, and the two ways of printing them.

Every step of the pipeline reports what is wrong as a `Problem` instead of
raising, so that one run lists every problem in every file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .russian import ERRORS, WARNINGS, count

# A file with more problems than this is reported by its first ones and a count of the rest: a hostile file of
# 150,000 unknown keys gets 101 lines, not 150,000 (docs/security.md, «Пределы импорта и проверки»).
MAX_PROBLEMS_PER_FILE = 100


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, pointing at a place in a file (lines and columns from 1)."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format_text(self) -> str:
        """One line, whatever the message quotes: its line breaks are shown as escapes (``\\n``)."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {_one_line(self.message)}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        command = "error" if self.is_error else "warning"
        return (
            f"::{command} file={_escape_property(self.path)},line={self.line},col={self.col}::"
            f"{_escape_data(self.message)}"
        )


def error(path: str, line: int, col: int, message: str) -> Problem:
    return Problem(path, line, col, Severity.ERROR, message)


def warning(path: str, line: int, col: int, message: str) -> Problem:
    return Problem(path, line, col, Severity.WARNING, message)


# What str.splitlines() and editors take for the end of a line.
_LINE_BREAKS = {ord(char): char.encode("unicode_escape").decode("ascii")
                for char in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def _one_line(message: str) -> str:
    return message.translate(_LINE_BREAKS)


def capped(problems: list[Problem]) -> list[Problem]:
    """One file's problems in file order: the first `MAX_PROBLEMS_PER_FILE`, then one line that counts the rest."""
    problems = sorted(problems)
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    rest = problems[MAX_PROBLEMS_PER_FILE:]
    errors = sum(problem.is_error for problem in rest)
    return problems[:MAX_PROBLEMS_PER_FILE] + [more_problems(rest[0], errors, len(rest) - errors)]


def more_problems(first: Problem, errors: int, warnings: int, at_least: bool = False) -> Problem:
    """The line that stands for the problems not shown, at the place of the first of them; ``at_least``
    when the search stopped before the end of the file."""
    counted = " и ".join(count(number, noun) for number, noun in ((errors, ERRORS), (warnings, WARNINGS)) if number)
    return Problem(first.path, first.line, first.col, Severity.ERROR if errors else Severity.WARNING,
                   f"… и ещё {'не меньше ' if at_least else ''}{counted} в этом файле: показаны первые "
                   f"{MAX_PROBLEMS_PER_FILE}; исправьте их и проверьте файл снова")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
