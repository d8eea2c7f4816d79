"""Importing XLSForms: real forms from pyxform's test suite, and forms written here.

Each import is judged by what it gives (the questionnaire as a file writes it, which must
be a valid version) and by what it says: every refusal and note by row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.files.questionnaire_files import decode_questionnaire
from survey.files.xlsform_import import ImportResult, import_xlsform
from survey.files.xlsform_reader import XlsFormError
from survey.files.yaml_writer import dump_yaml
from tests.xlsform_forms import FORMS, write_xlsform

FORMATS = [".md", ".xls", ".xlsx"]


def questions(result: ImportResult) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for s in result.data["sections"] for q in s["questions"]}


def refused(result: ImportResult) -> list[str]:
    return [str(refusal) for refusal in result.refusals]


def said(result: ImportResult) -> str:
    return "\n".join(str(note) for note in result.notes)


def imported(tmp_path: Path, survey: list[dict[str, Any]], **sheets: Any) -> ImportResult:
    language_map = sheets.pop("language_map", None)
    path = write_xlsform(tmp_path / "form.xlsx", survey, **sheets)
    return import_xlsform(path, language_map=language_map)


def assert_valid(result: ImportResult) -> None:
    assert result.usable, result.findings
    questionnaire, findings = decode_questionnaire(result.data)
    assert questionnaire is not None and findings == []


# --- real forms -----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMATS)
def test_group_imports_a_section_per_group_and_one_for_loose_questions(suffix: str) -> None:
    result = import_xlsform(FORMS / f"group{suffix}")
    assert result.refusals == []
    assert_valid(result)
    sections = result.data["sections"]
    assert [s["id"] for s in sections] == ["part-1", "father"]
    assert result.data["languages"] == ["en"]  # from `label:English (en)`
    assert questions(result) == {
        "family_name": {"id": "family_name", "type": "text", "prompt": "What's your family name?"},
        "phone_number": {
            "id": "phone_number",
            "type": "text",
            "prompt": "What's your father's phone number?",
        },
        "age": {
            "id": "age",
            "type": "number",
            "prompt": "How old is your father?",
            "integer": True,
        },
    }
    assert sections[1]["title"] == "Father"


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_language_without_a_code_needs_the_language_map(suffix: str) -> None:
    path = FORMS / f"yes_or_no_question{suffix}"
    without = import_xlsform(path)
    assert refused(without) == [
        "the language of columns such as `label::english` has no code: add --language-map "
        '"english=<code>" (e.g. english=en)'
    ]
    result = import_xlsform(path, language_map={"english": "en"})
    assert result.refusals == []
    assert_valid(result)
    assert questions(result)["good_day"] == {
        "id": "good_day",
        "type": "single_choice",
        "prompt": "have you had a good day today?",
        "choices": [{"id": "yes", "label": "yes"}, {"id": "no", "label": "no"}],
    }


@pytest.mark.parametrize("suffix", FORMATS)
def test_specify_other_becomes_other_on_the_question(suffix: str) -> None:
    result = import_xlsform(FORMS / f"specify_other{suffix}", language_map={"English": "en"})
    assert result.refusals == []
    assert_valid(result)
    assert questions(result) == {
        "sex": {
            "id": "sex",
            "type": "single_choice",
            "prompt": "What sex are you?",
            "choices": [{"id": "male", "label": "Male"}, {"id": "female", "label": "Female"}],
            "other": True,
        }
    }


def test_or_other_stays_on_its_own_question_and_a_choice_filter_is_refused() -> None:
    result = import_xlsform(FORMS / "or_other.xlsx")
    assert refused(result) == [
        'row 3: `fav_pastel`: choice_filter "pastel=yes" cannot be expressed (all choices '
        "would be offered)"
    ]
    found = questions(result)
    colors = ["red", "green", "blue", "mauve", "apricot"]
    assert found["fav_color"]["other"] is True
    assert [c["id"] for c in found["fav_color"]["choices"]] == colors
    # pyxform adds `other` to the shared list; the question without or_other has none.
    assert "other" not in found["fav_pastel"]
    assert [c["id"] for c in found["fav_pastel"]["choices"]] == colors
    assert_valid(result)


def test_cascading_selects_are_refused_with_their_duplicate_choice() -> None:
    result = import_xlsform(FORMS / "choice_filter_test.xlsx")
    assert refused(result) == [
        'row 3: `county`: choice_filter "${state}=cf" cannot be expressed (all choices would '
        "be offered)",
        "row 3: the choice of `counties` name `king` is used twice",
        'row 4: `city`: choice_filter "${county}=cf" cannot be expressed (all choices would '
        "be offered)",
    ]


@pytest.mark.parametrize("suffix", FORMATS)
def test_upper_case_sheets_and_headers_are_read_and_external_data_refused(suffix: str) -> None:
    result = import_xlsform(FORMS / f"case_insensitivity{suffix}")
    assert refused(result) == [
        "entities (the `entities` sheet) cannot be expressed",
        "row 3: `q2`: external choices cannot be expressed",
        "row 4: `q3`: a map feature cannot be expressed",
    ]
    assert result.data["id"] == "yesno" and result.data["title"] == "Yes or no"
    assert result.data["languages"] == ["en"]  # LABEL::EN, DEFAULT_LANGUAGE EN
    assert questions(result)["q1"]["choices"][0] == {"id": "n1-c", "label": "l1-c"}
    assert [(r.what, r.old, r.new) for r in result.renames] == [("form", "YesNo", "yesno")]


def test_a_table_list_becomes_a_matrix_and_a_table_of_multiple_choices_is_refused() -> None:
    result = import_xlsform(FORMS / "table-list.xls")
    assert refused(result) == [
        "row 7: `happy_sad_table`: a table of multiple-choice rows cannot be expressed"
    ]
    assert questions(result)["table_list_test2"] == {
        "id": "table_list_test2",
        "type": "matrix",
        "prompt": "Table (made with an easier method)",
        "help": "This is a user-defined hint for the 1st row",
        "rows": [
            {"id": "table_list_3", "label": "Q1"},
            {"id": "table_list_4", "label": "Question 2"},
        ],
        "columns": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}],
    }
    assert "row 4: `table_list_3`: the hint of a row of a table is left out" in said(result)


def test_a_real_field_form_is_refused_for_each_thing_it_cannot_say() -> None:
    result = import_xlsform(FORMS / "UCL_Biomass_Plot_Form.xlsx")
    messages = refused(result)
    for expected in (
        'row 10: `leader_number`: constraint "regex(',
        "row 16: `region_id`: choices from a file (`UCL_regions.csv`) cannot be expressed",
        "row 22: `center_point`: a location cannot be expressed",
        "row 23: `center_image`: a photo cannot be expressed",
        "row 26: `slope_radius`: a calculation used by `note3`, `tree_distance`, `stump_distance`",
        "row 32: `trees`: a repeat (of 17 items) cannot be expressed",
        "row 56: `stumps`: a repeat (of 12 items) cannot be expressed",
    ):
        assert any(message.startswith(expected) for message in messages), expected
    assert len(messages) == 13
    notes = said(result)
    assert "row 11: `start`: `start` records the device or session; left out" in notes
    assert 'row 9: `leader_name_other`: becomes the "Other, please specify" text' in notes
    # What can be said is kept, in both languages, Swahili (the default) first.
    assert result.data["languages"] == ["sw", "en"]
    assert list(questions(result)) == [
        *("note2", "note1", "leader_name", "leader_number", "plant_phase", "canopy_cover"),
        *("monumented", "slope", "note3", "any_trees", "stumps_in_plot", "regen_in_subplot1"),
        *("regen_in_subplot2", "disturbance", "remarks"),
    ]
    leader = questions(result)["leader_name"]
    assert leader["other"] is True and leader["required"] is True
    assert leader["prompt"] == {"sw": "Jina Lako", "en": "Your Name"}
    assert result.data["imported_from"] == {
        "format": "xlsform",
        "file": "UCL_Biomass_Plot_Form.xlsx",
        "form_id": "UCL_Biomass_Plot_Form",
        "version": "2022-04-11 16:26:28.971000",
    }
    assert_valid(result)


def test_the_specification_form_is_refused_for_each_thing_it_cannot_say() -> None:
    result = import_xlsform(
        FORMS / "xlsform_spec_test.xlsx",
        language_map={"english": "en", "chinese": "zh", "default": "en"},
    )
    messages = refused(result)
    for expected in (
        "row 3: `everything`: relevant \"not(selected(${skip_to_end}, 'yes'))\" cannot be "
        "expressed: `not(…)` has no equivalent",
        "row 9: `text_image_audio_video_test`: its image, audio or video cannot be expressed",
        "row 15: `repeat_test`: a repeat (of 9 items) cannot be expressed: each question is "
        "asked once",
        "row 30: `acknowledge_test`: an acknowledgement cannot be expressed",
        "row 33: `datetime_test`: a date with a time cannot be expressed (ask a date and a time)",
        "row 35: `barcode_test`: a barcode cannot be expressed",
        "row 40: `calculate_test`: a calculation used by `calculate_test_output` cannot be "
        "expressed",
    ):
        assert expected in messages
    renames = {(r.old, r.new) for r in result.renames}
    assert {("_1", "1"), ("FALSE", "false"), ("Spec test", "spec-test")} <= renames
    assert result.data["languages"] == ["en", "zh"]
    assert_valid(result)


# --- errors -------------------------------------------------------------------------------


def test_files_that_are_no_xlsform_are_refused_with_a_reason(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a workbook")
    duplicate = write_xlsform(
        tmp_path / "duplicate.xlsx",
        [{"type": "text", "name": "a", "label": "A"}, {"type": "text", "name": "a", "label": "B"}],
    )
    cases = {
        tmp_path / "missing.xlsx": "no such file",
        tmp_path / "form.csv": "expected an XLSForm (.xlsx, .xlsm, .xls, .md)",
        garbage: "garbage.xlsx",
        duplicate: "duplicate.xlsx: [row : 3]",
    }
    (tmp_path / "form.csv").write_text("type,name\n", encoding="utf-8")
    for path, message in cases.items():
        with pytest.raises(XlsFormError, match=None) as raised:
            import_xlsform(path)
        assert message in str(raised.value), str(raised.value)


# --- anything -------------------------------------------------------------------------------

TYPES = [
    "text",
    "integer",
    "decimal",
    "note",
    "date",
    "time",
    "select_one c",
    "select_multiple c",
    "select_one c or_other",
    "rank c",
    "range",
    "begin_group",
    "end_group",
    "begin_repeat",
    "end_repeat",
    "calculate",
    "geopoint",
    "start",
    "begin_score",
    "score__row",
    "end_score",
]
EXPRESSIONS = [
    "",
    "${a} = 'x'",
    "selected(${b}, 'y')",
    "${a} >= 2",
    "not(${a})",
    ". > 1",
    "${zz} = 1",
    "string-length(.) <= 3",
    "count-selected(.) <= 1",
    "(${a} = 'x' or ${b} != '')",
    "yes",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(TYPES),
            st.sampled_from(["a", "b", "A", "c_1", "_x", "", "a.b"]),
            st.sampled_from(["Label", "", "${a}?"]),
            st.sampled_from(EXPRESSIONS),
            st.sampled_from(EXPRESSIONS),
            st.sampled_from(["", "yes", "no", "${a} = 1"]),
        ),
        max_size=8,
    )
)
def test_any_form_is_imported_or_refused_with_a_message_never_a_crash(
    rows: list[tuple[str, ...]], tmp_path: Path
) -> None:
    lines = ["| survey |", "| | type | name | label | relevant | constraint | required |"]
    lines += ["| | " + " | ".join(row) + " |" for row in rows]
    lines += ["| choices |", "| | list_name | name | label |", "| | c | x | X |", "| | c | y | Y |"]
    path = tmp_path / "form.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        result = import_xlsform(path)
    except XlsFormError as error:
        assert str(error).startswith(("form.md:", "cannot read form.md"))
        return
    dump_yaml(result.data)
    if result.usable:
        assert_valid(result)
