"""The first import of an authority the registry does not know, and how the header's name of an authority is read.

The draft is written with a proposed id into the new authority's folder, the
proposed entry into ``protocols/registry/<id>.yaml.draft``; renaming that
file to ``<id>.yaml`` is the one acceptance step after which the draft
validates (docs/import.md, «Новый орган»).
"""

from __future__ import annotations

import pytest
import yaml

from build_tools.importer.authorities import authority_name, propose_authority
from build_tools.model import Registry
from conftest import run_cli
from test_import_layouts import FIXTURES, kb  # noqa: F401 (kb: the fixture, with the test registry)

NEW = FIXTURES / "unknown-authority.txt"          # «УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ЗАРЕЧНЫЙ»


def test_a_new_authority_is_proposed_and_accepted_in_one_step(kb):
    result = run_cli("--root", kb, "import", NEW)
    assert result.exit_code == 0, result.stderr
    assert result.lines[0] == ("unknown-authority.txt → "
                               "protocols/uo-zarechn/2023-10-10-zasedanie-metodicheskogo-soveta.md")
    assert ("  новый орган: uo-zarechn — его нет в реестре; "
            "запись предложена в protocols/registry/uo-zarechn.yaml.draft.\n"
            "    Проверьте её и примите одним шагом (до этого черновик не проходит protocols validate):\n"
            "    mv protocols/registry/uo-zarechn.yaml.draft protocols/registry/uo-zarechn.yaml\n") in result.stdout
    proposed = kb / "protocols/registry/uo-zarechn.yaml.draft"
    assert yaml.safe_load(proposed.read_text(encoding="utf-8")) == {"organizations": [{
        "id": "uo-zarechn", "kind": "authority", "name": "Управление образования администрации города Заречный",
        "short_name": "Управление образования",
        "aliases": ["УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ЗАРЕЧНЫЙ"], "municipality": None,
        "note": "Предложено импортом по шапке документа unknown-authority.txt: «УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ "
                "ГОРОДА ЗАРЕЧНЫЙ». Уточните name, municipality (муниципальное образование, как в документах) и "
                "timezone."}]}

    before = run_cli("--root", kb, "validate")
    assert before.exit_code == 1
    assert "в реестре нет записи «uo-zarechn» (орган)" in before.stdout

    proposed.rename(kb / "protocols/registry/uo-zarechn.yaml")          # the acceptance step
    after = run_cli("--root", kb, "validate")
    assert after.exit_code == 0, after.stdout


