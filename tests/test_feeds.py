"""Calendar feeds as a subscriber meets them (build_tools/feeds.py, docs/calendars.md).

Every feed is read back by readers other than the one that wrote it: `vobject`,
the strict RFC 5545 parser `ical`, and the calendar client `khal`. On top of
them, the checks readers are too lenient for: CRLF only, no line over 75 octets,
no UTF-8 character split by folding, DTSTAMP and DTEND on every event, UIDs
unique. First on a small knowledge base written here (every case spelled out),
then on the real one (every dated task in every feed it belongs to, and nowhere else).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import textwrap
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar
from ical.calendar_stream import IcsCalendarStream

from build_tools import urls
from build_tools.feeds import feed_files, feeds_of, git_history, uid
from build_tools.pipeline import load_knowledge_base
from conftest import REPO_ROOT

SITE = "https://example.org/kb/"
GOLDEN = Path(__file__).resolve().parent / "golden" / "feeds"
PROTOCOL_KEY = "uo-feeds/2021-02-01-soveshchanie"
NNBSP = "\u202f"  # CLDR puts a narrow no-break space in «30 апреля 2021 г.», on the site as here

REGISTRY = """\
organizations:
  - id: uo-feeds
    kind: authority
    name: Управление образования Календарного района
    short_name: УО Календарного района
    municipality: Календарный район
    timezone: Asia/Yekaterinburg
  - id: school-a
    kind: school
    name: МБОУ «СОШ № 1»
    parent: uo-feeds
  - id: school-b
    kind: school
    name: МБОУ «СОШ № 2»
    parent: uo-feeds
  - id: centre
    kind: methodological_centre
    name: МКУ «Центр оценки качества; мониторинг, аналитика»
    short_name: ЦОК
    parent: uo-feeds
groups:
  - id: heads
    name: руководители ОО
    authority: uo-feeds
    members: [school-a, school-b]
people:
  - id: sidorova
    name: Сидорова В. В.
    organization: uo-feeds
"""

HOSTILE_TEXT = ("Учесть замечания; в т. ч. «А, Б» и путь C:\\отчёты\\2021\n"
                "END:VEVENT\nBEGIN:VEVENT\nSUMMARY:Поддельное событие")
LONG_TEXT = ("Разработать и утвердить план мероприятий («дорожную карту») по повышению качества "
             "образования с учетом результатов всероссийских проверочных работ, региональных "
             "диагностических работ и государственной итоговой аттестации обучающихся 9-х и 11-х "
             "классов, предусмотрев адресную методическую помощь учителям-предметникам, "
             "показавшим низкие результаты, и работу с обучающимися группы риска")

PROTOCOL = f"""\
---
kind: протокол
title: О подготовке к ВПР
authority: uo-feeds
date: 2021-02-01
decisions:
  - id: "1"
    text: Принять к сведению информацию.
  - id: "2"
    text: "Руководителям ОО:"
    assignees: [heads]
  - id: "2.1"
    text: Провести анализ результатов ВПР.
    responsible: [sidorova]
    responsible_text: Сидорова В. В.
    deadline: {{text: до 15.03.2021, kind: by, due: 2021-03-15}}
  - id: "2.2"
    text: Провести родительские собрания.
    deadline: {{text: апрель 2021 г., kind: month, start: 2021-04-01, due: 2021-04-30, inferred: true}}
  - id: "2.3"
    text: Обеспечить объективность проведения ВПР.
    deadline: {{text: по графику, kind: schedule}}
  - id: "2.4"
    text: Представить отчёт о подготовке к ГИА.
    deadline: {{text: до 20.02.2021, kind: by, due: 2021-02-20}}
    status: {{state: done, date: 2021-02-18}}
  - id: "2.5"
    text: Провести выездную проверку.
    deadline: {{text: до 31.05.2021, kind: by, due: 2021-05-31}}
    status: {{state: cancelled, date: 2021-03-01, note: Проверка перенесена приказом}}
  - id: "3"
    text: {json.dumps(HOSTILE_TEXT, ensure_ascii=False)}
    assignees: [centre]
    deadline: {{text: 01.03.2021, kind: date, due: 2021-03-01}}
  - id: "4"
    text: {LONG_TEXT}
    assignees: [school-b]
    deadline: {{text: в течение учебного года, kind: school_year, start: 2021-02-01, due: 2021-05-31, inferred: true}}
  - id: "5"
    text: Рассмотреть вопрос на педагогическом совете.
    assignees: [school-a]
