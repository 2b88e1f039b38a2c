"""The built site in a real browser: fixtures for end-to-end tests.

Import the fixtures into a test module to use them::

    from browser import browser_page, built_site, chromium, site_server  # noqa: F401

* ``built_site`` — the site of the real knowledge base, built once per test session
  with ``mkdocs build --strict`` into a temporary folder, with the clock fixed
  (PROTOCOLS_TODAY=2021-01-15, SOURCE_DATE_EPOCH of that day);
* ``site_server`` — its base URL («http://127.0.0.1:<port>/»), served by a local
  http.server on a free port for the session;
* ``browser_page`` — a fresh Playwright page (its own context) in Debian's headless
  Chromium; every request to anywhere but the local server is aborted;
* ``chromium`` — the browser itself, launched once per session; ``browser_page``
  needs it imported too (pytest finds fixtures by name in the test module).

For another knowledge base: `add_site_sources` puts the site beside it, `build_site`
builds it, `served` serves it and `local_page` opens a page that reaches only it;
`served_test_kb` does all of it for the test knowledge base (tests/fixtures/kb) on a given day.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_KB = REPO_ROOT / "tests" / "fixtures" / "kb"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SITE_TODAY = date(2021, 1, 15)
T = TypeVar("T")


def add_site_sources(root: Path) -> Path:
    """Put this repository's site (mkdocs.yml, docs/, site_overrides/) beside the knowledge base at ``root``."""
    shutil.copy(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "site_overrides"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    return root


def build_site(site_dir: Path, today: date = SITE_TODAY, root: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the knowledge base at ``root`` into ``site_dir``, with a fixed clock."""
    epoch = int(datetime(today.year, today.month, today.day, tzinfo=timezone.utc).timestamp())
    environment = {**os.environ, "PROTOCOLS_TODAY": today.isoformat(), "SOURCE_DATE_EPOCH": str(epoch),
                   "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / "mkdocs.yml"),
         "--site-dir", str(site_dir)],
        cwd=root, env=environment, capture_output=True, text=True, check=False,
    )


@contextmanager
def served_test_kb(folder: Path, today: date) -> Iterator[str]:
    """The test knowledge base with the real schemas, built in ``folder`` on ``today`` and served: its base URL."""
    root = folder / "kb"
    shutil.copytree(TEST_KB, root)
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    site_dir = folder / "site"
    result = build_site(site_dir, today, add_site_sources(root))
    assert result.returncode == 0, result.stderr
    with served(site_dir) as base_url:
        yield base_url


# Pytest makes a separate fixture of a function imported into each test module, so a
# «session» fixture imported by two modules would run twice: two builds, two browsers (and
# Playwright refuses a second one in the same thread). The resources live here instead,
# started by the first fixture that needs them and stopped when the last one is done.
_shared: dict[str, list] = {}  # name → [resource, users, stop]


@contextmanager
def _shared_resource(name: str, start: Callable[[], T], stop: Callable[[T], object]) -> Iterator[T]:
    entry = _shared.setdefault(name, [None, 0, stop])
    if entry[1] == 0:
        entry[0] = start()
    entry[1] += 1
    try:
        yield entry[0]
    finally:
        entry[1] -= 1
        if entry[1] == 0:
            stop(entry[0])
            del _shared[name]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    def build() -> Path:
        site_dir = tmp_path_factory.mktemp("site")
        result = build_site(site_dir)
        if result.returncode != 0:
            pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
        return site_dir

    with _shared_resource("site", build, lambda site_dir: None) as site_dir:
        yield site_dir


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def start_server(site_dir: Path) -> ThreadingHTTPServer:
    """``site_dir`` served on a free port of 127.0.0.1, in a thread, until `stop_server`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop_server(server: ThreadingHTTPServer) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    with _shared_resource("server", lambda: start_server(built_site), stop_server) as server:
        yield f"http://127.0.0.1:{server.server_port}/"


@contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """Another built site, served on a free port while the block runs: its base URL."""
    server = start_server(site_dir)
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        stop_server(server)


def start_chromium() -> tuple[Playwright, Browser]:
    """Debian's headless Chromium driven by Playwright, until `stop_chromium`."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} не найден: установите Debian-пакет chromium (make system-packages)")
    playwright = sync_playwright().start()
    return playwright, playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def stop_chromium(started: tuple[Playwright, Browser]) -> None:
    playwright, browser = started
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    with _shared_resource("chromium", start_chromium, stop_chromium) as (_, browser):
        yield browser


@contextmanager
def local_page(chromium: Browser, base_url: str) -> Iterator[Page]:
    """A fresh page in its own context; every request to anywhere but ``base_url`` is aborted."""
    context = chromium.new_context(locale="ru-RU", timezone_id="Europe/Moscow")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                  else route.abort())
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def browser_page(chromium: Browser, site_server: str) -> Iterator[Page]:
    with local_page(chromium, site_server) as page:
        yield page
