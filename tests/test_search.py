"""The site search as a reader meets it, and the index as the build writes it (docs/search.md).

* the search box of the real built site in headless Chromium (fixtures of browser.py):
  word forms, ё, names by their beginning, keys, a phone screen, nothing from outside;
* what the index holds: every searchable page once, nothing that repeats another page;
* Pagefind's Russian analysis on small texts, one page each;
* `index_site`: the same bytes whatever order the file system lists the pages in; its errors;
* the plugin's options and messages, on small sites in tmp.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser import REPO_ROOT, start_server, stop_server
from build_tools.search import pagefind
from build_tools.search.pagefind import SearchIndexError, index_site
from build_tools.search.plugin import INDEX_VARIABLE, _index_wanted

ATTESTATION = "protocols/uo-unnamed-1/2020-09-09-soveshchanie-rukovoditelej-oo/"
POCHINOK = "org/oo-pochinok/"
CRO = "org/mku-cro-unnamed-1/"
UNSEARCHED = ("", "deadlines/", "protocols/", "org/", "people/", "tags/")  # the home page and the indexes


def listing_only(page: str) -> bool:
    """Pages that list what other pages hold (SitePage.searchable): an authority's protocols, deadlines
    and справки, the school years of an entry."""
    parts = page.rstrip("/").split("/")
    return (page in UNSEARCHED or parts[0] in ("deadlines", "reports") or (parts[0] == "protocols" and len(parts) == 2)
            or (parts[0] in ("org", "group", "people") and len(parts) == 3))


# --- The search box of the site ------------------------------------------------------------------

@pytest.fixture(scope="module")
def search_page(chromium, site_server) -> Iterator[Page]:
    """One page of the site with the search open, for many queries: Pagefind starts once."""
    context = chromium.new_context(locale="ru-RU")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_server)
                  else route.abort())
    page = context.new_page()
    page.goto(site_server + "about/")
    page.keyboard.press("/")
    yield page
    context.close()


def search_box(page: Page, query: str) -> list[tuple[str, set[str]]]:
    """Put ``query`` into the open search box: [(page of each result, words marked in it)], best first."""
    page.locator(".md-search__input").fill(query)  # at once: one search, not one per letter typed
    expect(page.locator(".md-search-result")).to_have_attribute("data-pk-query", query)
    results = page.evaluate("""() => [...document.querySelectorAll(".md-search-result__item:has(> a)")].map(item => [
        new URL(item.querySelector("a").href).pathname,
        [...item.querySelectorAll("mark")].map(mark => mark.textContent.replace(/[^\\p{L}\\d-]/gu, ""))])""")
    return [(path.lstrip("/"), set(marks)) for path, marks in results]


@pytest.mark.parametrize(("query", "page", "marked"), [
    # another form of the word
    ("аттестацию", ATTESTATION, "аттестации"),
    ("межшкольного сотрудничества", ATTESTATION, "межшкольное"),
    # a word written only inside «»
    ("гармонии", "org/mau-do-dyuts-garmoniya-unnamed-1/", "Гармония"),
    # е finds ё
    ("истек", "format/", "истёк"),
    # a place name by its beginning, the vowel that «Починок» drops in «Починковский» included
    ("Починок", POCHINOK, "Починковский"),
    # registry entries by their short name and by how the documents name them
    ("МКУ ЦРО", CRO, "ЦРО"),
    ("Хорошева Ивана", "people/khoroshev-iv/", "Ивана"),
])
def test_the_search_box_finds_word_forms_and_names_and_marks_them(search_page, query, page, marked):
    results = dict(search_box(search_page, query))

    assert page in results, f"«{query}»: {page} нет среди {sorted(results)}"
    assert marked in results[page]


def test_a_place_name_finds_its_authority_first(search_page):
    results = search_box(search_page, "Починок")

    assert results[0][0] == POCHINOK


def test_a_decision_is_found_on_its_protocol_not_on_the_pages_that_list_it(search_page):
    # «Развивать межшкольное сотрудничество…» is also a task of an organization, a group, a person,
    # on the deadlines page and in the example of docs/calendars.md.
    pages = [page for page, _ in search_box(search_page, "межшкольное сотрудничество")]

    assert sorted(pages) == sorted([ATTESTATION, "calendars/"])


def test_a_word_nowhere_is_said_so(search_page):
    assert search_box(search_page, "бронтозавр") == []  # on no page; the word Pagefind puts instead is not shown
    expect(search_page.locator(".md-search-result__meta")).to_have_text("Совпадений не найдено")


def test_short_words_and_prepositions_wait_for_more_letters(browser_page, site_server):
    # «по» begins a good share of all words: searched as a beginning, it would fetch that share of the index
    requested: list[str] = []
    browser_page.on("request", lambda request: requested.append(request.url))
    browser_page.goto(site_server)
    browser_page.keyboard.press("/")

    assert search_box(browser_page, "по для") == []
    expect(browser_page.locator(".md-search-result__meta")).to_have_text("Начните печатать для поиска")
    assert not any("/pagefind/index/" in url for url in requested)


def test_keys_open_the_search_move_through_results_and_close_it(browser_page, site_server):
    browser_page.goto(site_server + CRO)
    browser_page.keyboard.press("/")
    box = browser_page.locator(".md-search__input")
    expect(box).to_be_focused()
    browser_page.keyboard.type("аттестации")
    expect(browser_page.locator(".md-search-result__item").first).to_be_visible()

    browser_page.keyboard.press("ArrowDown")
    expect(browser_page.locator(".md-search-result__link").first).to_be_focused()
    browser_page.keyboard.press("Escape")
    expect(browser_page.locator("#__search")).not_to_be_checked()
    browser_page.keyboard.press("s")
    expect(box).to_be_focused()
    browser_page.keyboard.press("Enter")
    expect(browser_page).to_have_url(re.compile(r"/protocols/"))


def test_on_a_phone_the_search_opens_from_the_header_and_fills_the_screen(chromium, site_server):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                   locale="ru-RU")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_server)
                  else route.abort())
    page = context.new_page()
    page.goto(site_server)
    page.locator("label.md-header__button[for=__search]").tap()
    page.keyboard.type("аттестации")
    first = page.locator(".md-search-result__item").first
    expect(first).to_be_visible()

    box = first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] < 844
    assert page.locator(".md-search__inner").bounding_box()["width"] == 390
    context.close()


def test_a_search_asks_only_this_site_and_loads_only_what_it_needs(browser_page, site_server):
    requested: list[str] = []
    browser_page.on("request", lambda request: requested.append(request.url))
    browser_page.goto(site_server)
    browser_page.wait_for_load_state("networkidle")
    on_load = len(requested)

    browser_page.keyboard.press("/")
    search_box(browser_page, "аттестации")

    assert [url for url in requested if not url.startswith(site_server)] == []
    assert not any("/pagefind/" in url for url in requested[:on_load])  # nothing before the first search
    bundle = {url.removeprefix(site_server + "pagefind/").split("?")[0] for url in requested if "/pagefind/" in url}
    assert {"pagefind.js", "pagefind-entry.json"} <= bundle
    assert not any("-ui" in name or "highlight" in name for name in bundle)  # Pagefind's own interfaces


# --- What the index holds ------------------------------------------------------------------------

# Pagefind's API: a null query lists every page in the index.
INDEXED_PAGES = """async () => {
    const pagefind = await import("./pagefind/pagefind.js")
    const all = await pagefind.search(null)
    return Promise.all(all.results.map(async result => {
        const data = await result.data()
        return [data.url, data.content]
    }))
}"""


@pytest.fixture(scope="module")
def indexed(chromium, site_server) -> dict[str, str]:
    """{page: its text as indexed} for every page of the index of the real site."""
    page = chromium.new_page()
    page.goto(site_server)
    pages = page.evaluate(INDEXED_PAGES)
    page.close()
    return {url.lstrip("/"): content for url, content in pages}


def test_every_page_is_indexed_but_the_lists_and_the_deadlines(built_site, indexed):
    pages = {path.parent.relative_to(built_site).as_posix().removeprefix(".") + "/"
             for path in built_site.rglob("index.html") if "pagefind" not in path.parts}
    expected = {page.lstrip("/") for page in pages if not listing_only(page.lstrip("/"))}

    assert set(indexed) == expected
    assert {page.split("/")[0] for page in indexed} >= {"protocols", "org", "group", "people", "format", "search"}


def test_a_registry_page_holds_its_names_not_its_tasks_nor_other_entries(indexed):
    text = indexed[CRO]

    assert text.startswith("МКУ «Центр развития образования»")
    assert "МКУ ЦРО" in text  # the short name and the names in documents
    assert "межшкольное" not in text and "Задачи" not in text and "Календарь" not in text
    assert "Сокращённо" not in text  # the labels of the card


def test_a_protocol_holds_its_full_text_once(indexed):
    text = indexed[ATTESTATION]

    assert text.count("Развивать межшкольное сотрудничество") == 1
    assert "Файл протокола изменён" not in text


# --- Pagefind's Russian analysis, one text a page -------------------------------------------------

QUERY_FINDS_TEXT = [
    # query, text, found
    ("аттестации", "аттестация", True),
    ("аттестации", "аттестацию", True),
    ("аттестация", "по аттестации.", True),
    ("протоколы", "протоколом", True),
    ("протоколом", "протоколы", True),
    ("слово", "«слово»", True),
    ("слово", "(слово)", True),
    ("слово", "слово, и", True),
    ("слово", "„слово“:", True),
    ("сохранен", "сохранён", True),
    ("сохранён", "сохранен", True),
    ("ЁЛКА", "ёлки", True),
    ("1.2.3", "пункт 1.2.3.", True),
    ("25.11.2020", "до 25.11.2020 г.", True),
    ("гиа-9", "(ГИА-9)", True),
    ("гиа", "ГИА-9", True),
    ("починк", "Починковского района", True),
    ("Назарово", "Назаровский район", True),
    ("Ижевск", "ижевская школа", True),
    # the fleeting vowel: Pagefind alone misses it, the search box asks again without it
    ("Починок", "Починковский район", False),
    ("аттестации", "атлас", False),
    ("протоколы", "проток", False),
    ("слово", "слон", False),
]

SEARCH_EACH = """async queries => {
    const pagefind = await import("./pagefind/pagefind.js")
    const found = []
    for (const query of queries) {
        const search = await pagefind.search(query)
        found.push(await Promise.all(search.results.map(async result => (await result.data()).url)))
    }
    return found
}"""


def test_pagefind_finds_word_forms_words_in_punctuation_and_e_for_yo(chromium, tmp_path):
    for number, (_, text, _) in enumerate(QUERY_FINDS_TEXT):
        (tmp_path / f"{number}.html").write_text(
            f'<!doctype html><html lang="ru"><body><main data-pagefind-body><p>{text}</p></main></body></html>',
            encoding="utf-8")
    index_site(tmp_path)
    server = start_server(tmp_path)
    try:
        page = chromium.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/0.html")
        found = page.evaluate(SEARCH_EACH, [query for query, _, _ in QUERY_FINDS_TEXT])
        page.close()
    finally:
        stop_server(server)

    wrong = [(query, text, expected) for number, ((query, text, expected), urls) in enumerate(zip(QUERY_FINDS_TEXT, found))
             if (f"/{number}.html" in urls) != expected]
    assert wrong == []


# --- index_site ------------------------------------------------------------------------------------

BUNDLE_FOLDER = pagefind.BUNDLE


def html_copy(site: Path, copy: Path, reverse: bool) -> None:
    """The HTML pages of ``site`` written into ``copy``, in sorted order of their paths or the reverse."""
    for path in sorted(site.rglob("*.html"), reverse=reverse):
        if BUNDLE_FOLDER not in path.relative_to(site).parts:
            target = copy / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def test_the_index_is_the_same_whatever_order_the_file_system_lists_pages_in(built_site, tmp_path):
    # tmpfs lists a folder's files newest first: the two copies are listed in opposite orders,
    # and Pagefind's own walk (`pagefind --site`) would number their pages differently.
    shm = Path("/dev/shm")
    if not shm.is_dir():
        pytest.skip("нет /dev/shm (tmpfs): порядок файлов в каталоге не перевернуть")
    work = Path(os.path.realpath(shm)) / f"protocols-search-{os.getpid()}"
    try:
        html_copy(built_site, work / "a", reverse=False)
        html_copy(built_site, work / "b", reverse=True)
        assert os.listdir(work / "a" / "org") != os.listdir(work / "b" / "org")

        stats = index_site(work / "a"), index_site(work / "b")
        indexes = [{path.relative_to(work / name).as_posix(): path.read_bytes()
                    for path in sorted((work / name / BUNDLE_FOLDER).rglob("*")) if path.is_file()}
                   for name in ("a", "b")]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    assert stats[0].pages == stats[1].pages > 50
    assert indexes[0] == indexes[1]


@pytest.mark.parametrize(("binary", "message"), [
    ("/bin/false", "Pagefind прервал работу: без сообщения"),
    ("/nonexistent/pagefind", "Pagefind не запустился: [Errno 2] No such file or directory"),
])
def test_a_failing_pagefind_is_named(tmp_path, monkeypatch, binary, message):
    (tmp_path / "index.html").write_text('<html lang="ru"><body data-pagefind-body>Текст</body></html>')
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: Path(binary))

    with pytest.raises(SearchIndexError, match=re.escape(message)):
        index_site(tmp_path)


def test_a_site_without_searchable_pages_is_named(tmp_path):
    (tmp_path / "index.html").write_text('<html lang="ru"><body>Текст</body></html>', encoding="utf-8")

    with pytest.raises(SearchIndexError, match=re.escape(f"ни на одной странице {tmp_path} нет data-pagefind-body")):
        index_site(tmp_path)


def test_without_the_pagefind_package_the_build_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)

    with pytest.raises(SearchIndexError, match=re.escape("не установлен пакет pagefind-bin (make setup)")):
        pagefind.pagefind_binary()


# --- The plugin ------------------------------------------------------------------------------------

def build_small_site(tmp_path: Path, plugins: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """A two-page site with this repository's theme overrides and ``plugins``."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# Протоколы\n\nВыписка из «протокола».\n", encoding="utf-8")
    (tmp_path / "docs" / "list.md").write_text("# Список\n\nСписок протоколов.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Проба\ntheme: {{name: material, language: ru, custom_dir: {REPO_ROOT / 'site_overrides'}}}\n"
        f"plugins: {plugins}\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=tmp_path,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **environment},
                          capture_output=True, text=True)


