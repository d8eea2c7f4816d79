"""`number`: a quantity, optionally whole, bounded, and in a unit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, ClassVar

from survey.core.errors import Finding, Problem, error
from survey.core.figures import Count, QuestionReport, Tallied
from survey.core.schema import Asked, Scalar, Text
from survey.core.statistics import Tally, ValuesTally
from survey.kinds.base import (
    EQUALITY,
    MAX_SCALE_POINTS,
    ORDER,
    Kind,
    Localize,
    Outcome,
    as_integer,
    as_number,
    field,
    first,
    plain_number,
    read_number,
)
from survey.kinds.reporting import (
    amount,
    figure_table_rows,
    is_year,
    number_figures,
    timeline,
    unit_format,
)
from survey.kinds.specs import (
    WIDTHS,
    Bar,
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
    XlsRead,
    XlsRows,
    asked_keys,
    asked_row,
    leftover,
    limits,
    range_of,
    scale_range,
    split_bounds,
)


class NumberQuestion(Asked, kw_only=True, frozen=True, tag="number"):
    min: int | float | None = None
    max: int | float | None = None
    integer: bool = False
    unit: Text | None = None


class NumberKind(Kind[NumberQuestion]):
    messages: ClassVar[dict[str, str]] = {
        "expected_number": "Please enter a number.",
        "expected_whole_number": "Please enter a whole number.",
        "number_below_min": "Please enter at least {min}.",
        "number_above_max": "Please enter at most {max}.",
    }
    page_value = "number"
    condition_tests = EQUALITY | ORDER
    compares_mean = True

    def check(self, question: NumberQuestion, path: str) -> list[Finding]:
        findings = []
        low, high = question.min, question.max
        if low is not None and high is not None and low > high:
            findings.append(
                error("range", f"{path}.min", f"min ({low}) is larger than max ({high})")
            )
        if question.integer:
            for key, bound in (("min", low), ("max", high)):
                if bound is not None and bound != int(bound):
                    findings.append(
                        error("range", f"{path}.{key}", f"{key} must be whole: integer is set")
                    )
        return findings

    def comparable_values(self, question: NumberQuestion) -> list[Scalar] | None:
        return None

    def validate(
        self, question: NumberQuestion, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        number = as_number(value)
        if number is None:
            return Problem(code="expected_number")
        if question.integer:
            whole = as_integer(number)
            if whole is None:
                return Problem(code="expected_whole_number")
            number = whole
        if question.min is not None and number < question.min:
            return Problem(code="number_below_min", params={"min": question.min})
        if question.max is not None and number > question.max:
            return Problem(code="number_above_max", params={"max": question.max})
        return {question.id: number}

    def display(
        self,
        question: NumberQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        words: Gettext,
    ) -> list[str]:
        value = answers.get(question.id)
        if value is None:
            return []
        unit = f" {localize(question.unit)}" if question.unit else ""
        return [f"{plain_number(value)}{unit}"]

    def hint(self, question: NumberQuestion, gettext: Gettext) -> str:
        low, high = question.min, question.max
        if low is not None and high is not None:
            return gettext("A number from {min} to {max}.").format(min=low, max=high)
        if low is not None:
            return gettext("A number of at least {min}.").format(min=low)
        if high is not None:
            return gettext("A number of at most {max}.").format(max=high)
        return ""

    def read_form(self, question: NumberQuestion, form: FormData) -> tuple[Any, Problem | None]:
        value = first(form, question.id)
        return (None if value is None else read_number(value)), None

    def form_fields(
        self, question: NumberQuestion, answers: Mapping[str, Any]
    ) -> dict[str, list[str]]:
        return {question.id: field(answers.get(question.id))}

    def form_values(self, question: NumberQuestion, answers: Mapping[str, Any]) -> dict[str, Any]:
        value = answers.get(question.id)
        return {"value": "" if value is None else value}

    def options(
        self,
        question: NumberQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        gettext: Gettext,
    ) -> list[Option]:
        return []

    def new_tally(self, question: NumberQuestion, options: Mapping[str, list[str]]) -> Tally:
        return YearTally() if _asks_year(question) else ValuesTally()

    def columns(self, question: NumberQuestion, heading: Heading) -> list[Column]:
        qid = heading.id
        return [
            Column(
                label=heading.prompt,
                id=qid,
                width=WIDTHS["number"],
                read=lambda answers: answers.get(qid),
                measure="number",
            )
        ]

    def summary(
        self, question: NumberQuestion, report: QuestionReport, localize: Localize, words: Gettext
    ) -> Summary:
        unit = localize(question.unit) if question.unit else ""
        years = _asks_year(question)
        f = report.figures
        if f is None or not f.count:
            return Summary(table=Table())
        number_format = "0" if years else unit_format(unit, integer=question.integer)
        table = Table(
            rows=figure_table_rows(f, words, years=years),
            formats={1: number_format},
        )
        figures = number_figures(f, unit, words, years=years)
        if years:
            chart = timeline(report.timeline, words("answers per year"))
            return Summary(table=table, chart=chart, figures=figures)
        measure = words("{count} answers").format(count=f.count)
        compare = Chart(
            style="bars",
            rows=[
                Bar(
                    key="mean",
                    label=words("Mean"),
                    values=[f.mean or 0.0],
                    shown=amount(f.mean, unit),
                ),
                Bar(
                    key="median",
                    label=words("Median"),
                    values=[f.median or 0.0],
                    shown=amount(f.median, unit),
                ),
            ],
            measure=measure,
        )
        return Summary(table=table, figures=figures, compare=compare)

    def offered(self, question: NumberQuestion) -> set[str]:
        return set()

    def free_texts(self, question: NumberQuestion) -> list[tuple[str, str]]:
        return []

    def sample(self, question: NumberQuestion, sampler: Sampler) -> dict[str, Any]:
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else low + 100
        value = sampler.rng.triangular(low, high, low + (high - low) / 8)
        return {question.id: round(value) if question.integer else round(value, 1)}

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        """`integer`, `decimal`, and a `range` too long or too fine for a scale."""
        if field.type not in ("integer", "decimal", "range") or not field.claims(self.name):
            return None
        if field.type == "range" and scale_range(field.parameters, MAX_SCALE_POINTS):
            return None  # a scale's
        question: dict[str, Any] = {"type": self.name, **asked_keys(field)}
        problems = []
        whole = field.type == "integer"
        if field.type == "range":
            span = range_of(field.parameters)
            if span is None:
                return XlsRead(question={}, problems=["its start, end and step cannot be read"])
            whole = all(isinstance(number, int) for number in span)
            question |= {"min": span[0], "max": span[1]}
            if span[2] != 1:
                problems.append(f"its step of {span[2]} cannot be expressed")
        low, high, rest = split_bounds(field.bounds, "value", whole=whole)
        limits = (("min", low), ("max", high))
        question |= {key: value for key, value in limits if value is not None}
        if whole:
            question["integer"] = True
        if "unit" in field.marks:
            question["unit"] = field.marks["unit"]
        return XlsRead(question=question, problems=problems + leftover(rest))

    def xlsform_rows(self, question: NumberQuestion, gettext: Words) -> XlsRows:
        bounds = limits("value", question.min, question.max)
        xls_type = "integer" if question.integer else "decimal"
        row = asked_row(question, xls_type, bounds=bounds, marks={"unit": question.unit})
        return XlsRows(rows=[row])


NUMBER = NumberKind(NumberQuestion)
KINDS = (NUMBER,)


def _asks_year(question: NumberQuestion) -> bool:
    return is_year(question.integer, question.min, question.max)


class YearTally(ValuesTally):
    """A year question: its figures, and answers per year for a timeline."""

    def __init__(self) -> None:
        super().__init__()
        self.years: Counter[int] = Counter()

    def add(self, value: Any, other: str | None, language: str) -> None:
        super().add(value, other, language)
        self.years[int(value)] += 1

    def report(self) -> Tallied:
        tallied = super().report()
        if self.years:
            first, last = min(self.years), max(self.years)
            tallied.timeline = [
                Count(id=str(year), count=self.years[year]) for year in range(first, last + 1)
            ]
        return tallied
