"""Work bounded by the size of the input: hostile files cost time in proportion to their size, or are refused.

No test here measures wall-clock time. Each pathological input is one that costs minutes, hours or gigabytes
where the work is worse than linear, and milliseconds where it is linear; it runs in a fresh interpreter with a
generous timeout, so that a regression fails the test instead of hanging the suite. The limits themselves are
documented for editors in docs/security.md («Пределы импорта и проверки»).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from conftest import REPO_ROOT
from test_validate_cli import PROTOCOL, VALID_FRONT_MATTER, write

from build_tools.deadlines import MAX_WORDING_LENGTH, parse_deadline
from build_tools.importer.linking import _next_child
from build_tools.importer.reading import MAX_CHARACTERS, MAX_COMPRESSION_RATIO, MAX_LINES, MAX_UNPACKED_BYTES, \
    ImportFailure, read_document
from build_tools.problems import MAX_PROBLEMS_PER_FILE, capped, error, warning
from build_tools.schema import MAX_VIOLATIONS

GENEROUS_SECONDS = 60


def finishes(code: str, *args: str, seconds: float = GENEROUS_SECONDS) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter; a TimeoutExpired fails the test (the work is not bounded)."""
    return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO_ROOT, timeout=seconds,
                          capture_output=True, text=True)


def protocols(*args: str, seconds: float = GENEROUS_SECONDS) -> subprocess.CompletedProcess[str]:
    """The `protocols` command in a fresh interpreter, bounded as `finishes` is."""
    return finishes("import sys; from build_tools.cli import main; main(sys.argv[1:])", *args, seconds=seconds)


# --------------------------------------------------------------------------- 8. regular expressions

# (module, pattern, method, input): each pattern on the input that made it backtrack, 200,000 characters long.
# Quadratic backtracking would take many minutes here, cubic ones years.
LONG = 200_000
REGEX_CASES = [
    pytest.param("build_tools.deadlines", "_REWRITES[2][0]", "sub", "'1' * LONG", id="digits-before-brackets"),
    pytest.param("build_tools.deadlines", "_REWRITES[3][0]", "sub", "'1' * LONG", id="digits-before-ti"),
    pytest.param("build_tools.deadlines", "_REWRITES[4][0]", "sub", "' ' * LONG", id="spaces-before-inclusive"),
    pytest.param("build_tools.deadlines", "_REWRITES[5][0]", "sub", "' ' * LONG", id="spaces-around-dash"),
    pytest.param("build_tools.importer.header", "_DATE_LINE_REST", "fullmatch", "' ' * LONG + 'x'",
                 id="spaces-after-a-date"),
    pytest.param("build_tools.importer.header", "_FROM_DATE", "sub", "' ' * LONG", id="spaces-before-from"),
    pytest.param("build_tools.importer.header", "_MEETING", "search", "'районного ' * (LONG // 10)",
                 id="adjectives-without-a-meeting"),
    pytest.param("build_tools.importer.layout", "SIGNATURE_QUALIFIER", "fullmatch", "' ' * LONG + 'x'",
                 id="spaces-after-a-signature"),
    pytest.param("build_tools.importer.reading", "_PIPE_SEPARATOR", "match", "' ' * LONG + 'x'",
                 id="spaces-in-a-table-rule"),
    pytest.param("build_tools.importer.cleaning", "_ARTIFACTS[1][0]", "sub", "'[a' * (LONG // 2)",
                 id="brackets-without-a-span"),
]


@pytest.mark.parametrize("module, pattern, method, text", REGEX_CASES)
def test_regular_expressions_do_not_backtrack_on_long_runs(module, pattern, method, text):
    arguments = "' ', text" if method == "sub" else "text"
    done = finishes(f"import {module} as m\nLONG = {LONG}\ntext = {text}\nm.{pattern}.{method}({arguments})",
                    seconds=30)
    assert done.returncode == 0, done.stderr


def test_a_deadline_wording_past_the_limit_is_not_read():
    wording = "до " + "1" * MAX_WORDING_LENGTH
    assert parse_deadline(wording, date(2021, 1, 1)).kind == "unparsed"
    assert parse_deadline("до 25.12.2021", date(2021, 1, 1)).kind == "by"


