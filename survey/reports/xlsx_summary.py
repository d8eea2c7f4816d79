"""The workbook's sheets written from the aggregate: Summary, Comparison, About.

Every figure comes from `aggregate.Aggregate`; nothing here recomputes statistics.
Charts are native Excel charts over the tables they sit beside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from survey.core.aggregate import Aggregate
from survey.core.figures import QuestionReport, Share
from survey.core.questionnaire import Questionnaire
from survey.kinds import BY_NAME
from survey.kinds.specs import Table
from survey.reports.cells import cell
from survey.reports.comparison import (
    comparable_rows,
    find,
    shared_questions,
    version_changes,
)

if TYPE_CHECKING:
    from survey.reports.source import ReportSource

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
#: Rows a chart covers; the next table starts below it.
CHART_ROWS = 16


class _Writer:
    """Appends rows to a write-only sheet and knows which row it is on (for charts)."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self.row = 0

    def append(self, values: list[Any], font: Font | None = None) -> int:
        cells = []
        for value in values:
            if isinstance(value, Share):
                typed = WriteOnlyCell(self.sheet, value=float(value))
                typed.number_format = "0.0%"
                cells.append(typed)
            elif font is not None and isinstance(value, str):
                typed = WriteOnlyCell(self.sheet, value=value)
                typed.data_type = "s"
                typed.font = font
                cells.append(typed)
            else:
                cells.append(cell(self.sheet, value))
        self.sheet.append(cells)
        self.row += 1
        return self.row

    def blank(self, rows: int = 1) -> None:
        for _ in range(rows):
            self.append([])


def _chart(writer: _Writer, title: str, header_row: int, table: Table) -> None:
    """A native bar chart over the table just written (its first `chart_rows` rows)."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = title[:120]
    chart.style = 10
    chart.height = 7.5
    chart.width = 16
    if table.stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    last_row = header_row + table.chart_rows
    data = Reference(
        writer.sheet,
        min_col=2,
        max_col=1 + table.chart_columns,
        min_row=header_row,
        max_row=last_row,
    )
    categories = Reference(writer.sheet, min_col=1, min_row=header_row + 1, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.y_axis.title = None
    writer.sheet.add_chart(chart, f"H{header_row - 1}")


def write_summary(sheet: WriteOnlyWorksheet, aggregate: Aggregate) -> None:
    for index, width in enumerate([44, 12, 12, 12, 12, 12, 4], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    writer = _Writer(sheet)
    for segment in aggregate.segments:
        writer.append([f"{segment.title}"], TITLE)
        versions = ", ".join(f"v{v}" for v in segment.versions) or "none"
        writer.append(
            [f"{segment.questionnaire_id} ({versions}): {segment.responses} submitted responses"]
        )
        if segment.suppressed:
            withheld = f"Fewer than {aggregate.min_respondents} responses: figures withheld"
            writer.append([f"{withheld} (non-attribution)."], BOLD)
            writer.blank()
            continue
        writer.blank()
        for question in segment.questions:
            _question_table(writer, question)


def _question_table(writer: _Writer, question: QuestionReport) -> None:
    """The question's table as its kind lays it out, with a native chart beside it."""
    start = writer.append([f"Q{question.number}. {question.prompt}"], BOLD)
    counts = (
        f"answered {question.answered} · skipped {question.skipped} · "
        f"not shown {question.not_shown} · not asked {question.not_asked}"
    )
    writer.append([counts])
    table = BY_NAME[question.kind].summary(question, str).table
    header = writer.append(table.header, BOLD) if table.header else writer.row
    for row in table.rows:
        writer.append(row)
    if table.chart_rows:
        _chart(writer, question.prompt, header, table)
        writer.blank(max(1, start + CHART_ROWS - writer.row))
    else:
        writer.blank()


def write_comparison(
    sheet: WriteOnlyWorksheet, aggregate: Aggregate, schemas: dict[tuple[str, int], Questionnaire]
) -> None:
    """Segments side by side on every question they share (lined up by stable id)."""
    segments = aggregate.segments
    for index, width in enumerate([48] + [16] * len(segments) + [60], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    writer = _Writer(sheet)
    writer.append(["Comparison", *[s.title for s in segments], "Changed between versions"], BOLD)
    writer.append(["Responses", *[s.responses for s in segments]])
    writer.append(["Versions", *[", ".join(f"v{v}" for v in s.versions) for s in segments]])
    writer.blank()
    changes = version_changes(schemas)
    shared = shared_questions(segments)
    for key, number_prompt in shared:
        by_segment = [find(segment, key) for segment in segments]
        writer.append(
            [number_prompt, *["" for _ in segments], "; ".join(changes.get(key, []))], BOLD
        )
        for label, values in comparable_rows(by_segment):
            writer.append([label, *values])
        writer.blank()


def write_about(
    sheet: WriteOnlyWorksheet, source: ReportSource, aggregate: Aggregate, *, software: str
) -> None:
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    writer = _Writer(sheet)
    writer.append([source.title], TITLE)
    if source.is_sample:
        writer.append(
            ["SAMPLE DATA: these responses were generated for the demo, not given by people."], BOLD
        )
    for workshop in source.workshops:
        dates = ", ".join(day.isoformat() for day in workshop.dates)
        writer.append(
            [
                "Workshop",
                f"{workshop.id}: {dates}" + (f", {workshop.venue}" if workshop.venue else ""),
            ]
        )
    writer.append(["Generated", source.generated_at.strftime("%Y-%m-%d %H:%M UTC")])
    writer.append(["Software", software])
    for qid, version in sorted(source.schemas):
        writer.append(["Questionnaire version", f"{qid} v{version}"])
    for label, value in source.filters():
        writer.append([f"Filter: {label}", value])
    for segment in aggregate.segments:
        withheld = (
            " (figures withheld: too few to report without attribution)"
            if segment.suppressed
            else ""
        )
        writer.append([f"Responses: {segment.key}", f"{segment.responses}{withheld}"])
    writer.append(["Responses in all", aggregate.responses])
    if aggregate.non_attribution:
        writer.append(
            [
                "Non-attribution",
                "No answer is linked to a person or token. Groups with fewer than "
                f"{aggregate.min_respondents} responses, and the languages of free texts shared by "
                f"fewer than {aggregate.min_respondents}, are withheld.",
            ]
        )
    writer.append(
        [
            "Counting",
            "answered, skipped (shown but blank), not shown (hidden by show_if), "
            "not asked (the version did not have the question) are kept apart.",
        ]
    )
