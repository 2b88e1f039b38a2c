"""The sitemap: an index (`sitemap.xml`) of one sitemap per authority and one of the hub.

A single sitemap may hold at most 50,000 addresses (sitemaps.org), fewer than a
region's pages, and a part of the site knows only its own pages: each part
writes the sitemaps of its authorities, the hub writes its own and the index.
No ``lastmod``: the build day is not the day a page changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urljoin
from xml.sax.saxutils import escape

INDEX = "sitemap.xml"
HUB_SITEMAP = "sitemaps/hub.xml"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NAMESPACE = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def authority_sitemap(authority_id: str) -> str:
    return f"sitemaps/{authority_id}.xml"


def sitemap(site_url: str, page_urls: Iterable[str]) -> bytes:
    """The sitemap of pages given by their site URLs, in the order given."""
    entries = "".join(f"<url><loc>{escape(urljoin(site_url, url))}</loc></url>\n" for url in page_urls)
    return f"{_HEAD}<urlset {_NAMESPACE}>\n{entries}</urlset>\n".encode("utf-8")


def sitemap_index(site_url: str, sitemaps: Iterable[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{escape(urljoin(site_url, path))}</loc></sitemap>\n" for path in sitemaps)
    return f"{_HEAD}<sitemapindex {_NAMESPACE}>\n{entries}</sitemapindex>\n".encode("utf-8")