---
Протокол совещания.
"""


def write_small_kb(root: Path) -> Path:
    (root / "protocols" / "registry").mkdir(parents=True)
    (root / "protocols" / "uo-feeds").mkdir()
    (root / "protocols" / "registry" / "feeds.yaml").write_text(REGISTRY, encoding="utf-8")
    (root / "protocols" / "uo-feeds" / "2021-02-01-soveshchanie.md").write_text(PROTOCOL, encoding="utf-8")
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    return root


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory):
    result = load_knowledge_base(write_small_kb(tmp_path_factory.mktemp("kb")))
    assert not result.errors, [problem.format_text() for problem in result.errors]
    return result.knowledge_base


@pytest.fixture(scope="module")
def small_feeds(small_kb) -> dict[str, bytes]:
    return feed_files(small_kb, site_url=SITE)


@pytest.fixture(scope="module")
def real_kb():
    return load_knowledge_base(REPO_ROOT).knowledge_base


@pytest.fixture(scope="module")
def real_feeds(real_kb) -> dict[str, bytes]:
    return feed_files(real_kb, site_url=SITE, history=git_history(REPO_ROOT))


def events_of(data: bytes):
    """The events as the strict `ical` parser reads them, in file order."""
    return IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).events


def event_by_id(data: bytes, decision_id: str):
    (event,) = [event for event in events_of(data) if event.uid == f"{PROTOCOL_KEY}#{decision_id}@protocols-kb"]
    return event


def problems_readers_miss(data: bytes) -> list[str]:
    """What lenient readers accept but RFC 5545 (and Outlook or Exchange) do not."""
    problems = []
    if re.search(rb"(?<!\r)\n|\r(?!\n)", data):
        problems.append("a line break other than CRLF")
    lines = data.split(b"\r\n")
    for number, line in enumerate(lines, 1):
        if len(line) > 75:
            problems.append(f"line {number} is {len(line)} octets long")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: folding split a UTF-8 character")
    events = event_properties(data)
    for name in ("DTSTAMP", "DTSTART", "DTEND", "UID"):
        problems += [f"an event without {name}" for properties in events if name not in properties]
    uids = Counter(properties["UID"] for properties in events)
    problems += [f"UID {value} appears {count} times" for value, count in uids.items() if count > 1]
    return problems


def event_properties(data: bytes) -> list[dict[str, str]]:
    """Each VEVENT's own properties (not its alarm's): name → value, from the unfolded lines."""
    events, current, nested = [], None, 0
    for line in data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n"):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and line.startswith(("BEGIN:", "END:")):
            nested += 1 if line.startswith("BEGIN:") else -1
        elif current is not None and not nested:
            name, value = re.match(r"([A-Z-]+)[;:](.*)", line).groups()
            current[name] = value
    return events


def check_with_every_reader(data: bytes) -> None:
    """vobject and the strict `ical` parser read the feed, see the same events, and nothing is off."""
    assert problems_readers_miss(data) == []
    strict = events_of(data)
    lenient = vobject.readOne(data.decode("utf-8"))
    assert [event.uid.value for event in getattr(lenient, "vevent_list", [])] == [event.uid for event in strict]
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == len(strict)


# --- which tasks go in which feed ------------------------------------------------------

FEED_CONTENTS = [
    # (feed, decision ids in calendar order: by due date, then by key)
    (urls.feed("authority", "uo-feeds"), ["2.4", "3", "2.1", "2.2", "2.5", "4"]),
    (urls.feed("org", "uo-feeds"), []),  # nothing assigned to the authority itself: an empty calendar
    (urls.feed("org", "school-a"), ["2.4", "2.1", "2.2", "2.5"]),  # through the group; 5 has no date
    (urls.feed("org", "school-b"), ["2.4", "2.1", "2.2", "2.5", "4"]),  # through the group, and its own
    (urls.feed("org", "centre"), ["3"]),
    (urls.feed("group", "heads"), ["2.4", "2.1", "2.2", "2.5"]),
    (urls.feed("person", "sidorova"), ["2.1"]),
]


def test_there_is_a_feed_for_every_registry_entry_and_none_for_everything(small_feeds):
    assert sorted(small_feeds) == sorted(path for path, _ in FEED_CONTENTS)


def test_the_feeds_of_some_entries_are_those_entries_feeds(small_kb, small_feeds):
    chosen = feed_files(small_kb, site_url=SITE, entries={"uo-feeds", "heads"})
    assert sorted(chosen) == [urls.feed("authority", "uo-feeds"), urls.feed("group", "heads"),
                              urls.feed("org", "uo-feeds")]
    assert all(chosen[path] == small_feeds[path] for path in chosen)


@pytest.mark.parametrize(("path", "decision_ids"), FEED_CONTENTS, ids=[path for path, _ in FEED_CONTENTS])
def test_a_feed_holds_the_dated_tasks_of_its_entry(small_feeds, path, decision_ids):
    data = small_feeds[path]
    check_with_every_reader(data)
    assert [event.uid for event in events_of(data)] == [f"{PROTOCOL_KEY}#{i}@protocols-kb" for i in decision_ids]


# --- what an event says ----------------------------------------------------------------

EVENTS = [
    # (decision, day in the calendar, summary, STATUS, reminder)
    ("2.1", date(2021, 3, 15), "Срок: п. 2.1 — Провести анализ результатов ВПР.", "CONFIRMED", True),
    # a month: the last day of the month, the wording in the description
    ("2.2", date(2021, 4, 30), "Срок: п. 2.2 — Провести родительские собрания.", "CONFIRMED", True),
    ("2.4", date(2021, 2, 20), "Выполнено: п. 2.4 — Представить отчёт о подготовке к ГИА.", "CONFIRMED", False),
    ("2.5", date(2021, 5, 31), "Отменено: п. 2.5 — Провести выездную проверку.", "CANCELLED", False),
    ("3", date(2021, 3, 1), "Срок: п. 3 — Учесть замечания; в т. ч. «А, Б» и путь C:\\отчёты\\2021…",
     "CONFIRMED", True),
    # the school year: its end, 31 May
    ("4", date(2021, 5, 31), "Срок: п. 4 — Разработать и утвердить план мероприятий («дорожную карту»)…",
     "CONFIRMED", True),
]


@pytest.mark.parametrize(("decision_id", "day", "summary", "status", "reminder"), EVENTS,
                         ids=[case[0] for case in EVENTS])
def test_each_dated_task_is_an_all_day_event_on_its_due_date(small_feeds, decision_id, day, summary, status,
                                                             reminder):
    event = event_by_id(small_feeds[urls.feed("authority", "uo-feeds")], decision_id)
    assert (event.dtstart, event.dtend) == (day, day + timedelta(days=1))
    assert event.summary == summary
    assert event.status == status
    assert event.transparency == "TRANSPARENT"
    assert bool(event.alarm) is reminder


def test_the_description_gives_the_wording_the_day_people_status_and_a_link(small_feeds):
    event = event_by_id(small_feeds[urls.feed("authority", "uo-feeds")], "2.2")
    assert event.description == textwrap.dedent(f"""\
        п. 2.2. Провести родительские собрания.

        Срок: апрель 2021 г.
        Последний день: 30 апреля 2021{NNBSP}г. (выведен из формулировки)
        Исполнители: руководители ОО
        Статус: открыто
        Протокол от 1 февраля 2021{NNBSP}г.: О подготовке к ВПР
        {SITE}protocols/{PROTOCOL_KEY}/#d-2-2""")
    assert event.url == f"{SITE}protocols/{PROTOCOL_KEY}/#d-2-2"


