"""Answer validation: one example per type and rule, on small inline questionnaires."""

from __future__ import annotations

from typing import Any

import pytest

from survey.core.answers import validate_answers
from survey.core.errors import Problem
from survey.core.questionnaire import Questionnaire
from survey.kinds import ANSWER_MESSAGES, problem_message
from tests.conftest import make_questionnaire

CHOICES = [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}]


def problem_code(questionnaire: Questionnaire, answers: dict[str, Any], *, complete: bool = True):
    result = validate_answers(questionnaire, answers, complete=complete)
    assert not result.ok, f"expected a problem, got {result.answers}"
    assert len(result.problems) == 1, result.problems
    (key, problem), *_ = result.problems.items()
    return key, problem.code


def cleaned(questionnaire: Questionnaire, answers: dict[str, Any], *, complete: bool = True):
    result = validate_answers(questionnaire, answers, complete=complete)
    assert result.ok, result.problems
    return result.answers


def test_every_problem_code_used_has_a_message() -> None:
    for code, text in ANSWER_MESSAGES.items():
        assert text.strip(), code


# --- required and unknown ---------------------------------------------------------------


def test_required_question_left_blank_is_refused_on_submit() -> None:
    q = make_questionnaire({"id": "name", "type": "text", "prompt": "Name", "required": True})
    assert problem_code(q, {}) == ("name", "required")
    assert problem_code(q, {"name": "   "}) == ("name", "required")


def test_required_question_may_be_blank_in_a_draft() -> None:
    q = make_questionnaire({"id": "name", "type": "text", "prompt": "Name", "required": True})
    assert cleaned(q, {}, complete=False) == {}


def test_answer_to_unknown_question_is_refused() -> None:
    q = make_questionnaire({"id": "name", "type": "text", "prompt": "Name"})
    assert problem_code(q, {"nmae": "x"}) == ("nmae", "unknown_question")


def test_other_text_for_question_without_other_is_refused() -> None:
    q = make_questionnaire({"id": "pick", "type": "single_choice", "choices": CHOICES})
    assert problem_code(q, {"pick": "a", "pick.other": "x"}) == ("pick.other", "unknown_question")


def test_answer_to_a_note_is_refused() -> None:
    q = make_questionnaire(
        {"id": "hello", "type": "note", "text": "Hi"}, {"id": "t", "type": "text", "prompt": "T"}
    )
    assert problem_code(q, {"hello": "x"}) == ("hello", "takes_no_answer")


def test_blank_answers_are_dropped() -> None:
    q = make_questionnaire(
        {"id": "t", "type": "text"},
        {"id": "m", "type": "multiple_choice", "choices": CHOICES},
        {"id": "n", "type": "number"},
    )
    assert cleaned(q, {"t": "  ", "m": [], "n": None}) == {}


# --- text -------------------------------------------------------------------------------


def test_text_is_trimmed_and_kept() -> None:
    q = make_questionnaire({"id": "t", "type": "long_text"})
    assert cleaned(q, {"t": "  line one\r\nline two  "}) == {"t": "line one\nline two"}


def test_text_over_max_length_is_refused() -> None:
    q = make_questionnaire({"id": "t", "type": "text", "max_length": 5})
    assert problem_code(q, {"t": "abcdef"}) == ("t", "too_long")
    assert cleaned(q, {"t": "abcde"}) == {"t": "abcde"}


def test_text_must_be_a_string() -> None:
    q = make_questionnaire({"id": "t", "type": "text"})
    assert problem_code(q, {"t": 42}) == ("t", "expected_text")


# --- single and multiple choice -----------------------------------------------------------


def test_single_choice_accepts_a_listed_choice() -> None:
    q = make_questionnaire({"id": "pick", "type": "single_choice", "choices": CHOICES})
    assert cleaned(q, {"pick": "b"}) == {"pick": "b"}


@pytest.mark.parametrize(
    ("value", "code"), [("z", "not_a_choice"), (["a"], "expected_choice"), (1, "expected_choice")]
)
def test_single_choice_refuses_what_is_not_a_choice(value: Any, code: str) -> None:
    q = make_questionnaire({"id": "pick", "type": "single_choice", "choices": CHOICES})
    assert problem_code(q, {"pick": value}) == ("pick", code)


def test_other_needs_its_text() -> None:
    q = make_questionnaire(
        {"id": "pick", "type": "single_choice", "choices": CHOICES, "other": True}
    )
    assert problem_code(q, {"pick": "other"}) == ("pick", "other_needs_text")
    assert problem_code(q, {"pick": "other", "pick.other": " "}) == ("pick", "other_needs_text")
    assert cleaned(q, {"pick": "other", "pick.other": " Hotline "}) == {
        "pick": "other",
        "pick.other": "Hotline",
    }


