"""The list the home page's organization finder searches (build_tools/site/finder.py).

The browser side (finder.js: queries, ranking) is tested in Chromium in test_site_browser.py and
test_site_journey.py; here, the words each entry is found by.
"""

from __future__ import annotations

import json

import pytest

from build_tools.pipeline import load_knowledge_base
from build_tools.site.finder import expanded, finder_entries, finder_json, words

@pytest.mark.parametrize(("names", "expected"), [
    (["МАОУ «СОШ №46»"], ["маоу", "сош", "46"]),
    (["МАОУ «СОШ «46»"], ["маоу", "сош", "46"]),  # a quote for «№», as a conversion left it
    (["МБОУ СОШ№42"], ["мбоу", "сош", "42"]),
    (["Детский сад «Ёлочка»", None, "детский сад"], ["детский", "сад", "елочка"]),
    (["Гимназия № 1 им. А. С. Пушкина"], ["гимназия", "1", "им", "а", "с", "пушкина"]),
])
def test_words_are_lower_case_letters_and_digits_apart_each_once(names, expected):
    assert words(*names) == expected


@pytest.mark.parametrize(("name", "added"), [
    ("МАОУ «СОШ №46»", ["средняя", "общеобразовательная", "школа"]),
    ("МБОУ «Средняя общеобразовательная школа № 3»", ["сош"]),
    ("МКОУ ООШ № 7", ["основная", "общеобразовательная", "школа"]),
    ("МКУ ЦРО", ["центр", "развития", "образования"]),
    ("Гимназия № 1", []),
    ("МБОУ «Сошниковская школа»", []),  # «сош» only as a word of its own
])
def test_abbreviations_add_what_they_stand_for_and_the_other_way_round(name, added):
    assert expanded(words(name)) == [*words(name), *added]


def test_every_organization_and_group_is_listed_by_name_with_its_page_and_words(kb):
    registry = load_knowledge_base(kb).knowledge_base.registry
    assert finder_entries(registry) == [
        ["МБОУ «СОШ № 1»", "общеобразовательная организация", "org/school-1/",
         "мбоу сош 1 школа средняя общеобразовательная"],
        ["МБОУ «СОШ № 2»", "общеобразовательная организация", "org/school-2/",
         "мбоу сош 2 школа средняя общеобразовательная"],
        ["Руководители общеобразовательных организаций", "группа · УО Тестового района", "group/test-heads-oo/",
         "руководители общеобразовательных организаций оо тестовый район группа"],
        ["Управление образования Тестового района", "орган управления образованием · Тестовый район",
         "org/uo-test/", "управление образования тестового района уо тестовый район отдел"],
    ]
    assert json.loads(finder_json(registry)) == finder_entries(registry)
