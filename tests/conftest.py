"""Shared fixtures: a small knowledge base in a temporary folder, and the CLI as users call it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main

# The browser fixtures (one site build, one server, one Chromium per session) for every test module.
pytest_plugins = ["browser"]

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def run_cli(*args: str | Path) -> CliResult:
    """Run `protocols …` in-process, stdout and stderr apart, as a user would see them."""
    result = CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A copy of the small test knowledge base with the real schemas; tests may change it."""
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "kb", root)
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    return root
