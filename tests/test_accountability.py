"""Accountability in the model: execution per organization, deadlines and states changed by later
decisions, links seen from both ends (build_tools/model.py, build_tools/links.py, build_tools/rules.py).

The fixture knowledge base carries one of each: protocol 2020-03-02 extends the deadline of
2020-01-15 п. 2.1, executes its п. 2 with a deadline in working days, one school of two has
reported, and п. 3 assigns control over the protocol.
"""

from __future__ import annotations

from datetime import date

import pytest

from build_tools.model import (Decision, Execution, Group, LinkType, Organization, Progress, Ref, Registry, State,
                               Status, Timing)
from build_tools.pipeline import load_knowledge_base
from conftest import run_cli

JANUARY = "uo-test/2020-01-15-soveshchanie"
MARCH = "uo-test/2020-03-02-soveshchanie"


def decision(kb, protocol_id: str, decision_id: str) -> Decision:
    task = kb.find(Ref(protocol_id, decision_id))
    return task.decision


@pytest.fixture
def fixture_kb(kb):
    result = load_knowledge_base(kb)
    assert result.errors == []
    return result.knowledge_base


# --- links, both ways ----------------------------------------------------------------------------


def test_an_extended_deadline_keeps_the_original_and_puts_the_new_one_in_force(fixture_kb):
    extended = decision(fixture_kb, JANUARY, "2.1")
    assert (extended.deadline.text, extended.deadline.due) == ("до 24.01.2020 г.", date(2020, 1, 24))
    assert (extended.current_deadline.text, extended.due) == ("до 20.03.2020", date(2020, 3, 20))
    [change] = extended.deadline_changes
    assert (change.source, change.date) == (Ref(MARCH, "1"), date(2020, 3, 2))
    assert extended.timing(date(2020, 2, 1)) is Timing.LATER  # overdue by the original deadline, not by the new one


def test_a_link_is_seen_from_both_ends(fixture_kb):
    source = decision(fixture_kb, MARCH, "2")
    [link] = source.links
    assert (link.type, link.target) == (LinkType.EXECUTES, Ref(JANUARY, "2"))
    [followup] = decision(fixture_kb, JANUARY, "2").followed_by
    assert (followup.type, followup.source, followup.text) == (LinkType.EXECUTES, Ref(MARCH, "2"),
                                                                "п. 2 решения совещания от 15.01.2020 № 1")
    assert fixture_kb.find(followup.source).decision is source


def test_a_link_without_protocol_names_its_own_protocol_as_a_whole(fixture_kb):
    [followup] = fixture_kb.protocol(MARCH).followed_by
    assert (followup.type, followup.source) == (LinkType.CONTROLS, Ref(MARCH, "3"))
    assert decision(fixture_kb, MARCH, "3").is_task  # Петров is responsible; no «нет срока» warning for it


HEADING_PROTOCOL = """\
---
kind: протокол
title: Цель
authority: uo-test
date: 2020-04-01
decisions:
  - id: "1"
    text: "Руководителям ОО:"
    assignees: [test-heads-oo]
  - id: "1.1"
    text: Провести собрания.
    deadline: {text: до 10.04.2020, kind: by, due: 2020-04-10}
  - id: "1.2"
    text: Сдать отчёт.
    deadline: {text: до 20.04.2020, kind: by, due: 2020-04-20}
    status: {state: done, date: 2020-04-15}
  - id: "2"
    text: Провести проверку.
    assignees: [school-1]
    deadline: {text: до 30.04.2020, kind: by, due: 2020-04-30}
---
"""

LATER_PROTOCOL = """\
---
kind: протокол
title: Ссылки
authority: uo-test
date: {day}
decisions:
  - id: "1"
    text: {text}
    links:
      - {link}
---
"""


def write_pair(kb, *later: tuple[str, str, str]):
    (kb / "protocols/uo-test/2020-04-01-tsel.md").write_text(HEADING_PROTOCOL, encoding="utf-8")
    for day, text, link in later:
        (kb / f"protocols/uo-test/{day}-ssylka.md").write_text(
            LATER_PROTOCOL.format(day=day, text=text, link=link), encoding="utf-8")
    result = load_knowledge_base(kb)
    assert result.errors == [], [problem.format_text() for problem in result.errors]
    return result.knowledge_base


TARGET = "protocol: uo-test/2020-04-01-tsel"

