"""The authority that took a document's decisions: found in the registry, or proposed as a new one.

`AuthorityFinder.choose` decides, in this order:

1. the authority given with ``--authority``;
2. the registry authority whose name (or alias) the header writes, and no
   other; generic names («Отдел образования») fit many and do not count;
3. when the header writes no name of an authority, or only a generic one:
   the authority every unambiguous, specific name of the text (people,
   organizations) belongs to;
4. when the header writes a specific name the registry does not know
   («УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА СВЕТЛОГОРСКА»): the
   authority the names of the text belong to if its registry entry names
   the same place (the registry writes it otherwise — the editor is told to
   add the spelling to `aliases`); else **a new authority**, proposed from
   the header as written (`propose_authority`).

Nothing else is guessed: without a name in the header and without telling
mentions, `UnknownAuthority` asks for ``--authority``.

A new authority's entry gets an id from the kind of body and its own words
(«uo-svetlogorsk»), the header's name in the nominative with the spelling as
written among its `aliases`, its head («Управление образования») as
`short_name`, and `municipality: null` with a note to fill it in. The
importer writes the draft with this id, and the entry into
``protocols/registry/<id>.yaml.draft``: renaming that file to ``<id>.yaml``
is the one step that accepts it, after which the draft validates (see
docs/import.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from slugify import slugify

from ..model import Registry, build_registry
from .layout import HEADER_FIELD, KIND_LINE
from .names import ORGANIZATION_NAME, PERSON, Mention, NameIndex, Token, is_specific, person_names, specific_tokens


class UnknownAuthority(Exception):
    """The document does not say, unambiguously, which authority took its decisions."""


# the head of an authority's name, in any case: «Управление образования», «отдела образования», «Комитет по образованию»
_HEAD = re.compile(r"(?<![\w-])(?P<noun>управлени[еяю]|отдел[ауе]?|комитет[ауе]?|департамент[ауе]?)\s+"
                   r"(?P<of>(?:по\s+)?образовани[юяе])(?!\w)", re.I)
_NOMINATIVE = {"управлени": "управление", "отдел": "отдел", "комитет": "комитет", "департамент": "департамент"}
_PREFIXES = {"управление": "uo", "отдел": "oo", "комитет": "ko", "департамент": "do"}
# the words of an authority's name after its head, besides places: «администрации города …», «… района»
_NAME_WORDS = {"администрации", "муниципального", "муниципальный", "городского", "сельского", "поселения", "района",
               "округа", "области", "края", "республики", "города", "г.", "мо", "образования", "автономного"}
_QUOTED = re.compile(r"^«[^»]{1,80}»+")
_WORD = re.compile(r"^\S+")


def authority_name(lines: list[str]) -> str | None:
    """The name of an education authority the lines write: the first with words of its own, else the first."""
    names = [name for name in (_name_at(lines, position) for position in range(len(lines))) if name]
    return next((name for name in names if is_specific(name)), names[0] if names else None)


def is_authority_heading(text: str) -> bool:
    """A line that is the name of an education authority and nothing else («УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ …»)."""
    match = _HEAD.match(text)
    return match is not None and _name_words(text[match.end():])[1]


def _name_at(lines: list[str], position: int) -> str | None:
    """The authority's name that starts on line ``position``, with the lines that continue it."""
    match = _HEAD.search(lines[position])
    if match is None:
        return None
    tail = lines[position][match.end():]
    people = person_names(tail)        # «…начальника управления образования Смирнова А.П.»: not the name
    name, complete = _name_words(tail[: people[0][0]] if people else tail)
    complete = complete and not people
    name = match.group(0) + name
    while complete and position + 1 < len(lines) and _continues_name(lines[position + 1]):
        position += 1
        more, complete = _name_words(" " + lines[position])
        name += more
    return name.strip()


