"""`protocols new` and `protocols status`: editing as a reviewer reads it in a diff.

`new` writes a protocol to fill in whose every TODO the validator reports;
`status` changes the lines of one status block and not one byte more, on the
real protocols and on hand-written YAML that a full re-dump would reformat.
"""

from __future__ import annotations

import io
import re
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from build_tools.editing.status import EditError, NewStatus, set_execution, set_status
from build_tools.pipeline import load_knowledge_base, protocol_files
from build_tools.schema import PROTOCOL_SCHEMA, Schemas
from conftest import REPO_ROOT, run_cli

KEY_ORDER = list(Schemas(REPO_ROOT / "schema").load(PROTOCOL_SCHEMA)["$defs"]["decision"]["properties"])
FIXTURE_PROTOCOL = "protocols/uo-test/2020-01-15-soveshchanie.md"
REPORTED_PROTOCOL = "protocols/uo-test/2020-03-02-soveshchanie.md"  # decision 2: school-1 of two has reported
DONE = NewStatus("done", date(2024, 5, 20), note="Исполнено: отчёт направлен.", link="https://example.org/otchet")


@pytest.fixture
def real_kb(tmp_path: Path) -> Path:
    """A copy of the real knowledge base: the edits must work on the files people actually wrote."""
    root = tmp_path / "real"
    for folder in ("protocols", "schema"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    return root


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def changed_region(before: list, after: list) -> tuple[list, list]:
    """The lines that differ: what ``before`` had and what ``after`` has between their common prefix and suffix."""
    prefix = 0
    while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(before), len(after)) - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return before[prefix : len(before) - suffix], after[prefix : len(after) - suffix]


def assert_is_status_block(lines: list[str], expected: dict) -> None:
    """``lines`` are one «status:» key with its value, and nothing else."""
    indent = len(lines[0]) - len(lines[0].lstrip(" "))
    assert lines[0].strip() == "status:"
    assert all(len(line) - len(line.lstrip(" ")) > indent for line in lines[1:])
    assert YAML(typ="safe").load(io.StringIO("".join(line[indent:] for line in lines))) == {"status": expected}


# --- protocols new -------------------------------------------------------------------------


def test_the_transliteration_library_is_a_declared_dependency():
    """File names come from python-slugify: a fresh `make setup` must install it."""
    dependencies = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(requirement.startswith("python-slugify") for requirement in dependencies)



def test_new_writes_a_protocol_whose_every_todo_the_validator_reports(real_kb):
    result = run_cli("--root", real_kb, "new", "uo-nazarovo", "2024-05-20")
    path = real_kb / "protocols/uo-nazarovo/2024-05-20-protokol.md"
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("Создан protocols/uo-nazarovo/2024-05-20-protokol.md.\n"
                             "Заполните поля с пометкой TODO и проверьте: "
                             "protocols validate protocols/uo-nazarovo/2024-05-20-protokol.md\n")
    todo_lines = [number for number, line in enumerate(path.read_text().splitlines(), 1) if "TODO:" in line]
    validation = run_cli("--root", real_kb, "validate", path)
    assert validation.exit_code == 1
    assert [int(line.split(":")[1]) for line in validation.lines] == todo_lines
    assert validation.lines == [
        f"protocols/uo-nazarovo/2024-05-20-protokol.md:{todo_lines[0]}:7: error: "
        "поле title: ожидается строка, а записано пустое значение",
        f"protocols/uo-nazarovo/2024-05-20-protokol.md:{todo_lines[1]}:10: error: "
        "решение 1, поле text: ожидается строка, а записано пустое значение",
    ]


def test_a_filled_in_protocol_is_valid_and_keeps_what_was_given(real_kb):
    title = "Об итогах ВПР: выводы и задачи"  # a colon: must be quoted in YAML
    assert run_cli("--root", real_kb, "new", "uo-izhevsk", "2024-05-20", "--title", title,
                   "--kind", "решение совещания").exit_code == 0
    path = real_kb / "protocols/uo-izhevsk/2024-05-20-ob-itogakh-vpr-vyvody-i-zadachi.md"
    path.write_text(re.sub(r"text:  # TODO.*", "text: Принять к сведению.", path.read_text()))
    validation = run_cli("--root", real_kb, "validate", path)
    assert validation.exit_code == 0 and validation.stdout == ""
    [protocol] = load_knowledge_base(real_kb, only=[path]).knowledge_base.protocols
    assert (protocol.title, protocol.kind, protocol.authority, protocol.date) == (
        title, "решение совещания", "uo-izhevsk", date(2024, 5, 20))
    assert [(decision.id, decision.text) for decision in protocol.decisions] == [("1", "Принять к сведению.")]


