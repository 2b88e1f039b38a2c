"""What the site shows of accountability (docs/format/execution.md, «Где это видно»): deadlines and
statuses in force, links between decisions both ways, the executors' marks, the справка page.

The knowledge base is the test one (tests/fixtures/kb): п. 2.1 of the meeting of 15 January 2020 is
extended by п. 1 of 2 March, п. 2 of 2 March is done by one of the two schools of its group, and
here a third meeting (16 March, `WITHDRAWAL`) takes п. 3 of 2 March off control.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from build_tools.model import Execution, Progress, Registry, State, Status
from build_tools.pipeline import load_knowledge_base
from build_tools.report.content import PENDING_SHOWN
from build_tools.site.fragments import OVERDUE, OVERDUE_ADVICE, progress_line
from build_tools.site.pages import SiteContext, site_pages
from build_tools.site.plan import plan_site
from conftest import FIXTURES, REPO_ROOT

TODAY = date(2020, 3, 20)
SITE_URL = "https://example.org/protocols/"
NNBSP = "\u202f"
JANUARY = "protocols/uo-test/2020-01-15-soveshchanie/"
MARCH = "protocols/uo-test/2020-03-02-soveshchanie/"
WITHDRAWAL_PAGE = "protocols/uo-test/2020-03-16-soveshchanie/"
WITHDRAWAL = """---
kind: решение совещания
title: О снятии с контроля
authority: uo-test
date: 2020-03-16
number: "3"
decisions:
  - id: "1"
    text: Снять с контроля п. 3 решения совещания от 02.03.2020 № 2.
    links:
      - type: withdraws
        protocol: uo-test/2020-03-02-soveshchanie
        decision: "3"
        text: п. 3 решения совещания от 02.03.2020 № 2
---
Снять с контроля п. 3 решения совещания от 02.03.2020 № 2.
"""


def write_withdrawal(root: Path) -> Path:
    """The test knowledge base at ``root`` with a third meeting that takes a decision off control."""
    (root / "protocols/uo-test/2020-03-16-soveshchanie.md").write_text(WITHDRAWAL, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("accountability") / "kb"
    shutil.copytree(FIXTURES / "kb", root)
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    result = load_knowledge_base(write_withdrawal(root))
    assert result.errors == []
    kb = result.knowledge_base
    context = SiteContext(kb, plan_site(kb.protocols, kb.registry, TODAY), SITE_URL)
    return {page.url: page.markdown for page in site_pages(context, context.plan.parts[0])}


def row(markdown: str, decision_id: str) -> list[str]:
    """The cells of a decision's row in the decisions table of a protocol page."""
    anchor = "d-" + decision_id.replace(".", "-")
    [line] = [line for line in markdown.splitlines() if line.startswith(f"| [{decision_id}](#{anchor})")]
    return [cell.strip() for cell in line.strip("|").split(" | ")]


def task_row(markdown: str, decision_id: str) -> str:
    """The row of a task table whose task is the decision ``decision_id``."""
    [line] = [line for line in markdown.splitlines() if f'#d-{decision_id.replace(".", "-")}">п. {decision_id}</a>'
              in line and line.startswith("| ")]
    return line


# --- deadlines in force ---------------------------------------------------------------------------


def test_an_extended_decision_shows_both_deadlines_and_the_decision_that_changed_it(pages):
    deadline = row(pages[JANUARY], "2.1")[4]
    assert deadline == ("<del>до 24.01.2020 г.</del><br>"
                        'изменён: до 20.03.2020 — <a href="../2020-03-02-soveshchanie/#d-1">'
                        f"решение от 2 марта 2020 г. № 2, п. 1</a><br>"
                        f'→ <time datetime="2020-03-20" data-due>20 марта 2020{NNBSP}г.</time>')


def test_a_task_row_elsewhere_shows_the_deadline_in_force_and_says_it_was_changed(pages):
    line = task_row(pages["group/test-heads-oo/2019-2020/"], "2.1")
    assert ('| до 20.03.2020 <span class="pk-changed" title="Первоначальный срок: до 24.01.2020 г.">(изменён)</span>'
            f'<br>→ <time datetime="2020-03-20" data-due>20 марта 2020{NNBSP}г.</time> |') in line


