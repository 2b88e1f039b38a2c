"""The MkDocs plugin `protocols`: a thin adapter between MkDocs and `build_tools.site.pages`.

It loads the knowledge base (a build with errors in it fails with the
validator's messages), adds the generated pages to the build, appends the
live summary to the home page, puts the field reference generated from the
schemas into the format pages, gives protocol pages the edit link and the
date of their source's last commit, writes the calendar feeds, open data and
sitemaps (and, in the hub, the list of the home page's organization finder,
`build_tools.site.finder`) into the built site, and makes `mkdocs serve` rebuild when
protocols/ changes.

Without a plan it builds the whole site. With one (``plan`` and ``part``,
set by `protocols site build` through PROTOCOLS_SITE_PLAN and
PROTOCOLS_SITE_PART) it builds one part of it (build_tools/site/plan.py).

Memory: MkDocs renders every page before it writes any, and keeps what it
rendered. A generated page therefore enters the build as its heading alone;
its markdown is written and rendered just before its template is, and
dropped once the page is written (`_render_in_full`, `_forget`). Feeds and
data go to the site folder one file at a time after the pages.
"""

from __future__ import annotations

import json
import logging
import os
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..feeds import IncompleteHistory, git_history, render_feeds
from ..history import status_history
from ..opendata import render_data
from ..pipeline import PROTOCOLS_DIR, SCHEMA_DIR, NotAKnowledgeBase, find_root, load_knowledge_base, registry_files
from ..russian import long_date
from .clock import BadClock, build_today
from .config import ProtocolsConfig
from .finder import FINDER_FILE, finder_json
from .gitdates import last_changed
from .markup import source_of
from .pages import SiteContext, SitePage, site_pages
from .pages.hub import home_summary
from .plan import Part, SitePlan, plan_site
from .safety import SafeMarkupExtension
from .schemadoc import MARKER, field_table
from . import sitemap

log = logging.getLogger("mkdocs.plugins.protocols")

HOME_SOURCE = "index.md"
PART_MANIFEST = ".protocols-part.json"  # what a part owns in its site folder (build_tools/site/join.py)
# MkDocs' own sitemap lists only the pages of one build: build_tools/site/sitemap.py writes the site's.
THEME_SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
PLACEHOLDER_HOST = "example.org"  # mkdocs.yml's site_url without SITE_URL: a domain reserved for examples (RFC 2606)


