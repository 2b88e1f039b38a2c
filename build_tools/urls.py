"""Where everything lives on the site: one place, so pages, feeds and data agree.

Paths are relative to the site root, without a leading slash, in the
"directory URL" form MkDocs uses (``org/uo-nazarovo/``). They are built from
registry ids and protocol file names only, never from titles, so a link or
a calendar subscription survives a rename of the text.
"""

from __future__ import annotations

from slugify import slugify

from .model import Decision, Protocol, Ref, SchoolYear, Task, decision_anchor

FEED_SCOPES = ("org", "person", "authority", "group")


def protocol_page(protocol: Protocol) -> str:
    return f"protocols/{protocol.id}/"


def decision_link(protocol: Protocol, decision: Decision) -> str:
    return f"{protocol_page(protocol)}#{decision.anchor}"


def task_link(task: Task) -> str:
    return decision_link(task.protocol, task.decision)


def ref_link(ref: Ref) -> str:
    """Where a link between decisions points: the decision on its protocol page, or the page itself."""
    page = f"protocols/{ref.protocol}/"
    return f"{page}#{decision_anchor(ref.decision)}" if ref.decision else page


def organization_page(org_id: str) -> str:
    """Organizations and authorities share one namespace of pages."""
    return f"org/{org_id}/"


def group_page(group_id: str) -> str:
    return f"group/{group_id}/"


def person_page(person_id: str) -> str:
    return f"people/{person_id}/"


def authority_protocols(authority_id: str) -> str:
    """The list of an authority's protocols: the folder of their pages."""
    return f"protocols/{authority_id}/"


def authority_deadlines(authority_id: str, year: SchoolYear | None = None) -> str:
    """An authority's deadlines: the overview, or the months of one school year."""
    return f"deadlines/{authority_id}/" + (school_year(year) if year else "")


def authority_report(authority_id: str, year: SchoolYear) -> str:
    """The справка об исполнении of the поручения an authority gave in a school year: a printable page."""
    return f"reports/{authority_id}/{school_year(year)}"


def topic(authority_id: str, tag: str) -> str:
    """A topic among an authority's protocols: a section of their list."""
    return f"{authority_protocols(authority_id)}#t-{slugify(tag) or 'x'}"


def school_year(year: SchoolYear) -> str:
    """«2021-2022/»: the page of a school year, below the page of what it is the year of."""
    return f"{year.start}-{year.start + 1}/"


def authority_data(authority_id: str, suffix: str) -> str:
    """An authority's decisions as open data: ``suffix`` is «json», «csv» or «xlsx»."""
    return f"data/{authority_id}/decisions.{suffix}"


def feed(scope: str, entry_id: str) -> str:
    """The calendar feed of an organization, person, authority or group."""
    if scope not in FEED_SCOPES:
        raise ValueError(f"unknown feed scope: {scope}")
    return f"calendars/{scope}/{entry_id}.ics"

