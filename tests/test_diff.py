"""`survey diff`: what changed between versions, lined up the way reports line them up."""

from __future__ import annotations

from survey.core.diff import describe_condition, diff_versions, format_diff
from tests.conftest import make_questionnaire

V1 = make_questionnaire(
    {
        "id": "pick",
        "type": "single_choice",
        "prompt": "Pick",
        "choices": [
            {"id": "a", "label": "A"},
            {"id": "b", "label": "B"},
            {"id": "c", "label": "C"},
        ],
    },
    {"id": "level", "type": "scale", "prompt": "Level", "min": 1, "max": 5},
    {"id": "gone", "type": "text", "prompt": "Old question"},
)
V2 = make_questionnaire(
    {
        "id": "choice",
        "renamed_from": "pick",
        "type": "single_choice",
        "prompt": "Pick one",
        "required": True,
        "choices": [
            {"id": "alpha", "renamed_from": "a", "label": "A"},
            {"id": "b", "label": "Bee"},
            {"id": "d", "label": "D"},
        ],
    },
    {
        "id": "level",
        "type": "scale",
        "prompt": "Level",
        "min": 1,
        "max": 7,
        "show_if": {"question": "choice", "in": ["b", "d"]},
    },
    {"id": "new", "type": "date", "prompt": "When"},
    version=2,
)


def test_diff_finds_added_removed_renamed_and_changed_questions() -> None:
    changes = {(c.kind, c.id): c for c in diff_versions(V1, V2)}
    assert set(changes) == {
        ("renamed", "choice"),
        ("changed", "level"),
        ("added", "new"),
        ("removed", "gone"),
    }
    assert changes[("renamed", "choice")].details == [
        "prompt: “Pick” → “Pick one”",
        "required: false → true",
        "choices: ~ alpha renamed from a",
        "choices: ~ b label: “B” → “Bee”",
        "choices: + d “D”",
        "choices: - c “C”",
    ]
    assert changes[("changed", "level")].details == [
        "show_if: (always shown) → choice in [b, d]",
        "max: 5 → 7",
    ]


def test_diff_of_a_version_with_itself_says_no_differences() -> None:
    assert diff_versions(V1, V1) == []
    assert format_diff(V1, V1, []).endswith("no differences")


def test_formatted_diff_reads_as_sections_of_changes_with_a_summary() -> None:
    text = format_diff(V1, V2, diff_versions(V1, V2))
    lines = text.splitlines()
    assert lines[0] == "q: v1 → v2"
    assert "  ~ renamed  choice  renamed from pick" in lines
    assert "  - removed  gone  (text) “Old question”" in lines
    assert lines[-1] == "summary: questions 1 renamed, 1 changed, 1 added, 1 removed"


def test_conditions_are_described_in_words() -> None:
    q = make_questionnaire(
        {"id": "a", "type": "scale", "min": 1, "max": 5},
        {
            "id": "b",
            "type": "text",
            "show_if": {
                "all": [{"question": "a", "at_least": 3}, {"question": "a", "answered": True}]
            },
        },
    )
    condition = q.sections[0].questions[1].show_if
    assert describe_condition(condition) == "all(a at least 3; a answered true)"