# (id, later decisions, decision, its state in force, date, due in force)
OUTCOMES = [
    ("marks-done", [("2020-05-05", "Считать исполненным п. 2.", f"{{type: marks_done, {TARGET}, decision: '2'}}")],
     "2", State.DONE, date(2020, 5, 5), date(2020, 4, 30)),
    ("withdraws", [("2020-05-05", "Снять с контроля п. 2.", f"{{type: withdraws, {TARGET}, decision: '2'}}")],
     "2", State.WITHDRAWN, date(2020, 5, 5), date(2020, 4, 30)),
    ("revokes", [("2020-05-05", "Признать утратившим силу п. 2.", f"{{type: revokes, {TARGET}, decision: '2'}}")],
     "2", State.CANCELLED, date(2020, 5, 5), date(2020, 4, 30)),
    ("heading-covers-its-items", [("2020-05-05", "Продлить срок п. 1 до 15.05.2020.",
                                   f"{{type: extends, {TARGET}, decision: '1', deadline: {{text: до 15.05.2020, "
                                   "kind: by, due: 2020-05-15}}")],
     "1.1", State.OPEN, None, date(2020, 5, 15)),
    ("recorded-status-wins", [("2020-05-05", "Снять с контроля п. 1.", f"{{type: withdraws, {TARGET}, decision: '1'}}")],
     "1.2", State.DONE, date(2020, 4, 15), date(2020, 4, 20)),
    ("whole-protocol", [("2020-05-05", "Снять с контроля протокол.", f"{{type: withdraws, {TARGET}}}")],
     "1.1", State.WITHDRAWN, date(2020, 5, 5), date(2020, 4, 10)),
    ("last-extension-in-force", [
        ("2020-05-12", "Продлить до 01.06.2020.", f"{{type: extends, {TARGET}, decision: '2', deadline: {{text: "
                                                   "до 01.06.2020, kind: by, due: 2020-06-01}}"),
        ("2020-05-05", "Продлить до 15.05.2020.", f"{{type: extends, {TARGET}, decision: '2', deadline: {{text: "
                                                   "до 15.05.2020, kind: by, due: 2020-05-15}}")],
     "2", State.OPEN, None, date(2020, 6, 1)),
    ("first-closing-wins", [
        ("2020-05-12", "Считать исполненным п. 2.", f"{{type: marks_done, {TARGET}, decision: '2'}}"),
        ("2020-05-05", "Снять с контроля п. 2.", f"{{type: withdraws, {TARGET}, decision: '2'}}")],
     "2", State.WITHDRAWN, date(2020, 5, 5), date(2020, 4, 30)),
    ("executes-changes-nothing", [("2020-05-05", "Во исполнение п. 2 провести…", f"{{type: executes, {TARGET}, decision: '2'}}")],
     "2", State.OPEN, None, date(2020, 4, 30)),
]


@pytest.mark.parametrize("later, decision_id, state, closed_on, due", [case[1:] for case in OUTCOMES],
                         ids=[case[0] for case in OUTCOMES])
def test_later_decisions_set_the_deadline_and_state_in_force(kb, later, decision_id, state, closed_on, due):
    target = decision(write_pair(kb, *later), "uo-test/2020-04-01-tsel", decision_id)
    assert (target.outcome.state, target.outcome.date, target.due) == (state, closed_on, due)
    assert (target.timing(date(2021, 1, 1)) is Timing.CLOSED) == (state is not State.OPEN)


def test_the_state_in_force_names_the_decision_that_set_it(kb):
    target = decision(write_pair(kb, OUTCOMES[0][1][0]), "uo-test/2020-04-01-tsel", "2")
    assert target.status == Status()  # the record of the decision itself is untouched
    assert target.outcome == Status(State.DONE, date(2020, 5, 5), by=Ref("uo-test/2020-05-05-ssylka", "1"))


# --- progress per executor -------------------------------------------------------------------------


def registry() -> Registry:
    schools = {f"s{n}": Organization(f"s{n}", "school", f"СОШ № {n}", parent="uo") for n in range(1, 5)}
    groups = {"heads": Group("heads", "руководители ОО", "uo", members=("s1", "s2", "s3")),
              "deputies": Group("deputies", "заместители по УВР", "uo")}
    return Registry({"uo": Organization("uo", "authority", "УО"), **schools}, groups, {})


def marks(*entries: tuple[str, State]) -> tuple[Execution, ...]:
    return tuple(Execution(assignee, Status(state, date(2020, 3, 12))) for assignee, state in entries)


# (id, assignees, marks, executors, done, excused, pending, required)
PROGRESS = [
    ("group-expands-to-members", ("heads",), marks(("s1", State.DONE)),
     ("s1", "s2", "s3"), ("s1",), (), ("s2", "s3"), 3),
    ("group-mark-covers-every-member", ("heads",), marks(("heads", State.DONE)),
     ("s1", "s2", "s3"), ("s1", "s2", "s3"), (), (), 3),
    ("own-mark-wins-over-the-group", ("heads",), marks(("heads", State.DONE), ("s2", State.CANCELLED)),
     ("s1", "s2", "s3"), ("s1", "s3"), ("s2",), (), 2),
    ("member-named-twice-counts-once", ("heads", "s2", "s4"), marks(("s4", State.DONE)),
     ("s1", "s2", "s3", "s4"), ("s4",), (), ("s1", "s2", "s3"), 4),
    ("group-without-members-stands-for-itself", ("deputies",), marks(("deputies", State.DONE)),
     ("deputies",), ("deputies",), (), (), 1),
    ("no-marks-no-accounting", ("heads",), (), ("s1", "s2", "s3"), (), (), ("s1", "s2", "s3"), 3),
]


