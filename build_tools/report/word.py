"""The справка as a Word document (.docx), in the style of Russian official papers.

A4 portrait, margins of ГОСТ Р 7.0.97-2016 (left 30 mm, right 15, top and bottom
20), Times New Roman 14 pt for the text and 12 pt in the table, the title in
capitals, the table's header repeated on every page, page numbers at the top
centre from the second page. The same report gives the same bytes: the
document's dates are the report's day and the archive's timestamps are fixed.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, time, timezone

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .content import TITLE, TITLE_LINES, Report, ReportRow

FONT = "Times New Roman"
TEXT_SIZE, TABLE_SIZE = Pt(14), Pt(12)
COLUMNS = (("№ п/п", Cm(1.1)), ("Поручение", Cm(5.6)), ("Срок", Cm(3.0)), ("Исполнитель", Cm(3.3)),
           ("Отметка об исполнении", Cm(3.5)))  # 16.5 cm: the width of A4 within the margins
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip archive can say: no build time in the file


def report_docx(report: Report) -> bytes:
    document = Document()
    _page(document)
    _title(document, report)
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, (_, width) in zip(table.columns, COLUMNS):
        column.width = width  # the grid: Word reads the cells' widths, LibreOffice the grid's
    _header_row(table)
    for section in report.sections:
        _section_row(table, section.title)
        for row in section.rows:
            _task_row(table, row)
    _paragraph(document, report.summary, space_before=Pt(12))
    if report.overdue:
        _paragraph(document, report.overdue_line)
    _stamp(document, report)
    return _fixed_archive(document)


def _page(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(header)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, TEXT_SIZE
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)


def _page_number(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _title(document: Document, report: Report) -> None:
    for line in TITLE_LINES:
        _paragraph(document, line, bold=True, centre=True)
    for line in report.heading:
        _paragraph(document, line, centre=True)
    _paragraph(document, "")


def _paragraph(document: Document, text: str, *, bold: bool = False, centre: bool = False, space_before=None):
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = bold
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if space_before is not None:
        paragraph.paragraph_format.space_before = space_before
    return paragraph


def _header_row(table) -> None:
    cells = table.rows[0].cells
    for cell, (name, width) in zip(cells, COLUMNS):
        _cell(cell, name, width, bold=True, centre=True)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)


def _section_row(table, title: str) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    _cell(merged, title, sum((width for _, width in COLUMNS), Cm(0)), bold=True)


def _task_row(table, row: ReportRow) -> None:
    cells = table.add_row().cells
    values = (str(row.number), row.assignment, row.deadline, row.executors, row.mark)
    for cell, value, (_, width) in zip(cells, values, COLUMNS):
        _cell(cell, value, width, centre=value is values[0])


def _cell(cell, text: str, width, *, bold: bool = False, centre: bool = False) -> None:
    cell.width = width
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold, run.font.size = bold, TABLE_SIZE
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _stamp(document: Document, report: Report) -> None:
    """Core properties from the report itself, not from the clock or the template."""
    properties = document.core_properties
    moment = datetime.combine(report.as_of, time(), timezone.utc)
    properties.created = properties.modified = moment
    properties.title = f"{TITLE}: {report.scope.name}"
    properties.author = properties.last_modified_by = ""
    properties.revision = 1


def _fixed_archive(document: Document) -> bytes:
    """The .docx with every member dated ``ZIP_TIME``: python-docx stamps the time of writing."""
    written = io.BytesIO()
    document.save(written)
    fixed = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(zipfile.ZipInfo(member.filename, ZIP_TIME), source.read(member.filename),
                            compress_type=zipfile.ZIP_DEFLATED)
    return fixed.getvalue()
