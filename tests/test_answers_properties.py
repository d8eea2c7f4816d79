"""Property-based tests of answer validation.

Generated valid answers are always accepted (and cleaning them again changes nothing);
each kind of corruption of one answer is always rejected, on that question; arbitrary
input never raises.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey.core.answers import validate_answers
from tests.conftest import make_questionnaire

LETTERS = [{"id": c, "label": c.upper()} for c in "abcd"]
ROWS = [{"id": f"r{i}", "label": f"Row {i}"} for i in range(1, 4)]

QUESTIONNAIRE = make_questionnaire(
    {"id": "intro", "type": "note", "text": "Hello"},
    {"id": "t", "type": "text", "max_length": 50},
    {"id": "lt", "type": "long_text"},
    {"id": "sc", "type": "single_choice", "choices": LETTERS, "other": True, "required": True},
    {
        "id": "mc",
        "type": "multiple_choice",
        "choices": LETTERS,
        "min_selected": 1,
        "max_selected": 3,
        "other": True,
    },
    {"id": "sca", "type": "scale", "min": 1, "max": 7, "dont_know": True, "required": True},
    {"id": "mxs", "type": "matrix", "rows": ROWS, "min": 1, "max": 5, "dont_know": True},
    {
        "id": "mxc",
        "type": "matrix",
        "rows": ROWS[:2],
        "columns": [{"id": c, "label": c} for c in "xyz"],
    },
    {"id": "rk", "type": "ranking", "choices": LETTERS},
    {"id": "rk2", "type": "ranking", "choices": LETTERS, "rank_at_most": 2},
    {"id": "al", "type": "allocation", "total": 100, "choices": LETTERS[:3], "required": True},
    {"id": "n", "type": "number", "min": -10, "max": 1000},
    {"id": "ni", "type": "number", "min": 0, "max": 50, "integer": True},
    {"id": "d", "type": "date"},
    {"id": "why", "type": "text", "required": True, "show_if": {"question": "sc", "equals": "a"}},
)
IDS = [c["id"] for c in LETTERS]
text = st.text(min_size=1, max_size=50).filter(lambda s: s.strip() and s == s.strip())
dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))


@st.composite
def allocations(draw: st.DrawFn, total: int = 100, keys: tuple[str, ...] = ("a", "b", "c")):
    cuts = sorted(
        draw(st.lists(st.integers(0, total), min_size=len(keys) - 1, max_size=len(keys) - 1))
    )
    bounds = [0, *cuts, total]
    return {key: bounds[i + 1] - bounds[i] for i, key in enumerate(keys)}


@st.composite
def valid_answers(draw: st.DrawFn) -> dict[str, Any]:
    """A complete, valid set of answers; optional questions are sometimes left out."""
    answers: dict[str, Any] = {"sc": draw(st.sampled_from([*IDS, "other"]))}
    if answers["sc"] == "other":
        answers["sc.other"] = draw(text)
    if answers["sc"] == "a":
        answers["why"] = draw(text)
    optional: dict[str, st.SearchStrategy[Any]] = {
        "t": text,
        "lt": st.text(min_size=1, max_size=500).filter(lambda s: s.strip() and s == s.strip()),
        "mc": st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True),
        "mxs": st.fixed_dictionaries(
            {r["id"]: st.one_of(st.integers(1, 5), st.just("dont_know")) for r in ROWS}
        ),
        "mxc": st.fixed_dictionaries({r["id"]: st.sampled_from("xyz") for r in ROWS[:2]}),
        "rk": st.permutations(IDS),
        "rk2": st.lists(st.sampled_from(IDS), min_size=1, max_size=2, unique=True),
        "n": st.one_of(st.integers(-10, 1000), st.floats(-10, 1000, allow_nan=False)),
        "ni": st.integers(0, 50),
        "d": dates.map(datetime.date.isoformat),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            answers[key] = draw(strategy)
    answers["sca"] = draw(st.one_of(st.integers(1, 7), st.just("dont_know")))
    answers["al"] = draw(allocations())
    return answers


@given(valid_answers())
def test_valid_answers_are_always_accepted(answers: dict[str, Any]) -> None:
    result = validate_answers(QUESTIONNAIRE, answers, complete=True)
    assert result.ok, result.problems
    assert set(result.answers) == {key for key in answers}
    again = validate_answers(QUESTIONNAIRE, result.answers, complete=True)
    assert again.answers == result.answers


@given(valid_answers())
def test_valid_answers_are_accepted_as_draft_too(answers: dict[str, Any]) -> None:
    assert validate_answers(QUESTIONNAIRE, answers, complete=False).ok


#: Changes one answer so it must be refused; returns the key the problem must be under.
Corruption = Callable[[st.DrawFn, dict[str, Any]], str]


def _unknown_choice(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    answers["sc"] = draw(st.text(min_size=1).filter(lambda s: s not in [*IDS, "other"]))
    return "sc"


def _duplicate_pick(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    first = draw(st.sampled_from(IDS))
    answers["mc"] = [first, first]
    return "mc"


def _scale_off_range(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    answers["sca"] = draw(st.one_of(st.integers(max_value=0), st.integers(min_value=8)))
    return "sca"


def _matrix_row_missing(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    row = draw(st.sampled_from([r["id"] for r in ROWS]))
    answers["mxs"] = {r["id"]: 3 for r in ROWS if r["id"] != row}
    return "mxs"


def _ranking_duplicate(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    order = list(draw(st.permutations(IDS)))
    order[draw(st.integers(1, 3))] = order[0]
    answers["rk"] = order
    return "rk"


def _ranking_too_long(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    answers["rk2"] = draw(st.lists(st.sampled_from(IDS), min_size=3, max_size=4, unique=True))
    return "rk2"


def _allocation_off_total(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    key = draw(st.sampled_from(["a", "b", "c"]))
    answers["al"] = {**answers["al"], key: answers["al"][key] + draw(st.integers(1, 50))}
    return "al"


def _allocation_negative(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    amount = draw(st.integers(1, 100))
    answers["al"] = {"a": 100 + amount, "b": -amount, "c": 0}
    return "al"


def _number_off_range(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    answers["n"] = draw(st.one_of(st.floats(max_value=-10.001), st.integers(min_value=1001)))
    return "n"


def _not_whole(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    answers["ni"] = draw(st.integers(0, 49)) + 0.5
    return "ni"


def _impossible_date(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    year = draw(st.integers(1900, 2100))
    month, day = draw(st.sampled_from([(2, 30), (2, 31), (4, 31), (13, 1), (0, 10), (6, 0)]))
    answers["d"] = f"{year:04d}-{month:02d}-{day:02d}"
    return "d"


def _too_long(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    answers["t"] = "x" * draw(st.integers(51, 500))
    return "t"


def _unknown_question(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    key = draw(
        st.text(min_size=1).filter(
            lambda k: k.partition(".")[0] not in QUESTIONNAIRE.question_index()
        )
    )
    answers[key] = "x"
    return key


def _other_without_text(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    answers.pop("sc.other", None)
    answers.pop("why", None)
    answers["sc"] = "other"
    return "sc"


def _missing_required(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    key = draw(st.sampled_from(["sca", "al"]))
    del answers[key]
    return key


#: For each question, values of a shape its type never accepts.
WRONG_SHAPES: dict[str, list[Any]] = {
    "t": [12, ["text"], True],
    "sc": [["a"], 1, {"a": True}],
    "mc": ["a", {"a": 1}, [1, 2]],
    "sca": ["3", [3], False],
    "mxs": [[3, 3, 3], "r1", 4],
    "rk": ["a", {"a": 1}, [1, 2, 3, 4]],
    "al": [100, ["a", "b"], "a=100"],
    "n": ["7", [7], True],
    "d": [20070427, ["2007-04-27"], {"y": 2007}],
}


def _wrong_shape(draw: st.DrawFn, answers: dict[str, Any]) -> str:
    key = draw(st.sampled_from(sorted(WRONG_SHAPES)))
    answers[key] = draw(st.sampled_from(WRONG_SHAPES[key]))
    return key


CORRUPTIONS: dict[str, Corruption] = {
    fn.__name__.lstrip("_"): fn
    for fn in (
        _unknown_choice,
        _duplicate_pick,
        _scale_off_range,
        _matrix_row_missing,
        _ranking_duplicate,
        _ranking_too_long,
        _allocation_off_total,
        _allocation_negative,
        _number_off_range,
        _not_whole,
        _impossible_date,
        _too_long,
        _unknown_question,
        _other_without_text,
        _missing_required,
        _wrong_shape,
    )
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
@given(data=st.data())
def test_each_kind_of_corruption_is_always_rejected(kind: str, data: st.DataObject) -> None:
    answers = data.draw(valid_answers())
    corrupted_key = CORRUPTIONS[kind](data.draw, answers)
    result = validate_answers(QUESTIONNAIRE, answers, complete=True)
    assert not result.ok
    assert corrupted_key in result.problems
    assert result.answers == {}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(
    st.dictionaries(
        st.sampled_from([*QUESTIONNAIRE.question_index(), "sc.other", "x"]), json_values
    )
)
def test_arbitrary_input_never_raises(answers: dict[str, Any]) -> None:
    result = validate_answers(QUESTIONNAIRE, answers, complete=True)
    assert result.ok or result.problems
