"""Open data for people: an authority's decisions as an Excel workbook, read back with openpyxl."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from build_tools import urls
from build_tools.opendata import data_files
from build_tools.pipeline import load_knowledge_base
from build_tools.russian import DEADLINE_KIND_WORDS, STATE_WORDS
from build_tools.spreadsheet import COLUMNS, SHEET_NAME, decisions_xlsx

REPO_ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/protocols/"
JANUARY, MARCH = "uo-test/2020-01-15-soveshchanie", "uo-test/2020-03-02-soveshchanie"
HEADINGS = [column.heading for column in COLUMNS]


def read_sheet(content: bytes):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [SHEET_NAME]
    return workbook, workbook[SHEET_NAME]


def rows_by_decision(sheet) -> dict[tuple[str, str], dict[str, object]]:
    """(protocol id, decision id) → heading → value."""
    records = [dict(zip(HEADINGS, values)) for values in sheet.iter_rows(min_row=2, values_only=True)]
    return {(record["Протокол (id)"], record["Пункт"]): record for record in records}


@pytest.fixture(scope="module")
def knowledge_base():
    return load_knowledge_base(REPO_ROOT).knowledge_base


@pytest.fixture(scope="module")
def published(knowledge_base):
    return data_files(knowledge_base, site_url=SITE_URL)


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
