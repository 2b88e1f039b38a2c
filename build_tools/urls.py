"""Where everything lives on the site: one place, so pages, feeds and data agree.

Paths are relative to the site root, without a leading slash, in the
"directory URL" form MkDocs uses (``org/uo-nazarovo/``). They are built from
registry ids and protocol file names only, never from titles, so a link or
a calendar subscription survives a rename of the text.
"""

from __future__ import annotations

from .model import Decision, Protocol, Ref, Task, decision_anchor

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


def all_feed() -> str:
    return "calendars/all.ics"


def feed(scope: str, entry_id: str) -> str:
    """The calendar feed of an organization, person, authority or group."""
    if scope not in FEED_SCOPES:
        raise ValueError(f"unknown feed scope: {scope}")
    return f"calendars/{scope}/{entry_id}.ics"


DECISIONS_JSON = "data/decisions.json"
DECISIONS_CSV = "data/decisions.csv"
