"""`allocation`: a `total` divided among the choices (shares, budgets, weights)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, ClassVar

from survey.core.errors import Finding, Problem, error
from survey.core.figures import (
    NOT_OFFERED_WORD,
    QuestionReport,
    RowFigures,
    Tallied,
    rounded,
)
from survey.core.schema import Asked, Choice, Scalar, Text
from survey.core.statistics import Values
from survey.kinds.base import (
    Kind,
    Localize,
    Outcome,
    as_number,
    check_choices,
    field,
    first,
    ids,
    plain_number,
    read_number,
)
from survey.kinds.reporting import amount as with_unit
from survey.kinds.reporting import unit_format
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
    Bound,
    Words,
    XlsField,
    XlsRead,
    XlsRow,
    XlsRows,
    about_row,
    asked_keys,
    choice_data,
    group_rows,
    leftover,
    number_in,
)

#: Allocations are compared with this relative tolerance (0.1 + 0.2 adds up to 0.3).
SUM_TOLERANCE = 1e-9


class AllocationQuestion(Asked, kw_only=True, frozen=True, tag="allocation"):
    choices: list[Choice]
    total: int | float
    unit: Text | None = None


class AllocationTally:
    """Mean, median and range of the amount given to each choice (missing counts as 0)."""

    def __init__(self, choice_ids: list[str]) -> None:
        self.values = {choice: Values() for choice in choice_ids}

    def add(self, value: Any, other: str | None = None, language: str = "") -> None:
        for choice, values in self.values.items():
            values.add(float(value.get(choice, 0)))

    def report(self) -> Tallied:
        return Tallied(
            rows=[
                RowFigures(id=choice, figures=values.figures())
                for choice, values in self.values.items()
            ]
        )


class AllocationKind(Kind[AllocationQuestion]):
    messages: ClassVar[dict[str, str]] = {
        "expected_allocation": "Please give an amount for each choice.",
        "allocation_not_number": "“{choice}”: please enter a number.",
        "allocation_negative": "“{choice}”: amounts cannot be negative.",
        "allocation_total": "The amounts must add up to {total} (they add up to {sum}).",
    }
    page_value = "filled"

    def check(self, question: AllocationQuestion, path: str) -> list[Finding]:
        findings = check_choices(question.choices, f"{path}.choices", reserved=set())
        if question.total <= 0:
            findings.append(error("range", f"{path}.total", "total must be a positive number"))
        return findings

    def comparable_values(self, question: AllocationQuestion) -> list[Scalar] | None:
        return None

    def validate(
        self, question: AllocationQuestion, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        if not isinstance(value, dict):
            return Problem(code="expected_allocation")
        allowed = ids(question.choices)
        cleaned: dict[str, int | float] = {}
        for choice, amount in value.items():
            if choice not in allowed:
                return Problem(code="not_a_choice", params={"value": str(choice)})
            number = as_number(amount)
            if number is None:
                return Problem(code="allocation_not_number", params={"choice": choice})
            if number < 0:
                return Problem(code="allocation_negative", params={"choice": choice})
            cleaned[choice] = number
        total = sum(cleaned.values())
        if complete and not math.isclose(total, question.total, rel_tol=SUM_TOLERANCE):
            return Problem(code="allocation_total", params={"total": question.total, "sum": total})
        return {question.id: cleaned}

    def display(
        self,
        question: AllocationQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        words: Gettext,
    ) -> list[str]:
        value = answers.get(question.id)
        if value is None:
            return []
        unit = f" {localize(question.unit)}" if question.unit else ""
        return [
            f"{localize(choice.label)}: {plain_number(value.get(choice.id, 0))}{unit}"
            for choice in question.choices
        ]

    def hint(self, question: AllocationQuestion, gettext: Gettext) -> str:
        return gettext("Divide {total} in all.").format(total=plain_number(question.total))

    def read_form(self, question: AllocationQuestion, form: FormData) -> tuple[Any, Problem | None]:
        amounts: dict[str, Any] = {}
        for choice in question.choices:
            value = first(form, f"{question.id}.alloc.{choice.id}")
            if value is not None:
                amounts[choice.id] = read_number(value)
        return amounts or None, None

    def form_fields(
        self, question: AllocationQuestion, answers: Mapping[str, Any]
    ) -> dict[str, list[str]]:
        value = answers.get(question.id)
        amounts = value if isinstance(value, dict) else {}
        return {
            f"{question.id}.alloc.{choice.id}": field(amounts.get(choice.id))
            for choice in question.choices
        }

    def form_values(
        self, question: AllocationQuestion, answers: Mapping[str, Any]
    ) -> dict[str, Any]:
        value = answers.get(question.id)
        return dict(value) if isinstance(value, dict) else {}

    def options(
        self,
        question: AllocationQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        gettext: Gettext,
    ) -> list[Option]:
        return [Option(value=c.id, label=localize(c.label)) for c in question.choices]

    def new_tally(
        self, question: AllocationQuestion, options: Mapping[str, list[str]]
    ) -> AllocationTally:
        return AllocationTally(list(options.get("choices", [])))

    def columns(self, question: AllocationQuestion, heading: Heading) -> list[Column]:
        qid = heading.id

        def amount_of(choice: str) -> Any:
            def read(answers: Mapping[str, Any]) -> Any:
                amounts = answers.get(qid)
                return None if amounts is None else amounts.get(choice, 0)

            return read

        return [
            Column(
                label=f"{heading.prompt}: {heading.label(option.id)}",
                id=f"{qid}.{option.id}",
                width=WIDTHS["number"],
                read=amount_of(option.id),
                text=False,
                measure="number",
            )
            for option in heading.options.get("choices", [])
        ]

    def summary(
        self,
        question: AllocationQuestion,
        report: QuestionReport,
        localize: Localize,
        words: Gettext,
    ) -> Summary:
        unit = localize(question.unit) if question.unit else ""
        rows: list[list[Any]] = []
        for row in report.rows:
            f = row.figures
            if not row.offered:
                rows.append([row.label, words(NOT_OFFERED_WORD), None, None, None])
            elif f is not None:
                rows.append([row.label, rounded(f.mean), rounded(f.median), f.min, f.max])
            else:
                rows.append([row.label, None, None, None, None])
        number_format = unit_format(unit)
        table = Table(
            header=[words("Choice"), words("Mean"), words("Median"), words("Min"), words("Max")],
            rows=rows,
            chart_rows=len(rows),
            formats={column: number_format for column in (1, 2, 3, 4)},
        )
        bars = [
            Bar(
                key=row.id,
                label=row.label,
                values=[round(row.figures.mean or 0, 1) if row.figures is not None else 0.0],
                shown=with_unit(row.figures.mean if row.figures else None, unit, 1),
                offered=row.offered,
            )
            for row in report.rows
        ]
        measure = words("mean of {count} allocations").format(count=report.answered)
        offered = [bar for bar in bars if bar.offered]
        chart = Chart(style="bars", rows=offered, measure=measure)
        figures = [
            (
                row.label,
                words("mean {mean} · median {median}").format(
                    mean=with_unit(row.figures.mean, unit, 1),
                    median=with_unit(row.figures.median, unit),
                ),
            )
            for row in report.rows
            if row.offered and row.figures is not None and row.figures.count
        ]
        return Summary(
            table=table,
            chart=chart if offered and report.answered else None,
            figures=figures,
            compare=Chart(style="bars", rows=bars, measure=measure),
        )

    def offered(self, question: AllocationQuestion) -> set[str]:
        return set(ids(question.choices))

    def free_texts(self, question: AllocationQuestion) -> list[tuple[str, str]]:
        return []

    def sample(self, question: AllocationQuestion, sampler: Sampler) -> dict[str, Any]:
        step = 5 if question.total % 5 == 0 else 1
        units = int(question.total // step)
        cuts = sorted(sampler.rng.randint(0, units) for _ in range(len(question.choices) - 1))
        shares = [b - a for a, b in zip([0, *cuts], [*cuts, units], strict=True)]
        return {
            question.id: {
                c.id: share * step for c, share in zip(question.choices, shares, strict=True)
            }
        }

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        """A group marked as an allocation: one number per choice, summing to the total."""
        if field.type != "group" or field.marks.get("type") != self.name:
            return None
        total = number_in(field.marks.get("total", ""))
        if total is None:
            return XlsRead(question={}, problems=["an allocation needs its total (survey--total)"])
        question = {"type": self.name, **asked_keys(field), "total": total}
        question["choices"] = choice_data(field.rows)
        if "unit" in field.marks:
            question["unit"] = field.marks["unit"]
        return XlsRead(question=question, problems=leftover(field.bounds))

    def xlsform_rows(self, question: AllocationQuestion, gettext: Words) -> XlsRows:
        """XLSForm has no allocation: a group of numbers, with a note giving the total."""
        total = plain_number(question.total)
        note = gettext(
            "Divide {total} among the items below; the amounts must add up to {total}.", total=total
        )
        parts = [
            XlsRow(
                type="decimal",
                name=choice.id,
                part_of=question.id,
                label=choice.label,
                required=question.required,
                bounds=[Bound(measure="value", op=">=", value=0)],
                marks={"renamed_from": choice.renamed_from} if choice.renamed_from else {},
            )
            for choice in question.choices
        ]
        marks = {"total": question.total, "unit": question.unit}
        rows = group_rows(question, "field-list", [about_row(question, note), *parts], **marks)
        return XlsRows(rows=rows)


ALLOCATION = AllocationKind(AllocationQuestion)
KINDS = (ALLOCATION,)