def test_new_lists_the_registry_ids_of_the_authority(real_kb):
    run_cli("--root", real_kb, "new", "uo-nazarovo", "2024-05-20")
    text = (real_kb / "protocols/uo-nazarovo/2024-05-20-protokol.md").read_text()
    assert ("#   nazarovo-heads-oo — руководители образовательных организаций\n"
            "#   gavrilova-sv — Гаврилова С. В.\n"
            "#   ozhegova-aa — Ожегова А. А.\n") in text


@pytest.mark.parametrize("args, file_name", [
    (["--title", "Совещание руководителей ОО"], "2024-05-20-soveshchanie-rukovoditelei-oo.md"),
    (["--title", "Итоги проведения государственной итоговой аттестации в 2020 году"],
     "2024-05-20-itogi-provedeniia-gosudarstvennoi.md"),
    (["--kind", "выписка из протокола"], "2024-05-20-vypiska-iz-protokola.md"),
    ([], "2024-05-20-protokol.md"),
    (["--title", "Совещание", "--slug", "sovet-direktorov"], "2024-05-20-sovet-direktorov.md"),
])
def test_the_file_name_is_the_date_and_the_title_in_latin_letters(real_kb, args, file_name):
    assert run_cli("--root", real_kb, "new", "uo-nazarovo", "2024-05-20", *args).exit_code == 0
    assert (real_kb / "protocols/uo-nazarovo" / file_name).is_file()


def test_new_never_overwrites_a_file(real_kb):
    existing = real_kb / "protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo.md"
    before = existing.read_bytes()
    result = run_cli("--root", real_kb, "new", "uo-nazarovo", "2022-01-12", "--slug", "soveshchanie-rukovoditelej-oo")
    assert result.exit_code == 1
    assert result.stderr == ("файл protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo.md уже есть и не "
                             "будет перезаписан; выберите другое название (--slug) или правьте существующий файл\n")
    assert existing.read_bytes() == before


@pytest.mark.parametrize("args, exit_code, message", [
    (["uo-moskva", "2024-05-20"], 1, "«uo-moskva» — нет такого органа управления образованием в реестре; "
                                     "есть: oo-pochinok, uo-izhevsk, uo-nazarovo, uo-unnamed-1."),
    (["nazarovo-heads-oo", "2024-05-20"], 1, "«nazarovo-heads-oo» — нет такого органа"),
    (["uo-nazarovo", "20.05.2024"], 2, "нужна дата в виде ГГГГ-ММ-ДД, а указано «20.05.2024»"),
    (["uo-nazarovo", "2024-02-30"], 2, "«2024-02-30» — несуществующая дата"),
    (["uo-nazarovo", "2024-05-20", "--kind", "письмо"], 2, "«письмо» — такого вида документа нет; допустимые: протокол,"),
    (["uo-nazarovo", "2024-05-20", "--slug", "Совет"], 2, "«Совет»: только строчная латиница, цифры и дефисы"),
])
def test_new_refuses_bad_arguments_with_a_message(real_kb, args, exit_code, message):
    result = run_cli("--root", real_kb, "new", *args)
    assert (result.exit_code, message in result.stderr) == (exit_code, True), result.stderr
    assert not list((real_kb / "protocols").glob("*/2024-*"))


# --- protocols status: the edit itself, on every decision of the real protocols ----------------


REAL_PROTOCOLS = protocol_files(REPO_ROOT)


@pytest.mark.parametrize("path", REAL_PROTOCOLS, ids=lambda path: path.parent.name + "/" + path.stem[:10])
def test_marking_any_real_decision_changes_only_its_status_lines(path):
    original = path.read_text(encoding="utf-8")
    decision_ids = [decision.id for decision in load_knowledge_base(REPO_ROOT, only=[path]).knowledge_base
                    .protocols[0].decisions]
    for decision_id in decision_ids:
        edited = set_status(original, decision_id, DONE, KEY_ORDER).text
        removed, added = changed_region(original.splitlines(True), edited.splitlines(True))
        assert removed == [], decision_id
        assert_is_status_block(added, DONE.as_mapping())
        assert edited.split("\n---\n", 1)[1] == original.split("\n---\n", 1)[1]  # the body
        assert set_status(edited, decision_id, None, KEY_ORDER).text == original, decision_id


