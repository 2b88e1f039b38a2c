"""Russian search as a reader meets it: word forms, punctuation, ё, a compact index.

Three levels, all in headless Chromium on the real built site (fixtures of browser.py):

* the search box of the site, typed into as a reader does;
* Material's search worker from that site, given small texts, one table row each;
* the stemmer the worker runs, word by word against Python's snowballstemmer.

Plus the plugin's own messages for a wrong configuration (small sites in tmp).
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import snowballstemmer
from playwright.sync_api import Page, expect

from build_tools.search.index import PIPELINE, SEPARATOR
from conftest import REPO_ROOT

ATTESTATION = "protocols/uo-unnamed-1/2020-09-09-soveshchanie-rukovoditelej-oo/"
NAZAROVO = "protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo/"
CRO = "org/mku-cro-unnamed-1/"


# --- The search box of the site ------------------------------------------------------------------

def search_box(page: Page, site_server: str, query: str) -> dict[str, set[str]]:
    """Type ``query`` into the search box: {page of each result: words marked in that result}."""
    page.goto(site_server)
    box = page.locator(".md-search__input")
    box.focus()
    box.fill(query)
    # Playwright enters Cyrillic without key events, and Material reads the box on keyup.
    box.press("End")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("^Найден"))
    results = page.evaluate("""() => [...document.querySelectorAll(".md-search-result__item")].map(item => [
        item.querySelector("a").href, [...item.querySelectorAll("mark")].map(mark => mark.textContent)])""")
    return {href.removeprefix(site_server): set(marks) for href, marks in results}


@pytest.mark.parametrize(("query", "page", "marked"), [
    # another form of the word
    ("аттестации", ATTESTATION, "аттестация"),
    ("протоколы", NAZAROVO, "протокола"),
    # a word written only inside «»
    ("гармонии", ATTESTATION, "Гармония"),
    # е finds ё
    ("истек", CRO, "истёк"),
    # a decision by its words: «Развивать межшкольное сотрудничество…»
    ("межшкольного сотрудничества", ATTESTATION, "межшкольное"),
])
def test_the_search_box_finds_other_forms_and_shows_the_text_as_written(
        browser_page, site_server, query, page, marked):
    results = search_box(browser_page, site_server, query)

    assert page in results, f"«{query}»: {page} нет среди {sorted(results)}"
    assert marked in results[page]


# --- Material's search worker, one text at a time ----------------------------------------------

# Message types of Material's worker (SearchMessageType): SETUP 0, READY 1, QUERY 2, RESULT 3.
SEARCH_IN_WORKER = """async ([texts, queries]) => {
    const { search } = JSON.parse(document.getElementById("__config").textContent)
    const { config } = await (await fetch("search/search_index.json")).json()
    const worker = new Worker(search)
    const reply = () => new Promise((resolve, reject) => {
        worker.onmessage = event => resolve(event.data)
        worker.onerror = event => reject(new Error(event.message))
    })
    const docs = texts.map((text, i) => ({ location: String(i), title: "", text }))
    worker.postMessage({ type: 0, data: { config, docs, options: { suggest: false } } })
    await reply()
    const found = []
    for (const query of queries) {
        worker.postMessage({ type: 2, data: query })
        found.push((await reply()).data.items.flat().map(doc => Number(doc.location)))
    }
    worker.terminate()
    return found
}"""

QUERY_FINDS_TEXT = [
    # query, text, found
    ("аттестации", "аттестация", True),
    ("аттестации", "аттестацию", True),
    ("аттестация", "по аттестации.", True),
    ("протоколы", "протоколом", True),
    ("протоколы", "протокола", True),
    ("протоколом", "протоколы", True),
    ("слово", "«слово»", True),
    ("слово", "(слово)", True),
    ("слово", "слово, и", True),
    ("слово", "„слово“:", True),
    ("слово", "«Слово»;", True),
    ("сохранен", "сохранён", True),
    ("сохранён", "сохранен", True),
    ("ЁЛКА", "ёлки", True),
    ("1.2.3", "пункт 1.2.3.", True),
    ("25.11.2020", "до 25.11.2020 г.", True),
    ("гиа-9", "(ГИА-9)", True),
    ("аттестации", "атлас", False),
    ("протоколы", "проток", False),
    ("слово", "слон", False),
]


def test_the_worker_finds_forms_words_in_punctuation_and_e_for_yo(browser_page, site_server):
    browser_page.goto(site_server)
    texts = [text for _, text, _ in QUERY_FINDS_TEXT]
    queries = [query for query, _, _ in QUERY_FINDS_TEXT]

    found = browser_page.evaluate(SEARCH_IN_WORKER, [texts, queries])

    wrong = [(query, text, expected) for i, ((query, text, expected), hits) in enumerate(zip(QUERY_FINDS_TEXT, found))
             if (i in hits) != expected]
    assert wrong == []


# --- The stemmer inside the worker against Snowball --------------------------------------------

STEMS_IN_WORKER = """async words => {
    const worker = new URL(JSON.parse(document.getElementById("__config").textContent).search, location.href)
    const scripts = [worker, new URL("../lunr/min/lunr.stemmer.support.min.js", worker),
                     new URL("../lunr/min/lunr.ru.min.js", worker)]
    const source = `importScripts(${scripts.map(url => JSON.stringify(url.href)).join(", ")})
        postMessage(${JSON.stringify(words)}.map(word => lunr.ru.stemmer(new lunr.Token(word)).toString()))`
    const stemmer = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })))
    return await new Promise((resolve, reject) => {
        stemmer.onmessage = event => resolve(event.data)
        stemmer.onerror = event => reject(new Error(event.message))
    })
}"""


def protocol_words() -> list[str]:
    """Every distinct Russian word of the protocols, lowercased, ё kept."""
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted((REPO_ROOT / "protocols").rglob("*.md")))
    return sorted(set(re.findall(r"[а-яё]+", text.lower())))


def test_the_browser_stems_every_word_of_the_protocols_as_snowball_does(browser_page, site_server):
    words = protocol_words()
    snowball = snowballstemmer.stemmer("russian")
    expected = [snowball.stemWord(word.replace("ё", "е")) for word in words]
    browser_page.goto(site_server)

    stems = browser_page.evaluate(STEMS_IN_WORKER, words)

    assert len(words) >= 500 and any("ё" in word for word in words)
    assert [(word, stem) for word, stem, reference in zip(words, stems, expected) if stem != reference] == []


# --- The index as published ---------------------------------------------------------------------

def reader_text(doc: dict) -> str:
    """What a reader reads of an index entry: title and text without markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", f"{doc['title']} {doc['text']}"))


