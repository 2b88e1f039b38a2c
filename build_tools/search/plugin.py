"""The MkDocs plugin ``protocols-search``: which pages the search leaves out, and the index after the build.

- ``exclude`` (globs of source paths, mkdocs.yml): those pages get
  ``search: {exclude: true}`` in their meta, the key Material's own search
  reads; site_overrides/main.html then leaves ``data-pagefind-body`` off them,
  so Pagefind skips them. A page's front matter may say the same.
- ``index`` (default true): `index_site` runs on the site folder after the
  build. The environment variable PROTOCOLS_SEARCH_INDEX (``0`` or ``1``)
  overrides it: a build in shards builds its parts without an index and
  indexes the joined folder once.
"""

from __future__ import annotations

import logging
import os
from fnmatch import fnmatchcase
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from .pagefind import SearchIndexError, index_site

log = logging.getLogger("mkdocs.plugins.protocols-search")

INDEX_VARIABLE = "PROTOCOLS_SEARCH_INDEX"
MB = 1024 * 1024


class SearchConfig(base.Config):
    index = c.Type(bool, default=True)
    exclude = c.ListOfItems(c.Type(str), default=[])


class SiteSearchPlugin(BasePlugin[SearchConfig]):
    """Pagefind search for the site (plugin name ``protocols-search``)."""

    def __init__(self) -> None:
        self.indexing = True

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if "material/search" in config.plugins or "search" in config.plugins:
            raise PluginError("protocols-search: уберите плагин search из plugins в mkdocs.yml: "
                              "поиск сайта строит Pagefind, а встроенный индекс Material только утяжелит сайт")
        self.indexing = _index_wanted(self.config.index)
        return config

    def on_page_markdown(self, markdown: str, *, page: Page, **_: object) -> str:
        if any(fnmatchcase(page.file.src_uri, pattern) for pattern in self.config.exclude):
            search = page.meta.get("search")
            page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
        return markdown

    @event_priority(-100)  # after every plugin that writes files into the site
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.indexing:
            log.info("protocols-search: поисковый индекс не строится (%s=0 или index: false)", INDEX_VARIABLE)
            return
        try:
            stats = index_site(Path(config.site_dir))
        except SearchIndexError as exc:
            raise PluginError(f"protocols-search: поисковый индекс не построен: {exc}") from None
        log.info("protocols-search: в поиске страниц %d; индекс %.1f МБ в %d файлах, %.1f с, память %.0f МБ",
                 stats.pages, stats.size / MB, stats.files, stats.seconds, stats.peak_bytes / MB)


def _index_wanted(configured: bool) -> bool:
    """The plugin's ``index`` option, unless PROTOCOLS_SEARCH_INDEX says otherwise."""
    value = os.environ.get(INDEX_VARIABLE, "").strip()
    if not value:
        return configured
    if value not in ("0", "1"):
        raise PluginError(f"protocols-search: {INDEX_VARIABLE} должна быть 0 или 1, а не «{value}»")
    return value == "1"
