"""Every link inside a built site leads to a file of it, and every anchor to an id on its page.

MkDocs checks links written to a page's source (``[x](org/x.md)``); the pages the
site generates link with the HTML MkDocs would write (`build_tools.site.markup.link`),
because a part of the site links to pages another part builds. So the tests check
the built folder instead: what the reader actually follows.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    """The links (``href`` of ``a``) and the ids of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            elif name == "href" and tag == "a" and value:
                self.links.append(value)


def broken_links(site: Path) -> list[tuple[str, str]]:
    """(page, link) for every relative link of every page that leads nowhere in ``site``."""
    pages = {path.relative_to(site).as_posix(): _parse(path) for path in sorted(site.rglob("*.html"))}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            target, anchor = _resolve(page, link)
            if target is None:
                continue
            if not (site / target).is_file():
                broken.append((page, link))
            elif anchor and target.endswith(".html") and anchor not in pages[target].ids:
                broken.append((page, link))
    return broken


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _resolve(page: str, link: str) -> tuple[str | None, str]:
    """The file a relative link leads to from ``page``, and its anchor; None for links that leave the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("/", "#")) and not parts.fragment:
        return None, ""
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if link.split("#")[0].endswith("/") or not re.search(r"\.[a-z0-9]+$", target):
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return target, unquote(parts.fragment)
