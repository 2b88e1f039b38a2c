"""The organization finder of the home page: the registry as a small list that the reader's browser searches.

A head looks for her school as people write it: «СОШ 46», «школа 46», «МАОУ СОШ №46», «средняя
школа 46 Ижевск». The site search (Pagefind) cannot answer that: it drops words shorter than three
letters («46»), knows no abbreviations and ranks a school's page among every protocol that names
it. So the hub writes `FINDER_FILE`: every organization and group of the registry with its name,
the line under it, its page and the words it is found by, and
site_overrides/assets/javascripts/finder.js looks the query up in it (docs/search.md, «Поиск
организации»). The browser fetches it when the reader first types into the finder, never with the page.

The words are the entry's names (name, short name, how the documents call it), its municipality (a
group's: its authority's), its kind («школа», «детский сад») and the abbreviations both ways: «СОШ»
in a name adds «средняя общеобразовательная школа», and the other way round. They are lower case, «ё» as «е», letters and
digits apart («№46» → «46»), each once: finder.js cuts the query the same way (`WORD`).
"""

from __future__ import annotations

import json
import re

from ..model import Group, Organization, Registry
from .fragments import ORGANIZATION_KINDS, entry_name, entry_url

FINDER_FILE = "org/finder.json"

WORD = re.compile(r"[^\W\d_]+|\d+")
"""A word of a name: a run of letters or a run of digits (finder.js: the same expression)."""

ABBREVIATIONS = {
    "сош": "средняя общеобразовательная школа",
    "оош": "основная общеобразовательная школа",
    "нош": "начальная общеобразовательная школа",
    "цро": "центр развития образования",
    "имц": "информационно методический центр",
}
"""Abbreviations of names and what they stand for: an entry named by either is found by both."""

KIND_WORDS = {
    "school": "школа",
    "kindergarten": "детский сад доу",
    "additional_education": "дополнительное образование",
    "authority": "управление отдел образования",
}
"""Words a reader calls an organization of a kind by, whatever its name («школа 46» for «СОШ № 46»)."""


def words(*names: str | None) -> list[str]:
    """The words of ``names`` as the finder compares them: lower case, «ё» as «е», in order, each once."""
    found = WORD.findall(" ".join(name for name in names if name).lower().replace("ё", "е"))
    return list(dict.fromkeys(found))


def expanded(found: list[str]) -> list[str]:
    """``found`` and the other form of each abbreviation in it, either way round."""
    text = f" {' '.join(found)} "
    extra = []
    for short, full in ABBREVIATIONS.items():
        if f" {short} " in text:
            extra += full.split()
        if f" {full} " in text:
            extra.append(short)
    return list(dict.fromkeys([*found, *extra]))


def finder_entries(registry: Registry) -> list[list[str]]:
    """[name, the line under it, page URL, words] of every organization and group, by name."""
    entries = [*registry.organizations.values(), *registry.groups.values()]
    rows = [[entry_name(entry), _subtitle(entry, registry), entry_url(entry), " ".join(_words(entry, registry))]
            for entry in entries]
    return sorted(rows, key=lambda row: (row[0].casefold(), row[2]))


def finder_json(registry: Registry) -> bytes:
    """`FINDER_FILE`: the entries in compact JSON, one line each so a diff reads."""
    rows = ",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in finder_entries(registry))
    return f"[\n{rows}\n]\n".encode("utf-8")


def _words(entry: Organization | Group, registry: Registry) -> list[str]:
    if isinstance(entry, Group):
        authority = registry.organizations.get(entry.authority)
        return expanded(words(entry.name, *entry.aliases, authority and authority.municipality, "группа"))
    return expanded(words(entry.name, entry.short_name, *entry.aliases, entry.municipality,
                          KIND_WORDS.get(entry.kind)))


def _subtitle(entry: Organization | Group, registry: Registry) -> str:
    """«общеобразовательная организация · город Ижевск», «группа · Управление образования …»."""
    if isinstance(entry, Group):
        authority = registry.organizations.get(entry.authority)
        return " · ".join(part for part in ("группа", authority and (authority.short_name or authority.name)) if part)
    return " · ".join(part for part in (ORGANIZATION_KINDS[entry.kind], entry.municipality) if part)
