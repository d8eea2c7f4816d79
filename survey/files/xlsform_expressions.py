"""The part of XLSForm's expressions (XPath) a questionnaire file can say, both ways.

`relevant` becomes `show_if` and `constraint` becomes limits. The subset read:

    ${q} = 'x'   selected(${q}, 'x')   ${q} != ''   ${q} = ''   ${q} >= 3   ${q} <= 3
    ${q} > 3 / < 3 (on whole numbers)   count-selected(${q}) > 0   string-length(${q}) > 0
    … and … / … or … with parentheses;  constraints on `.`: `. >= 0 and . <= 10`,
    `string-length(.) <= 200`, `count-selected(.) <= 3`, `. >= '08:00'`

Anything else (`not(…)`, `regex(…)`, arithmetic, paths such as `../x`, other functions)
raises `Unsupported` with the reason, so the importer can name the row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import msgspec

from survey.core.schema import Condition, Scalar
from survey.kinds.base import plain_number
from survey.kinds.xlsform import Bound, Comparison, Measure

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{[^}]*\})
      | (?P<text>'[^']*'|"[^"]*")
      | (?P<number>-?(?:\d+(?:\.\d*)?|\.\d+))
      | (?P<op>!=|>=|<=|=|>|<)
      | (?P<punct>[(),])
      | (?P<word>[A-Za-z_][\w.:-]*)
      | (?P<dot>\.(?![\w.]))
      | (?P<other>\S+)
    )""",
    re.VERBOSE,
)
_FLIPPED: dict[str, str] = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "=": "=", "!=": "!="}
_WANTED = {"op": "a comparison (=, !=, <, <=, >, >=)"}
#: Functions that look at one answer, and what of it they measure.
_MEASURES: dict[str, Measure] = {"string-length": "length", "count-selected": "count"}


class Unsupported(ValueError):
    """An expression outside the subset; the message says what."""


class Test(msgspec.Struct, kw_only=True, frozen=True):
    """One comparison: `subject` is a question name or "." (the answer being checked)."""

    subject: str
    measure: Measure
    op: str
    value: Scalar


class Group(msgspec.Struct, kw_only=True, frozen=True):
    """`and` or `or` of tests and groups."""

    joint: str
    parts: list[Test | Group]


Expression = Test | Group


def parse(text: str) -> Expression:
    """The expression as tests joined by `and`/`or`, or `Unsupported`."""
    tokens = list(_tokens(text))
    if not tokens:
        raise Unsupported("it is empty")
    parser = _Parser(tokens)
    expression = parser.disjunction()
    if parser.position < len(tokens):
        raise Unsupported(f"`{tokens[parser.position][1]}` is not understood there")
    return expression


