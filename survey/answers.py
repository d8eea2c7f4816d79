"""Validating and cleaning a participant's answers against one questionnaire version.

Answers arrive keyed by question id in the shapes DESIGN.md gives (the API's JSON; the
web forms normalise into the same shapes). The result is either the cleaned answers,
with hidden and blank ones dropped, or one `Problem` per offending question.

Two strictness levels: a *draft* is checked for shape and range only, so a half-filled
matrix or an allocation still being balanced can be saved as the participant goes; a
*complete* set (a submission) must also satisfy `required`, selection minimums,
complete rankings and matrices, and allocation totals.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import msgspec

from survey.conditions import is_shown
from survey.errors import Problem
from survey.schema import (
    DONT_KNOW,
    OTHER,
    AllocationQuestion,
    Choice,
    DateQuestion,
    LongTextQuestion,
    MatrixQuestion,
    MultipleChoiceQuestion,
    Note,
    NumberQuestion,
    Questionnaire,
    RankingQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Allocations are compared with this relative tolerance (0.1 + 0.2 adds up to 0.3).
_SUM_TOLERANCE = 1e-9


class Validation(msgspec.Struct, kw_only=True):
    answers: dict[str, Any]
    problems: dict[str, Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


#: What a validator returns: the entries to store, or the problem with the answer.
Outcome = dict[str, Any] | Problem


def validate_answers(
    questionnaire: Questionnaire, answers: Mapping[str, Any], *, complete: bool
) -> Validation:
    """Check `answers` against `questionnaire`; `complete` for a submission."""
    index = questionnaire.question_index()
    problems: dict[str, Problem] = {}
    for key in answers:
        if not _is_known_key(key, index):
            problems[key] = Problem(code="unknown_question", params={"question": key})
    cleaned: dict[str, Any] = {}
    for question in questionnaire.questions():
        value = answers.get(question.id)
        if not is_shown(question.show_if, cleaned):
            continue
        if isinstance(question, Note):
            if not _is_blank(value):
                problems[question.id] = Problem(code="takes_no_answer")
            continue
        if _is_blank(value):
            if complete and question.required:
                problems[question.id] = Problem(code="required")
            continue
        outcome = VALIDATORS[type(question)](question, value, answers, complete)
        if isinstance(outcome, Problem):
            problems[question.id] = outcome
        else:
            cleaned.update(outcome)
    return Validation(answers={} if problems else cleaned, problems=problems)


def _is_known_key(key: str, index: Mapping[str, Any]) -> bool:
    question_id, dot, suffix = key.partition(".")
    question = index.get(question_id)
    if question is None:
        return False
    return not dot or (suffix == OTHER and getattr(question, "other", False))


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | dict) and not value


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if math.isfinite(value) else None


def _ids(choices: list[Choice]) -> list[str]:
    return [choice.id for choice in choices]


def _bad_pick(picked: list[str], allowed: list[str], *, repeated: str) -> Problem | None:
    """The first pick that is not a choice or comes twice (`repeated` is that code)."""
    for position, item in enumerate(picked):
        if item not in allowed:
            return Problem(code="not_a_choice", params={"value": item})
        if item in picked[:position]:
            return Problem(code=repeated, params={"value": item})
    return None


def _other_text(question_id: str, answers: Mapping[str, Any]) -> str | None:
    text = answers.get(f"{question_id}.{OTHER}")
    return text.strip() if isinstance(text, str) and text.strip() else None


def _with_other(
    question_id: str, value: Any, picked: list[str], answers: Mapping[str, Any]
) -> Outcome:
    """Store the answer, and the "Other" text when Other is among the picks."""
    if OTHER not in picked:
        return {question_id: value}
    text = _other_text(question_id, answers)
    if text is None:
        return Problem(code="other_needs_text")
    return {question_id: value, f"{question_id}.{OTHER}": text}


def _validate_text(
    question: TextQuestion | LongTextQuestion,
    value: Any,
    answers: Mapping[str, Any],
    complete: bool,
) -> Outcome:
    if not isinstance(value, str):
        return Problem(code="expected_text")
    text = value.replace("\r\n", "\n").strip()
    if question.max_length is not None and len(text) > question.max_length:
        return Problem(
            code="too_long", params={"max_length": question.max_length, "length": len(text)}
        )
    return {question.id: text}


def _validate_single_choice(
    question: SingleChoiceQuestion, value: Any, answers: Mapping[str, Any], complete: bool
) -> Outcome:
    if not isinstance(value, str):
        return Problem(code="expected_choice")
    allowed = _ids(question.choices) + ([OTHER] if question.other else [])
    if value not in allowed:
        return Problem(code="not_a_choice", params={"value": value})
    return _with_other(question.id, value, [value], answers)


def _validate_multiple_choice(
    question: MultipleChoiceQuestion, value: Any, answers: Mapping[str, Any], complete: bool
) -> Outcome:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return Problem(code="expected_choices")
    allowed = _ids(question.choices) + ([OTHER] if question.other else [])
    problem = _bad_pick(value, allowed, repeated="chosen_twice")
    if problem is not None:
        return problem
    if question.max_selected is not None and len(value) > question.max_selected:
        return Problem(code="too_many_selected", params={"max_selected": question.max_selected})
    if complete and question.min_selected is not None and len(value) < question.min_selected:
        return Problem(code="too_few_selected", params={"min_selected": question.min_selected})
    return _with_other(question.id, list(value), value, answers)


def _point(value: Any, low: int, high: int, dont_know: bool) -> int | str | None:
    """A valid scale point (or "dont_know" where offered), else None."""
    if dont_know and value == DONT_KNOW:
        return DONT_KNOW
    point = _integer(value)
    return point if point is not None and low <= point <= high else None


def _validate_scale(
    question: ScaleQuestion, value: Any, answers: Mapping[str, Any], complete: bool
) -> Outcome:
    point = _point(value, question.min, question.max, question.dont_know)
    if point is None:
        if _integer(value) is None:
            return Problem(code="expected_point")
        return Problem(code="point_out_of_range", params={"min": question.min, "max": question.max})
    return {question.id: point}


def _validate_matrix(
    question: MatrixQuestion, value: Any, answers: Mapping[str, Any], complete: bool
) -> Outcome:
    if not isinstance(value, dict):
        return Problem(code="expected_rows")
    rows = _ids(question.rows)
    cleaned: dict[str, int | str] = {}
    for row in rows:
        if row not in value or _is_blank(value[row]):
            continue
        cell = _matrix_cell(question, value[row])
        if cell is None:
            if question.columns is not None:
                return Problem(code="expected_column", params={"row": row})
            return Problem(
                code="row_out_of_range",
                params={"row": row, "min": question.min or 0, "max": question.max or 0},
            )
        cleaned[row] = cell
    for row in value:
        if row not in rows:
            return Problem(code="unknown_row", params={"row": str(row)})
    missing = [row for row in rows if row not in cleaned]
    if complete and missing:
        return Problem(code="rows_missing", params={"rows": ", ".join(missing)})
    return {question.id: cleaned}


def _matrix_cell(question: MatrixQuestion, cell: Any) -> int | str | None:
    if question.columns is not None:
        allowed = _ids(question.columns) + ([DONT_KNOW] if question.dont_know else [])
        return cell if isinstance(cell, str) and cell in allowed else None
    return _point(cell, question.min or 0, question.max or 0, question.dont_know)


def _validate_ranking(
    question: RankingQuestion, value: Any, answers: Mapping[str, Any], complete: bool
) -> Outcome:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return Problem(code="expected_ranking")
    allowed = _ids(question.choices)
    problem = _bad_pick(value, allowed, repeated="ranked_twice")
    if problem is not None:
        return problem
    if question.rank_at_most is not None and len(value) > question.rank_at_most:
        return Problem(code="ranking_too_long", params={"rank_at_most": question.rank_at_most})
    if complete and question.rank_at_most is None and len(value) < len(allowed):
        return Problem(code="ranking_incomplete", params={"count": len(allowed)})
    return {question.id: list(value)}


def _validate_allocation(
    question: AllocationQuestion, value: Any, answers: Mapping[str, Any], complete: bool
) -> Outcome:
    if not isinstance(value, dict):
        return Problem(code="expected_allocation")
    allowed = _ids(question.choices)
    cleaned: dict[str, int | float] = {}
    for choice, amount in value.items():
        if choice not in allowed:
            return Problem(code="not_a_choice", params={"value": str(choice)})
        number = _number(amount)
        if number is None:
            return Problem(code="allocation_not_number", params={"choice": choice})
        if number < 0:
            return Problem(code="allocation_negative", params={"choice": choice})
        cleaned[choice] = number
    total = sum(cleaned.values())
    if complete and not math.isclose(total, question.total, rel_tol=_SUM_TOLERANCE):
        return Problem(code="allocation_total", params={"total": question.total, "sum": total})
    return {question.id: cleaned}


def _validate_number(
    question: NumberQuestion, value: Any, answers: Mapping[str, Any], complete: bool
) -> Outcome:
    number = _number(value)
    if number is None:
        return Problem(code="expected_number")
    if question.integer:
        whole = _integer(number)
        if whole is None:
            return Problem(code="expected_whole_number")
        number = whole
    if question.min is not None and number < question.min:
        return Problem(code="number_below_min", params={"min": question.min})
    if question.max is not None and number > question.max:
        return Problem(code="number_above_max", params={"max": question.max})
    return {question.id: number}


def _validate_date(
    question: DateQuestion, value: Any, answers: Mapping[str, Any], complete: bool
) -> Outcome:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return Problem(code="expected_date")
    try:
        date.fromisoformat(value)
    except ValueError:
        return Problem(code="no_such_date", params={"value": value})
    return {question.id: value}


VALIDATORS: dict[type, Callable[[Any, Any, Mapping[str, Any], bool], Outcome]] = {
    TextQuestion: _validate_text,
    LongTextQuestion: _validate_text,
    SingleChoiceQuestion: _validate_single_choice,
    MultipleChoiceQuestion: _validate_multiple_choice,
    ScaleQuestion: _validate_scale,
    MatrixQuestion: _validate_matrix,
    RankingQuestion: _validate_ranking,
    AllocationQuestion: _validate_allocation,
    NumberQuestion: _validate_number,
    DateQuestion: _validate_date,
}
