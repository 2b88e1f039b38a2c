"""Writing a draft: its file name, front matter with review comments, body, and the proposals file.

The front matter is dumped with PyYAML, the library the loader reads it
with, so that every value reads back as written. Review items become YAML
comments: a list at the top, and «# ПРОВЕРИТЬ: …» beside the decisions
they concern. The body is the document's cleaned text, line for line:
source lines stay lines, a blank line or a new sentence starts a new
paragraph, tables become Markdown tables, and what Markdown would misread
(«3.» starting a list, «#», «>») is escaped.

Unknown names go to a separate proposals file, ``*.yaml.draft``, which the
validator does not read (it reads ``*.yaml``/``*.yml`` only). An authority
the registry does not know is proposed in a file of its own,
``<id>.yaml.draft``: renaming it to ``<id>.yaml`` accepts it, and the draft
is checked as it will be after that step.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from ..pipeline import REGISTRY_DIR, SCHEMA_DIR, leaves_knowledge_base, load_knowledge_base, registry_files
from ..problems import Problem
from .layout import Line, continues
from .linking import Draft

SLUG_MAX_LENGTH = 40
REVIEW_MARK = "ПРОВЕРИТЬ"
PROPOSALS_SUFFIX = ".yaml.draft"


def draft_file_name(draft: Draft) -> str:
    """«2019-11-22-soveshchanie-rukovoditelei-oo.md»: the meeting date and a slug of the meeting or title."""
    wording = draft.data.get("meeting") or draft.data["title"]
    slug = slugify(wording, max_length=SLUG_MAX_LENGTH, word_boundary=True, save_order=True) or "protokol"
    return f"{draft.data['date']}-{slug}.md"


def proposals_file_name(draft_name: str) -> str:
    return f"proposed-{draft_name.removesuffix('.md')}{PROPOSALS_SUFFIX}"


def authority_file_name(entry: dict[str, Any]) -> str:
    """«uo-svetlogorsk.yaml.draft»: a new authority's registry file before it is accepted."""
    return f"{entry['id']}{PROPOSALS_SUFFIX}"


def accepted_name(authority_file: Path) -> str:
    """The name that accepts a proposed authority: «uo-svetlogorsk.yaml»."""
    return authority_file.name.removesuffix(PROPOSALS_SUFFIX) + ".yaml"


# --- the draft -----------------------------------------------------------------------------------


# Every character YAML or Python takes for the end of a line.
_LINE_BREAK = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as the knowledge base is written.

    A string with a line break in it (a file name may have one) is written in double quotes on one
    line, its breaks as escapes: no line of it can read as a key or as the «---» that ends the front matter.
    """

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)

    def represent_str(self, data: str) -> yaml.ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:str", data, style='"' if _LINE_BREAK.search(data) else None)


_Dumper.add_representer(str, _Dumper.represent_str)


def render_draft(draft: Draft, lines: list[Line], source: str, proposals: str | None) -> str:
    front = yaml.dump(draft.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000,
                      default_flow_style=False)
    return f"---\n{_header_comment(draft, source, proposals)}{_comment_decisions(front, draft)}---\n\n" \
           f"{render_body(lines)}\n"


def _header_comment(draft: Draft, source: str, proposals: str | None) -> str:
    lines = [f"Черновик импорта из «{source}» (protocols import). Сверьте его с документом, исправьте",
             f"найденное и удалите эти комментарии вместе с пометками «# {REVIEW_MARK}» у решений."]
    if proposals:
        lines.append(f"Имена, которых нет в реестре, предложены в {proposals}.")
    general = [message for decision_id, message in draft.review if decision_id is None]
    lines += [f"{REVIEW_MARK}: {message}" for message in general]
    return _comments(lines)


def _one_line(text: str) -> str:
    """``text`` on one line: a line break in it (a file may be named so) is written as its escape, «\\n»."""
    return _LINE_BREAK.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def _comments(lines: Iterable[str]) -> str:
    """YAML comment lines, one per item; nothing in an item can end its comment and start YAML of its own."""
    return "".join(f"# {_one_line(line)}\n" for line in lines)


def _comment_decisions(front: str, draft: Draft) -> str:
    """Put each decision's review items beside its «- id:» line in the decisions list."""
    by_decision: dict[str, list[str]] = {}
    for decision_id, message in draft.review:
        if decision_id is not None:
            by_decision.setdefault(decision_id, []).append(message)
    out, in_decisions = [], False
    for line in front.splitlines():
        if not line.startswith(" "):
            in_decisions = line == "decisions:"
        match = re.match(r"^  - id: (['\"]?)(?P<id>[0-9.]+)\1$", line) if in_decisions else None
        if match and match.group("id") in by_decision:
            line += f"  # {REVIEW_MARK}: " + _one_line("; ".join(by_decision[match.group("id")]))
        out.append(line)
    return "\n".join(out) + "\n"


