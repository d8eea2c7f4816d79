"""Semantic checks beyond what the broken-file corpus shows: warnings and coverage."""

from __future__ import annotations

from survey.core.checks import check_questionnaire
from survey.core.lineage import check_history
from tests.conftest import make_questionnaire

CHOICES = [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]


def test_a_clean_questionnaire_has_no_findings() -> None:
    q = make_questionnaire(
        {"id": "pick", "type": "single_choice", "prompt": "Pick", "choices": CHOICES},
        {
            "id": "why",
            "type": "text",
            "prompt": "Why",
            "show_if": {"question": "pick", "equals": "a"},
        },
    )
    assert check_questionnaire(q) == []


def test_missing_translations_are_one_warning_per_language() -> None:
    q = make_questionnaire(
        {
            "id": "pick",
            "type": "single_choice",
            "prompt": {"en": "Pick", "ko": "선택"},
            "choices": CHOICES,
        },
        languages=["en", "ko", "ru"],
        title={"en": "T", "ko": "T", "ru": "T"},
    )
    findings = check_questionnaire(q)
    assert {f.severity for f in findings} == {"warning"}
    messages = sorted(f.message for f in findings)
    assert messages[0].startswith("3 of 5 texts have no `ko` translation")
    assert messages[1].startswith("4 of 5 texts have no `ru` translation")


def test_plain_strings_count_as_the_default_language() -> None:
    q = make_questionnaire(
        {"id": "t", "type": "text", "prompt": "Plain"}, languages=["ko"], title="제목"
    )
    assert check_questionnaire(q) == []


def test_show_if_may_test_scale_points_and_other() -> None:
    q = make_questionnaire(
        {"id": "pick", "type": "single_choice", "choices": CHOICES, "other": True},
        {"id": "level", "type": "scale", "min": 1, "max": 5, "dont_know": True},
        {
            "id": "why",
            "type": "text",
            "show_if": {
                "any": [
                    {"question": "pick", "equals": "other"},
                    {"question": "level", "in": [4, 5, "dont_know"]},
                ]
            },
        },
    )
    assert check_questionnaire(q) == []


def test_matrix_ranking_and_allocation_can_only_be_tested_for_answered() -> None:
    q = make_questionnaire(
        {"id": "order", "type": "ranking", "choices": CHOICES},
        {"id": "why", "type": "text", "show_if": {"question": "order", "equals": "a"}},
    )
    [finding] = check_questionnaire(q)
    assert finding.message == "a ranking question can only be tested with `answered`"


def test_choice_renames_are_checked_against_the_previous_version() -> None:
    v1 = make_questionnaire({"id": "pick", "type": "single_choice", "choices": CHOICES})
    v2 = make_questionnaire(
        {
            "id": "pick",
            "type": "single_choice",
            "choices": [{"id": "alpha", "label": "A", "renamed_from": "a"}, CHOICES[1]],
        },
        version=2,
    )
    assert check_history({1: v1, 2: v2}) == {1: [], 2: []}
