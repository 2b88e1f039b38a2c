"""The pipeline from files to model: load → validate → model.

`load_knowledge_base` is what every consumer calls (the validator CLI, the
site plugin, the feed and data writers). It never raises on bad content:
it returns the model of what is valid together with every problem found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .deadlines import DEFAULT_RULES, DeadlineRules
from .loader import SourceFile, read_protocol, read_yaml_file
from .model import KnowledgeBase, Protocol, Registry, build_protocol, build_registry
from .problems import Problem, error
from .rules import ProtocolRules, check_registry
from .schema import Schemas, check_against_schema

PROTOCOLS_DIR = "protocols"
REGISTRY_DIR = "protocols/registry"
SCHEMA_DIR = "schema"
REGISTRY_SUFFIXES = (".yaml", ".yml")


@dataclass
class Result:
    knowledge_base: KnowledgeBase
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]


class NotAKnowledgeBase(Exception):
    """The folder has no protocols/ and schema/: a usage error, not a content problem."""


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding both protocols/ and schema/."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / PROTOCOLS_DIR).is_dir() and (candidate / SCHEMA_DIR).is_dir():
            return candidate
    raise NotAKnowledgeBase(f"не найдена база знаний (папки {PROTOCOLS_DIR}/ и {SCHEMA_DIR}/) в {start} и выше")


def protocol_files(root: Path) -> list[Path]:
    """Every markdown file under protocols/, outside the registry, in a stable order."""
    registry = root / REGISTRY_DIR
    return sorted(path for path in (root / PROTOCOLS_DIR).rglob("*.md") if registry not in path.parents)


def registry_files(root: Path) -> list[Path]:
    directory = root / REGISTRY_DIR
    return sorted(path for path in directory.glob("*") if path.suffix in REGISTRY_SUFFIXES)


def load_knowledge_base(
    root: Path,
    only: Iterable[Path] | None = None,
    deadline_rules: DeadlineRules = DEFAULT_RULES,
) -> Result:
    """Load, validate and model the knowledge base at ``root``.

    With ``only``, protocols other than those files are not read; the
    registry is always read (every protocol refers to it) but its problems are
    reported only when a registry file is among ``only``.
    """
    schemas = Schemas(root / SCHEMA_DIR)
    registry_paths = registry_files(root)
    registry, registry_problems = _load_registry([read_yaml_file(path, _display(root, path)) for path in registry_paths],
                                                 schemas)
    if only is None:
        paths = protocol_files(root)
    else:
        registry_resolved = {path.resolve() for path in registry_paths}
        selected = sorted({path.resolve() for path in only})
        paths = [path for path in selected if path not in registry_resolved]
        if len(paths) == len(selected):
            registry_problems = []
    problems = list(registry_problems)
    protocols = []
    for path in paths:
        protocol, protocol_problems = _load_protocol(root, path, registry, schemas, deadline_rules)
        problems.extend(protocol_problems)
        if protocol is not None:
            protocols.append(protocol)
    protocols.sort(key=lambda protocol: (protocol.date, protocol.id), reverse=True)
    return Result(KnowledgeBase(registry, tuple(protocols)), sorted(problems),
                  files_checked=len(paths) + len(registry_paths))


def _load_registry(sources: list[SourceFile], schemas: Schemas) -> tuple[Registry, list[Problem]]:
    problems = [problem for source in sources for problem in source.problems]
    valid = []
    for source in sources:
        if not source.ok:
            continue
        schema_problems = check_against_schema(source, schemas.registry)
        problems.extend(schema_problems)
        if not schema_problems:
            valid.append(source)
    problems.extend(check_registry(valid))
    return build_registry([source.data for source in valid]), problems


def _load_protocol(
    root: Path, path: Path, registry: Registry, schemas: Schemas, deadline_rules: DeadlineRules
) -> tuple[Protocol | None, list[Problem]]:
    display = _display(root, path)
    location = _protocol_location(root, path)
    if location is None:
        return None, [error(display, 1, 1, "протокол должен лежать в папке своего органа: "
                            f"{PROTOCOLS_DIR}/<id органа>/ГГГГ-ММ-ДД-название.md")]
    source = read_protocol(path, display)
    if not source.ok:
        return None, source.problems
    problems = check_against_schema(source, schemas.protocol)
    if problems:
        return None, problems
    rules = ProtocolRules(source, registry, deadline_rules)
    problems = sorted(rules.problems())
    if any(problem.is_error for problem in problems):
        return None, problems
    return build_protocol(location, display, source.data, source.body, rules.modelled_decisions), problems


def _protocol_location(root: Path, path: Path) -> str | None:
    """«<authority folder>/<file stem>» for a file directly inside an authority folder."""
    try:
        parts = path.resolve().relative_to((root / PROTOCOLS_DIR).resolve()).parts
    except ValueError:
        return None
    if len(parts) != 2 or parts[0] == "registry" or not path.name.endswith(".md"):
        return None
    return f"{parts[0]}/{path.stem}"


def _display(root: Path, path: Path) -> str:
    """The path as people see it in messages: relative to the knowledge base root."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