def _name_words(text: str) -> tuple[str, bool]:
    """The words of ``text`` that go on with a name («администрации города Ижевска»); whether that is all of it.

    They are name words, places (capitalised words), «г.» and quoted names;
    a comma or a full stop after a word ends the name.
    """
    taken, rest = "", text
    while rest.strip():
        spaces = rest[: len(rest) - len(rest.lstrip())]
        rest = rest.lstrip()
        piece = (_QUOTED.match(rest) or _WORD.match(rest)).group(0)
        core = piece if piece == "г." else piece.rstrip(",.;:")
        if not (core.startswith("«") or core.lower() in _NAME_WORDS or re.fullmatch(r"[А-ЯЁ][А-ЯЁа-яё-]*", core)):
            return taken, False
        taken, rest = taken + spaces + core, rest[len(piece):]
        if core != piece:
            return taken, False
    return taken, True


def _continues_name(line: str) -> bool:
    """An upper-case line or one of genitive name words after a name: «АДМИНИСТРАЦИИ БЕРЕЗОВСКОГО ОКРУГА»."""
    first = line.split(" ", 1)[0]
    if KIND_LINE.match(line) or HEADER_FIELD.match(line) or ORGANIZATION_NAME.match(line) or _HEAD.search(line):
        return False
    return first.lower() in _NAME_WORDS or line.isupper() and not re.search(r"[\d:]", line)


# --- choosing -----------------------------------------------------------------------------------------


@dataclass
class AuthorityChoice:
    id: str
    notes: list[str] = field(default_factory=list)         # for the editor's review
    new_entry: dict[str, Any] | None = None                 # a proposed registry entry for a new authority


class AuthorityFinder:
    def __init__(self, registry: Registry, index: NameIndex, header_lines: list[str], full_text: str, source: str):
        self.registry = registry
        self.index = index
        self.header_lines = header_lines
        self.full_text = full_text
        self.source = source

    def choose(self, given: str | None) -> AuthorityChoice:
        """The authority, with what the editor should know about how it was found; raises UnknownAuthority."""
        named, notes = self._named_in_header()
        if given:
            found = named or self._by_mentions()[0]
            return AuthorityChoice(given, [f"орган задан вручную: {given}; по тексту документа это {found}"]
                                   if found and found != given else [])
        if named:
            return AuthorityChoice(named)
        written = authority_name(self.header_lines)
        found, evidence = self._by_mentions()
        if found and (written is None or not is_specific(written) or self._names_place_of(written, found)):
            return AuthorityChoice(found, notes + [self._found_by_mentions(found, evidence, written)])
        if written and is_specific(written):
            entry = propose_authority(written, self.registry, self.source)
            notes.append(f"органа «{written}» из шапки нет в реестре: предложена новая запись {entry['id']}, "
                         "черновик записан с ней; примите её (см. отчёт команды)")
            if evidence:
                notes.append(f"упоминания указывают на {', '.join(sorted(evidence))}, но шапка называет другой орган")
            return AuthorityChoice(entry["id"], notes, entry)
        if len(evidence) > 1:
            notes.append(f"упоминания указывают на разные органы: {', '.join(sorted(evidence))}")
        candidates = sorted(entry.id for entry in self.registry.organizations.values() if entry.is_authority)
        raise UnknownAuthority(
            "не удалось определить орган, принявший решения: в шапке нет названия органа из реестра, "
            "а упомянутые люди и организации не указывают однозначно на один орган"
            + (f" (в шапке: «{written}»)" if written else "")
            + f". Органы в реестре: {', '.join(candidates) or 'нет'}")

    def _named_in_header(self) -> tuple[str | None, list[str]]:
        """The one registry authority the header names, and a note when it names several."""
        named = {mention.candidates[0] for mention in self.index.mentions("\n".join(self.header_lines))
                 if self._telling(mention) and self.registry.organizations.get(mention.candidates[0])
                 and self.registry.organizations[mention.candidates[0]].is_authority}
        if len(named) > 1:
            return None, [f"в шапке названы несколько органов: {', '.join(sorted(named))}"]
        return next(iter(named), None), []

    def _by_mentions(self) -> tuple[str | None, dict[str, dict[str, str]]]:
        """The authority all telling mentions of the text belong to, and the mentions by authority."""
        evidence: dict[str, dict[str, str]] = {}
        for mention in self.index.mentions(self.full_text):
            if self._telling(mention) and (owner := self.registry.authority_of(mention.candidates[0])):
                evidence.setdefault(owner, {})[mention.candidates[0]] = mention.text
        return (next(iter(evidence)) if len(evidence) == 1 else None), evidence

    @staticmethod
    def _telling(mention: Mention) -> bool:
        """A mention that fits one entry and says where it is from: a person, or a name with words of its own.

        Generic names («Отдел образования», «руководители ОО», «МБОУ «СОШ
        № 1»») fit many authorities and are not counted, even when the
        registry happens to know only one of them.
        """
        return len(mention.candidates) == 1 and (mention.kind == PERSON or is_specific(mention.text))

    def _names_place_of(self, written: str, authority: str) -> bool:
        """Whether the registry entry of ``authority`` shares a word of its own with the name the header writes."""
        entry = self.registry.organizations[authority]
        own = {token.key for name in (entry.name, entry.short_name or "", *entry.aliases)
               for token in specific_tokens(name)}
        return bool(own & {token.key for token in specific_tokens(written)})

    @staticmethod
    def _found_by_mentions(found: str, evidence: dict[str, dict[str, str]], written: str | None) -> str:
        named_by = "; ".join(f"{text} ({entry})" for entry, text in sorted(evidence[found].items()))
        if written and is_specific(written):
            return (f"орган {found} определён по упоминаниям: {named_by}; в шапке он записан как «{written}» — "
                    f"добавьте это написание в aliases {found}")
        return f"орган {found} определён по упоминаниям (в шапке он не назван): {named_by}"


