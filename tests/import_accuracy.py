"""Per-field accuracy of imported drafts against hand-checked protocols.

Both sides are read by the knowledge base's own pipeline and compared as
the model sees them, so that assignees are the effective ones (a heading's
assignees inherited by its items count, however they are written).

Fields, each a share of the reference decisions (a decision the importer
missed is wrong in every field; one it invented lowers the id score):

* ``id`` — |imported ∩ reference| / |imported ∪ reference| of the decision ids;
* ``deadline kind`` and ``deadline dates`` (start and due) of the deadline;
* ``assignees`` (effective organizations and groups) and ``responsible`` (people).

Run ``python tests/import_accuracy.py`` to import the five seed documents
(.txt and .docx) into a scratch knowledge base and print the table.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "tests" / "fixtures" / "import" / "seeds"   # copies of the five source documents
FIELDS = ("id", "deadline kind", "deadline dates", "assignees", "responsible")

sys.path.insert(0, str(REPO_ROOT))

from build_tools.model import Decision, Protocol  # noqa: E402
from build_tools.pipeline import load_knowledge_base  # noqa: E402


@dataclass(frozen=True)
class Score:
    correct: int
    total: int

    @property
    def share(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(self.correct + other.correct, self.total + other.total)

    def __str__(self) -> str:
        return f"{self.correct}/{self.total} ({self.share:.0%})"


def field_scores(imported: Protocol, reference: Protocol) -> dict[str, Score]:
    mine = {decision.id: decision for decision in imported.decisions}
    theirs = {decision.id: decision for decision in reference.decisions}
    ids = Score(len(mine.keys() & theirs.keys()), len(mine.keys() | theirs.keys()))
    comparisons = {
        "deadline kind": lambda decision: decision.deadline.kind if decision.deadline else None,
        "deadline dates": lambda decision: (decision.deadline.start, decision.deadline.due) if decision.deadline
        else None,
        "assignees": lambda decision: frozenset(decision.all_assignees),
        "responsible": lambda decision: frozenset(decision.responsible),
    }
    scores = {"id": ids}
    for name, value in comparisons.items():
        correct = sum(1 for decision_id, decision in theirs.items()
                      if decision_id in mine and value(mine[decision_id]) == value(decision))
        scores[name] = Score(correct, len(theirs))
    return scores


def differences(imported: Protocol, reference: Protocol) -> list[str]:
    """What differs, decision by decision: for a failing test's message."""
    mine = {decision.id: decision for decision in imported.decisions}
    found = []
    for decision in reference.decisions:
        other = mine.get(decision.id)
        if other is None:
            found.append(f"{decision.id}: нет в импорте")
            continue
        for name, value in (("deadline", _deadline), ("assignees", lambda d: sorted(d.all_assignees)),
                            ("responsible", lambda d: sorted(d.responsible))):
            if value(other) != value(decision):
                found.append(f"{decision.id} {name}: {value(other)} ≠ {value(decision)}")
    found += [f"{decision_id}: лишнее в импорте" for decision_id in mine.keys() - {d.id for d in reference.decisions}]
    return found


def _deadline(decision: Decision) -> tuple | None:
    deadline = decision.deadline
    return (deadline.kind, deadline.start, deadline.due) if deadline else None


def total(scores: list[dict[str, Score]]) -> dict[str, Score]:
    return {name: sum((score[name] for score in scores), Score(0, 0)) for name in FIELDS}


def table(rows: dict[str, dict[str, Score]]) -> str:
    width = max(map(len, rows)) + 2
    lines = ["".ljust(width) + "".join(name.ljust(18) for name in FIELDS)]
    for label, scores in rows.items():
        lines.append(label.ljust(width) + "".join(str(scores[name]).ljust(18) for name in FIELDS))
    return "\n".join(lines)


def reference_protocols() -> dict[str, Protocol]:
    """The hand-checked protocols by the seed file they were transcribed from."""
    knowledge_base = load_knowledge_base(REPO_ROOT).knowledge_base
    return {protocol.source["file"]: protocol for protocol in knowledge_base.protocols if protocol.source.get("file")}


def imported_protocol(root: Path, draft: Path) -> Protocol:
    result = load_knowledge_base(root, only=[draft])
    (protocol,) = result.knowledge_base.protocols
    return protocol


def seed_as_docx(seed: Path, target: Path) -> Path:
    """The seed as a Word document, one paragraph per line of the text file."""
    import docx

    document = docx.Document()
    for line in seed.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = target / (seed.stem + ".docx")
    document.save(str(path))
    return path


def scratch_knowledge_base(target: Path) -> Path:
    """A knowledge base with the real schemas and registry and no protocols."""
    shutil.copytree(REPO_ROOT / "schema", target / "schema")
    shutil.copytree(REPO_ROOT / "protocols" / "registry", target / "protocols" / "registry")
    return target


def main() -> None:
    from build_tools.importer.importing import Importer

    references = reference_protocols()
    rows: dict[str, dict[str, Score]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for form in ("txt", "docx"):
            root = scratch_knowledge_base(Path(scratch) / form)
            with Importer(root) as importer:
                for seed in sorted(SEEDS.glob("*.txt")):
                    source = seed if form == "txt" else seed_as_docx(seed, Path(scratch))
                    outcome = importer.import_file(source)
                    if not outcome.ok:
                        print(f"{source.name}: {outcome.error}")
                        continue
                    rows[f"{seed.stem[:3]} {form}"] = field_scores(imported_protocol(root, outcome.draft_path),
                                                                   references[seed.name])
    rows["всего"] = total(list(rows.values()))
    print(table(rows))


if __name__ == "__main__":
    main()
