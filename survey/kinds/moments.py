"""Moments in time: `date` (YYYY-MM-DD)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, ClassVar

from survey.core.errors import Finding, Problem
from survey.core.figures import QuestionReport, Tallied
from survey.core.schema import Asked, Scalar
from survey.core.statistics import Values
from survey.kinds.base import EQUALITY, Kind, Localize, Outcome, field, first
from survey.kinds.specs import (
    WIDTHS,
    Column,
    FormData,
    Gettext,
    Heading,
    Option,
    Sampler,
    Summary,
    Table,
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Demo dates fall in the months after the Beijing 2007 workshop.
SAMPLE_FROM = date(2007, 6, 1)
SAMPLE_DAYS = 900


class DateQuestion(Asked, kw_only=True, frozen=True, tag="date"):
    pass


class DateTally:
    """Earliest, latest and median date, as ordinal days."""

    def __init__(self) -> None:
        self.values = Values()

    def add(self, value: Any, other: str | None = None, language: str = "") -> None:
        self.values.add(float(date.fromisoformat(value).toordinal()))

    def report(self) -> Tallied:
        return Tallied(figures=self.values.figures())


def _day(ordinal: float | None) -> date | None:
    return None if ordinal is None else date.fromordinal(int(ordinal))


class DateKind(Kind[DateQuestion]):
    messages: ClassVar[dict[str, str]] = {
        "expected_date": "Please enter a date as YYYY-MM-DD.",
        "no_such_date": "{value} is not a date in the calendar.",
    }
    page_value = "text"
    condition_tests = EQUALITY

    def check(self, question: DateQuestion, path: str) -> list[Finding]:
        return []

    def comparable_values(self, question: DateQuestion) -> list[Scalar] | None:
        return None

    def validate(
        self, question: DateQuestion, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            return Problem(code="expected_date")
        try:
            date.fromisoformat(value)
        except ValueError:
            return Problem(code="no_such_date", params={"value": value})
        return {question.id: value}

    def display(
        self, question: DateQuestion, answers: Mapping[str, Any], localize: Localize, words: Gettext
    ) -> list[str]:
        value = answers.get(question.id)
        return [] if value is None else [str(value)]

    def hint(self, question: DateQuestion, gettext: Gettext) -> str:
        return ""

    def read_form(self, question: DateQuestion, form: FormData) -> tuple[Any, Problem | None]:
        return first(form, question.id), None

    def form_fields(
        self, question: DateQuestion, answers: Mapping[str, Any]
    ) -> dict[str, list[str]]:
        return {question.id: field(answers.get(question.id))}

    def form_values(self, question: DateQuestion, answers: Mapping[str, Any]) -> dict[str, Any]:
        value = answers.get(question.id)
        return {"value": "" if value is None else value}

    def options(
        self,
        question: DateQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        gettext: Gettext,
    ) -> list[Option]:
        return []

    def new_tally(self, question: DateQuestion, options: Mapping[str, list[str]]) -> DateTally:
        return DateTally()

    def columns(self, question: DateQuestion, heading: Heading) -> list[Column]:
        qid = heading.id

        def read(answers: Mapping[str, Any]) -> Any:
            value = answers.get(qid)
            return date.fromisoformat(value) if value else None

        return [Column(label=heading.prompt, id=qid, width=WIDTHS["date"], read=read, text=False)]

    def summary(self, report: QuestionReport, words: Gettext) -> Summary:
        f = report.figures
        if f is None or not f.count:
            return Summary(table=Table())
        rows: list[list[Any]] = [
            [words("Earliest"), _day(f.min)],
            [words("Median"), _day(f.median)],
            [words("Latest"), _day(f.max)],
        ]
        figures = [(label, str(day)) for label, day in rows]
        return Summary(table=Table(rows=rows), figures=figures)

    def free_texts(self, question: DateQuestion) -> list[tuple[str, str]]:
        return []

    def sample(self, question: DateQuestion, sampler: Sampler) -> dict[str, Any]:
        day = SAMPLE_FROM + timedelta(days=sampler.rng.randrange(SAMPLE_DAYS))
        return {question.id: day.isoformat()}


DATE = DateKind(DateQuestion)
KINDS = (DATE,)
