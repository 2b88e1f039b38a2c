"""A realistic synthetic knowledge base for the benchmark, seeded: the same N gives the same files.

    python benchmarks/generate.py N OUT_DIR

N protocols across as many authorities as it takes: each holds 12–30
meetings a year (real authorities hold 10 to 30 meetings of school heads
and boards; below 12 a school would get fewer than the 100 tasks a year
real heads report) over five years, 2019 to 2023, so 10,000 protocols are
a region of about a hundred authorities and 1,000 protocols ten of them.
A school then gets 100–300 tasks a year, most through the group
«руководители ОО», as heads of real schools do. Each authority has its
registry file: 15–35 schools,
8–20 kindergartens, centres, three groups («руководители ОО», «руководители
ДОУ» with their members, «заместители по УВР» without), its staff and
the school directors, so the registry of 10,000 protocols holds some
21,000 organizations and 16,500 people. A protocol has a chair, a
secretary, attendees, speakers, an agenda, 5–20 decisions (headings with
sub-items, assignees, responsible people, statuses), and a body of
6–25 KB of Russian text as real protocols have:
the header, «Слушали» with the speakers' reports, «Решили» with every
decision, the signatures. Deadline wordings follow the mix of the real
documents (dates, «до …», months, «в течение учебного года», schedules,
events, quarters, «в течение 10 рабочих дней», a few the grammar cannot
place); their records come from the deadline grammar itself, so the
knowledge base validates without errors; a written day is a working day, as
in the documents. Accountability as an authority keeps it: about a third of
the tasks addressed to «руководители ОО» carry the marks of the schools that
reported (most, rarely all), and a later meeting of the same authority may
extend the deadline of an earlier decision (one protocol in six), take one off
control (one in ten), act «во исполнение» of one (one in five) or assign
control over its own decisions (one in three).
"""

from __future__ import annotations

import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # run as a script from a clean clone, before `pip install -e`

from build_tools.deadlines import parse_deadline  # noqa: E402
from build_tools.workdays import RUSSIA  # noqa: E402

MEETINGS_PER_YEAR = (12, 30)  # of one authority (see the docstring)
YEARS = 5
MAX_DECISIONS = 20
FIRST_MEETING = date(2019, 1, 9)
MEETING_SPAN_DAYS = YEARS * 365  # meetings spread over five years, so a build sees past and future deadlines

REGIONS = [
    ("Красноярский край", "Asia/Krasnoyarsk"), ("Удмуртская Республика", "Europe/Samara"),
    ("Смоленская область", "Europe/Moscow"), ("Новосибирская область", "Asia/Novosibirsk"),
    ("Свердловская область", "Asia/Yekaterinburg"), ("Республика Татарстан", "Europe/Moscow"),
    ("Иркутская область", "Asia/Irkutsk"), ("Приморский край", "Asia/Vladivostok"),
    ("Омская область", "Asia/Omsk"), ("Ростовская область", "Europe/Moscow"),
    ("Пермский край", "Asia/Yekaterinburg"), ("Самарская область", "Europe/Samara"),
]
TOWN_ROOTS = ["Берёз", "Камен", "Сосн", "Красн", "Ольх", "Лесн", "Озёр", "Речн", "Бел", "Зелен", "Светл",
              "Ключ", "Ивн", "Рябин", "Кедр", "Липецк", "Дубр", "Ясн", "Полев", "Сокол", "Журавл", "Лугов"]
TOWN_ENDINGS = ["овский", "инский", "ецкий", "огорский", "одольский", "ореченский", "янский"]
TOWN_SUFFIXES = ["овск", "инск", "ово", "ино", "огорск", "ка"]
STREETS = ["Ленина", "Советская", "Школьная", "Мира", "Молодёжная", "Центральная", "Садовая", "Гагарина"]

MALE_SURNAMES = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
                 "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
                 "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев"]
INITIALS = "АБВГДЕИКЛМНОПРСТЮЯ"
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s",
                     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
STAFF_POSITIONS = ["начальник управления образования", "заместитель начальника управления образования",
                   "главный специалист", "ведущий специалист", "методист", "консультант", "специалист по ГИА",
                   "руководитель методического центра"]

