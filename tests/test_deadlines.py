"""Table-driven tests of the deadline grammar (build_tools/deadlines.py)."""

import random
from datetime import date

import pytest

from build_tools.deadlines import DEFAULT_RULES, KINDS, RECURRENCES, Deadline, DeadlineRules, parse_deadline

D = date
M2019 = D(2019, 11, 22)   # a Friday
M2020S = D(2020, 9, 9)
M2020 = D(2020, 10, 7)    # a Wednesday
M2022 = D(2022, 1, 12)

# (id, wording, meeting, kind, start, due, inferred, recurrence)
CASES = [
    # date: one exact day
    ("date-numeric-g", "04.12.2019 г.", M2019, "date", None, D(2019, 12, 4), False, None),
    ("date-numeric-goda", "05.12.2019 года", M2019, "date", None, D(2019, 12, 5), False, None),
    ("date-stray-space", "25.12. 2019", M2019, "date", None, D(2019, 12, 25), False, None),
    ("date-words", "4 декабря 2019 г.", M2019, "date", None, D(2019, 12, 4), False, None),
    ("date-two-digit-year", "04.12.19", M2019, "date", None, D(2019, 12, 4), False, None),
    ("date-glued-g", "04.12.2019г.", M2019, "date", None, D(2019, 12, 4), False, None),
    ("date-quoted-day", "«25» декабря 2020 г.", M2020, "date", None, D(2020, 12, 25), False, None),
    ("date-no-year", "25 декабря", M2020, "date", None, D(2020, 12, 25), True, None),
    ("date-no-year-next", "15 сентября", M2020, "date", None, D(2021, 9, 15), True, None),
    ("date-iso", "2019-12-04", M2019, "date", None, D(2019, 12, 4), False, None),
    # by: until a day
    ("by-numeric", "до 25.12.2019", M2019, "by", None, D(2019, 12, 25), False, None),
    ("by-stray-space", "до 25.12. 2019 года", M2019, "by", None, D(2019, 12, 25), False, None),
    ("by-ne-pozdnee", "не позднее 19.01.2022", M2022, "by", None, D(2022, 1, 19), False, None),
    ("by-line-breaks", "не позднее\n\n19.01.2022", M2022, "by", None, D(2022, 1, 19), False, None),
    ("by-v-srok-do", "в срок до 27 июня 2014 года", M2022, "by", None, D(2014, 6, 27), False, None),
    ("by-words", "до 1 октября 2004 года", M2022, "by", None, D(2004, 10, 1), False, None),
    ("by-v-srok-ne-pozdnee", "в срок не позднее 01.02.2022", M2022, "by", None, D(2022, 2, 1), False, None),
    ("by-no-year", "до 25 декабря", M2019, "by", None, D(2019, 12, 25), True, None),
    ("by-no-year-next-year", "до 10 января", M2019, "by", None, D(2020, 1, 10), True, None),
    ("by-no-year-meeting-day", "до 22 ноября", M2019, "by", None, D(2019, 11, 22), True, None),
    ("by-end-of-year", "до конца 2020 года", M2020, "by", None, D(2020, 12, 31), True, None),
    ("by-end-of-month", "до конца месяца", M2020, "by", None, D(2020, 10, 31), True, None),
    ("by-end-of-school-year", "до конца учебного года", M2020, "by", None, D(2021, 5, 31), True, None),
    ("by-end-of-quarter", "до конца I квартала 2021 г.", M2020, "by", None, D(2021, 3, 31), True, None),
    ("by-end-of-current-year", "до конца текущего года", M2020, "by", None, D(2020, 12, 31), True, None),
    ("by-start-of-school-year", "к началу учебного года", M2020, "by", None, D(2021, 9, 1), True, None),
    ("by-start-of-named-school-year", "до начала 2021-2022 учебного года", M2020, "by", None,
     D(2021, 9, 1), True, None),
    ("by-k", "к 1 сентября 2021 г.", M2020, "by", None, D(2021, 9, 1), False, None),
    ("by-inclusive", "до 25.12.2020 (включительно)", M2020, "by", None, D(2020, 12, 25), False, None),
    ("by-srok-colon", "Срок: до 25.12.2020", M2020, "by", None, D(2020, 12, 25), False, None),
    ("by-upper-case", "ДО 25.12.2020 Г.", M2020, "by", None, D(2020, 12, 25), False, None),
    # month
    ("month-nominative", "апрель 2020 года", M2019, "month", D(2020, 4, 1), D(2020, 4, 30), True, None),
    ("month-g", "декабрь 2021 г.", M2020, "month", D(2021, 12, 1), D(2021, 12, 31), True, None),
    ("month-prepositional", "в апреле 2021 г.", M2020, "month", D(2021, 4, 1), D(2021, 4, 30), True, None),
    ("month-bare-year", "ноябрь 2019", M2019, "month", D(2019, 11, 1), D(2019, 11, 30), True, None),
    ("month-glued-g", "Декабрь 2020г.", M2020, "month", D(2020, 12, 1), D(2020, 12, 31), True, None),
    ("month-no-year-this", "октябрь", M2020, "month", D(2020, 10, 1), D(2020, 10, 31), True, None),
    ("month-no-year-next", "в сентябре", M2020, "month", D(2021, 9, 1), D(2021, 9, 30), True, None),
    ("month-genitive", "в течение августа 2021 г.", M2020, "month", D(2021, 8, 1), D(2021, 8, 31), True, None),
    ("month-prepositional-january", "в январе 2021 г.", M2020, "month", D(2021, 1, 1), D(2021, 1, 31), True, None),
    ("month-current", "в текущем месяце", M2020, "month", D(2020, 10, 1), D(2020, 10, 31), True, None),
    # months
    ("months-hyphen", "февраль - март 2021 г.", M2020, "months", D(2021, 2, 1), D(2021, 3, 31), True, None),
    ("months-plain", "июль - август 2015", M2020, "months", D(2015, 7, 1), D(2015, 8, 31), True, None),
    ("months-en-dash-two-years", "декабрь 2020 – январь 2021", M2020, "months", D(2020, 12, 1),
     D(2021, 1, 31), True, None),
    ("months-no-year", "сентябрь-октябрь", M2020, "months", D(2021, 9, 1), D(2021, 10, 31), True, None),
    ("months-wrap-year-on-last", "ноябрь—январь 2021", M2020, "months", D(2020, 11, 1), D(2021, 1, 31), True, None),
    ("months-wrap-no-year", "ноябрь - январь", M2020, "months", D(2020, 11, 1), D(2021, 1, 31), True, None),
    ("months-prepositional", "в феврале-марте 2022 года", M2022, "months", D(2022, 2, 1), D(2022, 3, 31), True, None),
    ("months-comma", "ноябрь, декабрь 2020", M2020, "months", D(2020, 11, 1), D(2020, 12, 31), True, None),
    # quarter, half_year, year
    ("quarter-arabic", "4 квартал 2006 г.", M2020, "quarter", D(2006, 10, 1), D(2006, 12, 31), True, None),
    ("quarter-roman", "IV квартал 2021 года", M2020, "quarter", D(2021, 10, 1), D(2021, 12, 31), True, None),
    ("quarter-prepositional", "в I квартале 2022 г.", M2022, "quarter", D(2022, 1, 1), D(2022, 3, 31), True, None),
    ("quarter-ordinal-word", "в течение второго квартала 2021 г.", M2020, "quarter", D(2021, 4, 1),
     D(2021, 6, 30), True, None),
    ("quarter-yo", "в четвёртом квартале 2021 г.", M2020, "quarter", D(2021, 10, 1), D(2021, 12, 31), True, None),
    ("quarter-no-year", "в 3-м квартале", M2020, "quarter", D(2021, 7, 1), D(2021, 9, 30), True, None),
    ("quarter-abbreviated", "4 кв. 2021 г.", M2020, "quarter", D(2021, 10, 1), D(2021, 12, 31), True, None),
    ("half-year-arabic", "1 полугодие 2021 г.", M2020, "half_year", D(2021, 1, 1), D(2021, 6, 30), True, None),
    ("half-year-roman", "II полугодие 2020 года", M2020, "half_year", D(2020, 7, 1), D(2020, 12, 31), True, None),
    ("half-year-word", "во втором полугодии 2021 г.", M2020, "half_year", D(2021, 7, 1), D(2021, 12, 31), True, None),
    ("half-year-school", "в 1 полугодии 2020-2021 учебного года", M2020, "half_year", D(2020, 9, 1),
     D(2020, 12, 31), True, None),
    ("half-year-school-second", "2 полугодие 2020/21 уч. г.", M2020, "half_year", D(2021, 1, 1),
     D(2021, 5, 31), True, None),
    ("year-god", "2021 год", M2020, "year", D(2021, 1, 1), D(2021, 12, 31), True, None),
    ("year-v-godu", "в 2021 году", M2020, "year", D(2021, 1, 1), D(2021, 12, 31), True, None),
    ("year-glued", "2021г.", M2020, "year", D(2021, 1, 1), D(2021, 12, 31), True, None),
    ("year-v-techenie", "в течение 2021 года", M2020, "year", D(2021, 1, 1), D(2021, 12, 31), True, None),
    # range
    ("range-numeric", "с 01.02.2021 по 15.03.2021", M2020, "range", D(2021, 2, 1), D(2021, 3, 15), False, None),
    ("range-shared-month", "с 1 по 15 марта 2021 г.", M2020, "range", D(2021, 3, 1), D(2021, 3, 15), False, None),
    ("range-words", "в период с 1 февраля по 15 марта 2021 года", M2020, "range", D(2021, 2, 1),
     D(2021, 3, 15), False, None),
    ("range-dash", "01.02.2021 - 15.03.2021", M2020, "range", D(2021, 2, 1), D(2021, 3, 15), False, None),
    ("range-day-dash", "1-15 марта 2021 г.", M2020, "range", D(2021, 3, 1), D(2021, 3, 15), False, None),
    ("range-across-new-year", "с 20 декабря по 10 января 2021 г.", M2020, "range", D(2020, 12, 20),
     D(2021, 1, 10), True, None),
    # school_year
    ("school-year-current", "в течение учебного года", M2020S, "school_year", M2020S, D(2021, 5, 31), True, None),
    ("school-year-named", "в течение 2020-2021 учебного года", M2020S, "school_year", D(2020, 9, 1),
     D(2021, 5, 31), True, None),
    ("school-year-slash", "2020/2021 учебный год", M2020, "school_year", D(2020, 9, 1), D(2021, 5, 31), True, None),
    ("school-year-prepositional", "в 2021-2022 учебном году", M2022, "school_year", D(2021, 9, 1),
     D(2022, 5, 31), True, None),
    ("school-year-meeting-in-spring", "в течение учебного года", M2022, "school_year", M2022,
     D(2022, 5, 31), True, None),
    ("school-year-meeting-in-summer", "в течение учебного года", D(2021, 6, 15), "school_year", D(2021, 6, 15),
     D(2022, 5, 31), True, None),
    ("school-year-meeting-on-end", "в течение учебного года", D(2021, 5, 31), "school_year", D(2021, 5, 31),
     D(2022, 5, 31), True, None),
    ("school-year-next", "в новом учебном году", M2020, "school_year", D(2021, 9, 1), D(2022, 5, 31), True, None),
    # within
    ("within-year", "в течение года", M2020, "within", M2020, D(2021, 10, 6), True, None),
    ("within-month", "в течение месяца", M2020, "within", M2020, D(2020, 11, 6), True, None),
    ("within-days-meeting", "в течение 5 дней со дня совещания", M2019, "within", M2019, D(2019, 11, 27), True, None),
    ("within-days-session", "в течение 5 дней со дня заседания", M2019, "within", M2019, D(2019, 11, 27), True, None),
    ("within-days-signing", "в течение 5 дней со дня подписания протокола", M2019, "within", M2019,
     D(2019, 11, 27), True, None),
    ("within-working-days", "в течение 10 рабочих дней", M2020, "within", M2020, D(2020, 10, 21), True, None),
    ("within-working-days-over-weekend", "в течение 1 рабочего дня", M2019, "within", M2019,
     D(2019, 11, 25), True, None),
    ("within-unknown-anchor", "в течение 5 дней со дня получения протокола", M2019, "within", None, None,
     False, None),
    ("within-number-word", "в течение двух недель", M2020, "within", M2020, D(2020, 10, 21), True, None),
    ("within-number-in-brackets", "в течение 5 (пяти) рабочих дней после заседания", M2020, "within", M2020,
     D(2020, 10, 14), True, None),
    ("within-adjective", "в трехдневный срок", M2020, "within", M2020, D(2020, 10, 10), True, None),
    ("within-adjective-unknown-anchor", "в 10-дневный срок со дня получения письма", M2020, "within", None,
     None, False, None),
    ("within-months-anchor", "в течение 3 месяцев с момента подписания протокола", M2020, "within", M2020,
     D(2021, 1, 6), True, None),
    # recurring
    ("recurring-quarterly", "ежеквартально", M2020, "recurring", None, None, False, "quarterly"),
    ("recurring-quarterly-detail", "ежеквартально до 5 числа месяца, следующего за отчётным", M2020, "recurring",
     None, None, False, "quarterly"),
    ("recurring-monthly", "ежемесячно", M2020, "recurring", None, None, False, "monthly"),
    ("recurring-weekly", "еженедельно", M2020, "recurring", None, None, False, "weekly"),
    ("recurring-yearly", "ежегодно", M2020, "recurring", None, None, False, "yearly"),
    ("recurring-daily", "ежедневно", M2020, "recurring", None, None, False, "daily"),
    ("recurring-each-month", "до 20 числа каждого месяца", M2020, "recurring", None, None, False, "monthly"),
    ("recurring-once-a-quarter", "1 раз в квартал", M2020, "recurring", None, None, False, "quarterly"),
    ("recurring-weekday", "каждую пятницу", M2020, "recurring", None, None, False, "weekly"),
    # ongoing
    ("ongoing-postoyanno", "постоянно", M2020, "ongoing", None, None, False, None),
    ("ongoing-sistematicheski", "систематически", M2020, "ongoing", None, None, False, None),
    ("ongoing-regulyarno", "регулярно", M2020, "ongoing", None, None, False, None),
    ("ongoing-whole-period", "в течение всего периода", M2020, "ongoing", None, None, False, None),
    ("ongoing-basis", "на постоянной основе", M2020, "ongoing", None, None, False, None),
    # schedule
    ("schedule-grafik", "в соответствии с графиком", M2020, "schedule", None, None, False, None),
    ("schedule-grafik-long", "в соответствии с графиком проведения независимых оценочных процедур", M2020,
     "schedule", None, None, False, None),
    ("schedule-po-grafiku", "по графику", M2020, "schedule", None, None, False, None),
    ("schedule-soglasno", "согласно графику", M2020, "schedule", None, None, False, None),
    ("schedule-established", "в установленные сроки", M2020, "schedule", None, None, False, None),
    ("schedule-sroki-comma", "в сроки, установленные приказом управления образования", M2020, "schedule",
     None, None, False, None),
    ("schedule-plan", "в соответствии с планом работы", M2020, "schedule", None, None, False, None),
    # event
    ("event-gia", "в период проведения ГИА-2021 г.", M2020, "event", None, None, False, None),
    ("event-preparation", "в период подготовки к ГИА", M2020, "event", None, None, False, None),
    ("event-need", "по мере необходимости", M2020, "event", None, None, False, None),
    ("event-results", "по итогам мониторинга", M2020, "event", None, None, False, None),
    ("event-during", "в ходе проверки", M2020, "event", None, None, False, None),
    # unparsed
    ("unparsed-someday", "когда-нибудь", M2020, "unparsed", None, None, False, None),
    ("unparsed-empty", "", M2020, "unparsed", None, None, False, None),
    ("unparsed-blank", "  \n\t ", M2020, "unparsed", None, None, False, None),
    ("unparsed-impossible-date", "31.02.2021", M2020, "unparsed", None, None, False, None),
    ("unparsed-impossible-by", "до 32 декабря 2020", M2020, "unparsed", None, None, False, None),
    ("unparsed-range-ends-before-it-starts", "с 15 марта по 10 марта 2021", M2020, "unparsed", None, None, False, None),
    ("unparsed-range-ends-before-it-starts-numeric", "с 15.03 по 10.03.2021", M2020, "unparsed", None, None, False,
     None),
    ("unparsed-impossible-month", "01.13.2021", M2020, "unparsed", None, None, False, None),
    ("unparsed-ambiguous-until-year", "до 2021 года", M2020, "unparsed", None, None, False, None),
    ("unparsed-years", "2021-2022 годы", M2020, "unparsed", None, None, False, None),
    ("unparsed-bad-quarter", "5 квартал 2021", M2020, "unparsed", None, None, False, None),
    ("unparsed-bad-school-year", "2020-2022 учебный год", M2020, "unparsed", None, None, False, None),
    ("unparsed-backward-range", "с 15 по 1 марта 2021", M2020, "unparsed", None, None, False, None),
    ("unparsed-start-only", "с 01.02.2021", M2020, "unparsed", None, None, False, None),
]