def test_an_extended_task_is_not_overdue_before_its_new_deadline(pages):
    line = task_row(pages["org/school-2/"], "2.1")  # due 24 January as written, 20 March in force
    assert OVERDUE_ADVICE not in line
    assert "### Срок в ближайшие 30 дней · 1 поручение {#soon}" in pages["org/school-2/"]


# --- statuses in force ----------------------------------------------------------------------------


def test_a_decision_taken_off_control_by_a_later_one_shows_that_status_with_a_link(pages):
    assert row(pages[MARCH], "3")[5] == (f"снято с контроля 16 марта 2020{NNBSP}г.<br>"
                                         '<a href="../2020-03-16-soveshchanie/#d-1">'
                                         f"решение от 16 марта 2020 г. № 3, п. 1</a>")


def test_a_status_recorded_at_the_decision_is_shown_as_it_is(pages):
    assert row(pages[JANUARY], "2.2")[5] == f"выполнено 20 апреля 2020{NNBSP}г.<br>Отчёт представлен."


@pytest.mark.parametrize("url, summary", [
    ("group/test-heads-oo/2019-2020/", "За учебный год 3 поручения: открыто 2, из них срок истёк у 1; "
                                       "выполнено, отменено или снято с контроля — 1."),
    ("people/petrov-bb/2019-2020/", "За учебный год 2 поручения: открыто 1, из них срок истёк у 0; "
                                    "выполнено, отменено или снято с контроля — 1."),
])
def test_school_year_counts_are_of_the_states_in_force(pages, url, summary):
    assert summary in pages[url]


# --- links both ways --------------------------------------------------------------------------------


@pytest.mark.parametrize("url, decision_id, shown", [
    (MARCH, "1", 'Изменяет срок: <a href="../2020-01-15-soveshchanie/#d-2-1">'
                 "решение от 15 января 2020 г. № 1, п. 2.1</a> — до 20.03.2020"),
    (MARCH, "2", 'Во исполнение: <a href="../2020-01-15-soveshchanie/#d-2">решение от 15 января 2020 г. № 1, '
                 "п. 2</a>"),
    (MARCH, "3", "Контроль за исполнением: этот протокол"),
    (JANUARY, "2", 'Во исполнение принято: <a href="../2020-03-02-soveshchanie/#d-2">'
                   "решение от 2 марта 2020 г. № 2, п. 2</a>"),
    (JANUARY, "2.1", 'Срок изменён: <a href="../2020-03-02-soveshchanie/#d-1">'
                     "решение от 2 марта 2020 г. № 2, п. 1</a> — до 20.03.2020"),
    (MARCH, "3", 'Снято с контроля: <a href="../2020-03-16-soveshchanie/#d-1">'
                 "решение от 16 марта 2020 г. № 3, п. 1</a>"),
    (WITHDRAWAL_PAGE, "1", 'Снимает с контроля: <a href="../2020-03-02-soveshchanie/#d-3">'
                           "решение от 2 марта 2020 г. № 2, п. 3</a>"),
], ids=["extends", "executes", "controls-own-protocol", "executed-by", "extended-by", "withdrawn-by",
        "withdraws"])
def test_a_decision_shows_where_it_came_from_and_what_followed_it(pages, url, decision_id, shown):
    assert f'<span class="pk-link">{shown}</span>' in row(pages[url], decision_id)[1]


def test_a_link_to_a_whole_protocol_is_shown_on_the_protocols_card(pages):
    assert '- **О протоколе в целом:** Контроль за исполнением возложен: <a href="#d-3">п. 3</a>' in pages[MARCH]
    assert "О протоколе в целом" not in pages[JANUARY]


# --- executors' marks ---------------------------------------------------------------------------------


def test_the_protocol_page_names_every_executor_without_a_mark(pages):
    assert row(pages[MARCH], "2")[5] == ('открыто<br>выполнено 1 из 2; без отметки: '
                                         '<a href="../../../org/school-2/">МБОУ «СОШ № 2»</a>'
                                         f'<br><span class="pk-advice">{OVERDUE}</span>')


@pytest.mark.parametrize("url", ["group/test-heads-oo/", "group/test-heads-oo/2019-2020/"])
def test_group_pages_say_how_many_have_reported_and_who_has_not(pages, url):
    assert "| открыто<br>выполнено 1 из 2; без отметки: МБОУ «СОШ № 2»<br>" in task_row(pages[url], "2")


