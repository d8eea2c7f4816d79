"""A questionnaire version and its sections: the root every questionnaire file decodes into.

`Question` is the tagged union of every question type the kinds registry knows, so a
file's `type: scale` decodes into the scale kind's Struct.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Any

import msgspec

from survey.core.schema import Spec, Text
from survey.kinds import Question, kind_of
from survey.kinds.base import Kind


class Section(Spec, kw_only=True, frozen=True):
    id: str
    title: Text
    description: Text | None = None
    questions: list[Question]


class Provenance(Spec, kw_only=True, frozen=True):
    """Where an imported version came from, as its source named it (`imported_from`)."""

    format: str
    file: str | None = None
    form_id: str | None = None
    version: str | None = None


class Questionnaire(Spec, kw_only=True, frozen=True, dict=True):
    """A version as its file says; `dict=True` lets it keep what is derived from it (its
    index, its answer keys), computed once: a published version never changes."""

    id: str
    version: int
    title: Text
    languages: list[str] = msgspec.field(default_factory=lambda: ["en"])
    description: Text | None = None
    #: Set by `survey import-xlsform`: the source's form id and version string.
    imported_from: Provenance | None = None
    sections: list[Section]

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else "en"

    def questions(self) -> Iterator[Question]:
        """Every question in document order (the order `show_if` is judged by)."""
        for section in self.sections:
            yield from section.questions

    def question_index(self) -> dict[str, Question]:
        return self._index

    @cached_property
    def _index(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions()}

    @cached_property
    def with_kinds(self) -> list[tuple[Question, Kind[Any]]]:
        """Every question in document order, with the kind that owns it."""
        return [(question, kind_of(question)) for question in self.questions()]

    @cached_property
    def answer_keys(self) -> frozenset[str]:
        """Every key an answer may use: question ids and their free-text companions such
        as `q.other`."""
        return frozenset(
            question.id + suffix
            for question in self.questions()
            for suffix in ("", *(extra for extra, _ in kind_of(question).free_texts(question)))
        )