@pytest.mark.parametrize(
    "text, meeting, kind, start, due, inferred, recurrence",
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_parse(text, meeting, kind, start, due, inferred, recurrence):
    assert parse_deadline(text, meeting) == Deadline(text, kind, start, due, inferred, recurrence)


def test_case_ids_are_unique():
    ids = [case[0] for case in CASES]
    assert len(ids) == len(set(ids))


def test_every_kind_is_exercised():
    assert {case[3] for case in CASES} == set(KINDS)
    assert {case[7] for case in CASES} - {None} == set(RECURRENCES)


@pytest.mark.parametrize("text", ["  до 25.12.2019 г.  ", "Апрель 2020 Года", "ЕЖЕМЕСЯЧНО", "в\u00a0течение\tгода"])
def test_text_is_kept_verbatim(text):
    assert parse_deadline(text, M2020).text == text


def _random_strings(count: int) -> list[str]:
    rng = random.Random(20201007)
    alphabet = "0123456789..../-–— гдокяабвнрстуфхцчшщыэюяёГДО\n\t«»()," + "IVX" + "январядекабрьквартал"
    words = ["до", "с", "по", "в течение", "г.", "года", "квартал", "полугодие", "учебного года", "дней",
             "рабочих", "декабря", "2021", "31.02", "99.99.9999", "0", "-", "не позднее", "конца", "начала",
             "ежемесячно", "1", "IV", "2020-2021", "со дня", "совещания", "999999999999", "29.02.2021"]
    result = []
    for _ in range(count):
        if rng.random() < 0.5:
            result.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))))
        else:
            result.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))))
    return result


