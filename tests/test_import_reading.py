"""Reading documents: encodings, Word numbering, conversion artifacts, lines read together, labels, dates."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from build_tools.importer.cleaning import clean_line
from build_tools.importer.header import find_date
from build_tools.importer.labels import split_labels
from build_tools.importer.layout import NUMBERED, Line, logical_lines
from build_tools.importer.reading import ImportFailure, decode_text, read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"


# --- encodings and formats -------------------------------------------------------------------------

PROTOCOL_TEXT = "РЕШИЛИ:\n1. Принять к сведению.\nСрок: до 25.12.2019 г.\n"


@pytest.mark.parametrize("raw, encoding", [
    (PROTOCOL_TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + PROTOCOL_TEXT.encode("utf-8"), "utf-8"),
    (PROTOCOL_TEXT.encode("cp1251"), "cp1251"),
    ("Срок: до 01.02.2020".encode("cp1251"), "cp1251"),            # short: detected, not assumed
    (PROTOCOL_TEXT.encode("utf-16"), "utf-16"),                     # Word's «Unicode text», with its BOM
])
def test_text_encodings_are_detected(raw, encoding):
    text, found = decode_text(raw)
    assert found == encoding
    assert text.lstrip("\ufeff").startswith(("РЕШИЛИ", "Срок"))


def test_the_windows_1251_fixture_is_read_as_such():
    document = read_document(FIXTURES / "cp1251.txt")
    assert document.encoding == "cp1251"
    assert document.lines[10].text == "ВЫПИСКА ИЗ ПРОТОКОЛА"


@pytest.mark.parametrize("name, content, message", [
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "в файле есть нулевые байты"),
    ("latin.txt", "Résumé ¤ ±".encode("latin-1") * 3, "кодировка текста не распознана"),
    ("old.doc", b"\xd0\xcf\x11\xe0", "старый формат Word (.doc) не читается"),
    ("scan.pdf", b"%PDF-1.4", "PDF не читается"),
    ("notes.odt", b"PK", "формат ODT не читается"),
    ("broken.docx", b"PK\x03\x04 not a zip", "файл .docx повреждён или это не документ Word"),
    ("empty.docx", b"", "файл .docx повреждён или это не документ Word"),
    ("data.csv", b"a;b", "неизвестный формат «.csv»"),
])
def test_unreadable_files_get_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailure, match=re.escape(message)):
        read_document(path)


def test_a_markdown_pipe_table_becomes_rows_of_cells(tmp_path):
    path = tmp_path / "t.md"
    path.write_text("| № | Мероприятие | Срок |\n|---|:---|---:|\n| 1. | Провести \\| сверить | май |\n",
                    encoding="utf-8")
    assert [line.cells for line in read_document(path).lines] == [
        ("№", "Мероприятие", "Срок"), ("1.", "Провести | сверить", "май")]


def test_word_numbering_labels_are_put_in_front_of_the_text(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">'
        '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%3)"/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    for text, level in [("Отделу:", 0), ("Провести", 1), ("в школах", 2), ("в садах", 2), ("отдельно", 3),
                        ("Обеспечить", 1), ("Без номера", None), ("Школам:", 0), ("Сдать", 1)]:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))
    document.add_paragraph("По стилю", style="List Number")
    document.save(str(tmp_path / "n.docx"))
    assert [line.text for line in read_document(tmp_path / "n.docx").lines] == [
        "3. Отделу:", "3.1 Провести", "а) в школах", "б) в садах", "- отдельно", "3.2 Обеспечить", "Без номера",
        "4. Школам:", "4.1 Сдать", "1. По стилю"]


# --- cleaning --------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, clean", [
    ("[bookmark: bookmark2]             Заслушав и обсудив", "Заслушав и обсудив"),
    ("2. [bookmark: bookmark3]  Рекомендовать:", "2. Рекомендовать:"),
    ("**ВЫПИСКА ИЗ ПРОТОКОЛА**  ", "ВЫПИСКА ИЗ ПРОТОКОЛА"),
    ("\t Срок: 05.12.2019 года.", "Срок: 05.12.2019 года."),
    ("3\\. Рекомендовать", "3. Рекомендовать"),
    ("## Решение совещания", "Решение совещания"),
    ("Срок:\u00a0до\u00a025.12", "Срок: до 25.12"),
    ("образо\u00adвания", "образования"),
    ("Принять<br/>к сведению", "Принять к сведению"),
    ("[подчёркнуто]{.underline} текст", "подчёркнуто текст"),
    ("*курсив* и * звёздочка", "курсив и * звёздочка"),
    ("На № _____ от _____", "На № _____ от _____"),
    ("<http://www.izh.ru/i/info/14251.html>", "<http://www.izh.ru/i/info/14251.html>"),
])
def test_conversion_artifacts_are_removed_and_nothing_else(raw, clean):
    assert clean_line(raw) == clean


# --- lines read together -------------------------------------------------------------------------------

@pytest.mark.parametrize("source, logical", [
    (["Отдела образования Смоленской", "области"], ["Отдела образования Смоленской области"]),
    (["воспитанников образо-", "вательных организаций."], ["воспитанников образовательных организаций."]),
    (["Срок: не позднее", "", "19.01.2022. Ответственные: руководители."],
     ["Срок: не позднее 19.01.2022. Ответственные: руководители."]),
    (["1. Провести анализ", "Срок: до 01.02.2020"], ["1. Провести анализ", "Срок: до 01.02.2020"]),
    (["Принять к сведению.", "решили:"], ["Принять к сведению.", "решили:"]),
    (["РОССИЙСКАЯ ФЕДЕРАЦИЯ", "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"], ["РОССИЙСКАЯ ФЕДЕРАЦИЯ", "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"]),
    (["Провести сверку", "", "списков"], ["Провести сверку", "списков"]),
])
def test_broken_sentences_are_read_as_one_line(source, logical):
    lines = [Line(text, (number,)) for number, text in enumerate(source, start=1)]
    assert [line.text for line in logical_lines(lines)] == logical


@pytest.mark.parametrize("line, number", [
    ("1. Принять к сведению", "1"),
    ("3.1.Обеспечить сопровождение", "3.1"),
    ("4.1  Провести анализ", "4.1"),
    ("- 2.1.1. Обеспечить участие", "2.1.1"),
    ("1) Утвердить план", "1"),
    ("1.1.4. Активизировать", "1.1.4"),
    ("19.01.2022. Ответственные", None),
    ("12.01.2022 г. Назарово", None),
    ("6 декабря состоится", None),
    ("2020-2021 учебного года", None),
    ("01. Ноль в начале", None),
])
def test_numbered_items(line, number):
    match = NUMBERED.match(line)
    assert (match and (match.group("number") or match.group("single"))) == number


# --- labels and dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("paragraph, expected", [
    ("Информировать. Срок: в соответствии с графиком. Ответственные: Ожегова А.А.; руководители ОО.",
     ("Информировать.", "в соответствии с графиком", "Ожегова А.А.; руководители ОО")),
    ("Обеспечить участие. Ответственные: Кузнецова Е.В. Срок исполнения: 1 квартал 2024 года.",
     ("Обеспечить участие.", "1 квартал 2024 года", "Кузнецова Е.В.")),
    ("Подготовить справку (ответственный – Петров С.Н., срок – до 1 марта 2024 г.).",
     ("Подготовить справку", "до 1 марта 2024 г.", "Петров С.Н.")),
    ("Провести семинар. Срок – март 2024 г.", ("Провести семинар.", "март 2024 г.", None)),
    ("Обеспечить соблюдение сроков: до конца года", ("Обеспечить соблюдение сроков: до конца года", None, None)),
    ("Исполнитель: МКУ ИМЦ", ("", None, "МКУ ИМЦ")),
])
def test_labels_inside_a_paragraph_in_either_order(paragraph, expected):
    assert split_labels(paragraph) == expected


@pytest.mark.parametrize("text, expected", [
    ("Решение совещания руководителей ОО от 22  ноября 2019 года.", date(2019, 11, 22)),
    ("«15» марта 2023 г.", date(2023, 3, 15)),
    ("12.01.2022 г. Назарово", date(2022, 1, 12)),
    ("Дата: 06.12.21", date(2021, 12, 6)),
    ("от 31.02.2021, затем 01.03.2021", date(2021, 3, 1)),
    ("тел/факс (3412) 414-556", None),
])
def test_meeting_dates(text, expected):
    assert find_date(text) == expected
