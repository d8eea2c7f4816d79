"""`text` and `long_text`: free answers in the participant's words, optionally bounded."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from survey.core.errors import Finding, Problem, error
from survey.core.figures import QuestionReport
from survey.core.schema import Asked, Scalar
from survey.core.statistics import Tally, TextTally
from survey.kinds.base import Kind, Localize, Outcome, field, first
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


class TextQuestion(Asked, kw_only=True, frozen=True, tag="text"):
    max_length: int | None = None


class LongTextQuestion(Asked, kw_only=True, frozen=True, tag="long_text"):
    max_length: int | None = None


FreeText = TextQuestion | LongTextQuestion
LONG_TEXT_TYPE = "long_text"


class TextKind(Kind[FreeText]):
    messages: ClassVar[dict[str, str]] = {
        "expected_text": "Please enter text.",
        "too_long": (
            "Please shorten this answer to at most {max_length} characters (it has {length})."
        ),
    }
    page_value = "text"
    condition_tests = frozenset({"equals", "in"})

    def check(self, question: FreeText, path: str) -> list[Finding]:
        if question.max_length is not None and question.max_length < 1:
            return [error("range", f"{path}.max_length", "max_length must be at least 1 character")]
        return []

    def comparable_values(self, question: FreeText) -> list[Scalar] | None:
        return None

    def validate(
        self, question: FreeText, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        if not isinstance(value, str):
            return Problem(code="expected_text")
        text = value.replace("\r\n", "\n").strip()
        if question.max_length is not None and len(text) > question.max_length:
            return Problem(
                code="too_long", params={"max_length": question.max_length, "length": len(text)}
            )
        return {question.id: text}

    def display(
        self, question: FreeText, answers: Mapping[str, Any], localize: Localize, words: Gettext
    ) -> list[str]:
        value = answers.get(question.id)
        if value is None:
            return []
        return str(value).splitlines() or [str(value)]

    def hint(self, question: FreeText, gettext: Gettext) -> str:
        if question.max_length:
            return gettext("At most {count} characters.").format(count=question.max_length)
        return ""

    def read_form(self, question: FreeText, form: FormData) -> tuple[Any, Problem | None]:
        return first(form, question.id), None

    def form_fields(self, question: FreeText, answers: Mapping[str, Any]) -> dict[str, list[str]]:
        return {question.id: field(answers.get(question.id))}

    def form_values(self, question: FreeText, answers: Mapping[str, Any]) -> dict[str, Any]:
        value = answers.get(question.id)
        return {"value": "" if value is None else value}

    def options(
        self, question: FreeText, answers: Mapping[str, Any], localize: Localize, gettext: Gettext
    ) -> list[Option]:
        return []

    def new_tally(self, question: FreeText, options: Mapping[str, list[str]]) -> Tally:
        return TextTally()

    def columns(self, question: FreeText, heading: Heading) -> list[Column]:
        qid = heading.id
        return [
            Column(
                label=heading.prompt,
                id=qid,
                width=WIDTHS[self.name],
                read=lambda answers: answers.get(qid),
            )
        ]

    def summary(
        self, question: FreeText, report: QuestionReport, localize: Localize, words: Gettext
    ) -> Summary:
        line = words("{count} answers: see the Free text sheet").format(count=report.text_count)
        return Summary(table=Table(rows=[[line]]))

    def offered(self, question: FreeText) -> set[str]:
        return set()

    def free_texts(self, question: FreeText) -> list[tuple[str, str]]:
        return [("", "")]

    def sample(self, question: FreeText, sampler: Sampler) -> dict[str, Any]:
        """A short answer: a name, an institution."""
        return {question.id: sampler.name(question.id, question.max_length)}

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        """`text` (`phone number` is text too); the `multiline` appearance makes it long."""
        if field.type not in ("text", "phone number") or not field.claims(self.name):
            return None
        long = "multiline" in field.appearance
        if "type" not in field.marks and long != (self.name == LONG_TEXT_TYPE):
            return None
        low, high, rest = split_bounds(field.bounds, "length", whole=True)
        question = {"type": self.name, **asked_keys(field)}
        if isinstance(high, int):
            question["max_length"] = high
        if low is not None and low not in (0, 1):  # an answer is never blank anyway
            rest.append(Bound(measure="length", op=">=", value=low))
        return XlsRead(question=question, problems=leftover(rest))

    def xlsform_rows(self, question: FreeText, gettext: Words) -> XlsRows:
        bounds = limits("length", None, question.max_length)
        appearance = "multiline" if self.name == LONG_TEXT_TYPE else ""
        return XlsRows(rows=[asked_row(question, "text", appearance=appearance, bounds=bounds)])


class LongTextKind(TextKind):
    def sample(self, question: FreeText, sampler: Sampler) -> dict[str, Any]:
        """A few sentences of argument."""
        return {question.id: sampler.sentence(question.id, question.max_length)}


TEXT = TextKind(TextQuestion)
LONG_TEXT = LongTextKind(LongTextQuestion)
KINDS = (TEXT, LONG_TEXT)
