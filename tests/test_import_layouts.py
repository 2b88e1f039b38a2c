"""`protocols import` on layouts the five source documents do not have.

The documents in tests/fixtures/import/ were written for these tests, for a
fictional authority (registry in tests/fixtures/import/registry/): «Слушали /
Решили» blocks that restart their numbering, labels inside paragraphs in
either order, a Markdown table of decisions, a Windows-1251 text with a cover
letter and unnumbered items, a document of an authority the registry does not
know (its first import: test_import_authorities.py), and a corrupt .docx. A
Word document with automatic numbering and a table is built here with
python-docx. Each is specified decision by decision.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from conftest import REPO_ROOT, run_cli
from import_accuracy import imported_protocol

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
EXPECTED = FIXTURES / "expected"


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A knowledge base with the real schemas and the test registry of the fictional authority."""
    root = tmp_path / "kb"
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    shutil.copytree(FIXTURES / "registry", root / "protocols" / "registry")
    return root


def import_one(kb: Path, source: Path, *options: str):
    result = run_cli("--root", kb, "import", *options, source)
    assert result.exit_code == 0, result.stderr
    draft = kb / re.search(r"→ (\S+\.md)", result.stdout).group(1)
    return result, draft


def decisions_as_read(kb: Path, draft: Path) -> list[tuple]:
    """(id, agenda, deadline kind, due, effective assignees, responsible) of each decision, as the model reads it."""
    protocol = imported_protocol(kb, draft)
    return [(decision.id, decision.agenda, decision.deadline.kind if decision.deadline else None,
             str(decision.deadline.due) if decision.deadline and decision.deadline.due else None,
             list(decision.all_assignees), list(decision.responsible)) for decision in protocol.decisions]


HEADS_OO, HEADS_DOU = "lesnoy-heads-oo", "lesnoy-heads-dou"

SPECIFICATIONS = {
    # «1. СЛУШАЛИ: … РЕШИЛИ: 1. … 2. …» twice: the question number is put in front of the restarted numbers
    "slushali-reshili.txt": [
        ("1.1", "1", None, None, [], []),
        ("1.2", "1", "by", "2023-04-01", [HEADS_OO], []),
        ("2.1", "2", "month", "2023-04-30", ["imc-lesnoy"], ["petrov-sn"]),
        ("2.2", "2", "range", "2023-08-31", [HEADS_DOU], []),
    ],
    # «Срок: … Ответственный: …», «Ответственные: …; … Срок исполнения: …», «(ответственный – …, срок – …)»
    "inline-labels.txt": [
        ("1", None, "by", "2024-02-20", [HEADS_OO], ["orlov-dv"]),
        ("2", None, "quarter", "2024-03-31", [HEADS_OO], ["kuznetsova-ev"]),
        ("3", None, "by", "2024-03-01", [], ["petrov-sn"]),
        ("4", None, "month", "2024-03-31", ["imc-lesnoy"], []),
        ("5", None, None, None, [HEADS_OO, HEADS_DOU], []),
        ("5.1", None, "ongoing", None, [HEADS_OO, HEADS_DOU], []),
        ("5.2", None, "recurring", None, [HEADS_OO, HEADS_DOU], []),
        ("6", None, "by", "2024-02-28", ["sosh-1-lesnoy", "sosh-2-lesnoy"], []),
    ],
    # | № п/п | Мероприятие | Срок исполнения | Ответственный |
    "table-layout.md": [
        ("1", None, "by", "2023-05-15", [], ["kuznetsova-ev"]),
        ("2", None, "recurring", None, [HEADS_DOU], []),
        ("3", None, "school_year", "2024-05-31", ["imc-lesnoy"], []),
        ("4", None, "ongoing", None, [], ["orlov-dv", "kuznetsova-ev"]),
    ],
    # «По первому вопросу слушали: …», an agenda numbered I, II, a signature without «Председатель»
    "ordinal-questions.txt": [
        ("1.1", "1", None, None, [], []),
        ("1.2", "1", "by", "2024-01-20", [], ["orlov-dv"]),     # «… до 20.01.2024.» inside the sentence
        ("2.1", "2", "months", "2024-03-31", [HEADS_OO], []),
    ],
    # Windows-1251, a cover letter, «ПОСТАНОВИЛИ:» with items without numbers and bullets under a heading
    "cp1251.txt": [
        ("1", None, None, None, [], []),
        ("2", None, None, None, [HEADS_OO], []),
        ("2.1", None, None, None, [HEADS_OO], []),
        ("2.2", None, "by", "2024-05-31", [HEADS_OO], []),
        ("3", None, "month", "2024-06-30", ["uo-lesnoy"], []),
    ],
}


