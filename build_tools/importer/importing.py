"""Importing one document: read → clean → structure → link → render → check → write.

Links to other decisions («во исполнение п. 3.2 протокола от 22.11.2019») are
resolved among the protocols of the document's authority: those in
protocols/<authority>/ and those written earlier in the same run.

`Importer` holds what documents of one run share (the knowledge base, its
registry, the options, the scratch copy used for checking) and returns an
`Outcome` per document. It never raises for a bad document: the failure is
the outcome, with its Russian message, and the next document goes on.
Nothing is written for a document that fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..pipeline import PROTOCOLS_DIR, REGISTRY_DIR, load_knowledge_base
from ..problems import Problem
from .authorities import UnknownAuthority
from .decision_links import ProtocolIndex, read_known
from .layout import Line, cleaned_lines, logical_lines
from .linking import Draft, MissingDate, link
from .reading import ImportFailure, read_document
from .structure import read_structure
from .writing import DraftChecker, accepted_name, authority_file_name, draft_file_name, proposals_file_name, \
    render_authority, render_draft, render_proposals, write_atomically


@dataclass
class Outcome:
    source: Path
    error: str | None = None
    draft: Draft | None = None
    draft_path: Path | None = None
    proposals_path: Path | None = None
    authority_path: Path | None = None
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


class Importer:
    def __init__(self, root: Path, output_dir: Path | None = None, authority: str | None = None,
                 meeting_date: date | None = None, force: bool = False):
        self.root = root
        self.output_dir = output_dir
        self.authority = authority
        self.meeting_date = meeting_date
        self.force = force
        self.registry = load_knowledge_base(root, only=[]).knowledge_base.registry
        self.checker = DraftChecker(root)
        self.written: set[Path] = set()
        self.protocols: dict[str, ProtocolIndex] = {}  # authority → the protocols its documents may link to

    def close(self) -> None:
        self.checker.close()

    def __enter__(self) -> Importer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def import_file(self, path: Path) -> Outcome:
        try:
            document = read_document(path)
            lines = cleaned_lines(document)
            parsed = read_structure(logical_lines(lines))
            draft = link(parsed, self.registry, document.name, self.authority, self.meeting_date, self.protocols_of)
        except ImportFailure as exc:
            return Outcome(path, str(exc))
        except UnknownAuthority as exc:
            return Outcome(path, f"{exc}. Укажите орган: protocols import -a <id органа> …, или сначала добавьте "
                                 "его в реестр (protocols/registry/)")
        except MissingDate as exc:
            return Outcome(path, f"{exc}; укажите её: protocols import --date ГГГГ-ММ-ДД …")
        return self._write(path, draft, lines)

    def _write(self, path: Path, draft: Draft, lines: list[Line]) -> Outcome:
        authority = draft.data["authority"]
        folder = self.output_dir or self.root / PROTOCOLS_DIR / authority
        name = self._free_name(folder, draft_file_name(draft))
        draft_path = folder / name
        registry_folder = self.output_dir or self.root / REGISTRY_DIR
        proposals_path = registry_folder / proposals_file_name(name)
        proposals = render_proposals(draft, path.name, self.display(draft_path))
        text = render_draft(draft, lines, path.name, self.display(proposals_path) if proposals else None)
        authority_path, accepted = None, {}
        if draft.new_authority is not None:
            authority_path = registry_folder / authority_file_name(draft.new_authority)
            authority_text = render_authority(draft.new_authority, path.name, self.display(draft_path))
            accepted = {accepted_name(authority_path): authority_text}
        problems = self.checker.check(authority, name, text, accepted, draft.targets)
        errors = [problem for problem in problems if problem.is_error]
        if errors:
            listed = "; ".join(problem.format_text() for problem in errors[:5])
            return Outcome(path, f"черновик не прошёл проверку (это ошибка импорта, сообщите о ней): {listed}")
        if draft_path.exists() and not self.force:
            return Outcome(path, f"файл {self.display(draft_path)} уже есть; чтобы перезаписать его, "
                                 "добавьте --force")
        write_atomically(draft_path, text)
        self.written.add(draft_path)
        known = read_known(draft_path, authority)
        if known is not None:  # a later document of the run may link to this one
            self.protocols_of(authority).add(known)
        if proposals:
            write_atomically(proposals_path, proposals)
        if authority_path is not None and not authority_path.exists():    # an earlier document proposed it
            write_atomically(authority_path, authority_text)
        return Outcome(path, None, draft, draft_path, proposals_path if proposals else None, authority_path,
                       [problem for problem in problems if not problem.is_error])

    def protocols_of(self, authority: str) -> ProtocolIndex:
        """The authority's protocols in the knowledge base and those this run wrote, read once per run."""
        if authority not in self.protocols:
            self.protocols[authority] = ProtocolIndex.of_folder(self.root / PROTOCOLS_DIR / authority, authority)
        return self.protocols[authority]

    def _free_name(self, folder: Path, name: str) -> str:
        """A name not taken by another document of this run («…-2.md» for a second meeting that day)."""
        stem, number = name.removesuffix(".md"), 1
        while folder / name in self.written:
            number += 1
            name = f"{stem}-{number}.md"
        return name

    def display(self, path: Path) -> str:
        """A path as people see it: relative to the knowledge base when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)
