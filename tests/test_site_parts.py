"""The site built in parts: the plan, the parts as separate processes, the join, and that the joined
site is the site a single build makes (build_tools/site/build.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from browser import add_site_sources, build_site
from site_links import broken_links
from build_tools.pipeline import load_knowledge_base
from build_tools.site.build import SiteBuildError, join_parts, write_plan
from build_tools.site.plan import HUB, HomeLists, Part, SitePlan, host_of, plan_site
from build_tools.site.plugin import PART_MANIFEST
from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate import generate  # noqa: E402

PROTOCOLS = str(Path(sys.executable).with_name("protocols"))  # the command as the README runs it
TODAY = date(2022, 3, 1)


@pytest.fixture(scope="module")
def real_kb():
    return load_knowledge_base(REPO_ROOT).knowledge_base


def environment(today: date = TODAY) -> dict[str, str]:
    epoch = int(datetime(today.year, today.month, today.day, tzinfo=timezone.utc).timestamp())
    return {**os.environ, "PROTOCOLS_TODAY": today.isoformat(), "SOURCE_DATE_EPOCH": str(epoch),
            "NO_MKDOCS_2_WARNING": "1"}


def build_in_parts(root: Path, site: Path, work: Path, part_size: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PROTOCOLS, "--root", str(root), "site", "build",
                           "--work", str(work), "--site-dir", str(site), "--part-size", str(part_size)],
                          env=environment(), capture_output=True, text=True, check=False)


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


# --- the plan ---------------------------------------------------------------------------------


@pytest.mark.parametrize("part_size", [1, 2, 3, 100])
def test_every_authority_is_in_one_part_and_a_part_holds_at_most_its_size(real_kb, part_size):
    plan = plan_site(real_kb.protocols, real_kb.registry, TODAY, part_size)
    hub, *parts = plan.parts
    assert hub.name == HUB and hub.hub and hub.authorities == ()
    authorities = [authority for part in parts for authority in part.authorities]
    assert sorted(authorities) == sorted(org.id for org in real_kb.registry.organizations.values() if org.is_authority)
    for part in parts:
        own = [protocol for protocol in real_kb.protocols if protocol.authority in part.authorities]
        assert len(own) <= part_size or len(part.authorities) == 1, part


def test_a_part_reads_its_own_protocols_and_those_naming_what_it_hosts(real_kb):
    plan = plan_site(real_kb.protocols, real_kb.registry, TODAY, 1)
    registry = real_kb.registry
    for part in plan.parts:
        wanted = {protocol.path for protocol in real_kb.protocols if protocol.authority in part.authorities}
        wanted |= {protocol.path for protocol in real_kb.protocols
                   if any(part.hosts(registry, entry_id) for entry_id in protocol.participants())}
        if part.hub:
            keys = {*plan.home.overdue, *plan.home.soon}
            wanted |= {protocol.path for protocol in real_kb.protocols
                       if protocol.id in plan.home.latest_protocols or any(key.startswith(protocol.id + "#")
                                                                           for key in keys)}
        assert set(part.protocols) == wanted, part.name


def test_entries_of_no_authority_are_the_hubs(real_kb):
    registry = real_kb.registry
    assert host_of(registry, "mku-cro-unnamed-1") is None  # a centre the documents give no authority
    assert host_of(registry, "maou-sosh-46-izhevsk") == "uo-izhevsk"
    assert host_of(registry, "izhevsk-heads-oo-vpr-2021") == "uo-izhevsk"


def test_the_plan_survives_its_file(real_kb):
    plan = plan_site(real_kb.protocols, real_kb.registry, TODAY, 2)
    assert SitePlan.from_json(plan.to_json()) == plan


def test_the_whole_plan_is_one_part_that_reads_everything(real_kb):
    (part,) = plan_site(real_kb.protocols, real_kb.registry, TODAY).parts
    assert part.hub and part.protocols is None
    assert set(part.authorities) == {org.id for org in real_kb.registry.organizations.values() if org.is_authority}


# --- the build ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A synthetic knowledge base of two authorities, with this repository's site beside it."""
    root = tmp_path_factory.mktemp("parts") / "kb"
    generate(100, root)
    return add_site_sources(root)


def test_two_parts_built_apart_and_joined_are_the_site_one_build_makes(synthetic, tmp_path):
    whole = build_site(tmp_path / "whole", TODAY, synthetic)
    assert whole.returncode == 0, whole.stderr

    parts = build_in_parts(synthetic, tmp_path / "site", tmp_path / "work", part_size=1)

    assert parts.returncode == 0, parts.stderr
    plan = SitePlan.read(tmp_path / "work/plan.json")
    assert [part.name for part in plan.parts] == [HUB, "part-001", "part-002"]
    assert "Сайт собран в" in parts.stderr and "part-002: 1 орг." in parts.stderr
    one, joined = files_of(tmp_path / "whole"), files_of(tmp_path / "site")
    assert sorted(one) == sorted(joined)
    assert [path for path in one if one[path] != joined[path]] == []
    assert not (tmp_path / "site" / PART_MANIFEST).exists()
    assert broken_links(tmp_path / "site") == []


def test_the_real_knowledge_base_in_parts_is_the_site_of_one_build(tmp_path):
    whole = build_site(tmp_path / "whole", TODAY)
    assert whole.returncode == 0, whole.stderr
    parts = build_in_parts(REPO_ROOT, tmp_path / "site", tmp_path / "work", part_size=2)
    assert parts.returncode == 0, parts.stderr
    one, joined = files_of(tmp_path / "whole"), files_of(tmp_path / "site")
    assert sorted(one) == sorted(joined)
    assert [path for path in one if one[path] != joined[path]] == []


def test_errors_in_the_knowledge_base_stop_the_build_before_any_part(kb, tmp_path):
    protocol = kb / "protocols/uo-test/2020-01-15-soveshchanie.md"
    protocol.write_text(protocol.read_text(encoding="utf-8").replace("[petrov-bb]", "[nobody]"), encoding="utf-8")

    result = build_in_parts(kb, tmp_path / "site", tmp_path / "work", part_size=1)

    assert result.returncode == 1
    assert "protocols/uo-test/2020-01-15-soveshchanie.md:" in result.stderr and "nobody" in result.stderr
    assert "В базе знаний ошибок: 1; сайт не собран." in result.stderr
    assert not (tmp_path / "site").exists() and "Traceback" not in result.stderr


def test_a_part_the_plan_does_not_have_is_refused(real_kb, tmp_path):
    write_plan(plan_site(real_kb.protocols, real_kb.registry, TODAY, 2), tmp_path)
    result = subprocess.run([PROTOCOLS, "--root", str(REPO_ROOT), "site", "part",
                             "part-999", "--work", str(tmp_path)], env=environment(), capture_output=True,
                            text=True, check=False)
    assert result.returncode == 1
    assert "в плане сайта нет части «part-999»: есть hub, part-001" in result.stderr


def test_two_parts_claiming_one_file_stop_the_join(tmp_path):
    plan = SitePlan(TODAY, (Part(HUB, True, ()), Part("part-001", False, ("a",))), {}, HomeLists())
    for name in (HUB, "part-001"):
        (tmp_path / name / "org/a").mkdir(parents=True)
        (tmp_path / name / "org/a/index.html").write_text(name, encoding="utf-8")
    (tmp_path / "part-001" / PART_MANIFEST).write_text(json.dumps(["org/a/index.html"]), encoding="utf-8")

    with pytest.raises(SiteBuildError, match="файл org/a/index.html сайта собран двумя частями"):
        join_parts(tmp_path, plan, tmp_path / "site")