TOPICS = [
    ("О подготовке к государственной итоговой аттестации выпускников 9-х и 11-х классов", ["ГИА", "ЕГЭ", "ОГЭ"]),
    ("Об итогах всероссийских проверочных работ и объективности оценивания", ["ВПР", "объективность оценивания"]),
    ("О функционировании внутренней системы оценки качества образования", ["ВСОКО", "качество образования"]),
    ("Об организации горячего питания обучающихся начальных классов", ["питание"]),
    ("О введении обновлённых федеральных государственных образовательных стандартов", ["ФГОС"]),
    ("Об аттестации педагогических работников и повышении квалификации", ["аттестация", "кадры"]),
    ("О подготовке образовательных организаций к новому учебному году", ["приёмка ОО", "безопасность"]),
    ("Об организации летнего отдыха и оздоровления детей", ["летняя кампания"]),
    ("О работе с обучающимися, имеющими низкие образовательные результаты", ["школы с низкими результатами"]),
    ("О профилактике правонарушений и безнадзорности несовершеннолетних", ["профилактика"]),
    ("Об информационной открытости образовательных организаций", ["официальные сайты"]),
    ("О проведении школьного и муниципального этапов всероссийской олимпиады школьников", ["олимпиады"]),
]
VERBS = ["Обеспечить", "Организовать", "Провести", "Разработать и утвердить", "Усилить контроль за",
         "Принять меры по", "Проанализировать", "Рассмотреть на педагогическом совете", "Внести корректировки в",
         "Предусмотреть", "Активизировать работу по", "Информировать родителей (законных представителей) о",
         "Представить в управление образования отчёт о", "Организовать методическое сопровождение по вопросам"]
OBJECTS = ["подготовку к государственной итоговой аттестации обучающихся 9-х и 11-х классов",
           "проведение всероссийских проверочных работ в соответствии с графиком",
           "методическое сопровождение педагогических работников по вопросам аттестации",
           "объективность оценивания результатов независимых оценочных процедур",
           "работу с обучающимися, имеющими низкие образовательные результаты",
           "план мероприятий («дорожную карту») по повышению качества образования",
           "информационную открытость деятельности образовательной организации",
           "участие общественных наблюдателей в процедурах оценки качества образования",
           "функционирование внутренней системы оценки качества образования (ВСОКО)",
           "организацию горячего питания обучающихся начальных классов",
           "приведение основных образовательных программ в соответствие с требованиями ФГОС",
           "курсы повышения квалификации для руководителей и заместителей руководителей",
           "размещение на официальном сайте актуальной информации о деятельности организации",
           "мониторинг посещаемости и успеваемости обучающихся группы риска",
           "проведение родительских собраний по вопросам профилактики и безопасности детей"]
TAILS = ["с учётом результатов мониторинга", "по итогам проверки", "в разрезе классов и предметов",
         "с привлечением специалистов управления образования", "в установленные сроки",
         "в соответствии с методическими рекомендациями", "", "", ""]
REPORT_SENTENCES = [
    "Докладчик отметила, что {object} остаётся в центре внимания управления образования.",
    "По итогам мониторинга выявлены организации, в которых {object} требует дополнительного контроля.",
    "Было обращено внимание руководителей на необходимость обеспечить {object} в полном объёме.",
    "В прошедшем периоде проведено {number} выездных проверок, по их итогам направлены рекомендации.",
    "Доля организаций, выполнивших план мероприятий, составила {number} процентов, что выше показателя прошлого года.",
    "Вместе с тем сохраняются проблемы, связанные с кадровым обеспечением и нагрузкой на педагогов.",
    "Предложено рассмотреть вопрос на заседаниях методических объединений и педагогических советов.",
    "Руководителям рекомендовано проанализировать причины низких результатов и принять управленческие решения.",
    "Информация о ходе работы будет размещена на официальном сайте управления образования.",
    "Особое внимание уделено взаимодействию с родительской общественностью и общественными наблюдателями.",
    "В обсуждении приняли участие руководители образовательных организаций и специалисты методического центра.",
    "Отмечено, что {object} напрямую связано с качеством подготовки выпускников.",
]
STATUS_NOTES = ["отчёт представлен в управление образования", "вопрос снят с контроля решением совещания",
                "исполнено, информация размещена на сайте"]

