"""The справка об исполнении as a page: one per authority and school year, printed on A4.

The rows are those `protocols report` writes to Word (`build_tools.report.content`):
the поручения the authority gave at the meetings of a school year, each with its
deadline (the original and the one in force), its executors and the mark of
execution on the build day, «выполнено N из M» where executors report one by
one. Here they become an HTML table which the print stylesheet sets in the
style of official papers (site_overrides/assets/stylesheets/protocols.css).

Only authorities get such a page: a page per organization and year would be
a hundred thousand pages in a region, and an authority's справка already
says of each group task who of the organizations has no mark. An
organization's or a group's справка, or one for another period, is a .docx
from `protocols report` (docs/report.md says so on the page).
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial

from ... import urls
from ...model import KnowledgeBase, Organization, Ref, SchoolYear, Task
from ...report.content import TITLE, TITLE_LINES, Period, Report, ReportRow, build_report, decision_reference
from ...russian import long_date, school_year_label
from ..fragments import entry_url
from ..markup import attribute, link, page as join_page, text
from .context import SiteContext, SitePage

COLUMNS = ("№ п/п", "Поручение", "Срок", "Исполнитель", "Отметка об исполнении")
HELP = "report/"  # docs/report.md


def school_years(authority: Organization, context: SiteContext) -> list[SchoolYear]:
    """The school years of the meetings at which the authority gave поручения, latest first."""
    return sorted({SchoolYear.of(protocol.date) for protocol in context.lookup.protocols_of_authority(authority.id)
                   if protocol.tasks}, reverse=True)


def pages(authority: Organization, context: SiteContext) -> list[SitePage]:
    return [SitePage(urls.authority_report(authority.id, year),
                     f"{TITLE}: {text(authority.name)}: {school_year_label(year.start)}",
                     partial(report_page, authority, year, context), searchable=False)
            for year in school_years(authority, context)]


def report_page(authority: Organization, year: SchoolYear, context: SiteContext) -> str:
    here = urls.authority_report(authority.id, year)
    period = Period(date(year.start, 9, 1), date(year.start + 1, 8, 31))
    tasks = (Task(protocol, decision) for protocol in context.lookup.protocols_of_authority(authority.id)
             for decision in protocol.tasks)
    report = build_report(context.kb, authority.id, period, context.today, tasks)
    return join_page([
        f"# {TITLE}: {text(authority.name)}: {school_year_label(year.start)}",
        f"Поручения, данные на заседаниях органа {link(text(authority.name), entry_url(authority), here)} "
        f"с 1 сентября {year.start} по 31 августа {year.start + 1} года, и отметки об их исполнении на "
        f"{long_date(context.today)}, день сборки сайта. Напечатанная страница — справка об исполнении на листах "
        f"А4. Справку организации или группы, за другой период или файлом Word составляет команда "
        f"`protocols report` ({link('как', HELP, here)}).\n{{: .pk-screen }}",
        '<p class="pk-screen"><button type="button" class="md-button md-button--primary" data-pk-print hidden>'
        "Печать справки</button></p>",
        document(report, context.kb, here),
    ])


def document(report: Report, kb: KnowledgeBase, here: str) -> str:
    """The справка as a block of HTML: the title, whom and when, the table by meeting, the summary."""
    lines = ['<div class="pk-report">',
             f'<p class="pk-report-title">{"<br>".join(TITLE_LINES)}</p>',
             f'<p class="pk-report-heading">{"<br>".join(map(attribute, report.heading))}</p>']
    if report.rows:
        # a region a keyboard can scroll when the table is wider than the screen (axe: scrollable-region-focusable)
        lines += ['<div class="pk-report-scroll" tabindex="0" role="region" aria-label="Справка, прокручивается вбок">'
                  '<table class="pk-report-table">',
                  "<thead><tr>" + "".join(f"<th>{column}</th>" for column in COLUMNS) + "</tr></thead>", "<tbody>"]
        for section in report.sections:
            lines.append(f'<tr class="pk-report-section"><th colspan="{len(COLUMNS)}">'
                         f"{attribute(section.title)}</th></tr>")
            lines += [_row(row, kb, here) for row in section.rows]
        lines.append("</tbody></table></div>")
    else:
        lines.append("<p>Поручений нет.</p>")
    lines += [f"<p>{attribute(report.summary)}</p>"] + ([f"<p>{report.overdue_line}</p>"] if report.overdue else [])
    return "\n".join(lines + ["</div>"])


def _row(row: ReportRow, kb: KnowledgeBase, here: str) -> str:
    decision = row.task.decision
    item = f"п. {decision.id}"
    assignment = link(item, urls.task_link(row.task), here) + attribute(row.assignment.removeprefix(item))
    cells = (str(row.number), assignment, _linked(row.deadline, row.changed_by, kb, here),
             attribute(row.executors), _linked(row.mark, row.changed_by, kb, here))
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _linked(value: str, refs: tuple[Ref, ...], kb: KnowledgeBase, here: str) -> str:
    """A cell's text as HTML, its lines kept, each later decision it names («решение от …») linked."""
    cell = attribute(value).replace("\n", "<br>")
    if not refs:
        return cell
    targets = {attribute(decision_reference(kb, ref)): urls.ref_link(ref) for ref in refs}
    pattern = re.compile("|".join(map(re.escape, sorted(targets, key=len, reverse=True))))
    return pattern.sub(lambda match: link(match.group(0), targets[match.group(0)], here), cell)
