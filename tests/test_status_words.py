"""One Russian word per state of a decision, the same on the site, in the calendars and in the справка.

The states are the schema's (schema/protocol.schema.json, status.state) and «снято с контроля», which only a later
decision sets; their words are `russian.STATE_WORDS`. Each case builds a decision in one state and reads the word
back from what a reader meets: the status cell of a page, the «Статус:» line of a calendar event, the справка;
the schema's description of the field and docs/data.md (the codes of the open data) say the same words.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from icalendar import Calendar

from build_tools import urls
from build_tools.deadlines import Deadline
from build_tools.feeds import feed_files
from build_tools.model import Decision, KnowledgeBase, Organization, Protocol, Registry, State, Status
from build_tools.report.content import Period, build_report
from build_tools.russian import STATE_WORDS
from build_tools.site.fragments import status_label
from conftest import REPO_ROOT

SCHEMA = json.loads((REPO_ROOT / "schema" / "protocol.schema.json").read_text(encoding="utf-8"))
SCHEMA_STATES = SCHEMA["$defs"]["status"]["properties"]["state"]["enum"]
STATES = [*SCHEMA_STATES, State.WITHDRAWN.value]  # «снять с контроля»: a link sets it, the status field never does
MEETING, DUE, ON = date(2021, 9, 10), date(2021, 10, 1), date(2021, 10, 20)
AUTHORITY = Organization("uo-test", "authority", "Управление образования")


def knowledge_base(state: str) -> KnowledgeBase:
    """One protocol with one task in ``state``, due before the day the справка is made on."""
    closed_on = None if state == State.OPEN.value else DUE
    decision = Decision("1", "Провести анализ.", assignees=("uo-test",), status=Status(State(state), closed_on),
                        deadline=Deadline("до 1 октября 2021 года", "date", due=DUE))
    protocol = Protocol("uo-test/2021-09-10-soveshchanie", "protocols/uo-test/2021-09-10-soveshchanie.md", "meeting",
                        "Совещание", "uo-test", MEETING, (decision,))
    return KnowledgeBase(Registry({AUTHORITY.id: AUTHORITY}, {}, {}), (protocol,))


def test_the_words_cover_every_state_of_the_schema_and_no_two_states_share_one():
    assert sorted(STATE_WORDS) == sorted(STATES)
    assert len(set(STATE_WORDS.values())) == len(STATE_WORDS)


@pytest.mark.parametrize("state", STATES)
def test_the_schema_and_the_open_data_docs_say_the_states_word(state):
    """The editors' description of the field (schema) and of the open data's codes (docs/data.md)."""
    described = SCHEMA["$defs"]["status"]["properties"]["state"]["description"]
    data_docs = (REPO_ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    assert f"`{state}` — {STATE_WORDS[state]}" in data_docs
    assert state == State.WITHDRAWN.value or f"{state} — {STATE_WORDS[state]}" in described


@pytest.mark.parametrize("state", STATES)
def test_a_page_says_the_states_word(state):
    [task] = knowledge_base(state).tasks
    assert status_label(task.decision.outcome).split(" 1 октября")[0] == STATE_WORDS[state]


@pytest.mark.parametrize("state", STATES)
def test_a_calendar_event_says_the_states_word(state):
    feed = feed_files(knowledge_base(state), site_url="https://example.org/")[urls.feed("authority", "uo-test")]
    [event] = Calendar.from_ical(feed).walk("VEVENT")
    [line] = [line for line in str(event["description"]).splitlines() if line.startswith("Статус: ")]
    assert line.removeprefix("Статус: ").split(" 1 октября")[0] == STATE_WORDS[state]


@pytest.mark.parametrize("state", STATES)
def test_the_report_says_the_states_word(state):
    report = build_report(knowledge_base(state), "uo-test", Period(date(2021, 9, 1), date(2021, 12, 31)), ON)
    [row] = report.rows
    if state == State.OPEN.value:  # an open task has no mark; the summary counts it under the word
        assert row.mark.startswith("отметки об исполнении нет")
        assert f"; {STATE_WORDS[state]}: 1," in report.summary
    else:
        assert row.mark.split(" 1 октября")[0] == STATE_WORDS[state]
        assert STATE_WORDS[state] in report.summary
