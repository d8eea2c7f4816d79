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

from collections.abc import Mapping
from typing import Any

import msgspec

from survey.core.conditions import is_shown
from survey.core.errors import Problem
from survey.core.questionnaire import Questionnaire
from survey.kinds.base import is_blank


class Validation(msgspec.Struct, kw_only=True):
    answers: dict[str, Any]
    problems: dict[str, Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_answers(
    questionnaire: Questionnaire, answers: Mapping[str, Any], *, complete: bool
) -> Validation:
    """Check `answers` against `questionnaire`; `complete` for a submission."""
    problems: dict[str, Problem] = {}
    known = questionnaire.answer_keys
    for key in answers:
        if key not in known:
            problems[key] = Problem(code="unknown_question", params={"question": key})
    cleaned: dict[str, Any] = {}
    for question, kind in questionnaire.with_kinds:
        value = answers.get(question.id)
        if question.show_if is not None and not is_shown(question.show_if, cleaned):
            continue
        if is_blank(value):
            if complete and getattr(question, "required", False):
                problems[question.id] = Problem(code="required")
            continue
        outcome = kind.validate(question, value, answers, complete)
        if isinstance(outcome, Problem):
            problems[question.id] = outcome
        else:
            cleaned.update(outcome)
    return Validation(answers={} if problems else cleaned, problems=problems)
