"""`protocols import` and `protocols status` on malformed input: a clear message and an exit code, never a
traceback, and no word of a readable source lost.

The .docx fixtures are built here with python-docx, then one part of the zip is edited as a hostile or
broken file would have it (helpers in test_limits.py).
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import run_cli
from test_limits import PROTOCOL_LINES, level, numbered_document, rewrite_part, word_document

from build_tools.importer.reading import ImportFailure, read_document

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