def test_other_text_without_other_picked_is_dropped() -> None:
    q = make_questionnaire(
        {"id": "pick", "type": "single_choice", "choices": CHOICES, "other": True}
    )
    assert cleaned(q, {"pick": "a", "pick.other": "left over"}) == {"pick": "a"}


def test_multiple_choice_checks_choices_duplicates_and_counts() -> None:
    q = make_questionnaire(
        {
            "id": "m",
            "type": "multiple_choice",
            "choices": CHOICES,
            "min_selected": 2,
            "max_selected": 2,
            "other": True,
        }
    )
    assert cleaned(q, {"m": ["a", "c"]}) == {"m": ["a", "c"]}
    assert problem_code(q, {"m": ["a", "z"]}) == ("m", "not_a_choice")
    assert problem_code(q, {"m": ["a", "a"]}) == ("m", "chosen_twice")
    assert problem_code(q, {"m": ["a", "b", "c"]}) == ("m", "too_many_selected")
    assert problem_code(q, {"m": ["a"]}) == ("m", "too_few_selected")
    assert problem_code(q, {"m": "a"}) == ("m", "expected_choices")
    assert problem_code(q, {"m": ["a", "other"]}) == ("m", "other_needs_text")


def test_too_few_selected_is_allowed_in_a_draft() -> None:
    q = make_questionnaire(
        {"id": "m", "type": "multiple_choice", "choices": CHOICES, "min_selected": 2}
    )
    assert cleaned(q, {"m": ["a"]}, complete=False) == {"m": ["a"]}


# --- scale and matrix ---------------------------------------------------------------------


def test_scale_accepts_points_in_range_and_dont_know() -> None:
    q = make_questionnaire({"id": "s", "type": "scale", "min": 1, "max": 5, "dont_know": True})
    assert cleaned(q, {"s": 5}) == {"s": 5}
    assert cleaned(q, {"s": 3.0}) == {"s": 3}
    assert cleaned(q, {"s": "dont_know"}) == {"s": "dont_know"}


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (6, "point_out_of_range"),
        (0, "point_out_of_range"),
        (2.5, "expected_point"),
        (True, "expected_point"),
        ("3", "expected_point"),
        ("dont_know", "expected_point"),
    ],
)
def test_scale_refuses_values_off_the_scale(value: Any, code: str) -> None:
    q = make_questionnaire({"id": "s", "type": "scale", "min": 1, "max": 5})
    assert problem_code(q, {"s": value}) == ("s", code)


SCALE_MATRIX = {
    "id": "grid",
    "type": "matrix",
    "rows": [{"id": "r1", "label": "R1"}, {"id": "r2", "label": "R2"}],
    "min": 1,
    "max": 5,
    "dont_know": True,
}
COLUMN_MATRIX = {
    "id": "lead",
    "type": "matrix",
    "rows": [{"id": "r1", "label": "R1"}, {"id": "r2", "label": "R2"}],
    "columns": [{"id": "us", "label": "US"}, {"id": "rok", "label": "ROK"}],
}


def test_scale_matrix_accepts_every_row_answered() -> None:
    q = make_questionnaire(SCALE_MATRIX)
    assert cleaned(q, {"grid": {"r1": 2, "r2": "dont_know"}}) == {
        "grid": {"r1": 2, "r2": "dont_know"}
    }


def test_matrix_rows_must_be_complete_on_submit_but_not_in_a_draft() -> None:
    q = make_questionnaire(SCALE_MATRIX)
    assert problem_code(q, {"grid": {"r1": 2}}) == ("grid", "rows_missing")
    assert cleaned(q, {"grid": {"r1": 2}}, complete=False) == {"grid": {"r1": 2}}


def test_matrix_refuses_unknown_rows_and_bad_cells() -> None:
    q = make_questionnaire(SCALE_MATRIX)
    assert problem_code(q, {"grid": {"r1": 2, "r2": 3, "r9": 1}}) == ("grid", "unknown_row")
    assert problem_code(q, {"grid": {"r1": 9, "r2": 3}}) == ("grid", "row_out_of_range")
    assert problem_code(q, {"grid": [2, 3]}) == ("grid", "expected_rows")


