"""The questionnaire language: the Structs every questionnaire file decodes into.

Types say what a file may contain; cross-references and ranges that typing cannot
express (show_if targets, min <= max, unique ids, ...) are checked in `checks.py`.
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


class Note(QuestionBase, kw_only=True, frozen=True, tag="note"):
    """Display-only text between questions."""

    text: Text

    @property
    def takes_answer(self) -> bool:
        return False


class Asked(QuestionBase, kw_only=True, frozen=True):
    """Keys shared by every question that takes an answer."""

    prompt: Text | None = None
    help: Text | None = None
    required: bool = False


class TextQuestion(Asked, kw_only=True, frozen=True, tag="text"):
    max_length: int | None = None


class LongTextQuestion(Asked, kw_only=True, frozen=True, tag="long_text"):
    max_length: int | None = None


class SingleChoiceQuestion(Asked, kw_only=True, frozen=True, tag="single_choice"):
    choices: list[Choice]
    other: bool = False


class MultipleChoiceQuestion(Asked, kw_only=True, frozen=True, tag="multiple_choice"):
    choices: list[Choice]
    other: bool = False
    min_selected: int | None = None
    max_selected: int | None = None


class ScaleQuestion(Asked, kw_only=True, frozen=True, tag="scale"):
    min: int
    max: int
    labels: dict[int, Text] = {}
    dont_know: bool = False


class MatrixQuestion(Asked, kw_only=True, frozen=True, tag="matrix"):
    """Rows answered on one scale (`min`/`max`), or by picking one of `columns`."""

    rows: list[Choice]
    columns: list[Choice] | None = None
    min: int | None = None
    max: int | None = None
    labels: dict[int, Text] = {}
    dont_know: bool = False


class RankingQuestion(Asked, kw_only=True, frozen=True, tag="ranking"):
    choices: list[Choice]
    rank_at_most: int | None = None


class AllocationQuestion(Asked, kw_only=True, frozen=True, tag="allocation"):
    choices: list[Choice]
    total: int | float
    unit: Text | None = None


class NumberQuestion(Asked, kw_only=True, frozen=True, tag="number"):
    min: int | float | None = None
    max: int | float | None = None
    integer: bool = False
    unit: Text | None = None


class DateQuestion(Asked, kw_only=True, frozen=True, tag="date"):
    pass


Question = (
    Note
    | TextQuestion
    | LongTextQuestion
    | SingleChoiceQuestion
    | MultipleChoiceQuestion
    | ScaleQuestion
    | MatrixQuestion
    | RankingQuestion
    | AllocationQuestion
    | NumberQuestion
    | DateQuestion
)

#: Every question class, in the order DESIGN.md lists the types.
QUESTION_TYPES: tuple[type[QuestionBase], ...] = (
    Note,
    TextQuestion,
    LongTextQuestion,
    SingleChoiceQuestion,
    MultipleChoiceQuestion,
    ScaleQuestion,
    MatrixQuestion,
    RankingQuestion,
    AllocationQuestion,
    NumberQuestion,
    DateQuestion,
)

QUESTION_CLASS_BY_TYPE: dict[str, type[QuestionBase]] = {
    str(cls.__struct_config__.tag): cls for cls in QUESTION_TYPES
}

#: Question types whose answer is picked from `choices`.
CHOICE_TYPES = (SingleChoiceQuestion, MultipleChoiceQuestion, RankingQuestion, AllocationQuestion)


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