def test_status_goes_after_the_deadline_as_in_the_schema(real_kb):
    path = real_kb / "protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo.md"
    result = run_cli("--root", real_kb, "status", "uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo", "3", "done",
                     "--date", "2022-01-18", "--note", "План утверждён: приказ № 5", "--link", "https://example.org/5")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo.md, строки 61–65: "
                             "решение 3 — выполнено 2022-01-18.\n")
    assert path.read_text().splitlines()[56:67] == [
        "    deadline:",
        "      text: не позднее 19.01.2022",
        "      kind: by",
        "      due: 2022-01-19",
        "    status:",
        "      state: done",
        "      date: 2022-01-18",
        "      note: 'План утверждён: приказ № 5'",
        "      link: https://example.org/5",
        "    tags:",
        "      - независимые оценочные процедуры",
    ]
    assert run_cli("--root", real_kb, "validate", path).exit_code == 0


def test_a_status_is_recorded_and_removed_again_end_to_end(real_kb):
    """The CLI on every real protocol: the file validates after each edit, and `open` restores it to the byte."""
    for path in protocol_files(real_kb):
        before = path.read_bytes()
        protocol = load_knowledge_base(real_kb, only=[path]).knowledge_base.protocols[0]
        task = protocol.tasks[-1]
        done = run_cli("--root", real_kb, "status", path, task.id, "cancelled", "--date", "2024-05-20",
                       "--note", "Отменено решением коллегии.")
        assert done.exit_code == 0, done.stderr
        [marked] = [decision for decision in load_knowledge_base(real_kb, only=[path]).knowledge_base.protocols[0]
                    .decisions if decision.id == task.id]
        assert (marked.status.state.value, marked.status.date, marked.status.note) == (
            "cancelled", date(2024, 5, 20), "Отменено решением коллегии.")
        assert run_cli("--root", real_kb, "status", protocol.id, task.id, "open").exit_code == 0
        assert path.read_bytes() == before


# --- hand-written YAML that a full re-dump would reformat ---------------------------------------

HAND_WRITTEN = """\
---
# Записано вручную в веб-редакторе.
kind:   протокол
title: 'О подготовке к ВПР'
authority: uo-test
date: 2020-01-15
decisions:
    -   id: "1"
        text: Принять к сведению
            информацию, длинную и перенесённую на вторую строку.
        # комментарий внутри решения
    -   id: '2'
        text: "Рекомендовать руководителям ОО:"
        assignees: [test-heads-oo]   # все школы

        deadline: {text: до 25.01.2020 г., kind: by, due: 2020-01-25}
        status:
            state: done
            date: 2020-01-20
            # подтверждение
        tags:
          - ВПР
tags: [ВПР]
---
Текст: без изменений.
"""


def full_round_trip(text: str) -> str:
    """What a load-and-dump with ruamel.yaml would make of the front matter (the approach not taken)."""
    yaml = YAML()
    yaml.preserve_quotes = True
    front_matter = text.split("---\n")[1]
    out = io.StringIO()
    yaml.dump(yaml.load(front_matter), out)
    return text.replace(front_matter, out.getvalue())


def test_the_hand_written_fixture_is_one_a_full_round_trip_would_reformat():
    assert full_round_trip(HAND_WRITTEN) != HAND_WRITTEN


@pytest.mark.parametrize("decision_id, status, removed, added", [
    pytest.param("1", DONE, [], [
        "        status:\n",
        "          state: done\n",
        "          date: 2024-05-20\n",
        "          note: 'Исполнено: отчёт направлен.'\n",
        "          link: https://example.org/otchet\n",
    ], id="insert-after-text-before-the-comment"),
    pytest.param("2", NewStatus("cancelled", date(2020, 1, 21)), [
        "            state: done\n",
        "            date: 2020-01-20\n",
    ], [
        "          state: cancelled\n",
        "          date: 2020-01-21\n",
    ], id="replace-keeping-its-trailing-comment"),
    pytest.param("2", None, [
        "        status:\n",
        "            state: done\n",
        "            date: 2020-01-20\n",
    ], [], id="open-removes-the-block"),
])
def test_hand_written_yaml_keeps_every_byte_but_the_status(decision_id, status, removed, added):
    edited = set_status(HAND_WRITTEN, decision_id, status, KEY_ORDER).text
    assert changed_region(HAND_WRITTEN.splitlines(True), edited.splitlines(True)) == (removed, added)


def test_a_last_decision_at_the_end_of_the_front_matter_gets_its_status_before_the_closing_line():
    text = '---\ntitle: x\ndecisions:\n  - id: "1"\n    text: Принять к сведению.\n\n---\nТекст.\n'
    assert set_status(text, "1", NewStatus("done", date(2024, 5, 20)), KEY_ORDER).text == (
        '---\ntitle: x\ndecisions:\n  - id: "1"\n    text: Принять к сведению.\n'
        '    status:\n      state: done\n      date: 2024-05-20\n\n---\nТекст.\n')


