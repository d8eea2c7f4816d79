"""XLSForm names as ids, language names as codes."""

from __future__ import annotations

import pytest

from survey.files.xlsform_names import Languages, Names, Rename, slug_of


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Seedling_1", "seedling_1"),
        ("_1", "1"),
        ("FALSE", "false"),
        ("label-test", "label-test"),
        ("Q.1", "q-1"),
        ("a__b", "a_b"),
        ("a-_b", "a-b"),
        ("Café", "cafe"),
        ("x" * 70, "x" * 64),
        ("中文", ""),
    ],
)
def test_names_become_slugs(name: str, expected: str) -> None:
    assert slug_of(name) == expected


def test_ids_are_given_once_and_changes_recorded() -> None:
    renames: list[Rename] = []
    refusals: list[tuple[int, str]] = []
    names = Names("question", renames, refusals)
    assert names.id_of("Age", 2) == "age"
    assert names.id_of("age", 3) is None
    assert names.id_of("kept", 4, chosen="2007-goals") == "2007-goals"
    assert names.id_of("中文", 5) is None
    assert renames == [Rename(what="question", old="Age", new="age", row=2)]
    assert refusals == [
        (3, "the question names `Age` (row 2) and `age` would both be `age`"),
        (5, "the question name `中文` has no Latin letters or digits to make an id of"),
    ]


def test_language_codes_come_from_parentheses_bare_codes_or_the_map() -> None:
    languages = Languages({"English": "en", "default": "fr"}, "Korean (ko)")
    assert languages.text({"english": "Yes", "Korean (ko)": "예", "default": "Oui"}) == {
        "en": "Yes",
        "ko": "예",
        "fr": "Oui",
    }
    assert languages.text({"Chinese (zh-CN)": "是", "EN": "Yes", "Hausa": "I"}) == {
        "zh-CN": "是",
        "en": "Yes",
    }
    assert languages.unknown == ["Hausa"]
    assert languages.ordered() == ["ko", "en", "fr", "zh-CN"]
    assert languages.text("plain") == "plain"