def test_closed_tasks_say_when_and_why(small_feeds):
    feed = small_feeds[urls.feed("authority", "uo-feeds")]
    assert "Ответственные: Сидорова В. В.\nСтатус: открыто\n" in event_by_id(feed, "2.1").description
    assert f"Статус: выполнено 18 февраля 2021{NNBSP}г.\n" in event_by_id(feed, "2.4").description
    assert (f"Статус: отменено 1 марта 2021{NNBSP}г.\nПримечание: Проверка перенесена приказом\n"
            in event_by_id(feed, "2.5").description)


def test_the_reminder_rings_at_nine_the_chosen_number_of_days_before(small_kb):
    for days in (3, 7, 0):
        feed = feed_files(small_kb, site_url=SITE, reminder_days=days)[urls.feed("authority", "uo-feeds")]
        (alarm,) = event_by_id(feed, "2.1").alarm
        assert alarm.action == "DISPLAY"
        assert alarm.trigger == timedelta(days=-days, hours=9)
        assert alarm.description == "Срок: п. 2.1 — Провести анализ результатов ВПР."


def test_undated_tasks_and_non_tasks_are_not_events(small_feeds):
    listed = {event.uid for data in small_feeds.values() for event in events_of(data)}
    assert len(listed) == 6
    for decision_id in ("1", "2", "2.3", "5"):  # no due date, a heading, undated, no deadline at all
        assert f"{PROTOCOL_KEY}#{decision_id}@protocols-kb" not in listed