def test_windows_line_endings_are_kept():
    text = HAND_WRITTEN.replace("\n", "\r\n")
    edited = set_status(text, "1", DONE, KEY_ORDER).text
    removed, added = changed_region(text.splitlines(True), edited.splitlines(True))
    assert removed == [] and len(added) == 5 and all(line.endswith("\r\n") for line in added)


@pytest.mark.parametrize("note", ["yes", "no", "2020-01-01", "12", "~", "a: b", "# не комментарий", "«Цитата»"])
def test_a_note_is_read_back_as_the_same_string(kb, note):
    path = kb / FIXTURE_PROTOCOL
    result = run_cli("--root", kb, "status", path, "2.1", "done", "--date", "2020-01-24", "--note", note)
    assert result.exit_code == 0, result.stderr
    [decision] = [decision for decision in load_knowledge_base(kb, only=[path]).knowledge_base.protocols[0].decisions
                  if decision.id == "2.1"]
    assert decision.status.note == note


@pytest.mark.parametrize("text, decision_id, message", [
    ("---\ndecisions:\n  - {id: \"1\", text: x}\n---\n", "1", "решение 1 записано в одну строку ({…})"),
    ("---\ndecisions:\n  - status: {state: done, date: 2020-01-01}\n    id: \"1\"\n---\n", "1",
     "у решения 1 status стоит первым ключом; поставьте первым id"),
    ("---\ntitle: x\n---\n", "1", "в front matter нет списка decisions"),
    ("no front matter\n", "1", "файл не начинается с front matter"),
])
def test_layouts_that_cannot_be_edited_line_wise_are_refused(text, decision_id, message):
    with pytest.raises(EditError, match=re.escape(message)):
        set_status(text, decision_id, DONE, KEY_ORDER)


# --- protocols status: what a user is told -------------------------------------------------------


def test_the_same_status_again_leaves_the_file_alone(kb):
    path = kb / FIXTURE_PROTOCOL
    before = path.read_bytes()
    result = run_cli("--root", kb, "status", path, "2.2", "done", "--date", "2020-04-20", "--note", "Отчёт представлен.")
    assert result.exit_code == 0
    assert result.stdout == f"{FIXTURE_PROTOCOL}: решение 2.2 — выполнено 2020-04-20 — уже записано так; файл не изменён.\n"
    assert path.read_bytes() == before


@pytest.mark.parametrize("args, exit_code, message", [
    (["2.1", "done"], 2, "для done нужна дата: --date ГГГГ-ММ-ДД"),
    (["2.1", "done", "--date", "24.01.2020"], 2, "нужна дата в виде ГГГГ-ММ-ДД, а указано «24.01.2020»"),
    (["2.1", "open", "--note", "x"], 2, "open снимает отметку об исполнении целиком"),
    (["2.1", "finished", "--date", "2020-01-24"], 2, "'finished' is not one of 'done', 'cancelled', 'open'"),
    (["7", "done", "--date", "2020-01-24"], 1, f"{FIXTURE_PROTOCOL}: в протоколе нет решения «7»; есть: 1, 2, 2.1, 2.2"),
    (["2.1", "done", "--date", "2020-01-24", "--link", "ftp://example.org/x"], 1,
     f"{FIXTURE_PROTOCOL}:30:13: error: решение 2.1, поле status.link: недопустимое значение «ftp://example.org/x»"),
])
def test_status_refuses_with_a_message_and_leaves_the_file_alone(kb, args, exit_code, message):
    path = kb / FIXTURE_PROTOCOL
    before = path.read_bytes()
    result = run_cli("--root", kb, "status", path, *args)
    assert (result.exit_code, message in result.stderr) == (exit_code, True), result.stderr
    assert path.read_bytes() == before


def test_status_refuses_to_edit_a_protocol_with_errors(kb):
    path = kb / FIXTURE_PROTOCOL
    path.write_text(path.read_text().replace("date: 2020-01-15", "date: 2020-01-32"))
    result = run_cli("--root", kb, "status", path, "2.1", "done", "--date", "2020-01-24")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{FIXTURE_PROTOCOL}:5:7: error: поле date: «2020-01-32» — несуществующая дата (нужна настоящая дата в виде ГГГГ-ММ-ДД)",
        f"{FIXTURE_PROTOCOL} содержит ошибки; исправьте их и повторите",
    ]


