"""Helpers of the XLSForm tests: workbooks written with openpyxl, and what "the same
questionnaire" means after a round trip through a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
from openpyxl import Workbook

from survey.core.questionnaire import Questionnaire
from survey.core.schema import localize

FORMS = Path(__file__).parent / "fixtures" / "xlsform"


def write_xlsform(
    path: Path,
    survey: list[dict[str, Any]],
    choices: list[dict[str, Any]] | None = None,
    settings: dict[str, Any] | None = None,
) -> Path:
    """An XLSForm at `path` with these rows (headers: the keys, in order of appearance)."""
    book = Workbook()
    sheets = [("survey", survey), ("choices", choices or []), ("settings", [settings or {}])]
    for index, (name, rows) in enumerate(sheets):
        if not rows or not any(rows):
            continue
        sheet = book.active if index == 0 else book.create_sheet(name)
        sheet.title = name
        headers = list(dict.fromkeys(key for row in rows for key in row))
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(header) for header in headers])
    book.save(path)
    return path


def canonical(questionnaire: Questionnaire) -> dict[str, Any]:
    """What must survive a round trip: ids, types, texts as every language reads them,
    conditions (`in` of one value is `equals`), limits, choices and renames."""
    languages = questionnaire.languages
    default = questionnaire.default_language

    def text(value: Any) -> Any:
        return {code: localize(value, code, default) for code in languages}

    def walk(value: Any, key: str = "") -> Any:
        if key in ("prompt", "help", "text", "label", "title", "description", "unit"):
            return None if value is None else text(value)
        if key == "labels":
            return {str(point): text(label) for point, label in value.items()}
        if key == "show_if":
            return condition(value)
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    plain = msgspec.to_builtins(questionnaire)
    for key in ("version", "imported_from"):
        plain.pop(key, None)
    return walk(plain)


def condition(value: dict[str, Any] | None) -> Any:
    if value is None:
        return None
    value = {k: v for k, v in value.items() if v is not None}
    if "in" in value and len(value["in"]) == 1:
        value = {"question": value["question"], "equals": value["in"][0]}
    for joint in ("all", "any"):
        if joint in value:
            return {joint: [condition(part) for part in value[joint]]}
    return value