def test_a_long_digit_run_as_a_deadline_validates_in_bounded_time(kb):
    """The 20 KB protocol whose deadline was a digit run took 14–24 s; the run is 100 KB here."""
    front_matter = VALID_FRONT_MATTER + f"    deadline:\n      text: '{'1' * 100_000}'\n      kind: unparsed\n"
    write(kb, "---\n" + front_matter + "---\n")
    done = protocols("--root", str(kb), "validate")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{PROTOCOL}:10:13: warning: решение 1, поле deadline: формулировка срока длиннее {MAX_WORDING_LENGTH} "
        "знаков (100000): правила сроков её не разбирают; проверьте kind и даты вручную или сократите формулировку"]


# --------------------------------------------------------------------------- 9. many problems in one file

def test_many_unknown_keys_are_reported_by_the_first_hundred_and_a_count(kb):
    """150,000 unknown keys ran past 5 minutes (a scan of the mapping per key); now one pass, 101 lines."""
    write(kb, "---\n" + VALID_FRONT_MATTER + "".join(f"k{i}: x\n" for i in range(150_000)) + "---\n")
    done = protocols("--root", str(kb), "validate")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1
    assert lines[0].startswith(f"{PROTOCOL}:9:1: error: поле k0: неизвестное поле «k0»")
    assert lines[-1] == (f"{PROTOCOL}:109:1: error: … и ещё 149900 ошибок в этом файле: показаны первые 100; "
                         "исправьте их и проверьте файл снова")


def test_many_schema_errors_are_searched_for_no_further_than_needed(kb):
    """100,000 wrongly typed decision ids (1.5 MB) took 20 s; the schema search now stops after MAX_VIOLATIONS."""
    write(kb, "---\n" + VALID_FRONT_MATTER + "".join(f"  - id: {i}\n" for i in range(100_000)) + "---\n")
    done = protocols("--root", str(kb), "validate")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1
    assert lines[:2] == [f"{PROTOCOL}:9:5: error: решение №2 по порядку: нет обязательного поля «text»",
                         f"{PROTOCOL}:9:9: error: решение №2 по порядку, поле id: ожидается строка, а записано 0 "
                         "(число; строку заключите в кавычки)"]
    assert lines[-1].endswith(f"error: … и ещё не меньше {MAX_VIOLATIONS - MAX_PROBLEMS_PER_FILE} ошибок в этом "
                              "файле: показаны первые 100; исправьте их и проверьте файл снова")


def test_the_count_of_the_rest_names_errors_and_warnings():
    problems = [error("a.md", line, 1, "x") for line in range(1, MAX_PROBLEMS_PER_FILE + 3)]
    problems.append(warning("a.md", 500, 1, "y"))
    assert capped(problems)[-1] == error("a.md", MAX_PROBLEMS_PER_FILE + 1, 1, "… и ещё 2 ошибки и 1 предупреждение "
                                         "в этом файле: показаны первые 100; исправьте их и проверьте файл снова")
    assert capped(problems[:MAX_PROBLEMS_PER_FILE]) == problems[:MAX_PROBLEMS_PER_FILE]


# --------------------------------------------------------------------------- 10. import

PROTOCOL_LINES = ["ПРОТОКОЛ № 1", "совещания руководителей", "12.01.2022", "РЕШИЛИ:", "1. Принять к сведению."]


def word_document(path: Path, lines: list[str] = PROTOCOL_LINES) -> docx.document.Document:
    """A python-docx document of ``lines``; the caller adds to it and saves it to ``path``."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return document


def rewrite_part(path: Path, part: str, change) -> Path:
    """The .docx at ``path`` with one part of its zip changed by ``change(bytes) -> bytes``."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return path


def numbered_document(path: Path, level: str, paragraph_level: str = "0") -> Path:
    """Three paragraphs in a list whose one level is the ``<w:lvl>`` XML ``level``."""
    document = word_document(path)
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">{level}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    for number in range(3):
        paragraph = document.add_paragraph(f"Пункт {number}")
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{paragraph_level}"/><w:numId w:val="77"/></w:numPr>'))
    document.save(str(path))
    return path