def test_every_document_of_the_new_authority_goes_to_its_folder_and_the_entry_is_written_once(kb, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    for name, day in (("first.txt", "10.10.2023"), ("second.txt", "17.10.2023")):
        (folder / name).write_text(NEW.read_text(encoding="utf-8").replace("10.10.2023", day), encoding="utf-8")
    proposed = kb / "protocols/registry/uo-zarechn.yaml.draft"
    result = run_cli("--root", kb, "import", folder)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("mv protocols/registry/uo-zarechn.yaml.draft") == 2
    assert sorted(path.name for path in (kb / "protocols/uo-zarechn").iterdir()) == [
        "2023-10-10-zasedanie-metodicheskogo-soveta.md", "2023-10-17-zasedanie-metodicheskogo-soveta.md"]
    proposed.write_text(proposed.read_text(encoding="utf-8").replace("municipality: null",
                                                                    "municipality: город Заречный"))
    assert run_cli("--root", kb, "import", "--force", folder).exit_code == 0
    assert "municipality: город Заречный" in proposed.read_text(encoding="utf-8")    # the editor's work is kept
    proposed.rename(kb / "protocols/registry/uo-zarechn.yaml")
    assert run_cli("--root", kb, "validate").exit_code == 0


def test_with_an_output_folder_the_acceptance_step_moves_the_entry_into_the_registry(kb, tmp_path):
    result = run_cli("--root", kb, "import", "-o", tmp_path / "out", NEW)
    assert result.exit_code == 0, result.stderr
    assert f"    mv {tmp_path}/out/uo-zarechn.yaml.draft protocols/registry/uo-zarechn.yaml\n" in result.stdout


def test_an_accepted_authority_is_found_by_its_name(kb):
    run_cli("--root", kb, "import", NEW)
    (kb / "protocols/registry/uo-zarechn.yaml.draft").rename(kb / "protocols/registry/uo-zarechn.yaml")
    again = run_cli("--root", kb, "import", "--force", NEW)
    assert again.exit_code == 0
    assert "новый орган" not in again.stdout
    assert not (kb / "protocols/registry/uo-zarechn.yaml.draft").exists()


# --- the name of an authority in the header, and the entry proposed for it ----------------------------------

NAMES = [
    # (lines of the header, the name read)
    (["УПРАВЛЕНИЕ ОБРАЗОВАНИЯ", "АДМИНИСТРАЦИИ БЕРЕЗОВСКОГО МУНИЦИПАЛЬНОГО ОКРУГА", "ПРОТОКОЛ № 6"],
     "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ БЕРЕЗОВСКОГО МУНИЦИПАЛЬНОГО ОКРУГА"),
    (["Отдел образования администрации Юрьевского муниципального района", "ПРОТОКОЛ № 3"],
     "Отдел образования администрации Юрьевского муниципального района"),
    (["РЕШЕНИЕ коллегии управления образования администрации Березовского округа", "10 июня 2021 года"],
     "управления образования администрации Березовского округа"),
    (["Отдела образования Администрации МО «Починковский район» Смоленской", "области"],
     "Отдела образования Администрации МО «Починковский район» Смоленской области"),
    (["Комитет по образованию администрации Красносельского района"],
     "Комитет по образованию администрации Красносельского района"),
    # a person after the name is not part of it; a marker line does not continue it
    (["Заслушав информацию начальника управления образования Смирнова А.П., коллегия решила:"],
     "управления образования"),
    (["Заслушав начальника управления образования Смирнова А.П.", "РЕШИЛИ:"], "управления образования"),
    # a generic name counts only when no specific one is written
    (["Председатель комитета образования Рябинин А.В.", "КОМИТЕТ ОБРАЗОВАНИЯ",
      "АДМИНИСТРАЦИИ КАМЕНСКОГО ГОРОДСКОГО ОКРУГА"],
     "КОМИТЕТ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ КАМЕНСКОГО ГОРОДСКОГО ОКРУГА"),
    (["Управление образования", "МКУ «Информационно-методический центр»"], "Управление образования"),
    (["ПРОТОКОЛ № 1", "совещания руководителей"], None),
]


@pytest.mark.parametrize("lines, name", NAMES)
def test_the_name_of_an_authority_in_the_header(lines, name):
    assert authority_name(lines) == name


PROPOSALS = [
    # (the name as written, id, name, short name)
    ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА СВЕТЛОГОРСКА", "uo-svetlogorsk",
     "Управление образования администрации города Светлогорска", "Управление образования"),
    ("управления образования администрации Сосновоборского городского округа", "uo-sosnovoborsk",
     "Управление образования администрации Сосновоборского городского округа", "Управление образования"),
    ("Отдел образования администрации Юрьевского муниципального района", "oo-iurevsk",
     "Отдел образования администрации Юрьевского муниципального района", "Отдел образования"),
    ("КОМИТЕТА ПО ОБРАЗОВАНИЮ АДМИНИСТРАЦИИ МО «ЗАРЯ»", "ko-zaria",
     "Комитет по образованию администрации МО «Заря»", "Комитет по образованию"),
]


@pytest.mark.parametrize("written, entry_id, name, short_name", PROPOSALS)
def test_the_entry_proposed_for_a_new_authority(written, entry_id, name, short_name):
    entry = propose_authority(written, Registry({}, {}, {}), "protokol.txt")
    assert (entry["id"], entry["name"], entry["short_name"], entry["municipality"]) == (entry_id, name, short_name,
                                                                                        None)
    assert entry.get("aliases", [written]) == [written]