def test_column_matrix_takes_column_ids() -> None:
    q = make_questionnaire(COLUMN_MATRIX)
    assert cleaned(q, {"lead": {"r1": "us", "r2": "rok"}}) == {"lead": {"r1": "us", "r2": "rok"}}
    assert problem_code(q, {"lead": {"r1": "us", "r2": "iaea"}}) == ("lead", "expected_column")
    assert problem_code(q, {"lead": {"r1": "us", "r2": 3}}) == ("lead", "expected_column")


# --- ranking and allocation ---------------------------------------------------------------


def test_ranking_must_be_complete_without_rank_at_most() -> None:
    q = make_questionnaire({"id": "r", "type": "ranking", "choices": CHOICES})
    assert cleaned(q, {"r": ["c", "a", "b"]}) == {"r": ["c", "a", "b"]}
    assert problem_code(q, {"r": ["c", "a"]}) == ("r", "ranking_incomplete")
    assert problem_code(q, {"r": ["c", "c", "a"]}) == ("r", "ranked_twice")
    assert problem_code(q, {"r": ["c", "z", "a"]}) == ("r", "not_a_choice")
    assert problem_code(q, {"r": "c"}) == ("r", "expected_ranking")


def test_ranking_within_rank_at_most() -> None:
    q = make_questionnaire({"id": "r", "type": "ranking", "choices": CHOICES, "rank_at_most": 2})
    assert cleaned(q, {"r": ["b"]}) == {"r": ["b"]}
    assert problem_code(q, {"r": ["b", "a", "c"]}) == ("r", "ranking_too_long")


ALLOCATION = {"id": "share", "type": "allocation", "total": 100, "choices": CHOICES}


def test_allocation_must_add_up_to_total() -> None:
    q = make_questionnaire(ALLOCATION)
    assert cleaned(q, {"share": {"a": 50, "b": 30.5, "c": 19.5}}) == {
        "share": {"a": 50, "b": 30.5, "c": 19.5}
    }
    assert problem_code(q, {"share": {"a": 50, "b": 30}}) == ("share", "allocation_total")


def test_allocation_refuses_negatives_unknown_choices_and_non_numbers() -> None:
    q = make_questionnaire(ALLOCATION)
    assert problem_code(q, {"share": {"a": 120, "b": -20}}) == ("share", "allocation_negative")
    assert problem_code(q, {"share": {"a": 100, "z": 0}}) == ("share", "not_a_choice")
    assert problem_code(q, {"share": {"a": "100"}}) == ("share", "allocation_not_number")
    assert problem_code(q, {"share": [100]}) == ("share", "expected_allocation")


def test_allocation_in_progress_can_be_saved_as_draft() -> None:
    q = make_questionnaire(ALLOCATION)
    assert cleaned(q, {"share": {"a": 40}}, complete=False) == {"share": {"a": 40}}


def test_allocation_tolerates_float_rounding() -> None:
    q = make_questionnaire({**ALLOCATION, "total": 0.3})
    assert cleaned(q, {"share": {"a": 0.1, "b": 0.2}}) == {"share": {"a": 0.1, "b": 0.2}}


# --- number and date ----------------------------------------------------------------------


def test_number_range_and_integer() -> None:
    q = make_questionnaire({"id": "n", "type": "number", "min": 0, "max": 10, "integer": True})
    assert cleaned(q, {"n": 7}) == {"n": 7}
    assert cleaned(q, {"n": 7.0}) == {"n": 7}
    assert problem_code(q, {"n": 7.5}) == ("n", "expected_whole_number")
    assert problem_code(q, {"n": -1}) == ("n", "number_below_min")
    assert problem_code(q, {"n": 11}) == ("n", "number_above_max")
    assert problem_code(q, {"n": "7"}) == ("n", "expected_number")
    assert problem_code(q, {"n": False}) == ("n", "expected_number")
    assert problem_code(q, {"n": float("nan")}) == ("n", "expected_number")


def test_dates_must_be_real_calendar_dates() -> None:
    q = make_questionnaire({"id": "d", "type": "date"})
    assert cleaned(q, {"d": "2008-02-29"}) == {"d": "2008-02-29"}
    assert problem_code(q, {"d": "2007-02-29"}) == ("d", "no_such_date")
    assert problem_code(q, {"d": "2007-13-01"}) == ("d", "no_such_date")
    assert problem_code(q, {"d": "27/04/2007"}) == ("d", "expected_date")
    assert problem_code(q, {"d": "2007-4-27"}) == ("d", "expected_date")


# --- show_if ------------------------------------------------------------------------------