def read_bounded(path: Path) -> str:
    """What the reader makes of ``path`` in a fresh interpreter: the lines, or the refusal; bounded in time."""
    done = finishes("import sys\nfrom pathlib import Path\nfrom build_tools.importer.reading import ImportFailure, "
                    "read_document\ntry:\n    print('\\n'.join(line.text for line in read_document(Path(sys.argv[1]))"
                    ".lines))\nexcept ImportFailure as failure:\n    print('ImportFailure:', failure)", str(path))
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout


def level(start: str, fmt: str = "decimal", ilvl: str = "0") -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl>'


@pytest.mark.parametrize("based_on", [{"Loop": "Loop"}, {"A": "B", "B": "A"}], ids=["itself", "cycle"])
def test_a_style_based_on_itself_is_read(tmp_path, based_on):
    document = word_document(tmp_path / "s.docx")
    for name in based_on:
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    for name, base in based_on.items():
        document.styles[name].element.append(parse_xml(f'<w:basedOn {nsdecls("w")} w:val="{base}"/>'))
    document.add_paragraph("Текст в стиле", style=next(iter(based_on)))
    document.save(str(tmp_path / "s.docx"))
    assert read_bounded(tmp_path / "s.docx").splitlines()[-1] == "Текст в стиле"


NUMBERING_REFUSALS = [
    pytest.param(level("2000000000", "upperRoman"), "0", "начальный номер списка (w:start) «2000000000» — не число "
                 "от 0 до 32767", id="huge-roman-start"),
    pytest.param(level("2000000000", "lowerLetter"), "0", "начальный номер списка (w:start) «2000000000» — не "
                 "число от 0 до 32767", id="huge-letter-start"),
    pytest.param(level("1", ilvl="999999999"), "999999999", "уровень списка (w:ilvl) «999999999» — не число от 0 "
                 "до 8", id="huge-level"),
]


@pytest.mark.parametrize("lvl, paragraph_level, message", NUMBERING_REFUSALS)
def test_numbering_past_what_word_writes_is_refused(tmp_path, lvl, paragraph_level, message):
    path = numbered_document(tmp_path / "n.docx", lvl, paragraph_level)
    assert read_bounded(path) == (f"ImportFailure: нумерация списков повреждена: {message}; откройте файл в Word "
                                  "или LibreOffice и сохраните заново\n")


def test_a_docx_of_millions_of_empty_paragraphs_is_refused_before_it_is_unpacked(tmp_path):
    path = tmp_path / "bomb.docx"
    word_document(path).save(str(path))
    rewrite_part(path, "word/document.xml", lambda xml: xml.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 2_000_000))
    assert read_bounded(path).startswith("ImportFailure: часть word/document.xml файла .docx сжата больше чем в "
                                         f"{MAX_COMPRESSION_RATIO} раз")


def test_a_docx_that_unpacks_past_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.docx"
    word_document(path).save(str(path))
    megabyte = 1024 * 1024
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:   # parts too small for the ratio check
        for number in range(MAX_UNPACKED_BYTES // megabyte + 1):
            package.writestr(f"word/media/image{number}.bin", b"\x00" * megabyte)
    assert read_bounded(path).startswith("ImportFailure: файл .docx распаковывается в ")


@pytest.mark.parametrize("text, message", [
    ("строка\n" * (MAX_LINES + 1), f"в документе больше {MAX_LINES} строк"),
    ("слово " * (MAX_CHARACTERS // 6 + 1), f"текст документа длиннее {MAX_CHARACTERS} знаков"),
], ids=["lines", "characters"])
def test_a_text_past_the_limits_is_refused_with_the_limit(tmp_path, text, message):
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailure, match=message):
        read_document(tmp_path / "long.txt")


class CountingSet(set):
    """A set that counts the membership tests made on it: the steps of a search for a free number."""

    tests = 0

    def __contains__(self, item):
        CountingSet.tests += 1
        return super().__contains__(item)


def test_numbering_decisions_without_numbers_takes_linear_steps():
    """A 2,000-row table without numbers took 19 s: each free number was searched for from 1."""
    taken, resume, count = CountingSet(), {}, 5_000
    for _ in range(count):
        taken.add(_next_child("3", taken, resume))
    assert taken == {f"3.{number}" for number in range(1, count + 1)}
    assert CountingSet.tests <= 2 * count
