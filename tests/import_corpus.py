"""The importer scored on its development corpus: documents it was not written on, with their ground truth.

The corpus (tests/fixtures/import/corpus/) holds protocols written for this
purpose in the layouts Russian education authorities use — «Слушали /
Выступили / Решили», decisions at the end of a preamble, tables (Markdown
pipes in text exports, tabs, Word tables with merged cells), Word numbering,
cover letters, extracts, amendments, appendices, Windows-1251 — for three
fictional authorities in corpus/registry/ and for authorities the registry
does not know. The Word documents are built by import_corpus_docx.py. Each
document has its ground truth in corpus/truth/<name>.yaml, written before
the importer was tuned on it:

    classes: [1, 4]          # the failure classes of issue 11 it exercises
    layouts: [...]           # the layouts it has, for the per-layout table
    held_out: true           # kept out of tuning (optional)
    authority: uo-berezovka  # or new_authority: the header's name as written
    date: 2025-08-28
    decisions:
      - {id: "1.2", deadline: by 2025-09-15, responsible: [guseva-ov, Лебедева Н. К.]}

A deadline is written «kind», «kind due» or «kind start..due». A responsible
person is a registry id, or a name for a person the registry does not know.

Measures, each a share (see `Measures`):

* decisions — |found ∩ expected| / |found ∪ expected| decision ids: a missed
  and an invented decision count alike;
* deadline — of the decisions that have a deadline in the truth or in the
  draft, those whose kind, start and due are right (none is right for none);
* responsible — of the (decision, named person) pairs of the truth, those
  attached: the registry id in `responsible`, or, for a person the registry
  does not know, the name in the decision and a proposed registry entry
  that fits it;
* date, authority — per document; a new authority is right when its
  proposed entry has the header's name;
* validates — the draft passes `protocols validate` in its authority's
  folder, after the one acceptance step for a new authority (renaming the
  proposed `<id>.yaml.draft` to `<id>.yaml`);
* lines — the non-blank lines (and table cells) of the source found in the
  draft's body.

Run ``python tests/import_corpus.py`` for the table by class, by layout and
for the held-out documents.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT / "tests" / "fixtures" / "import" / "corpus"
TRUTH = CORPUS / "truth"
MEASURES = ("decisions", "deadline", "responsible", "date", "authority", "validates", "lines")
GOALS = {"decisions": 0.95, "deadline": 0.90, "responsible": 0.85, "date": 0.95, "authority": 1.0,
         "validates": 1.0, "lines": 0.99}

sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "tests"))

from build_tools.importer.importing import Importer, Outcome  # noqa: E402
from build_tools.importer.names import person_names  # noqa: E402
from build_tools.importer.reading import decode_text  # noqa: E402
from build_tools.pipeline import load_knowledge_base  # noqa: E402
from import_accuracy import Score  # noqa: E402
from import_corpus_docx import DOCUMENTS, Table, build_all  # noqa: E402


@dataclass(frozen=True)
class Expected:
    id: str
    deadline: tuple[str, date | None, date | None] | None
    responsible: tuple[str, ...]


@dataclass(frozen=True)
class Truth:
    name: str
    classes: tuple[int, ...]
    layouts: tuple[str, ...]
    held_out: bool
    authority: str | None
    new_authority: str | None
    date: date
    decisions: tuple[Expected, ...]


def read_truth(path: Path) -> Truth:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = next(candidate.name for candidate in [*CORPUS.iterdir(), *(Path(name) for name in DOCUMENTS)]
                  if Path(candidate).stem == path.stem)
    return Truth(source, tuple(data.get("classes", [])), tuple(data.get("layouts", [])),
                 bool(data.get("held_out")), data.get("authority"), data.get("new_authority"), data["date"],
                 tuple(Expected(str(item["id"]), _deadline(item.get("deadline")), tuple(item.get("responsible", [])))
                       for item in data["decisions"]))


def _deadline(text: str | None) -> tuple[str, date | None, date | None] | None:
    if text is None:
        return None
    kind, _, dates = text.partition(" ")
    if not dates:
        return kind, None, None
    start, _, due = dates.rpartition("..")
    return kind, date.fromisoformat(start) if start else None, date.fromisoformat(due)


def truths() -> list[Truth]:
    return [read_truth(path) for path in sorted(TRUTH.glob("*.yaml"))]


# --- importing the corpus ----------------------------------------------------------------------------


@dataclass
class Imported:
    outcome: Outcome
    data: dict[str, Any] = field(default_factory=dict)     # the draft's front matter
    body: str = ""
    proposed_people: list[str] = field(default_factory=list)
    authority_name: str | None = None                       # a new authority's proposed name
    validates: bool = False
    problems: list[str] = field(default_factory=list)


def import_corpus(target: Path, names: set[str]) -> dict[str, Imported]:
    """The named corpus documents imported in one run into a scratch knowledge base, new authorities accepted."""
    root = target / "kb"
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    shutil.copytree(CORPUS / "registry", root / "protocols" / "registry")
    (target / "sources").mkdir()
    sources = sorted([*(path for path in CORPUS.iterdir() if path.suffix in (".txt", ".md")),
                      *build_all(target / "sources")], key=lambda path: path.name)
    sources = [path for path in sources if path.name in names]
    with Importer(root) as importer:
        results = {path.name: Imported(importer.import_file(path)) for path in sources}
    for accepted in sorted((root / "protocols" / "registry").glob("*.yaml.draft")):
        if not accepted.name.startswith("proposed-"):
            accepted.rename(accepted.with_name(accepted.name.removesuffix(".draft")))   # the acceptance step
    for imported in results.values():
        if imported.outcome.ok:
            _read_draft(root, imported)
    return results


def _read_draft(root: Path, imported: Imported) -> None:
    outcome = imported.outcome
    text = outcome.draft_path.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    imported.data, imported.body = yaml.safe_load(front.removeprefix("---\n")), body
    if outcome.proposals_path:
        proposals = yaml.safe_load(outcome.proposals_path.read_text(encoding="utf-8"))
        imported.proposed_people = [entry["name"] for entry in proposals.get("people", [])]
    authority_file = root / "protocols" / "registry" / f"{imported.data['authority']}.yaml"
    if outcome.authority_path is not None and authority_file.exists():
        entries = yaml.safe_load(authority_file.read_text(encoding="utf-8"))["organizations"]
        imported.authority_name = next(entry["name"] for entry in entries if entry["id"] == imported.data["authority"])
    problems = [problem for problem in load_knowledge_base(root, only=[outcome.draft_path]).problems
                if problem.is_error]
    imported.validates = not problems
    imported.problems = [problem.format_text() for problem in problems]


# --- scoring -----------------------------------------------------------------------------------------


Measures = dict[str, Score]


def score(truth: Truth, imported: Imported, source: Path | None) -> tuple[Measures, list[str]]:
    """The measures of one document, and what differs from its truth (for a failing test's message)."""
    if not imported.outcome.ok:
        missed = Score(0, 1)
        return ({"decisions": Score(0, len(truth.decisions)), "deadline": Score(0, sum(
            1 for item in truth.decisions if item.deadline)), "responsible": Score(0, sum(
                len(item.responsible) for item in truth.decisions)), "date": missed, "authority": missed,
            "validates": missed, "lines": missed}, [f"не импортирован: {imported.outcome.error}"])
    found = {str(item["id"]): item for item in imported.data.get("decisions", [])}
    expected = {item.id: item for item in truth.decisions}
    notes = [f"{key}: лишнее" for key in found.keys() - expected.keys()]
    notes += [f"{key}: нет" for key in expected.keys() - found.keys()]
    deadlines = Score(0, 0)
    people = Score(0, 0)
    for key in sorted(expected.keys() | found.keys()):
        wanted = expected[key].deadline if key in expected else None
        got = _found_deadline(found[key]) if key in found else None
        if wanted is not None or got is not None:
            deadlines += Score(int(wanted == got), 1)
            if wanted != got:
                notes.append(f"{key} срок: {_show(got)} ≠ {_show(wanted)}")
        for person in expected[key].responsible if key in expected else ():
            attached = key in found and _attached(person, found[key], imported)
            people += Score(int(attached), 1)
            if not attached:
                notes.append(f"{key} ответственный {person} не указан")
    authority = _authority_right(truth, imported)
    day = imported.data.get("date") == truth.date.isoformat()
    if not authority:
        notes.append(f"орган: {imported.data.get('authority')} ({imported.authority_name})")
    if not day:
        notes.append(f"дата: {imported.data.get('date')} ≠ {truth.date}")
    notes += imported.problems
    kept, missing = _lines_kept(truth, imported.body, source)
    notes += [f"строка потеряна: {line}" for line in missing]
    return ({"decisions": Score(len(found.keys() & expected.keys()), len(found.keys() | expected.keys())),
             "deadline": deadlines, "responsible": people, "date": Score(int(day), 1),
             "authority": Score(int(authority), 1), "validates": Score(int(imported.validates), 1),
             "lines": kept}, notes)


def _found_deadline(decision: dict[str, Any]) -> tuple[str, date | None, date | None] | None:
    deadline = decision.get("deadline")
    if deadline is None:
        return None
    return (deadline["kind"], *(date.fromisoformat(deadline[key]) if key in deadline else None
                                for key in ("start", "due")))


def _show(deadline: tuple[str, date | None, date | None] | None) -> str:
    if deadline is None:
        return "нет"
    kind, start, due = deadline
    return " ".join(part for part in (kind, f"{start or ''}..{due}" if start else str(due or "")) if part)


def _attached(person: str, decision: dict[str, Any], imported: Imported) -> bool:
    if not person_names(person):
        return person in decision.get("responsible", [])
    name = person_names(person)[0][2]
    written = f"{decision.get('text', '')} {decision.get('responsible_text', '')}"
    in_decision = any(found.fits(name) for _, _, found in person_names(written))
    proposed = any(found.fits(name) for proposal in imported.proposed_people for _, _, found in person_names(proposal))
    return in_decision and proposed


def _authority_right(truth: Truth, imported: Imported) -> bool:
    if truth.authority:
        return imported.data.get("authority") == truth.authority
    return _words(imported.authority_name or "") == _words(truth.new_authority)


def _words(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def _lines_kept(truth: Truth, body: str, source: Path | None) -> tuple[Score, list[str]]:
    text = _unescaped(body)
    pieces = [_plain(piece) for piece in _source_pieces(truth.name, source)]
    missing = [piece for piece in pieces if piece and piece not in text]
    return Score(len(pieces) - len(missing), len(pieces)), missing


def _source_pieces(name: str, source: Path | None) -> list[str]:
    """The non-blank lines of a source as a reader sees them; table rows as their cells."""
    if name in DOCUMENTS:
        blocks, _ = DOCUMENTS[name]
        return [piece for block in blocks for piece in (
            [cell for row in block.rows for cell in row] if isinstance(block, Table)
            else (block if isinstance(block, str) else block.text).split("\t"))]
    pieces = []
    for line in decode_text(source.read_bytes())[0].splitlines():
        if re.fullmatch(r"\s*\|?[\s:|-]*-{3,}[\s:|-]*", line):
            continue                                    # a Markdown table's rule: not text
        pieces += re.split(r"\t+|(?<!\\)\|", line)
    return pieces


def _plain(text: str) -> str:
    text = re.sub(r"\[bookmark:[^\]]*\]|\*\*|^\s*#+\s+", "", text)
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def _unescaped(text: str) -> str:
    return "\n".join(" ".join(re.sub(r"\\(.)", r"\1", line).split()) for line in text.splitlines())


# --- the tables ------------------------------------------------------------------------------------------


@dataclass
class Report:
    by_document: dict[str, Measures]
    notes: dict[str, list[str]]
    truths: list[Truth]

    def total(self, names: list[str]) -> Measures:
        return {measure: sum((self.by_document[name][measure] for name in names), Score(0, 0))
                for measure in MEASURES}

    def rows(self) -> dict[str, Measures]:
        """Totals: all, development, held out, each failure class, each layout."""
        groups: dict[str, list[str]] = {"все документы": [truth.name for truth in self.truths],
                                        "для разработки": [t.name for t in self.truths if not t.held_out],
                                        "отложенные": [t.name for t in self.truths if t.held_out]}
        for number in sorted({number for truth in self.truths for number in truth.classes}):
            groups[f"класс {number}"] = [truth.name for truth in self.truths if number in truth.classes]
        for layout in sorted({layout for truth in self.truths for layout in truth.layouts}):
            groups[layout] = [truth.name for truth in self.truths if layout in truth.layouts]
        return {label: self.total(names) | {"документов": Score(len(names), len(names))}
                for label, names in groups.items()}

    def below_goals(self, label: str) -> list[str]:
        measures = self.rows()[label]
        return [f"{label}: {measure} {measures[measure]} < {GOALS[measure]:.0%}" for measure in MEASURES
                if measures[measure].total and measures[measure].share < GOALS[measure]]


def run(target: Path, include_held_out: bool = True) -> Report:
    selected = [truth for truth in truths() if include_held_out or not truth.held_out]
    imported = import_corpus(target, {truth.name for truth in selected})
    by_document, notes = {}, {}
    for truth in selected:
        source = CORPUS / truth.name if (CORPUS / truth.name).exists() else None
        by_document[truth.name], notes[truth.name] = score(truth, imported[truth.name], source)
    return Report(by_document, notes, selected)


def table(rows: dict[str, Measures]) -> str:
    width = max(map(len, rows)) + 2
    lines = ["".ljust(width) + "док.  " + "".join(measure.ljust(16) for measure in MEASURES)]
    for label, measures in rows.items():
        lines.append(label.ljust(width) + str(measures["документов"].total).ljust(6)
                     + "".join(_cell(measures[measure]).ljust(16) for measure in MEASURES))
    return "\n".join(lines)


def _cell(value: Score) -> str:
    return f"{value.correct}/{value.total} {value.share:.0%}" if value.total else "—"


def main() -> None:
    include_held_out = "--without-held-out" not in sys.argv
    with tempfile.TemporaryDirectory() as scratch:
        report = run(Path(scratch), include_held_out)
    print(table(report.rows()))
    if "-v" in sys.argv:
        for name, notes in report.notes.items():
            for note in notes:
                print(f"{name}: {note}")


if __name__ == "__main__":
    main()
