"""`relevant` as `show_if`: the questions a condition names, checked and made ours.

A condition may only look at earlier questions that were imported; choice names become
the choices' ids; `'3'` becomes the scale point 3; an `or` of values of one question
becomes `in`. What cannot be said raises `Unsupported`.
"""

from __future__ import annotations

from typing import Any

import msgspec

from survey.core.schema import DONT_KNOW
from survey.files.xlsform_expressions import Group, Test, Unsupported, parse
from survey.kinds import Question, kind_of
from survey.kinds.xlsform import number_in

Conditions = list[dict[str, Any]]
#: Tests of whether a question is answered: `${q} != ''`, `count-selected(${q}) > 0`, …
_ANSWERED_TEXT: dict[tuple[str, Any], bool] = {("!=", ""): True, ("=", ""): False}
_ANSWERED_COUNT: dict[tuple[str, Any], bool] = {
    ("!=", 0): True,
    (">", 0): True,
    (">=", 1): True,
    ("=", 0): False,
    ("<", 1): False,
    ("<=", 0): False,
}


class Target(msgspec.Struct, kw_only=True, frozen=True):
    """An imported question a condition may name: its id, and its choices' names -> ids."""

    question: Question
    choice_ids: dict[str, str] = {}


class ConditionReader:
    """Reads `relevant` expressions against the questions imported so far."""

    def __init__(self) -> None:
        #: Imported questions by XLSForm name, in document order.
        self.targets: dict[str, Target] = {}
        #: Names that exist in the form, with why they are not targets (later, left out).
        self.elsewhere: dict[str, str] = {}

    def read(self, text: str) -> dict[str, Any]:
        """`text` as a `show_if` condition, or `Unsupported`."""
        return self._condition(parse(text))

    def _condition(self, expression: Test | Group) -> dict[str, Any]:
        if isinstance(expression, Test):
            return self._test(expression)
        parts = [self._condition(part) for part in expression.parts]
        return combine(parts) if expression.joint == "and" else either(parts)

    def _target(self, name: str) -> Target:
        if name == ".":
            raise Unsupported("`.` is the question itself; relevant looks at earlier questions")
        if name in self.targets:
            return self.targets[name]
        raise Unsupported(self.elsewhere.get(name, f"there is no question `{name}`"))

    def _test(self, test: Test) -> dict[str, Any]:
        target = self._target(test.subject)
        question = target.question
        if not question.takes_answer:
            raise Unsupported(f"`{test.subject}` is a note; it has no answer to look at")
        said = {"question": question.id}
        if test.measure != "value" or test.value == "":
            table = _ANSWERED_TEXT if test.measure == "value" else _ANSWERED_COUNT
            if (test.op, test.value) in table:
                return said | {"answered": table[(test.op, test.value)]}
            raise Unsupported(f"only whether `{test.subject}` is answered can be tested so")
        tests = kind_of(question).condition_tests
        if test.op in ("=", "selected"):
            if "equals" not in tests:
                raise Unsupported(f"a {question.kind} question can only be tested for an answer")
            return said | {"equals": self._value(target, test.value)}
        if test.op == "!=":
            raise Unsupported("`!=` a value has no equivalent; name the values allowed with `or`")
        number = number_in(test.value)
        if "at_least" not in tests or number is None:
            raise Unsupported(f"`{test.subject}` is not compared as a number")
        if test.op in (">", "<"):
            if not (_whole(question) and isinstance(number, int)):
                raise Unsupported(f"`{test.op}` on a number that need not be whole")
            number += 1 if test.op == ">" else -1
        return said | {"at_least" if test.op in (">=", ">") else "at_most": number}

    def _value(self, target: Target, value: Any) -> Any:
        question = target.question
        value = target.choice_ids.get(str(value), value)
        allowed = kind_of(question).comparable_values(question)
        if allowed is None:
            numbers = "at_least" in kind_of(question).condition_tests
            return number_in(value) if numbers and number_in(value) is not None else value
        for candidate in (value, number_in(value)):
            if candidate is not None and candidate in allowed:
                return candidate
        raise Unsupported(f"`{value}` is not a choice of `{question.id}`")


def _whole(question: Question) -> bool:
    """Whether every answer is a whole number (scale points, whole-number questions)."""
    allowed = kind_of(question).comparable_values(question)
    if allowed:
        return all(isinstance(v, int) for v in allowed if v != DONT_KNOW)
    return bool(getattr(question, "integer", False))


def combine(parts: Conditions) -> dict[str, Any]:
    """All of `parts` (nested `all`s flattened)."""
    flat = [p for part in parts for p in (part["all"] if set(part) == {"all"} else [part])]
    return flat[0] if len(flat) == 1 else {"all": flat}


def either(parts: Conditions) -> dict[str, Any]:
    """Any of `parts`; values of one question become `in`."""
    flat = [p for part in parts for p in (part["any"] if set(part) == {"any"} else [part])]
    questions = {part.get("question") for part in flat}
    values_only = all(set(p) in ({"question", "equals"}, {"question", "in"}) for p in flat)
    if len(questions) == 1 and values_only:
        values = [v for p in flat for v in (p["in"] if "in" in p else [p["equals"]])]
        return {"question": flat[0]["question"], "in": list(dict.fromkeys(values))}
    return flat[0] if len(flat) == 1 else {"any": flat}
