"""The questionnaire language's common ground: texts, choices, conditions, question bases.

Each question type's own Struct lives with its kind (`survey/kinds/`); the questionnaire
and its sections, which hold the union of every type, are in `questionnaire.py`. Types
say what a file may contain; cross-references and ranges that typing cannot express
(show_if targets, min <= max, unique ids, ...) are checked by `checks.py` and the kinds.
Everything here is immutable: a published version never changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import msgspec

#: A user-facing string: plain (in the questionnaire's default language) or a map of
#: language code -> text.
Text = str | dict[str, str]

#: Answer values a `show_if` condition may compare against.
Scalar = str | int | float

#: The id an answer uses for "Other, please specify" (its text goes under "<question>.other").
OTHER = "other"
#: The answer to a scale point or matrix row for "Don't know".
DONT_KNOW = "dont_know"


class Spec(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """Base of everything read from a questionnaire file: unknown keys are errors."""


class Choice(Spec, kw_only=True, frozen=True):
    """An option of a choice, ranking or allocation question; also a matrix row or column."""

    id: str
    label: Text
    renamed_from: str | None = None


class Condition(Spec, kw_only=True, frozen=True):
    """`show_if`: one test on an earlier question, or `all`/`any` of nested conditions.

    Exactly one form is allowed; `checks.py` enforces that, so every mistake in a file
    can be reported at once instead of failing on the first.
    """

    question: str | None = None
    equals: Scalar | None = None
    in_: list[Scalar] | None = msgspec.field(default=None, name="in")
    answered: bool | None = None
    at_least: int | float | None = None
    at_most: int | float | None = None
    all_: list[Condition] | None = msgspec.field(default=None, name="all")
    any_: list[Condition] | None = msgspec.field(default=None, name="any")

    #: The single-question tests, in the order they are described to authors.
    TESTS: ClassVar[tuple[str, ...]] = ("equals", "in", "answered", "at_least", "at_most")

    def tests_used(self) -> list[str]:
        """File names of the single-question tests this condition sets."""
        values = {
            "equals": self.equals,
            "in": self.in_,
            "answered": self.answered,
            "at_least": self.at_least,
            "at_most": self.at_most,
        }
        return [name for name in self.TESTS if values[name] is not None]

    def children(self) -> list[Condition]:
        return [*(self.all_ or ()), *(self.any_ or ())]

    def questions_referenced(self) -> Iterator[str]:
        if self.question is not None:
            yield self.question
        for child in self.children():
            yield from child.questions_referenced()


class QuestionBase(Spec, kw_only=True, frozen=True, tag_field="type"):
    id: str
    show_if: Condition | None = None
    renamed_from: str | None = None

    @property
    def kind(self) -> str:
        """The question's `type` as written in the file (the union's tag)."""
        return str(type(self).__struct_config__.tag)

    @property
    def takes_answer(self) -> bool:
        return True


class Asked(QuestionBase, kw_only=True, frozen=True):
    """Keys shared by every question that takes an answer."""

    prompt: Text | None = None
    help: Text | None = None
    required: bool = False


def localize(text: Text | None, language: str, default_language: str) -> str:
    """The text in `language`, falling back to the default language, then to any."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for candidate in (language, default_language):
        if candidate in text:
            return text[candidate]
    return next(iter(text.values()), "")
