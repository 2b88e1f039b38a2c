"""`protocols import` and `protocols status` on malformed input: a clear message and an exit code, never a
traceback, and no word of a readable source lost.

The .docx fixtures are built here with python-docx, then one part of the zip is edited as a hostile or
broken file would have it (helpers in test_limits.py).
"""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter

import pytest

from conftest import run_cli
from test_limits import PROTOCOL_LINES, level, numbered_document, rewrite_part, word_document

from build_tools.importer.reading import MAX_CHARACTERS, ImportFailure, read_document

# --------------------------------------------------------------------------- 11. crashes

MALFORMED_NUMBERING = [
    pytest.param(level("x"), "0", "начальный номер списка (w:start) «x» — не число от 0 до 32767", id="start"),
    pytest.param(level("1", ilvl="x"), "0", "уровень списка (w:ilvl) «x» — не число от 0 до 8", id="level"),
    pytest.param(level("1"), "x", "уровень списка (w:ilvl) «x» — не число от 0 до 8", id="paragraph-level"),
]


@pytest.mark.parametrize("lvl, paragraph_level, message", MALFORMED_NUMBERING)
def test_numbering_that_is_not_a_number_is_refused(tmp_path, lvl, paragraph_level, message):
    path = numbered_document(tmp_path / "n.docx", lvl, paragraph_level)
    with pytest.raises(ImportFailure, match=re.escape(f"нумерация списков повреждена: {message}; откройте файл")):
        read_document(path)


BROKEN_CONTENT_TYPES = [
    pytest.param(lambda xml: re.sub(rb'PartName="[^"]*"', b"", xml), "AttributeError", id="no-part-name"),
    pytest.param(lambda xml: re.sub(rb'Extension="[^"]*"', b"", xml), "AttributeError", id="no-extension"),
    pytest.param(lambda xml: b"<a/>", "AttributeError", id="not-content-types"),
    pytest.param(lambda xml: xml[:len(xml) // 2], "XMLSyntaxError", id="cut-in-half"),
]


@pytest.mark.parametrize("change, cause", BROKEN_CONTENT_TYPES)
def test_a_broken_content_types_part_is_a_damaged_file(kb, tmp_path, change, cause):
    path = tmp_path / "broken.docx"
    word_document(path).save(str(path))
    rewrite_part(path, "[Content_Types].xml", change)
    result = run_cli("--root", kb, "import", "-a", "uo-test", "-o", tmp_path / "out", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"ошибка: {path}: файл .docx повреждён или это не документ Word ({cause}: ")
    assert "сохраните заново\nИмпортировано документов: 0 из 1; не импортировано: 1\n" in result.stderr


def test_status_of_a_file_outside_the_knowledge_base_is_a_usage_error(kb, tmp_path):
    outside = tmp_path / "outside.md"
    shutil.copy(next((kb / "protocols" / "uo-test").glob("*.md")), outside)
    result = run_cli("--root", kb, "status", outside, "1", "open")
    assert result.exit_code == 2
    assert f"«{outside}» лежит вне папки protocols/ базы знаний {kb}: отмечать исполнение можно только в её " \
           "протоколах" in result.stderr


# --------------------------------------------------------------------------- 12. lost text

def import_one(kb, tmp_path, source):
    """`protocols import` of one document into tmp_path/out: (result, the draft's body or None)."""
    result = run_cli("--root", kb, "import", "-a", "uo-test", "-o", tmp_path / "out", source)
    drafts = list((tmp_path / "out").glob("*.md"))
    return result, drafts[0].read_text(encoding="utf-8").split("\n---\n", 1)[1] if drafts else None


def assert_every_word_survives(source_text: str, body: str) -> None:
    missing = Counter(re.findall(r"\w+", source_text)) - Counter(re.findall(r"\w+", body))
    assert not missing, f"words lost: {sorted(missing)}"


ANGLE_BRACKETS = PROTOCOL_LINES + [
    "2. Направить письмо <NAME> и <Иванов И.И.> до 01.02.2022.",
    "Ответственный: <ИМЯ>",
    "3. Принять <b>к сведению</b> доклад <Petrov Petr Petrovich>.",
    "4. Сравнить показатели x</y и t<a, см. <https://example.org/otchet>.",
]
WORDS = "\n".join(ANGLE_BRACKETS).replace("<b>", "").replace("</b>", "")   # «b» of a formatting tag is no word


def test_text_in_angle_brackets_is_kept_and_only_formatting_tags_go(kb, tmp_path):
    source = tmp_path / "angle.txt"
    source.write_text("\n".join(ANGLE_BRACKETS), encoding="utf-8")
    result, body = import_one(kb, tmp_path, source)
    assert result.exit_code == 0, result.stderr
    assert_every_word_survives(WORDS, body)
    assert "2\\. Направить письмо ‹NAME› и <Иванов И.И.> до 01.02.2022." in body
    assert "доклад ‹Petrov Petr Petrovich›" in body and "<b>" not in body
    assert "показатели x‹/y и t‹a, см. <https://example.org/otchet>." in body


def test_every_word_of_a_word_document_survives(kb, tmp_path):
    source = tmp_path / "words.docx"
    document = word_document(source, ANGLE_BRACKETS)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[1].cells, ["4.", "Провести <СОБЫТИЕ> в школах", "до 01.03.2022"]):
        cell.text = text
    document.save(str(source))
    result, body = import_one(kb, tmp_path, source)
    assert result.exit_code == 0, result.stderr
    assert_every_word_survives(WORDS + "\n4. Провести <СОБЫТИЕ> в школах до 01.03.2022", body)


def test_an_xml_entity_in_a_run_is_refused_not_dropped(kb, tmp_path):
    source = tmp_path / "entity.docx"
    word_document(source, PROTOCOL_LINES + ["2. Подготовить отчёт. Срок: до 01.02.2022"]).save(str(source))
    rewrite_part(source, "word/document.xml", lambda xml: xml.replace(
        b"<w:document", b'<!DOCTYPE w:document [<!ENTITY ext SYSTEM "file:///etc/hostname">]><w:document', 1
    ).replace("Подготовить".encode(), "Подготовить &ext;".encode()))
    result, body = import_one(kb, tmp_path, source)
    assert (result.exit_code, body) == (1, None)
    assert result.stderr.startswith(f"ошибка: {source}: в тексте документа есть ссылка на сущность XML «&ext;»: "
                                    "Word такие не пишет, и текст после неё не прочитать")


def test_random_characters_named_txt_are_refused_as_not_text(kb, tmp_path):
    source = tmp_path / "noise.txt"
    noise = random.Random(13)
    source.write_bytes("".join(chr(noise.randrange(0x250, 0x3000)) for _ in range(7_000)).encode("utf-8", "replace"))
    result, body = import_one(kb, tmp_path, source)
    assert (result.exit_code, body) == (1, None)
    assert re.match(rf"ошибка: {re.escape(str(source))}: это не текст: буквы, цифры, пробелы и знаки препинания — "
                    r"только \d+% знаков файла", result.stderr)


def test_a_text_too_large_for_one_protocol_is_refused_up_front(kb, tmp_path):
    source = tmp_path / "large.txt"
    source.write_text("\n".join(PROTOCOL_LINES) + "\n" + "Обеспечить проведение мероприятий.\n" * 35_000,
                      encoding="utf-8")
    assert source.stat().st_size > 1_200_000
    result, body = import_one(kb, tmp_path, source)
    assert (result.exit_code, body) == (1, None)
    assert f"текст документа длиннее {MAX_CHARACTERS} знаков" in result.stderr
