"""The справка об исполнении (build_tools/report/): its rows from the model, and the .docx that
`protocols report` writes, read back with python-docx as a reader's Word would open it."""

from __future__ import annotations

from datetime import date

import docx
import pytest

from build_tools.pipeline import load_knowledge_base
from build_tools.report.content import Period, Selection, build_report
from conftest import run_cli

NBSP = "\u202f"
Q1 = Period(date(2020, 1, 1), date(2020, 3, 31))
ON = date(2020, 3, 25)


@pytest.fixture
def model(kb):
    return load_knowledge_base(kb).knowledge_base


EXTENDED = f"до 24.01.2020 г.\nизменён: до 20.03.2020 — решение от 2 марта 2020{NBSP}г. № 2, п. 1"

# (id, who, period, [(number, assignment start, deadline, mark)])
REPORTS = [
    ("a-school-sees-its-groups-tasks-and-no-mark-of-its-own", "school-2", Q1, [
        (1, "п. 2.1. Провести анализ", EXTENDED, "отметки об исполнении нет\nпросрочено на 5 дн."),
        (2, "п. 2.2. Обеспечить", f"апрель 2020 года (30 апреля 2020{NBSP}г.)",
         f"выполнено 20 апреля 2020{NBSP}г.: Отчёт представлен."),
        (3, "п. 2. Во исполнение", f"в течение 10 рабочих дней со дня заседания (17 марта 2020{NBSP}г.)",
         "отметки об исполнении нет\nпросрочено на 8 дн."),
    ]),
    ("the-school-that-reported-sees-its-mark", "school-1", Period(date(2020, 3, 1), date(2020, 3, 31)), [
        (1, "п. 2. Во исполнение", f"в течение 10 рабочих дней со дня заседания (17 марта 2020{NBSP}г.)",
         f"выполнено 12 марта 2020{NBSP}г.: письмо от 12.03.2020 № 45"),
    ]),
    ("a-group-sees-who-has-not-reported", "test-heads-oo", Period(date(2020, 3, 1), date(2020, 3, 31)), [
        (1, "п. 2. Во исполнение", f"в течение 10 рабочих дней со дня заседания (17 марта 2020{NBSP}г.)",
         "выполнено 1 из 2; без отметки: МБОУ «СОШ № 2»\nпросрочено на 8 дн."),
    ]),
    ("by-deadline-in-force", "uo-test", Period(date(2020, 3, 15), date(2020, 3, 31), Selection.DEADLINE), [
        (1, "п. 2.1. Провести анализ", EXTENDED, "отметки об исполнении нет\nпросрочено на 5 дн."),
        (2, "п. 2. Во исполнение", f"в течение 10 рабочих дней со дня заседания (17 марта 2020{NBSP}г.)",
         "выполнено 1 из 2; без отметки: МБОУ «СОШ № 2»\nпросрочено на 8 дн."),
    ]),
]


@pytest.mark.parametrize("who, period, expected", [case[1:] for case in REPORTS], ids=[case[0] for case in REPORTS])
def test_the_rows_of_a_report(model, who, period, expected):
    report = build_report(model, who, period, ON)
    assert [(row.number, row.deadline, row.mark) for row in report.rows] == [
        (number, deadline, mark) for number, _, deadline, mark in expected]
    assert all(row.assignment.startswith(start) for row, (_, start, _, _) in zip(report.rows, expected))


def test_the_report_names_whom_what_and_when_and_counts(model):
    report = build_report(model, "uo-test", Q1, ON)
    assert report.heading == ("Орган: Управление образования Тестового района",
                              f"Поручения, данные с 1 января 2020{NBSP}г. по 31 марта 2020{NBSP}г.",
                              f"По состоянию на 25 марта 2020{NBSP}г.")
    assert [section.title for section in report.sections] == [
        f"Решение совещания от 15 января 2020{NBSP}г. № 1. О подготовке к ВПР",
        f"Решение совещания от 2 марта 2020{NBSP}г. № 2. О ходе исполнения решений совещания от 15 января 2020 года"]
    assert report.summary == ("Всего поручений: 4; выполнено, отменено или снято с контроля: 1; открыто: 3, "
                              "из них просрочено: 2.")
    assert [row.changed_by for row in report.rows][0][0].key == "uo-test/2020-03-02-soveshchanie#1"


