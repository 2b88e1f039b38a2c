"""The MkDocs plugin `protocols`: a thin adapter between MkDocs and `build_tools.site.pages`.

It loads the knowledge base (a build with errors in it fails with the
validator's messages), adds the generated pages, open data and calendar
feeds to the build as generated files, appends the live summary to the home
page, puts the field reference generated from the schemas into the format
pages, gives protocol pages the edit link and the date of their source's
last commit, and makes `mkdocs serve` rebuild when protocols/ changes.
"""

from __future__ import annotations

import json
import logging
import os
import re
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..feeds import IncompleteHistory, feed_files, git_history
from ..history import status_history
from ..model import KnowledgeBase
from ..opendata import data_files
from ..pipeline import PROTOCOLS_DIR, SCHEMA_DIR, NotAKnowledgeBase, find_root, load_knowledge_base
from .clock import BadClock, build_today
from .config import ProtocolsConfig
from ..russian import long_date
from .gitdates import last_changed
from .markup import source_of
from .pages import home_summary, site_pages
from .safety import SafeMarkupExtension
from .schemadoc import MARKER, field_table

log = logging.getLogger("mkdocs.plugins.protocols")

HOME_SOURCE = "index.md"


class ProtocolsPlugin(BasePlugin[ProtocolsConfig]):
    def __init__(self) -> None:
        self.root = Path()
        self.today = date.min
        self.knowledge_base: KnowledgeBase | None = None
        self.changed: dict[str, date] = {}  # source path of a generated page → day its source last changed

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("protocols: адреса страниц (build_tools/urls.py) требуют use_directory_urls: true")
        if not config.site_url:
            raise PluginError("protocols: задайте site_url: по нему строятся адреса календарей и открытых данных")
        try:
            self.today = build_today()
            self.root = find_root(Path(config.config_file_path).parent / self.config.root)
        except (BadClock, NotAKnowledgeBase) as exc:
            raise PluginError(f"protocols: {exc}") from None
        config.markdown_extensions.append(SafeMarkupExtension())
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        knowledge_base = self._load()
        changed = last_changed(self.root, PROTOCOLS_DIR)
        pages = site_pages(knowledge_base, today=self.today, site_url=config.site_url,
                           history=status_history(self.root), repo_url=config.repo_url)
        for page in pages:
            file = File.generated(config, source_of(page.url), content=page.markdown)
            if page.source:
                file.edit_uri = Path(os.path.relpath(self.root / page.source, config.docs_dir)).as_posix()
                if page.source in changed:
                    self.changed[file.src_uri] = changed[page.source]
            files.append(file)
        try:
            feeds = feed_files(knowledge_base, site_url=config.site_url, history=git_history(self.root))
        except (IncompleteHistory, ValueError) as exc:
            raise PluginError(f"protocols: календари не собраны: {exc}") from None
        published = {**data_files(knowledge_base, site_url=config.site_url), **feeds}
        for path, content in sorted(published.items()):
            files.append(File.generated(config, path, content=content))
        log.info("protocols: страниц из базы знаний %d, файлов данных и календарей %d (сегодня: %s)",
                 len(pages), len(published), self.today.isoformat())
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.changed:
            page.meta["revision_date"] = long_date(self.changed[page.file.src_uri])
        if page.file.src_uri == HOME_SOURCE and self.knowledge_base is not None:
            markdown = markdown.rstrip() + "\n\n" + home_summary(self.knowledge_base, self.today)
        return MARKER.sub(self._field_table, markdown)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        for folder in (PROTOCOLS_DIR, SCHEMA_DIR):
            server.watch(str(self.root / folder))
        return server

    def _field_table(self, marker: re.Match[str]) -> str:
        """The reference of a schema's fields in place of its marker on a format page."""
        path = self.root / SCHEMA_DIR / marker["schema"]
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PluginError(f"protocols: не прочитать схему {path} для таблицы полей: {exc}") from None
        return field_table(schema)

    def _load(self) -> KnowledgeBase:
        """The model of the knowledge base; errors stop the build with the validator's messages."""
        result = load_knowledge_base(self.root)
        for problem in result.warnings:
            log.info("protocols: %s", problem.format_text())
        if result.errors:
            messages = "\n".join(problem.format_text() for problem in result.errors)
            raise PluginError(f"protocols: в базе знаний ошибок: {len(result.errors)}; сайт не собран. "
                              f"Исправьте их (проверка: protocols validate):\n{messages}")
        self.knowledge_base = result.knowledge_base
        return result.knowledge_base