def references(text: str) -> list[str]:
    """The names `${…}` an expression (or a label) refers to."""
    return re.findall(r"\$\{\s*([^}\s]+)\s*\}", text)


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        kind = match.lastgroup or "other"
        yield kind, match.group(kind)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else ("end", "")

    def take(self, kind: str, value: str | None = None) -> str:
        found, text = self.peek()
        if found != kind or (value is not None and text != value):
            wanted = f"`{value}`" if value else _WANTED.get(kind, kind)
            raise Unsupported(f"expected {wanted} but found `{text or 'the end'}`")
        self.position += 1
        return text

    def disjunction(self) -> Expression:
        return self.joined("or", self.conjunction)

    def conjunction(self) -> Expression:
        return self.joined("and", self.atom)

    def joined(self, joint: str, part: Callable[[], Expression]) -> Expression:
        parts = [part()]
        while self.peek() == ("word", joint):
            self.position += 1
            parts.append(part())
        return parts[0] if len(parts) == 1 else Group(joint=joint, parts=parts)

    def atom(self) -> Expression:
        kind, text = self.peek()
        if (kind, text) == ("punct", "("):
            self.position += 1
            inner = self.disjunction()
            self.take("punct", ")")
            return inner
        if kind == "word" and self.tokens[self.position + 1 : self.position + 2] == [
            ("punct", "(")
        ]:
            return self.function(text)
        if kind in ("text", "number"):
            value = self.literal()
            op = self.take("op")
            subject, measure = self.subject()
            return Test(subject=subject, measure=measure, op=_FLIPPED[op], value=value)
        subject, measure = self.subject()
        op = self.take("op")
        return Test(subject=subject, measure=measure, op=op, value=self.literal())

    def function(self, name: str) -> Expression:
        if name == "selected":
            self.position += 2
            subject, _ = self.subject()
            self.take("punct", ",")
            value = self.literal()
            self.take("punct", ")")
            return Test(subject=subject, measure="value", op="selected", value=value)
        if name in _MEASURES:
            subject, measure = self.subject()
            op = self.take("op")
            return Test(subject=subject, measure=measure, op=op, value=self.literal())
        raise Unsupported(f"`{name}(…)` has no equivalent")

    def subject(self) -> tuple[str, Measure]:
        """`${name}`, `.`, or `string-length(…)`/`count-selected(…)` of one of them."""
        kind, text = self.peek()
        if kind == "word" and text in _MEASURES:
            self.position += 1
            self.take("punct", "(")
            subject, _ = self.subject()
            self.take("punct", ")")
            return subject, _MEASURES[text]
        self.position += 1
        if kind == "ref":
            return text[2:-1].strip(), "value"
        if kind == "dot":
            return ".", "value"
        raise Unsupported(f"`{text or 'the end'}` is not a question reference")

    def literal(self) -> Scalar:
        kind, text = self.peek()
        self.position += 1
        if kind == "text":
            return text[1:-1]
        if kind == "number":
            return float(text) if "." in text else int(text)
        raise Unsupported(f"`{text or 'the end'}` is not a value")


def bounds_of(text: str) -> list[Bound]:
    """A constraint as bounds on the answer (`.`), its length or its number of picks."""
    expression = parse(text)
    tests = expression.parts if isinstance(expression, Group) else [expression]
    if isinstance(expression, Group) and expression.joint != "and":
        raise Unsupported("`or` between limits has no equivalent")
    bounds = []
    for test in tests:
        if not isinstance(test, Test) or test.subject != "." or test.op not in _FLIPPED:
            raise Unsupported("only comparisons of the answer `.` with a value are limits")
        if test.op in ("=", "!="):
            raise Unsupported(f"`{test.op}` is not a limit")
        op: Comparison = test.op  # type: ignore[assignment]  # narrowed just above
        bounds.append(Bound(measure=test.measure, op=op, value=test.value))
    return bounds


# --- writing ------------------------------------------------------------------------------


def render_condition(
    condition: Condition, name_of: Callable[[str], str], selects: set[str], nested: bool = False
) -> str:
    """`show_if` as a `relevant` expression; `selects` are the ids written as selects."""
    if condition.all_ is not None or condition.any_ is not None:
        joint = "and" if condition.all_ is not None else "or"
        parts = condition.children()
        text = f" {joint} ".join(
            render_condition(part, name_of, selects, nested=True) for part in parts
        )
        return f"({text})" if nested and len(parts) > 1 else text
    question = condition.question or ""
    ref = "${" + name_of(question) + "}"
    if condition.answered is not None:
        return f"{ref} != ''" if condition.answered else f"{ref} = ''"
    if condition.at_least is not None:
        return f"{ref} >= {plain_number(condition.at_least)}"
    if condition.at_most is not None:
        return f"{ref} <= {plain_number(condition.at_most)}"
    values = [condition.equals] if condition.equals is not None else list(condition.in_ or [])
    tests = [
        f"selected({ref}, {_literal(value, quote=True)})"
        if question in selects
        else f"{ref} = {_literal(value, quote=False)}"
        for value in values
    ]
    text = " or ".join(tests)
    return f"({text})" if nested and len(tests) > 1 else text


def render_bounds(bounds: list[Bound]) -> str:
    subjects = {"value": ".", "length": "string-length(.)", "count": "count-selected(.)"}
    return " and ".join(
        f"{subjects[b.measure]} {b.op} {_literal(b.value, quote=False)}" for b in bounds
    )


def _literal(value: Any, *, quote: bool) -> str:
    if isinstance(value, str):
        return f'"{value}"' if "'" in value else f"'{value}'"
    return f"'{plain_number(value)}'" if quote else plain_number(value)
