"""Answers as a person reads them: choice labels instead of ids, units, ranks.

Used by the review page and the receipt; the reports use the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from survey.schema import (
    DONT_KNOW,
    OTHER,
    AllocationQuestion,
    Choice,
    MatrixQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    RankingQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    Text,
)

#: Localizes a questionnaire text into the reader's language.
Localize = Callable[[Text | None], str]


def choice_label(choices: list[Choice], choice_id: str, localize: Localize) -> str:
    for choice in choices:
        if choice.id == choice_id:
            return localize(choice.label)
    return choice_id


def point_label(value: Any, labels: Mapping[int, Text], localize: Localize, dont_know: str) -> str:
    if value == DONT_KNOW:
        return dont_know
    label = labels.get(value) if isinstance(value, int) else None
    return f"{value} ({localize(label)})" if label is not None else str(value)


def display_answer(
    question: Question,
    answers: Mapping[str, Any],
    localize: Localize,
    gettext: Callable[[str], str] = str,
) -> list[str]:
    """The answer to `question` as lines of text; empty when it was not answered."""
    value = answers.get(question.id)
    if value is None:
        return []
    other = answers.get(f"{question.id}.{OTHER}", "")
    dont_know = gettext("Don't know")
    other_label = gettext("Other")
    if isinstance(question, SingleChoiceQuestion | MultipleChoiceQuestion):
        picked = value if isinstance(value, list) else [value]
        return [
            f"{other_label}: {other}"
            if item == OTHER
            else choice_label(question.choices, item, localize)
            for item in picked
        ]
    if isinstance(question, ScaleQuestion):
        return [point_label(value, question.labels, localize, dont_know)]
    if isinstance(question, MatrixQuestion):
        lines = []
        for row in question.rows:
            if row.id in value:
                cell = value[row.id]
                if question.columns is not None and cell != DONT_KNOW:
                    shown = choice_label(question.columns, cell, localize)
                else:
                    shown = point_label(cell, question.labels, localize, dont_know)
                lines.append(f"{localize(row.label)}: {shown}")
        return lines
    if isinstance(question, RankingQuestion):
        return [
            f"{rank}. {choice_label(question.choices, item, localize)}"
            for rank, item in enumerate(value, 1)
        ]
    if isinstance(question, AllocationQuestion):
        unit = f" {localize(question.unit)}" if question.unit else ""
        return [
            f"{localize(choice.label)}: {_number(value.get(choice.id, 0))}{unit}"
            for choice in question.choices
        ]
    if isinstance(question, NumberQuestion):
        unit = f" {localize(question.unit)}" if question.unit else ""
        return [f"{_number(value)}{unit}"]
    return str(value).splitlines() or [str(value)]


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
