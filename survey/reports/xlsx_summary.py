"""The workbook's sheets written from the aggregate: Summary, Synthesis, Comparison, About.

Every figure comes from `aggregate.Aggregate` through the kinds' summaries; nothing here
recomputes statistics. Charts are native Excel charts over the tables they sit beside,
their bars in the table's order. Every fixed word comes from the report's catalogue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from survey.catalogs import Gettext
from survey.core.aggregate import Aggregate
from survey.core.figures import NOT_ASKED_WORD, NOT_OFFERED_WORD, QuestionReport, Share
from survey.core.schema import localize
from survey.kinds.specs import Table
from survey.reports.cells import cell
from survey.reports.comparison import Compared, comparison_rows
from survey.reports.source import workshop_label
from survey.reports.summaries import Summaries, counts_line

if TYPE_CHECKING:
    from survey.reports.source import ReportSource

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
#: Rows a chart covers; the next table starts below it.
CHART_ROWS = 16
#: Comparison tables longer than this get no chart (it would be unreadable).
COMPARISON_CHART_ROWS = 24


class _Writer:
    """Appends rows to a write-only sheet and knows which row it is on (for charts)."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self.row = 0

    def append(
        self, values: list[Any], font: Font | None = None, formats: dict[int, str] | None = None
    ) -> int:
        cells = []
        for index, value in enumerate(values):
            if isinstance(value, Share):
                typed = WriteOnlyCell(self.sheet, value=float(value))
                typed.number_format = "0.0%"
                cells.append(typed)
            elif font is not None and isinstance(value, str):
                typed = WriteOnlyCell(self.sheet, value=value)
                typed.data_type = "s"
                typed.font = font
                cells.append(typed)
            elif formats and index in formats and isinstance(value, int | float):
                typed = WriteOnlyCell(self.sheet, value=value)
                typed.number_format = formats[index]
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
    writer: _Writer, title: str, header_row: int, rows: int, columns: int, stacked: bool
) -> None:
    """A native bar chart over the table just written, its bars in the table's order."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = title[:120]
    chart.style = 10
    chart.height = 7.5
    chart.width = 16
    if stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    last_row = header_row + rows
    data = Reference(
        writer.sheet, min_col=2, max_col=1 + columns, min_row=header_row, max_row=last_row
    )
    categories = Reference(writer.sheet, min_col=1, min_row=header_row + 1, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    # Bar charts draw the first category at the bottom; reversed, they read like the table.
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.title = None
    if columns == 1:
        chart.legend = None  # one series: its name is the table's header, not news
    writer.sheet.add_chart(chart, f"H{header_row - 1}")


def write_summary(sheet: WriteOnlyWorksheet, aggregate: Aggregate, summaries: Summaries) -> None:
    words = summaries.words
    for index, width in enumerate([44, 12, 12, 12, 12, 12, 4], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    writer = _Writer(sheet)
    for segment in aggregate.segments:
        writer.append([f"{segment.title}"], TITLE)
        versions = ", ".join(f"v{v}" for v in segment.versions) or "-"
        count = words("{count} submitted responses").format(count=segment.responses)
        writer.append([f"{segment.questionnaire_id} ({versions}): {count}"])
        if segment.suppressed:
            withheld = words(
                "Fewer than {count} responses: figures withheld (non-attribution)."
            ).format(count=aggregate.min_respondents)
            writer.append([withheld], BOLD)
            writer.blank()
            continue
        writer.blank()
        for question in segment.questions:
            if question.asked:
                _question_table(writer, segment.questionnaire_id, question, summaries)


def _question_table(
    writer: _Writer, questionnaire_id: str, question: QuestionReport, summaries: Summaries
) -> None:
    """The question's table as its kind lays it out, with a native chart beside it."""
    start = writer.append([f"Q{question.number}. {question.prompt}"], BOLD)
    writer.append([counts_line(question, summaries.words)])
    table: Table = summaries.of(questionnaire_id, question).table
    header = writer.append(table.header, BOLD) if table.header else writer.row
    for row in table.rows:
        writer.append(row, formats=table.formats)
    if table.chart_rows and question.answered:
        _chart(
            writer, question.prompt, header, table.chart_rows, table.chart_columns, table.stacked
        )
        writer.blank(max(1, start + CHART_ROWS - writer.row))
    else:
        writer.blank()


