"""The small recognisers of protocol layouts, each a table of cases: table rows, deadlines inside a sentence,
a decision marker at the end of a paragraph, numbers in Roman numerals and letter-spaced words."""

from __future__ import annotations

import pytest

from build_tools.importer.layout import ending_decision_marker, roman_item, unspaced
from build_tools.importer.sentence_deadlines import deadline_in_text
from build_tools.importer.tables import Row, read_row, table_columns

COLUMNS = {"number": 0, "text": 1, "deadline": 2, "responsible": 3}

ROWS = [
    # (cells, what the row is) — in a table of decisions № | Мероприятие | Срок | Ответственный
    (("5", "Провести мониторинг", "до 01.04.2024", "Тарасова Е.Г."),
     Row("decision", "5", "Провести мониторинг", "до 01.04.2024", "Тарасова Е.Г.")),
    (("5.", "Провести мониторинг", "апрель", "РМК"), Row("decision", "5", "Провести мониторинг", "апрель", "РМК")),
    (("1.1)", "Провести", "май", ""), Row("decision", "1.1", "Провести", "май")),
    # the number cell is the row's own number, whatever the text starts with
    (("5", "10 классам провести", "май", ""), Row("decision", "5", "10 классам провести", "май")),
    # no number cell: the number the text starts with
    (("", "4. Провести смотр", "май", ""), Row("decision", "4", "Провести смотр", "май")),
    # a cell of dashes is none
    (("1.", "Принять к сведению", "—", "-"), Row("decision", "1", "Принять к сведению")),
    (("2", "Обеспечить", " – ", "руководители ОО"), Row("decision", "2", "Обеспечить", None, "руководители ОО")),
    # a date in the number cell is not a number
    (("01.02.2024", "Провести", "", ""), Row("decision", None, "Провести")),
    # one text across the table (merged cells, or repeated as text exports write them): a section
    (("4. Заведующим ДОУ:", "", "", ""), Row("section", "4", "Заведующим ДОУ:")),
    (("II. Руководителям ОО", "II. Руководителям ОО", "II. Руководителям ОО", "II. Руководителям ОО"),
     Row("section", "2", "Руководителям ОО")),
    # signatures, in the decisions' table or a table of their own
    (("Председатель", "Н.А. Белова"), Row("signature", text="Н.А. Белова", role="chair")),
    (("Секретарь коллегии", "", "В.В. Никитина"), Row("signature", text="В.В. Никитина", role="secretary")),
    (("Начальник управления образования", "Т.Н. Ковалева"),
     Row("signature", text="Начальник управления образования Т.Н. Ковалева")),
]


@pytest.mark.parametrize("cells, row", ROWS)
def test_a_row_of_a_table_of_decisions(cells, row):
    assert read_row(cells, COLUMNS) == row


def test_a_row_outside_a_table_of_decisions_is_left_to_the_reader():
    assert read_row(("с. Подгорное", "28.08.2025"), None) == Row("other", text="с. Подгорное 28.08.2025")


@pytest.mark.parametrize("cells, roles", [
    (("№ п/п", "Мероприятие", "Срок исполнения", "Ответственный"),
     {"number": 0, "text": 1, "deadline": 2, "responsible": 3}),
    (("№", "Содержание поручения", "Срок", "Ответственный исполнитель"),
     {"number": 0, "text": 1, "deadline": 2, "responsible": 3}),
    (("N п.п.", "Наименование мероприятия", "Срок"), {"number": 0, "text": 1, "deadline": 2}),
    (("№", "ФИО", "Должность"), None),
])
def test_the_columns_of_a_table_of_decisions(cells, roles):
    assert table_columns(cells) == roles