def test_an_extension_is_not_overdue_before_its_new_deadline(model):
    [row] = [row for row in build_report(model, "uo-test", Q1, date(2020, 3, 10)).rows if row.task.decision.id == "2.1"]
    assert (row.due, row.overdue_days) == (date(2020, 3, 20), None)


def cell_texts(table) -> list[list[str]]:
    """Each row's cells; a merged section row repeats its text in every column, as python-docx reads it."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_protocols_report_writes_a_docx_that_python_docx_reads_back_with_the_expected_rows(kb, tmp_path):
    path = tmp_path / "spravka.docx"
    result = run_cli("--root", kb, "report", "test-heads-oo", "--from", "2020-01-01", "--to", "2020-03-31",
                     "--on", "2020-03-25", "-o", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"Справка записана в {path}: Всего поручений: 3; выполнено, отменено или снято с контроля: 1; "
                             "открыто: 2, из них просрочено: 2.\n")
    document = docx.Document(str(path))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[:5] == ["СПРАВКА", "об исполнении поручений",
                              "Исполнители: руководители общеобразовательных организаций",
                              f"Поручения, данные с 1 января 2020{NBSP}г. по 31 марта 2020{NBSP}г.",
                              f"По состоянию на 25 марта 2020{NBSP}г."]
    assert "Просрочены поручения № 1, 3." in paragraphs
    [table] = document.tables
    rows = cell_texts(table)
    assert rows[0] == ["№ п/п", "Поручение", "Срок", "Исполнитель", "Отметка об исполнении"]
    assert rows[1] == [f"Решение совещания от 15 января 2020{NBSP}г. № 1. О подготовке к ВПР"] * 5
    assert rows[2] == ["1", "п. 2.1. Провести анализ результатов ВПР.", EXTENDED,
                       "руководители общеобразовательных организаций", "отметки об исполнении нет\nпросрочено на 5 дн."]
    assert [row[0] for row in rows[3:]] == ["2", rows[4][0], "3"]
    assert rows[5][4] == "выполнено 1 из 2; без отметки: МБОУ «СОШ № 2»\nпросрочено на 8 дн."


def test_the_docx_is_a4_with_official_margins_and_the_same_bytes_each_time(kb, tmp_path):
    paths = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for path in paths:
        assert run_cli("--root", kb, "report", "uo-test", "--from", "2020-01-01", "--to", "2020-12-31",
                       "--on", "2020-03-25", "-o", path).exit_code == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()
    section = docx.Document(str(paths[0])).sections[0]
    millimetres = [round(length.mm) for length in (section.page_width, section.page_height, section.left_margin,
                                                     section.right_margin, section.top_margin, section.bottom_margin)]
    assert millimetres == [210, 297, 30, 15, 20, 20]


@pytest.mark.parametrize("args, message", [
    (["nobody", "--from", "2020-01-01", "--to", "2020-03-31"], "«nobody» — нет такой организации, группы или органа"),
    (["uo-test", "--from", "2020-04-01", "--to", "2020-03-31"], "начало периода 2020-04-01 позже конца 2020-03-31"),
    (["uo-test", "--from", "01.01.2020", "--to", "2020-03-31"], "нужна дата в виде ГГГГ-ММ-ДД, а указано «01.01.2020»"),
    (["uo-test", "--from", "2020-01-01", "--to", "2020-03-31", "-o", "net/papki.docx"], "папки net нет"),
])
def test_report_refuses_bad_arguments_with_a_message(kb, args, message):
    result = run_cli("--root", kb, "report", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_report_refuses_a_knowledge_base_with_errors(kb, tmp_path):
    (kb / "protocols/uo-test/2020-02-10-broken.md").write_text("no front matter\n", encoding="utf-8")
    result = run_cli("--root", kb, "report", "uo-test", "--from", "2020-01-01", "--to", "2020-03-31",
                     "-o", tmp_path / "x.docx")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "в базе знаний есть ошибки; исправьте их (protocols validate) и повторите"
    assert not (tmp_path / "x.docx").exists()
