"""`matrix`: rows answered on one scale (`min`/`max`), or by picking one of `columns`.

An optional matrix accepts any subset of rows; a required one needs every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from survey.core.errors import Finding, Problem, error
from survey.core.figures import (
    DONT_KNOW_WORD,
    NOT_OFFERED_WORD,
    Count,
    QuestionReport,
    RowFigures,
    Tallied,
    count_label,
    rounded,
)
from survey.core.schema import DONT_KNOW, Asked, Choice, Scalar, Text
from survey.core.statistics import ChoiceTally, PointTally, Tally
from survey.kinds.base import (
    Kind,
    Localize,
    Outcome,
    check_choices,
    check_point_labels,
    check_scale_range,
    choice_label,
    field,
    first,
    ids,
    is_blank,
    point_label,
    point_options,
    read_point,
    scale_point,
)
from survey.kinds.reporting import (
    answers_measure,
    percent,
    point_legend,
    point_value_labels,
    scale_palette,
    stacked,
)
from survey.kinds.specs import (
    WIDTHS,
    Column,
    FormData,
    Gettext,
    Heading,
    LegendEntry,
    Option,
    Sampler,
    Summary,
    Table,
)
from survey.kinds.xlsform import (
    Words,
    XlsField,
    XlsList,
    XlsRead,
    XlsRow,
    XlsRows,
    asked_keys,
    choice_data,
    group_rows,
    leftover,
    point_choices,
    points_of,
)


class MatrixQuestion(Asked, kw_only=True, frozen=True, tag="matrix"):
    """Rows answered on one scale (`min`/`max`), or by picking one of `columns`."""

    rows: list[Choice]
    columns: list[Choice] | None = None
    min: int | None = None
    max: int | None = None
    labels: dict[int, Text] = {}
    dont_know: bool = False


class MatrixTally:
    """Each row tallied like a scale, or like a single choice among the columns."""

    def __init__(
        self, question: MatrixQuestion, rows: list[str], columns: list[str] | None
    ) -> None:
        self.rows = rows
        self.cells: dict[str, Tally] = {}
        for row in rows:
            if columns is not None:
                options = columns + ([DONT_KNOW] if question.dont_know else [])
                self.cells[row] = ChoiceTally(options, offers_other=False)
            else:
                self.cells[row] = PointTally(
                    question.min or 0, question.max or 0, question.dont_know
                )

    def add(self, value: Any, other: str | None, language: str) -> None:
        for row, cell in value.items():
            tally = self.cells.get(row)
            if tally is not None:
                tally.add(cell, None, language)

    def report(self) -> Tallied:
        rows = []
        for row in self.rows:
            figures = self.cells[row].report()
            rows.append(RowFigures(id=row, counts=figures.counts, figures=figures.figures))
        return Tallied(rows=rows)


class MatrixKind(Kind[MatrixQuestion]):
    messages: ClassVar[dict[str, str]] = {
        "expected_rows": "Please answer the rows of this table.",
        "unknown_row": "This table has no row “{row}”.",
        "rows_missing": "Please answer every row (missing: {rows}).",
        "expected_column": "Row “{row}”: please pick one of the columns.",
        "row_out_of_range": "Row “{row}”: please pick a point from {min} to {max}.",
    }
    page_value = "filled"

    def check(self, question: MatrixQuestion, path: str) -> list[Finding]:
        findings = check_choices(question.rows, f"{path}.rows", reserved=set())
        on_scale = question.min is not None or question.max is not None
        if question.columns is not None:
            if on_scale or question.labels:
                findings.append(
                    error(
                        "matrix-form",
                        path,
                        "a matrix has either `columns` or a scale (`min`, `max`, `labels`), "
                        "not both",
                    )
                )
            reserved = {DONT_KNOW} if question.dont_know else set()
            findings += check_choices(question.columns, f"{path}.columns", reserved=reserved)
        elif question.min is None or question.max is None:
            findings.append(
                error(
                    "matrix-form",
                    path,
                    "give the matrix either `columns` to pick from or a scale with `min` and `max`",
                )
            )
        else:
            findings += check_scale_range(question.min, question.max, path)
            findings += check_point_labels(question.labels, question.min, question.max, path)
        return findings

    def comparable_values(self, question: MatrixQuestion) -> list[Scalar] | None:
        return None

    def cell(self, question: MatrixQuestion, value: Any) -> int | str | None:
        """A valid cell of a row (a column id, a point or "Don't know"), else None."""
        if question.columns is not None:
            allowed = ids(question.columns) + ([DONT_KNOW] if question.dont_know else [])
            return value if isinstance(value, str) and value in allowed else None
        return scale_point(value, question.min or 0, question.max or 0, question.dont_know)

    def validate(
        self, question: MatrixQuestion, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        if not isinstance(value, dict):
            return Problem(code="expected_rows")
        rows = ids(question.rows)
        cleaned: dict[str, int | str] = {}
        for row in rows:
            if row not in value or is_blank(value[row]):
                continue
            cell = self.cell(question, value[row])
            if cell is None:
                if question.columns is not None:
                    return Problem(code="expected_column", params={"row": row})
                return Problem(
                    code="row_out_of_range",
                    params={"row": row, "min": question.min or 0, "max": question.max or 0},
                )
            cleaned[row] = cell
        for row in value:
            if row not in rows:
                return Problem(code="unknown_row", params={"row": str(row)})
        missing = [row for row in rows if row not in cleaned]
        if complete and missing:
            return Problem(code="rows_missing", params={"rows": ", ".join(missing)})
        return {question.id: cleaned}

    def display(
        self,
        question: MatrixQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        words: Gettext,
    ) -> list[str]:
        value = answers.get(question.id)
        if value is None:
            return []
        dont_know = words(DONT_KNOW_WORD)
        lines = []
        for row in question.rows:
            if row.id in value:
                cell = value[row.id]
                if question.columns is not None and cell != DONT_KNOW:
                    shown = choice_label(question.columns, cell, localize)
                else:
                    shown = point_label(cell, question.labels, localize, dont_know)
                lines.append(f"{localize(row.label)}: {shown}")
        return lines

    def hint(self, question: MatrixQuestion, gettext: Gettext) -> str:
        return ""

    def read_form(self, question: MatrixQuestion, form: FormData) -> tuple[Any, Problem | None]:
        cells: dict[str, Any] = {}
        for row in question.rows:
            value = first(form, f"{question.id}.{row.id}")
            if value is not None:
                cells[row.id] = value if question.columns is not None else read_point(value)
        return cells or None, None

    def form_fields(
        self, question: MatrixQuestion, answers: Mapping[str, Any]
    ) -> dict[str, list[str]]:
        value = answers.get(question.id)
        cells = value if isinstance(value, dict) else {}
        return {f"{question.id}.{row.id}": field(cells.get(row.id)) for row in question.rows}

    def form_values(self, question: MatrixQuestion, answers: Mapping[str, Any]) -> dict[str, Any]:
        value = answers.get(question.id)
        return dict(value) if isinstance(value, dict) else {}

    def options(
        self,
        question: MatrixQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        gettext: Gettext,
    ) -> list[Option]:
        if question.columns is None:
            return point_options(
                question.min or 0,
                question.max or 0,
                question.labels,
                question.dont_know,
                localize,
                gettext,
            )
        columns = [Option(value=c.id, label=localize(c.label)) for c in question.columns]
        dont_know = [Option(value=DONT_KNOW, label=gettext(DONT_KNOW_WORD))]
        return columns + (dont_know if question.dont_know else [])

    def new_tally(self, question: MatrixQuestion, options: Mapping[str, list[str]]) -> Tally:
        columns = list(options.get("columns", [])) if question.columns is not None else None
        return MatrixTally(question, list(options.get("rows", [])), columns)

    def columns(self, question: MatrixQuestion, heading: Heading) -> list[Column]:
        qid = heading.id
        dont_know = heading.words(DONT_KNOW_WORD)

        def cell_of(row: str) -> Any:
            def read(answers: Mapping[str, Any]) -> Any:
                value = (answers.get(qid) or {}).get(row)
                if value == DONT_KNOW:
                    return dont_know
                return heading.labels.get(value, value) if isinstance(value, str) else value

            return read

        def value_of(row: str) -> Any:
            return lambda answers: (answers.get(qid) or {}).get(row)

        if question.columns is None:
            measure: Literal["options", "points"] = "points"
            labels = point_value_labels(question.labels, question.dont_know, heading)
        else:
            measure = "options"
            labels = {option.id: heading.label(option.id) for option in heading.options["columns"]}
            labels |= {DONT_KNOW: dont_know} if question.dont_know else {}
        return [
            Column(
                label=f"{heading.prompt}: {heading.label(row.id)}",
                id=f"{qid}.{row.id}",
                width=WIDTHS["label"],
                read=cell_of(row.id),
                value=value_of(row.id),
                measure=measure,
                value_labels=labels,
            )
            for row in heading.options.get("rows", [])
        ]

    def summary(
        self, question: MatrixQuestion, report: QuestionReport, localize: Localize, words: Gettext
    ) -> Summary:
        on_scale = question.columns is None
        points = list(report.rows[0].counts) if report.rows else []
        if on_scale:
            legend = point_legend(points, question.labels, localize, words)
            palette = scale_palette(question.min or 0, question.max or 0, question.labels)
        else:
            legend = [
                LegendEntry(
                    key=c.id,
                    label=count_label(c, words),
                    offered=c.offered,
                    apart=c.id == DONT_KNOW,
                )
                for c in points
            ]
            palette = "categorical"
        shown = [row for row in report.rows if row.offered]

        def mean(row: RowFigures) -> float | None:
            return rounded(row.figures.mean if row.figures is not None else None)

        table = Table(
            header=[words("Row"), *[e.label for e in legend]]
            + ([words("Mean")] if on_scale else []),
            rows=[
                [row.label, *[c.count for c in row.counts]] + ([mean(row)] if on_scale else [])
                for row in shown
            ],
            chart_rows=len(shown),
            chart_columns=len(points),
            stacked=True,
        )
        grid = Table(
            header=table.header,
            rows=[
                [row.label, *[_cell(c, words) for c in row.counts]]
                + ([_mean_text(mean(row))] if on_scale else [])
                for row in shown
            ],
        )
        chart = stacked(
            [(row.id, row.label, row.counts, mean(row), row.offered) for row in report.rows],
            legend,
            palette,
            answers_measure(report.answered, words),
        )
        return Summary(
            table=table,
            chart=chart if shown and report.answered else None,
            grid=grid if shown else None,
        )

    def offered(self, question: MatrixQuestion) -> set[str]:
        extra = {DONT_KNOW} if question.dont_know else set()
        if question.columns is not None:
            return set(ids(question.columns)) | extra
        low, high = question.min or 0, question.max or 0
        return {str(point) for point in range(low, high + 1)} | extra

    def free_texts(self, question: MatrixQuestion) -> list[tuple[str, str]]:
        return []

    def sample(self, question: MatrixQuestion, sampler: Sampler) -> dict[str, Any]:
        cells: dict[str, Any] = {}
        for row in question.rows:
            key = f"{question.id}.{row.id}"  # each row leans its own way
            if question.columns is not None:
                cells[row.id] = sampler.weighted(key, question.columns).id
            else:
                low, high = question.min or 0, question.max or 0
                cells[row.id] = sampler.point(key, low, high, question.dont_know)
        return {question.id: cells}

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        """A table of selects on one list: a scale when the list holds points, else columns."""
        if field.type != "grid" or not field.claims(self.name):
            return None
        question = {"type": self.name, **asked_keys(field), "rows": choice_data(field.rows)}
        points = points_of(field.choices)
        if points is not None:
            question |= points
        else:
            columns = [c for c in field.choices if c.id != DONT_KNOW]
            question["columns"] = choice_data(columns)
            if len(columns) < len(field.choices):
                question["dont_know"] = True
        return XlsRead(question=question, problems=leftover(field.bounds))

    def xlsform_rows(self, question: MatrixQuestion, gettext: Words) -> XlsRows:
        """A `table-list` group: one select per row, all on the list of columns or points."""
        if question.columns is None:
            low, high = question.min or 0, question.max or 0
            dont_know = question.dont_know
            columns = point_choices(low, high, question.labels, dont_know, gettext)
        else:
            extra = [Choice(id=DONT_KNOW, label=gettext("Don't know"))]
            columns = question.columns + (extra if question.dont_know else [])
        rows = [
            XlsRow(
                type="select_one",
                name=row.id,
                part_of=question.id,
                label=row.label,
                required=question.required,
                list_name=question.id,
                marks={"renamed_from": row.renamed_from} if row.renamed_from else {},
            )
            for row in question.rows
        ]
        return XlsRows(
            rows=group_rows(question, "table-list", rows),
            lists=[XlsList(name=question.id, choices=columns)],
        )


MATRIX = MatrixKind(MatrixQuestion)
KINDS = (MATRIX,)


def _cell(count: Count, words: Gettext) -> str:
    """A grid cell: count and share of the row, or "not offered"."""
    if not count.offered:
        return words(NOT_OFFERED_WORD)
    return f"{count.count} ({percent(count.share)})"


def _mean_text(mean: float | None) -> str:
    return "-" if mean is None else f"{mean:.2f}"
