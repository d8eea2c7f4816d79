"""Moments in time: `date` (YYYY-MM-DD) and `time` (HH:MM, a 24-hour clock)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from datetime import date, time, timedelta
from typing import Any, ClassVar

from survey.core.errors import Finding, Problem, error
from survey.core.figures import Count, QuestionReport, Tallied
from survey.core.schema import Asked, Scalar
from survey.core.statistics import Values
from survey.kinds.base import EQUALITY, Kind, Localize, Outcome, field, first
from survey.kinds.reporting import month_buckets, timeline
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
from survey.kinds.xlsform import (
    Bound,
    Words,
    XlsField,
    XlsRead,
    XlsRows,
    asked_keys,
    asked_row,
    leftover,
    limits,
    split_bounds,
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
        self.months: Counter[str] = Counter()

    def add(self, value: Any, other: str | None = None, language: str = "") -> None:
        self.values.add(float(date.fromisoformat(value).toordinal()))
        self.months[value[:7]] += 1

    def report(self) -> Tallied:
        return Tallied(
            figures=self.values.figures(),
            timeline=[Count(id=month, count=count) for month, count in sorted(self.months.items())],
        )


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

        return [
            Column(
                label=heading.prompt,
                id=qid,
                width=WIDTHS["date"],
                read=read,
                text=False,
                value=lambda answers: answers.get(qid),
                measure="date",
            )
        ]

    def summary(
        self, question: DateQuestion, report: QuestionReport, localize: Localize, words: Gettext
    ) -> Summary:
        f = report.figures
        if f is None or not f.count:
            return Summary(table=Table())
        rows: list[list[Any]] = [
            [words("Earliest"), _day(f.min)],
            [words("Median"), _day(f.median)],
            [words("Latest"), _day(f.max)],
        ]
        figures = [(label, str(day)) for label, day in rows]
        buckets = month_buckets({c.id: c.count for c in report.timeline})
        chart = timeline(buckets, words("{count} dates").format(count=f.count))
        return Summary(table=Table(rows=rows), chart=chart, figures=figures)

    def offered(self, question: DateQuestion) -> set[str]:
        return set()

    def free_texts(self, question: DateQuestion) -> list[tuple[str, str]]:
        return []

    def sample(self, question: DateQuestion, sampler: Sampler) -> dict[str, Any]:
        day = SAMPLE_FROM + timedelta(days=sampler.rng.randrange(SAMPLE_DAYS))
        return {question.id: day.isoformat()}

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        if field.type != "date" or not field.claims(self.name):
            return None
        question = {"type": self.name, **asked_keys(field)}
        return XlsRead(question=question, problems=leftover(field.bounds))

    def xlsform_rows(self, question: DateQuestion, gettext: Words) -> XlsRows:
        return XlsRows(rows=[asked_row(question, "date")])


_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::00)?$")
#: Demo times fall in a working day, on the quarter hour.
SAMPLE_DAY = ("08:00", "18:00")


def _minutes(value: str) -> int | None:
    """Minutes since midnight of an `HH:MM` time (seconds `:00` allowed), else None."""
    match = _CLOCK.match(value.strip())
    return None if match is None else int(match.group(1)) * 60 + int(match.group(2))


def _clock(minutes: float | None) -> str | None:
    if minutes is None:
        return None
    whole = int(minutes)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class TimeQuestion(Asked, kw_only=True, frozen=True, tag="time"):
    """A time of day, `HH:MM` on a 24-hour clock, optionally between `min` and `max`."""

    min: str | None = None
    max: str | None = None


class TimeTally:
    """Earliest, latest and median time of day, as minutes since midnight."""

    def __init__(self) -> None:
        self.values = Values()

    def add(self, value: Any, other: str | None = None, language: str = "") -> None:
        minutes = _minutes(value)
        if minutes is not None:
            self.values.add(float(minutes))

    def report(self) -> Tallied:
        return Tallied(figures=self.values.figures())


class TimeKind(Kind[TimeQuestion]):
    messages: ClassVar[dict[str, str]] = {
        "expected_time": "Please enter a time as HH:MM, such as 14:30.",
        "time_before_min": "Please enter {min} or later.",
        "time_after_max": "Please enter {max} or earlier.",
    }
    page_value = "text"
    condition_tests = EQUALITY

    def check(self, question: TimeQuestion, path: str) -> list[Finding]:
        findings = []
        bounds = {"min": question.min, "max": question.max}
        for key, value in bounds.items():
            if value is not None and _minutes(value) is None:
                findings.append(
                    error("time", f"{path}.{key}", f"`{value}` is not a time such as 14:30")
                )
        low, high = (_minutes(v) if v is not None else None for v in bounds.values())
        if low is not None and high is not None and low >= high:
            findings.append(
                error(
                    "range",
                    f"{path}.max",
                    f"max ({question.max}) must be after min ({question.min})",
                )
            )
        return findings

    def comparable_values(self, question: TimeQuestion) -> list[Scalar] | None:
        return None

    def validate(
        self, question: TimeQuestion, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        minutes = _minutes(value) if isinstance(value, str) else None
        if minutes is None:
            return Problem(code="expected_time")
        if question.min is not None and minutes < (_minutes(question.min) or 0):
            return Problem(code="time_before_min", params={"min": question.min})
        if question.max is not None and minutes > (_minutes(question.max) or 0):
            return Problem(code="time_after_max", params={"max": question.max})
        return {question.id: _clock(minutes)}

    def display(
        self, question: TimeQuestion, answers: Mapping[str, Any], localize: Localize, words: Gettext
    ) -> list[str]:
        value = answers.get(question.id)
        return [] if value is None else [str(value)]

    def hint(self, question: TimeQuestion, gettext: Gettext) -> str:
        low, high = question.min, question.max
        if low is not None and high is not None:
            return gettext("A time from {min} to {max}.").format(min=low, max=high)
        if low is not None:
            return gettext("A time of {min} or later.").format(min=low)
        if high is not None:
            return gettext("A time of {max} or earlier.").format(max=high)
        return gettext("A time as HH:MM, such as 14:30.")

    def read_form(self, question: TimeQuestion, form: FormData) -> tuple[Any, Problem | None]:
        return first(form, question.id), None

    def form_fields(
        self, question: TimeQuestion, answers: Mapping[str, Any]
    ) -> dict[str, list[str]]:
        return {question.id: field(answers.get(question.id))}

    def form_values(self, question: TimeQuestion, answers: Mapping[str, Any]) -> dict[str, Any]:
        value = answers.get(question.id)
        return {"value": "" if value is None else value}

    def options(
        self,
        question: TimeQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        gettext: Gettext,
    ) -> list[Option]:
        return []

    def new_tally(self, question: TimeQuestion, options: Mapping[str, list[str]]) -> TimeTally:
        return TimeTally()

    def columns(self, question: TimeQuestion, heading: Heading) -> list[Column]:
        qid = heading.id

        def read(answers: Mapping[str, Any]) -> Any:
            minutes = _minutes(answers.get(qid) or "")
            return None if minutes is None else time(minutes // 60, minutes % 60)

        return [
            Column(
                label=heading.prompt,
                id=qid,
                width=WIDTHS["date"],
                read=read,
                text=False,
                value=lambda answers: _clock(_minutes(answers.get(qid) or "")),
            )
        ]

    def summary(
        self, question: TimeQuestion, report: QuestionReport, localize: Localize, words: Gettext
    ) -> Summary:
        f = report.figures
        if f is None or not f.count:
            return Summary(table=Table())
        rows: list[list[Any]] = [
            [words("Earliest"), _clock(f.min)],
            [words("Median"), _clock(f.median)],
            [words("Latest"), _clock(f.max)],
        ]
        return Summary(table=Table(rows=rows), figures=[(label, str(at)) for label, at in rows])

    def offered(self, question: TimeQuestion) -> set[str]:
        return set()

    def free_texts(self, question: TimeQuestion) -> list[tuple[str, str]]:
        return []

    def sample(self, question: TimeQuestion, sampler: Sampler) -> dict[str, Any]:
        low = _minutes(question.min or SAMPLE_DAY[0]) or 0
        high = _minutes(question.max or SAMPLE_DAY[1]) or low
        quarters = range(-(-low // 15) * 15, high + 1, 15)
        at = sampler.rng.choice(list(quarters) or [low])
        return {question.id: _clock(at)}

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        """`time`, with `. >= '08:00'` and `. <= '18:00'` as its earliest and latest."""
        if field.type != "time" or not field.claims(self.name):
            return None
        question: dict[str, Any] = {"type": self.name, **asked_keys(field)}
        low, high, rest = split_bounds(field.bounds, "value", whole=False, text=True)
        for key, value in (("min", low), ("max", high)):
            minutes = None if value is None else _minutes(value)
            if minutes is not None:
                question[key] = _clock(minutes)
            elif value is not None:
                rest.append(Bound(measure="value", op=">=" if key == "min" else "<=", value=value))
        return XlsRead(question=question, problems=leftover(rest))

    def xlsform_rows(self, question: TimeQuestion, gettext: Words) -> XlsRows:
        bounds = limits("value", question.min, question.max)
        return XlsRows(rows=[asked_row(question, "time", bounds=bounds)])


DATE = DateKind(DateQuestion)
TIME = TimeKind(TimeQuestion)
KINDS = (DATE, TIME)
