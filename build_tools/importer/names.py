"""Finding names of people, organizations and groups in text, and matching them to the registry.

Two kinds of names, matched in two ways:

* People are written «Бутакова Е. В.», «Е.В. Бутакова», «Бутаковой Е. В.»,
  «Хорошева Ивана Валерьевича», «Наталья Геннадьевна Гвоздкова». A name is
  reduced to its initials and the set of nominative forms its surname may
  have (`surname_forms`: «Бутаковой» → {бутакова}; «Иванову» → {иванов,
  иванова}, dative of a man or accusative of a woman). Two names match
  when the initials are equal and the sets meet. A match through a case
  form that the registry does not list is reported, not silently accepted.
* Organizations and groups are matched through the registry's names, short
  names and aliases, word by word after Russian stemming («Отделу
  образования» = «Отдел образования»), ignoring case, ё, quotes and spacing.
  Abbreviations (МБОУ, ЦРО) are compared as written, not stemmed.

A name fits the registry entries whose names fit it: `resolve` chooses one
of them for a protocol of a given authority, or says why it cannot
(unknown, ambiguous, or known only for another authority). Nothing here
guesses: the caller reports what did not resolve and proposes new entries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from ..model import Group, Organization, Person, Registry

# --- people ---------------------------------------------------------------------------------

_CAP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_SPACE = r"[ \u00a0]"   # names never run over a line break
_PATRONYMIC = r"[А-ЯЁ][а-яё]+(?:вич|вн|ичн|инич)[а-яё]{0,3}"
PERSON_NAME = re.compile(
    rf"(?<![\w.])(?:(?P<i1>[А-ЯЁ])\.{_SPACE}?(?:(?P<i2>[А-ЯЁ])\.{_SPACE}?)?(?P<surname1>{_CAP})(?![\w.])"
    rf"|(?P<first>{_CAP}){_SPACE}+(?P<patronymic>{_PATRONYMIC}){_SPACE}+(?P<surname2>{_CAP})(?!\w)"
    rf"|(?P<surname3>{_CAP}){_SPACE}+(?P<first3>{_CAP}){_SPACE}+(?P<patronymic3>{_PATRONYMIC})(?!\w)"
    rf"|(?P<surname4>{_CAP}){_SPACE}+(?P<j1>[А-ЯЁ])\.{_SPACE}?(?:(?P<j2>[А-ЯЁ])\.?)?(?!\w)"
    # «Председатель С.В. Гаврилова»: the name is the one after the initials
    rf"(?![.]?{_SPACE}*(?:[А-ЯЁ]\.{_SPACE}?)*[А-ЯЁ][а-яё]))"
)

# endings of declined surnames → endings of the nominative forms they may come from
_SURNAME_ENDINGS: list[tuple[str, tuple[str, ...]]] = sorted([
    ("ского", ("ский",)), ("скому", ("ский",)), ("ским", ("ский",)), ("ском", ("ский",)),
    ("цкого", ("цкий",)), ("цкому", ("цкий",)), ("цким", ("цкий",)), ("цком", ("цкий",)),
    ("ской", ("ская",)), ("скую", ("ская",)), ("цкой", ("цкая",)), ("цкую", ("цкая",)),
    ("овой", ("ова",)), ("евой", ("ева",)), ("иной", ("ина",)), ("ыной", ("ына",)),
    ("ову", ("ов", "ова")), ("еву", ("ев", "ева")), ("ину", ("ин", "ина")), ("ыну", ("ын", "ына")),
    ("овым", ("ов",)), ("евым", ("ев",)), ("иным", ("ин",)), ("ыным", ("ын",)),
    ("ове", ("ов",)), ("еве", ("ев",)), ("ине", ("ин",)), ("ыне", ("ын",)),
    ("ова", ("ова", "ов")), ("ева", ("ева", "ев")), ("ина", ("ина", "ин")), ("ына", ("ына", "ын")),
], key=lambda item: -len(item[0]))
_CONSONANT_ENDINGS = (("ом", ""), ("ем", ""), ("а", ""), ("у", ""), ("е", ""))


def surname_forms(surname: str) -> frozenset[str]:
    """The nominative surnames a written form may be: «Бутаковой» → {«бутакова»}."""
    word = surname.lower().replace("ё", "е")
    forms = {word}
    for ending, nominatives in _SURNAME_ENDINGS:
        if word.endswith(ending):
            forms.update(word[: -len(ending)] + nominative for nominative in nominatives)
            return frozenset(forms)
    for ending, replacement in _CONSONANT_ENDINGS:      # «Гаврилюка» → «Гаврилюк»
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem and stem[-1] not in "аеиоуыэюяьй":
            forms.add(stem + replacement)
            break
    return frozenset(forms)


@dataclass(frozen=True)
class PersonName:
    """A person's name as found in text: initials and the possible nominative surnames."""

    text: str
    surname: str
    initials: str                   # «ЕВ»; one letter when only one initial is written
    forms: frozenset[str]

    @property
    def written(self) -> str:
        """The form that must be in the registry for an exact match: «бутаковой ев»."""
        return f"{self.surname.lower().replace('ё', 'е')} {self.initials.lower()}"

    def fits(self, other: PersonName) -> bool:
        return self.initials == other.initials and bool(self.forms & other.forms)

    def display(self) -> str:
        """«Бутакова Е. В.»: a nominative form (the written one when it may be nominative)."""
        nominative = self.surname if self.surname.lower().replace("ё", "е") in self.forms else \
            sorted(self.forms)[0].capitalize()
        return f"{nominative} {' '.join(letter + '.' for letter in self.initials)}"


