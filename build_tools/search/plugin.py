"""The MkDocs adapter of Russian search: configures Material's search plugin and nothing more.

The decisions and their reasons live in `build_tools.search.index`; this module
only applies them at the right moments of a build:

- ``on_config``, before Material's search plugin fills in its defaults: sets
  its separator and pipeline;
- ``on_files``: replaces the theme's ``lunr.ru.min.js`` with the same file plus
  ``search-ru.js``;
- ``on_post_build``, after the search plugin wrote the index: re-encodes it
  compactly as UTF-8.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .index import LUNR_RU, PIPELINE, SEPARATOR, compact_index, with_russian_stemming

SEARCH_PLUGIN = "material/search"
SEARCH_INDEX = "search/search_index.json"


class RussianSearchPlugin(BasePlugin):
    """Russian word forms in Material's search (plugin name ``protocols-search``)."""

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        search = _search_plugin(config)
        for option, value in (("separator", SEPARATOR), ("pipeline", list(PIPELINE))):
            if search.config[option] not in (None, value):
                raise PluginError(f"protocols-search: параметр search.{option} задаёт этот плагин, "
                                  f"уберите его из настроек search в mkdocs.yml")
            search.config[option] = value
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        language = _search_plugin(config).config.lang
        if language != ["ru"]:
            raise PluginError(f"protocols-search: поиск должен быть настроен на русский язык "
                              f"(plugins: - search: {{lang: ru}}), а сейчас lang: {language}")
        lunr_ru = files.get_file_from_path(LUNR_RU)
        if lunr_ru is None:
            raise PluginError(f"protocols-search: в теме нет {LUNR_RU}; нужна тема Material for MkDocs")
        files.remove(lunr_ru)
        source = Path(lunr_ru.abs_src_path).read_text(encoding="utf-8")
        files.append(File.generated(config, LUNR_RU, content=with_russian_stemming(source)))
        return files

    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        index = Path(config.site_dir) / SEARCH_INDEX
        index.write_bytes(compact_index(index.read_bytes()))


def _search_plugin(config: MkDocsConfig) -> BasePlugin:
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is None:
        raise PluginError("protocols-search: нужен плагин поиска Material (plugins: - search: {lang: ru})")
    return search