# --- a new authority ---------------------------------------------------------------------------------------


def propose_authority(written: str, registry: Registry, source: str) -> dict[str, Any]:
    """The registry entry of an authority the registry does not know, from its name as the header writes it."""
    written = " ".join(written.split())
    head = _HEAD.search(written)
    noun = _NOMINATIVE[next(stem for stem in _NOMINATIVE if head.group("noun").lower().startswith(stem))]
    name = _readable(noun.capitalize() + written[head.start("noun") + len(head.group("noun")):])
    base = f"{_PREFIXES[noun]}-{slugify(' '.join(_id_word(name, token) for token in specific_tokens(name)))}"
    entry_id, number = base, 1
    while registry.get(entry_id) is not None:
        number += 1
        entry_id = f"{base}-{number}"
    entry: dict[str, Any] = {"id": entry_id, "kind": "authority", "name": name,
                             "short_name": f"{noun.capitalize()} {head.group('of').lower()}"}
    if written != name:
        entry["aliases"] = [written]
    entry["municipality"] = None
    entry["note"] = (f"Предложено импортом по шапке документа {source}: «{written}». Уточните name, "
                     "municipality (муниципальное образование, как в документах) и timezone.")
    return entry


def _id_word(name: str, token: Token) -> str:
    """A word of a new authority's id: its stem («светлогорск»), or the word when the stem is too short («заря»)."""
    return token.key if len(token.key) > 3 else name[token.start:token.end].lower()


_SMALL_WORDS = {"по", "и", "в", "на", "о", "об", "при", "с"}


def _readable(name: str) -> str:
    """A name written in capitals, in ordinary case: its own words capitalised, abbreviations kept, the rest lower."""
    if not any(word.isupper() and len(word) > 1 for word in name.split()[1:]):
        return name
    words = []
    for position, word in enumerate(name.split(" ")):
        opening, letters, closing = re.fullmatch(r"([«\"]*)(.*?)([»\".,;]*)", word).groups()
        if len(letters) <= 3 and letters.lower() not in _SMALL_WORDS and position:
            words.append(word)                                  # «МО», «ГО»
        elif position == 0 or opening or specific_tokens(word):
            words.append(opening + "-".join(part.capitalize() for part in letters.split("-")) + closing)
        else:
            words.append(word.lower())
    return " ".join(words)


def with_authority(registry: Registry, entry: dict[str, Any]) -> Registry:
    """The registry with one more authority (a proposed one, not yet accepted)."""
    added = build_registry([{"organizations": [entry]}]).organizations
    return Registry({**registry.organizations, **added}, registry.groups, registry.people)