# Deadline wordings with their weights, roughly the mix of the source documents:
# {d} is a day after the meeting, {m}/{m2} months, {y} a year, {q} a quarter.
DEADLINES = [
    ("до {d:%d.%m.%Y} г.", 10), ("до {d:%d.%m.%Y} года", 5), ("не позднее {d:%d.%m.%Y}", 6),
    ("{d:%d.%m.%Y} г.", 6), ("{d:%d.%m.%Y} года", 3), ("в срок до {day} {genitive} {y} года", 2),
    ("{m} {y} г.", 7), ("{m} {y} года", 3), ("{m} - {m2} {y} г.", 3),
    ("в течение учебного года", 10), ("в течение года", 4), ("постоянно", 4), ("ежеквартально", 2),
    ("ежемесячно", 2), ("в соответствии с графиком", 4), ("в соответствии с графиком проведения", 2),
    ("в период проведения ГИА-{y} г.", 3), ("по мере необходимости", 2), ("{q} квартал {y} г.", 2),
    ("до конца учебного года", 2), ("до конца {y} года", 1), ("в течение 10 рабочих дней", 1),
    ("в течение месяца со дня совещания", 1), ("к началу учебного года", 1),
    ("не позднее 5 рабочих дней со дня заседания", 1),
    ("с {d0:%d.%m.%Y} по {d:%d.%m.%Y}", 1), ("к следующему заседанию", 1),
]
MONTHS_NOMINATIVE = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                     "октябрь", "ноябрь", "декабрь"]
MONTHS_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря"]


def generate(count: int, out: Path) -> None:
    """Write N protocols and their registry into ``out`` (emptied first), with a copy of schema/."""
    rng = random.Random(count)
    if out.exists():
        shutil.rmtree(out)
    (out / "protocols/registry").mkdir(parents=True)
    shutil.copytree(REPO_ROOT / "schema", out / "schema")
    number = 0
    while count > 0:
        authority = Authority(number, rng)
        _dump(out / f"protocols/registry/{authority.id}.yaml", authority.registry())
        folder = out / "protocols" / authority.id
        folder.mkdir()
        meetings = min(count, rng.randint(*MEETINGS_PER_YEAR) * YEARS)
        days = sorted(rng.sample(range(MEETING_SPAN_DAYS), meetings))
        earlier: list[Earlier] = []
        for index, day in enumerate(days):
            meeting = FIRST_MEETING + timedelta(days=day)
            front_matter, body = ProtocolWriter(authority, meeting, rng, earlier).write()
            text = "---\n" + _yaml(front_matter) + "---\n\n" + body
            stem = f"{meeting.isoformat()}-soveshchanie-{index:03d}"
            (folder / f"{stem}.md").write_text(text, encoding="utf-8")
            earlier.append(Earlier(f"{authority.id}/{stem}", meeting, front_matter["number"],
                                   [decision["id"] for decision in front_matter["decisions"] if "deadline" in decision]))
        count -= meetings
        number += 1


class Earlier(NamedTuple):
    """A protocol already written, as a later one of the same authority refers to it."""

    id: str
    date: date
    number: str
    tasks: list[str]  # ids of its decisions with a deadline

    def wording(self, decision_id: str) -> str:
        return f"п. {decision_id} протокола от {self.date:%d.%m.%Y} № {self.number}"


