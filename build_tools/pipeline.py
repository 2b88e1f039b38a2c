"""The pipeline from files to model: load → validate → model.

`load_knowledge_base` is what every consumer calls (the validator CLI, the
site plugin, the feed and data writers). It never raises on bad content:
it returns the model of what is valid together with every problem found.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .deadlines import DEFAULT_RULES, DeadlineRules
from .links import LinkSite, Target, attach_followups, check_targets, link_sites
from .loader import SourceFile, read_protocol, read_yaml_file
from .model import KnowledgeBase, Protocol, Registry, build_protocol, build_registry
from .problems import Problem, capped, error
from .rules import ProtocolRules, check_registry, registry_references
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


def leaves_knowledge_base(path: Path, resolved_root: Path) -> bool:
    """Whether ``path`` is a symbolic link (or lies in a linked folder) that leads out of the knowledge base.

    Such a file is never read: a pull request could otherwise make the build read
    any file of the machine and show a piece of it in a message (docs/security.md).
    """
    return not path.resolve().is_relative_to(resolved_root)


def link_out_of_knowledge_base(display: str) -> Problem:
    return error(display, 1, 1, "файл — символическая ссылка за пределы базы знаний; такие файлы не читаются: "
                                "положите в репозиторий сам файл")


def load_knowledge_base(
    root: Path,
    only: Iterable[Path] | None = None,
    deadline_rules: DeadlineRules = DEFAULT_RULES,
) -> Result:
    """Load, validate and model the knowledge base at ``root``.

    With ``only``, protocols other than those files are not read, and the
    registry's problems are reported only when a registry file is among
    ``only``. The registry is read whole when it is checked or when ``only``
    names no protocol (what `protocols new` and the importer ask for); for
    protocols alone only the registry files that can define the ids they name
    are read, so the result's registry holds what those protocols refer to.
    """
    with cycle_collector_paused():
        stream = ProtocolStream(_Place(root), only, deadline_rules)
        return stream.result(list(stream))


def stream_knowledge_base(root: Path, deadline_rules: DeadlineRules = DEFAULT_RULES) -> ProtocolStream:
    """The whole knowledge base one protocol at a time, for a consumer that keeps less than the model.

    The same checks as `load_knowledge_base`: each protocol as it is modelled,
    then `ProtocolStream.result` of the protocols the consumer kept (the site's
    planner keeps them without their text). Iterate it inside
    `cycle_collector_paused` for the speed of a load.
    """
    return ProtocolStream(_Place(root), None, deadline_rules)


class ProtocolStream:
    """Protocols as they are modelled, in file order; ``problems`` and the links to check grow as they go by."""

    def __init__(self, place: _Place, only: Iterable[Path] | None, deadline_rules: DeadlineRules):
        self.place = place
        schemas = Schemas(place.root / SCHEMA_DIR)
        registry_paths, linked_out = [], []
        for path in registry_files(place.root):
            (linked_out if leaves_knowledge_base(path, place.resolved_root) else registry_paths).append(path)
        if only is None:
            paths, registry_asked = protocol_files(place.root), True
        else:
            registry_resolved = {path.resolve() for path in [*registry_paths, *linked_out]}
            selected = {path.resolve(): path for path in only}  # as given: a link is told by its name
            paths = [selected[resolved] for resolved in sorted(selected) if resolved not in registry_resolved]
            registry_asked = len(paths) < len(selected)
        if registry_asked or not paths:
            registry_read = registry_paths
            # One file at a time: a file's YAML tree is freed as soon as its protocol is modelled.
            checked: Iterable[_CheckedFile] = (_check_protocol(place, path, schemas) for path in paths)
        else:
            checked = [_check_protocol(place, path, schemas) for path in paths]
            named = {entry_id for file in checked if file.source
                     for _, entry_id, _ in registry_references(file.source.data)}
            registry_read = _registry_files_naming(registry_paths, named)
        sources = [read_yaml_file(path, place.display(path)) for path in registry_read]
        self.registry, registry_problems = _load_registry(sources, schemas)
        linked_problems = [link_out_of_knowledge_base(place.display_unresolved(path)) for path in linked_out]
        self.problems: list[Problem] = [*linked_problems, *registry_problems] if registry_asked else []
        self.files_checked = len(paths) + len(registry_paths) + len(linked_out)
        self._checked = checked
        self._deadline_rules = deadline_rules
        self._sites: list[LinkSite] = []

    def __iter__(self) -> Iterator[Protocol]:
        for file in self._checked:
            protocol, protocol_problems = _model_protocol(file, self.registry, self._deadline_rules, self._sites)
            self.problems.extend(protocol_problems)
            if protocol is not None:
                yield protocol

    def result(self, protocols: list[Protocol]) -> Result:
        """The knowledge base of ``protocols``, newest first, once the stream is read: every link checked
        against them (or their files) and recorded at its target too."""
        protocols = sorted(protocols, key=lambda protocol: (protocol.date, protocol.id), reverse=True)
        problems = [*self.problems, *check_targets(self._sites, _Targets(self.place, protocols).lookup)]
        return Result(KnowledgeBase(self.registry, tuple(attach_followups(protocols))), sorted(problems),
                      files_checked=self.files_checked)


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Loading makes no reference cycles, only a model that keeps growing: Python's cycle
    collector would walk it again and again for nothing (a fifth of the time at 1,000
    protocols). Reference counting still frees every YAML tree as soon as its file is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _registry_files_naming(paths: list[Path], entry_ids: set[str]) -> list[Path]:
    """The registry files, in order, that may define one of ``entry_ids``.

    A file defines an id by spelling it out; only an escape sequence in a quoted
    string could hide one, so a file with a backslash is kept, and so is a file
    that cannot be read (reading it again says why). Every file that could
    define an id is kept, in the same order, so the registry built from them
    resolves those ids exactly as the whole registry does.
    """
    wanted = [entry_id.encode() for entry_id in entry_ids]
    return [path for path in paths if _may_define(path, wanted)]


def _may_define(path: Path, wanted: list[bytes]) -> bool:
    try:
        raw = path.read_bytes()
    except OSError:
        return True
    return b"\\" in raw or any(entry_id in raw for entry_id in wanted)


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


@dataclass
class _CheckedFile:
    """A protocol file read and checked against the schema; its rules need the registry."""

    display: str
    location: str = ""
    source: SourceFile | None = None  # None when the file could not be read or failed the schema
    problems: list[Problem] = field(default_factory=list)


def _check_protocol(place: _Place, path: Path, schemas: Schemas) -> _CheckedFile:
    resolved = place.resolve(path)
    if place.links_out(path, resolved):
        display = place.display_unresolved(path)
        return _CheckedFile(display, problems=[link_out_of_knowledge_base(display)])
    display = place.display(path, resolved)
    location = place.protocol_location(path, resolved)
    if location is None:
        return _CheckedFile(display, problems=[error(display, 1, 1, "протокол должен лежать в папке своего органа: "
                                                     f"{PROTOCOLS_DIR}/<id органа>/ГГГГ-ММ-ДД-название.md")])
    source = read_protocol(path, display)
    if not source.ok:
        return _CheckedFile(display, problems=source.problems)
    problems = check_against_schema(source, schemas.protocol)
    if problems:
        return _CheckedFile(display, problems=problems)
    return _CheckedFile(display, location, source)


def _model_protocol(
    file: _CheckedFile, registry: Registry, deadline_rules: DeadlineRules, sites: list[LinkSite]
) -> tuple[Protocol | None, list[Problem]]:
    """The protocol of a checked file, if it has no errors; its links go to ``sites`` to be checked
    either way, so that one run reports every problem."""
    if file.source is None:
        return None, file.problems
    rules = ProtocolRules(file.source, registry, deadline_rules, file.location)
    problems = capped(list(rules.problems()))
    sites.extend(link_sites(rules))
    if any(problem.is_error for problem in problems):
        return None, problems
    source = file.source
    return build_protocol(file.location, file.display, source.data, source.body, rules.modelled_decisions), problems


class _Targets:
    """What links may name: the protocols modelled, else the protocol files themselves.

    A file is read only when a link names a protocol that is not in the model:
    one outside ``only``, or one with errors of its own (reported with it).
    """

    def __init__(self, place: _Place, protocols: list[Protocol]):
        self.place = place
        self.protocols = {protocol.id: protocol for protocol in protocols}
        self.read: dict[str, Target | None] = {}

    def lookup(self, protocol_id: str) -> Target | None:
        protocol = self.protocols.get(protocol_id)
        if protocol is not None:
            return Target(protocol.date, tuple(decision.id for decision in protocol.decisions))
        if protocol_id not in self.read:
            self.read[protocol_id] = self._read(protocol_id)
        return self.read[protocol_id]

    def _read(self, protocol_id: str) -> Target | None:
        path = self.place.root / PROTOCOLS_DIR / f"{protocol_id}.md"
        if not path.is_file() or leaves_knowledge_base(path, self.place.resolved_root):
            return None
        data = read_protocol(path, self.place.display(path)).data
        decisions = data.get("decisions") if isinstance(data, dict) else None
        if not isinstance(decisions, list):
            return Target(None, None)
        ids = tuple(str(raw["id"]) for raw in decisions if isinstance(raw, dict) and "id" in raw)
        try:
            meeting = date.fromisoformat(str(data.get("date")))
        except ValueError:
            meeting = None
        return Target(meeting, ids)


class _Place:
    """Where files are relative to the knowledge base: its folders resolved once, not once per file."""

    def __init__(self, root: Path):
        self.root = root
        self.resolved_root = root.resolve()
        self.resolved_protocols = (root / PROTOCOLS_DIR).resolve()
        self._folders: dict[Path, Path] = {}

    def resolve(self, path: Path) -> Path:
        """``path.resolve()``, each folder resolved once: an authority's folder holds all its protocols."""
        if path.name in ("", ".", "..") or path.is_symlink():
            return path.resolve()
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        return folder / path.name

    def protocol_location(self, path: Path, resolved: Path) -> str | None:
        """«<authority folder>/<file stem>» for a file directly inside an authority folder."""
        try:
            parts = resolved.relative_to(self.resolved_protocols).parts
        except ValueError:
            return None
        if len(parts) != 2 or parts[0] == "registry" or not path.name.endswith(".md"):
            return None
        return f"{parts[0]}/{path.stem}"

    def links_out(self, path: Path, resolved: Path) -> bool:
        """Whether ``path``, written inside the knowledge base, leads out of it through a link."""
        return (not resolved.is_relative_to(self.resolved_root)
                and Path(os.path.abspath(path)).is_relative_to(os.path.abspath(self.root)))

    def display_unresolved(self, path: Path) -> str:
        """The path as written under the knowledge base root, its links not followed."""
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))).as_posix()

    def display(self, path: Path, resolved: Path | None = None) -> str:
        """The path as people see it in messages: relative to the knowledge base root."""
        try:
            return (resolved or path.resolve()).relative_to(self.resolved_root).as_posix()
        except ValueError:
            return str(path)