def test_an_unknown_protocol_is_a_usage_error(kb):
    result = run_cli("--root", kb, "status", "uo-test/2020-01-15-net-takogo", "1", "open")
    assert result.exit_code == 2
    assert "«uo-test/2020-01-15-net-takogo» — нет ни такого файла, ни протокола с таким id" in result.stderr


# --- protocols status --org: the marks of executors one by one ----------------------------------


def test_marks_of_several_organizations_are_recorded_at_once_in_the_execution_block(real_kb):
    path = real_kb / "protocols/uo-izhevsk/2021-12-06-sobesedovanie-vpr.md"
    before = path.read_text(encoding="utf-8")
    result = run_cli("--root", real_kb, "status", path, "1", "done", "--date", "2021-12-20",
                     "--reference", "письмо от 20.12.2021 № 45", "--org", "mbou-sosh-12-izhevsk", "--org",
                     "mbou-sosh-27-izhevsk")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith(
        "решение 1 (mbou-sosh-12-izhevsk, mbou-sosh-27-izhevsk) — выполнено 2021-12-20.")
    removed, added = changed_region(before.splitlines(True), path.read_text(encoding="utf-8").splitlines(True))
    assert removed == []
    entry = {"state": "done", "date": date(2021, 12, 20), "reference": "письмо от 20.12.2021 № 45"}
    assert YAML(typ="safe").load(io.StringIO("".join(line[4:] for line in added))) == {"execution": [
        {"assignee": "mbou-sosh-12-izhevsk", **entry}, {"assignee": "mbou-sosh-27-izhevsk", **entry}]}
    assert run_cli("--root", real_kb, "status", path, "1", "open", "--org", "mbou-sosh-12-izhevsk", "--org",
                   "mbou-sosh-27-izhevsk").exit_code == 0
    assert path.read_text(encoding="utf-8") == before


def test_a_mark_is_replaced_where_it_stands_and_a_new_one_goes_last():
    text = (REPO_ROOT / "tests/fixtures/kb" / REPORTED_PROTOCOL).read_text(encoding="utf-8")
    late = NewStatus("done", date(2020, 3, 20))
    edited = set_execution(text, "2", {"school-2": late, "school-1": NewStatus("cancelled", date(2020, 3, 13))},
                           KEY_ORDER).text
    removed, added = changed_region(text.splitlines(True), edited.splitlines(True))
    assert removed == ["        state: done\n", "        date: 2020-03-12\n", "        reference: письмо от 12.03.2020 № 45\n"]
    assert added == ["        state: cancelled\n", "        date: 2020-03-13\n", "      - assignee: school-2\n",
                     "        state: done\n", "        date: 2020-03-20\n"]


def test_progress_is_reported_after_each_mark_with_advice_once_everyone_has_reported(kb):
    path = kb / REPORTED_PROTOCOL
    result = run_cli("--root", kb, "status", path, "2", "done", "--date", "2020-03-16", "--org", "school-2")
    assert result.stdout.splitlines()[1] == (
        "Выполнено 2 из 2: отметились все исполнители. Решение целиком по-прежнему открыто; если оно исполнено, "
        "отметьте его: protocols status uo-test/2020-03-02-soveshchanie 2 done --date ГГГГ-ММ-ДД")
    result = run_cli("--root", kb, "status", path, "2", "cancelled", "--date", "2020-03-16", "--org", "school-1")
    assert result.stdout.splitlines()[1] == "Выполнено 1 из 1: отметились все исполнители. Решение целиком по-прежнему " \
        "открыто; если оно исполнено, отметьте его: protocols status uo-test/2020-03-02-soveshchanie 2 done --date ГГГГ-ММ-ДД"
    result = run_cli("--root", kb, "status", path, "2", "open", "--org", "school-1", "--org", "school-2")
    assert result.stdout.splitlines()[1] == "Выполнено 0 из 2; без отметки: school-1, school-2."


@pytest.mark.parametrize("org, message", [
    ("school-7", "поле execution[1].assignee: в реестре нет записи «school-7»"),
    ("uo-test", "поле execution[1]: «uo-test» не исполнитель этого решения; исполнители: test-heads-oo"),
])
def test_a_mark_for_someone_who_is_not_an_executor_is_refused_and_the_file_left_alone(kb, org, message):
    path = kb / REPORTED_PROTOCOL
    before = path.read_bytes()
    result = run_cli("--root", kb, "status", path, "2", "done", "--date", "2020-03-16", "--org", org)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.splitlines()[-1] == f"{REPORTED_PROTOCOL} после правки не проходит проверку; файл оставлен как был"
    assert path.read_bytes() == before
