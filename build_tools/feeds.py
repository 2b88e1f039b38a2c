"""iCalendar feeds of deadlines (placeholder: the feeds issue implements it)."""

from __future__ import annotations

from .model import KnowledgeBase


def feed_files(kb: KnowledgeBase, *, site_url: str) -> dict[str, bytes]:
    """Every feed of the knowledge base: site-relative path (see `urls`) → file content."""
    return {}
