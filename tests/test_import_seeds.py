"""`protocols import` on the five source documents, as .txt and as .docx, against the hand-checked protocols.

The five documents (copies in tests/fixtures/import/seeds/) were transcribed
by hand into protocols/; importing them must give valid drafts whose
decisions match those transcriptions field by field (see import_accuracy.py),
lose no line of the source, and be reproducible to the byte.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO_ROOT, run_cli
from import_accuracy import (FIELDS, SEEDS, differences, field_scores, imported_protocol, reference_protocols,
                             scratch_knowledge_base, seed_as_docx, table, total)

SEED_FILES = sorted(SEEDS.glob("*.txt"))
FORMS = ("txt", "docx")

# The five are the documents the importer was developed on: anything below full marks is a regression.
# (Unseen layouts are specified in test_import_layouts.py.)
THRESHOLDS = {field: 1.0 for field in FIELDS}


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[tuple[str, str], tuple[Path, Path, str]]:
    """Every seed imported once per form: (seed name, form) → (knowledge base root, draft, CLI output)."""
    results = {}
    for form in FORMS:
        root = scratch_knowledge_base(tmp_path_factory.mktemp(form))
        sources = tmp_path_factory.mktemp(f"{form}-sources")
        for seed in SEED_FILES:
            source = seed if form == "txt" else seed_as_docx(seed, sources)
            result = run_cli("--root", root, "import", source)
            assert result.exit_code == 0, result.stderr
            draft = root / re.search(r"→ (\S+\.md)", result.stdout).group(1)
            results[(seed.name, form)] = (root, draft, result.stdout)
    return results


CASES = [pytest.param(seed.name, form, id=f"{seed.stem[:3]}-{form}") for seed in SEED_FILES for form in FORMS]


@pytest.mark.parametrize("seed, form", CASES)
def test_the_draft_passes_validate(imported, seed, form):
    root, draft, _ = imported[(seed, form)]
    result = run_cli("--root", root, "validate", draft)
    assert result.exit_code == 0, result.stdout
    assert all(": warning: " in line for line in result.lines)


def test_decisions_match_the_hand_checked_protocols(imported):
    references = reference_protocols()
    rows, problems = {}, []
    for (seed, form), (root, draft, _) in sorted(imported.items()):
        protocol = imported_protocol(root, draft)
        rows[f"{seed[:3]} {form}"] = field_scores(protocol, references[seed])
        problems += [f"{seed} {form}: {difference}" for difference in differences(protocol, references[seed])]
    overall = total(list(rows.values()))
    print("\n" + table({**rows, "всего": overall}))
    assert all(overall[field].share >= THRESHOLDS[field] for field in FIELDS), "\n".join(problems)


HEADERS = {
    "000_5dcf5a516bf37190.txt": ("решение совещания", "uo-unnamed-1", "2019-11-22", None),
    "001_11f38a75561bd15e.txt": ("выписка из протокола", "uo-nazarovo", "2022-01-12", "2"),
    "002_fcc2bbb2895fd7c0.txt": ("решение совещания", "uo-unnamed-1", "2020-09-09", None),
    "003_28f4bab1eca8fde3.txt": ("протокол", "uo-izhevsk", "2021-12-06", None),
    "004_0d93126c9b47b308.txt": ("решение коллегии", "oo-pochinok", "2020-10-07", None),
}


@pytest.mark.parametrize("seed, form", CASES)
def test_kind_authority_date_and_number_are_found(imported, seed, form):
    _, draft, _ = imported[(seed, form)]
    data = front_matter(draft)
    assert (data["kind"], data["authority"], data["date"], data.get("number")) == HEADERS[seed]


@pytest.mark.parametrize("seed, form", CASES)
def test_every_line_of_the_source_is_in_the_draft(imported, seed, form):
    _, draft, _ = imported[(seed, form)]
    text = unescaped(draft.read_text(encoding="utf-8"))
    missing = [line for line in map(plain, (SEEDS / seed).read_text(encoding="utf-8").splitlines())
               if line and line not in text]
    assert missing == []


@pytest.mark.parametrize("seed", [seed.name for seed in SEED_FILES])
def test_docx_and_txt_give_the_same_draft(imported, seed):
    txt, docx = (front_matter(imported[(seed, form)][1]) for form in FORMS)
    txt["source"], docx["source"] = {}, {}
    assert docx == txt


def test_a_repeated_block_is_recorded_once_and_reported(imported):
    _, draft, output = imported[("004_0d93126c9b47b308.txt", "txt")]
    ids = [decision["id"] for decision in front_matter(draft)["decisions"]]
    assert ids.count("4.2.4") == 1 and len(ids) == len(set(ids)) == 23
    message = "строки 108–164 повторяют строки 55–106"
    assert message in output
    assert f"# ПРОВЕРИТЬ: {message}" in draft.read_text(encoding="utf-8")
    body = draft.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert body.count("Обеспечить информационную открытость действий по повышению качества образования.") == 2


def test_a_decision_under_a_heading_its_number_does_not_descend_from_is_reported(imported):
    _, draft, output = imported[("004_0d93126c9b47b308.txt", "txt")]
    decision = next(item for item in front_matter(draft)["decisions"] if item["id"] == "1.1.4")
    assert decision["assignees"] == ["oo-pochinok"]
    assert "решение 1.1.4: номер 1.1.4 не продолжает пункт 1.2, под которым стоит" in output


def test_an_authority_found_only_through_people_is_reported(imported):
    _, _, output = imported[("000_5dcf5a516bf37190.txt", "txt")]
    assert "орган uo-unnamed-1 определён по упоминаниям (в шапке он не назван)" in output


def test_the_same_input_gives_the_same_bytes(tmp_path):
    root = scratch_knowledge_base(tmp_path / "kb")
    seed = SEEDS / "000_5dcf5a516bf37190.txt"
    for run in ("first", "second"):
        assert run_cli("--root", root, "import", "-o", tmp_path / run, seed).exit_code == 0
    first, second = (sorted((tmp_path / run).iterdir()) for run in ("first", "second"))
    assert [path.name for path in first] == [path.name for path in second]
    assert [path.read_bytes() for path in first] == [path.read_bytes() for path in second]


def test_an_existing_protocol_is_not_overwritten_without_force(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    shutil.copytree(REPO_ROOT / "protocols", root / "protocols")
    target = root / "protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelei.md"
    target.write_text("hand-made\n", encoding="utf-8")
    seed = SEEDS / "001_11f38a75561bd15e.txt"

    refused = run_cli("--root", root, "import", seed)
    assert refused.exit_code == 1
    assert ("файл protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelei.md уже есть; "
            "чтобы перезаписать его, добавьте --force") in refused.stderr
    assert target.read_text(encoding="utf-8") == "hand-made\n"

    forced = run_cli("--root", root, "import", "--force", seed)
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("---\n# Черновик импорта из «001_11f38a75561bd15e.txt»")


# --- helpers ---------------------------------------------------------------------------------------


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def plain(line: str) -> str:
    """A source line as any faithful copy must contain it: without converter marks, spaces collapsed."""
    line = re.sub(r"\[bookmark:[^\]]*\]|\*\*", "", line)
    return " ".join(line.split())


def unescaped(text: str) -> str:
    """The draft without Markdown backslash escapes, spaces collapsed line by line."""
    return "\n".join(" ".join(re.sub(r"\\(.)", r"\1", line).split()) for line in text.splitlines())


HOSTILE_NAMES = [
    pytest.param("протокол\ntitle: подменён\nextra: 1\n.txt", id="line-breaks"),
    pytest.param("протокол\r\ndecisions: []\r.txt", id="carriage-returns"),
    pytest.param("протокол\u2028kind: x\x85number: 9.txt", id="unicode-line-breaks"),
    pytest.param("«кавычки» \"двойные\" 'одинарные'.txt", id="quotes"),
    pytest.param("ключ: значение # не комментарий.txt", id="colon-and-hash"),
    pytest.param("---\n---.txt", id="front-matter-fences"),
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_source_file_name_is_only_ever_a_comment_in_what_import_writes(tmp_path, name):
    root = scratch_knowledge_base(tmp_path / "kb")
    seed = SEEDS / "000_5dcf5a516bf37190.txt"
    hostile = tmp_path / "sources" / name
    hostile.parent.mkdir()
    shutil.copy(seed, hostile)
    for run, source in (("plain", seed), ("hostile", hostile)):
        assert run_cli("--root", root, "import", "-o", tmp_path / run, source).exit_code == 0
    plain_files, hostile_files = (sorted((tmp_path / run).iterdir()) for run in ("plain", "hostile"))

    assert [path.name for path in hostile_files] == [path.name for path in plain_files]
    for written, expected in zip(hostile_files, plain_files):
        data, expected_data = (yaml_document(path) for path in (written, expected))
        if "source" in data:  # the draft records the name as a value, as it is
            assert data["source"].pop("file") == name
            expected_data["source"].pop("file")
        assert data == expected_data, written.name


def yaml_document(path: Path) -> dict:
    """The data of a draft's front matter, or of a registry file."""
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1] if path.suffix == ".md" else text)
