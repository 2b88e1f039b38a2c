"""Every page of the site generated from the knowledge base, as markdown.

`site_pages` lists the pages one part of the site builds (`build_tools.site.plan`):
each a `SitePage` with its address, its heading and a function that writes its
markdown when asked, so that a build holds one page's text at a time. Nothing
here knows MkDocs; the plugin hands the pages to it.

The modules by kind of page: `protocol` (a protocol), `entries` (an
organization, a group, a person: now, and per school year), `authority` (an
authority's protocol list and deadlines), `hub` (the home page, the indexes,
the topics). Pages read ``today`` (which tasks are overdue, due soon, later)
and ``site_url`` (the absolute calendar addresses) from `SiteContext`, so the
same input gives the same bytes.
"""

from __future__ import annotations

from dataclasses import replace

from ..plan import Part, host_of
from . import authority, entries, hub, protocol
from .context import SiteContext, SitePage


def site_pages(context: SiteContext, part: Part) -> list[SitePage]:
    """The pages ``part`` builds: its authorities' and their entries', and the hub's if it is the hub.

    A part that is not the hub builds a title-only stand-in of each hub page
    the navigation names, so that its own build is complete; joining the parts
    keeps the hub's (`build_tools.site.join`).
    """
    registry = context.registry
    pages = [replace(protocol.page(item, context), authority=item.authority)
             for item in context.kb.protocols if item.authority in part.authorities]
    for entry_id in part.hosted_entries(registry):
        pages += [replace(page, authority=host_of(registry, entry_id)) for page in entries.pages(entry_id, context)]
    for authority_id in part.authorities:
        pages += [replace(page, authority=authority_id) for page in authority.pages(authority_id, context)]
    pages += hub.pages(context) if part.hub else hub.stand_ins()
    return pages


__all__ = ["SiteContext", "SitePage", "site_pages"]
