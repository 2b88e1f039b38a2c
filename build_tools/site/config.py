"""Settings of the `protocols` MkDocs plugin (the `plugins:` entry in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ProtocolsConfig(Config):
    # The knowledge base (the folder with protocols/ and schema/), relative to mkdocs.yml.
    root = c.Type(str, default=".")
    # A plan of a build in parts (build_tools/site/plan.py) and the part this build makes; empty: the whole site.
    # `protocols site build` sets them through PROTOCOLS_SITE_PLAN and PROTOCOLS_SITE_PART.
    plan = c.Type(str, default="")
    part = c.Type(str, default="")
