"""Matching names in documents to the registry: through aliases, never by guessing.

People are matched by initials and the surname in any case form, whatever
the order and spacing; organizations and groups by their names and aliases,
whatever the case, quotes, «ё» and grammatical form. A name that fits
several entries, or an entry of another authority only, is not linked.
"""

from __future__ import annotations

import pytest

from build_tools.importer.names import NameIndex, is_specific, surname_forms
from build_tools.model import build_registry

REGISTRY = build_registry([{
    "organizations": [
        {"id": "uo-a", "kind": "authority", "name": "Управление образования администрации города Алексина",
         "short_name": "Управление образования", "municipality": "город Алексин"},
        {"id": "uo-b", "kind": "authority", "name": "Отдел образования Березовского района",
         "short_name": "Отдел образования", "municipality": "Березовский район"},
        {"id": "school-12-a", "kind": "school", "name": "МБОУ «СОШ №12»", "parent": "uo-a"},
        {"id": "cro", "kind": "methodological_centre", "name": "МКУ «Центр развития образования»",
         "short_name": "МКУ ЦРО"},
    ],
    "groups": [
        {"id": "a-heads", "name": "руководители общеобразовательных организаций", "authority": "uo-a",
         "aliases": ["руководители ОО"]},
        {"id": "b-heads", "name": "руководители ОО", "authority": "uo-b"},
    ],
    "people": [
        {"id": "butakova-ev", "name": "Бутакова Е. В.", "organization": "uo-a"},
        {"id": "semenova-ta", "name": "Семёнова Т. А.", "organization": "uo-a"},
        {"id": "ivanov-ii", "name": "Иванов И. И.", "organization": "uo-a"},
        {"id": "ivanova-ii", "name": "Иванова И. И.", "organization": "uo-a"},
        {"id": "khoroshev-iv", "name": "Хорошев И. В."},
        {"id": "petrova-aa-a", "name": "Петрова А. А.", "organization": "uo-a"},
        {"id": "petrova-aa-b", "name": "Петрова А. А.", "organization": "uo-b"},
    ],
}])
INDEX = NameIndex(REGISTRY)


def resolved(text: str, authority: str | None = "uo-a"):
    (mention,) = INDEX.mentions(text)
    resolution = INDEX.resolve(mention, authority)
    return resolution.entry_id or resolution.status, mention.exact


@pytest.mark.parametrize("text, expected", [
    ("Бутакова Е. В.", ("butakova-ev", True)),
    ("Бутакова Е.В.", ("butakova-ev", True)),                     # spacing of initials
    ("Е. В. Бутакова", ("butakova-ev", True)),                    # initials first
    ("Е.В.Бутакова", ("butakova-ev", True)),
    ("Бутаковой Е. В.", ("butakova-ev", False)),                  # genitive, not an alias: linked and reported
    ("Бутаковой Е.В.", ("butakova-ev", False)),
    ("Семенова Т. А.", ("semenova-ta", True)),                    # е for ё
    ("Хорошева Ивана Валерьевича", ("khoroshev-iv", False)),      # full name in the genitive
    ("Иван Валерьевич Хорошев", ("khoroshev-iv", True)),          # first name, patronymic, surname
    ("Бутакова Е. А.", ("unknown", True)),                        # other initials: another person
    ("Иванову И. И.", ("ambiguous", False)),                      # his dative or her accusative
    ("Иванов И. И.", ("ivanov-ii", True)),                        # never merged with Иванова И. И.
    ("Петрова А. А.", ("petrova-aa-a", True)),                    # the namesake of the protocol's authority
])
def test_people(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize("text, authority, expected", [
    ("МБОУ «СОШ №12»", "uo-a", "school-12-a"),
    ("МБОУ \"СОШ № 12\"", "uo-a", "school-12-a"),                # other quotes, other spacing
    ("мбоу «сош №12»", "uo-a", "school-12-a"),                    # case
    ("МКУ ЦРО", "uo-a", "cro"),                                  # short name
    ("МКУ «Центр развития образования»", "uo-b", "cro"),          # not attached to an authority: fits any
    ("Управлению образования администрации города Алексина", None, "uo-a"),   # dative of the name
    ("руководителям общеобразовательных организаций", "uo-a", "a-heads"),
    ("руководителям ОО", "uo-a", "a-heads"),                      # both authorities have it: the protocol's wins
    ("руководителям ОО", "uo-b", "b-heads"),
    ("руководителям ОО", None, "ambiguous"),                      # authority not known: not chosen
    ("руководителям общеобразовательных организаций", "uo-b", "elsewhere"),   # only another authority's
])
def test_organizations_and_groups(text, authority, expected):
    assert resolved(text, authority)[0] == expected


def test_names_are_found_where_they_stand_in_a_sentence():
    text = "Ответственные: Бутакова Е. В., консультант; руководители ОО; МБОУ «СОШ №12»."
    assert [(mention.text, mention.candidates) for mention in INDEX.mentions(text)] == [
        ("Бутакова Е. В.", ("butakova-ev",)),
        ("руководители ОО", ("a-heads", "b-heads")),
        ("МБОУ «СОШ №12»", ("school-12-a",)),
    ]


def test_unknown_organizations_are_found_by_their_form():
    text = "директор МАОУ «Гимназия №5», выпускники АУ УР «РЦОКО» и Школы № 7"
    assert [(mention.text, mention.candidates) for mention in INDEX.mentions(text)] == [
        ("МАОУ «Гимназия №5»", ()), ("АУ УР «РЦОКО»", ()), ("Школы № 7", ()),
    ]


@pytest.mark.parametrize("written, forms", [
    ("Бутаковой", {"бутакова", "бутаковой"}),
    ("Бутаковой".upper(), {"бутакова", "бутаковой"}),
    ("Иванову", {"иванов", "иванова", "иванову"}),
    ("Покровского", {"покровский", "покровского"}),
    ("Крутых", {"крутых"}),
    ("Гаврилюка", {"гаврилюк", "гаврилюка"}),
])
def test_surname_forms(written, forms):
    assert surname_forms(written) == forms


@pytest.mark.parametrize("name, specific", [
    ("Отдел образования", False),
    ("руководители ОО", False),
    ("МБОУ «СОШ № 1»", False),
    ("Управление образования администрации города Алексина", True),
    ("МКУ КЦ УО", True),
])
def test_only_a_name_with_a_word_of_its_own_tells_the_authority(name, specific):
    assert is_specific(name) is specific
