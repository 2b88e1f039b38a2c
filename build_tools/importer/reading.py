"""Reading a source document into numbered lines: .docx, .txt and .md.

Every format ends up as the same thing, a `SourceDocument`: the lines a
person sees, in order, each with its number, and table rows with their
cells. Nothing is cleaned here (see `cleaning`); what cannot be read raises
`ImportFailure` with a Russian message naming the cause.

* .docx — python-docx: body paragraphs and tables in document order; the
  labels of Word's automatic numbering («1.2.», «а)», bullets) are computed
  (`docx_numbering`) and put in front of the paragraph text, because Word
  does not store them in the text. A line break inside a paragraph starts
  a new line. Line numbers count these lines.
* .txt — UTF-8 or Windows-1251, detected (strict UTF-8 first, then
  charset-normalizer choosing between the two; UTF-16 only with its byte
  order mark, as Word saves «Unicode text»); a line with two or more tabs
  between three or more cells is a table row, and so is a Markdown pipe
  row (``| a | b |``), as text exports of Word documents write tables.
* .md — as text; pipe tables (``| a | b |``) become table rows.

Work is bounded by the size of the file (docs/security.md, «Пределы импорта
и проверки»): a document past one of the limits below is refused with the
limit named, before the work it would cost is done.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from charset_normalizer import from_bytes
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import Entity, XMLSyntaxError

from .docx_numbering import NumberingError, NumberingLabels

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024      # a .docx unpacked: all its parts together
MAX_COMPRESSION_RATIO = 100                # a part of more than a megabyte packed tighter than this is a zip bomb
MAX_LINES = 20_000                         # paragraphs and table rows; a long protocol has a few thousand
MAX_CHARACTERS = 300_000                   # some 150 pages: the draft (text and decisions) stays under 2 MB
MIN_READABLE_SHARE = 0.8                   # of a text's characters: letters, digits, spaces, punctuation
TEXT_ENCODINGS = ["utf_8", "cp1251"]
SUPPORTED_SUFFIXES = (".docx", ".txt", ".md")
# Document formats a user may have in the folder, with advice on converting them.
UNSUPPORTED_SUFFIXES = {
    ".doc": "старый формат Word (.doc) не читается: откройте файл в Word или LibreOffice и сохраните как .docx",
    ".rtf": "формат RTF не читается: сохраните документ как .docx",
    ".odt": "формат ODT не читается: сохраните документ как .docx",
    ".pdf": "PDF не читается: скопируйте текст в .txt или сохраните документ как .docx",
}


class ImportFailure(Exception):
    """A document that cannot be imported; the message is for the user, in Russian."""


@dataclass(frozen=True)
class SourceLine:
    number: int                    # 1-based, in the order a reader sees the lines
    text: str                      # as read; for a table row, the cells joined by " | "
    cells: tuple[str, ...] = ()    # the cells of a table row, empty for an ordinary line

    @property
    def is_row(self) -> bool:
        return bool(self.cells)


@dataclass(frozen=True)
class SourceDocument:
    name: str                      # file name, recorded as source.file
    format: str                    # "docx", "txt" or "md"
    lines: tuple[SourceLine, ...]
    encoding: str | None = None    # for text files: the detected encoding


def is_document(path: Path) -> bool:
    """Whether a file in a folder is a document the importer should try (or report as unsupported)."""
    name = path.name
    if name.startswith(("~$", ".")):
        return False
    return path.suffix.lower() in SUPPORTED_SUFFIXES or path.suffix.lower() in UNSUPPORTED_SUFFIXES


def read_document(path: Path) -> SourceDocument:
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise ImportFailure(UNSUPPORTED_SUFFIXES[suffix])
    if suffix not in SUPPORTED_SUFFIXES:
        raise ImportFailure(f"неизвестный формат «{path.suffix or path.name}»: поддерживаются .docx, .txt и .md")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(f"файл не читается: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ImportFailure(f"файл слишком велик ({len(raw)} байт); допускается не больше {MAX_FILE_BYTES}")
    if suffix == ".docx":
        return SourceDocument(path.name, "docx", _number(_docx_lines(path)))
    text, encoding = decode_text(raw)
    _require_readable(text)
    rows = _markdown_rows if suffix == ".md" else _text_rows
    return SourceDocument(path.name, suffix[1:], _number(rows(text.splitlines())), encoding)


def decode_text(raw: bytes) -> tuple[str, str]:
    """The text of a .txt/.md file and the encoding it was found to be in."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):         # Word's «Unicode text»: UTF-16 with its BOM
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        raise ImportFailure("в файле есть нулевые байты: это не текст в UTF-8 или Windows-1251 "
                            "(может быть, UTF-16 или двоичный файл); сохраните его как текст в UTF-8")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw, cp_isolation=TEXT_ENCODINGS).best()
    if best is None or best.encoding not in TEXT_ENCODINGS:
        raise ImportFailure("кодировка текста не распознана: сохраните файл в UTF-8 или Windows-1251")
    return str(best), best.encoding.replace("_", "-")


def _require_readable(text: str) -> None:
    """Refuse what decodes but is not text (random bytes, a binary file renamed .txt): too few of its
    characters are Russian or Latin letters, digits, spaces or punctuation."""
    readable = sum(1 for character in text if _is_readable(character))
    if text and readable < MIN_READABLE_SHARE * len(text):
        raise ImportFailure(f"это не текст: буквы, цифры, пробелы и знаки препинания — только "
                            f"{100 * readable // len(text)}% знаков файла; сохраните документ как текст "
                            "в UTF-8 или Windows-1251")


