"""The workbook's sheets written from the aggregate: Summary, Comparison, About.

Every figure comes from `aggregate.Aggregate`; nothing here recomputes statistics.
Charts are native Excel charts over the tables they sit beside.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from survey.aggregate import Aggregate, QuestionReport
from survey.reports.cells import cell
from survey.reports.comparison import (
    Share,
    comparable_rows,
    count_label,
    find,
    rounded,
    share,
    shared_questions,
    version_changes,
)
from survey.schema import Questionnaire
from survey.statistics import Figures

if TYPE_CHECKING:
    from survey.reports.sources import ReportSource

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
#: Rows a chart covers; the next table starts below it.
CHART_ROWS = 16
CHARTED = {"single_choice", "multiple_choice", "scale", "matrix", "ranking", "allocation"}


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


def _chart(
    writer: _Writer,
    title: str,
    header_row: int,
    last_row: int,
    columns: int,
    *,
    stacked: bool = False,
) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = title[:120]
    chart.style = 10
    chart.height = 7.5
    chart.width = 16
    if stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    data = Reference(
        writer.sheet, min_col=2, max_col=1 + columns, min_row=header_row, max_row=last_row
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
    start = writer.append([f"Q{question.number}. {question.prompt}"], BOLD)
    counts = (
        f"answered {question.answered} · skipped {question.skipped} · "
        f"not shown {question.not_shown} · not asked {question.not_asked}"
    )
    writer.append([counts])
    kind = question.kind
    if kind in ("single_choice", "multiple_choice", "scale"):
        header = writer.append(["Choice" if kind != "scale" else "Point", "Count", "Share"], BOLD)
        for count in question.counts:
            writer.append([count_label(count), count.count, share(count)])
        if kind == "scale" and question.figures is not None:
            _figure_rows(writer, question.figures)
        _chart(writer, question.prompt, header, header + len(question.counts), 1)
    elif kind == "matrix":
        points = [count for count in question.rows[0].counts] if question.rows else []
        header = writer.append(["Row", *[count_label(p) for p in points], "Mean"], BOLD)
        for row in question.rows:
            mean = row.figures.mean if row.figures is not None else None
            writer.append([row.label, *[c.count for c in row.counts], rounded(mean)])
        _chart(
            writer, question.prompt, header, header + len(question.rows), len(points), stacked=True
        )
    elif kind == "ranking":
        header = writer.append(
            ["Choice", "Borda score", "First places", "Mean rank", "Ranked by"], BOLD
        )
        for rank in question.ranks:
            writer.append(
                [rank.label, rank.borda, rank.first_place, rounded(rank.mean_rank), rank.ranked]
            )
        _chart(writer, question.prompt, header, header + len(question.ranks), 1)
    elif kind == "allocation":
        header = writer.append(["Choice", "Mean", "Median", "Min", "Max"], BOLD)
        for row in question.rows:
            f = row.figures or Figures(count=0)
            writer.append([row.label, rounded(f.mean), rounded(f.median), f.min, f.max])
        _chart(writer, question.prompt, header, header + len(question.rows), 1)
    elif kind == "number" and question.figures is not None:
        _figure_rows(writer, question.figures)
    elif kind == "date" and question.figures is not None and question.figures.count:
        f = question.figures
        for label, value in (("Earliest", f.min), ("Median", f.median), ("Latest", f.max)):
            writer.append([label, date.fromordinal(int(value)) if value is not None else None])
    elif kind in ("text", "long_text"):
        writer.append([f"{question.text_count} answers: see the Free text sheet"])
    if kind in CHARTED:
        writer.blank(max(1, start + CHART_ROWS - writer.row))
    else:
        writer.blank()


def _figure_rows(writer: _Writer, figures: Figures) -> None:
    rows = [
        ("Answers", figures.count),
        ("Mean", rounded(figures.mean)),
        ("Median" + (" (from a sample)" if figures.approximate else ""), rounded(figures.median)),
        ("Standard deviation", rounded(figures.sd)),
        ("Min", figures.min),
        ("Max", figures.max),
    ]
    for label, value in rows:
        writer.append([label, value])


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