class Authority:
    """One municipal education authority with everything its registry file lists."""

    def __init__(self, number: int, rng: random.Random):
        self.rng = rng
        self.id = f"uo-a{number:04d}"
        self.prefix = f"a{number:04d}"
        root = rng.choice(TOWN_ROOTS)
        self.district = root + rng.choice(TOWN_ENDINGS)  # «Берёзовский» (муниципальный район)
        self.district_genitive = self.district.removesuffix("ий") + "ого"  # «Берёзовского» (района)
        self.town = root + rng.choice(TOWN_SUFFIXES)
        self.region, self.timezone = rng.choice(REGIONS)
        self.name = f"Управление образования администрации {self.district_genitive} района № {number}"
        self.schools = [f"{self.prefix}-sosh-{i + 1}" for i in range(rng.randint(15, 35))]
        self.kindergartens = [f"{self.prefix}-dou-{i + 1}" for i in range(rng.randint(8, 20))]
        self.centres = [f"{self.prefix}-ddt", f"{self.prefix}-mmc"]
        self.groups = {"heads-oo": f"{self.prefix}-heads-oo", "heads-dou": f"{self.prefix}-heads-dou",
                       "deputies": f"{self.prefix}-zam-uvr"}
        jobs = [(position, self.id) for position in STAFF_POSITIONS] + [("директор", school) for school in self.schools]
        people = [self._person(index, position, organization) for index, (position, organization) in enumerate(jobs)]
        self.staff, self.directors = people[:len(STAFF_POSITIONS)], people[len(STAFF_POSITIONS):]

    def _person(self, index: int, position: str, organization: str) -> dict[str, str]:
        surname = self.rng.choice(MALE_SURNAMES) + ("а" if self.rng.random() < 0.8 else "")
        first, second = self.rng.choice(INITIALS), self.rng.choice(INITIALS)
        slug = "".join(TRANSLIT.get(char, char) for char in f"{surname}-{first}{second}".lower())
        return {"id": f"{self.prefix}-{slug}-{index}", "name": f"{surname} {first}. {second}.",
                "position": position, "organization": organization}

    @property
    def head(self) -> dict[str, str]:
        return self.staff[0]

    @property
    def people(self) -> list[dict[str, str]]:
        return self.staff + self.directors

    def registry(self) -> dict:
        authority = {"id": self.id, "kind": "authority", "name": self.name, "short_name": "Управление образования",
                     "aliases": [f"УО администрации {self.district_genitive} района", "Управление образования"],
                     "municipality": f"{self.district} муниципальный район", "region": self.region,
                     "timezone": self.timezone,
                     "address": f"ул. {self.rng.choice(STREETS)}, д. {self.rng.randint(1, 80)}, г. {self.town}",
                     "website": f"https://{self.prefix}.edu.example.ru/"}
        schools = [{"id": school, "kind": "school", "name": f"МБОУ «Средняя общеобразовательная школа № {i + 1}» "
                    f"г. {self.town}", "short_name": f"МБОУ СОШ № {i + 1}", "aliases": [f"СОШ № {i + 1}"],
                    "parent": self.id, "municipality": f"{self.district} муниципальный район"}
                   for i, school in enumerate(self.schools)]
        kindergartens = [{"id": dou, "kind": "kindergarten", "name": f"МБДОУ «Детский сад № {i + 1}» г. {self.town}",
                          "parent": self.id} for i, dou in enumerate(self.kindergartens)]
        centres = [{"id": self.centres[0], "kind": "additional_education", "name": f"МБУ ДО «Дом детского творчества» "
                    f"г. {self.town}", "parent": self.id},
                   {"id": self.centres[1], "kind": "methodological_centre", "name": "МКУ «Муниципальный методический "
                    f"центр» {self.district_genitive} района", "parent": self.id}]
        groups = [
            {"id": self.groups["heads-oo"], "name": "руководители общеобразовательных организаций",
             "authority": self.id, "aliases": ["руководители ОО", "руководители МОУ"], "members": self.schools},
            {"id": self.groups["heads-dou"], "name": "руководители дошкольных образовательных организаций",
             "authority": self.id, "aliases": ["руководители ДОУ"], "members": self.kindergartens},
            {"id": self.groups["deputies"], "name": "заместители руководителей по учебно-воспитательной работе",
             "authority": self.id, "note": "Состав в документах не указан."},
        ]
        return {"organizations": [authority, *schools, *kindergartens, *centres], "groups": groups,
                "people": self.people}


