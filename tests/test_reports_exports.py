"""CSV, SPSS and Stata read back: the Responses sheet's columns, labels in the report's
language, formula-safe text, and choice codes that stay the same across versions and
runs."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pyreadstat
import pytest

from survey.core.errors import BadInput
from survey.files.questionnaire_files import Registry
from survey.reports.pipeline import build_report
from survey.reports.request import ReportRequest
from survey.store.codes import codes_for
from survey.store.database import Database
from survey.store.workshops import save_workshop
from tests.conftest import POL_MIL_ANSWERS, make_workshop
from tests.test_reports_xlsx import WRAP_UP, submit

HOSTILE = '=HYPERLINK("http://evil.example","x")'


def rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for spreadsheet programs
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_has_the_sheet_columns_one_row_per_response(
    web_database: Database, tmp_path: Path
) -> None:
    for language in ("ko", "ko", "ru"):
        submit(web_database, "wrap-up", {**WRAP_UP, "next-steps": HOSTILE}, language=language)
    path = tmp_path / "wrap-up.csv"
    request = ReportRequest(
        format="csv", workshop_id="test-2007", group_id="wrap-up", language="ko"
    )
    build_report(web_database, request, path)
    table = rows(path)
    header, body = table[0], table[1:]
    assert header[:4] == ["response", "group", "language", "version"]
    assert "mechanism-form" in header and "obligations.reporting" in header
    assert len(body) == 3
    row = dict(zip(header, body[0], strict=True))
    assert row["mechanism-form"] == "기타"  # labels in the report's language ("Other")
    assert row["mechanism-form.other"] == "A council" and row["membership"].startswith(
        "모든 동북아"
    )
    assert row["next-steps"].startswith("'=HYPERLINK")  # never a formula
    long_path = tmp_path / "long.csv"
    build_report(
        web_database, ReportRequest(format="csv", workshop_id="test-2007", long=True), long_path
    )
    long = rows(long_path)
    assert long[0][-5:] == ["question_id", "question", "part_id", "part", "value"]
    picked = [r for r in long[1:] if r[4] == "obligations"]
    assert {r[6] for r in picked} <= {
        "reporting",
        "consultation",
        "inspection",
        "dispute-settlement",
        "joint-projects",
    }
    assert all(r[8] == "1" for r in picked)  # one row per choice picked, none for the rest


def test_a_wide_table_covers_one_questionnaire(web_database: Database, tmp_path: Path) -> None:
    submit(web_database, "wrap-up", WRAP_UP)
    with pytest.raises(BadInput, match="choose one group"):
        build_report(
            web_database, ReportRequest(format="csv", workshop_id="test-2007"), tmp_path / "x.csv"
        )
    assert not (tmp_path / "x.csv").exists()


def stats(database: Database, path: Path, fmt: str, **fields: Any) -> tuple[Any, Any]:
    build_report(database, ReportRequest(format=fmt, **fields), path)
    reader = pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta
    return reader(str(path))


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_statistics_files_have_variable_and_value_labels(
    web_database: Database, tmp_path: Path, fmt: str
) -> None:
    for language in ("en", "ko", "ru"):
        submit(web_database, "wrap-up", WRAP_UP, language=language)
    data, meta = stats(
        web_database,
        tmp_path / f"w.{fmt}",
        fmt,
        workshop_id="test-2007",
        group_id="wrap-up",
        language="ru",
    )
    assert len(data) == 3
    labels = meta.column_names_to_labels
    assert labels["mechanism_form"].startswith("Q1 Какую форму")
    values = meta.variable_value_labels["mechanism_form"]
    assert set(values.values()) >= {"Неформальный форум", "Постоянный секретариат", "Другое"}
    code = {label: code for code, label in values.items()}["Другое"]
    assert set(data["mechanism_form"]) == {code}
    assert list(data["obligations_reporting"]) == [1, 1, 1]
    assert meta.variable_value_labels["obligations_reporting"][1] == "Выбрано"
    assert meta.variable_value_labels["leadership_confidence"][99] == "Затрудняюсь ответить"


def test_choice_codes_stay_across_versions_and_runs(
    web_database: Database, registry: Registry, tmp_path: Path
) -> None:
    hawaii = make_workshop(
        id="hawaii-test",
        groups=[
            {
                "id": "pol-mil",
                "title": "Pol-Mil",
                "questionnaire": {"id": "capacity-pol-mil", "version": 2},
            }
        ],
    )
    save_workshop(web_database, hawaii, registry)
    codes = codes_for(web_database, "capacity-pol-mil")
    # v2's after-freeze was dropped in v3 and keeps its code; v3's after-disablement is new.
    v2 = codes[("peace-talks-start", "after-freeze")]
    v3 = codes[("peace-talks-start", "after-disablement")]
    assert v2 != v3 and codes[("peace-talks-start", "now")] not in (v2, v3)
    # The renamed question and choice share their ancestors' codes.
    assert (
        codes[("peace-regime-priorities", "nea-mechanism")]
        == codes[("peace-priorities", "regional-forum")]
    )
    for _ in range(3):
        submit(
            web_database, "pol-mil", {**POL_MIL_ANSWERS, "peace-talks-start": "after-disablement"}
        )
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
                "peace-talks-start": "after-freeze",
            },
            workshop="hawaii-test",
        )
    request = {"questionnaire_id": "capacity-pol-mil", "workshops": ["hawaii-test", "test-2007"]}
    first, meta = stats(web_database, tmp_path / "one.sav", "sav", **request)
    second, _ = stats(web_database, tmp_path / "two.sav", "sav", **request)
    assert first["peace_talks_start"].tolist() == second["peace_talks_start"].tolist()
    assert sorted(set(first["peace_talks_start"])) == sorted({float(v2), float(v3)})
    assert (
        meta.variable_value_labels["peace_talks_start"][v2] == "Once a verified freeze is in place"
    )
    # A later publication (here: v1 for another workshop) changes no code already given.
    shanghai = make_workshop(
        id="shanghai-test",
        groups=[
            {
                "id": "pol-mil",
                "title": "Pol-Mil",
                "questionnaire": {"id": "capacity-pol-mil", "version": 1},
            }
        ],
    )
    save_workshop(web_database, shanghai, registry)
    later = codes_for(web_database, "capacity-pol-mil")
    assert {key: later[key] for key in codes} == codes