@pytest.mark.parametrize("meeting", [M2019, M2020, D(1, 1, 1), D(9999, 12, 31)], ids=str)
def test_never_raises_on_junk(meeting):
    for text in _random_strings(400):
        deadline = parse_deadline(text, meeting)
        assert deadline.text == text
        assert deadline.kind in KINDS
        if deadline.kind == "unparsed":
            assert (deadline.start, deadline.due, deadline.inferred, deadline.recurrence) == (None, None, False, None)
        if deadline.start and deadline.due:
            assert deadline.start <= deadline.due


@pytest.mark.parametrize("text", ["\x00", "\ud800", "٣١.١٢.٢٠٢٠", "²².¹².²⁰²⁰", "в течение 99999999 дней",
                                  "до 01.01.10000", "в течение 9999999999999999999999 лет", "İ" * 50, "." * 1000])
def test_never_raises_on_odd_strings(text):
    assert parse_deadline(text, M2020).kind in KINDS


def test_school_year_end_is_configurable():
    rules = DeadlineRules(school_year_end=(6, 30))
    assert parse_deadline("в течение учебного года", M2020S, rules).due == D(2021, 6, 30)
    assert parse_deadline("до конца учебного года", M2020S, rules).due == D(2021, 6, 30)
    assert parse_deadline("2020/2021 учебный год", M2020S, rules).due == D(2021, 6, 30)
    # a meeting on 2021-06-15 is still in the 2020/2021 school year under these rules
    assert parse_deadline("в течение учебного года", D(2021, 6, 15), rules).due == D(2021, 6, 30)
    assert parse_deadline("в течение учебного года", D(2021, 6, 15), DEFAULT_RULES).due == D(2022, 5, 31)


