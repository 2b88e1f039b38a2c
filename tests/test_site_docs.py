"""The documentation cannot drift: the format pages follow the schemas, the settings are all described."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from build_tools.pipeline import load_knowledge_base, protocol_files
from build_tools.site.gitdates import last_changed
from build_tools.site.schemadoc import field_table, schema_fields

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS = REPO_ROOT / "docs"


def schema(name: str) -> dict:
    return json.loads((REPO_ROOT / "schema" / name).read_text(encoding="utf-8"))


def key_paths(data: object, prefix: str = "") -> set[str]:
    """«decisions[].deadline.due» for every key used in a document."""
    if isinstance(data, dict):
        return {path for key, value in data.items()
                for path in {prefix + key} | key_paths(value, prefix + key + ".")}
    if isinstance(data, list):
        return {path for item in data for path in key_paths(item, prefix.removesuffix(".") + "[].")}
    return set()


def documented_example() -> str:
    """The example protocol of docs/format/index.md, front matter included."""
    page = (DOCS / "format/index.md").read_text(encoding="utf-8")
    return re.search(r"```yaml\n(---\n.*?\n---\n)```", page, re.DOTALL).group(1)


def test_the_documented_example_is_a_valid_protocol(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    shutil.copytree(REPO_ROOT / "protocols/registry", root / "protocols/registry")
    example = root / "protocols/uo-nazarovo/2022-02-01-primer.md"
    example.parent.mkdir()
    example.write_text(documented_example() + "\nПолный текст.\n", encoding="utf-8")

    result = load_knowledge_base(root)

    assert [problem.format_text() for problem in result.problems] == []
    assert len(result.knowledge_base.protocols) == 1


def test_every_field_people_write_is_in_the_reference():
    documented = {field.path for field in schema_fields(schema("protocol.schema.json"))}
    used = key_paths(yaml.safe_load(documented_example().strip("-\n")))
    for path in protocol_files(REPO_ROOT):
        used |= key_paths(next(yaml.safe_load_all(path.read_text(encoding="utf-8"))))
    assert used - documented == set()


def test_every_registry_field_in_use_is_in_the_reference():
    documented = {field.path for field in schema_fields(schema("registry.schema.json"))}
    used = set()
    for path in sorted((REPO_ROOT / "protocols/registry").glob("*.yaml")):
        used |= key_paths(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert used - documented == set()


@pytest.mark.parametrize(("schema_name", "some_fields"), [
    ("protocol.schema.json", ["kind", "chair.person", "attendees[].organization", "decisions[].deadline.due",
                              "decisions[].status.state", "source.url", "tags"]),
    ("registry.schema.json", ["organizations[].kind", "groups[].members", "people[].organization"]),
])
def test_the_reference_table_lists_fields_with_their_values(schema_name, some_fields):
    table = field_table(schema(schema_name))
    for field in some_fields:
        assert f"| `{field}` |" in table


def test_the_reference_says_what_is_required_and_allowed():
    table = field_table(schema("protocol.schema.json"))
    assert "| `decisions[].status.state` | да | одно из: `open`, `done`, `cancelled` |" in table
    assert "| `decisions[].deadline.due` |   | дата ГГГГ-ММ-ДД | Последний день срока. |" in table


@pytest.mark.parametrize("page", ["format/index.html", "format/registry/index.html"])
def test_the_format_pages_carry_the_generated_reference(built_site, page):
    html = (built_site / page).read_text(encoding="utf-8")
    assert "protocols:fields" not in html
    assert html.count("<td><code>") > 20


def test_every_deadline_kind_has_its_section_in_the_rules():
    kinds = schema("protocol.schema.json")["$defs"]["deadline"]["properties"]["kind"]["enum"]
    rules = (DOCS / "format/deadlines.md").read_text(encoding="utf-8")
    assert [kind for kind in kinds if f"### `{kind}`" not in rules] == []


def test_every_setting_of_the_build_is_documented():
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    variables = set(re.findall(r"!ENV \[(\w+)", config)) | {"PROTOCOLS_TODAY", "SOURCE_DATE_EPOCH"}
    about = (DOCS / "about.md").read_text(encoding="utf-8")
    assert sorted(name for name in variables if f"`{name}`" not in about) == []


def test_the_security_page_states_the_limits_of_dates_the_validator_applies():
    from build_tools.rules import MEETING_DAYS, YEARS_AFTER_MEETING, YEARS_BEFORE_MEETING

    page = (DOCS / "security.md").read_text(encoding="utf-8")
    first, last = MEETING_DAYS
    assert f"с 1 января {first.year} года по 31 декабря {last.year} года" in page
    assert f"с {2020 - YEARS_BEFORE_MEETING}-01-01 по {2020 + YEARS_AFTER_MEETING}-12-31" in page


# --- the date of the last change ----------------------------------------------------------


def git(root: Path, *args: str, day: str = "2021-01-01") -> None:
    stamp = f"{day}T12:00:00+03:00"
    environment = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                   "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
                   "PATH": "/usr/bin:/bin", "HOME": str(root)}
    subprocess.run(["git", *args], cwd=root, env=environment, check=True, capture_output=True)


def test_the_last_change_of_each_file_comes_from_one_git_log(tmp_path):
    folder = tmp_path / "protocols/uo-x"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text("1")
    (folder / "б.md").write_text("1")
    (tmp_path / "README").write_text("1")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first", day="2021-01-01")
    (folder / "б.md").write_text("2")
    git(tmp_path, "commit", "-q", "-am", "second", day="2021-03-05")

    assert last_changed(tmp_path, "protocols") == {"protocols/uo-x/a.md": date(2021, 1, 1),
                                                   "protocols/uo-x/б.md": date(2021, 3, 5)}


def test_outside_git_no_dates_are_shown(tmp_path):
    (tmp_path / "protocols").mkdir()
    assert last_changed(tmp_path, "protocols") == {}
