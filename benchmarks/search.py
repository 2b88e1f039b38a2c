"""What a visitor downloads to search the site: each query typed into the search box in Chromium.

    python benchmarks/search.py [--pasted] SITE_DIR [QUERY …]   # a built site with its Pagefind index

The site is served locally; for each query a fresh browser (empty cache) opens
the home page, opens the search with «/» and types the query a letter at a time,
as people do (a search runs after each pause, so every prefix typed may fetch
index chunks too; --pasted: the whole query at once), until the results of the
whole query show. Every request under
/pagefind/ is counted at the size a web server sends it: Pagefind's index
chunks, fragments, metadata and wasm are gzip files already; its scripts and
JSON are counted gzipped (level 6, the servers' default). run.py calls
`query_downloads` for its table; docs/search.md quotes the figures.
"""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))  # the browser helpers of the end-to-end tests

QUERIES = ("аттестации", "образования", "итоговой аттестации", "Петрова", "Берёзовский", "ГИА",
           "о подготовке к итоговой аттестации")
"""Typical queries on the synthetic corpus: a word form, the commonest word of all, two words,
a surname, a district name, an abbreviation, a phrase as people type it."""
TYPING_DELAY_MS = 200  # between two letters: a quick typist
GZIP_LEVEL = 6
BUNDLE = "/pagefind/"


@dataclass(frozen=True)
class Download:
    query: str
    results: str  # what the search box said: «Найдено совпадений: 12»
    requests: int
    size: int  # bytes as sent, gzip
    index_size: int  # of them: index chunks (.pf_index)


def query_downloads(site_dir: Path, queries: tuple[str, ...] = QUERIES, typed: bool = True) -> list[Download]:
    """Each query typed into the search box (``typed``) or pasted at once."""
    from browser import start_chromium, start_server, stop_chromium, stop_server

    server = start_server(site_dir)
    started = start_chromium()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        return [_download(started[1], base, site_dir, query, typed) for query in queries]
    finally:
        stop_chromium(started)
        stop_server(server)


def _download(browser, base: str, site_dir: Path, query: str, typed: bool) -> Download:
    context = browser.new_context(locale="ru-RU")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    page = context.new_page()
    requested: list[str] = []
    page.on("requestfinished", lambda request: requested.append(request.url))
    page.goto(base)
    page.keyboard.press("/")
    if typed:
        page.keyboard.type(query, delay=TYPING_DELAY_MS)
    else:
        page.locator(".md-search__input").fill(query)
    page.locator(f".md-search-result[data-pk-query='{query}']").wait_for(timeout=120_000)
    results = page.locator(".md-search-result__meta").inner_text()
    context.close()
    files = [site_dir / unquote(urlsplit(url).path).lstrip("/") for url in requested if urlsplit(url).path.startswith(BUNDLE)]
    sizes = {path: sent_size(path) for path in files}
    return Download(query, results, len(files), sum(sizes.values()),
                    sum(size for path, size in sizes.items() if path.suffix == ".pf_index"))


def sent_size(path: Path) -> int:
    """Bytes a web server sends for the file: as is if gzip already, else gzipped."""
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def main(argv: list[str]) -> None:
    typed = "--pasted" not in argv
    argv = [arg for arg in argv if arg != "--pasted"]
    site_dir, queries = Path(argv[0]), tuple(argv[1:]) or QUERIES
    for download in query_downloads(site_dir, queries, typed):
        print(f"{download.query}\t{download.results}\t{download.requests} запросов\t"
              f"{download.size / 1024:.0f} КБ (индекс {download.index_size / 1024:.0f} КБ)")


if __name__ == "__main__":
    main(sys.argv[1:])