def render_body(lines: list[Line]) -> str:
    """The cleaned source as Markdown: its lines kept, paragraphs and tables as the source has them."""
    out: list[str] = []
    previous: str | None = None
    blank = True
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.is_row:
            rows = []
            while index < len(lines) and lines[index].is_row:
                rows.append(lines[index].cells)
                index += 1
            out += ([""] if out else []) + _table(rows)
            previous, blank = None, True
            continue
        if line.text:
            if out and (blank or previous is None or not continues(previous, line.text, False)):
                out.append("")
            out.append(_escape(line.text))
            previous, blank = line.text, False
        else:
            blank = True
        index += 1
    return "\n".join(out)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    width = max(len(row) for row in rows)
    cells = [[_escape_cell(cell) for cell in row] + [""] * (width - len(row)) for row in rows]
    return [_row(cells[0]), _row(["---"] * width), *map(_row, cells[1:])]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


_MARKDOWN_STARTS = [
    (re.compile(r"^(\d+)([.)])(?=\s|$)"), r"\1\\\2"),       # «3. Текст» would become a list numbered from 1
    (re.compile(r"^([#>+=|])"), r"\\\1"),                   # heading, quote, list, table
    (re.compile(r"^([-*_])(?=\1\1|\s*$)"), r"\\\1"),         # a rule («---») or an empty list item
    (re.compile(r"^\*(?=\s)"), r"\\*"),                      # «* пункт»: keep the asterisk as written
]


def _escape(text: str) -> str:
    for pattern, replacement in _MARKDOWN_STARTS:
        text = pattern.sub(replacement, text)
    return text


# --- the proposals file ------------------------------------------------------------------------------


def render_proposals(draft: Draft, source: str, draft_path: str) -> str | None:
    if not draft.proposals:
        return None
    authority = draft.data["authority"]
    sections: dict[str, list[dict[str, Any]]] = {}
    for proposal in draft.proposals:
        sections.setdefault(proposal.section, []).append(proposal.entry(authority, source))
    ordered = {section: sections[section] for section in ("organizations", "groups", "people") if section in sections}
    body = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000,
                     default_flow_style=False)
    header = _comments([
        f"Новые записи реестра, предложенные импортом «{source}» (черновик: {draft_path}).",
        "Этот файл проверка не читает. Для каждой записи: нет ли её уже в реестре под другим",
        "написанием (тогда допишите это написание в aliases той записи); уточните id, name, kind,",
        "организацию и должность; перенесите запись в protocols/registry/*.yaml и укажите её id",
        "в черновике. Фамилии людей приведены к именительному падежу по окончанию, названия",
        "организаций и групп записаны как в документе: проверьте и те и другие."])
    return header + body


def render_authority(entry: dict[str, Any], source: str, draft_path: str) -> str:
    body = yaml.dump({"organizations": [entry]}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000, default_flow_style=False)
    header = _comments([
        f"Новый орган, предложенный импортом «{source}» (черновик: {draft_path}): органа из шапки",
        "документа нет в реестре. Проверьте запись: name — как орган называет себя, municipality —",
        "муниципальное образование (null, если документы его не называют), timezone. id лучше не менять:",
        f"черновик уже записан с ним. Принять запись — один шаг: переименуйте этот файл в {entry['id']}.yaml",
        "(он станет файлом реестра органа); после этого черновик проходит protocols validate."])
    return header + body


# --- checking and writing ------------------------------------------------------------------------------


class DraftChecker:
    """Validates a draft with the knowledge base's own pipeline, before anything is written.

    A scratch copy of the schemas and the registry stands in for the
    knowledge base; the draft is placed in its authority's folder there,
    so the check is exactly `protocols validate` on the draft in place.
    """

    def __init__(self, root: Path):
        self._scratch = tempfile.TemporaryDirectory(prefix="protocols-import-")
        self.root = Path(self._scratch.name)
        shutil.copytree(root / SCHEMA_DIR, self.root / SCHEMA_DIR)
        (self.root / REGISTRY_DIR).mkdir(parents=True)
        resolved_root = root.resolve()
        for path in registry_files(root):
            if not leaves_knowledge_base(path, resolved_root):  # `protocols validate` reports the others
                shutil.copy2(path, self.root / REGISTRY_DIR / path.name)

    def check(self, authority: str, file_name: str, text: str, registry: dict[str, str] | None = None,
              linked: dict[str, Path] | None = None) -> list[Problem]:
        """The problems of the draft; ``registry`` — registry files (name → text) as if accepted;
        ``linked`` — the files of the protocols its links name (protocol id → file), placed beside it."""
        path = self.root / "protocols" / authority / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        added = {self.root / REGISTRY_DIR / name: content for name, content in (registry or {}).items()}
        added |= {self.root / "protocols" / f"{protocol_id}.md": source.read_text(encoding="utf-8")
                  for protocol_id, source in (linked or {}).items()}
        for added_path, content in added.items():
            added_path.parent.mkdir(parents=True, exist_ok=True)
            added_path.write_text(content, encoding="utf-8")
        try:
            return load_knowledge_base(self.root, only=[path]).problems
        finally:
            path.unlink()
            for added_path in added:
                added_path.unlink()

    def close(self) -> None:
        self._scratch.cleanup()

    def __enter__(self) -> DraftChecker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
