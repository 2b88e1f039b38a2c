"""Links between decisions in `protocols import` (docs/import.md, «Связи между решениями»): the references a
decision's text makes, the protocol they name among the authority's, and the draft's proposed `links`.

The knowledge base is the test one (tests/fixtures/kb): «Тестовое» authority uo-test with the meetings of
15 January 2020 (№ 1: 1, 2, 2.1, 2.2) and 2 March 2020 (№ 2: 1, 2, 3).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from build_tools.importer.decision_links import KnownProtocol, ProtocolIndex, ProtocolName, Reference, references
from build_tools.model import LinkType
from conftest import run_cli

E, X, D, W, R, C = (LinkType.EXECUTES, LinkType.EXTENDS, LinkType.MARKS_DONE, LinkType.WITHDRAWS, LinkType.REVOKES,
                    LinkType.CONTROLS)
JANUARY, MARCH = ProtocolName(date(2020, 1, 15), "1"), ProtocolName(date(2020, 3, 2), "2")

REFERENCES = [
    # (decision text, [Reference])
    ("Во исполнение п. 3.2 протокола от 22.11.2019 руководителям МБОУ «СОШ № 3» представить отчёт.",
     [Reference(E, "п. 3.2 протокола от 22.11.2019", ("3.2",), ProtocolName(date(2019, 11, 22)))]),
    ("Продлить срок исполнения п. 2.1 протокола № 5 до 01.03.2021.",
     [Reference(X, "п. 2.1 протокола № 5", ("2.1",), ProtocolName(number="5"), deadline="до 01.03.2021")]),
    ("Продлить срок исполнения п. 2.1 решения совещания от 15 января 2020 г. № 1 до конца учебного года.",
     [Reference(X, "п. 2.1 решения совещания от 15 января 2020 г. № 1", ("2.1",), JANUARY,
                deadline="до конца учебного года")]),
    ("Перенести срок исполнения п. 3 протокола от 15.01.2020 на 15.04.2020.",
     [Reference(X, "п. 3 протокола от 15.01.2020", ("3",), ProtocolName(date(2020, 1, 15)), deadline="на 15.04.2020")]),
    ("Признать утратившим силу п. 4 решения коллегии от 12.01.2022 № 1.",
     [Reference(R, "п. 4 решения коллегии от 12.01.2022 № 1", ("4",), ProtocolName(date(2022, 1, 12), "1"))]),
    ("Пункт 6 признать утратившим силу.", [Reference(R, "Пункт 6", ("6",))]),
    ("Снять с контроля п. 3 решения от 02.03.2020 № 2.",
     [Reference(W, "п. 3 решения от 02.03.2020 № 2", ("3",), MARCH)]),
    ("Снять с контроля пункты 2.1 и 2.3 протокола от 15.01.2020 № 1 как исполненные.",
     [Reference(D, "пункты 2.1 и 2.3 протокола от 15.01.2020 № 1", ("2.1", "2.3"), JANUARY)]),
    ("Считать исполненным п. 1.2 протокола от 22.11.2019.",
     [Reference(D, "п. 1.2 протокола от 22.11.2019", ("1.2",), ProtocolName(date(2019, 11, 22)))]),
    ("Считать п. 1 протокола от 15.01.2020 исполненным; признать утратившим силу п. 2 протокола от 15.01.2020.",
     [Reference(D, "п. 1 протокола от 15.01.2020", ("1",), ProtocolName(date(2020, 1, 15))),
      Reference(R, "п. 2 протокола от 15.01.2020", ("2",), ProtocolName(date(2020, 1, 15)))]),
    ("Контроль за исполнением решения возложить на заместителя начальника А.П. Смирнова.",
     [Reference(C, "Контроль за исполнением решения", own=True)]),
    ("Контроль за исполнением настоящего решения оставляю за собой.",
     [Reference(C, "Контроль за исполнением настоящего решения", own=True)]),
    ("Контроль за исполнением п. 2 возложить на Петрова Б. Б.", [Reference(C, "п. 2", ("2",), own=True)]),
    ("Перенести срок исполнения пп. 3.1–3.3 протокола от 15.01.2020 на 15.04.2020.",
     [Reference(X, "пп. 3.1–3.3 протокола от 15.01.2020", ("3.1",), ProtocolName(date(2020, 1, 15)),
                deadline="на 15.04.2020", problem="названы пункты через тире (диапазон): впишите связи с каждым "
                                                  "пунктом сами")]),
    # not links between decisions
    ("Во исполнение приказа министерства образования от 12.03.2021 № 45 провести мониторинг.", []),
    ("Отменить проведение муниципального этапа олимпиады.", []),
    ("Продлить срок приёма заявок до 10.03.2020.", []),
    ("Руководителям ОО обеспечить исполнение плана мероприятий.", []),
]


@pytest.mark.parametrize("text, expected", REFERENCES)
def test_the_references_a_decision_makes(text, expected):
    assert references(text) == expected


def test_items_without_their_protocol_name_the_one_their_heading_names():
    heading = ProtocolName(date(2022, 9, 15), "7")  # «1. Внести в решение … от 15.09.2022 № 7 изменения:»
    assert references("Пункт 6 признать утратившим силу.", heading) == [Reference(R, "Пункт 6", ("6",), heading)]


def known(protocol_id: str, day: date, number: str | None) -> KnownProtocol:
    return KnownProtocol(protocol_id, day, number, ("1",), Path(f"{protocol_id}.md"))


INDEX = ProtocolIndex([known("a/2020-01-15", date(2020, 1, 15), "1"), known("a/2021-01-20", date(2021, 1, 20), "1"),
                       known("a/2021-03-02-1", date(2021, 3, 2), "2"), known("a/2021-03-02-2", date(2021, 3, 2), "3")])
MEETING, OWN = date(2021, 4, 1), ProtocolName(date(2021, 4, 1), "4")

FINDS = [
    # (protocol as named, the protocol found or None, how)
    (ProtocolName(date(2020, 1, 15), "1"), "a/2020-01-15", "по дате и номеру"),
    (ProtocolName(date(2020, 1, 15)), "a/2020-01-15", "по дате"),
    (ProtocolName(number="1"), "a/2021-01-20", "по номеру — последний до заседания протокол № 1 (20.01.2021)"),
    (ProtocolName(date(2021, 3, 2)), None, "протокол от 02.03.2021: подходят несколько протоколов "
                                           "(a/2021-03-02-1, a/2021-03-02-2)"),
    (ProtocolName(date(2021, 3, 2), "3"), "a/2021-03-02-2", "по дате и номеру"),
    (ProtocolName(date(2020, 1, 15), "2"), None, "протокол от 15.01.2020 № 2 не найден среди протоколов органа"),
    (ProtocolName(date(2021, 5, 1)), None, "протокол от 01.05.2021 не найден среди протоколов органа"),  # later
]


@pytest.mark.parametrize("name, found, how", FINDS)
def test_the_protocol_a_reference_names(name, found, how):
    protocol, said = INDEX.find(name, MEETING, OWN)
    assert (protocol.id if protocol else None, said) == (found, how)


# --- the draft ------------------------------------------------------------------------------------------

DOCUMENT = """УПРАВЛЕНИЕ ОБРАЗОВАНИЯ ТЕСТОВОГО РАЙОНА