@pytest.mark.parametrize("name", SPECIFICATIONS)
def test_decisions_of_other_layouts(kb, name):
    _, draft = import_one(kb, FIXTURES / name)
    assert decisions_as_read(kb, draft) == SPECIFICATIONS[name]
    validated = run_cli("--root", kb, "validate", draft)
    assert validated.exit_code == 0, validated.stdout


def test_a_word_document_with_automatic_numbering_and_a_table_of_decisions(kb, tmp_path):
    _, draft = import_one(kb, word_protocol(tmp_path / "word.docx"))
    assert decisions_as_read(kb, draft) == [
        ("1", None, None, None, [], []),
        ("2", None, None, None, ["uo-lesnoy"], []),
        ("2.1", None, "by", "2023-12-01", ["uo-lesnoy"], []),
        ("2.2", None, "month", "2023-12-31", ["uo-lesnoy"], ["orlov-dv"]),
        ("3", None, None, None, [HEADS_OO], []),
        ("3.1", None, "school_year", "2024-05-31", [HEADS_OO], []),
        ("3.1.1", None, None, None, [HEADS_OO], []),
        ("3.1.2", None, None, None, [HEADS_OO], []),
        ("4", None, None, None, [HEADS_DOU], []),
        ("4.1", None, "by", "2023-12-20", [HEADS_DOU], []),
        ("4.2", None, "recurring", None, [HEADS_DOU], ["kuznetsova-ev"]),
    ]
    text = draft.read_text(encoding="utf-8")
    assert "title: Протокол № 12 заседания коллегии управления образования от 14.11.2023\n" in text
    assert "| 4.1 | Провести смотр готовности групп к зиме | до 20.12.2023 | заведующие ДОУ |" in text


def test_slushali_reshili_draft_and_proposals_as_written(kb):
    """The whole output for one document: front matter, review comments, body and proposals, byte for byte."""
    import_one(kb, FIXTURES / "slushali-reshili.txt")
    for written, expected in (
        (kb / "protocols/uo-lesnoy/2023-03-15-soveshchanie-rukovoditelei.md", EXPECTED / "slushali-reshili.md"),
        (kb / "protocols/registry/proposed-2023-03-15-soveshchanie-rukovoditelei.yaml.draft",
         EXPECTED / "slushali-reshili.proposed.yaml.draft"),
    ):
        if os.environ.get("UPDATE_GOLDEN"):
            expected.parent.mkdir(exist_ok=True)
            shutil.copy(written, expected)
        assert written.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")


def test_unknown_names_are_proposed_for_the_registry_and_kept_in_the_draft(kb):
    result, draft = import_one(kb, FIXTURES / "slushali-reshili.txt")
    proposals = kb / "protocols/registry/proposed-2023-03-15-soveshchanie-rukovoditelei.yaml.draft"
    assert ("новые записи для реестра (2): "
            "protocols/registry/proposed-2023-03-15-soveshchanie-rukovoditelei.yaml.draft") in result.stdout
    assert "- text: Васильева Н.Н. – директор МБОУ «СОШ № 3»\n" in draft.read_text(encoding="utf-8")
    assert "name: Васильева Н. Н." in proposals.read_text(encoding="utf-8")
    assert "name: МБОУ «СОШ № 3»" in proposals.read_text(encoding="utf-8")
    assert run_cli("--root", kb, "validate").exit_code == 0     # the validator does not read *.yaml.draft


