"""pyxform's reading of an XLSForm, as plain sheet items: the one module shaped by pyxform.

pyxform (BSD-2, the `xlsform` extra) reads `.xlsx`, `.xls` and its markdown forms with
`get_xlsform`, and `workbook_to_json` turns the sheets into a nested dict: labels keyed
by language name, `or_other` as a generated choice and `<name>_other` question,
`table-list` groups expanded into generated notes and selects, an injected `meta` group.
Everything that knows those shapes is here; the rest of the importer sees `SheetForm`
and `SheetItem`. Before pyxform runs, Kobo's blocks are rewritten (`xlsform_kobo`) and
every row is numbered in our own column, which pyxform carries onto each element.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import msgspec

from survey.core.schema import Text
from survey.files.xlsform_kobo import ROW, cell, rewrite_kobo

#: The forms pyxform reads.
XLSFORM_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".md")
#: A spreadsheet questionnaire is small; anything this large is a mistake.
MAX_XLSFORM_BYTES = 20_000_000
#: Our own columns (`survey--type`, …): what XLSForm cannot say, kept for the way back.
MARK = "survey--"
_SELECTS = {
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "select one external": "select_one_external",
    "select all that apply external": "select_multiple_external",
}
_GENERATED_TABLE = re.compile(r"^(generated_table_list_label|reserved_name_for_field_list_labels)_")
_OR_OTHER = re.compile(r"(\bor_other|\bor specify other)\s*$", re.IGNORECASE)
_FILE_LIST = re.compile(r"\.(csv|xml|geojson)$", re.IGNORECASE)
#: pyxform's warning about `or_other` with translations: the importer does it differently.
_HANDLED_WARNING = "This form uses or_other and translations"


class XlsFormError(Exception):
    """The file cannot be read as an XLSForm at all; the message says why."""


class SheetChoice(msgspec.Struct, kw_only=True, frozen=True):
    name: str
    label: Text | None = None
    media: bool = False
    marks: dict[str, Any] = {}


class SheetItem(msgspec.Struct, kw_only=True, frozen=True):
    """One element of the form: a question, a group, a repeat, or a `grid` (a table of
    selects, whose rows are its `children`). `type` is XLSForm's (`select_one`, …)."""

    row: int
    type: str
    name: str
    label: Text | None = None
    hint: Text | None = None
    required: str | None = None
    relevant: str | None = None
    constraint: str | None = None
    calculation: str | None = None
    choice_filter: str | None = None
    default: str | None = None
    read_only: bool = False
    appearance: str = ""
    parameters: dict[str, str] = {}
    list_name: str | None = None
    choices: list[SheetChoice] = []
    other: bool = False
    media: bool = False
    #: Other things the row says that no kind reads (`repeat_count`, messages, …).
    extras: list[str] = []
    marks: dict[str, Any] = {}
    children: list[SheetItem] = []


class SheetForm(msgspec.Struct, kw_only=True, frozen=True):
    title: str
    form_id: str
    version: str | None = None
    default_language: str | None = None
    items: list[SheetItem] = []
    marks: dict[str, Any] = {}
    #: What the reader did or found, by row: `(row, message)`; row 0 for the whole form.
    notes: list[tuple[int, str]] = []
    refusals: list[tuple[int, str]] = []


def read_xlsform(path: Path) -> SheetForm:
    """Read `path` with pyxform; `XlsFormError` when it is not a readable XLSForm."""
    from pyxform.errors import PyXFormError  # the xlsform extra: imported when used
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    if path.suffix.lower() not in XLSFORM_SUFFIXES:
        raise XlsFormError(f"{path.name}: expected an XLSForm ({', '.join(XLSFORM_SUFFIXES)})")
    if not path.is_file():
        raise XlsFormError(f"{path}: no such file")
    if path.stat().st_size > MAX_XLSFORM_BYTES:
        raise XlsFormError(f"{path.name}: larger than {MAX_XLSFORM_BYTES:,} bytes")
    warnings: list[str] = []
    try:
        with redirect_stdout(io.StringIO()):  # xlrd prints warnings of its own
            workbook = get_xlsform(xlsform=path)
            header = list(workbook.survey_header[0]) if workbook.survey_header else []
            choices = workbook.choices or []
            rows, notes, refusals = rewrite_kobo(workbook.survey or [], header, choices)
            columns = dict.fromkeys(key for row in rows for key in row)
            numbered = dataclasses.replace(workbook, survey=rows, survey_header=[columns])
            form = workbook_to_json(
                workbook_dict=numbered,
                fallback_form_name=workbook.fallback_form_name,
                warnings=warnings,
            )
    except PyXFormError as error:
        raise XlsFormError(f"{path.name}: {error}") from error
    except (ValueError, IndexError, KeyError, UnicodeDecodeError, zipfile.BadZipFile) as error:
        raise XlsFormError(f"cannot read {path.name} as an XLSForm: {error}") from error
    if workbook.entities:
        refusals.append((0, "entities (the `entities` sheet) cannot be expressed"))
    reader = _Reader({int(row[ROW]): row for row in rows if row}, choices)
    notes += [(0, f"pyxform: {w}") for w in warnings if not w.startswith(_HANDLED_WARNING)]
    return SheetForm(
        title=str(form.get("title") or path.stem),
        form_id=str(form.get("id_string") or path.stem),
        version=str(form["version"]) if form.get("version") else None,
        default_language=form.get("default_language"),
        items=reader.items(form.get("children", [])),
        marks=_marks(form),
        notes=notes + reader.notes,
        refusals=refusals,
    )