def test_a_hostile_decision_text_cannot_break_or_inject_a_property(small_feeds):
    data = small_feeds[urls.feed("org", "centre")]
    check_with_every_reader(data)
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == 1
    assert not re.search(rb"^SUMMARY:\xd0\x9f", data, re.MULTILINE)  # no line «SUMMARY:Поддельное…»
    (event,) = events_of(data)
    assert event.description.startswith(f"п. 3. {HOSTILE_TEXT}\n")
    lenient = vobject.readOne(data.decode("utf-8")).vevent
    assert lenient.description.value == event.description
    assert lenient.summary.value == event.summary


def test_a_hostile_name_in_the_registry_cannot_break_the_calendar_name(small_feeds):
    calendar = IcsCalendarStream.calendar_from_ics(small_feeds[urls.feed("org", "centre")].decode())
    assert calendar.name == ["Сроки поручений: МКУ «Центр оценки качества; мониторинг, аналитика»"]
    assert b"X-WR-CALNAME:\xd0\xa1\xd1\x80\xd0\xbe\xd0\xba\xd0\xb8 " in small_feeds[urls.feed("org", "centre")]
    unfolded = small_feeds[urls.feed("org", "centre")].replace(b"\r\n ", b"").decode()
    assert "X-WR-CALNAME:Сроки поручений: МКУ «Центр оценки качества\\; мониторинг\\, аналитика»" in unfolded


def test_long_cyrillic_text_is_folded_at_75_octets_without_splitting_a_letter(small_feeds):
    data = small_feeds[urls.feed("org", "school-b")]
    assert problems_readers_miss(data) == []
    description_lines = data.split(b"DESCRIPTION:\xd0\xbf. 4.")[1].split(b"\r\nSTATUS")[0].split(b"\r\n")
    assert len(description_lines) > 8
    assert max(map(len, description_lines)) in (74, 75)  # folded as late as RFC 5545 allows
    assert event_by_id(data, "4").description.startswith(f"п. 4. {LONG_TEXT}\n")


def test_the_calendar_has_a_name_a_time_zone_and_refresh_hints(small_feeds):
    data = small_feeds[urls.feed("org", "school-a")]
    calendar = IcsCalendarStream.calendar_from_ics(data.decode())
    assert calendar.name == ["Сроки поручений: МБОУ «СОШ № 1»"]
    assert calendar.x_wr_timezone == "Asia/Yekaterinburg"  # the time zone of the school's authority
    assert calendar.refresh_interval == timedelta(days=1)
    assert calendar.source == f"{SITE}calendars/org/school-a.ics"
    assert calendar.url == f"{SITE}org/school-a/"
    for line in (b"X-WR-CALNAME:", b"REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n", b"X-PUBLISHED-TTL:P1D\r\n",
                 b"X-WR-TIMEZONE:Asia/Yekaterinburg\r\n"):
        assert b"\r\n" + line in data