def conditional(show_if: dict[str, Any]) -> Questionnaire:
    return make_questionnaire(
        {"id": "form", "type": "single_choice", "choices": CHOICES},
        {"id": "level", "type": "scale", "min": 1, "max": 5},
        {"id": "why", "type": "text", "required": True, "show_if": show_if},
    )


def test_answer_to_hidden_question_is_dropped_not_stored() -> None:
    q = conditional({"question": "form", "equals": "b"})
    assert cleaned(q, {"form": "a", "why": "because"}) == {"form": "a"}


def test_hidden_required_question_is_not_required() -> None:
    q = conditional({"question": "form", "in": ["b", "c"]})
    assert cleaned(q, {"form": "a"}) == {"form": "a"}
    assert problem_code(q, {"form": "b"}) == ("why", "required")


@pytest.mark.parametrize(
    ("show_if", "answers", "shown"),
    [
        ({"question": "level", "at_least": 4}, {"level": 4}, True),
        ({"question": "level", "at_least": 4}, {"level": 3}, False),
        ({"question": "level", "at_most": 2}, {"level": 2}, True),
        ({"question": "level", "answered": True}, {}, False),
        ({"question": "level", "answered": False}, {}, True),
        (
            {"all": [{"question": "form", "equals": "a"}, {"question": "level", "at_least": 3}]},
            {"form": "a", "level": 2},
            False,
        ),
        (
            {"any": [{"question": "form", "equals": "a"}, {"question": "level", "at_least": 3}]},
            {"form": "b", "level": 4},
            True,
        ),
    ],
)
def test_show_if_conditions(show_if: dict[str, Any], answers: dict[str, Any], shown: bool) -> None:
    q = conditional(show_if)
    result = validate_answers(q, {**answers, "why": "text"}, complete=True)
    assert result.ok
    assert ("why" in result.answers) is shown


def test_show_if_on_multiple_choice_means_among_those_picked() -> None:
    q = make_questionnaire(
        {"id": "m", "type": "multiple_choice", "choices": CHOICES},
        {"id": "why", "type": "text", "show_if": {"question": "m", "equals": "b"}},
    )
    assert "why" in cleaned(q, {"m": ["a", "b"], "why": "x"})
    assert "why" not in cleaned(q, {"m": ["a"], "why": "x"})


def test_problems_are_reported_for_every_question_at_once() -> None:
    q = make_questionnaire(
        {"id": "t", "type": "text", "max_length": 2},
        {"id": "s", "type": "scale", "min": 1, "max": 5},
        {"id": "d", "type": "date", "required": True},
    )
    result = validate_answers(q, {"t": "long", "s": 9}, complete=True)
    assert {key: p.code for key, p in result.problems.items()} == {
        "t": "too_long",
        "s": "point_out_of_range",
        "d": "required",
    }


def test_problem_messages_are_keyed_and_translatable() -> None:
    problem = Problem(code="too_long", params={"max_length": 5, "length": 9})
    assert (
        problem_message(problem) == "Please shorten this answer to at most 5 characters (it has 9)."
    )
    korean = {
        ANSWER_MESSAGES["too_long"]: "답변을 {max_length}자 이내로 줄여 주십시오(현재 {length}자)."
    }
    assert problem_message(problem, lambda msgid: korean.get(msgid, msgid)) == (
        "답변을 5자 이내로 줄여 주십시오(현재 9자)."
    )


# --- time ----------------------------------------------------------------------------------


def test_a_time_is_a_24_hour_clock_within_its_bounds() -> None:
    q = make_questionnaire(
        {"id": "opening", "type": "time", "prompt": "Opening", "min": "08:00", "max": "18:00"}
    )
    for typed, stored in (("14:30", "14:30"), ("9:05", "09:05"), ("08:00:00", "08:00")):
        assert validate_answers(q, {"opening": typed}, complete=True).answers == {"opening": stored}
    for typed, code in (
        ("25:00", "expected_time"),
        ("14.30", "expected_time"),
        (1430, "expected_time"),
        ("07:59", "time_before_min"),
        ("18:01", "time_after_max"),
    ):
        assert problem_code(q, {"opening": typed}) == ("opening", code)


def test_time_bounds_are_checked_in_the_file() -> None:
    from survey.core.checks import check_questionnaire

    q = make_questionnaire(
        {"id": "opening", "type": "time", "prompt": "Opening", "min": "18:00", "max": "8 am"}
    )
    messages = [finding.message for finding in check_questionnaire(q)]
    assert "`8 am` is not a time such as 14:30" in messages