def person_names(text: str) -> list[tuple[int, int, PersonName]]:
    """Every name of a person in ``text`` with its span."""
    found = []
    for match in PERSON_NAME.finditer(text):
        groups = match.groupdict()
        if groups["surname1"]:
            surname, initials = groups["surname1"], groups["i1"] + (groups["i2"] or "")
        elif groups["surname2"]:
            surname, initials = groups["surname2"], groups["first"][0] + groups["patronymic"][0]
        elif groups["surname3"]:
            surname, initials = groups["surname3"], groups["first3"][0] + groups["patronymic3"][0]
        else:
            surname, initials = groups["surname4"], groups["j1"] + (groups["j2"] or "")
        name = PersonName(match.group(0).strip(), surname, initials, surname_forms(surname))
        found.append((match.start(), match.end(), name))
    return found


def contains_person_name(text: str) -> bool:
    return PERSON_NAME.search(text) is not None


# --- organizations and groups ---------------------------------------------------------------------

_STEMMER = snowballstemmer.stemmer("russian")
_TOKEN = re.compile(r"№|\d+|[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")
SHORT_WORD = 3          # «ДОУ» and «ДО», «МОУ» and «МО» must stay apart: short words are not stemmed

# unknown organizations are still recognised by their form: «МБОУ «СОШ №5»», «АУ УР «РЦОКО»», «Гимназия № 1»
_LEGAL_FORM = (r"(?:[МГ](?:Б|А|К)?(?:Д|С)?О?У|М[АБК]?ДОУ|МОБУ|МАОУ|МБОУ|МКОУ|МОУ|МБУ|МАУ|МКУ|ГБОУ|ГАОУ|ГБУ|ГАУ"
               r"|ГКУ|КГБОУ|ОГБОУ|ФГБОУ|ГБПОУ|ЧОУ|АОУ|АУ|НОУ|АНО)")