SENTENCES = [
    # (a decision's text, the deadline phrase found in it)
    ("Обеспечить проведение консультаций в срок до 27 июня 2021 года.", "в срок до 27 июня 2021 года"),
    ("Зайцеву К.Е. до 25 апреля 2025 г. сформировать списки.", "до 25 апреля 2025 г."),
    ("Провести семинар не позднее 5 мая 2025 года.", "не позднее 5 мая 2025 года"),
    ("Подготовить проект приказа к 15 мая.", "к 15 мая"),
    ("Актуализировать паспорта безопасности до 01.04.2024;", "до 01.04.2024"),
    ("Завершить ремонт до конца первого полугодия.", "до конца первого полугодия"),
    ("Провести семинар по теме «Раннее выявление» в декабре 2023 г.", "в декабре 2023 г."),
    ("Довести решение до сведения руководителей в течение 2 дней.", "в течение 2 дней"),
    ("Ознакомить выпускников в срок не позднее 14 дней до начала экзамена с правилами.",
     "в срок не позднее 14 дней до начала экзамена"),
    ("Руководителям ОО в срок не позднее 14 дней до начала экзамена ознакомить выпускников.",
     "в срок не позднее 14 дней до начала экзамена"),
    ("Проводить учебные эвакуации ежеквартально.", "ежеквартально"),
    ("Назначить «25» сентября дату собрания до «25» сентября 2025 г.", "до «25» сентября 2025 г."),
    # nothing a deadline can only be
    ("Обеспечить ежемесячную сверку списков.", None),
    ("Открыть лагеря с 3 июня 2024 года.", None),
    ("Руководствоваться решением от 14.03.2024 № 2.", None),
    ("Довести решение до сведения руководителей.", None),
    # quoted text is another document's
    ("В пункте 3 слова «до 01.10.2022» заменить словами «до 15.10.2022».", None),
    ("Пункт 8 изложить в редакции: «Провести приемку лагерей до 31 мая 2024 г.».", None),
]


@pytest.mark.parametrize("text, phrase", SENTENCES)
def test_a_deadline_inside_a_sentence(text, phrase):
    assert deadline_in_text(text)[0] == phrase


def test_two_deadlines_in_one_sentence_are_not_chosen_between():
    assert deadline_in_text("Провести собрание до 1 марта 2024 г., отчет представить до 10 марта 2024 г.") == \
        (None, ["до 1 марта 2024 г.", "до 10 марта 2024 г."])


MARKERS = [
    # (a line, the paragraph before the decision marker that ends it; None: no such marker)
    ("Заслушав и обсудив информацию Лаптевой С.М., выступления участников, совещание РЕШИЛО:",
     "Заслушав и обсудив информацию Лаптевой С.М., выступления участников"),
    ("Заслушав доклад Фролова И.С., коллегия решила:", "Заслушав доклад Фролова И.С."),
    ("По итогам обсуждения решили:", "По итогам обсуждения"),
    ("Обсудив информацию, участники совещания решили:", None),    # a short preamble: DECISION_MARKER reads it
    ("В связи с продлением срока совещание руководителей образовательных организаций РЕШИЛО:",
     "В связи с продлением срока совещание руководителей образовательных организаций"),
    ("РЕШИЛИ:", None),                                      # a marker line of its own (DECISION_MARKER)
    ("коллегия решила:", None),
    ("1. Руководителям ОО, которые решили:", None),          # a numbered item
    ("Участники решили провести собрание.", None),           # no colon: a sentence
]


@pytest.mark.parametrize("text, preamble", MARKERS)
def test_a_decision_marker_ending_a_paragraph(text, preamble):
    assert ending_decision_marker(text) == preamble


@pytest.mark.parametrize("text, item", [
    ("II. Руководителям ОО:", ("2", "Руководителям ОО:")),
    ("IV. Контроль возложить", ("4", "Контроль возложить")),
    ("I) Информацию принять", ("1", "Информацию принять")),
    ("Иванову И.И. поручить", None),
])
def test_a_roman_numbered_item(text, item):
    assert roman_item(text) == item


@pytest.mark.parametrize("text, joined", [
    ("П Р О Т О К О Л", "ПРОТОКОЛ"),
    ("Р Е Ш Е Н И Е коллегии", "РЕШЕНИЕ коллегии"),
    ("С.М. Лаптева", "С.М. Лаптева"),
    ("1 2 3", "1 2 3"),
])
def test_a_letter_spaced_word(text, joined):
    assert unspaced(text) == joined