def _marks(element: dict[str, Any]) -> dict[str, Any]:
    return {k[len(MARK) :]: v for k, v in element.items() if k.startswith(MARK) and k != ROW}


def _words(value: Any) -> str:
    return " ".join(str(value).split()) if value else ""


class _Reader:
    """Walks pyxform's element tree, undoing what it generated."""

    def __init__(self, rows: dict[int, dict[str, Any]], choices: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.listed = {(cell(c, "list_name"), cell(c, "name")) for c in choices}
        self.notes: list[tuple[int, str]] = []

    def items(self, elements: list[dict[str, Any]]) -> list[SheetItem]:
        found = []
        for element in elements:
            if ROW not in element:
                continue  # made by pyxform: the meta group, `x_other`, table headings
            if element.get("type") in ("group", "repeat"):
                found.append(self.group(element))
            else:
                found.append(self.question(element))
        return found

    def group(self, element: dict[str, Any]) -> SheetItem:
        children = element.get("children", [])
        label, hint = element.get("label"), element.get("hint")
        if children and _GENERATED_TABLE.match(children[0].get("name", "")):
            label, hint = children[0].get("label"), children[0].get("hint")  # table-list
            children = children[1:]
        grid = element["type"] == "group" and self.grid_rows(children)
        if grid:
            heading = children[0]
            if ROW in heading:  # written by hand: `label` appearance over `list-nolabel` rows
                label = label if label is not None else heading.get("label")
                said = f"`{heading.get('name')}` only labels the columns of the table below it"
                self.notes.append((int(heading[ROW]), said))
            return self.item(element, "grid", label, hint, [self.question(c) for c in grid])
        return self.item(element, element["type"], label, hint, self.items(children))

    @staticmethod
    def grid_rows(children: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows of a table: a select labelling the columns, then `list-nolabel` selects."""
        appearances = [_words(c.get("control", {}).get("appearance")).split() for c in children]
        selects = all(str(c.get("type", "")).startswith("select") for c in children)
        rows = appearances[1:]
        if len(children) < 2 or not selects or "label" not in appearances[0]:
            return []
        return children[1:] if all("list-nolabel" in words for words in rows) else []

    def question(self, element: dict[str, Any]) -> SheetItem:
        xls_type = str(element.get("type", ""))
        xls_type = _SELECTS.get(xls_type, xls_type)
        itemset = str(element.get("itemset", ""))
        if xls_type.startswith("select") and _FILE_LIST.search(itemset):
            xls_type += "_from_file"
        list_name = element.get("list_name")
        raw_type = cell(self.rows.get(int(element[ROW]), {}), "type")
        other = bool(_OR_OTHER.search(raw_type)) and xls_type.startswith("select")
        choices = [
            SheetChoice(
                name=str(choice.get("name", "")),
                label=choice.get("label"),
                media=bool(choice.get("media")),
                marks=_marks(choice),
            )
            for choice in element.get("choices", [])
            if not self.generated_other(list_name, choice, other)
        ]
        return msgspec.structs.replace(
            self.item(element, xls_type, element.get("label"), element.get("hint"), []),
            list_name=list_name or (itemset or None),
            choices=choices,
            other=other,
        )

    def generated_other(self, list_name: Any, choice: dict[str, Any], other: bool) -> bool:
        """pyxform adds `other` to the shared list of an `or_other` select (so to every
        select on that list); the select's own Other option stands for it."""
        if choice.get("name") != "other":
            return False
        return other or (str(list_name), "other") not in self.listed

    def item(
        self,
        element: dict[str, Any],
        xls_type: str,
        label: Any,
        hint: Any,
        children: list[SheetItem],
    ) -> SheetItem:
        bind = element.get("bind", {})
        control = element.get("control", {})
        parameters = element.get("parameters", {})
        if isinstance(parameters, str):
            parameters = dict(re.findall(r"([\w-]+)\s*=\s*([^\s;,]+)", parameters))
        extras = [
            name
            for name, present in (
                ("repeat_count", control.get("jr:count")),
                ("constraint_message", bind.get("jr:constraintMsg")),
                ("required_message", bind.get("jr:requiredMsg")),
                ("guidance_hint", element.get("guidance_hint")),
                ("trigger", element.get("trigger")),
            )
            if present
        ]
        return SheetItem(
            row=int(element[ROW]),
            type=xls_type,
            name=str(element.get("name", "")),
            label=label,
            hint=hint,
            required=_text(bind.get("required")),
            relevant=_text(bind.get("relevant")),
            constraint=_text(bind.get("constraint")),
            calculation=_text(bind.get("calculate") or element.get("calculation")),
            choice_filter=_text(element.get("choice_filter")),
            default=_text(element.get("default")),
            read_only=str(bind.get("readonly", "")).lower() in ("yes", "true", "true()"),
            appearance=_words(control.get("appearance")),
            parameters={str(k): str(v) for k, v in dict(parameters).items()},
            media=bool(element.get("media")),
            extras=extras,
            marks=_marks(element),
            children=children,
        )


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None
