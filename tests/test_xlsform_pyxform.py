"""Golden tests of pyxform's output: the shapes `survey/files/xlsform_reader.py` reads.

`get_xlsform` and `workbook_to_json` make no promise of stability, so every shape the
adapter relies on is pinned here; a pyxform release that changes one fails here first,
with the shape named, instead of as a wrong import somewhere else.
"""

from __future__ import annotations

import dataclasses
import json
from importlib.metadata import version
from typing import Any

import pytest
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from survey.files.xlsform_kobo import ROW
from tests.xlsform_forms import FORMS


def md(**sheets: list[list[str]]) -> str:
    """A form in pyxform's markdown: per sheet, its header row then its rows."""
    lines = []
    for name, rows in sheets.items():
        lines.append(f"| {name} |")
        lines += ["| | " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def to_json(markdown: str, *, numbered: bool = False) -> dict[str, Any]:
    """pyxform's dict of a form written in its markdown, optionally with our row column."""
    workbook = get_xlsform(xlsform=markdown)
    if numbered:
        rows = [{**row, ROW: str(n)} if row else row for n, row in enumerate(workbook.survey, 2)]
        header = {**workbook.survey_header[0], ROW: None}
        workbook = dataclasses.replace(workbook, survey=rows, survey_header=[header])
    return workbook_to_json(workbook_dict=workbook, fallback_form_name="form", warnings=[])


def children(form: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {child["name"]: child for child in form["children"]}


def test_the_pyxform_in_use_is_the_one_these_shapes_were_pinned_on() -> None:
    assert version("pyxform").split(".")[:2] == ["4", "5"]


@pytest.mark.parametrize("suffix", [".md", ".xls", ".xlsx"])
def test_pyxforms_own_expected_output_is_what_it_gives(suffix: str) -> None:
    """pyxform's `tests/test_expected_output/yes_or_no_question.json`, from every format."""
    workbook = get_xlsform(xlsform=FORMS / f"yes_or_no_question{suffix}")
    form = workbook_to_json(workbook_dict=workbook, fallback_form_name="yes_or_no_question")
    expected = json.loads((FORMS / "yes_or_no_question.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in form.items() if k != "name"} == {
        k: v for k, v in expected.items() if k != "name"
    }


def test_labels_are_keyed_by_language_name_or_plain_text() -> None:
    form = to_json(
        md(
            survey=[
                ["type", "name", "label::English (en)", "label::French", "hint"],
                ["integer", "a", "A?", "A ?", "Years"],
                ["note", "b", "B", "", ""],
            ],
        )
    )
    a, b = children(form)["a"], children(form)["b"]
    assert a["label"] == {"English (en)": "A?", "French": "A ?"}
    assert a["hint"] == "Years"  # a column without languages stays a plain string
    assert b["label"] == {"English (en)": "B"}
    plain = to_json("| survey |\n| | type | name | label |\n| | text | t | T? |")
    assert children(plain)["t"]["label"] == "T?"


def test_our_columns_ride_on_each_element_but_not_on_what_pyxform_makes() -> None:
    form = to_json(
        md(
            survey=[
                ["type", "name", "label", "survey--unit::English (en)"],
                ["select_one c or_other", "c", "C?", ""],
                ["decimal", "d", "D?", "USD"],
            ],
            choices=[
                ["list_name", "name", "label", "survey--renamed_from"],
                ["c", "x", "X", "old-x"],
            ],
            settings=[
                ["form_id", "survey--title::Korean (ko)"],
                ["f", "제목"],
            ],
        ),
        numbered=True,
    )
    found = children(form)
    assert found["c"][ROW] == "2" and found["d"][ROW] == "3"
    assert ROW not in found["c_other"] and ROW not in found["meta"]
    assert found["d"]["survey--unit"] == {"English (en)": "USD"}
    assert found["c"]["choices"][0]["survey--renamed_from"] == "old-x"
    assert form["survey--title"] == {"Korean (ko)": "제목"}


def test_or_other_adds_other_to_the_shared_list_and_a_text_question_after() -> None:
    form = to_json(
        md(
            survey=[
                ["type", "name", "label"],
                ["select_one c or_other", "c", "C?"],
                ["select_one c", "d", "D?"],
            ],
            choices=[
                ["list_name", "name", "label"],
                ["c", "x", "X"],
            ],
        )
    )
    found = children(form)
    assert [child["name"] for child in form["children"]] == ["c", "c_other", "d", "meta"]
    assert [choice["name"] for choice in found["d"]["choices"]] == ["x", "other"]
    assert found["c_other"]["bind"]["relevant"] == "selected(../c, 'other')"
    assert found["c"]["type"] == "select one" and found["c"]["list_name"] == "c"


def test_a_table_list_is_expanded_into_a_generated_note_and_a_heading_select() -> None:
    form = to_json(
        md(
            survey=[
                ["type", "name", "label", "hint", "appearance"],
                ["begin_group", "t", "Table", "Hint", "table-list"],
                ["select_one c", "r1", "Row 1", "", ""],
                ["end_group", "", "", "", ""],
            ],
            choices=[
                ["list_name", "name", "label"],
                ["c", "x", "X"],
            ],
        ),
        numbered=True,
    )
    table = children(form)["t"]
    note, heading, row = table["children"]
    assert table["control"] == {"appearance": "field-list"} and "label" not in table
    assert note["name"] == "generated_table_list_label_2" and note["label"] == "Table"
    assert note["hint"] == "Hint" and ROW not in note
    assert heading["name"] == "reserved_name_for_field_list_labels_3" and ROW not in heading
    assert heading["control"] == {"appearance": "label"}
    assert row["control"] == {"appearance": "list-nolabel"} and row[ROW] == "3"


def test_types_binds_controls_and_parameters_as_the_adapter_reads_them() -> None:
    form = to_json(
        md(
            survey=[
                [
                    "type",
                    "name",
                    "label",
                    "required",
                    "relevant",
                    "constraint",
                    "parameters",
                    "appearance",
                    "constraint_message",
                    "calculation",
                ],
                ["range", "r", "R?", "yes", "", "", "start=1 end=5 step=1", "", "", ""],
                [
                    "select_multiple c",
                    "m",
                    "M?",
                    "TRUE",
                    "${r} > 1",
                    "count-selected(.) <= 2",
                    "",
                    "minimal",
                    "Two at most",
                    "",
                ],
                ["rank c", "k", "K?", "", "", "", "", "", "", ""],
                ["phone number", "p", "P?", "", "", "", "", "", "", ""],
                ["select_one_from_file a.csv", "f", "F?", "", "", "", "", "", "", ""],
                ["image", "i", "I?", "", "", "", "max-pixels=1000", "", "", ""],
                ["calculate", "x", "", "", "", "", "", "", "", "${r} * 2"],
            ],
            choices=[
                ["list_name", "name", "label"],
                ["c", "y", "Y"],
            ],
        )
    )
    found = children(form)
    assert found["r"]["type"] == "range"
    assert found["r"]["parameters"] == {"start": "1", "end": "5", "step": "1"}
    assert found["r"]["bind"] == {"required": "yes"}
    assert found["m"]["type"] == "select all that apply"
    assert found["m"]["bind"] == {
        "required": "TRUE",  # as written: the reader decides what counts as yes
        "relevant": "${r} > 1",
        "constraint": "count-selected(.) <= 2",
        "jr:constraintMsg": "Two at most",
    }
    assert found["m"]["control"] == {"appearance": "minimal"}
    assert found["k"]["type"] == "rank" and found["k"]["list_name"] == "c"
    assert found["p"]["type"] == "phone number"
    assert found["f"]["type"] == "select one" and found["f"]["itemset"] == "a.csv"
    assert "list_name" not in found["f"]
    assert found["i"]["parameters"] == "max-pixels=1000"  # a string here, a dict for range
    assert found["x"]["type"] == "calculate" and found["x"]["bind"]["calculate"] == "${r} * 2"
    assert found["meta"]["control"] == {"bodyless": True}
