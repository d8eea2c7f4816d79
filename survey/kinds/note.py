"""`note`: display-only text between questions; it takes no answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from survey.core.errors import Finding, Problem
from survey.core.figures import QuestionReport
from survey.core.schema import QuestionBase, Scalar, Text
from survey.core.statistics import Tally, TextTally
from survey.kinds.base import Kind, Localize, Outcome
from survey.kinds.specs import Column, FormData, Gettext, Heading, Option, Sampler, Summary, Table
from survey.kinds.xlsform import Words, XlsField, XlsRead, XlsRow, XlsRows, joined


class Note(QuestionBase, kw_only=True, frozen=True, tag="note"):
    """Display-only text between questions."""

    text: Text

    @property
    def takes_answer(self) -> bool:
        return False


class NoteKind(Kind[Note]):
    messages: ClassVar[dict[str, str]] = {
        "takes_no_answer": "This is a note; it takes no answer.",
    }
    page_value = "none"

    def check(self, question: Note, path: str) -> list[Finding]:
        return []

    def comparable_values(self, question: Note) -> list[Scalar] | None:
        return []

    def validate(
        self, question: Note, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        return Problem(code="takes_no_answer")

    def display(
        self, question: Note, answers: Mapping[str, Any], localize: Localize, words: Gettext
    ) -> list[str]:
        return []

    def hint(self, question: Note, gettext: Gettext) -> str:
        return ""

    def read_form(self, question: Note, form: FormData) -> tuple[Any, Problem | None]:
        return None, None

    def form_fields(self, question: Note, answers: Mapping[str, Any]) -> dict[str, list[str]]:
        return {}

    def form_values(self, question: Note, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {}

    def options(
        self, question: Note, answers: Mapping[str, Any], localize: Localize, gettext: Gettext
    ) -> list[Option]:
        return []

    def new_tally(self, question: Note, options: Mapping[str, list[str]]) -> Tally:
        # Never fed: notes are not lined up for reports (they take no answer).
        return TextTally()

    def columns(self, question: Note, heading: Heading) -> list[Column]:
        return []

    def summary(
        self, question: Note, report: QuestionReport, localize: Localize, words: Gettext
    ) -> Summary:
        return Summary(table=Table())

    def offered(self, question: Note) -> set[str]:
        return set()

    def free_texts(self, question: Note) -> list[tuple[str, str]]:
        return []

    def sample(self, question: Note, sampler: Sampler) -> dict[str, Any]:
        return {}

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        """A note's label and hint (guidance under it) are one text here."""
        if field.type != "note" or not field.claims(self.name):
            return None
        parts = [text for text in (field.label, field.hint) if text is not None]
        if not parts:
            return XlsRead(question={}, problems=["a note without a label or hint says nothing"])
        text = joined(parts[0], parts[1]) if len(parts) == 2 else parts[0]
        if text is None:
            problem = "its hint is left out: it has no language while its label has"
            return XlsRead(question={"type": self.name, "text": parts[0]}, problems=[problem])
        return XlsRead(question={"type": self.name, "text": text})

    def xlsform_rows(self, question: Note, gettext: Words) -> XlsRows:
        return XlsRows(rows=[XlsRow(type="note", name=question.id, label=question.text)])


NOTE = NoteKind(Note)
KINDS = (NOTE,)