def test_proposed_entries_are_registry_entries_ready_to_move(kb):
    import_one(kb, FIXTURES / "slushali-reshili.txt")
    proposals = kb / "protocols/registry/proposed-2023-03-15-soveshchanie-rukovoditelei.yaml.draft"
    proposals.rename(kb / "protocols/registry/moved.yaml")
    result = run_cli("--root", kb, "validate", kb / "protocols/registry/moved.yaml")
    assert result.exit_code == 0, result.stdout


def test_a_generic_name_does_not_decide_the_authority(kb):
    """«ОТДЕЛ ОБРАЗОВАНИЯ» is the short name of uo-sosnovka, but the people named are uo-lesnoy's, and the
    letterhead's «… ЛЕСНОГО МУНИЦИПАЛЬНОГО ОКРУГА», which the registry writes otherwise, names the same place."""
    result, draft = import_one(kb, FIXTURES / "cp1251.txt")
    assert draft.parent.name == "uo-lesnoy"
    assert ("орган uo-lesnoy определён по упоминаниям: Д.В. Орлов (orlov-dv); Соколовой М.А. (sokolova-ma); "
            "в шапке он записан как «ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГО МУНИЦИПАЛЬНОГО ОКРУГА» — добавьте это "
            "написание в aliases uo-lesnoy") in result.stdout
    assert "строки 1–9 — сопроводительное письмо перед протоколом" in result.stdout


def test_an_authority_neither_named_nor_told_by_its_people_is_not_guessed(kb, tmp_path):
    source = tmp_path / "anonymous.txt"
    source.write_text("ПРОТОКОЛ № 3\nзаседания методического совета\nот 10.10.2023\nРЕШИЛИ:\n"
                      "1. Утвердить план работы методического совета.\n", encoding="utf-8")
    result = run_cli("--root", kb, "import", source)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert ("не удалось определить орган, принявший решения: в шапке нет названия органа из реестра, а упомянутые "
            "люди и организации не указывают однозначно на один орган. Органы в реестре: uo-lesnoy, uo-sosnovka. "
            "Укажите орган: protocols import -a <id органа> …, или сначала добавьте его в реестр "
            "(protocols/registry/)") in result.stderr
    assert not (kb / "protocols" / "uo-lesnoy").exists()


def test_an_unknown_authority_can_be_given(kb):
    _, draft = import_one(kb, FIXTURES / "unknown-authority.txt", "-a", "uo-lesnoy")
    assert draft == kb / "protocols/uo-lesnoy/2023-10-10-zasedanie-metodicheskogo-soveta.md"
    assert run_cli("--root", kb, "validate", draft).exit_code == 0


def test_the_given_authority_must_be_in_the_registry(kb):
    result = run_cli("--root", kb, "import", "-a", "uo-nowhere", FIXTURES / "unknown-authority.txt")
    assert result.exit_code == 2
    assert "в реестре нет органа «uo-nowhere»; органы в реестре: uo-lesnoy, uo-sosnovka" in result.stderr


def test_a_document_without_a_date_needs_one(kb, tmp_path):
    source = tmp_path / "undated.txt"
    source.write_text("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГО МУНИЦИПАЛЬНОГО ОКРУГА\nПРОТОКОЛ\nРЕШИЛИ:\n"
                      "1. Принять к сведению.\n", encoding="utf-8")
    refused = run_cli("--root", kb, "import", source)
    assert refused.exit_code == 1
    assert "в документе не найдена дата заседания; укажите её: protocols import --date ГГГГ-ММ-ДД" in refused.stderr
    _, draft = import_one(kb, source, "--date", "2024-01-31")
    assert draft.name == "2024-01-31-protokol.md"


