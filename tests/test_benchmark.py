"""The benchmark at national scale (benchmarks/), run at a tiny N: CI proves it works, not how fast it is."""

from __future__ import annotations

import re
from collections import Counter
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.pipeline import load_knowledge_base, protocol_files, registry_files
from build_tools.site.lookup import Lookup
from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate import generate  # noqa: E402

STEPS = [
    "Генерация синтетической базы",
    "Пол: чтение файлов и front matter через libyaml (C)",
    "`protocols validate` (вся база)",
    "Своя генерация без MkDocs: страницы, календари, данные",
    "— страницы (markdown)",
    "— календари (.ics)",
    "— открытые данные",
    "— весь процесс: загрузка базы и генерация",
    "`protocols site build` (сайт частями",
    "— план и проверка базы",
    "— часть hub",
    "— часть part-001",
    "Поисковый индекс Pagefind",
    "Поиск: скачано до первых результатов",
    "Размер site/",
    "Самая большая страница организации",
    "`protocols validate` одного файла",
]
TIMED_STEPS = [step for step in STEPS if not step.startswith(("Размер", "Самая", "Поиск:"))]


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "kb"
    generate(40, root)
    return root


def test_the_same_n_gives_the_same_files_and_another_n_other_files(synthetic, tmp_path):
    generate(40, tmp_path / "again")
    generate(41, tmp_path / "other")
    assert tree(tmp_path / "again") == tree(synthetic)
    assert tree(tmp_path / "other") != tree(synthetic)


def test_the_synthetic_knowledge_base_validates_with_the_real_schemas(synthetic):
    result = load_knowledge_base(synthetic)
    assert result.errors == []
    assert len(result.knowledge_base.protocols) == len(protocol_files(synthetic)) == 40
    assert len(registry_files(synthetic)) == 1  # an authority holds at least 50 meetings in five years


def test_the_synthetic_knowledge_base_looks_like_the_real_one(synthetic):
    kb = load_knowledge_base(synthetic).knowledge_base
    registry = kb.registry
    assert len(registry.organizations) > 20 and len(registry.people) > 20
    assert {group.id.split("-", 1)[1] for group in registry.groups.values()} == {"heads-oo", "heads-dou", "zam-uvr"}
    assert all(5 <= len(protocol.decisions) <= 20 for protocol in kb.protocols)
    assert all(protocol.chair and protocol.secretary and protocol.speakers and protocol.agenda
               for protocol in kb.protocols)
    kinds = {decision.deadline.kind for protocol in kb.protocols for decision in protocol.decisions
             if decision.deadline}
    assert {"date", "by", "month", "school_year", "recurring", "schedule", "event"} <= kinds
    sizes = sorted(path.stat().st_size for path in protocol_files(synthetic))
    assert 6_000 < sizes[len(sizes) // 2] < 30_000  # real protocols weigh 10–25 KB


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    root = tmp_path_factory.mktemp("region") / "kb"
    generate(400, root)
    return load_knowledge_base(root).knowledge_base


def test_a_synthetic_region_works_as_real_authorities_and_schools_do(region):
    """The figures of the issue that asked for a realistic corpus: 10–30 meetings a year, 100–300 tasks a
    year for a school, about half the tasks to a group (56% in the five source documents), 15–35 schools per
    authority, decisions per protocol as in the source documents."""
    registry = region.registry
    held = Counter(protocol.authority for protocol in region.protocols)
    authorities = set(list(sorted(held))[:-1])  # the last one holds what was left of N
    full_years = [protocol for protocol in region.protocols
                  if protocol.authority in authorities and 2020 <= protocol.date.year <= 2023]
    meetings = Counter((protocol.authority, protocol.date.year) for protocol in full_years)
    assert len(authorities) >= 3
    assert 10 <= sum(meetings.values()) / len(meetings) <= 30
    to_groups = [task for task in region.tasks if set(task.decision.all_assignees) & set(registry.groups)]
    assert 0.45 <= len(to_groups) / len(region.tasks) <= 0.75
    lookup = Lookup(region)
    schools = [org.id for org in registry.organizations.values() if org.kind == "school" and org.parent in authorities]
    per_school_year = Counter((school, task.protocol.date.year) for school in schools
                              for task in lookup.tasks_of_organization(school)
                              if 2020 <= task.protocol.date.year <= 2023)
    assert 100 <= sum(per_school_year.values()) / len(per_school_year) <= 300
    assert all(15 <= sum(org.parent == authority for org in registry.organizations.values()
                         if org.kind == "school") <= 35 for authority in authorities)
    decisions = [len(protocol.decisions) for protocol in region.protocols]
    assert 5 <= sum(decisions) / len(decisions) <= 20  # 11.4 in the five source documents (57 decisions)


def test_the_benchmark_runs_every_step_and_appends_a_table_per_run(tmp_path):
    results = tmp_path / "results.md"
    results.write_text("# Бенчмарк\n\nЗаметки до прогонов.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks/run.py"), "20", "--work", str(tmp_path / "work"),
                           "--results", str(results)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr

    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Бенчмарк\n\nЗаметки до прогонов.\n")
    assert re.search(r"^### N = 20 · \d{4}-\d\d-\d\d \d\d:\d\d UTC$", text, re.MULTILINE)
    assert re.search(r"^Машина: .+, ядер: \d+, память \d+ ГБ; Python 3\.", text, re.MULTILINE)
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Шаг")]
    assert [next((step for step in STEPS if row.startswith(f"| {step}")), row) for row in rows] == STEPS
    for row in rows:
        if any(row.startswith(f"| {step}") for step in TIMED_STEPS):
            assert re.search(r"\| \d+,\d\d с \|", row), row
    assert re.search(r"`protocols validate` \(вся база\) \| [^|]+ \| \d+ МБ \| \d+,\d\d × пола", text)
    assert re.search(r"\| \d+ HTML-страниц, \d[\d ]*,\d мс на протокол; пик памяти процесса ✅ \(цель < 1 ГБ\)", text)
    assert re.search(r"Самая большая страница организации: org/[^ ]+/, \d+ КБ HTML", text)
    assert re.search(r"Поисковый индекс Pagefind \(`index_site`, последний шаг сборки\) \| [^|]+ \| \d+ МБ \| \d+ страниц",
                     text)
    assert re.search(r"наибольшее \|\s+\|\s+\| \d+ КБ ✅ \(цель < 1 МБ\); «аттестации» \d+ КБ", text)
