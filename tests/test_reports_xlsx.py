"""The workbook, built from known responses and read back with openpyxl."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from survey.files.questionnaire_files import Registry
from survey.reports.cells import EXCEL_CELL_LIMIT, clean_text
from survey.reports.pipeline import build_report
from survey.reports.request import ReportRequest
from survey.reports.xlsx import sheet_name
from survey.store.database import Database
from survey.store.participants import issue_tokens, participant_for_token
from survey.store.responses import save_answers
from survey.store.workshops import save_workshop
from tests.conftest import POL_MIL_ANSWERS, make_workshop

WRAP_UP = {
    "mechanism-form": "other",
    "mechanism-form.other": "A council",
    "obligations": ["reporting", "inspection"],
    "membership": "open",
    "cost-sharing": {"us": 60, "china": 40},
    "annual-budget": 25,
    "crisis-tools": {"hotline": 5, "emergency-meeting": 4, "fact-finding": 3, "early-warning": 4},
    "preparatory-steps": ["ministerial", "track-two"],
    "first-meeting": "2008-03-15",
    "next-steps": "Draft a charter.",
}


def submit(
    database: Database,
    group: str,
    answers: dict[str, Any],
    *,
    workshop: str = "test-2007",
    language: str = "en",
) -> None:
    [token] = issue_tokens(database, workshop, group, 1)
    participant = participant_for_token(database, token)
    assert participant is not None
    result = save_answers(database, participant, answers, language=language, submit=True)
    assert result.response is not None, result.problems


WORKSHOP = ReportRequest(format="xlsx", workshop_id="test-2007")


def build(database: Database, path: Path, request: ReportRequest) -> Any:
    build_report(database, request, path)
    return load_workbook(path)


@pytest.fixture
def workbook(web_database: Database, tmp_path: Path) -> Any:
    for _ in range(3):
        submit(web_database, "wrap-up", WRAP_UP)
    for _ in range(2):
        submit(web_database, "pol-mil", POL_MIL_ANSWERS)
    return build(web_database, tmp_path / "report.xlsx", WORKSHOP)


def test_the_workbook_has_its_sheets_in_order(workbook: Any) -> None:
    assert workbook.sheetnames == [
        "About",
        "Summary",
        "Synthesis",
        "Responses pol-mil",
        "Responses wrap-up",
        "Free text",
        "Comparison",
    ]


def test_responses_have_labels_ids_and_typed_values(workbook: Any) -> None:
    sheet = workbook["Responses wrap-up"]
    labels = [c.value for c in sheet[1]]
    ids = [c.value for c in sheet[2]]
    assert labels[:3] == ["#", "Language", "Version"] and ids[:3] == ["#", "language", "version"]
    assert labels[3] == "Q1 What form should a multilateral mechanism take?"
    row = dict(zip(ids, [c.value for c in sheet[3]], strict=True))
    assert row["mechanism-form"] == "Other" and row["mechanism-form.other"] == "A council"
    assert (row["obligations.reporting"], row["obligations.consultation"]) == (1, 0)
    assert row["cost-sharing.us"] == 60 and row["cost-sharing.japan"] == 0
    assert row["preparatory-steps.ministerial"] == 1 and row["preparatory-steps.track-two"] == 2
    assert row["preparatory-steps.charter-draft"] is None
    assert row["annual-budget"] == 25 and isinstance(row["annual-budget"], int)
    assert row["first-meeting"] == datetime.datetime(2008, 3, 15)
    assert row["crisis-tools.hotline"] == 5
    assert sheet.freeze_panes == "D3"
    assert sheet.auto_filter.ref == f"A2:{sheet.cell(row=2, column=len(ids)).column_letter}5"
    assert sheet.max_row == 5


def test_summary_tables_and_native_charts(workbook: Any) -> None:
    sheet = workbook["Summary"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    start = next(
        i
        for i, row in enumerate(values)
        if row[0] == "Q3. Which obligations should members accept?"
    )
    assert values[start + 2][:3] == ["Choice", "Count", "Share"]
    assert values[start + 3][:3] == ["Regular reporting", 3, 1.0]
    assert sheet.cell(row=start + 4, column=3).number_format == "0.0%"
    charts = sheet._charts
    assert len(charts) >= 5
    references = [chart.series[0].val.numRef.f for chart in charts]
    # `start` is 0-based; the table's five choice rows are Excel rows start+4 to start+8.
    assert f"'Summary'!$B${start + 4}:$B${start + 8}" in references


def test_a_group_too_small_to_report_is_withheld(workbook: Any) -> None:
    summary = [c.value for row in workbook["Summary"].iter_rows() for c in row if c.value]
    assert "Fewer than 3 responses: figures withheld (non-attribution)." in summary
    pol_mil = workbook["Responses pol-mil"]
    assert pol_mil.max_row == 3 and "rows withheld" in pol_mil["A3"].value
    about = {
        row[0].value: row[1].value for row in workbook["About"].iter_rows(min_row=2) if row[0].value
    }
    assert "withheld" in about["Responses: test-2007/pol-mil"]


def test_free_texts_are_listed_with_their_question(workbook: Any) -> None:
    rows = [[c.value for c in row] for row in workbook["Free text"].iter_rows(min_row=2)]
    assert [
        "test-2007/wrap-up",
        "Q1 What form should a multilateral mechanism take? (Other)",
        "mechanism-form.other",
        "en",
        "A council",
    ] in rows
    assert sum(1 for row in rows if row[2] == "next-steps") == 3


def test_about_names_the_software_versions_and_filters(workbook: Any) -> None:
    about = {
        row[0].value: row[1].value for row in workbook["About"].iter_rows(min_row=2) if row[0].value
    }
    assert about["Software"].startswith("survey ")
    assert about["Filter: Workshops"] == "test-2007"
    assert "Non-attribution" in about


HOSTILE = [
    '=HYPERLINK("http://example.invalid","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "bell\x07and\x1bescape",
]


def test_no_formula_survives_and_no_answer_breaks_the_export(
    web_database: Database, tmp_path: Path
) -> None:
    long_text = "x" * (EXCEL_CELL_LIMIT + 5000)
    for text in HOSTILE:
        answers = {**WRAP_UP, "next-steps": text, "mechanism-form.other": text}
        submit(web_database, "wrap-up", answers)
    # "Other" texts have no max_length: only the request size limit bounds them.
    submit(web_database, "wrap-up", {**WRAP_UP, "mechanism-form.other": long_text})
    workbook = build(web_database, tmp_path / "hostile.xlsx", WORKSHOP)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    texts = [
        row[4].value
        for row in workbook["Free text"].iter_rows(min_row=2)
        if row[2].value == "next-steps"
    ]
    assert texts[0] == HOSTILE[0] and texts[3] == "@SUM(A1:A9)"
    assert texts[6] == "bell\ufffdand\ufffdescape"
    others = [
        row[4].value
        for row in workbook["Free text"].iter_rows(min_row=2)
        if row[2].value == "mechanism-form.other"
    ]
    assert len(others[-1]) <= EXCEL_CELL_LIMIT
    assert others[-1].endswith("[…cut: 5,060 more characters]")


def test_clean_text_leaves_ordinary_text_alone() -> None:
    assert clean_text("역량 강화 — fine") == "역량 강화 — fine"


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_name("Responses a/b:c*d?[e]", taken) == "Responses a-b-c-d--e-"
    assert sheet_name("x" * 40, taken) == "x" * 31
    assert sheet_name("x" * 40, taken) == "x" * 27 + " (2)"


def test_comparison_lines_up_versions_across_workshops(
    web_database: Database, registry: Registry, tmp_path: Path
) -> None:
    older = make_workshop(
        id="hawaii-test",
        groups=[
            {
                "id": "pol-mil",
                "title": "Pol-Mil",
                "questionnaire": {"id": "capacity-pol-mil", "version": 2},
            }
        ],
    )
    save_workshop(web_database, older, registry)
    for _ in range(3):
        submit(
            web_database,
            "pol-mil",
            {
                "cbm-feasibility": {
                    "hotline": 3,
                    "notification": 3,
                    "observers": 3,
                    "incidents-at-sea": 3,
                },
                "assurance-forms": ["written-nsa"],
                "peace-priorities": ["regional-forum"],
            },
            workshop="hawaii-test",
        )
        submit(web_database, "pol-mil", POL_MIL_ANSWERS)
    request = ReportRequest(
        format="xlsx", questionnaire_id="capacity-pol-mil", workshops=["hawaii-test", "test-2007"]
    )
    workbook = build(web_database, tmp_path / "compare.xlsx", request)
    rows = [[c.value for c in row] for row in workbook["Comparison"].iter_rows()]
    # Workshops head their columns by place (here: no venue, so the id) and year.
    assert rows[0][:3] == ["Comparison", "hawaii-test 2007", "test-2007 2007"]
    heading = next(
        i
        for i, row in enumerate(rows)
        if row[0] and row[0].startswith("Q") and "durable peace" in row[0]
    )
    # The renamed question and choice are the same question; the label change is said plainly.
    assert rows[heading][3] == (
        "Option “Regional security forum” now reads “Northeast Asia peace and security "
        "mechanism” (from 2007)"
    )
    assert rows[heading + 1][:3] == ["Answered", 3, 3]
    borda = next(
        row for row in rows[heading:] if row[0] == "Northeast Asia peace and security mechanism"
    )
    assert borda[1:3] == [5.0, 4.0]  # mean Borda points per ranking: first of 5, second of 5
    # Asked in one workshop only: not compared (no "not asked" rows, no empty section).
    assert not any(row[0] and "UN sanctions" in str(row[0]) for row in rows)
    feasibility = next(i for i, row in enumerate(rows) if row[0] and "How feasible" in row[0])
    means = {row[0]: row[1:3] for row in rows[feasibility:] if str(row[0]).endswith(": Mean")}
    assert means["Military hotline between the two Koreas: Mean"] == [3.0, 4.0]
    assert means["Consultations on nuclear safety and fail-safe procedures: Mean"] == [
        "not offered",
        1.0,
    ]