ORGANIZATION_NAME = re.compile(
    rf"(?<![\w«])(?:{_LEGAL_FORM}(?![А-ЯЁа-яё])(?:\s+[А-ЯЁ]{{2,6}}(?![а-яё]))*(?:\s*«[^»\n]*»+)?(?:\s*№\s*\d+)?"
    r"|(?:[Шш]кол[аыеу]|[Гг]имнази[яиюей]|[Лл]ице[йяюе]|[Дд]етск\w+ сад\w*)\s*№\s*\d+)"
)
# a group is named by a plural of a role: «руководители ОО», «директорам школ», «заместителей директоров»
GROUP_HEAD = re.compile(r"^(?:руководител(?:и|ей|ям|ями)|директор(?:а|ов|ам|ами)|заместител(?:и|ей|ям|ями)"
                        r"|заведующ(?:ие|их|им|ими)|педагог(?:и|ов|ам|ами)|учител(?:я|ей|ям|ями)"
                        r"|специалист(?:ы|ов|ам|ами)|методист(?:ы|ов|ам|ами)|классн(?:ые|ых|ым)|член(?:ы|ов|ам)"
                        r"|ответственн(?:ые|ых|ым)|управленческ(?:ие|их|им)|администраци(?:и|ям))\b", re.I)


# Words every authority, school or group may have in its name: a name made of them alone («Отдел
# образования», «руководители ОО», «МБОУ «СОШ № 1»») does not tell which authority a document is from.
_GENERIC_WORDS = """управление отдел комитет департамент министерство образование администрация муниципальный
    город г район округ область городской сельский поселение по и в при мо уо оо доу моу руководитель директор
    заведующий заместитель начальник главный педагог учитель специалист методист школа организация учреждение
    общеобразовательный образовательный дошкольный дополнительный центр детский сад мбоу маоу мкоу мбдоу мадоу
    мкдоу мдоу мку мбу мау моу гбоу гаоу сош оош нош до"""


@dataclass(frozen=True)
class Token:
    key: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Words as compared with registry names: stems, short words as written, numbers, «№»."""
    return [Token(_key(match.group(0)), match.start(), match.end()) for match in _TOKEN.finditer(text)]


def is_specific(text: str) -> bool:
    """Whether a name has a word of its own (a place, a proper name) beyond generic words and numbers."""
    return bool(specific_tokens(text))


def specific_tokens(text: str) -> list[Token]:
    """The words of a name that are its own: «Управление образования администрации города Ижевска» → [ижевск]."""
    return [token for token in tokens(text) if token.key not in _GENERIC_KEYS and not token.key.isdigit()
            and token.key != "№"]


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    """A word's stem, the same whatever its case; short words (ОО, ДОУ, МОУ) and numbers as written."""
    lower = word.lower().replace("ё", "е")
    if len(word) <= SHORT_WORD or not word.isalpha():
        return lower
    return _STEMMER.stemWord(lower)


_GENERIC_KEYS = frozenset(_key(word) for word in _GENERIC_WORDS.split()) | frozenset(_GENERIC_WORDS.split())


# --- mentions and their resolution --------------------------------------------------------------

PERSON, ORGANIZATION = "person", "organization"


@dataclass(frozen=True)
class Mention:
    """A name found in text, with the registry entries it may refer to."""

    text: str
    start: int
    end: int
    kind: str                           # PERSON or ORGANIZATION (an organization or a group)
    candidates: tuple[str, ...] = ()
    exact: bool = True                  # written as the registry writes it (not only a case form of it)
    person: PersonName | None = None


@dataclass(frozen=True)
class Resolution:
    entry_id: str | None
    status: str                         # "linked", "unknown", "ambiguous" or "elsewhere"
    candidates: tuple[str, ...] = ()


