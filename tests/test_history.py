"""The history of a decision's status, read from a small git repository made for each test.

The story the main test tells: a protocol is added with two open decisions;
decision 1 is marked done; the text of the protocol is corrected (no status
change); decision 2 is cancelled on a branch merged into main; decision 1 is
reopened; a second protocol arrives with a decision already done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from build_tools import gitlog
from build_tools.history import StatusChange, status_history
from build_tools.model import State, Status
from conftest import FIXTURES, REPO_ROOT, run_cli

PROTOCOL = "protocols/uo-test/2020-01-15-soveshchanie.md"
KEY = "uo-test/2020-01-15-soveshchanie"
MOSCOW = timezone(timedelta(hours=3))


class Repo:
    """A git repository in a temporary folder whose commits have the dates we give them."""

    def __init__(self, path: Path):
        self.path = path
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *args: str, when: str = "2024-01-01T12:00:00+03:00") -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": "Редактор", "GIT_AUTHOR_EMAIL": "editor@example.org",
               "GIT_COMMITTER_NAME": "Редактор", "GIT_COMMITTER_EMAIL": "editor@example.org",
               "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        return subprocess.run(["git", "-C", str(self.path), *args], env=env, check=True,
                              capture_output=True, text=True).stdout.strip()

    def commit(self, message: str, when: str) -> str:
        self.git("add", "--all")
        self.git("commit", "--quiet", "-m", message, when=when)
        return self.git("rev-parse", "HEAD")

    def status(self, *args: str) -> None:
        result = run_cli("--root", self.path, "status", KEY, *args)
        assert result.exit_code == 0, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "kb", root)
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    (root / PROTOCOL).write_text((root / PROTOCOL).read_text().replace(
        "    status:\n      state: done\n      date: 2020-04-20\n      note: Отчёт представлен.\n", ""))
    return Repo(root)


def change(commit: str, when: str, state: State, on: date | None = None, note: str | None = None) -> StatusChange:
    return StatusChange(commit, datetime.fromisoformat(when), Status(state, on, note))


def test_each_status_change_is_listed_with_its_commit_and_date(repo):
    repo.commit("Протокол 15.01.2020", "2024-01-10T10:00:00+03:00")
    repo.status("2.1", "done", "--date", "2020-01-24", "--note", "Анализ проведён.")
    marked = repo.commit("Исполнено 2.1", "2024-01-11T10:00:00+03:00")
    (repo.path / PROTOCOL).write_text((repo.path / PROTOCOL).read_text().replace("Принять к сведению", "Принять к сведению"
                                                                                  " представленную"))
    repo.commit("Исправлен текст решения 1", "2024-01-12T10:00:00+03:00")
    repo.git("switch", "--quiet", "-c", "cancel")
    repo.status("2.2", "cancelled", "--date", "2020-03-01")
    repo.commit("Отменено 2.2", "2024-01-13T10:00:00+03:00")
    repo.git("switch", "--quiet", "main")
    repo.git("merge", "--quiet", "--no-ff", "-m", "Merge pull request #1", "cancel", when="2024-01-14T10:00:00+03:00")
    merged = repo.git("rev-parse", "HEAD")
    repo.status("2.1", "open")
    reopened = repo.commit("2.1 снова открыто", "2024-01-15T10:00:00+03:00")
    second = repo.path / "protocols/uo-test/2020-02-10-vtoroe.md"
    second.write_text("---\nkind: протокол\ntitle: Второе\nauthority: uo-test\ndate: 2020-02-10\ndecisions:\n"
                      "  - id: \"1\"\n    text: Провести семинар.\n    assignees: [school-1]\n"
                      "    status:\n      state: done\n      date: 2020-02-20\n---\n")
    added = repo.commit("Второй протокол", "2024-01-16T10:00:00+03:00")

    assert status_history(repo.path) == {
        f"{KEY}#2.1": [
            change(marked, "2024-01-11T10:00:00+03:00", State.DONE, date(2020, 1, 24), "Анализ проведён."),
            change(reopened, "2024-01-15T10:00:00+03:00", State.OPEN),
        ],
        f"{KEY}#2.2": [change(merged, "2024-01-14T10:00:00+03:00", State.CANCELLED, date(2020, 3, 1))],
        "uo-test/2020-02-10-vtoroe#1": [change(added, "2024-01-16T10:00:00+03:00", State.DONE, date(2020, 2, 20))],
    }
    assert status_history(repo.path)[f"{KEY}#2.2"][0].committed.utcoffset() == MOSCOW.utcoffset(None)


def test_the_whole_history_is_read_by_one_walk_however_many_files_and_readers(repo, monkeypatch):
    for number in range(1, 6):
        repo.status("2.1", "done", "--date", f"2020-01-2{number}")
        shutil.copy(repo.path / PROTOCOL, repo.path / f"protocols/uo-test/2020-01-15-copy-{number}.md")
        repo.commit(f"Шаг {number}", f"2024-01-0{number}T10:00:00+03:00")
    calls = []
    run = subprocess.run
    monkeypatch.setattr(gitlog.subprocess, "run", lambda args, **kwargs: calls.append(args[3]) or run(args, **kwargs))
    assert len(status_history(repo.path)) == 6
    assert calls == ["rev-parse", "rev-parse", "log", "cat-file"]
    calls.clear()
    assert len(status_history(repo.path)) == 6  # a second reader at the same commit: only HEAD is asked
    assert calls == ["rev-parse"]


def test_a_version_that_cannot_be_read_is_skipped(repo):
    repo.commit("Протокол", "2024-01-10T10:00:00+03:00")
    good = (repo.path / PROTOCOL).read_text()
    (repo.path / PROTOCOL).write_text(good.replace("decisions:", "decisions: [\n"))
    repo.commit("Сломанный YAML", "2024-01-11T10:00:00+03:00")
    (repo.path / PROTOCOL).write_text(good.replace('  - id: "2.2"\n', '  - id: "2.2"\n    status: сделано\n'))
    repo.commit("Статус не по схеме", "2024-01-12T10:00:00+03:00")
    (repo.path / PROTOCOL).write_text(good)
    repo.status("2.2", "done", "--date", "2020-04-20")
    fixed = repo.commit("Исполнено 2.2", "2024-01-13T10:00:00+03:00")
    assert status_history(repo.path) == {
        f"{KEY}#2.2": [change(fixed, "2024-01-13T10:00:00+03:00", State.DONE, date(2020, 4, 20))]}


def test_registry_files_and_deleted_protocols_add_no_changes(repo):
    repo.status("2.1", "done", "--date", "2020-01-24")
    marked = repo.commit("Исполнено 2.1", "2024-01-10T10:00:00+03:00")
    (repo.path / "protocols/registry/test.yaml").write_text(
        (repo.path / "protocols/registry/test.yaml").read_text() + "# комментарий\n")
    (repo.path / PROTOCOL).unlink()
    repo.commit("Протокол удалён", "2024-01-11T10:00:00+03:00")
    assert status_history(repo.path) == {
        f"{KEY}#2.1": [change(marked, "2024-01-10T10:00:00+03:00", State.DONE, date(2020, 1, 24))]}


def test_a_committed_file_whose_name_is_not_utf8_is_left_out_of_the_history(repo):
    from build_tools.site.gitdates import last_changed

    repo.status("2.1", "done", "--date", "2020-01-24")
    not_utf8 = os.fsencode(repo.path / "protocols/uo-test") + b"/2020-01-16-\xff\xfe.md"
    Path(os.fsdecode(not_utf8)).write_bytes((repo.path / PROTOCOL).read_bytes())
    (repo.path / "protocols/\xe9t\xe9.md".encode("latin-1").decode("utf-8", "surrogateescape")).write_text("x")
    marked = repo.commit("Исполнено 2.1 и файлы с именами не в UTF-8", "2024-01-10T10:00:00+03:00")

    assert status_history(repo.path) == {
        f"{KEY}#2.1": [change(marked, "2024-01-10T10:00:00+03:00", State.DONE, date(2020, 1, 24))]}
    assert set(last_changed(repo.path, "protocols")) == {PROTOCOL, "protocols/uo-test/2020-03-02-soveshchanie.md",
                                                         "protocols/registry/test.yaml"}


def test_outside_git_there_is_no_history(tmp_path):
    shutil.copytree(FIXTURES / "kb", tmp_path / "kb")
    assert status_history(tmp_path / "kb") == {}


def test_a_repository_without_commits_has_no_history(repo):
    assert status_history(repo.path) == {}


def test_a_shallow_clone_has_no_history(repo, tmp_path):
    repo.status("2.1", "done", "--date", "2020-01-24")
    repo.commit("Исполнено 2.1", "2024-01-10T10:00:00+03:00")
    repo.git("commit", "--quiet", "--allow-empty", "-m", "Ещё коммит")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{repo.path}", str(shallow)], check=True)
    assert status_history(repo.path) != {}
    assert status_history(shallow) == {}


def test_a_protocol_page_shows_when_and_in_which_commit_a_status_changed():
    from build_tools.pipeline import load_knowledge_base
    from build_tools.site.pages import SiteContext, site_pages
    from build_tools.site.plan import plan_site

    kb = load_knowledge_base(REPO_ROOT).knowledge_base
    protocol_id = "uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo"
    done = StatusChange("0123456789abcdef" * 2 + "01234567", datetime(2022, 2, 1, 10, tzinfo=MOSCOW),
                        Status(State.DONE, date(2022, 1, 18)))
    context = SiteContext(kb, plan_site(kb.protocols, kb.registry, date(2022, 3, 1)), "https://example.org/",
                          history={f"{protocol_id}#3": [done]}, repo_url="https://github.com/example/kb")
    pages = site_pages(context, context.plan.parts[0])
    [page] = [page for page in pages if page.url == f"protocols/{protocol_id}/"]
    assert "## История отметок {#history}" in page.markdown
    assert ('<a href="#d-3">п. 3</a>: выполнено 18 января 2022\u202fг. — записано 1 февраля 2022\u202fг., '
            'коммит <a href="https://github.com/example/kb/commit/' + done.commit + '"><code>0123456</code></a>'
            ) in page.markdown
    others = [page for page in pages if page.url.startswith("protocols/") and page.url != f"protocols/{protocol_id}/"
              and page.source]
    assert all("История отметок" not in page.markdown for page in others)
