"""What every generated page reads (`SiteContext`) and what it is to the build (`SitePage`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ...history import StatusChange
from ...model import KnowledgeBase, Registry
from ..lookup import Lookup
from ..plan import SitePlan


@dataclass(frozen=True)
class SiteContext:
    """The model, the plan (with the build day), the site's addresses, the status history."""

    kb: KnowledgeBase
    plan: SitePlan
    site_url: str
    history: Mapping[str, Sequence[StatusChange]] = field(default_factory=dict)
    repo_url: str | None = None
    lookup: Lookup = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", Lookup(self.kb))

    @property
    def registry(self) -> Registry:
        return self.kb.registry

    @property
    def today(self) -> date:
        return self.plan.today


@dataclass(frozen=True)
class SitePage:
    """A page of the site: where it lives, its heading, and how to write it when the build asks."""

    url: str  # site URL, as in build_tools.urls
    heading: str  # the text of its first-level heading, already escaped markdown
    render: Callable[[], str]  # its whole markdown, that heading first
    source: str | None = None  # the file the page shows, relative to the knowledge base root
    authority: str | None = None  # whose part of the site it is in; None: the hub's
    searchable: bool = True  # False: a list of what other pages hold, left out of the site search

    @property
    def markdown(self) -> str:
        return self.render()