def test_without_history_uid_is_the_task_key_sequence_0_and_dtstamp_the_meeting_day(small_feeds):
    event = event_by_id(small_feeds[urls.feed("authority", "uo-feeds")], "2.1")
    assert event.uid == "uo-feeds/2021-02-01-soveshchanie#2.1@protocols-kb"
    assert event.sequence == 0
    assert event.dtstamp == datetime(2021, 2, 1, tzinfo=timezone.utc)


def test_a_key_outside_ascii_becomes_a_valid_uid(small_kb):
    task = small_kb.tasks[0]
    renamed = replace(task, protocol=replace(task.protocol, id="uo-feeds/2021-02-01-совещание"))
    assert uid(renamed) == "uo-feeds/2021-02-01-%D1%81%D0%BE%D0%B2%D0%B5%D1%89%D0%B0%D0%BD%D0%B8%D0%B5#2.1@protocols-kb"


@pytest.mark.parametrize("golden", ["calendars/org/school-b.ics", "calendars/org/centre.ics"])
def test_golden_feeds(small_feeds, golden):
    """The whole file, byte for byte. UPDATE_GOLDEN=1 rewrites it; review the diff before committing."""
    path = GOLDEN / Path(golden).name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(small_feeds[golden])
    assert small_feeds[golden] == path.read_bytes()


def test_events_are_spliced_where_icalendar_itself_puts_them(small_feeds, real_feeds):
    for data in [*small_feeds.values(), *real_feeds.values()]:
        assert Calendar.from_ical(data).to_ical() == data


@pytest.mark.parametrize(("arguments", "message"), [
    ({"site_url": "example.org"}, "для календарей нужен полный адрес сайта (site_url вида https://…), "
                                  "а задан «example.org»"),
    ({"site_url": SITE, "reminder_days": -1}, "напоминание ставится за 0 и более дней до срока, а задано -1"),
])
def test_bad_arguments_are_refused_in_russian(small_kb, arguments, message):
    with pytest.raises(ValueError) as raised:
        feed_files(small_kb, **arguments)
    assert str(raised.value) == message


def test_the_site_url_may_come_without_a_trailing_slash(small_kb, small_feeds):
    assert feed_files(small_kb, site_url=SITE.rstrip("/")) == small_feeds


# --- khal, a real calendar client ------------------------------------------------------

KHAL_CONFIG = """\
[calendars]
[[feed]]
path = {calendar}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Moscow
default_timezone = Europe/Moscow
[default]
default_calendar = feed
"""


def khal_list(data: bytes, folder: Path, start: date, end: date) -> list[str]:
    """Import the feed into an empty khal calendar and list «date title» lines as khal shows them."""
    calendar = folder / "calendar"
    calendar.mkdir(parents=True)
    (folder / "config" / "khal").mkdir(parents=True)
    (folder / "config" / "khal" / "config").write_text(KHAL_CONFIG.format(calendar=calendar))
    (folder / "feed.ics").write_bytes(data)
    environment = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data"),
                   "LC_ALL": "C.UTF-8", "TZ": "Europe/Moscow"}

    def khal(*args: str) -> str:
        return subprocess.run(["khal", *args], env=environment, capture_output=True, text=True, check=True).stdout

    khal("import", "--batch", "-a", "feed", str(folder / "feed.ics"))
    listing = khal("list", "--format", "{start-date} {title}", "--day-format", "", start.isoformat(), end.isoformat())
    return [line for line in listing.splitlines() if line]


