"""Problems found in the knowledge base, and the two ways of printing them.

Every step of the pipeline reports what is wrong as a `Problem` instead of
raising, so that one run lists every problem in every file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