def _is_readable(character: str) -> bool:
    return (" " <= character <= "~" or "\u0400" <= character <= "\u04ff" or character in "\t\n\r\u00a0"
            or unicodedata.category(character)[0] in "PZ" or character in "№°§")


def _number(lines: Iterator[tuple[str, tuple[str, ...]]]) -> tuple[SourceLine, ...]:
    """The lines numbered; past `MAX_LINES` lines or `MAX_CHARACTERS` characters the document is refused."""
    numbered, characters = [], 0
    for index, (text, cells) in enumerate(lines, start=1):
        characters += len(text)
        if index > MAX_LINES:
            raise ImportFailure(f"в документе больше {MAX_LINES} строк (абзацев и строк таблиц): такой документ "
                                "не импортируется целиком; разделите его на части")
        if characters > MAX_CHARACTERS:
            raise ImportFailure(f"текст документа длиннее {MAX_CHARACTERS} знаков: черновик протокола из него был "
                                "бы больше, чем допускает проверка (2 МБ); разделите документ на части")
        numbered.append(SourceLine(index, text, cells))
    return tuple(numbered)


# --- .txt and .md -------------------------------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$")


def _markdown_rows(lines: list[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    for line in lines:
        if _PIPE_SEPARATOR.match(line) and "|" in line:
            continue
        match = _PIPE_ROW.match(line)
        if match:
            cells = tuple(cell.strip() for cell in re.split(r"(?<!\\)\|", match.group(1)))
            yield _row(tuple(cell.replace("\\|", "|") for cell in cells))
        else:
            yield line, ()


def _text_rows(lines: list[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Pipe tables, as a .docx converted to text writes them, and rows of cells between tabs."""
    for line, cells in _markdown_rows(lines):
        if cells:
            yield line, cells
            continue
        cells = tuple(cell.strip() for cell in line.strip().split("\t"))
        if len([cell for cell in cells if cell]) >= 3 and line.strip().count("\t") >= 2:
            yield _row(cells)
        else:
            yield line, ()


def _row(cells: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    return " | ".join(cell for cell in cells if cell), cells


# --- .docx --------------------------------------------------------------------------------


def _docx_lines(path: Path) -> Iterator[tuple[str, tuple[str, ...]]]:
    document = _open_docx(path)
    _require_no_entities(document)
    try:
        labels = NumberingLabels(document)
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                text = labels.label_and_text(block)
                for line in text.split("\n"):
                    yield line, ()
            elif isinstance(block, Table):
                yield from _table_rows(block)
    except NumberingError as exc:
        raise ImportFailure(f"{exc}; {_SAVE_AGAIN}") from None
    except _DAMAGED as exc:
        raise _damaged(exc) from None


def _require_no_entities(document: DocxDocument) -> None:
    """Refuse a document with an XML entity reference («&name;»): Word never writes one, python-docx does not
    expand it, and the text of its run after it would be lost."""
    entity = next(document.element.body.iter(Entity), None)
    if entity is not None:
        raise ImportFailure(f"в тексте документа есть ссылка на сущность XML «{entity.text}»: Word такие не пишет, "
                            f"и текст после неё не прочитать; {_SAVE_AGAIN}")


def _check_package(path: Path) -> None:
    """Refuse a zip bomb before python-docx unpacks it: too much unpacked, or packed too tight."""
    with zipfile.ZipFile(path) as package:
        parts = package.infolist()
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFailure(f"файл .docx распаковывается в {unpacked} байт, допускается не больше "
                            f"{MAX_UNPACKED_BYTES}: это не похоже на протокол")
    for part in parts:
        if part.file_size > 1024 * 1024 and part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1):
            raise ImportFailure(f"часть {part.filename} файла .docx сжата больше чем в {MAX_COMPRESSION_RATIO} раз "
                                f"({part.compress_size} → {part.file_size} байт): так сжимаются только повторы "
                                "(например, миллионы пустых абзацев), а не текст протокола")


# What python-docx raises on a package or a part it cannot make sense of (a [Content_Types].xml without
# PartName, a part that is not XML, …): each is a damaged file to the user, never a traceback.
_DAMAGED = (PackageNotFoundError, zipfile.BadZipFile, XMLSyntaxError, LookupError, ValueError, AttributeError,
            TypeError)
_SAVE_AGAIN = "откройте файл в Word или LibreOffice и сохраните заново"


def _damaged(exc: Exception) -> ImportFailure:
    return ImportFailure(f"файл .docx повреждён или это не документ Word ({type(exc).__name__}: {exc}); "
                         f"{_SAVE_AGAIN}")


def _open_docx(path: Path) -> DocxDocument:
    try:
        _check_package(path)
        return docx.Document(str(path))
    except _DAMAGED as exc:
        raise _damaged(exc) from None


def _table_rows(table: Table) -> Iterator[tuple[str, tuple[str, ...]]]:
    for row in table.rows:
        cells, seen = [], []
        for cell in row.cells:
            if any(element is cell._tc for element in seen):   # a merged cell: its text in its first column only,
                cells.append("")                                   # so that every column keeps its position
                continue
            seen.append(cell._tc)
            cells.append(_cell_text(cell))
        if any(cells):
            yield _row(tuple(cells))


def _cell_text(cell: _Cell) -> str:
    """A cell's paragraphs, and the cells of tables nested in it, as one line."""
    parts = []
    for block in cell.iter_inner_content():
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            parts.extend(_cell_text(inner) for row in block.rows for inner in row.cells)
    return " ".join(part.strip() for part in parts if part.strip())
