"""`mkdocs build` of the site: strict, reproducible, self-contained, honest about the knowledge base."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser import REPO_ROOT, build_site
from site_links import broken_links
from build_tools.russian import long_date
from build_tools.site.gitdates import last_changed

PROTOCOL_SOURCE = "protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo.md"
PROTOCOL_PAGE = "protocols/uo-nazarovo/2022-01-12-soveshchanie-rukovoditelej-oo/index.html"


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_the_real_knowledge_base_builds_strict_and_twice_the_same(built_site, tmp_path, capsys):
    started = time.perf_counter()
    again = build_site(tmp_path / "again")
    seconds = time.perf_counter() - started
    assert again.returncode == 0, again.stderr

    first, second = site_files(built_site), site_files(tmp_path / "again")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []

    pages = [path for path in first if path.endswith(".html")]
    assert len(pages) > 50
    with capsys.disabled():
        print(f"\nсайт: {len(pages)} HTML-страниц, {len(first)} файлов, сборка {seconds:.1f} с")


def test_validator_warnings_are_logged_as_information_not_warnings(tmp_path):
    result = build_site(tmp_path / "site")

    assert result.returncode == 0
    logged = [line for line in result.stderr.splitlines() if "protocols: protocols/" in line]
    assert logged and all(line.startswith("INFO") for line in logged)
    assert any(": warning: решение 4: у поручения нет срока" in line for line in logged)


class _Elements(HTMLParser):
    """Every start tag of a piece of HTML with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


class _Resources(HTMLParser):
    """Addresses a page loads by itself: scripts, stylesheets and icons, images, frames."""

    LOADED = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = self.LOADED.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append(value)


def test_no_page_loads_anything_from_another_site(built_site):
    outside = {}
    for page in sorted(built_site.rglob("*.html")):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        foreign = [url for url in parser.urls if re.match(r"(https?:)?//", url)
                   and not url.startswith("https://example.org/protocols/")]
        if foreign:
            outside[page.relative_to(built_site).as_posix()] = foreign
    assert outside == {}


def test_every_link_of_the_site_leads_to_a_page_of_it_and_its_anchor(built_site):
    assert broken_links(built_site) == []


def test_the_link_check_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h1 id="top">A</h1><a href="../b/">b</a> <a href="#nope">x</a> '
                                            '<a href="../a/#top">a</a> <a href="https://example.org/">out</a>')
    assert broken_links(tmp_path) == [("a/index.html", "../b/"), ("a/index.html", "#nope")]


@pytest.mark.parametrize("english", ["Made with", "Permanent link", "404 - Not found"])
def test_no_english_of_the_theme_is_left_on_any_page(built_site, english):
    assert [page.relative_to(built_site).as_posix() for page in sorted(built_site.rglob("*.html"))
            if english in page.read_text(encoding="utf-8")] == []


