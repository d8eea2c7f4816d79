"""The `show_if` language: which conditions are valid, and evaluating them.

Evaluation runs on the server for every save and submit; the web form mirrors it in the
browser only for comfort, so a page without JavaScript still ends up right.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from survey.core.errors import Finding, error
from survey.core.schema import Condition
from survey.kinds import Question, kind_of

#: The tests that compare numbers; the others compare values for equality.
ORDER_TESTS = ("at_least", "at_most")


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


def check_condition(
    condition: Condition,
    path: str,
    questions: dict[str, Question],
) -> list[Finding]:
    """Findings for one `show_if`; `questions` holds the questions asked before it."""
    tests = condition.tests_used()
    groups = [
        name
        for name, value in (("all", condition.all_), ("any", condition.any_))
        if value is not None
    ]
    if groups:
        if condition.question is not None or tests or len(groups) > 1:
            return [
                error(
                    "condition-form",
                    path,
                    f"`{groups[0]}` stands alone: list the conditions inside it",
                )
            ]
        children = condition.children()
        if not children:
            return [error("condition-form", f"{path}.{groups[0]}", "list at least one condition")]
        findings: list[Finding] = []
        for index, child in enumerate(children):
            findings += check_condition(child, f"{path}.{groups[0]}[{index}]", questions)
        return findings
    if condition.question is None:
        return [
            error(
                "condition-form",
                path,
                "name the `question` to test, or combine conditions with `all` or `any`",
            )
        ]
    if len(tests) != 1:
        return [
            error(
                "condition-form",
                path,
                f"use exactly one test on `{condition.question}` "
                f"({', '.join(Condition.TESTS)}); combine several with `all` or `any`",
            )
        ]
    target = questions.get(condition.question)
    if target is None:
        return [
            error(
                "condition-target",
                f"{path}.question",
                f"`{condition.question}` is not a question before this one; show_if may only "
                "look at earlier questions",
            )
        ]
    return _check_test(condition, tests[0], target, path)


def _check_test(condition: Condition, test: str, target: Question, path: str) -> list[Finding]:
    name = condition.question
    if not target.takes_answer:
        return [error("condition-target", f"{path}.question", f"`{name}` is a note")]
    if test == "answered":
        return []
    kind = kind_of(target)
    if test not in kind.condition_tests:
        message = (
            f"`{test}` compares numbers; `{name}` is a {target.kind} question"
            if test in ORDER_TESTS
            else f"a {target.kind} question can only be tested with `answered`"
        )
        return [error("condition-test", f"{path}.{test}", message)]
    if test in ORDER_TESTS:
        return []
    values = [condition.equals] if test == "equals" else list(condition.in_ or ())
    if not values:
        return [error("condition-test", f"{path}.in", "list at least one value")]
    allowed = kind.comparable_values(target)
    if allowed is None:
        return []
    return [
        error(
            "condition-value",
            f"{path}.{test}",
            f"`{value}` is not a choice of `{name}` (choices: {', '.join(map(str, allowed))})",
        )
        for value in values
        if value not in allowed
    ]