РЕШЕНИЕ СОВЕЩАНИЯ

16.03.2020                                         № 3

О ходе исполнения решений

РЕШИЛИ:

1. Продлить срок исполнения п. 2.1 решения совещания от 15.01.2020 № 1 до 31.03.2020.
2. Во исполнение п. 2 решения совещания от 02.03.2020 № 2 руководителям ОО представить отчёт до 25.03.2020.
3. Снять с контроля п. 3 решения совещания от 02.03.2020 № 2.
4. Признать утратившим силу п. 9 протокола от 15.01.2020 № 1.
5. Считать исполненным п. 2.2 протокола от 01.02.2020.
6. Контроль за исполнением решения возложить на Петрова Б. Б.
"""
JANUARY_ID, MARCH_ID = "uo-test/2020-01-15-soveshchanie", "uo-test/2020-03-02-soveshchanie"

DRAFT_LINKS = [
    # (decision, its links in the draft, what the report says of it)
    ("1", [{"type": "extends", "protocol": JANUARY_ID, "decision": "2.1",
            "text": "п. 2.1 решения совещания от 15.01.2020 № 1",
            "deadline": {"text": "до 31.03.2020", "kind": "by", "due": "2020-03-31"}}],
     f"предложена связь по тексту — продление срока: «п. 2.1 решения совещания от 15.01.2020 № 1» → {JANUARY_ID}, "
     "п. 2.1 (найден по дате и номеру): проверьте"),
    ("2", [{"type": "executes", "protocol": MARCH_ID, "decision": "2",
            "text": "п. 2 решения совещания от 02.03.2020 № 2"}],
     f"предложена связь по тексту — во исполнение: «п. 2 решения совещания от 02.03.2020 № 2» → {MARCH_ID}, п. 2"),
    ("3", [{"type": "withdraws", "protocol": MARCH_ID, "decision": "3",
            "text": "п. 3 решения совещания от 02.03.2020 № 2"}],
     f"снять с контроля: «п. 3 решения совещания от 02.03.2020 № 2» → {MARCH_ID}, п. 3"),
    ("4", None, f"связь (признать утратившим силу: «п. 9 протокола от 15.01.2020 № 1») не записана для п. 9: в "
                f"{JANUARY_ID} нет такого решения"),
    ("5", None, "ссылка на другое решение не записана (считать исполненным: «п. 2.2 протокола от 01.02.2020» — "
                "протокол от 01.02.2020 не найден среди протоколов органа (protocols/uo-test/)): впишите links сами"),
    ("6", [{"type": "controls", "text": "Контроль за исполнением решения"}],
     "предложена связь по тексту — контроль за исполнением: «Контроль за исполнением решения» → этот протокол, "
     "протокол целиком: проверьте"),
]


@pytest.fixture
def imported(kb: Path, tmp_path: Path):
    source = tmp_path / "reshenie.txt"
    source.write_text(DOCUMENT, encoding="utf-8")
    result = run_cli("--root", kb, "import", "-a", "uo-test", source)
    assert result.exit_code == 0, result.stderr
    draft = kb / "protocols/uo-test/2020-03-16-soveshchanie.md"
    return result, draft


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.mark.parametrize("decision_id, links, said", DRAFT_LINKS, ids=[case[0] for case in DRAFT_LINKS])
def test_the_draft_proposes_the_links_it_can_resolve_and_says_why_not_the_others(imported, decision_id, links, said):
    result, draft = imported
    [decision] = [item for item in front_matter(draft)["decisions"] if item["id"] == decision_id]
    assert decision.get("links") == links
    assert f"решение {decision_id}: " in result.stdout and said in result.stdout
    [line] = [line for line in draft.read_text(encoding="utf-8").splitlines()
              if line.startswith(f"  - id: '{decision_id}'")]
    assert "# ПРОВЕРИТЬ: " in line and said in line


def test_a_new_deadline_in_the_sentence_is_the_extensions_not_the_decisions_own(imported):
    _, draft = imported
    [first] = [item for item in front_matter(draft)["decisions"] if item["id"] == "1"]
    assert "deadline" not in first


def test_the_draft_with_its_links_passes_validation(imported, kb):
    result = run_cli("--root", kb, "validate")
    assert result.exit_code == 0, result.stderr


def test_a_document_links_to_one_imported_before_it_in_the_same_run(kb, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "1-reshenie.txt").write_text(DOCUMENT, encoding="utf-8")
    (folder / "2-reshenie.txt").write_text(DOCUMENT.replace("16.03.2020", "30.03.2020").replace("№ 3", "№ 4").replace(
        "1. Продлить срок исполнения п. 2.1 решения совещания от 15.01.2020 № 1 до 31.03.2020.",
        "1. Считать исполненным п. 3 решения совещания от 16.03.2020 № 3."), encoding="utf-8")
    result = run_cli("--root", kb, "import", "-a", "uo-test", "-o", tmp_path / "out", folder)
    assert result.exit_code == 0, result.stderr
    [first] = front_matter(tmp_path / "out/2020-03-30-soveshchanie.md")["decisions"][:1]
    assert first["links"] == [{"type": "marks_done", "protocol": "uo-test/2020-03-16-soveshchanie", "decision": "3",
                               "text": "п. 3 решения совещания от 16.03.2020 № 3"}]
