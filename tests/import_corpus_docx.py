"""The Word documents of the import corpus, built with python-docx so that they are reproducible.

Each document is a list of blocks, written as a clerk lays the document out
in Word: plain paragraphs, paragraphs in Word's automatic numbering (whose
labels are not in the text), and real tables, borderless ones for a header
line or a signature block included, with merged cells. Their ground truth is
in fixtures/import/corpus/truth/ beside that of the text documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

# numbering formats: one (numFmt, lvlText) per level
LIST_STYLES = {
    "decimal": [("decimal", "%1."), ("decimal", "%1.%2."), ("russianLower", "%3)")],
    "roman": [("upperRoman", "%1."), ("decimal", "%2)"), ("russianLower", "%3)")],
    "letters": [("decimal", "%1."), ("russianLower", "%2)")],
    "bullet": [("bullet", "•")],
}


@dataclass(frozen=True)
class Item:
    """A paragraph in automatic numbering: list ``name`` (a list of its own), level, text."""

    list: str
    level: int
    text: str


@dataclass(frozen=True)
class Table:
    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)   # (row, col, last row, last col)


Block = str | Item | Table


def build(blocks: list[Block], lists: dict[str, str], path: Path) -> Path:
    """Write the document; ``lists`` names each list's style (a key of LIST_STYLES)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    ids = {}
    for number, (name, style) in enumerate(sorted(lists.items()), start=101):
        numbering.insert(0, parse_xml(_abstract(number, LIST_STYLES[style])))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{number}">'
                                   f'<w:abstractNumId w:val="{number}"/></w:num>'))
        ids[name] = number
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif isinstance(block, Item):
            paragraph = document.add_paragraph(block.text)
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{block.level}"/><w:numId w:val="{ids[block.list]}"/>'
                '</w:numPr>'))
        else:
            _add_table(document, block)
    document.save(str(path))
    return path


def _abstract(number: int, levels: list[tuple[str, str]]) -> str:
    xml = "".join(f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                  f'<w:lvlText w:val="{text}"/></w:lvl>' for level, (fmt, text) in enumerate(levels))
    return (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}">'
            f'<w:multiLevelType w:val="multilevel"/>{xml}</w:abstractNum>')


