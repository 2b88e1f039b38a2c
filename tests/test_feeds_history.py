"""A subscribed calendar updates instead of duplicating: UID, SEQUENCE and DTSTAMP across commits.

SEQUENCE counts the changes of a decision's deadline or status in the git history
of its protocol (build_tools/feeds.py: `git_history`, `sequence`); DTSTAMP is the
time of the last commit touching the file. Tested on a git repository built here,
commit by commit, and on the counting rule alone with an injected history.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from build_tools import urls
from build_tools.feeds import FileHistory, IncompleteHistory, Revision, feed_files, git_history, sequence, stamp
from build_tools.model import Decision, Protocol, Status, State, Task, deadline_from_data
from build_tools.pipeline import load_knowledge_base

PROTOCOL = "protocols/uo-test/2021-03-01-history.md"


def protocol_text(due: date, *, done: bool = False, text: str = "Провести анализ результатов ВПР.") -> str:
    """A protocol of the fixture authority: decision 1 moves, decision 2 never does."""
    status = "\n    status: {state: done, date: 2021-03-20}" if done else ""
    return f"""---
kind: протокол
title: История сроков
authority: uo-test
date: 2021-03-01
decisions:
  - id: "1"
    text: {text}
    assignees: [school-1]
    deadline: {{text: до {due:%d.%m.%Y}, kind: by, due: {due.isoformat()}}}{status}
  - id: "2"
    text: Обеспечить объективность проведения ВПР.
    assignees: [school-1]
    deadline: {{text: до 30.04.2021, kind: by, due: 2021-04-30}}
---
Протокол.
"""


def git(root: Path, *args: str, when: str = "2021-03-01T10:00:00+00:00") -> None:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "Тест", "GIT_AUTHOR_EMAIL": "test@example.org",
                   "GIT_COMMITTER_NAME": "Тест", "GIT_COMMITTER_EMAIL": "test@example.org",
                   "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(root), *args], env=environment, check=True, capture_output=True)


def commit(root: Path, content: str, when: str) -> None:
    (root / PROTOCOL).write_text(content, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change", when=when)


def events(root: Path) -> dict[str, tuple[str, int, datetime]]:
    """Decision id → (UID, SEQUENCE, DTSTAMP) in the school's feed, as a calendar reads them."""
    result = load_knowledge_base(root)
    assert not result.errors, [problem.format_text() for problem in result.errors]
    feed = feed_files(result.knowledge_base, site_url="https://example.org/", history=git_history(root))
    calendar = Calendar.from_ical(feed[urls.feed("org", "school-1")])
    return {str(event["UID"]).split("#")[1].split("@")[0]: (str(event["UID"]), int(event["SEQUENCE"]),
                                                           event["DTSTAMP"].dt)
            for event in calendar.walk("VEVENT") if "2021-03-01-history" in str(event["UID"])}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


# (what happens, new content or None for "no change", commit time or None for "not committed",
#  SEQUENCE of decision 1 then, DTSTAMP then)
STEPS = [
    ("first commit", protocol_text(date(2021, 3, 15)), "2021-03-01T10:00:00+00:00", 0, "2021-03-01T10:00:00+00:00"),
    ("deadline moved", protocol_text(date(2021, 3, 22)), "2021-03-05T09:30:00+03:00", 1, "2021-03-05T09:30:00+03:00"),
    ("only the text fixed", protocol_text(date(2021, 3, 22), text="Провести анализ результатов ВПР 2021."),
     "2021-03-06T12:00:00+00:00", 1, "2021-03-06T12:00:00+00:00"),
    ("marked done", protocol_text(date(2021, 3, 22), done=True, text="Провести анализ результатов ВПР 2021."),
     "2021-03-20T12:00:00+00:00", 2, "2021-03-20T12:00:00+00:00"),
    ("reopened: an earlier version comes back, the count still grows",
     protocol_text(date(2021, 3, 22), text="Провести анализ результатов ВПР 2021."),
     "2021-03-21T12:00:00+00:00", 3, "2021-03-21T12:00:00+00:00"),
    ("moved again, not yet committed: one more, DTSTAMP of the last commit",
     protocol_text(date(2021, 3, 29), text="Провести анализ результатов ВПР 2021."), None, 4,
     "2021-03-21T12:00:00+00:00"),
]


