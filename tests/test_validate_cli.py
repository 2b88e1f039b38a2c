"""`protocols validate`: every kind of bad input gets a clear message in Russian and an exit code.

One test per message a user can meet. No input may produce a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, REPO_ROOT, run_cli

PROTOCOL = "protocols/uo-test/2020-02-10-test.md"
VALID_FRONT_MATTER = """kind: протокол
title: Тест
authority: uo-test
date: 2020-02-10
decisions:
  - id: "1"
    text: Принять к сведению информацию.
"""


def write(kb: Path, content: bytes | str, relative: str = PROTOCOL) -> Path:
    path = kb / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_the_fixture_knowledge_base_is_valid(kb):
    result = run_cli("--root", kb, "validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert "ошибок: 0, предупреждений: 0" in result.stderr


def test_the_real_knowledge_base_is_valid():
    result = run_cli("--root", REPO_ROOT, "validate")
    assert result.exit_code == 0, result.stdout
    assert all(": warning: " in line for line in result.lines)


BAD_INPUTS = [
    pytest.param(b"just text, no front matter\n", "1:1", "нет front matter", id="no-front-matter"),
    pytest.param(b"---\nkind: x\n", "1:1", "front matter не закрыт", id="unclosed-front-matter"),
    pytest.param(b"---\nkind: [\n---\n", "3:1", "ошибка YAML", id="broken-yaml"),
    pytest.param(b"---\ntitle: a: b\n---\n", "2:9", "лишнее двоеточие", id="colon-in-plain-scalar"),
    pytest.param(b"---\n\tkind: x\n---\n", "2:1", "табуляция", id="tab-indent"),
    pytest.param(b"---\n" + b"\n".join(b"a%d: &a%d [" % (i, i) + b", ".join([b"*a%d" % (i - 1)] * 9) + b"]"
                                       for i in range(1, 12)).replace(b"*a0", b"lol") + b"\n---\n",
                 "", "ссылки YAML", id="yaml-bomb"),
    pytest.param(b"---\n- 1\n- 2\n---\n", "2:1", "ожидается объект", id="front-matter-is-a-list"),
    pytest.param(b"---\n---\nbody\n", "1:1", "пустой YAML", id="empty-front-matter"),
    pytest.param("---\ntitle: Тест\n---\n".encode("cp1251"), "2:8", "не в кодировке UTF-8", id="windows-1251"),
    pytest.param(b"\xef\xbb\xbf---\n" + VALID_FRONT_MATTER.encode() + b"---\n", "1:1", "BOM", id="bom"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", "двоичный файл", id="binary-junk"),
    pytest.param(("---\n" + VALID_FRONT_MATTER + "colour: red\n---\n").encode(), "9:1", "неизвестное поле «colour»",
                 id="unknown-key"),
    pytest.param(("---\n" + VALID_FRONT_MATTER.replace("2020-02-10", "2020-02-31") + "---\n").encode(), "5:7",
                 "«2020-02-31» — несуществующая дата", id="31st-of-february"),
    pytest.param(("---\n" + VALID_FRONT_MATTER.replace("uo-test", "../uo-test") + "---\n").encode(), "4:12",
                 "недопустимое значение «../uo-test»", id="dotdot-in-id"),
    pytest.param(("---\n" + VALID_FRONT_MATTER.replace("uo-test", "uo/test") + "---\n").encode(), "4:12",
                 "недопустимое значение «uo/test»", id="slash-in-id"),
    pytest.param(("---\n" + VALID_FRONT_MATTER.replace('"1"', '"../1"') + "---\n").encode(), "7:9",
                 "недопустимое значение «../1»", id="path-trick-in-decision-id"),
    pytest.param(("---\n" + VALID_FRONT_MATTER.replace("2020-02-10", "9999-12-31") + "---\n").encode(), "5:7",
                 "дата заседания 9999-12-31 вне допустимых дат: с 1990-01-01 по 2100-12-31", id="meeting-in-9999"),
    pytest.param(("---\n" + VALID_FRONT_MATTER.replace("2020-02-10", "1989-12-31") + "---\n").encode(), "5:7",
                 "дата заседания 1989-12-31 вне допустимых дат", id="meeting-before-1990"),
    pytest.param(("---\n" + VALID_FRONT_MATTER + "---\n<script>alert(1)</script>\n").encode(), "9:1",
                 "HTML-разметка «<script>»", id="script-in-body"),
    pytest.param(("---\n" + VALID_FRONT_MATTER.replace("Тест", '"\\x3cscript>alert(1)\\x3c/script>"') + "---\n").encode(),
                 "3:8", "HTML-разметка «<script>»", id="escaped-script-in-yaml"),
    pytest.param(("---\n" + VALID_FRONT_MATTER.replace("Тест", "'</title/x><img/src=x onerror=alert(1)>'") + "---\n")
                 .encode(), "3:8", "HTML-разметка «</title/x>»", id="tag-written-with-slashes"),
    pytest.param(("---\n" + VALID_FRONT_MATTER.replace("Тест", "'Тест <svg\tonload=alert(1)'") + "---\n").encode(),
                 "3:8", "HTML-разметка «<svg\tonload=alert(1)»", id="unclosed-tag-with-a-tab"),
    pytest.param(("---\n" + VALID_FRONT_MATTER + "---\nСм. <https://uo.example/a.pdf> и <x@uo.example>, затем "
                  "<!-- скрыто -->\n").encode(), "9:56", "HTML-разметка «<!-- скрыто -->»", id="comment-after-autolinks"),
    pytest.param(("---\n" + VALID_FRONT_MATTER + "kind: протокол\n---\n").encode(), "9:1", "ключ «kind» повторяется",
                 id="duplicate-key"),
    pytest.param(("---\n" + VALID_FRONT_MATTER + "x: !!python/object/apply:os.system [ls]\n---\n").encode(), "9:4",
                 "тег YAML", id="python-tag"),
    pytest.param(("---\n" + VALID_FRONT_MATTER.replace("Тест", "Те\x1bст") + "---\n").encode(), "3:10",
                 "недопустимый символ U+001B (управляющий): удалите его", id="control-character"),
    pytest.param(("---\n" + VALID_FRONT_MATTER + '"col\\nour": red\n---\n').encode(), "9:1",
                 "неизвестное поле «col\\nour»", id="line-break-in-a-quoted-value"),
]


@pytest.mark.parametrize("content, position, message", BAD_INPUTS)
def test_bad_input_gets_a_clear_message_and_exit_1(kb, content, position, message):
    write(kb, content)
    result = run_cli("--root", kb, "validate")
    assert result.exit_code == 1
    [line] = [line for line in result.lines if line.startswith(PROTOCOL)]
    assert line.startswith(f"{PROTOCOL}:{position}") and ": error: " in line and message in line, line


@pytest.mark.parametrize("line, error", [
    pytest.param("    deadline: {text: когда-нибудь потом, kind: unparsed, due: 9999-12-31}",
                 "9:63: error: решение 1, поле deadline.due: дата 9999-12-31 слишком далека от даты заседания "
                 "2020-02-10: допускаются даты с 2019-01-01 по 2030-12-31; проверьте год", id="unplaceable-due-9999"),
    pytest.param("    deadline: {text: до 31.12.2018, kind: by, due: 2018-12-31}",
                 "9:52: error: решение 1, поле deadline.due: дата 2018-12-31 слишком далека от даты заседания "
                 "2020-02-10: допускаются даты с 2019-01-01 по 2030-12-31; проверьте год", id="due-a-year-too-early"),
    pytest.param("    status: {state: done, date: 2031-01-01}",
                 "9:33: error: решение 1, поле status.date: дата 2031-01-01 слишком далека от даты заседания "
                 "2020-02-10: допускаются даты с 2019-01-01 по 2030-12-31; проверьте год", id="done-eleven-years-on"),
    pytest.param("    links: [{type: extends, protocol: uo-test/2020-01-15-soveshchanie, decision: '1', "
                 "deadline: {text: до 01.01.2200, kind: by, due: 2200-01-01}}]",
                 "9:134: error: решение 1, поле links[0].deadline.due: дата 2200-01-01 слишком далека от даты "
                 "заседания 2020-02-10: допускаются даты с 2019-01-01 по 2030-12-31; проверьте год",
                 id="extended-to-2200"),
    pytest.param("source: {retrieved: 2101-01-01}",
                 "9:21: error: поле source.retrieved: дата 2101-01-01 вне допустимых дат: с 1990-01-01 по "
                 "2100-12-31; проверьте год", id="retrieved-after-2100"),
])
def test_every_date_is_near_the_meeting(kb, line, error):
    write(kb, "---\n" + VALID_FRONT_MATTER + line + "\n---\n")
    result = run_cli("--root", kb, "validate")
    assert [line for line in result.lines if ": error: " in line] == [f"{PROTOCOL}:{error}"]


def test_every_problem_in_every_file_is_reported_in_one_run(kb):
    write(kb, b"no front matter\n", "protocols/uo-test/2020-02-10-a.md")
    write(kb, b"---\nkind: [\n---\n", "protocols/uo-test/2020-02-11-b.md")
    write(kb, "---\n" + VALID_FRONT_MATTER.replace("2020-02-10", "2020-02-12").replace("протокол", "x") + "---\n",
          "protocols/uo-test/2020-02-12-c.md")
    result = run_cli("--root", kb, "validate")
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.lines] == [
        "protocols/uo-test/2020-02-10-a.md",
        "protocols/uo-test/2020-02-11-b.md",
        "protocols/uo-test/2020-02-12-c.md",
    ]
    assert "ошибок: 3" in result.stderr


def test_github_format_prints_workflow_annotations(kb):
    write(kb, b"no front matter\n")
    result = run_cli("--root", kb, "validate", "--format", "github")
    assert result.exit_code == 1
    assert result.lines == [
        f"::error file={PROTOCOL},line=1,col=1::нет front matter: файл протокола должен начинаться со строки «---»"
    ]


def test_validate_checks_only_the_given_files(kb):
    write(kb, b"no front matter\n", "protocols/uo-test/2020-02-10-bad.md")
    good = kb / "protocols/uo-test/2020-01-15-soveshchanie.md"
    assert run_cli("--root", kb, "validate", good).exit_code == 0
    assert run_cli("--root", kb, "validate").exit_code == 1


def test_a_protocol_outside_an_authority_folder_is_an_error(kb):
    write(kb, "---\n" + VALID_FRONT_MATTER + "---\n", "protocols/2020-02-10-test.md")
    result = run_cli("--root", kb, "validate")
    assert result.lines == ["protocols/2020-02-10-test.md:1:1: error: протокол должен лежать в папке своего органа: "
                            "protocols/<id органа>/ГГГГ-ММ-ДД-название.md"]


def test_registry_problems_are_reported_with_their_file(kb):
    write(kb, "people:\n  - id: ivanova-aa\n    name: Иванова\n    organization: school-404\n",
          "protocols/registry/zz-more.yaml")
    result = run_cli("--root", kb, "validate")
    assert result.exit_code == 1
    assert result.lines == [
        "protocols/registry/zz-more.yaml:2:9: error: id «ivanova-aa» уже занят (protocols/registry/test.yaml, строка 24); "
        "id в реестре уникальны",
        "protocols/registry/zz-more.yaml:4:19: error: поле people[0].organization: «school-404» должен быть "
        "организацией, а такой записи нет",
    ]


def test_markup_in_the_registry_is_an_error(kb):
    registry = kb / "protocols/registry/test.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "name: Иванова А. А.", "name: '</title/x><img/src=x onerror=alert(1)>'"), encoding="utf-8")
    result = run_cli("--root", kb, "validate")
    assert result.lines == ["protocols/registry/test.yaml:25:11: error: поле people[0].name: HTML-разметка "
                            "«</title/x>» не допускается; пишите обычный текст"]


def test_a_line_break_after_an_id_is_an_error(kb):
    write(kb, "---\n" + VALID_FRONT_MATTER.replace('"1"', '"1\\n"') + "---\n")
    result = run_cli("--root", kb, "validate")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{PROTOCOL}:7:9: error: ")
    assert "недопустимое значение «1" in result.stdout


def test_a_line_break_after_a_registry_value_is_an_error(kb):
    registry = kb / "protocols/registry/test.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "timezone: Europe/Moscow", 'timezone: "Europe/Samara\\n"'), encoding="utf-8")
    result = run_cli("--root", kb, "validate")
    assert result.exit_code == 1
    assert result.lines[0].startswith("protocols/registry/test.yaml:7:15: error: поле organizations[0].timezone: "
                                      "недопустимое значение «Europe/Samara")


def test_a_missing_path_is_a_usage_error(kb):
    result = run_cli("--root", kb, "validate", kb / "nope.md")
    assert result.exit_code == 2
    assert "файл не найден" in result.stderr


def test_a_folder_without_a_knowledge_base_is_a_usage_error(tmp_path):
    result = run_cli("--root", tmp_path, "validate")
    assert result.exit_code == 2
    assert "не найдена база знаний" in result.stderr


def test_the_broken_fixture_reports_exactly_its_problems(kb):
    """One deliberately broken protocol: its full list of problems, at once."""
    write(kb, (FIXTURES / "broken/semantic.md").read_bytes(), "protocols/uo-test/2020-02-10-broken.md")
    result = run_cli("--root", kb, "validate")
    expected = (FIXTURES / "broken/semantic.expected").read_text(encoding="utf-8").splitlines()
    assert result.lines == expected
    assert result.exit_code == 1


SECRET = "organizations: [{id: secret-line-of-a-private-file}]\n"
LINKED_OUT = ("файл — символическая ссылка за пределы базы знаний; такие файлы не читаются: "
              "положите в репозиторий сам файл")


@pytest.mark.parametrize("link, given", [
    pytest.param("protocols/registry/zz-link.yaml", False, id="registry-file"),
    pytest.param("protocols/uo-test/2020-02-10-link.md", False, id="protocol"),
    pytest.param("protocols/uo-test/2020-02-10-link.md", True, id="protocol-named-on-the-command-line"),
])
def test_a_symbolic_link_out_of_the_knowledge_base_is_refused_unread(kb, tmp_path, link, given):
    outside = tmp_path / "private.yaml"
    outside.write_text(SECRET if link.endswith(".yaml") else "---\n" + SECRET + "---\n", encoding="utf-8")
    (kb / link).symlink_to(outside)
    result = run_cli("--root", kb, "validate", *([kb / link] if given else []))
    assert result.exit_code == 1
    assert result.lines == [f"{link}:1:1: error: {LINKED_OUT}"]
    assert "secret" not in result.stdout + result.stderr


def test_a_symbolic_link_inside_the_knowledge_base_is_read(kb):
    (kb / "protocols/registry/test.yaml").rename(kb / "shared.yaml")
    (kb / "protocols/registry/test.yaml").symlink_to("../../shared.yaml")
    assert run_cli("--root", kb, "validate").exit_code == 0
