"""The five source documents as the knowledge base records them, seen through the model."""

from __future__ import annotations

from datetime import date

import pytest

from build_tools.model import Timing
from build_tools.pipeline import load_knowledge_base
from conftest import REPO_ROOT

POCHINOK = "protocols/oo-pochinok/2020-10-07-kollegiya-gia.md"
IZHEVSK = "protocols/uo-izhevsk/2021-12-06-sobesedovanie-vpr.md"

# The anomalies of the sources, kept as written and reported; nothing else.
EXPECTED_WARNINGS = [
    (POCHINOK, "решение 1.2.2", "больше чем через год после заседания"),
    (POCHINOK, "решение 1.1.4", "пункт стоит не под тем родителем"),
    (POCHINOK, "решение 4.1.3", "раньше даты заседания"),
    (POCHINOK, "решение 4.2.1", "раньше даты заседания"),
    (POCHINOK, "решение 4.2.2", "раньше даты заседания"),
    (POCHINOK, "решение 4.2.3", "у поручения нет срока"),
    (IZHEVSK, "решение 1", "у поручения нет срока"),
    (IZHEVSK, "решение 2", "у поручения нет срока"),
    (IZHEVSK, "решение 3", "у поручения нет срока"),
    (IZHEVSK, "решение 4", "у поручения нет срока"),
]


@pytest.fixture(scope="module")
def result():
    return load_knowledge_base(REPO_ROOT)


@pytest.fixture(scope="module")
def kb(result):
    return result.knowledge_base


def protocol(kb, protocol_id):
    [found] = [p for p in kb.protocols if p.id == protocol_id]
    return found


def decision(kb, protocol_id, decision_id):
    [found] = [d for d in protocol(kb, protocol_id).decisions if d.id == decision_id]
    return found


def test_only_the_expected_warnings_and_no_errors(result):
    assert result.errors == []
    assert len(result.warnings) == len(EXPECTED_WARNINGS)
    for problem, (path, where, what) in zip(result.warnings, EXPECTED_WARNINGS):
        assert problem.path == path
        assert problem.message.startswith(where + ":") or problem.message.startswith(where + ",")
        assert what in problem.message


def test_all_five_protocols_are_loaded_newest_first(kb):
    assert [p.date for p in kb.protocols] == sorted((p.date for p in kb.protocols), reverse=True)
    assert {p.source["file"] for p in kb.protocols} == {
        "000_5dcf5a516bf37190.txt", "001_11f38a75561bd15e.txt", "002_fcc2bbb2895fd7c0.txt",
        "003_28f4bab1eca8fde3.txt", "004_0d93126c9b47b308.txt",
    }


def test_decision_counts_match_the_sources(kb):
    counts = {p.source["file"][:3]: len(p.decisions) for p in kb.protocols}
    assert counts == {"000": 15, "001": 4, "002": 11, "003": 4, "004": 23}


def test_an_unnamed_municipality_stays_unknown(kb):
    authority = kb.registry.organizations["uo-unnamed-1"]
    assert authority.is_authority and authority.municipality is None


def test_a_heading_assigns_its_children(kb):
    heading = decision(kb, "uo-unnamed-1/2019-11-22-soveshchanie-rukovoditelej-oo", "3")
    child = decision(kb, "uo-unnamed-1/2019-11-22-soveshchanie-rukovoditelej-oo", "3.2")
    assert heading.is_heading and not heading.is_task
    assert child.assignees == () and child.all_assignees == heading.assignees == ("mku-cro-unnamed-1",)


def test_the_misnumbered_item_keeps_its_number_and_its_real_assignee(kb):
    item = decision(kb, "oo-pochinok/2020-10-07-kollegiya-gia", "1.1.4")
    assert item.all_assignees == ("oo-pochinok",)
    assert item.deadline.kind == "event" and item.due is None


@pytest.mark.parametrize("protocol_id, decision_id, kind, due", [
    ("uo-unnamed-1/2019-11-22-soveshchanie-rukovoditelej-oo", "2.1", "date", date(2019, 12, 4)),
    ("uo-unnamed-1/2019-11-22-soveshchanie-rukovoditelej-oo", "3.4", "month", date(2020, 4, 30)),
    ("uo-unnamed-1/2019-11-22-soveshchanie-rukovoditelej-oo", "4.1", "by", date(2019, 12, 25)),
    ("uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo", "1", "schedule", None),
    ("uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo", "3", "by", date(2022, 1, 19)),
    ("uo-unnamed-1/2020-09-09-soveshchanie-rukovoditelej-oo", "2.1", "school_year", date(2021, 5, 31)),
    ("oo-pochinok/2020-10-07-kollegiya-gia", "1.2.3", "months", date(2021, 3, 31)),
    ("oo-pochinok/2020-10-07-kollegiya-gia", "2.1.2", "ongoing", None),
])
def test_deadlines_of_the_sources(kb, protocol_id, decision_id, kind, due):
    deadline = decision(kb, protocol_id, decision_id).deadline
    assert (deadline.kind, deadline.due) == (kind, due)


def test_a_school_gets_the_tasks_of_its_group(kb):
    tasks = kb.tasks_of_organization("mbou-sosh-12-izhevsk")
    assert [task.key for task in tasks] == [f"uo-izhevsk/2021-12-06-sobesedovanie-vpr#{n}" for n in "1234"]


def test_a_person_gets_the_tasks_they_are_responsible_for(kb):
    assert [task.key for task in kb.tasks_of_person("butakova-ev")] == [
        "uo-unnamed-1/2019-11-22-soveshchanie-rukovoditelej-oo#2.1"
    ]


@pytest.mark.parametrize("today, timing", [
    (date(2019, 12, 5), Timing.OVERDUE),
    (date(2019, 12, 4), Timing.SOON),
    (date(2019, 11, 4), Timing.SOON),
    (date(2019, 11, 3), Timing.LATER),
])
def test_where_a_task_stands_on_a_given_day(kb, today, timing):
    task = decision(kb, "uo-unnamed-1/2019-11-22-soveshchanie-rukovoditelej-oo", "2.1")
    assert task.timing(today) is timing