def test_an_organization_without_a_mark_sees_so_beside_the_status(pages):
    line = task_row(pages["org/school-2/"], "2")
    assert line.endswith(f'| открыто<br>отметки организации нет<br><span class="pk-advice">{OVERDUE_ADVICE}</span> |')


def test_an_organization_that_reported_has_the_task_off_its_list_of_now(pages):
    assert 'href="../../protocols/uo-test/2020-03-02-soveshchanie/#d-2"' not in pages["org/school-1/"]
    assert 'href="../../protocols/uo-test/2020-03-02-soveshchanie/#d-2"' in pages["org/school-2/"]


def test_an_organizations_school_year_counts_its_own_marks_on_group_tasks(pages):
    assert "Отметки по исполнителям — у 1, из них отмечено организацией 1." in pages["org/school-1/2019-2020/"]
    assert "Отметки по исполнителям — у 1, из них отмечено организацией 0." in pages["org/school-2/2019-2020/"]


def progress(pending: int) -> Progress:
    executors = ("done-1", *(f"school-{number}" for number in range(pending)))
    return Progress(executors, {"done-1": Execution("done-1", Status(State.DONE, date(2020, 1, 1)))})


@pytest.mark.parametrize("pending, shown", [
    (0, "выполнено 1 из 1"),
    (1, "выполнено 1 из 2; без отметки: school-0"),
    (PENDING_SHOWN, f"выполнено 1 из {PENDING_SHOWN + 1}; без отметки: "
                    + ", ".join(f"school-{number}" for number in range(PENDING_SHOWN))),
    (PENDING_SHOWN + 2, f"выполнено 1 из {PENDING_SHOWN + 3}; без отметки: "
                        + ", ".join(f"school-{number}" for number in range(PENDING_SHOWN)) + " и ещё 2"),
])
def test_a_task_row_names_the_first_executors_without_a_mark_and_counts_the_rest(pending, shown):
    assert progress_line(progress(pending), Registry({}, {}, {}), "group/x/", every_name=False) == shown


# --- the справка ------------------------------------------------------------------------------------


REPORT = "reports/uo-test/2019-2020/"


def test_an_authority_has_a_справка_page_per_school_year_and_nothing_else_has_one(pages):
    assert [url for url in pages if url.startswith("reports/")] == [REPORT]
    assert '<a href="../../reports/uo-test/2019-2020/">2019/20</a>' in pages["org/uo-test/"]
    assert '<a href="../../../reports/uo-test/2019-2020/">справка об исполнении поручений органа</a>' in \
        pages["group/test-heads-oo/2019-2020/"]


def test_the_справка_page_is_the_report_of_the_school_year(pages):
    markdown = pages[REPORT]
    assert '<p class="pk-report-title">СПРАВКА<br>об исполнении поручений</p>' in markdown
    assert ('<p class="pk-report-heading">Орган: Управление образования Тестового района<br>'
            f"Поручения, данные с 1 сентября 2019{NNBSP}г. по 31 августа 2020{NNBSP}г.<br>"
            f"По состоянию на 20 марта 2020{NNBSP}г.</p>") in markdown
    rows = re.findall(r"^<tr><td>(\d+)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>$", markdown,
                      re.MULTILINE)
    assert [number for number, *_ in rows] == ["1", "2", "3", "4"]
    first = rows[0]
    assert first[1] == ('<a href="../../../protocols/uo-test/2020-01-15-soveshchanie/#d-2-1">п. 2.1</a>. '
                        "Провести анализ результатов ВПР.")
    assert first[2] == ('до 24.01.2020 г.<br>изменён: до 20.03.2020 — <a href="../../../protocols/uo-test/'
                        f'2020-03-02-soveshchanie/#d-1">решение от 2 марта 2020{NNBSP}г. № 2, п. 1</a>')
    assert rows[2][4] == ("выполнено 1 из 2; без отметки: МБОУ «СОШ № 2»<br>просрочено на 3 дн.")
    assert "<p>Просрочены поручения № 3.</p>" in markdown


def test_the_справка_page_has_a_print_button_only_a_script_shows(pages):
    assert ('<button type="button" class="md-button md-button--primary" data-pk-print hidden>Печать справки</button>'
            in pages[REPORT])
