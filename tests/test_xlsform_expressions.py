"""The XPath subset: read into tests and bounds, written from conditions and limits."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.core.schema import Condition
from survey.files.xlsform_expressions import (
    Group,
    Unsupported,
    bounds_of,
    parse,
    references,
    render_bounds,
    render_condition,
)
from survey.files.xlsform_expressions import Test as Compare
from survey.kinds.xlsform import Bound


def test_comparisons_selections_and_groups_are_read() -> None:
    assert parse("${a} = 'x'") == Compare(subject="a", measure="value", op="=", value="x")
    assert parse("'x' = ${a}") == Compare(subject="a", measure="value", op="=", value="x")
    assert parse("3 <= ${n}") == Compare(subject="n", measure="value", op=">=", value=3)
    assert parse('selected( ${m} , "y")') == Compare(
        subject="m", measure="value", op="selected", value="y"
    )
    assert parse("count-selected(${m}) > 0") == Compare(
        subject="m", measure="count", op=">", value=0
    )
    assert parse("(${a} = 'x' or ${a} = 'y') and ${n} >= 2.5") == Group(
        joint="and",
        parts=[
            Group(
                joint="or",
                parts=[
                    Compare(subject="a", measure="value", op="=", value="x"),
                    Compare(subject="a", measure="value", op="=", value="y"),
                ],
            ),
            Compare(subject="n", measure="value", op=">=", value=2.5),
        ],
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not(${a} = 'x')", "`not(…)` has no equivalent"),
        ("regex(${a}, '^x')", "`regex(…)` has no equivalent"),
        ("${a} + 1 > 2", "expected a comparison (=, !=, <, <=, >, >=) but found `+`"),
        ("../a = 'x'", "`../a` is not a question reference"),
        ("${a} = ", "`the end` is not a value"),
        ("${a} = 'x' or", "`the end` is not a question reference"),
        ("pastel=yes", "`pastel` is not a question reference"),
        ("", "it is empty"),
    ],
)
def test_anything_else_is_unsupported_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(Unsupported) as raised:
        parse(text)
    assert str(raised.value) == reason


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="${}()'\". =!<>,andorsleectd0123-xyz", max_size=40))
def test_reading_any_expression_raises_nothing_but_unsupported(text: str) -> None:
    with contextlib.suppress(Unsupported):
        parse(text)


def test_constraints_are_bounds_on_the_answer() -> None:
    assert bounds_of(". >= 0 and . <= 10") == [
        Bound(measure="value", op=">=", value=0),
        Bound(measure="value", op="<=", value=10),
    ]
    assert bounds_of("string-length(.) <= 200") == [Bound(measure="length", op="<=", value=200)]
    assert bounds_of(". >= '08:00'") == [Bound(measure="value", op=">=", value="08:00")]
    for text in (". > 0 or . < -1", ". = 3", "${a} > 1", ". < ${a}"):
        with pytest.raises(Unsupported):
            bounds_of(text)


def test_conditions_and_limits_are_written_as_xlsform_reads_them() -> None:
    names = {"a": "a", "m": "m", "n": "_2n"}.__getitem__
    condition = Condition(
        any_=[
            Condition(
                all_=[Condition(question="a", equals="x"), Condition(question="n", at_most=3)]
            ),
            Condition(question="m", in_=["y", "z"]),
            Condition(question="a", answered=False),
        ]
    )
    assert render_condition(condition, names, selects={"m"}) == (
        "(${a} = 'x' and ${_2n} <= 3) or (selected(${m}, 'y') or selected(${m}, 'z')) or ${a} = ''"
    )
    assert (
        render_bounds(
            [
                Bound(measure="count", op=">=", value=1),
                Bound(measure="value", op="<=", value="18:00"),
            ]
        )
        == "count-selected(.) >= 1 and . <= '18:00'"
    )


def test_references_are_found_in_any_text() -> None:
    assert references("Hello ${name}, you are ${ age }.") == ["name", "age"]