def test_a_folder_is_imported_with_a_progress_bar_and_a_bad_file_does_not_stop_it(kb):
    result = run_cli("--root", kb, "import", FIXTURES)
    assert result.exit_code == 1
    assert result.stderr.startswith("Импорт")
    assert (f"ошибка: {FIXTURES / 'corrupt.docx'}: файл .docx повреждён или это не документ Word") in result.stderr
    assert "Импортировано документов: 6 из 7; не импортировано: 1" in result.stderr
    assert sorted(path.name for path in (kb / "protocols" / "uo-lesnoy").iterdir()) == [
        "2023-03-15-soveshchanie-rukovoditelei.md",
        "2023-04-20-soveshchanie-zaveduiushchikh-doshkolnymi.md",
        "2024-01-10-apparatnoe-soveshchanie.md",
        "2024-02-05-soveshchanie-rukovoditelei.md",
        "2024-05-20-soveshchanie-pri-nachalnike-upravleniia.md",
    ]
    assert [path.name for path in (kb / "protocols" / "uo-zarechn").iterdir()] == [
        "2023-10-10-zasedanie-metodicheskogo-soveta.md"]       # a new authority (test_import_authorities.py)


@pytest.mark.parametrize("arguments, message", [
    (["nowhere.txt"], "файл не найден: nowhere.txt"),
    (["--date", "12.01.2022", "{kb}"], "--date: нужна дата в виде ГГГГ-ММ-ДД, а записано «12.01.2022»"),
    (["-o", "{kb}/out", "{kb}/protocols"], "в папке {kb}/protocols нет документов .docx, .txt или .md"),
])
def test_bad_paths_are_usage_errors(kb, arguments, message):
    result = run_cli("--root", kb, "import", *(argument.format(kb=kb) for argument in arguments))
    assert result.exit_code == 2
    assert message.format(kb=kb) in result.stderr


# --- a Word document built here ------------------------------------------------------------------------

MULTILEVEL = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%3)"/></w:lvl>'
    '</w:abstractNum>'
)


def word_protocol(path: Path) -> Path:
    """A protocol as Word writes it: list numbers that are not in the text, and a table with a merged row."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(MULTILEVEL))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text in ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГО МУНИЦИПАЛЬНОГО ОКРУГА", "ПРОТОКОЛ № 12",
                 "заседания коллегии управления образования", "от 14.11.2023", "Председатель – Соколова М.А.",
                 "РЕШИЛИ:"):
        document.add_paragraph(text)
    for text, level in [
        ("Принять к сведению информацию Кузнецовой Е.В.", 0),
        ("Управлению образования:", 0),
        ("Провести мониторинг готовности к итоговому собеседованию.", 1), ("Срок: до 01.12.2023", None),
        ("Организовать обучение экспертов.", 1), ("Ответственный: Орлов Д.В.", None), ("Срок: декабрь 2023 г.", None),
        ("Руководителям ОО:", 0),
        ("Обеспечить проведение итогового собеседования:", 1), ("Срок: в течение учебного года", None),
        ("в 9-х классах;", 2), ("для обучающихся на дому.", 2),
    ]:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    table = document.add_table(rows=4, cols=4)
    rows = [("№", "Мероприятие", "Срок", "Ответственный"), ("4. Заведующим ДОУ:", "", "", ""),
            ("4.1", "Провести смотр готовности групп к зиме", "до 20.12.2023", "заведующие ДОУ"),
            ("4.2", "Представлять отчеты о посещаемости", "ежеквартально", "Кузнецова Е.В.")]
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    table.cell(1, 0).merge(table.cell(1, 3)).text = "4. Заведующим ДОУ:"
    for text in ("Секретарь", "Д.В. Орлов"):
        document.add_paragraph(text)
    document.save(str(path))
    return path
