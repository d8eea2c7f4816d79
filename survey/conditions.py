"""Evaluating `show_if` against the answers given so far.

The same rules run on the server for every save and submit; the web form mirrors them
in the browser only for comfort, so a page without JavaScript still ends up right.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from survey.schema import Condition


def is_shown(condition: Condition | None, answers: Mapping[str, Any]) -> bool:
    """Whether a question with this `show_if` is shown, given cleaned earlier answers.

    A question that is itself hidden has no answer, so anything depending on it hides too.
    For a multiple-choice answer, `equals` and `in` ask whether the value is among those
    picked.
    """
    if condition is None:
        return True
    if condition.all_ is not None:
        return all(is_shown(child, answers) for child in condition.all_)
    if condition.any_ is not None:
        return any(is_shown(child, answers) for child in condition.any_)
    value = answers.get(condition.question or "")
    if condition.answered is not None:
        return (value is not None) == condition.answered
    if value is None:
        return False
    picked = value if isinstance(value, list) else [value]
    if condition.equals is not None:
        return condition.equals in picked
    if condition.in_ is not None:
        return any(item in condition.in_ for item in picked)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    if condition.at_least is not None:
        return value >= condition.at_least
    if condition.at_most is not None:
        return value <= condition.at_most
    return False
