"""Importing XLSForms written here with openpyxl: each construct the importer reads, and
how it says what it cannot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.test_xlsform_import import assert_valid, imported, questions, refused, said

EN, KO = "label::English (en)", "label::Korean (ko)"
COLORS = [
    {"list_name": "colors", "name": "red", EN: "Red", KO: "빨강"},
    {"list_name": "colors", "name": "blue", EN: "Blue", KO: "파랑"},
]


def test_multilingual_labels_hints_and_choices_with_the_default_language_first_and_comments_ignored(
    tmp_path: Path,
) -> None:
    result = imported(
        tmp_path,
        [
            {"type": "begin_group", "name": "about", EN: "About you", KO: "자기소개"},
            {
                "type": "select_one colors",
                "name": "color",
                EN: "Colour?",
                KO: "색깔?",
                "hint::English (en)": "Pick one",
                "hint::Korean (ko)": "하나 고르세요",
            },
            {"type": "text", "name": "why", EN: "Why?", "comments": "ask the chair"},
            {"type": "end_group"},
        ],
        choices=COLORS,
        settings={
            "form_title": "Colours",
            "form_id": "colours",
            "version": "2024-05",
            "default_language": "Korean (ko)",
        },
    )
    assert result.refusals == []
    assert result.data["languages"] == ["ko", "en"]
    assert result.data["title"] == "Colours"
    assert result.data["sections"][0]["title"] == {"en": "About you", "ko": "자기소개"}
    assert questions(result)["color"] == {
        "id": "color",
        "type": "single_choice",
        "prompt": {"en": "Colour?", "ko": "색깔?"},
        "help": {"en": "Pick one", "ko": "하나 고르세요"},
        "choices": [
            {"id": "red", "label": {"en": "Red", "ko": "빨강"}},
            {"id": "blue", "label": {"en": "Blue", "ko": "파랑"}},
        ],
    }
    assert questions(result)["why"] == {"id": "why", "type": "text", "prompt": {"en": "Why?"}}
    assert "comments" not in said(result)
    assert result.data["imported_from"]["version"] == "2024-05"
    assert_valid(result)


def test_language_names_without_codes_are_refused_once_each_until_mapped(tmp_path: Path) -> None:
    survey = [{"type": "text", "name": "a", "label::English": "A?", "label::Français": "A ?"}]
    result = imported(tmp_path, survey)
    assert refused(result) == [
        "the language of columns such as `label::English` has no code: add --language-map "
        '"English=<code>" (e.g. English=en)',
        "the language of columns such as `label::Français` has no code: add --language-map "
        '"Français=<code>" (e.g. Français=en)',
    ]
    mapped = imported(tmp_path, survey, language_map={"english": "en", "Français": "fr"})
    assert mapped.refusals == [] and mapped.data["languages"] == ["en", "fr"]
    assert questions(mapped)["a"]["prompt"] == {"en": "A?", "fr": "A ?"}


def test_nested_groups_join_their_section_with_their_conditions(tmp_path: Path) -> None:
    result = imported(
        tmp_path,
        [
            {"type": "integer", "name": "age", "label": "Age?"},
            {"type": "begin_group", "name": "outer", "label": "Outer", "relevant": "${age} >= 18"},
            {"type": "text", "name": "job", "label": "Job?"},
            {
                "type": "begin_group",
                "name": "inner",
                "label": "More about work",
                "relevant": "${job} != ''",
            },
            {"type": "text", "name": "employer", "label": "Employer?"},
            {"type": "end_group"},
            {"type": "end_group"},
        ],
    )
    assert result.refusals == []
    sections = result.data["sections"]
    assert [s["id"] for s in sections] == ["part-1", "outer"]
    found = questions(result)
    assert found["job"]["show_if"] == {"question": "age", "at_least": 18}
    inner = {"all": [{"question": "age", "at_least": 18}, {"question": "job", "answered": True}]}
    assert found["inner"] == {
        "id": "inner",
        "type": "note",
        "text": "More about work",
        "show_if": inner,
    }
    assert found["employer"]["show_if"] == inner
    assert "row 5: `inner`: a group inside a group: its questions join the section" in said(result)
    assert_valid(result)


def relevance_form() -> list[dict[str, Any]]:
    return [
        {"type": "select_one colors", "name": "color", "label": "Colour?"},
        {"type": "select_multiple colors", "name": "likes", "label": "Likes?"},
        {"type": "integer", "name": "n", "label": "How many?"},
        {"type": "decimal", "name": "d", "label": "How much?"},
        {"type": "text", "name": "t1", "label": "1", "relevant": "${color} = 'red'"},
        {
            "type": "text",
            "name": "t2",
            "label": "2",
            "relevant": "selected(${likes}, 'red') or selected(${likes}, 'blue')",
        },
        {"type": "text", "name": "t3", "label": "3", "relevant": "(${n} >= 3 and ${n} <= 5)"},
        {
            "type": "text",
            "name": "t4",
            "label": "4",
            "relevant": "(${color} = 'red' or ${n} > 2) and ${d} != ''",
        },
        {"type": "text", "name": "t5", "label": "5", "relevant": "count-selected(${likes}) = 0"},
        {"type": "text", "name": "t6", "label": "6", "relevant": "not(${color} = 'red')"},
        {"type": "text", "name": "t7", "label": "7", "relevant": "${later} = 'x'"},
        {"type": "text", "name": "t8", "label": "8", "relevant": "${d} > 1.5"},
        {"type": "text", "name": "t9", "label": "9", "relevant": "${color} = 'green'"},
        {"type": "text", "name": "t10", "label": "10", "relevant": "${color} != 'red'"},
        {"type": "note", "name": "hello", "label": "Hello"},
        {"type": "text", "name": "t11", "label": "11", "relevant": "${hello} != ''"},
        {"type": "text", "name": "later", "label": "Later"},
    ]


def test_relevance_becomes_show_if_and_what_cannot_be_said_is_refused_by_row(
    tmp_path: Path,
) -> None:
    result = imported(tmp_path, relevance_form(), choices=COLORS)
    found = questions(result)
    assert found["t1"]["show_if"] == {"question": "color", "equals": "red"}
    assert found["t2"]["show_if"] == {"question": "likes", "in": ["red", "blue"]}
    assert found["t3"]["show_if"] == {
        "all": [{"question": "n", "at_least": 3}, {"question": "n", "at_most": 5}]
    }
    assert found["t4"]["show_if"] == {
        "all": [
            {"any": [{"question": "color", "equals": "red"}, {"question": "n", "at_least": 3}]},
            {"question": "d", "answered": True},
        ]
    }
    assert found["t5"]["show_if"] == {"question": "likes", "answered": False}
    assert refused(result) == [
        "row 11: `t6`: relevant \"not(${color} = 'red')\" cannot be expressed: `not(…)` has no "
        "equivalent",
        "row 12: `t7`: relevant \"${later} = 'x'\" cannot be expressed: `later` comes later; "
        "show_if only looks at earlier questions",
        'row 13: `t8`: relevant "${d} > 1.5" cannot be expressed: `>` on a number that need '
        "not be whole",
        "row 14: `t9`: relevant \"${color} = 'green'\" cannot be expressed: `green` is not a "
        "choice of `color`",
        "row 15: `t10`: relevant \"${color} != 'red'\" cannot be expressed: `!=` a value has no "
        "equivalent; name the values allowed with `or`",
        "row 17: `t11`: relevant \"${hello} != ''\" cannot be expressed: `hello` is a note; it has "
        "no answer to look at",
    ]
    # Skipped, the condition is gone and the question stays.
    assert "show_if" not in found["t6"]
    assert_valid(result)


def test_constraints_become_limits_or_are_refused(tmp_path: Path) -> None:
    result = imported(
        tmp_path,
        [
            {"type": "integer", "name": "age", "label": "Age?", "constraint": ". >= 0 and . < 121"},
            {"type": "decimal", "name": "share", "label": "Share?", "constraint": ". > 0"},
            {
                "type": "text",
                "name": "name",
                "label": "Name?",
                "constraint": "string-length(.) <= 50",
            },
            {"type": "text", "name": "essay", "label": "Essay?", "appearance": "multiline"},
            {
                "type": "select_multiple colors",
                "name": "likes",
                "label": "Likes?",
                "constraint": "count-selected(.) >= 1 and count-selected(.) <= 2",
            },
            {
                "type": "time",
                "name": "at",
                "label": "When?",
                "constraint": ". >= '09:00' and . <= '17:30'",
            },
            {
                "type": "text",
                "name": "code",
                "label": "Code?",
                "constraint": "regex(., '^[A-Z]+$')",
            },
            {"type": "text", "name": "who", "label": "Who?", "required": "${age} > 18"},
        ],
        choices=COLORS,
    )
    found = questions(result)
    assert (found["age"]["min"], found["age"]["max"], found["age"]["integer"]) == (0, 120, True)
    assert "min" not in found["share"]
    assert found["name"]["max_length"] == 50
    assert found["essay"]["type"] == "long_text"
    assert (found["likes"]["min_selected"], found["likes"]["max_selected"]) == (1, 2)
    assert (found["at"]["min"], found["at"]["max"]) == ("09:00", "17:30")
    assert refused(result) == [
        "row 3: `share`: constraint `. > 0` cannot be expressed",
        "row 8: `code`: constraint \"regex(., '^[A-Z]+$')\" cannot be expressed: `regex(…)` has "
        "no equivalent",
        'row 9: `who`: required "${age} > 18" cannot be expressed (only yes or no); optional',
    ]
    assert_valid(result)


def test_or_other_in_both_spellings_becomes_other(tmp_path: Path) -> None:
    result = imported(
        tmp_path,
        [
            {"type": "select_one colors or_other", "name": "a", EN: "A?", KO: "가?"},
            {"type": "select_multiple pets", "name": "b", EN: "B?", KO: "나?"},
            {
                "type": "text",
                "name": "b_other",
                EN: "Which other pet?",
                KO: "다른 동물?",
                "relevant": "selected(${b}, 'other')",
            },
            {"type": "select_one pets", "name": "c", EN: "C?", KO: "다?"},
            {
                "type": "text",
                "name": "c_other",
                EN: "Other?",
                KO: "기타?",
                "relevant": "${c} = 'other'",
                "required": "yes",
            },
        ],
        choices=[
            *COLORS,
            {"list_name": "pets", "name": "cat", EN: "Cat", KO: "고양이"},
            {"list_name": "pets", "name": "other", EN: "Other", KO: "기타"},
        ],
    )
    assert result.refusals == []
    found = questions(result)
    assert list(found) == ["a", "b", "c"]
    for question in found.values():
        assert question["other"] is True
        assert "other" not in [choice["id"] for choice in question["choices"]]
    assert 'row 4: `b_other`: becomes the "Other, please specify" text of `b`' in said(result)
    assert_valid(result)


def test_kobo_score_and_rank_blocks_become_a_matrix_and_a_ranking(tmp_path: Path) -> None:
    result = imported(
        tmp_path,
        [
            {"type": "select_one yn", "name": "go", "label": "Go on?"},
            {
                "type": "begin_score",
                "name": "rate",
                "label": "Rate these",
                "hint": "Be fair",
                "kobo--score-choices": "agree",
                "required": "true",
                "relevant": "${go} = 'yes'",
            },
            {"type": "score__row", "name": "food", "label": "Food"},
            {"type": "score__row", "name": "music", "label": "Music"},
            {"type": "end_score"},
            {
                "type": "begin_rank",
                "name": "needs",
                "label": "Top needs?",
                "kobo--rank-items": "needs",
                "kobo--rank-constraint-message": "Items must differ",
            },
            {"type": "rank__level", "name": "n1", "label": "1st need"},
            {"type": "rank__level", "name": "n2", "label": "2nd need"},
            {"type": "end_rank"},
        ],
        choices=[
            {"list_name": "yn", "name": "yes", "label": "Yes"},
            {"list_name": "yn", "name": "no", "label": "No"},
            {"list_name": "agree", "name": "disagree", "label": "Disagree"},
            {"list_name": "agree", "name": "agree", "label": "Agree"},
            *(
                {"list_name": "needs", "name": n, "label": n.title()}
                for n in ("food", "water", "aid")
            ),
        ],
    )
    assert result.refusals == []
    found = questions(result)
    assert found["rate"] == {
        "id": "rate",
        "type": "matrix",
        "prompt": "Rate these",
        "help": "Be fair",
        "required": True,
        "rows": [{"id": "food", "label": "Food"}, {"id": "music", "label": "Music"}],
        "columns": [{"id": "disagree", "label": "Disagree"}, {"id": "agree", "label": "Agree"}],
        "show_if": {"question": "go", "equals": "yes"},
    }
    assert found["needs"] == {
        "id": "needs",
        "type": "ranking",
        "prompt": "Top needs?",
        "choices": [{"id": n, "label": n.title()} for n in ("food", "water", "aid")],
        "rank_at_most": 2,
    }
    notes = said(result)
    assert "row 3: Kobo score block `rate` becomes a table" in notes
    assert (
        "row 7: Kobo rank block `needs` ranks the top 2; its levels' labels are left out" in notes
    )
    assert_valid(result)


def test_a_kobo_matrix_of_one_select_is_a_matrix_and_of_more_is_refused(tmp_path: Path) -> None:
    items = [{"list_name": "things", "name": t, "label": t.title()} for t in ("car", "tv")]
    yes_no = [{"list_name": "yn", "name": n, "label": n.title()} for n in ("yes", "no")]
    result = imported(
        tmp_path,
        [
            {
                "type": "begin_kobomatrix",
                "name": "own",
                "label": "Owned?",
                "kobo--matrix_list": "things",
            },
            {"type": "select_one yn", "name": "has", "label": "Has it?", "required": "true"},
            {"type": "end_kobomatrix"},
            {
                "type": "begin_kobomatrix",
                "name": "use",
                "label": "Used?",
                "kobo--matrix_list": "things",
            },
            {"type": "select_one yn", "name": "daily", "label": "Daily?"},
            {"type": "text", "name": "how", "label": "How?"},
            {"type": "end_kobomatrix"},
        ],
        choices=items + yes_no,
    )
    assert questions(result)["own"]["rows"] == [
        {"id": "car", "label": "Car"},
        {"id": "tv", "label": "Tv"},
    ]
    assert questions(result)["own"]["required"] is True
    assert refused(result) == [
        "row 5: Kobo matrix `use` cannot be expressed: only a table of one select_one column "
        "over the items of kobo--matrix_list can"
    ]


def test_ranges_and_likert_selects_become_scales(tmp_path: Path) -> None:
    points = [
        {"list_name": "agree", "name": str(n), "label": label}
        for n, label in ((1, "Disagree"), (2, "2"), (3, "Agree"))
    ] + [{"list_name": "agree", "name": "dont_know", "label": "Don't know"}]
    result = imported(
        tmp_path,
        [
            {"type": "range", "name": "r", "label": "R?", "parameters": "start=0 end=10"},
            {"type": "range", "name": "big", "label": "Big?", "parameters": "start=0 end=100"},
            {
                "type": "range",
                "name": "fine",
                "label": "Fine?",
                "parameters": "start=0 end=1 step=0.1",
            },
            {"type": "select_one agree", "name": "l", "label": "L?", "appearance": "likert"},
            {"type": "select_one agree", "name": "s", "label": "S?"},
        ],
        choices=points,
    )
    found = questions(result)
    assert (found["r"]["type"], found["r"]["min"], found["r"]["max"]) == ("scale", 0, 10)
    assert found["big"] == {
        "id": "big",
        "type": "number",
        "prompt": "Big?",
        "min": 0,
        "max": 100,
        "integer": True,
    }
    assert found["l"] == {
        "id": "l",
        "type": "scale",
        "prompt": "L?",
        "min": 1,
        "max": 3,
        "labels": {1: "Disagree", 3: "Agree"},
        "dont_know": True,
    }
    assert found["s"]["type"] == "single_choice"
    assert refused(result) == ["row 4: `fine`: its step of 0.1 cannot be expressed"]


def test_metadata_and_kobo_version_rows_are_left_out_with_a_note(tmp_path: Path) -> None:
    result = imported(
        tmp_path,
        [
            {"type": "start", "name": "start"},
            {"type": "deviceid", "name": "deviceid"},
            {"type": "text", "name": "a", "label": "A?"},
            {"type": "calculate", "name": "__version__", "calculation": "'vGk3'"},
            {"type": "calculate", "name": "unused", "calculation": "1 + 1"},
        ],
    )
    assert result.refusals == []
    assert list(questions(result)) == ["a"]
    notes = said(result)
    assert "row 2: `start`: `start` records the device or session; left out" in notes
    assert "row 5: `__version__`: Kobo's form version stamp; left out" in notes
    assert "row 6: `unused`: a calculation no question uses; left out" in notes


def test_names_become_ids_and_colliding_names_are_refused(tmp_path: Path) -> None:
    result = imported(
        tmp_path,
        [
            {"type": "select_one yn", "name": "Q.1", "label": "One?"},
            {"type": "text", "name": "why", "label": "Why?", "relevant": "${Q.1} = 'Yes'"},
            {"type": "text", "name": "Age", "label": "Age?"},
            {"type": "text", "name": "age", "label": "Age again?"},
        ],
        choices=[{"list_name": "yn", "name": n, "label": n} for n in ("Yes", "No")],
    )
    assert [(r.what, r.old, r.new, r.row) for r in result.renames] == [
        ("choice of `yn`", "Yes", "yes", 2),
        ("choice of `yn`", "No", "no", 2),
        ("question", "Q.1", "q-1", 2),
        ("question", "Age", "age", 4),
    ]
    assert questions(result)["why"]["show_if"] == {"question": "q-1", "equals": "yes"}
    assert refused(result) == [
        "row 5: the question names `Age` (row 4) and `age` would both be `age`"
    ]
