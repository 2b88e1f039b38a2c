"""Shared fixtures: a small knowledge base in a temporary folder, and the CLI as users call it."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from build_tools.cli import main

# The browser fixtures (one site build, one server, one Chromium per session) for every test module.
pytest_plugins = ["browser"]

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The fuzz suite (tests/test_fuzz_*.py, tests/fuzzing.py). «ci», the default: a fixed seed and a few
# examples per property, so that every run tries the same cases within minutes. «long» (`make fuzz`,
# `pytest --hypothesis-profile=long`): a hundred times the examples (FUZZ_LONG_EXAMPLES: another multiple of
# 100) from a random seed. Neither keeps a database of examples: a failure prints its minimal input and the
# blob that replays it.
# max_examples; a property's budget is a share of it (fuzzing.budget)
FUZZ_PROFILES = {"ci": 100, "long": int(os.environ.get("FUZZ_LONG_EXAMPLES", "10000"))}
for _name, _examples in FUZZ_PROFILES.items():
    settings.register_profile(
        _name, max_examples=_examples, derandomize=_name == "ci", database=None, deadline=None, print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
