"""HTML form fields <-> answers: every type, the quirks of forms, and the way back."""

from __future__ import annotations

from survey.files.questionnaire_files import Registry
from survey.web.forms import answers_from_form, form_lists, form_values


def wrap_up(registry: Registry):
    return registry.get("capacity-wrap-up", 2).schema


def test_form_quirks_are_evened_out_in_one_place() -> None:
    assert form_lists({"a": "x", "b": ["1", "2"], "c": "  ", "d": ["", "y"]}) == {
        "a": ["x"],
        "b": ["1", "2"],
        "d": ["y"],
    }


def test_every_question_type_is_read_from_its_fields(registry: Registry) -> None:
    questions = list(wrap_up(registry).questions())
    form = form_lists(
        {
            "mechanism-form": "other",
            "mechanism-form.other": " A council ",
            "obligations": ["reporting", "inspection"],
            "partner-roles.ngos": "observer",
            "leadership-confidence": "dont_know",
            "cost-sharing.alloc.us": "40",
            "cost-sharing.alloc.china": "60.5",
            "annual-budget": "12.5",
            "crisis-tools.hotline": "4",
            "preparatory-steps.rank.track-two": "2",
            "preparatory-steps.rank.ministerial": "1",
            "first-meeting": "2008-03-15",
            "lead-institution": "IAEA",
        }
    )
    answers, problems = answers_from_form(questions, form)
    assert problems == {}
    assert answers == {
        "mechanism-form": "other",
        "mechanism-form.other": "A council",
        "obligations": ["reporting", "inspection"],
        "partner-roles": {"ngos": "observer"},
        "leadership-confidence": "dont_know",
        "cost-sharing": {"us": 40, "china": 60.5},
        "annual-budget": 12.5,
        "crisis-tools": {"hotline": 4},
        "preparatory-steps": ["ministerial", "track-two"],
        "first-meeting": "2008-03-15",
        "lead-institution": "IAEA",
    }


def test_unreadable_numbers_are_passed_on_as_typed(registry: Registry) -> None:
    answers, problems = answers_from_form(
        list(wrap_up(registry).questions()), {"annual-budget": ["12 million"]}
    )
    assert answers == {"annual-budget": "12 million"} and problems == {}


def test_the_same_rank_twice_is_a_problem_of_the_form(registry: Registry) -> None:
    form = {"preparatory-steps.rank.track-two": ["1"], "preparatory-steps.rank.ministerial": ["1"]}
    _answers, problems = answers_from_form(list(wrap_up(registry).questions()), form)
    assert problems["preparatory-steps"].code == "rank_used_twice"


def test_stored_answers_fill_the_fields_back(registry: Registry) -> None:
    index = wrap_up(registry).question_index()
    assert form_values(
        index["preparatory-steps"], {"preparatory-steps": ["ministerial", "track-two"]}
    ) == {
        "working-group": "",
        "track-two": 2,
        "charter-draft": "",
        "ministerial": 1,
        "funding-pledges": "",
    }
    assert form_values(index["obligations"], {"obligations": ["reporting"]}) == {
        "picked": ["reporting"]
    }
    assert form_values(index["annual-budget"], {}) == {"value": ""}
