"""A questionnaire version and its sections: the root every questionnaire file decodes into.

`Question` is the tagged union of every question type the kinds registry knows, so a
file's `type: scale` decodes into the scale kind's Struct.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from survey.core.schema import Spec, Text
from survey.kinds import Question


class Section(Spec, kw_only=True, frozen=True):
    id: str
    title: Text
    description: Text | None = None
    questions: list[Question]


class Questionnaire(Spec, kw_only=True, frozen=True):
    id: str
    version: int
    title: Text
    languages: list[str] = msgspec.field(default_factory=lambda: ["en"])
    description: Text | None = None
    sections: list[Section]

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else "en"

    def questions(self) -> Iterator[Question]:
        """Every question in document order (the order `show_if` is judged by)."""
        for section in self.sections:
            yield from section.questions

    def question_index(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions()}