def test_school_year_start_is_configurable():
    rules = DeadlineRules(school_year_start=(9, 2))
    assert parse_deadline("2020/2021 учебный год", M2020, rules).start == D(2020, 9, 2)


def test_until_exclusive_is_configurable():
    rules = DeadlineRules(until_inclusive=False)
    assert parse_deadline("до 25.12.2019", M2019, rules).due == D(2019, 12, 24)
    assert parse_deadline("не позднее 25.12.2019", M2019, rules).due == D(2019, 12, 25)


def test_two_digit_century_is_configurable():
    rules = DeadlineRules(two_digit_year_century=1900)
    assert parse_deadline("04.12.99", M2019, rules).due == D(1999, 12, 4)


@pytest.mark.parametrize("text", ["1021г.", "до 25.12.2519", "февраль - март 2321 г.", "04.12.20019"])
def test_implausible_years_are_unparsed(text):
    assert parse_deadline(text, M2020) == Deadline(text, "unparsed")


def test_plausible_years_are_configurable():
    rules = DeadlineRules(plausible_years=(1000, 3000))
    assert parse_deadline("1021 год", M2020, rules).start == D(1021, 1, 1)


# --- working days: the Russian production calendar (build_tools/workdays.py) ---------------------

# (id, wording, meeting, due): each checked against the published production calendar of its year.
WORKING_DAY_CASES = [
    ("2020-plain-weeks", "в течение 10 рабочих дней", D(2020, 10, 7), D(2020, 10, 21)),
    ("2024-working-saturday-27-april", "в течение 2 рабочих дней", D(2024, 4, 25), D(2024, 4, 27)),
    ("2024-days-off-29-30-april-and-1-may", "в течение 3 рабочих дней", D(2024, 4, 25), D(2024, 5, 2)),
    ("2024-may-holidays", "не позднее 3 рабочих дней", D(2024, 5, 6), D(2024, 5, 13)),
    ("2024-from-the-meeting-over-may", "в течение 10 рабочих дней со дня заседания", D(2024, 4, 22), D(2024, 5, 8)),
    ("2024-working-saturday-28-december", "в течение 1 рабочего дня", D(2024, 12, 27), D(2024, 12, 28)),
    ("2024-new-year-holidays", "в течение 2 рабочих дней", D(2024, 12, 27), D(2025, 1, 9)),
    ("2026-defender-day", "в течение 2 рабочих дней", D(2026, 2, 20), D(2026, 2, 25)),
    ("2026-women-day-moved-to-monday", "не позднее 1 рабочего дня", D(2026, 3, 6), D(2026, 3, 10)),
]