def test_khal_lists_the_events_of_an_organization_on_their_dates(small_feeds, tmp_path):
    assert khal_list(small_feeds[urls.feed("org", "school-b")], tmp_path, date(2021, 1, 1), date(2021, 12, 31)) == [
        "2021-02-20 Выполнено: п. 2.4 — Представить отчёт о подготовке к ГИА.",
        "2021-03-15 Срок: п. 2.1 — Провести анализ результатов ВПР.",
        "2021-04-30 Срок: п. 2.2 — Провести родительские собрания.",
        "2021-05-31 Отменено: п. 2.5 — Провести выездную проверку.",
        "2021-05-31 Срок: п. 4 — Разработать и утвердить план мероприятий («дорожную карту»)…",
    ]


# --- the real knowledge base -----------------------------------------------------------


def test_every_real_feed_passes_every_reader(real_feeds):
    assert len(real_feeds) > 1
    for path, data in real_feeds.items():
        try:
            check_with_every_reader(data)
        except Exception as failure:  # name the feed that failed
            raise AssertionError(f"{path}: {failure}") from failure


def selections(kb) -> dict[str, list]:
    """Feed → the tasks the model says belong there, straight from the model's own queries."""
    registry = kb.registry
    chosen = {}
    for org in registry.organizations.values():
        chosen[urls.feed("org", org.id)] = kb.tasks_of_organization(org.id)
        if org.is_authority:
            protocols = {protocol.id for protocol in kb.protocols_of_authority(org.id)}
            chosen[urls.feed("authority", org.id)] = [task for task in kb.tasks if task.protocol.id in protocols]
    chosen.update({urls.feed("group", group_id): kb.tasks_of_group(group_id) for group_id in registry.groups})
    chosen.update({urls.feed("person", person_id): kb.tasks_of_person(person_id) for person_id in registry.people})
    return chosen


def test_every_real_feed_holds_exactly_the_dated_tasks_the_model_gives_it(real_kb, real_feeds):
    expected = selections(real_kb)
    assert sorted(real_feeds) == sorted(expected)
    for path, tasks in expected.items():
        uids = [event.uid for event in events_of(real_feeds[path])]
        assert sorted(uids) == sorted(uid(task) for task in tasks if task.decision.due), path


def test_every_real_dated_task_is_once_in_each_feed_of_its_people_and_undated_ones_nowhere(real_kb, real_feeds):
    registry = real_kb.registry
    uids = {path: Counter(event.uid for event in events_of(data)) for path, data in real_feeds.items()}
    dated = [task for task in real_kb.tasks if task.decision.due]
    assert dated, "the real knowledge base has dated tasks"
    for task in dated:
        feeds = {urls.feed("authority", task.protocol.authority)}
        for entry_id in task.decision.all_assignees:
            if entry_id in registry.groups:
                feeds |= {urls.feed("group", entry_id)}
                feeds |= {urls.feed("org", member) for member in registry.groups[entry_id].members}
            else:
                feeds |= {urls.feed("org", entry_id)}
        feeds |= {urls.feed("person", person_id) for person_id in task.decision.responsible}
        for path in feeds:
            assert uids[path][uid(task)] == 1, (task.key, path)
    undated = {uid(task) for task in real_kb.tasks if not task.decision.due}
    assert undated, "the real knowledge base has undated tasks"
    for path, counted in uids.items():
        assert not undated & set(counted), path


def test_two_builds_give_the_same_bytes(real_kb, real_feeds):
    assert feed_files(real_kb, site_url=SITE, history=git_history(REPO_ROOT)) == real_feeds


def test_khal_lists_a_real_organization_feed_on_the_due_dates(real_kb, real_feeds, tmp_path):
    busiest = max((feed for feed in feeds_of(real_kb) if feed.path.startswith("calendars/org/")),
                  key=lambda feed: len(feed.tasks))
    tasks = busiest.tasks
    assert len(tasks) >= 3
    listed = khal_list(real_feeds[busiest.path], tmp_path, tasks[0].decision.due, tasks[-1].decision.due)
    assert len(listed) == len(tasks)
    expected = Counter((task.decision.due.isoformat(), task.decision.id) for task in tasks)
    shown = Counter(re.fullmatch(r"(\S+) \w+: п\. (\S+) — .+", line).groups() for line in listed)
    assert shown == expected


