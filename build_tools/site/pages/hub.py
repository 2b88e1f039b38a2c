"""The pages about every authority at once: the home page's summary and the indexes.

They grow with the number of authorities, never with their protocols: each
says how many and where, and links to the authority's own pages. They read the
plan's figures (`SitePlan.authorities`, `SitePlan.home`) and the registry, and
of protocols only the few the home page lists, so the hub builds from the
plan without loading the knowledge base (build_tools/site/plan.py).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import partial

from ... import urls
from ...model import Organization, Protocol, State, Task, Timing
from ...russian import PROTOCOLS, STATE_WORDS, count, long_date
from ..fragments import counts_data, data_links, entry_link, entry_list, protocol_list, task_table
from ..markup import link, page as join_page, table, text
from ..plan import AuthorityFacts, host_of
from .context import SiteContext, SitePage

HOME = ""
DEADLINES_INDEX = "deadlines/"
PROTOCOLS_INDEX = "protocols/"
ORGANIZATIONS_INDEX = "org/"
PEOPLE_INDEX = "people/"
TOPICS_INDEX = "tags/"

INDEXES = {DEADLINES_INDEX: "Сроки", PROTOCOLS_INDEX: "Протоколы", ORGANIZATIONS_INDEX: "Организации",
           PEOPLE_INDEX: "Люди", TOPICS_INDEX: "Темы"}


def pages(context: SiteContext) -> list[SitePage]:
    writers = {DEADLINES_INDEX: deadlines_index, PROTOCOLS_INDEX: protocols_index,
               ORGANIZATIONS_INDEX: organizations_index, PEOPLE_INDEX: people_index, TOPICS_INDEX: topics_index}
    return [SitePage(url, INDEXES[url], partial(writer, context), searchable=False) for url, writer in writers.items()]


def stand_ins() -> list[SitePage]:
    """The indexes as a part that is not the hub builds them: their heading only."""
    return [SitePage(url, heading, partial(str, f"# {heading}\n"), searchable=False) for url, heading in INDEXES.items()]


def _authorities(context: SiteContext) -> list[Organization]:
    return sorted((org for org in context.registry.organizations.values() if org.is_authority),
                  key=lambda org: org.name.casefold())


def _with_facts(context: SiteContext) -> list[tuple[Organization, AuthorityFacts]]:
    """Authorities by name, each with the plan's figures of it."""
    return [(authority, context.plan.authorities.get(authority.id, AuthorityFacts()))
            for authority in _authorities(context)]


# --- the home page ----------------------------------------------------------------------------


def home_summary(context: SiteContext) -> str:
    """What the home page adds below its hand-written introduction (docs/index.md)."""
    here, home, today = HOME, context.plan.home, context.today
    parts = [f"Состояние на {long_date(today)}, день сборки сайта.", "## Срок истёк {#overdue}"]
    if home.overdue_total:
        parts += [f"Открытых поручений с истёкшим сроком: {home.overdue_total}. Последние по сроку:",
                  task_table(_tasks(context, home.overdue), context.kb, here, today, with_assignees=True),
                  link("Сроки по органам", DEADLINES_INDEX, here)]
    else:
        parts.append("Нет.")
    parts.append("## Срок в ближайшие 30 дней {#soon}")
    if home.soon_total:
        parts += [f"Поручений со сроком в ближайшие 30 дней: {home.soon_total}. Ближайшие:",
                  task_table(_tasks(context, home.soon), context.kb, here, today, with_assignees=True)]
    else:
        parts.append("Нет.")
    parts += ["## Новые протоколы {#latest}", protocol_list(_protocols(context, home.latest_protocols), here)]
    rows = [[entry_link(context.registry, authority.id, here), str(facts.protocols),
             f'<span {counts_data(facts.issued, "issued", authority.id)}>{facts.issued.total}</span>',
             str(facts.issued.open), str(facts.issued.overdue)] for authority, facts in _with_facts(context)]
    parts += ["## Органы {#authorities}",
              "Поручения, данные органом в его протоколах (кому бы они ни были адресованы); поручения самому "
              "органу — на его странице.",
              table(["Орган", "Протоколов", "Поручений в протоколах", STATE_WORDS[State.OPEN].capitalize(),
                     "Срок истёк"], rows)]
    return join_page(parts)


def _protocols(context: SiteContext, protocol_ids: tuple[str, ...]) -> list[Protocol]:
    by_id = {protocol.id: protocol for protocol in context.kb.protocols}
    return [by_id[protocol_id] for protocol_id in protocol_ids]


