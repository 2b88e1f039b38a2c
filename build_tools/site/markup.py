"""Markdown building blocks of the pages: text shown as text, links between pages, dates.

Every string that comes from a protocol or the registry goes through `text`
(a line) or `body` (the full text of a protocol) before it is put into a page.
Pages are addressed by their site URL from `build_tools.urls`; `link` turns
it into a relative link to the page's source (``org/x/`` → ``../org/x.md``)
so that MkDocs checks every link at build time.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from ..rules import AUTOLINK
from ..russian import long_date

# The characters Python-Markdown gives a meaning to inside a line (with the tables
# extension `|` too), and the three that HTML does.
_INLINE_ESCAPES = str.maketrans({
    **{char: "\\" + char for char in "\\`*_[]{}|"},
    "<": "&lt;", ">": "&gt;", "&": "&amp;",
})
# Any of them: most strings have none, and a search is far cheaper than a translation to multi-character strings.
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]{}|<>&]")
_ATX_HEADING = re.compile(r"^(#{1,5})(?=[ \t]|$)", re.MULTILINE)


def text(value: str) -> str:
    """A string from the data as literal text on one line of markdown: no markup, no HTML."""
    line = " ".join(value.split())
    return line.translate(_INLINE_ESCAPES) if _NEEDS_ESCAPE.search(line) else line


def attribute(value: str) -> str:
    """A string from the data inside a quoted HTML attribute."""
    return html.escape(value, quote=True)


def body(markdown: str) -> str:
    """The full text of a protocol, placed under a second-level heading of its page.

    The body is markdown written by people, so its markup is kept, but raw
    HTML never reaches the page: every ``<`` except that of an autolink
    becomes ``&lt;`` (the validator already refuses HTML tags; this is the
    second line of defence, see docs/site.md). Its headings move one level
    down, below the page's own sections.
    """
    escaped = []
    position = 0
    for match in AUTOLINK.finditer(markdown):
        escaped.append(markdown[position:match.start()].replace("<", "&lt;"))
        escaped.append(match.group(0))
        position = match.end()
    escaped.append(markdown[position:].replace("<", "&lt;"))
    return _ATX_HEADING.sub(r"#\1", "".join(escaped)).strip()


def source_of(url: str) -> str:
    """The source path of a generated page from its site URL: ``org/x/`` → ``org/x.md``, ```` → ``index.md``."""
    path, _, anchor = url.partition("#")
    source = path.rstrip("/") + ".md" if path else "index.md"
    return f"{source}#{anchor}" if anchor else source


def link(label: str, target: str, here: str) -> str:
    """A link with an already escaped ``label`` from the page at URL ``here`` to the page at URL ``target``.

    Written as the HTML MkDocs would make of a link to the page's source, so
    that MkDocs leaves it alone: a part of the site links to pages another part
    builds (build_tools/site/plan.py), which MkDocs cannot see. The tests check
    every link of the built site instead (tests/site_links.py).
    """
    return f'<a href="{attribute(relative_url(target, here))}">{label}</a>'


@lru_cache(maxsize=None)
def _relative_folder(folder: str, base: str) -> str:
    """`posixpath.relpath` between two folders of the site, remembered: a site has few folders,
    its pages a million links, and relpath reads the working directory on every call."""
    return posixpath.relpath(folder or ".", base or ".")


def relative_url(target: str, here: str) -> str:
    """A site URL (a page, a feed, a data file, with an anchor or not) relative to the page at URL ``here``."""
    path, hash_, anchor = target.partition("#")
    folder, name = posixpath.split(path)
    to_folder = _relative_folder(folder, here.rstrip("/"))
    relative = name if to_folder == "." else f"{to_folder}/{name}"
    if not relative:
        relative = "./" if not anchor else ""
    return relative + hash_ + anchor


def due_date(day: date, *, open_task: bool) -> str:
    """A date the reader's browser compares with its own today when the task is still open.

    Without scripts the absolute date stays; with them, assets/javascripts/deadlines.js
    adds «просрочено на N дней» or «через N дней» after every ``time[data-due]``.
    """
    marker = " data-due" if open_task else ""
    return f'<time datetime="{day.isoformat()}"{marker}>{long_date(day)}</time>'


def unsearched(*blocks: str) -> str:
    """Markdown blocks the site search skips: text that another page holds (docs/search.md).

    ``data-pagefind-ignore`` is Pagefind's own mark; ``markdown`` keeps the blocks markdown.
    """
    inner = "\n\n".join(block for block in blocks if block)
    return f'<div data-pagefind-ignore="all" markdown>\n\n{inner}\n\n</div>'


def table(header: list[str], rows: list[list[str]]) -> str:
    """A markdown table; cells are already markdown on one line."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def cards(kind: str, table_markdown: str) -> str:
    """A table that a phone shows as a card per row: ``kind`` is «tasks» or «decisions».

    The markup stays a table (desktops, screen readers); below a width the stylesheet
    (assets/stylesheets/protocols.css, ``.pk-tasks``, ``.pk-decisions``) lays each row out
    as a card with the deadline and the status first.
    """
    return f'<div class="pk-{kind}" markdown>\n\n{table_markdown}\n\n</div>'


def page(parts: Iterable[str]) -> str:
    """Blocks of markdown, the empty ones left out, as a page."""
    return "\n\n".join(part for part in parts if part) + "\n"


def card(facts: Iterable[tuple[str, str]]) -> str:
    """A block of «label: value» lines at the top of a page; empty values are left out."""
    lines = [f"- **{label}:** {value}" for label, value in facts if value]
    return '<div class="pk-card" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)