class ProtocolsPlugin(BasePlugin[ProtocolsConfig]):
    def __init__(self) -> None:
        self.root = Path()
        self.today = date.min
        self.plan: SitePlan | None = None  # from the plan file, or made from the whole knowledge base
        self.part: Part | None = None
        self.context: SiteContext | None = None
        self.files: Files | None = None
        self.generated: dict[str, SitePage] = {}  # source path of a generated page → the page
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
        self.plan = self._read_plan()
        if urlsplit(config.site_url).hostname == PLACEHOLDER_HOST:
            config.extra["preview"] = True
            log.info("protocols: ВНИМАНИЕ: SITE_URL не задан — это предварительный просмотр: ссылки подписки на "
                     "календари и адреса в открытых данных ведут на заглушку %s", config.site_url)
        config.theme.static_templates.difference_update(THEME_SITEMAPS)
        config.markdown_extensions.append(SafeMarkupExtension())
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.context, self.part = self._load(config)
        self.files = files
        self.generated.clear()
        changed = last_changed(self.root, PROTOCOLS_DIR)
        pages = site_pages(self.context, self.part)
        for page in pages:
            file = File.generated(config, source_of(page.url), content=f"# {page.heading}\n")
            if page.source:
                file.edit_uri = Path(os.path.relpath(self.root / page.source, config.docs_dir)).as_posix()
                if page.source in changed:
                    self.changed[file.src_uri] = changed[page.source]
            self.generated[file.src_uri] = page
            files.append(file)
        log.info("protocols: часть «%s»: страниц из базы знаний %d (сегодня: %s)",
                 self.part.name, len(pages), self.context.today.isoformat())
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is not None and not generated.searchable:
            page.meta["search"] = {"exclude": True}  # read by main.html (docs/search.md)
        if page.file.src_uri == HOME_SOURCE and self.part is not None and self.part.hub:
            markdown = markdown.rstrip() + "\n\n" + home_summary(self.context)
        return MARKER.sub(self._field_table, markdown)

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
        if page.file.src_uri in self.generated:
            self._render_in_full(page, config)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.generated:
            _forget(page)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        kb, part = self.context.kb, self.part
        owned = [page.url + "index.html" for page in self.generated.values() if part.hub or page.authority]
        try:
            feeds = render_feeds(kb, site_url=config.site_url, history=git_history(self.root),
                                 entries=set(part.hosted_entries(kb.registry)), index=self.context.lookup)
            owned += _write(site_dir, feeds)
        except (IncompleteHistory, ValueError) as exc:
            raise PluginError(f"protocols: календари не собраны: {exc}") from None
        owned += _write(site_dir, render_data(kb, site_url=config.site_url, authorities=part.authorities))
        owned += _write(site_dir, self._sitemaps(config))
        if part.hub:
            owned += _write(site_dir, [(FINDER_FILE, finder_json(kb.registry))])  # the home page's finder
        else:
            (site_dir / PART_MANIFEST).write_text(json.dumps(sorted(owned), indent=0) + "\n", encoding="utf-8")
        log.info("protocols: записано файлов календарей, данных, карт сайта и списка организаций: %d",
                 len(owned) - len(self.generated))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        for folder in (PROTOCOLS_DIR, SCHEMA_DIR):
            server.watch(str(self.root / folder))
        return server

    # --- steps ---------------------------------------------------------------------------------

    def _read_plan(self) -> SitePlan | None:
        if not self.config.plan:
            return None
        try:
            plan = SitePlan.read(Path(self.config.plan))
            plan.part(self.config.part)
        except (OSError, ValueError, KeyError) as exc:
            raise PluginError(f"protocols: план сборки частями {self.config.plan} не прочитан: {exc}") from None
        if plan.today != self.today:
            raise PluginError(f"protocols: план составлен на {plan.today}, а сегодня сборки {self.today}: "
                              "составьте план заново (protocols site build)")
        return plan

    def _load(self, config: MkDocsConfig) -> tuple[SiteContext, Part]:
        """The model of what this build shows; errors stop the build with the validator's messages."""
        if self.plan is None:
            result = load_knowledge_base(self.root)
        else:
            part = self.plan.part(self.config.part)
            only = [self.root / path for path in part.protocols or ()] + registry_files(self.root)
            result = load_knowledge_base(self.root, only=only)
        for problem in result.warnings:
            log.info("protocols: %s", problem.format_text())
        if result.errors:
            messages = "\n".join(problem.format_text() for problem in result.errors)
            raise PluginError(f"protocols: в базе знаний ошибок: {len(result.errors)}; сайт не собран. "
                              f"Исправьте их (проверка: protocols validate):\n{messages}")
        kb = result.knowledge_base
        plan = self.plan or plan_site(kb.protocols, kb.registry, self.today)
        context = SiteContext(kb, plan, config.site_url, history=status_history(self.root), repo_url=config.repo_url)
        return context, plan.part(self.config.part) if self.plan else plan.parts[0]

    def _render_in_full(self, page: Page, config: MkDocsConfig) -> None:
        page.markdown = self.generated[page.file.src_uri].render()
        if page.file.src_uri in self.changed:
            page.meta["revision_date"] = long_date(self.changed[page.file.src_uri])
        page.render(config, self.files)

    def _sitemaps(self, config: MkDocsConfig) -> list[tuple[str, bytes]]:
        """The sitemap of each authority of the part; the hub's own and the index, from the hub."""
        by_authority: dict[str | None, list[str]] = {}
        for page in self.generated.values():
            by_authority.setdefault(page.authority, []).append(page.url)
        site_url = config.site_url
        files = [(sitemap.authority_sitemap(authority), sitemap.sitemap(site_url, by_authority.get(authority, ())))
                 for authority in self.part.authorities]
        if self.part.hub:
            written = sorted(file.url for file in self.files.documentation_pages() if file.generated_by is None)
            files.append((sitemap.HUB_SITEMAP, sitemap.sitemap(site_url, [*written, *by_authority.get(None, ())])))
            files.append((sitemap.INDEX, sitemap.sitemap_index(site_url, [sitemap.HUB_SITEMAP, *(
                sitemap.authority_sitemap(authority) for authority in sorted(self.context.plan.authorities))])))
        return files

    def _field_table(self, marker: re.Match[str]) -> str:
        """The reference of a schema's fields in place of its marker on a format page."""
        path = self.root / SCHEMA_DIR / marker["schema"]
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PluginError(f"protocols: не прочитать схему {path} для таблицы полей: {exc}") from None
        return field_table(schema)


def _forget(page: Page) -> None:
    """Drop what MkDocs keeps of a written page: its markdown, its HTML and its table of contents."""
    page.markdown = None
    page.content = None
    page.toc = get_toc([])


def _write(site_dir: Path, files) -> list[str]:
    """Write (site path, content) pairs into the site folder one at a time; their paths."""
    written = []
    for path, content in files:
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(path)
    return written