def _tasks(context: SiteContext, keys: tuple[str, ...]) -> list[Task]:
    """The tasks of the plan's lists, from the protocols the hub loaded for them."""
    tasks = []
    for protocol, key in zip(_protocols(context, tuple(key.split("#", 1)[0] for key in keys)), keys):
        decision_id = key.split("#", 1)[1]
        tasks.append(Task(protocol, next(item for item in protocol.decisions if item.id == decision_id)))
    return tasks


# --- indexes ----------------------------------------------------------------------------------


def deadlines_index(context: SiteContext) -> str:
    here = DEADLINES_INDEX
    rows = [[link(text(authority.name), urls.authority_deadlines(authority.id), here),
             *(str(facts.count(timing)) for timing in (Timing.OVERDUE, Timing.SOON, Timing.LATER, Timing.UNDATED,
                                                        Timing.CLOSED))]
            for authority, facts in _with_facts(context) if facts.issued.total]
    parts = ["# Сроки",
             f"Поручения органов на {long_date(context.today)}: у каждого органа — своя страница сроков по "
             "месяцам и учебным годам и свой календарь для подписки.",
             table(["Орган", "Срок истёк", "В ближайшие 30 дней", "Позже", "Без даты", "Выполнено или отменено"], rows)
             if rows else "Поручений со сроком нет."]
    return join_page(parts)


def protocols_index(context: SiteContext) -> str:
    here = PROTOCOLS_INDEX
    rows = [[link(text(authority.name), urls.authority_protocols(authority.id), here), str(facts.protocols),
             long_date(date.fromisoformat(facts.latest)), str(facts.issued.total), data_links(authority.id, here)]
            for authority, facts in _with_facts(context) if facts.protocols]
    total = sum(facts.protocols for facts in context.plan.authorities.values())
    return join_page(["# Протоколы", f"Всего: {total}. Протоколы каждого органа — на его странице, по годам и темам.",
                      table(["Орган", "Протоколов", "Последний", "Поручений", "Открытые данные"], rows)
                      if rows else "Протоколов пока нет."])


def organizations_index(context: SiteContext) -> str:
    here = ORGANIZATIONS_INDEX
    registry = context.registry
    organizations = Counter(org.parent for org in registry.organizations.values() if org.parent)
    rows = [[link(text(authority.name), urls.organization_page(authority.id), here), text(authority.municipality or ""),
             text(authority.region or ""), str(organizations[authority.id])] for authority in _authorities(context)]
    finder = link("на главной", f"{HOME}#find", here)
    parts = ["# Организации", "Органы управления образованием; их организации, группы и люди — на странице органа. "
             f"Свою школу или детский сад по названию или номеру быстрее найти {finder}.",
             table(["Орган", "Муниципальное образование", "Регион", "Организаций"], rows)]
    others = [org for org in registry.organizations.values()
              if not org.is_authority and host_of(registry, org.id) is None]
    if others:
        parts += ["## Другие организации {#other}", entry_list(others, here)]
    return join_page(parts)


def people_index(context: SiteContext) -> str:
    here = PEOPLE_INDEX
    registry = context.registry
    hosts = Counter(host_of(registry, person.id) for person in registry.people.values())
    rows = [[link(text(authority.name), urls.organization_page(authority.id) + "#organizations", here), str(hosts[authority.id])]
            for authority in _authorities(context) if hosts[authority.id]]
    parts = ["# Люди", "Председатели, секретари, выступавшие и ответственные — на странице своего органа.",
             table(["Орган", "Людей"], rows) if rows else ""]
    unknown = [person for person in registry.people.values() if host_of(registry, person.id) is None]
    if unknown:
        parts += ["## Организация не указана {#unknown}", entry_list(unknown, here)]
    return join_page(parts)


def topics_index(context: SiteContext) -> str:
    here = TOPICS_INDEX
    by_topic: dict[str, dict[str, int]] = {}
    for authority_id, facts in context.plan.authorities.items():
        for tag, protocols in facts.topics.items():
            by_topic.setdefault(tag, {})[authority_id] = protocols
    parts = ["# Темы", "Темы протоколов и число протоколов по органам; ссылка ведёт к протоколам органа на эту тему."]
    for tag in sorted(by_topic, key=str.casefold):
        authorities = sorted(by_topic[tag], key=lambda authority_id: _name(context, authority_id).casefold())
        links = ", ".join(f"{link(text(_name(context, authority_id)), urls.topic(authority_id, tag), here)} "
                          f"({by_topic[tag][authority_id]})" for authority_id in authorities)
        parts.append(f"**{text(tag)}** — {count(sum(by_topic[tag].values()), PROTOCOLS)}: {links}")
    return join_page(parts)


def _name(context: SiteContext, authority_id: str) -> str:
    org = context.registry.organizations.get(authority_id)
    return org.name if org else authority_id