class ProtocolWriter:
    """One meeting of an authority: the front matter and the body that says the same in prose."""

    def __init__(self, authority: Authority, meeting: date, rng: random.Random, earlier: list[Earlier]):
        self.authority, self.meeting, self.rng, self.earlier = authority, meeting, rng, earlier
        self.number = str(rng.randint(1, 24))
        self.kind = rng.choice(["протокол", "протокол", "выписка из протокола", "решение совещания",
                                "решение коллегии"])
        self.meeting_name = ("коллегия управления образования" if self.kind == "решение коллегии"
                             else "совещание руководителей образовательных организаций")

    def write(self) -> tuple[dict, str]:
        rng, authority = self.rng, self.authority
        topics = rng.sample(TOPICS, rng.randint(1, 3))
        secretary = rng.choice(authority.staff[1:])
        speakers = rng.sample(authority.staff[1:] + authority.directors, len(topics) + rng.randint(0, 2))
        agenda = [{"id": str(index + 1), "title": title} for index, (title, _) in enumerate(topics)]
        decisions = self._decisions(agenda, speakers)
        follow_ups = self._follow_ups(str(len(agenda)), 1 + max(int(decision["id"].split(".")[0])
                                                               for decision in decisions))
        decisions += follow_ups[:MAX_DECISIONS - len(decisions)]
        tags = list(dict.fromkeys(tag for _, topic_tags in topics for tag in topic_tags))
        front_matter = {
            "kind": self.kind,
            "title": f"Протокол совещания руководителей образовательных организаций от {self.meeting:%d.%m.%Y}",
            "meeting": self.meeting_name, "authority": authority.id, "date": self.meeting.isoformat(),
            "number": self.number, "time": f"{rng.randint(9, 15)}.00 – {rng.randint(16, 17)}.30",
            "place": f"г. {authority.town}",
            "chair": {"text": f"Начальник управления образования – {authority.head['name']}",
                      "person": authority.head["id"]},
            "secretary": {"text": secretary["name"], "person": secretary["id"]},
            "attendees": [{"text": "руководители общеобразовательных организаций",
                           "organization": authority.groups["heads-oo"]},
                          {"text": "специалисты управления образования", "organization": authority.id}],
            "speakers": [{"text": f"{person['name']}, {person['position']}", "person": person["id"],
                          "organization": person["organization"]} for person in speakers],
            "agenda": agenda,
            "decisions": decisions,
            "source": {"file": f"protocol-{self.meeting.isoformat()}.docx",
                       "url": f"https://{authority.prefix}.edu.example.ru/docs/{self.meeting:%Y%m%d}.pdf",
                       "retrieved": (self.meeting + timedelta(days=rng.randint(10, 60))).isoformat()},
            "tags": tags,
        }
        if rng.random() < 0.2:
            front_matter["notes"] = ["Нумерация решений записана как в источнике."]
        return front_matter, self._body(front_matter, topics, speakers)

    def _decisions(self, agenda: list[dict], speakers: list[dict]) -> list[dict]:
        """5–20 decisions, split between the agenda items; some are headings with sub-items."""
        rng, authority = self.rng, self.authority
        total = rng.randint(5, MAX_DECISIONS)
        per_item = [total // len(agenda) + (index < total % len(agenda)) for index in range(len(agenda))]
        decisions, number = [], 0
        # About 55% of tasks go to a group, as in the source documents (the headings' sub-items included).
        addressees = [authority.groups["heads-oo"]] * 2 + [authority.groups["heads-dou"], authority.groups["deputies"],
                                                           authority.id, *authority.centres,
                                                           *rng.sample(authority.schools, 4)]
        for item, size in zip(agenda, per_item):
            while size > 0:
                number += 1
                if size >= 3 and rng.random() < 0.3:
                    children = rng.randint(2, min(size - 1, 5))
                    decisions.append({"id": str(number), "agenda": item["id"], "text": "Рекомендовать руководителям "
                                      "общеобразовательных организаций:", "assignees": [authority.groups["heads-oo"]]})
                    decisions += [self._with_marks(self._decision(f"{number}.{child}", item["id"], speakers,
                                                                  inherited=True), authority.schools)
                                  for child in range(1, children + 1)]
                    size -= children + 1
                else:
                    decision = self._decision(str(number), item["id"], speakers, inherited=False)
                    decision["assignees"] = [rng.choice(addressees)]
                    decision = {key: decision[key] for key in ("id", "agenda", "text", "assignees", *decision)
                                if key in decision}
                    if decision["assignees"] == [authority.groups["heads-oo"]]:
                        decision = self._with_marks(decision, authority.schools)
                    decisions.append(decision)
                    size -= 1
        return decisions

    def _decision(self, decision_id: str, agenda_id: str, speakers: list[dict], inherited: bool) -> dict:
        rng = self.rng
        decision = {"id": decision_id, "agenda": agenda_id, "text": _sentence(rng)}
        if rng.random() < 0.4:
            decision["responsible"] = [rng.choice(speakers)["id"]]
        if rng.random() < 0.2:
            decision["responsible_text"] = "руководители ОО" if inherited else "специалисты управления образования"
        wording = self._deadline_wording()
        parsed = parse_deadline(wording, self.meeting)
        decision["deadline"] = {key: value for key, value in (
            ("text", wording), ("kind", parsed.kind), ("start", parsed.start and parsed.start.isoformat()),
            ("due", parsed.due and parsed.due.isoformat()), ("inferred", parsed.inferred or None),
            ("recurrence", parsed.recurrence)) if value}
        roll = rng.random()
        if roll < 0.25:
            done = self.meeting + timedelta(days=rng.randint(5, 120))
            decision["status"] = {"state": "done", "date": done.isoformat(), "note": rng.choice(STATUS_NOTES)}
        elif roll < 0.27:
            decision["status"] = {"state": "cancelled", "date": self.meeting.isoformat(),
                                  "note": "вопрос снят с контроля решением совещания"}
        if rng.random() < 0.1:
            decision["tags"] = [rng.choice(TOPICS)[1][0]]
        return decision

    def _with_marks(self, decision: dict, schools: list[str]) -> dict:
        """A third of the open tasks of the schools get the marks of those that reported: most of them."""
        rng = self.rng
        if "status" in decision or "deadline" not in decision or rng.random() >= 1 / 3:
            return decision
        reported = rng.sample(schools, round(len(schools) * rng.choice([0.5, 0.7, 0.9, 0.9, 1.0])))
        marks = []
        for school in sorted(reported, key=schools.index):
            day = self.meeting + timedelta(days=rng.randint(3, 60))
            mark = {"assignee": school, "state": "done", "date": day.isoformat()}
            if rng.random() < 0.6:
                mark["reference"] = f"письмо от {day:%d.%m.%Y} № {rng.randint(1, 300)}"
            marks.append(mark)
        return {**decision, "execution": marks}

    def _follow_ups(self, agenda_id: str, number: int) -> list[dict]:
        """Decisions about earlier protocols of the authority, and «контроль … возложить»."""
        rng, decisions = self.rng, []
        candidates = [protocol for protocol in self.earlier[-6:] if protocol.tasks]
        if candidates and rng.random() < 1 / 6:
            target = rng.choice(candidates)
            decision_id = rng.choice(target.tasks)
            wording = f"до {self._working_day(self.meeting + timedelta(days=rng.randint(14, 60))):%d.%m.%Y}"
            parsed = parse_deadline(wording, self.meeting)
            decisions.append({"text": f"Продлить срок исполнения {target.wording(decision_id)} {wording}.",
                              "links": [{"type": "extends", "protocol": target.id, "decision": decision_id,
                                         "text": target.wording(decision_id),
                                         "deadline": {"text": wording, "kind": parsed.kind,
                                                      "due": parsed.due.isoformat()}}]})
        if candidates and rng.random() < 1 / 10:
            target = rng.choice(candidates)
            decision_id = rng.choice(target.tasks)
            decisions.append({"text": f"Снять с контроля {target.wording(decision_id)} как исполненный.",
                              "links": [{"type": "withdraws", "protocol": target.id, "decision": decision_id,
                                         "text": target.wording(decision_id)}]})
        if candidates and rng.random() < 1 / 5:
            target = rng.choice(candidates)
            decision_id = rng.choice(target.tasks)
            decisions.append({"text": f"Во исполнение {target.wording(decision_id)} представить в управление "
                                      "образования информацию о ходе работы.",
                              "assignees": [self.authority.groups["heads-oo"]],
                              "deadline": {"text": "в течение 10 рабочих дней со дня заседания", "kind": "within",
                                           **self._working_days(10)},
                              "links": [{"type": "executes", "protocol": target.id, "decision": decision_id,
                                         "text": target.wording(decision_id)}]})
        if rng.random() < 1 / 3:
            person = rng.choice(self.authority.staff[1:3])
            decisions.append({"text": f"Контроль за исполнением решения возложить на {person['name']}.",
                              "responsible": [person["id"]], "links": [{"type": "controls"}]})
        return [{"id": str(number + index), "agenda": agenda_id, **decision} for index, decision in enumerate(decisions)]

    def _working_days(self, count: int) -> dict:
        parsed = parse_deadline(f"в течение {count} рабочих дней со дня заседания", self.meeting)
        return {"start": parsed.start.isoformat(), "due": parsed.due.isoformat(), "inferred": True}

    @staticmethod
    def _working_day(day: date) -> date:
        while not RUSSIA.is_working_day(day):
            day += timedelta(days=1)
        return day

    def _deadline_wording(self) -> str:
        rng, meeting = self.rng, self.meeting
        due = self._working_day(meeting + timedelta(days=rng.randint(7, 240)))
        start = meeting + timedelta(days=rng.randint(1, 6))
        template = rng.choices([wording for wording, _ in DEADLINES], [weight for _, weight in DEADLINES])[0]
        return template.format(d=due, d0=start, day=due.day, genitive=MONTHS_GENITIVE[due.month - 1],
                               m=MONTHS_NOMINATIVE[due.month - 1], m2=MONTHS_NOMINATIVE[min(due.month, 11)],
                               y=due.year, q=(due.month - 1) // 3 + 1)

    def _body(self, front_matter: dict, topics: list[tuple[str, list[str]]], speakers: list[dict]) -> str:
        """The document as written: header, attendance, reports, decisions, signatures."""
        rng, authority = self.rng, self.authority
        lines = ["РОССИЙСКАЯ ФЕДЕРАЦИЯ", "", authority.name.upper(), "",
                 f"**{self.kind.upper()}**", self.meeting_name, "",
                 f"{self.meeting:%d.%m.%Y} г. {authority.town}", "", f"№ {self.number}", "",
                 "Председательствовал:", "", front_matter["chair"]["text"], "", "Секретарь:", "",
                 front_matter["secretary"]["text"], "",
                 "Присутствовали: руководители общеобразовательных организаций, специалисты управления образования, "
                 "методисты муниципального методического центра.", "", "**Повестка:**", ""]
        lines += [f"{index}. {title}." for index, (title, _) in enumerate(topics, start=1)]
        for index, (title, _) in enumerate(topics, start=1):
            speaker = speakers[(index - 1) % len(speakers)]
            lines += ["", f"**{index}. Слушали: {speaker['name']}, {speaker['position']}, «{title}».**", ""]
            lines += [_paragraph(rng) for _ in range(rng.randint(3, 6))]
        lines += ["", "**Решили:**", ""]
        for decision in front_matter["decisions"]:
            line = f"{decision['id']}. {decision['text']}"
            if "deadline" in decision:
                line += f" Срок: {decision['deadline']['text']}."
            if "responsible_text" in decision:
                line += f" Ответственные: {decision['responsible_text']}."
            lines += [line, ""]
        lines += ["Председатель", "", authority.head["name"], "", "Секретарь", "", front_matter["secretary"]["text"]]
        return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def _sentence(rng: random.Random) -> str:
    parts = [rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.6:
        parts += [rng.choice(["и", "а также"]), rng.choice(OBJECTS)]
    tail = rng.choice(TAILS)
    return " ".join(parts + ([tail] if tail else [])) + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(REPORT_SENTENCES).format(object=rng.choice(OBJECTS), number=rng.randint(3, 95))
                    for _ in range(rng.randint(3, 7)))


class _Dumper(yaml.SafeDumper):
    """Writes a list used twice in full: the knowledge base refuses YAML anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def _dump(path: Path, data: dict) -> None:
    path.write_text(_yaml(data), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("использование: python benchmarks/generate.py N OUT_DIR (N — число протоколов, не меньше 1)")
    generate(int(sys.argv[1]), Path(sys.argv[2]))