def test_the_index_is_utf8_and_at_most_one_and_a_half_times_its_text(built_site):
    raw = (built_site / "search" / "search_index.json").read_bytes()
    index = json.loads(raw)
    text_size = sum(len(reader_text(doc).encode("utf-8")) for doc in index["docs"])

    assert index["config"]["lang"] == ["ru"]
    assert index["config"]["separator"] == SEPARATOR
    assert index["config"]["pipeline"] == list(PIPELINE)
    assert raw == json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert len(raw) <= 1.5 * text_size


# --- A wrong configuration ----------------------------------------------------------------------

def build_small_site(tmp_path: Path, plugins: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Протоколы\n\nВыписка из «протокола».\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Проба\ntheme: {{name: material, language: ru}}\nplugins: {plugins}\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=tmp_path,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)


@pytest.mark.parametrize(("plugins", "message"), [
    ("[protocols-search]",
     "protocols-search: нужен плагин поиска Material (plugins: - search: {lang: ru})"),
    ("[{search: {lang: en}}, protocols-search]",
     "protocols-search: поиск должен быть настроен на русский язык (plugins: - search: {lang: ru}), "
     "а сейчас lang: ['en']"),
    ("[{search: {lang: ru, separator: '[\\s]+'}}, protocols-search]",
     "protocols-search: параметр search.separator задаёт этот плагин, уберите его из настроек search в mkdocs.yml"),
])
def test_a_wrong_search_configuration_is_named(tmp_path, plugins, message):
    result = build_small_site(tmp_path, plugins)

    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_plugin_may_be_listed_before_search(tmp_path):
    result = build_small_site(tmp_path, "[protocols-search, {search: {lang: ru}}]")

    assert result.returncode == 0, result.stderr
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["separator"] == SEPARATOR
    assert "«протокола»" in (tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