@pytest.mark.parametrize("assignees, execution, executors, done, excused, pending, required",
                         [case[1:] for case in PROGRESS], ids=[case[0] for case in PROGRESS])
def test_progress_counts_each_executor_once(assignees, execution, executors, done, excused, pending, required):
    progress = registry().progress(Decision("1", "Текст.", assignees=assignees, execution=execution))
    assert (progress.executors, progress.done, progress.excused, progress.pending, progress.required) == (
        executors, done, excused, pending, required)
    assert progress.is_recorded == bool(execution)


def test_executors_are_computed_once_per_set_of_assignees():
    shared = registry()
    assert shared.executors(("heads",)) is shared.executors(("heads",))


def test_the_fixture_school_that_reported_is_done_and_the_other_is_not(fixture_kb):
    progress = fixture_kb.progress(decision(fixture_kb, MARCH, "2"))
    assert progress == Progress(("school-1", "school-2"), {"school-1": progress.mark_of("school-1")})
    assert progress.mark_of("school-1").status.reference == "письмо от 12.03.2020 № 45"
    assert (len(progress.done), progress.required, progress.pending) == (1, 2, ("school-2",))


# --- what validation says of them ----------------------------------------------------------------

BASE = """\
---
kind: протокол
title: Тест
authority: uo-test
date: {day}
decisions:
  - id: "1"
    text: Текст.
{extra}---
"""

# (id, meeting day, lines of decision 1, where, message): the cases the broken fixture does not hold.
MESSAGES = [
    ("extends-without-deadline", "2020-05-05", "    links:\n      - {type: extends, protocol: " + JANUARY + ", decision: '2.1'}\n",
     "10:9", "error: решение 1, поле links[0]: нет обязательного поля «deadline»"),
    ("unknown-link-type", "2020-05-05", "    links:\n      - {type: cancels, protocol: " + JANUARY + "}\n",
     "10:16", "error: решение 1, поле links[0].type: недопустимое значение «cancels»; допустимые: executes, extends"),
    ("protocol-id-with-a-path", "2020-05-05", "    links:\n      - {type: executes, protocol: ../registry/test}\n",
     "10:36", "error: решение 1, поле links[0].protocol: недопустимое значение «../registry/test»"),
    ("execution-without-executors", "2020-05-05",
     "    execution:\n      - {assignee: school-1, state: done, date: 2020-05-06}\n",
     "10:9", "error: решение 1, поле execution[0]: у решения нет исполнителей (assignees); исполнение решения целиком "
            "отмечают в status"),
    ("execution-state-open", "2020-05-05", "    assignees: [school-1]\n"
     "    execution:\n      - {assignee: school-1, state: open, date: 2020-05-06}\n",
     "11:37", "error: решение 1, поле execution[0].state: недопустимое значение «open»; допустимые: done, cancelled"),
    ("working-days-into-an-unknown-year", "2027-12-29", "    assignees: [school-1]\n    deadline:\n"
     "      text: в течение 3 рабочих дней\n      kind: within\n      start: 2027-12-29\n      due: 2028-01-11\n"
     "      inferred: true\n", "11:13", "warning: решение 1, поле deadline: производственный календарь на 2028 год "
                                     "ещё не известен"),
]


@pytest.mark.parametrize("day, extra, where, message", [case[1:] for case in MESSAGES], ids=[case[0] for case in MESSAGES])
def test_each_message_about_links_and_execution(kb, day, extra, where, message):
    path = kb / f"protocols/uo-test/{day}-test.md"
    path.write_text(BASE.format(day=day, extra=extra), encoding="utf-8")
    result = run_cli("--root", kb, "validate", path)
    assert f"protocols/uo-test/{day}-test.md:{where}: {message}" in result.stdout, result.stdout


def test_a_link_into_a_protocol_outside_the_files_checked_is_checked_against_its_file(kb):
    path = kb / "protocols/uo-test/2020-05-05-test.md"
    path.write_text(BASE.format(day="2020-05-05", extra="    links:\n      - {type: executes, protocol: "
                                f"{MARCH}, decision: '7'}}\n"), encoding="utf-8")
    result = run_cli("--root", kb, "validate", path)
    assert f"в протоколе «{MARCH}» нет решения «7»; есть: 1, 2, 3" in result.stdout