def _add_table(document, table: Table) -> None:
    width = max(len(row) for row in table.rows)
    added = document.add_table(rows=len(table.rows), cols=width)
    for row, values in zip(added.rows, table.rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    for first_row, first_col, last_row, last_col in table.merges:
        text = table.rows[first_row][first_col]
        added.cell(first_row, first_col).merge(added.cell(last_row, last_col)).text = text


DOCUMENTS: dict[str, tuple[list[Block], dict[str, str]]] = {
    # Word numbering, the place and the date in a borderless two-cell table, signatures in a table
    "c06-word-numbering.docx": ([
        "ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ПОДГОРНЕНСКОГО МУНИЦИПАЛЬНОГО РАЙОНА",
        "ПРОТОКОЛ № 6",
        "районного августовского педагогического совещания",
        Table([["с. Подгорное", "29 августа 2024 г."]]),
        "Председатель: Лаптева Светлана Михайловна, начальник отдела образования",
        "Секретарь: Волкова И.И.",
        "Присутствовали: 86 педагогических работников.",
        "Повестка дня:",
        Item("agenda", 0, "Об итогах 2023-2024 учебного года и задачах на 2024-2025 учебный год."),
        Item("agenda", 0, "О введении федеральных основных общеобразовательных программ."),
        "Выступили: Лаптева С.М., Шмидт Е.В., Орехов Д.А.",
        "Совещание решило:",
        Item("decisions", 0, "Признать работу образовательных организаций района в 2023-2024 учебном году "
                             "удовлетворительной."),
        Item("decisions", 0, "Руководителям общеобразовательных организаций:"),
        Item("decisions", 1, "обеспечить готовность школ к началу учебного года;"),
        "Срок: к началу нового учебного года.",
        Item("decisions", 1, "организовать входную диагностику обучающихся 5-х и 10-х классов;"),
        "Срок: до конца первой четверти",
        Item("decisions", 1, "провести родительские собрания по вопросам введения ФОП."),
        "Срок: в первом полугодии.",
        Item("decisions", 0, "Отделу образования (Шмидт Е.В.) организовать работу муниципальных методических "
                             "объединений по вопросам реализации ФОП."),
        "Срок: в течение учебного года.",
        Item("decisions", 0, "Орехову Д.А. представить на совещании руководителей анализ готовности школ к "
                             "отопительному сезону."),
        "Срок: до 15 октября 2024 года",
        Table([["Председатель", "С.М. Лаптева"], ["Секретарь", "И.И. Волкова"]]),
    ], {"agenda": "decimal", "decisions": "decimal"}),

    # a table of decisions: section rows merged across the table, a responsible cell merged down three rows
    "c07-merged-table.docx": ([
        "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ БЕРЕЗОВСКОГО МУНИЦИПАЛЬНОГО ОКРУГА",
        "ПРОТОКОЛ",
        "совещания руководителей дошкольных образовательных организаций",
        "20.11.2024 № 9",
        "Председатель – Смирнов А.П.",
        "Слушали: Гусеву О.В. «Об организации питания в ДОУ»; Михайлову Л.Р. «О муниципальном конкурсе "
        "«Воспитатель года»».",
        "Решили:",
        Table([
            ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный"],
            ["1. Заведующим ДОУ:", "", "", ""],
            ["1.1", "Обеспечить выполнение натуральных норм питания", "постоянно", "заведующие ДОУ"],
            ["1.2", "Провести проверку работы пищеблоков", "до 10.12.2024", ""],
            ["1.3", "Представлять отчеты о выполнении норм питания", "ежемесячно до 5 числа", ""],
            ["2. Управлению образования:", "", "", ""],
            ["2.1", "Провести мониторинг организации питания в ДОУ", "декабрь 2024 г.", "Гусева О.В."],
            ["2.2", "Организовать муниципальный конкурс «Воспитатель года – 2025»", "январь – февраль 2025 г.",
             "Михайлова Л.Р."],
            ["3", "Информацию принять к сведению", "—", "—"],
        ], merges=[(1, 0, 1, 3), (2, 3, 4, 3), (5, 0, 5, 3)]),
        Table([["Председатель", "А.П. Смирнов"]]),
    ], {}),

    # the first Word document of an authority the registry does not know (its .txt sibling is c09)
    "c10-new-authority-word.docx": ([
        "Отдел образования администрации Юрьевского муниципального района",
        "ПРОТОКОЛ № 1",
        "совещания руководителей общеобразовательных организаций",
        "25.01.2024",
        "Председатель: Сафонова Г.П.",
        "Секретарь: Куликова Ю.А.",
        "Повестка дня:",
        Item("agenda", 0, "Об итогах муниципального этапа всероссийской олимпиады школьников."),
        Item("agenda", 0, "О подготовке к ГИА-2024."),
        "Слушали: Куликову Ю.А., Сафонову Г.П.",
        "Решили:",
        Item("decisions", 0, "Информацию принять к сведению."),
        Item("decisions", 0, "Руководителям общеобразовательных организаций:"),
        Item("decisions", 1, "организовать подготовку победителей и призеров муниципального этапа к региональному "
                             "этапу олимпиады;"),
        Item("decisions", 1, "провести пробные экзамены в 9-х и 11-х классах в срок до 15 марта 2024 г."),
        Item("decisions", 0, "Куликовой Ю.А. направить в министерство образования заявку на участие в региональном "
                             "этапе олимпиады."),
        "Срок: до 30.01.2024",
        "Председатель\tГ.П. Сафонова",
    ], {"agenda": "decimal", "decisions": "decimal"}),

    # Roman sections in Word numbering, «1)» items and «а)» sub-items; a three-column signature
    "c16-roman-word.docx": ([
        "КОМИТЕТ ПО ОБРАЗОВАНИЮ АДМИНИСТРАЦИИ КРАСНОСЕЛЬСКОГО РАЙОНА",
        "ПРОТОКОЛ № 1",
        "заседания коллегии комитета по образованию",
        "от 06 февраля 2025 года",
        "Председатель коллегии – Белова Н.А.",
        "Секретарь – Никитина В.В.",
        "Заслушав доклад заместителя председателя комитета Фролова И.С. «Об итогах работы системы образования "
        "района в 2024 году и задачах на 2025 год», коллегия решила:",
        Item("decisions", 0, "Доклад принять к сведению."),
        Item("decisions", 0, "Комитету по образованию:"),
        Item("decisions", 1, "разработать муниципальную программу «Развитие образования Красносельского района» "
                             "на 2025-2030 годы;"),
        "Срок: до 1 апреля 2025 г.",
        Item("decisions", 1, "провести мониторинг кадрового обеспечения образовательных организаций."),
        "Срок: II квартал 2025 г.",
        "Ответственный: Фролов И.С.",
        Item("decisions", 0, "Руководителям образовательных организаций:"),
        Item("decisions", 1, "обеспечить выполнение показателей муниципальной программы;"),
        Item("decisions", 1, "организовать работу с молодыми специалистами:"),
        Item("decisions", 2, "закрепить наставников;"),
        Item("decisions", 2, "провести школьный конкурс «Первые шаги»."),
        "Срок: март 2025 г.",
        Item("decisions", 0, "Районному методическому кабинету (Тарасова Е.Г.) подготовить сборник лучших практик "
                             "наставничества."),
        "Срок: до конца учебного года.",
        Table([["Председатель коллегии", "", "Н.А. Белова"]]),
    ], {"decisions": "roman"}),

    # Word numbering with letters and bullets; date, place and number in a borderless three-cell table
    "c22-letters-and-bullets.docx": ([
        "Управление образования администрации Березовского муниципального округа",
        "ПРОТОКОЛ",
        "совещания руководителей общеобразовательных организаций",
        Table([["02.03.2023", "г. Березовка", "№ 3"]]),
        "Председатель: Ковалева Т.Н.",
        "Секретарь: Зайцев К.Е.",
        "Слушали:",
        Item("speakers", 0, "Смирнова А.П. – о подготовке к всероссийским проверочным работам;"),
        Item("speakers", 0, "Михайлову Л.Р. – о реализации программ наставничества."),
        "Решили:",
        Item("decisions", 0, "Руководителям ОО:"),
        Item("decisions", 1, "обеспечить проведение ВПР в соответствии с планом-графиком;"),
        Item("decisions", 1, "организовать перепроверку работ с привлечением учителей других школ;"),
        Item("decisions", 1, "результаты ВПР рассмотреть на педагогических советах."),
        "Срок: апрель – май 2023 г.",
        Item("decisions", 0, "Михайловой Л.Р. организовать муниципальный семинар наставников."),
        "Срок: 22.03.2023",
        Item("decisions", 0, "Зайцеву К.Е. обеспечить сбор отчетов о проведении ВПР."),
        "Срок: до 26 мая",
        Table([["Председатель", "Т.Н. Ковалева"], ["Секретарь", "К.Е. Зайцев"]]),
    ], {"speakers": "bullet", "decisions": "letters"}),

    # held out: numbered paragraphs for one question, a table with a merged cell for the other
    "c30-heldout-word-table.docx": ([
        "КОМИТЕТ ПО ОБРАЗОВАНИЮ АДМИНИСТРАЦИИ КРАСНОСЕЛЬСКОГО РАЙОНА",
        "ПРОТОКОЛ № 9",
        "совещания руководителей образовательных организаций",
        Table([["11 ноября 2021 г.", "г. Красносельск"]]),
        "Председатель: Белова Н.А.",
        "Присутствовали: руководители ОО (19 чел.), специалисты комитета.",
        "ПОВЕСТКА:",
        Item("agenda", 0, "О ходе вакцинации работников образования."),
        Item("agenda", 0, "О проведении итогового сочинения."),
        "По первому вопросу слушали: Фролова И.С.",
        "Решили:",
        Item("first", 0, "Информацию принять к сведению."),
        Item("first", 0, "Руководителям ОО обеспечить уровень вакцинации работников не ниже 80%."),
        "Срок: до 01.12.2021",
        "По второму вопросу слушали: Никитину В.В.",
        "Решили:",
        Table([
            ["№", "Мероприятие", "Срок", "Ответственный"],
            ["1", "Обеспечить проведение итогового сочинения в 11-х классах", "01.12.2021", "руководители ОО"],
            ["2", "Организовать проверку итоговых сочинений", "в течение 7 дней после проведения",
             "Тарасова Е.Г."],
            ["3", "Обеспечить информирование выпускников о результатах итогового сочинения", "", "Никитина В.В."],
        ], merges=[(3, 1, 3, 2)]),
        "Председатель\t\t\tН.А. Белова",
    ], {"agenda": "decimal", "first": "decimal"}),
}


def build_all(target: Path) -> list[Path]:
    """Every Word document of the corpus, written into ``target``."""
    return [build(blocks, lists, target / name) for name, (blocks, lists) in DOCUMENTS.items()]
