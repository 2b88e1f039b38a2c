"""Fuzzing `protocols import`: any .txt or .docx is refused or imported, never a traceback or a hang,
and a text that imports keeps every word of its source in the draft.

Documents: any bytes named .txt; text of protocol words, markup and angle brackets in UTF-8 or
Windows-1251; Word documents built with python-docx (paragraphs in list and heading styles, line
breaks, tables) whose XML parts are then mutated (attribute values such as ``w:ilvl``, ``w:start``,
``w:numFmt``, a style based on itself, an undefined entity, an element cut out, bytes cut off).
The authority and the date are given (``-a``, ``--date``) so that the content is what is read.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.importer.cleaning import _FORMATTING_TAGS as FORMATTING_TAGS
from conftest import FIXTURES, REPO_ROOT, run_cli
from fuzzing import RUSSIAN_WORDS, budget, hostile_text, time_limit
from fuzzing import schemas_compiled_once  # noqa: F401 - applies to this module's tests

OPTIONS = ("-a", "uo-lesnoy", "--date", "2023-03-15", "--force")
SECONDS = 20  # a document of these sizes imports in a second or two
WORD = re.compile(r"\w+")
# Formatting tags a converter leaves in a text (<b>, <img …>), which import removes as its documented exception
# (docs/security.md, «Ни одного потерянного слова»): what is inside them is not a word of the document.
CONVERTER_TAGS = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)[^<>]*>")


def without_formatting_tags(text: str) -> str:
    return CONVERTER_TAGS.sub(lambda tag: " " if tag[1].lower() in FORMATTING_TAGS else tag[0], text)


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Path:
    """A knowledge base with the real schemas and the importer's test registry (Лесной округ)."""
    root = tmp_path_factory.mktemp("fuzz-import") / "kb"
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    shutil.copytree(FIXTURES / "import" / "registry", root / "protocols" / "registry")
    return root


def imported(kb: Path, name: str, content: bytes) -> str | None:
    """The draft of the document, None when import refused it with a message."""
    source, output = kb.parent / name, kb.parent / "drafts"
    shutil.rmtree(output, ignore_errors=True)
    source.write_bytes(content)
    with time_limit(SECONDS, f"protocols import {name}"):
        result = run_cli("--root", kb, "import", "-o", output, *OPTIONS, source)
    assert result.exit_code in (0, 1), result
    assert "Traceback" not in result.stdout + result.stderr
    drafts = sorted(output.glob("*.md"))
    assert len(drafts) == (1 if result.exit_code == 0 else 0), result
    if result.exit_code == 1:
        assert re.search("[а-яё]", result.stdout + result.stderr), result  # said why, in Russian
    return drafts[0].read_text(encoding="utf-8") if drafts else None


def assert_no_word_lost(source: str, draft: str | None) -> None:
    if draft is not None:
        kept = set(WORD.findall(draft))
        assert [word for word in WORD.findall(without_formatting_tags(source)) if word not in kept] == []


@budget(40)
@given(content=st.binary(max_size=3000))
def test_any_bytes_named_txt(kb, content):
    imported(kb, "document.txt", content)


HEADER = "ПРОТОКОЛ № 4\nсовещания руководителей образовательных организаций\n«15» марта 2023 г.\n\nРЕШИЛИ:\n"
line_texts = st.lists(st.one_of(st.sampled_from(RUSSIAN_WORDS), st.sampled_from(["<ИМЯ>", "<Фамилия И. О.>", "<NAME>", "<b>", "1.",
                                                                                   "2)", "Срок:", "-", "•", "|"]),
                                st.from_regex(r"[А-Яа-яA-Za-z0-9]{1,8}", fullmatch=True)),
                      min_size=1, max_size=12).map(" ".join)
texts = st.lists(line_texts, max_size=25).map(lambda lines: HEADER + "\n".join(lines) + "\n")


@budget(40)
@given(text=texts, encoding=st.sampled_from(["utf-8", "cp1251"]))
def test_every_word_of_a_text_survives_into_the_draft(kb, text, encoding):
    assert_no_word_lost(text, imported(kb, "document.txt", text.encode(encoding)))


STYLES = [None, "List Number", "List Bullet", "List Number 2", "Heading 1", "Title", "Body Text"]


@st.composite
def word_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A Word document built by python-docx: its text and its bytes."""
    document, lines = docx.Document(), [HEADER]
    document.add_paragraph(HEADER.strip())
    for _ in range(draw(st.integers(0, 15))):
        if draw(st.integers(0, 6)) == 0:
            cells = draw(st.lists(line_texts, min_size=2, max_size=4))
            table = document.add_table(rows=draw(st.integers(1, 3)), cols=len(cells))
            for row in table.rows:
                for cell, text in zip(row.cells, cells):
                    cell.text = text
            lines += cells
        else:
            text = draw(st.one_of(line_texts, hostile_text()).filter(lambda value: "\x00" not in value))
            text = "".join(char for char in text if char in "\t\n" or char.isprintable())  # what XML can hold
            document.add_paragraph(text, draw(st.sampled_from(STYLES)))
            lines.append(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return "\n".join(lines), buffer.getvalue()


PARTS = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "[Content_Types].xml"]
ATTRIBUTE = re.compile(rb'(\w+:\w+|\w+)="([^"]*)"')
VALUES = [b"-1", b"x", b"", b"999999999", b"4294967296", b"1e9", b"upperRoman", b"lowerLetter", b"decimal",
          b"bullet", b"Normal", b"ListNumber", b"&x;", b"0"]


@st.composite
def mutated_xml(draw: st.DrawFn, xml: bytes) -> bytes:
    """One XML part with an attribute value, an element or its end changed."""
    action = draw(st.sampled_from(["attribute", "attribute", "based-on-itself", "entity", "cut", "truncate"]))
    if action == "attribute" and (found := list(ATTRIBUTE.finditer(xml))):
        match = draw(st.sampled_from(found))
        return xml[:match.start(2)] + draw(st.one_of(st.sampled_from(VALUES), st.binary(max_size=6))) + xml[match.end(2):]
    if action == "based-on-itself" and (style := re.search(rb'w:styleId="([^"]+)">', xml)):
        return xml[:style.end()] + b'<w:basedOn w:val="' + style[1] + b'"/>' + xml[style.end():]
    if action == "entity" and (text := re.search(rb"<w:t(?: [^>]*)?>", xml)):
        return xml[:text.end()] + b"&undefined;" + xml[text.end():]
    if action == "cut" and (elements := list(re.finditer(rb"<w:\w+[^>]*/>", xml))):
        element = draw(st.sampled_from(elements))
        return xml[:element.start()] + xml[element.end():]
    return xml[:draw(st.integers(0, len(xml)))]


@st.composite
def mutated_word_documents(draw: st.DrawFn) -> bytes:
    _, content = draw(word_documents())
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(PARTS))
        parts[name] = draw(mutated_xml(parts[name]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


@budget(25)
@given(document=word_documents())
def test_every_word_of_a_word_document_survives_into_the_draft(kb, document):
    text, content = document
    assert_no_word_lost(text, imported(kb, "document.docx", content))


@budget(60)
@given(content=mutated_word_documents())
def test_mutated_word_documents(kb, content):
    imported(kb, "document.docx", content)