def write_synthesis(sheet: WriteOnlyWorksheet, source: ReportSource, words: Gettext) -> None:
    """Each group's synthesis as its rapporteur wrote it, one paragraph a row."""
    sheet.column_dimensions["A"].width = 110
    writer = _Writer(sheet)
    written = False
    for segment in source.segments:
        text = source.syntheses.get(segment.key)
        if not text:
            continue
        written = True
        writer.append([segment.title], TITLE)
        for paragraph in text.replace("\r\n", "\n").split("\n\n"):
            value = cell(sheet, paragraph.strip())
            typed = value if isinstance(value, WriteOnlyCell) else WriteOnlyCell(sheet, value=value)
            typed.alignment = WRAP
            sheet.append([typed])
            writer.row += 1
        writer.blank()
    if not written:
        writer.append([words("No synthesis has been written yet.")])


def _comparison_cell(value: Any, words: Gettext) -> Any:
    if value in (NOT_OFFERED_WORD, NOT_ASKED_WORD):
        return words(value)
    return value


def write_comparison(
    sheet: WriteOnlyWorksheet, aggregate: Aggregate, compared: list[Compared], words: Gettext
) -> None:
    """Segments side by side on every question two or more were asked, lined up by
    stable ids; headed by their titles; what changed between versions beside each."""
    segments = aggregate.segments
    for index, width in enumerate([48] + [16] * len(segments) + [70], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    writer = _Writer(sheet)
    writer.append(
        [words("Comparison"), *[s.title for s in segments], words("Changed between versions")],
        BOLD,
    )
    writer.append([words("Responses"), *[s.responses for s in segments]])
    writer.append([words("Versions"), *[", ".join(f"v{v}" for v in s.versions) for s in segments]])
    writer.blank()
    position = {segment.title: index for index, segment in enumerate(segments)}
    for item in compared:
        start = writer.append(
            [
                f"Q{item.number}. {item.prompt}",
                *["" for _ in segments],
                "; ".join(item.changes),
            ],
            BOLD,
        )
        if item.not_asked:
            writer.append(
                [words("Not asked in {segments}").format(segments=", ".join(item.not_asked))]
            )
        header = writer.row
        rows = comparison_rows(item, words)
        for label, values in rows:
            line: list[Any] = [label] + [words(NOT_ASKED_WORD)] * len(segments)
            for side, value in zip(item.asked, values, strict=True):
                line[1 + position[side.title]] = _comparison_cell(value, words)
            writer.append(line)
        shares = [row for row in rows[1:] if any(isinstance(v, Share) for v in row[1])]
        if shares and len(rows) <= COMPARISON_CHART_ROWS and len(shares) == len(rows) - 1:
            _chart(writer, item.prompt, header + 1, len(rows) - 1, len(segments), False)
            writer.blank(max(1, start + CHART_ROWS - writer.row))
        else:
            writer.blank()


def write_about(
    sheet: WriteOnlyWorksheet,
    source: ReportSource,
    aggregate: Aggregate,
    words: Gettext,
    *,
    software: str,
) -> None:
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    writer = _Writer(sheet)
    writer.append([source.title], TITLE)
    if source.is_sample:
        writer.append(
            [
                words(
                    "SAMPLE DATA: these responses were generated for the demo, not given by people."
                )
            ],
            BOLD,
        )
    responses = {w.id: 0 for w in source.workshops}
    for segment in aggregate.segments:
        responses[segment.workshop_id] += segment.responses
    for workshop in source.workshops:
        dates = ", ".join(day.isoformat() for day in workshop.dates)
        title = localize(workshop.title, aggregate.language, "en")
        described = f"{workshop_label(workshop)}: {title}, {dates}"
        described += f", {workshop.venue}" if workshop.venue else ""
        described += " · " + words("{count} submitted responses").format(
            count=responses[workshop.id]
        )
        writer.append([words("Workshop"), described])
    writer.append([words("Generated"), source.generated_at.strftime("%Y-%m-%d %H:%M UTC")])
    writer.append([words("Software"), software])
    for qid, version in sorted(source.schemas):
        writer.append([words("Questionnaire version"), f"{qid} v{version}"])
    for label, value in source.filters(words):
        writer.append([words("Filter: {name}").format(name=label), value])
    for segment in aggregate.segments:
        withheld = (
            " " + words("(figures withheld: too few to report without attribution)")
            if segment.suppressed
            else ""
        )
        writer.append(
            [
                words("Responses: {segment}").format(segment=segment.key),
                f"{segment.responses}{withheld}",
            ]
        )
    writer.append([words("Responses in all"), aggregate.responses])
    if aggregate.non_attribution:
        writer.append(
            [
                words("Non-attribution"),
                words(
                    "No answer is linked to a person or token. Groups with fewer than {count} "
                    "responses, and the languages of free texts shared by fewer than {count}, "
                    "are withheld."
                ).format(count=aggregate.min_respondents),
            ]
        )
    writer.append(
        [
            words("Counting"),
            words(
                "answered, skipped (shown but blank), not shown (hidden by show_if), not asked "
                "(the version did not have the question) are kept apart."
            ),
        ]
    )