# --- accountability: a deadline moved by a later decision, marks of executors ---------------------


@pytest.fixture
def fixture_events(kb):
    """The events of the fixture knowledge base by UID, read back by icalendar."""
    result = load_knowledge_base(kb)
    calendar = Calendar.from_ical(feed_files(result.knowledge_base, site_url=SITE)[urls.feed("authority", "uo-test")])
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_an_extended_deadline_moves_the_same_event_with_a_higher_sequence(fixture_events):
    event = fixture_events["uo-test/2020-01-15-soveshchanie#2.1@protocols-kb"]
    assert event.decoded("DTSTART") == date(2020, 3, 20)
    assert event["SEQUENCE"] == 1  # outside git the file has no past: the one change is the extension
    description = str(event["DESCRIPTION"]).splitlines()
    assert description[2:5] == [
        "Срок: до 24.01.2020 г.",
        f"Срок изменён: до 20.03.2020 — решением от 2 марта 2020{NNBSP}г., "
        f"{SITE}protocols/uo-test/2020-03-02-soveshchanie/#d-1",
        f"Последний день: 20 марта 2020{NNBSP}г.",
    ]


def test_the_marks_of_executors_are_in_the_description(fixture_events):
    event = fixture_events["uo-test/2020-03-02-soveshchanie#2@protocols-kb"]
    assert "Исполнение: выполнено 1 из 2; без отметки: МБОУ «СОШ № 2»" in str(event["DESCRIPTION"]).splitlines()


def test_a_decision_withdrawn_by_a_later_one_says_so_and_names_it(kb):
    (kb / "protocols/uo-test/2020-04-01-snyatie.md").write_text(
        "---\nkind: протокол\ntitle: Снятие\nauthority: uo-test\ndate: 2020-04-01\ndecisions:\n"
        "  - id: \"1\"\n    text: Снять с контроля п. 2.1 решения от 15.01.2020.\n    links:\n"
        "      - {type: withdraws, protocol: uo-test/2020-01-15-soveshchanie, decision: \"2.1\"}\n---\n",
        encoding="utf-8")
    kb_model = load_knowledge_base(kb).knowledge_base
    calendar = Calendar.from_ical(feed_files(kb_model, site_url=SITE)[urls.feed("authority", "uo-test")])
    [event] = [event for event in calendar.walk("VEVENT") if "#2.1@" in str(event["UID"])]
    assert str(event["SUMMARY"]).startswith("Снято с контроля: п. 2.1 — ")
    assert event["SEQUENCE"] == 2 and not event.walk("VALARM")
    assert f"Основание: решение {SITE}protocols/uo-test/2020-04-01-snyatie/#d-1" in str(event["DESCRIPTION"])


def test_a_deadline_on_the_last_day_a_date_can_have_is_a_one_day_event(tmp_path, monkeypatch):
    """Validation keeps dates near the meeting; a feed would not break past them either."""
    from build_tools import rules

    monkeypatch.setattr(rules.ProtocolRules, "check_dates", lambda self: iter(()))
    root = write_small_kb(tmp_path)
    protocol = root / "protocols/uo-feeds/2021-02-01-soveshchanie.md"
    protocol.write_text(protocol.read_text(encoding="utf-8").replace(
        "{text: 01.03.2021, kind: date, due: 2021-03-01}", "{text: когда-нибудь, kind: unparsed, due: 9999-12-31}"),
        encoding="utf-8")
    result = load_knowledge_base(root)
    assert not result.errors, [problem.format_text() for problem in result.errors]

    feeds = feed_files(result.knowledge_base, site_url=SITE)

    events = [event for data in feeds.values() for event in Calendar.from_ical(data).walk("VEVENT")
              if str(event["uid"]).startswith("uo-feeds/2021-02-01-soveshchanie#3@")]
    assert events
    assert all(event.decoded("dtstart") == date(9999, 12, 31) and "dtend" not in event for event in events)
