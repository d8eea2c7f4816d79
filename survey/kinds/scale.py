"""`scale`: one point between `min` and `max`, optionally labelled, optionally "Don't know"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from survey.core.errors import Finding, Problem
from survey.core.figures import DONT_KNOW_WORD, NOT_OFFERED_WORD, Count, QuestionReport, share
from survey.core.schema import DONT_KNOW, Asked, Scalar, Text
from survey.core.statistics import PointTally, Tally
from survey.kinds.base import (
    EQUALITY,
    MAX_SCALE_POINTS,
    ORDER,
    Kind,
    Localize,
    Outcome,
    as_integer,
    check_point_labels,
    check_scale_range,
    field,
    first,
    point_label,
    point_options,
    read_point,
    scale_point,
)
from survey.kinds.reporting import (
    answers_measure,
    figure_table_rows,
    number_figures,
    point_legend,
    point_name,
    point_value_labels,
    scale_palette,
    share_bars,
    stacked,
)
from survey.kinds.specs import (
    WIDTHS,
    Chart,
    Column,
    FormData,
    Gettext,
    Heading,
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
    XlsRows,
    asked_keys,
    asked_row,
    leftover,
    point_choices,
    points_of,
    reads_as_scale,
    scale_range,
)


class ScaleQuestion(Asked, kw_only=True, frozen=True, tag="scale"):
    min: int
    max: int
    labels: dict[int, Text] = {}
    dont_know: bool = False


class ScaleKind(Kind[ScaleQuestion]):
    messages: ClassVar[dict[str, str]] = {
        "expected_point": "Please pick a point on the scale.",
        "point_out_of_range": "Please pick a point from {min} to {max}.",
    }
    page_value = "point"
    condition_tests = EQUALITY | ORDER
    compares_mean = True

    def check(self, question: ScaleQuestion, path: str) -> list[Finding]:
        return check_scale_range(question.min, question.max, path) + check_point_labels(
            question.labels, question.min, question.max, path
        )

    def comparable_values(self, question: ScaleQuestion) -> list[Scalar] | None:
        points: list[Scalar] = list(range(question.min, question.max + 1))
        return points + ([DONT_KNOW] if question.dont_know else [])

    def validate(
        self, question: ScaleQuestion, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        point = scale_point(value, question.min, question.max, question.dont_know)
        if point is not None:
            return {question.id: point}
        if as_integer(value) is None:
            return Problem(code="expected_point")
        return Problem(code="point_out_of_range", params={"min": question.min, "max": question.max})

    def display(
        self,
        question: ScaleQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        words: Gettext,
    ) -> list[str]:
        value = answers.get(question.id)
        if value is None:
            return []
        return [point_label(value, question.labels, localize, words(DONT_KNOW_WORD))]

    def hint(self, question: ScaleQuestion, gettext: Gettext) -> str:
        return ""

    def read_form(self, question: ScaleQuestion, form: FormData) -> tuple[Any, Problem | None]:
        value = first(form, question.id)
        return (None if value is None else read_point(value)), None

    def form_fields(
        self, question: ScaleQuestion, answers: Mapping[str, Any]
    ) -> dict[str, list[str]]:
        return {question.id: field(answers.get(question.id))}

    def form_values(self, question: ScaleQuestion, answers: Mapping[str, Any]) -> dict[str, Any]:
        value = answers.get(question.id)
        return {"value": "" if value is None else value}

    def options(
        self,
        question: ScaleQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        gettext: Gettext,
    ) -> list[Option]:
        return point_options(
            question.min, question.max, question.labels, question.dont_know, localize, gettext
        )

    def new_tally(self, question: ScaleQuestion, options: Mapping[str, list[str]]) -> Tally:
        return PointTally(question.min, question.max, question.dont_know)

    def columns(self, question: ScaleQuestion, heading: Heading) -> list[Column]:
        qid = heading.id
        dont_know = heading.words(DONT_KNOW_WORD)

        def read(answers: Mapping[str, Any]) -> Any:
            value = answers.get(qid)
            return dont_know if value == DONT_KNOW else value

        return [
            Column(
                label=heading.prompt,
                id=qid,
                width=WIDTHS["number"],
                read=read,
                value=lambda answers: answers.get(qid),
                measure="points",
                value_labels=point_value_labels(question.labels, question.dont_know, heading),
            )
        ]

    def summary(
        self, question: ScaleQuestion, report: QuestionReport, localize: Localize, words: Gettext
    ) -> Summary:
        def label(count: Count) -> str:
            return point_name(count, question.labels, localize, words)

        rows = [
            [label(c), c.count, share(c) if c.offered else words(NOT_OFFERED_WORD)]
            for c in report.counts
        ]
        if report.figures is not None and report.figures.count:
            rows += figure_table_rows(report.figures, words)
        table = Table(
            header=[words("Point"), words("Count"), words("Share")],
            rows=rows,
            chart_rows=len(report.counts),
        )
        palette = scale_palette(question.min, question.max, question.labels)
        measure = answers_measure(report.answered, words)
        bars = share_bars(report.counts, label, apart=frozenset({DONT_KNOW}))
        offered = [bar for bar in bars if bar.offered]
        chart = Chart(style="bars", rows=offered, palette=palette, percent=True, measure=measure)
        mean = report.figures.mean if report.figures is not None else None
        compare = stacked(
            [(question.id, "", report.counts, mean, True)],
            point_legend(report.counts, question.labels, localize, words),
            palette,
            measure,
        )
        return Summary(
            table=table,
            chart=chart if offered and report.answered else None,
            figures=number_figures(report.figures, "", words),
            compare=compare,
        )

    def offered(self, question: ScaleQuestion) -> set[str]:
        points = {str(point) for point in range(question.min, question.max + 1)}
        return points | ({DONT_KNOW} if question.dont_know else set())

    def free_texts(self, question: ScaleQuestion) -> list[tuple[str, str]]:
        return []

    def sample(self, question: ScaleQuestion, sampler: Sampler) -> dict[str, Any]:
        return {
            question.id: sampler.point(question.id, question.min, question.max, question.dont_know)
        }

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        """A `likert` select over points, or a `range` of whole steps of 1 that fits a scale."""
        if not field.claims(self.name):
            return None
        points: dict[str, Any] | None = None
        if field.type == "select_one" and ("type" in field.marks or reads_as_scale(field)):
            points = points_of(field.choices)
        elif field.type == "range":
            span = scale_range(field.parameters, MAX_SCALE_POINTS)
            points = {"min": span[0], "max": span[1]} if span is not None else None
        if points is None:
            return None
        question = {"type": self.name, **asked_keys(field), **points}
        return XlsRead(question=question, problems=leftover(field.bounds))

    def xlsform_rows(self, question: ScaleQuestion, gettext: Words) -> XlsRows:
        """A `likert` select over the points, labelled where the scale labels them."""
        points = point_choices(
            question.min, question.max, question.labels, question.dont_know, gettext
        )
        select = asked_row(question, "select_one", list_name=question.id, appearance="likert")
        return XlsRows(rows=[select], lists=[XlsList(name=question.id, choices=points)])


SCALE = ScaleKind(ScaleQuestion)
KINDS = (SCALE,)
