"""Exporting XLSForms: the workbook an organizer reviews, which pyxform accepts and which
imports back as the same questionnaire."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from survey.catalogs import Catalogs
from survey.core.questionnaire import Questionnaire
from survey.files.questionnaire_files import read_questionnaire_file
from survey.files.xlsform_import import import_xlsform
from survey.files.xlsform_writer import export_xlsform
from tests.conftest import ROOT, SHIPPED, make_questionnaire
from tests.xlsform_forms import canonical

VERSIONS = [*sorted(SHIPPED.glob("*/v*.yaml")), ROOT / "tests/fixtures/every-type/v1.yaml"]


def load(path: Path) -> Questionnaire:
    loaded = read_questionnaire_file(path).loaded
    assert loaded is not None
    return loaded.schema


def round_trip(questionnaire: Questionnaire, tmp_path: Path) -> Questionnaire:
    path = tmp_path / f"{questionnaire.id}.xlsx"
    export_xlsform(questionnaire, path, Catalogs())
    result = import_xlsform(path)
    assert result.refusals == [] and result.notes == [] and result.renames == []
    assert result.usable, result.findings
    assert result.questionnaire is not None
    return result.questionnaire


@pytest.mark.parametrize("path", VERSIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_shipped_version_comes_back_the_same(path: Path, tmp_path: Path) -> None:
    questionnaire = load(path)
    again = round_trip(questionnaire, tmp_path)
    assert canonical(again) == canonical(questionnaire)
    assert again.id == questionnaire.id
    assert again.imported_from is not None and again.imported_from.form_id == questionnaire.id


@pytest.mark.parametrize("path", VERSIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_pyxform_converts_every_export_without_a_warning(path: Path, tmp_path: Path) -> None:
    target = tmp_path / "form.xlsx"
    export_xlsform(load(path), target, Catalogs())
    converted = convert(xlsform=target)
    assert converted.warnings == []
    assert "<h:title>" in converted.xform


def test_the_workbook_reads_as_an_xlsform_with_a_column_per_language(tmp_path: Path) -> None:
    target = tmp_path / "every-type.xlsx"
    approximated = export_xlsform(load(VERSIONS[-1]), target, Catalogs())
    assert approximated == [
        "`priorities` (ranking): Rank only the top 2.",
        "`cost-sharing` (allocation): Divide 100 among the items below; the amounts must add "
        "up to 100.",
    ]
    book = load_workbook(target)
    assert book.sheetnames == ["survey", "choices", "settings"]
    survey = [list(row) for row in book["survey"].iter_rows(values_only=True)]
    header = survey[0]
    assert header[:4] == ["type", "name", "label::English (en)", "label::Korean (ko)"]
    rows = {row[1]: dict(zip(header, row, strict=True)) for row in survey[1:] if row[1]}
    assert rows["form"]["type"] == "select_one form" and rows["form"]["required"] == "yes"
    assert rows["form__other"]["relevant"] == "selected(${form}, 'other')"
    assert rows["form__other"]["label::Korean (ko)"] == "기타 (직접 입력)"
    assert rows["why"]["relevant"] == "selected(${form}, 'secretariat')"
    assert rows["why"]["constraint"] == "string-length(.) <= 2000"
    assert rows["why"]["appearance"] == "multiline"
    assert rows["budget"]["constraint"] == ". >= 0 and . <= 500"
    assert rows["budget"]["survey--unit::Korean (ko)"] == "백만 달러"
    assert rows["budget-why"]["relevant"] == "${budget} >= 100"
    assert rows["opening"]["constraint"] == ". >= '08:00' and . <= '18:00'"
    assert rows["confidence"]["appearance"] == "likert"
    assert rows["feasibility"]["type"] == "begin_group"
    assert rows["feasibility"]["appearance"] == "table-list"
    assert rows["feasibility__hotline"]["type"] == "select_one feasibility"
    assert rows["cost-sharing__about"]["type"] == "note"
    assert rows["cost-sharing__about"]["label::Korean (ko)"] == (
        "아래 항목에 100을(를) 나누어 배분하십시오. 합계가 100이(가) 되어야 합니다."
    )
    assert rows["priorities"]["survey--rank_at_most"] == 2
    choices = [row for row in book["choices"].iter_rows(values_only=True)]
    assert ("confidence", "dont_know", "Don't know", "모름") in [row[:4] for row in choices]
    assert ("confidence", "2", "2", "2") in [row[:4] for row in choices]
    settings = list(book["settings"].iter_rows(values_only=True))
    assert settings[1][:4] == ("Every question type", "every-type", "1", "English (en)")


def test_ids_xlsform_cannot_use_as_names_are_kept_in_our_column(tmp_path: Path) -> None:
    questionnaire = make_questionnaire(
        {"id": "2007-goals", "type": "text", "prompt": "Goals?"},
        {"id": "main", "type": "note", "text": "=1+1 is text, -5 too"},
        {
            "id": "why",
            "type": "text",
            "prompt": "@why",
            "show_if": {"question": "2007-goals", "answered": True},
        },
    )
    target = tmp_path / "q.xlsx"
    export_xlsform(questionnaire, target, Catalogs())
    book = load_workbook(target)
    survey = list(book["survey"].iter_rows(values_only=True))
    names = [row[1] for row in survey[1:]]
    assert names == ["main__section", "_2007-goals", "main", "why", None]
    assert "${_2007-goals} != ''" in survey[4]
    formula_like = book["survey"]["C4"]
    assert formula_like.value == "=1+1 is text, -5 too" and formula_like.data_type == "s"
    assert canonical(round_trip(questionnaire, tmp_path)) == canonical(questionnaire)


def test_conditions_of_every_form_come_back(tmp_path: Path) -> None:
    questionnaire = make_questionnaire(
        {
            "id": "form",
            "type": "single_choice",
            "choices": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
        },
        {
            "id": "many",
            "type": "multiple_choice",
            "choices": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}],
        },
        {"id": "level", "type": "scale", "min": 1, "max": 5, "dont_know": True},
        {"id": "n", "type": "number"},
        {"id": "grid", "type": "matrix", "rows": [{"id": "r", "label": "R"}], "min": 1, "max": 3},
        {"id": "split", "type": "allocation", "total": 10, "choices": [{"id": "a", "label": "A"}]},
        {
            "id": "order",
            "type": "ranking",
            "choices": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
        },
        {
            "id": "tables",
            "type": "text",
            "show_if": {
                "all": [
                    {"question": "grid", "answered": True},
                    {"question": "split", "answered": True},
                    {"question": "order", "answered": False},
                ]
            },
        },
        {"id": "t", "type": "text", "show_if": {"question": "form", "in": ["a", "b"]}},
        {
            "id": "u",
            "type": "text",
            "show_if": {
                "any": [
                    {
                        "all": [
                            {"question": "level", "equals": 3},
                            {"question": "n", "at_most": 2.5},
                        ]
                    },
                    {"question": "many", "in": ["y"]},
                    {"question": "t", "answered": False},
                    {"question": "level", "equals": "dont_know"},
                ]
            },
        },
    )
    assert canonical(round_trip(questionnaire, tmp_path)) == canonical(questionnaire)
    # No question here has a prompt: XLSForm needs a label, so the id stands in.
    assert convert(xlsform=tmp_path / "q.xlsx").warnings == []
