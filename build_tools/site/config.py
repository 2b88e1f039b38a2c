"""Settings of the `protocols` MkDocs plugin (the `plugins:` entry in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ProtocolsConfig(Config):
    # The knowledge base (the folder with protocols/ and schema/), relative to mkdocs.yml.
    root = c.Type(str, default=".")
