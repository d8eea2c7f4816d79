"""The workbook's sheets written from the aggregate: Summary, Comparison, About.

Every figure comes from `aggregate.Aggregate`; nothing here recomputes statistics.
Charts are native Excel charts over the tables they sit beside.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import TYPE_CHECKING, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from survey.aggregate import Aggregate, QuestionReport, SegmentReport
from survey.diff import diff_versions
from survey.reports.cells import cell
from survey.schema import DONT_KNOW, OTHER, Questionnaire
from survey.statistics import Count, Figures

if TYPE_CHECKING:
    from survey.reports.sources import ReportSource

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
#: Rows a chart covers; the next table starts below it.
CHART_ROWS = 16
CHARTED = {"single_choice", "multiple_choice", "scale", "matrix", "ranking", "allocation"}
WORDS = {OTHER: "Other", DONT_KNOW: "Don't know"}


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


def _label(count: Count) -> str:
    return count.label or WORDS.get(count.id, count.id)


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


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
            writer.append([_label(count), count.count, _share(count)])
        if kind == "scale" and question.figures is not None:
            _figure_rows(writer, question.figures)
        _chart(writer, question.prompt, header, header + len(question.counts), 1)
    elif kind == "matrix":
        points = [count for count in question.rows[0].counts] if question.rows else []
        header = writer.append(["Row", *[_label(p) for p in points], "Mean"], BOLD)
        for row in question.rows:
            mean = row.figures.mean if row.figures is not None else None
            writer.append([row.label, *[c.count for c in row.counts], _round(mean)])
        _chart(
            writer, question.prompt, header, header + len(question.rows), len(points), stacked=True
        )
    elif kind == "ranking":
        header = writer.append(
            ["Choice", "Borda score", "First places", "Mean rank", "Ranked by"], BOLD
        )
        for rank in question.ranks:
            writer.append(
                [rank.label, rank.borda, rank.first_place, _round(rank.mean_rank), rank.ranked]
            )
        _chart(writer, question.prompt, header, header + len(question.ranks), 1)
    elif kind == "allocation":
        header = writer.append(["Choice", "Mean", "Median", "Min", "Max"], BOLD)
        for row in question.rows:
            f = row.figures or Figures(count=0)
            writer.append([row.label, _round(f.mean), _round(f.median), f.min, f.max])
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
        ("Mean", _round(figures.mean)),
        ("Median" + (" (from a sample)" if figures.approximate else ""), _round(figures.median)),
        ("Standard deviation", _round(figures.sd)),
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
    changes = _version_changes(schemas)
    shared = _shared_questions(segments)
    for key, number_prompt in shared:
        by_segment = [_find(segment, key) for segment in segments]
        writer.append(
            [number_prompt, *["" for _ in segments], "; ".join(changes.get(key, []))], BOLD
        )
        for label, values in _comparable_rows(by_segment):
            writer.append([label, *values])
        writer.blank()


def _shared_questions(segments: list[SegmentReport]) -> list[tuple[tuple[str, str], str]]:
    seen: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], str] = {}
    for segment in segments:
        for question in segment.questions:
            key = (segment.questionnaire_id, question.id)
            seen[key] = seen.get(key, 0) + 1
            first.setdefault(key, f"Q{question.number}. {question.prompt}")
    return [(key, first[key]) for key in first if seen[key] > 1]


def _find(segment: SegmentReport, key: tuple[str, str]) -> QuestionReport | None:
    if segment.questionnaire_id != key[0]:
        return None
    return next((q for q in segment.questions if q.id == key[1]), None)


NOT_ASKED = "not asked"
NOT_OFFERED = "not offered"


class Share(float):
    """A proportion, written as a percentage cell."""


def _share(count: Count | None) -> Any:
    if count is None:
        return None
    if not count.offered:
        return NOT_OFFERED
    return None if count.share is None else Share(round(count.share, 4))


def _per_segment(questions: list[QuestionReport | None], figure: Any) -> list[Any]:
    """One cell per segment: the figure, or "not asked" where no version had the question."""
    return [None if q is None else NOT_ASKED if q.asked == 0 else figure(q) for q in questions]


def _comparable_rows(questions: list[QuestionReport | None]) -> list[tuple[str, list[Any]]]:
    """Rows of one figure per segment: shares per choice, means per row, Borda scores…"""
    asked = [q for q in questions if q is not None and q.asked]
    rows: list[tuple[str, list[Any]]] = [
        ("Answered", _per_segment(questions, lambda q: q.answered))
    ]
    if not asked:
        return rows
    sample = max(asked, key=lambda q: len(q.counts) + len(q.rows) + len(q.ranks))
    for count in sample.counts:
        rows.append(
            (
                f"{_label(count)} (share)",
                _per_segment(
                    questions,
                    lambda q, c=count.id: _share(next((x for x in q.counts if x.id == c), None)),
                ),
            )
        )
    for row in sample.rows:
        rows.append(
            (
                f"{row.label} (mean)",
                _per_segment(questions, lambda q, r=row.id: _row_mean(q, r)),
            )
        )
    for rank in sample.ranks:
        rows.append(
            (
                f"{rank.label} (Borda score)",
                _per_segment(
                    questions,
                    lambda q, c=rank.id: next((r.borda for r in q.ranks if r.id == c), None),
                ),
            )
        )
    if sample.kind in ("scale", "number"):
        rows.append(
            (
                "Mean",
                _per_segment(questions, lambda q: _round(q.figures.mean) if q.figures else None),
            )
        )
    return rows


def _row_mean(question: QuestionReport, row_id: str) -> Any:
    row = next((r for r in question.rows if r.id == row_id), None)
    return _round(row.figures.mean) if row is not None and row.figures is not None else None


def _version_changes(
    schemas: dict[tuple[str, int], Questionnaire],
) -> dict[tuple[str, str], list[str]]:
    """Per question, what changed between consecutive versions in the selection."""
    changes: dict[tuple[str, str], list[str]] = {}
    by_id: dict[str, list[int]] = {}
    for qid, version in schemas:
        by_id.setdefault(qid, []).append(version)
    for qid, versions in by_id.items():
        ordered = sorted(versions)
        for old, new in itertools.pairwise(ordered):
            for change in diff_versions(schemas[(qid, old)], schemas[(qid, new)]):
                if change.what != "question":
                    continue
                detail = "; ".join(change.details) or change.summary or change.kind
                changes.setdefault((qid, change.id), []).append(
                    f"v{old}→v{new} {change.kind}: {detail}"
                )
    return changes


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