def test_a_changed_deadline_keeps_the_uid_and_raises_the_sequence(kb):
    git(kb, "init", "-q")
    uids = set()
    for what, content, when, expected_sequence, expected_stamp in STEPS:
        if when:
            commit(kb, content, when)
        else:
            (kb / PROTOCOL).write_text(content, encoding="utf-8")
        seen = events(kb)
        uids.add(seen["1"][0])
        assert seen["1"][1:] == (expected_sequence, utc(expected_stamp)), what
        assert seen["2"][1] == 0, what  # its deadline never changed
    assert uids == {"uo-test/2021-03-01-history#1@protocols-kb"}


def test_a_shallow_clone_is_refused_with_the_fix_in_russian(kb, tmp_path):
    git(kb, "init", "-q")
    commit(kb, protocol_text(date(2021, 3, 15)), "2021-03-01T10:00:00+00:00")
    commit(kb, protocol_text(date(2021, 3, 22)), "2021-03-05T10:00:00+00:00")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{kb}", str(shallow))
    with pytest.raises(IncompleteHistory, match=r"история git неполная \(shallow clone\).*fetch-depth: 0"):
        git_history(shallow)


def test_outside_git_or_before_the_first_commit_there_is_no_history(kb):
    assert git_history(kb) == {}
    git(kb, "init", "-q")
    assert git_history(kb) == {}


def task_with(deadline_text: str, due: str, state: State = State.OPEN) -> Task:
    protocol = Protocol(id="uo-test/2021-03-01-x", path="protocols/uo-test/2021-03-01-x.md", kind="протокол",
                        title="x", authority="uo-test", date=date(2021, 3, 1), decisions=())
    deadline = deadline_from_data({"text": deadline_text, "kind": "by", "due": due})
    return Task(protocol, Decision(id="1", text="x", assignees=("school-1",), deadline=deadline,
                                   status=Status(state, date(2021, 3, 20) if state is not State.OPEN else None)))


A = Revision("до 15.03.2021", "2021-03-15", "open")
B = Revision("до 22.03.2021", "2021-03-22", "open")
B_DONE = Revision("до 22.03.2021", "2021-03-22", "done")
COMMITTED = datetime(2021, 3, 21, 12, tzinfo=timezone.utc)

# (committed revisions of decision 1, the decision now, SEQUENCE)
COUNTING = [
    ((), task_with("до 15.03.2021", "2021-03-15"), 0),  # not committed yet
    ((A,), task_with("до 15.03.2021", "2021-03-15"), 0),
    ((A,), task_with("до 22.03.2021", "2021-03-22"), 1),  # changed in the working tree
    ((A, B), task_with("до 22.03.2021", "2021-03-22"), 1),
    ((A, B, B_DONE), task_with("до 22.03.2021", "2021-03-22", State.DONE), 2),
    ((A, B, A), task_with("до 15.03.2021", "2021-03-15"), 2),  # back to A: still a change
    ((A, B), task_with("до 22.03.2021", "2021-03-22", State.CANCELLED), 2),
]


@pytest.mark.parametrize(("past", "task", "expected"), COUNTING)
def test_sequence_counts_changes_not_distinct_versions(past, task, expected):
    history = {task.protocol.path: FileHistory(COMMITTED, {"1": past})}
    assert sequence(task, history) == expected
    assert stamp(task, history) == COMMITTED


def test_without_history_sequence_is_0_and_dtstamp_the_meeting_day():
    task = task_with("до 15.03.2021", "2021-03-15")
    assert (sequence(task, {}), stamp(task, {})) == (0, datetime(2021, 3, 1, tzinfo=timezone.utc))