class NameIndex:
    """The registry's names, ready for finding mentions in text."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self._phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self._people: dict[tuple[str, str], set[str]] = defaultdict(set)   # (initials, surname form) → ids
        self._written: dict[str, set[str]] = defaultdict(set)   # person id → exact written forms
        for organization in registry.organizations.values():
            self._add_phrases(organization)
        for group in registry.groups.values():
            self._add_phrases(group)
        for person in registry.people.values():
            self._add_person(person)
        # first word of a phrase → the lengths of the phrases it begins, longest first
        self._lengths: dict[str, list[int]] = defaultdict(list)
        for phrase in sorted(self._phrases, key=len, reverse=True):
            if len(phrase) not in self._lengths[phrase[0]]:
                self._lengths[phrase[0]].append(len(phrase))

    def _add_phrases(self, entry: Organization | Group) -> None:
        names = [entry.name, *entry.aliases, *([entry.short_name] if isinstance(entry, Organization)
                                               and entry.short_name else [])]
        for name in names:
            key = tuple(token.key for token in tokens(name))
            if key:
                self._phrases[key].add(entry.id)

    def _add_person(self, person: Person) -> None:
        for text in (person.name, *person.aliases):
            names = person_names(text)
            if names:
                name = names[0][2]
                for form in name.forms:
                    self._people[name.initials, form].add(person.id)
                self._written[person.id].add(name.written)
            else:                       # an alias that is not a name («каждый руководитель»)
                self._phrases[tuple(token.key for token in tokens(text))].add(person.id)

    # --- finding ------------------------------------------------------------------------------

    def mentions(self, text: str) -> list[Mention]:
        """Names of people and registry organizations/groups, then unknown organizations, left to right."""
        found = [self._person_mention(text, start, end, name) for start, end, name in person_names(text)]
        taken = [(mention.start, mention.end) for mention in found]
        found += [mention for mention in self._phrase_mentions(text) if not _overlaps(mention, taken)]
        taken = [(mention.start, mention.end) for mention in found]
        for match in ORGANIZATION_NAME.finditer(text):
            mention = Mention(match.group(0).strip(), match.start(), match.end(), ORGANIZATION)
            if not _overlaps(mention, taken):
                found.append(mention)
        return sorted(found, key=lambda mention: mention.start)

    def _person_mention(self, text: str, start: int, end: int, name: PersonName) -> Mention:
        """A person, with the entries whose names fit; those written exactly so come first and alone."""
        ids = sorted(set().union(*(self._people.get((name.initials, form), ()) for form in name.forms)))
        exact = [person_id for person_id in ids if name.written in self._written[person_id]]
        return Mention(text[start:end], start, end, PERSON, tuple(exact or ids), bool(exact) or not ids, name)

    def _phrase_mentions(self, text: str) -> list[Mention]:
        words = tokens(text)
        found, index = [], 0
        while index < len(words):
            for length in self._lengths.get(words[index].key, ()):
                ids = index + length <= len(words) and self._phrases.get(
                    tuple(word.key for word in words[index:index + length]))
                if ids:
                    start, end = words[index].start, words[index + length - 1].end
                    end += len(text[end:]) - len(text[end:].lstrip("»\""))    # «… «Гармония»» keeps its quotes
                    start -= 1 if start and text[start - 1] in "«\"" else 0
                    kind = PERSON if all(entry in self.registry.people for entry in ids) else ORGANIZATION
                    found.append(Mention(text[start:end], start, end, kind, tuple(sorted(ids))))
                    index += length
                    break
            else:
                index += 1
        return found

    # --- choosing ------------------------------------------------------------------------------

    def resolve(self, mention: Mention, authority: str | None) -> Resolution:
        """The entry a mention refers to in a protocol of ``authority`` (None: not known)."""
        candidates = mention.candidates
        if not candidates:
            return Resolution(None, "unknown")
        if authority is None:
            return _choose(candidates, "ambiguous")
        own = [entry for entry in candidates if self.registry.authority_of(entry) == authority]
        unattached = [entry for entry in candidates if self.registry.authority_of(entry) is None]
        if own:
            return _choose(tuple(own), "ambiguous")
        if unattached:
            return _choose(tuple(unattached), "ambiguous")
        return Resolution(None, "elsewhere", candidates)

    def kind_of(self, entry_id: str) -> str:
        """«organization», «group» or «person»: the registry section of an entry."""
        if entry_id in self.registry.people:
            return "person"
        return "group" if entry_id in self.registry.groups else "organization"


def _choose(candidates: tuple[str, ...], many: str) -> Resolution:
    if len(candidates) == 1:
        return Resolution(candidates[0], "linked", candidates)
    return Resolution(None, many, candidates)


def _overlaps(mention: Mention, taken: list[tuple[int, int]]) -> bool:
    return any(mention.start < end and start < mention.end for start, end in taken)