def test_the_plugin_indexes_the_site_but_the_pages_it_excludes(tmp_path):
    result = build_small_site(tmp_path, "[{protocols-search: {exclude: [list.md]}}]")

    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert "data-pagefind-body" in (site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (site / "list" / "index.html").read_text(encoding="utf-8")
    assert '<div class="md-search" role="dialog"' in (site / "index.html").read_text(encoding="utf-8")
    entry = (site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"page_count":1' in entry


def test_the_index_can_be_left_to_a_later_step(tmp_path):
    result = build_small_site(tmp_path, "[{protocols-search: {index: false}}]")

    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "pagefind").exists()
    assert "data-pagefind-body" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("configured", "variable", "indexing"), [
    (True, None, True),
    (True, "0", False),
    (False, None, False),
    (False, "1", True),
    (True, " ", True),  # set but empty: as if unset
])
def test_the_environment_overrides_the_index_option(monkeypatch, configured, variable, indexing):
    if variable is None:
        monkeypatch.delenv(INDEX_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(INDEX_VARIABLE, variable)

    assert _index_wanted(configured) is indexing


@pytest.mark.parametrize(("plugins", "environment", "message"), [
    ("[search, protocols-search]", {},
     "protocols-search: уберите плагин search из plugins в mkdocs.yml: поиск сайта строит Pagefind, "
     "а встроенный индекс Material только утяжелит сайт"),
    ("[protocols-search]", {"PROTOCOLS_SEARCH_INDEX": "no"},
     "protocols-search: PROTOCOLS_SEARCH_INDEX должна быть 0 или 1, а не «no»"),
])
def test_a_wrong_search_configuration_is_named(tmp_path, plugins, environment, message):
    result = build_small_site(tmp_path, plugins, **environment)

    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_header_is_materials_but_for_the_search():
    """site_overrides/partials/header.html is a copy: after a Material update, copy it again."""
    import material

    def parts(template: str, search_start: str) -> tuple[str, str]:
        body = template.split("-#}\n", 1)[1]  # without the leading comment
        start, end = body.index(search_start), body.index("    {% if config.repo_url %}")
        return body[:start], body[end:]

    theirs = (Path(material.__file__).parent / "templates/partials/header.html").read_text(encoding="utf-8")
    ours = (REPO_ROOT / "site_overrides/partials/header.html").read_text(encoding="utf-8")

    assert parts(ours, '    {% if "protocols-search" in config.plugins %}') == \
        parts(theirs, '    {% if "material/search" in config.plugins %}')