@pytest.mark.parametrize("text, meeting, due", [case[1:] for case in WORKING_DAY_CASES],
                         ids=[case[0] for case in WORKING_DAY_CASES])
def test_working_days_follow_the_production_calendar(text, meeting, due):
    assert parse_deadline(text, meeting) == Deadline(text, "within", meeting, due, True)


def test_working_days_skip_extra_holidays_on_top_of_the_calendar():
    rules = DeadlineRules(holidays=frozenset({D(2020, 10, 8)}))
    assert parse_deadline("в течение 2 рабочих дней", M2020, rules).due == D(2020, 10, 12)


# School-year conventions (DeadlineRules.school_holidays, school_first_half_end, school_year_end): terms,
# halves and holidays of the school year; dates are inferred.
AUGUST = D(2025, 8, 28)      # the August meeting before a school year
SCHOOL_YEAR_CASES = [
    # halves without a year: the school year's, the first one not ended at the meeting
    ("first-half-end-august", "до конца первого полугодия", AUGUST, "by", None, D(2025, 12, 31)),
    ("first-half-end-roman", "до конца I полугодия", M2020, "by", None, D(2020, 12, 31)),
    ("first-half-after-it", "в первом полугодии", D(2021, 2, 10), "half_year", D(2021, 9, 1), D(2021, 12, 31)),
    ("second-half", "во втором полугодии", M2020, "half_year", D(2021, 1, 1), D(2021, 5, 31)),
    ("half-of-school-year", "в течение 1 полугодия учебного года", M2020, "half_year", D(2020, 9, 1),
     D(2020, 12, 31)),
    ("second-half-start", "до начала второго полугодия", M2020, "by", None, D(2021, 1, 1)),
    ("half-with-calendar-year", "в первом полугодии 2021 г.", M2020, "half_year", D(2021, 1, 1), D(2021, 6, 30)),
    # terms («четверти»): between the holidays
    ("term-end", "до конца первой четверти", AUGUST, "by", None, D(2025, 10, 26)),
    ("term-start", "до начала второй четверти", AUGUST, "by", None, D(2025, 11, 5)),
    ("term-start-passed", "к началу второй четверти", D(2025, 12, 1), "by", None, D(2026, 11, 5)),
    ("term-current", "до конца четверти", D(2020, 11, 20), "by", None, D(2020, 12, 28)),
    ("term", "во 2 четверти", M2020, "quarter", D(2020, 11, 5), D(2020, 12, 28)),
    ("term-fourth", "в течение IV четверти", M2020, "quarter", D(2021, 4, 1), D(2021, 5, 31)),
    ("term-named-year", "в I четверти 2021-2022 учебного года", M2020, "quarter", D(2021, 9, 1), D(2021, 10, 26)),
    # holidays: named ones not ended at the meeting; «на каникулах» — the next ones to begin
    ("holidays-next", "на каникулах", AUGUST, "range", D(2025, 10, 27), D(2025, 11, 4)),
    ("holidays-next-during-autumn", "на каникулах", D(2020, 10, 30), "range", D(2020, 12, 29), D(2021, 1, 8)),
    ("holidays-autumn", "в период осенних каникул", M2020, "range", D(2020, 10, 27), D(2020, 11, 4)),
    ("holidays-winter", "в зимние каникулы", M2020, "range", D(2020, 12, 29), D(2021, 1, 8)),
    ("holidays-spring", "во время весенних каникул", M2020, "range", D(2021, 3, 23), D(2021, 3, 31)),
    ("holidays-summer", "в летний период", M2020, "range", D(2021, 6, 1), D(2021, 8, 31)),
    ("holidays-summer-word", "летом", D(2021, 5, 20), "range", D(2021, 6, 1), D(2021, 8, 31)),
    # the school year
    ("school-year-end-august", "до конца учебного года", AUGUST, "by", None, D(2026, 5, 31)),
    ("school-year-start-august", "к началу нового учебного года", AUGUST, "by", None, D(2025, 9, 1)),
    ("school-year-new", "к новому учебному году", D(2025, 5, 20), "by", None, D(2025, 9, 1)),
]


@pytest.mark.parametrize("text, meeting, kind, start, due", [case[1:] for case in SCHOOL_YEAR_CASES],
                         ids=[case[0] for case in SCHOOL_YEAR_CASES])
def test_school_year_conventions(text, meeting, kind, start, due):
    assert parse_deadline(text, meeting) == Deadline(text, kind, start, due, True)


@pytest.mark.parametrize("text", ["до конца пятой четверти", "в третьем полугодии", "в III полугодии",
                                  "в I четверти 2021-2023 учебного года"])
def test_school_periods_that_do_not_exist_are_unparsed(text):
    assert parse_deadline(text, M2020).kind == "unparsed"


def test_school_holidays_and_terms_are_configurable():
    rules = DeadlineRules(school_holidays=(((11, 1), (11, 9)), ((12, 31), (1, 10)), ((3, 20), (3, 28))))
    assert parse_deadline("в период осенних каникул", M2020, rules).start == D(2020, 11, 1)
    assert parse_deadline("до конца первой четверти", M2020, rules).due == D(2020, 10, 31)
    assert parse_deadline("до начала третьей четверти", M2020, rules).due == D(2021, 1, 11)