def test_the_404_page_is_russian_and_stands_alone_at_any_address(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Страница не найдена</h1>" in html and '<html lang="ru">' in html
    parser = _Resources()
    parser.feed(html)
    assert parser.urls == []  # no stylesheet or script whose address would break at another depth


def test_a_build_without_site_url_says_on_every_page_that_it_is_a_preview(built_site, site_project, tmp_path):
    assert "Предварительный просмотр: сайт собран без адреса (SITE_URL)" in (built_site / "index.html").read_text(
        encoding="utf-8")
    published = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                               cwd=site_project, capture_output=True, text=True, check=False,
                               env={**os.environ, "SITE_URL": "https://uo.example.ru/reshenia/"})
    assert published.returncode == 0, published.stderr
    assert "Предварительный просмотр" not in (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "Предварительный просмотр" not in published.stderr


def test_a_protocol_page_links_to_its_source_for_editing(built_site):
    html = (built_site / PROTOCOL_PAGE).read_text(encoding="utf-8")

    assert (f'href="https://github.com/example/protocols/edit/main/{PROTOCOL_SOURCE}" '
            'title="Редактировать страницу"') in html


def test_a_protocol_page_shows_when_its_source_last_changed(built_site):
    html = (built_site / PROTOCOL_PAGE).read_text(encoding="utf-8")
    changed = last_changed(REPO_ROOT, "protocols").get(PROTOCOL_SOURCE)

    if changed is None:
        assert "Файл протокола изменён" not in html
    else:
        assert f"Файл протокола изменён {long_date(changed)}" in html


def test_open_data_calendars_and_sitemaps_are_published(built_site):
    assert (built_site / "data/uo-nazarovo/decisions.json").is_file()
    assert (built_site / "data/uo-nazarovo/decisions.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert zipfile.is_zipfile(built_site / "data/uo-nazarovo/decisions.xlsx")
    assert (built_site / "calendars/authority/uo-nazarovo.ics").is_file()
    index = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/protocols/sitemaps/uo-nazarovo.xml</loc>" in index
    nazarovo = (built_site / "sitemaps/uo-nazarovo.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/protocols/org/uo-nazarovo/</loc>" in nazarovo
    assert "<loc>https://example.org/protocols/about/</loc>" in (built_site / "sitemaps/hub.xml").read_text("utf-8")


# --- another knowledge base through the same site -------------------------------------------


@pytest.fixture
def site_project(kb: Path) -> Path:
    """The small test knowledge base with this repository's site configuration beside it."""
    shutil.copy(REPO_ROOT / "mkdocs.yml", kb / "mkdocs.yml")
    for folder in ("docs", "site_overrides"):
        shutil.copytree(REPO_ROOT / folder, kb / folder)
    return kb


def test_errors_in_the_knowledge_base_stop_the_build_with_the_validators_messages(site_project, tmp_path):
    protocol = site_project / "protocols/uo-test/2020-01-15-soveshchanie.md"
    protocol.write_text(protocol.read_text(encoding="utf-8").replace("[petrov-bb]", "[nobody]"), encoding="utf-8")

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=site_project, capture_output=True, text=True, check=False)

    assert result.returncode == 1
    assert "в базе знаний ошибок: 1; сайт не собран" in result.stderr
    assert re.search(r"protocols/uo-test/2020-01-15-soveshchanie\.md:\d+:\d+: error: .*nobody", result.stderr)
    assert "Traceback" not in result.stderr


def test_mkdocs_serve_watches_the_knowledge_base(site_project):
    from mkdocs.config import load_config

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    config = load_config(str(site_project / "mkdocs.yml"))
    plugin = config.plugins["protocols"]
    plugin.on_config(config)
    server = plugin.on_serve(Server(), config=config, builder=None)

    assert str(site_project.resolve() / "protocols") in server.watched


HOSTILE_BODY = """
<script>alert("body")</script>

<img src=x onerror="alert('img')">

[Нажмите](javascript:alert('link')) и [ещё](&#106;avascript:alert('entity'))

![картинка](https://tracker.example/pixel.png)

Абзац с атрибутом
{: onclick="alert('attr')" }

Ссылка на сайт органа: <https://uo.example/doc.pdf>
"""


def test_markup_from_a_protocol_is_shown_as_text_and_never_runs(site_project, tmp_path, monkeypatch, chromium):
    """A protocol that got past the validator with HTML and tricks in it is still harmless."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from build_tools import rules

    protocol = site_project / "protocols/uo-test/2020-01-15-soveshchanie.md"
    source = protocol.read_text(encoding="utf-8")
    source = source.replace("text: Принять к сведению информацию.", "text: '<script>alert(\"decision\")</script>'")
    source = source.replace("title: О подготовке к ВПР", "title: О ВПР <b onmouseover=alert(1)>жирно</b>")
    protocol.write_text(source + HOSTILE_BODY, encoding="utf-8")
    monkeypatch.setattr(rules.ProtocolRules, "check_no_html", lambda self: iter(()))
    monkeypatch.setenv("PROTOCOLS_TODAY", "2020-02-01")
    site = tmp_path / "site"

    build(load_config(str(site_project / "mkdocs.yml"), site_dir=str(site)))

    page = site / "protocols/uo-test/2020-01-15-soveshchanie/index.html"
    html = page.read_text(encoding="utf-8")
    content = html[html.index("<article"):html.index("</article>")]
    assert '&lt;script&gt;alert("decision")&lt;/script&gt;' in content
    assert '&lt;script&gt;alert("body")&lt;/script&gt;' in content
    assert '&lt;img src=x onerror="alert(\'img\')"&gt;' in content
    elements = _Elements()
    elements.feed(content)
    assert [tag for tag, _ in elements.found if tag in ("script", "img", "b", "iframe")] == []
    handlers = [(tag, name) for tag, attrs in elements.found for name, _ in attrs if name.startswith("on")]
    assert handlers == []
    addresses = [value for _, attrs in elements.found for name, value in attrs if name in ("href", "src")]
    assert [address for address in addresses if "script:" in address.lower()] == []
    assert "https://tracker.example/pixel.png" in addresses  # the image became a link: nothing loads it
    assert "https://uo.example/doc.pdf" in addresses  # autolinks stay links

    dialogs = []
    browser_page = chromium.new_page()
    browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    browser_page.goto(page.as_uri())
    for words in ("Нажмите", "ещё", "Абзац с атрибутом", "жирно"):
        browser_page.get_by_text(words, exact=False).first.click()
    browser_page.close()
    assert dialogs == []
