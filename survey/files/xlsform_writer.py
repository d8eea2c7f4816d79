"""A questionnaire version -> an XLSForm workbook (`.xlsx`), for review in a spreadsheet.

Each section is a `field-list` group; each question's rows and choice lists come from its
kind (`Kind.xlsform_rows`). Texts get one column per language (`label::English (en)`),
`show_if` becomes `relevant` and limits `constraint`; what XLSForm cannot say goes in our
own `survey--` columns, so reading the workbook back gives the same questionnaire.
Names follow XLSForm's rules: an id that is not a valid name there, or that a section
shares with a question, is written differently and kept in `survey--id`.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from survey.catalogs import Catalogs
from survey.core.questionnaire import Questionnaire
from survey.core.schema import Text, localize
from survey.files.xlsform_expressions import render_bounds, render_condition
from survey.kinds import kind_of
from survey.kinds.xlsform import ABOUT, XlsList, XlsRow

#: Columns in the order they are written (those a workbook uses); `*` is one per language.
SURVEY_COLUMNS = [
    "type",
    "name",
    "label*",
    "hint*",
    "required",
    "relevant",
    "constraint",
    "appearance",
    "parameters",
    "survey--type",
    "survey--id",
    "survey--total",
    "survey--unit*",
    "survey--rank_at_most",
    "survey--renamed_from",
]
CHOICE_COLUMNS = ["list_name", "name", "label*", "survey--id", "survey--renamed_from"]
TEXT_CELL_LIMIT = 32_767
#: Column widths, in characters, beyond which texts wrap (language columns) or are cut.
WIDE, NARROW = 48, 32
_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
#: A part of a question (a matrix row, the Other text) is named `<question>__<part>`; ids
#: never hold `__`, so such a name never meets an id.
PART = "__"


def export_xlsform(questionnaire: Questionnaire, path: Path, catalogs: Catalogs) -> list[str]:
    """Write the workbook at `path` (replaced whole, never left half-written); returns
    what the note rows say of the questions XLSForm can only approximate."""
    writer = _Writer(questionnaire, catalogs)
    workbook = writer.workbook()
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return writer.approximated


def language_column(code: str) -> str:
    """How XLSForm names a language in headers: `English (en)`."""
    try:
        name = Locale.parse(code.replace("-", "_")).english_name or code
    except (UnknownLocaleError, ValueError):
        name = code
    return f"{name} ({code})"


class _Writer:
    def __init__(self, questionnaire: Questionnaire, catalogs: Catalogs) -> None:
        self.questionnaire = questionnaire
        self.languages = list(questionnaire.languages)
        self.gettext = {code: catalogs.gettext(code) for code in self.languages}
        question_ids = {question.id for question in questionnaire.questions()}
        self.names = {q_id: _name(q_id, taken=set()) for q_id in question_ids}
        self.section_names = {
            section.id: _name(section.id, taken=question_ids) for section in questionnaire.sections
        }
        self.selects: set[str] = set()
        self.approximated: list[str] = []

    def words(self, message: str, **params: Any) -> Text:
        """An interface message (a note row, "Other") in every language of the file."""
        return {code: gettext(message).format(**params) for code, gettext in self.gettext.items()}

    def workbook(self) -> Workbook:
        rows: list[dict[str, Any]] = []
        lists: list[XlsList] = []
        default = self.questionnaire.default_language
        for section in self.questionnaire.sections:
            name = self.section_names[section.id]
            begin = {"type": "begin_group", "name": name, "label": section.title}
            begin |= {"hint": section.description} if section.description is not None else {}
            rows.append(begin | {"appearance": "field-list"} | self._id_mark(section.id, name))
            for question in section.questions:
                written = kind_of(question).xlsform_rows(question, self.words)
                if written.rows[0].type.startswith("select"):
                    self.selects.add(question.id)
                self.approximated += [
                    f"`{question.id}` ({question.kind}): {localize(row.label, default, default)}"
                    for row in written.rows
                    if row.marks.get("type") == ABOUT
                ]
                rows += [
                    self._row(row, question.show_if if i == 0 else None)
                    for i, row in enumerate(written.rows)
                ]
                lists += written.lists
            rows.append({"type": "end_group"})
        book = Workbook()
        survey = book.active
        survey.title = "survey"
        self._sheet(survey, SURVEY_COLUMNS, rows)
        choices = [
            {
                "list_name": self.names.get(xls_list.name, xls_list.name),
                "name": choice.id,
                "label": choice.label,
            }
            | ({"survey--renamed_from": choice.renamed_from} if choice.renamed_from else {})
            for xls_list in lists
            for choice in xls_list.choices
        ]
        self._sheet(book.create_sheet("choices"), CHOICE_COLUMNS, choices)
        self._sheet(book.create_sheet("settings"), None, [self._settings()])
        return book

    def _id_mark(self, our_id: str, name: str) -> dict[str, Any]:
        return {"survey--id": our_id} if name != our_id else {}

    def _row(self, row: XlsRow, show_if: Any) -> dict[str, Any]:
        name = self.names.get(row.name, row.name)
        if row.part_of:
            name = f"{self.names[row.part_of]}{PART}{row.name}"
        out: dict[str, Any] = {
            "type": f"{row.type} {self.names.get(row.list_name, row.list_name)}".strip(),
            "name": name,
            "label": row.label,
            "hint": row.hint,
            "required": "yes" if row.required else None,
            "appearance": row.appearance or None,
            "parameters": row.parameters or None,
            "constraint": render_bounds(row.bounds) or None,
        }
        if row.label is None and row.hint is None and row.type not in ("end_group", "note"):
            # XLSForm needs a label: the id stands in, and our column says there is none.
            out |= {"label": row.name, "survey--unlabelled": "yes"}
        condition = row.show_if or show_if
        if condition is not None:
            out["relevant"] = render_condition(condition, self.names.__getitem__, self.selects)
        out |= {f"survey--{key}": value for key, value in row.marks.items()}
        if row.name and not row.part_of:
            out |= self._id_mark(row.name, name)
        elif row.part_of and row.marks.get("type") != ABOUT:
            out["survey--id"] = row.name
        return {key: value for key, value in out.items() if value not in (None, "")}

    def _settings(self) -> dict[str, Any]:
        questionnaire = self.questionnaire
        default = questionnaire.default_language
        title = questionnaire.title
        settings: dict[str, Any] = {
            "form_title": title if isinstance(title, str) else title.get(default, ""),
            "form_id": questionnaire.id,
            "version": str(questionnaire.version),
            "default_language": language_column(default),
        }
        if isinstance(title, dict):
            settings["survey--title"] = title
        if questionnaire.description is not None:
            settings["survey--description"] = questionnaire.description
        return settings

    def _sheet(self, sheet: Any, order: list[str] | None, rows: list[dict[str, Any]]) -> None:
        """Rows of cells under a header of the columns they use (texts: one per language)."""
        columns = _columns(order, rows, self.languages)
        sheet.append([header for header, _ in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(read(row)) for _, read in columns])
        wrapped = Alignment(wrap_text=True, vertical="top")
        texts = {index for index, (header, _) in enumerate(columns) if "::" in header}
        for cells in sheet.iter_rows(min_row=2):
            for index, cell in enumerate(cells):
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # organizers' text: never a formula
                    if index in texts:  # long texts wrap within their column
                        cell.alignment = wrapped
        sheet.freeze_panes = "A2"
        for index, (header, _) in enumerate(columns):
            letter = sheet.cell(row=1, column=index + 1).column_letter
            longest = max(_width(str(c.value or "")) for c in sheet[letter])
            limit = WIDE if "::" in header else NARROW
            sheet.column_dimensions[letter].width = (
                min(max(longest, len(header) // 2, 6), limit) + 2
            )


def _name(our_id: str, *, taken: set[str]) -> str:
    """`our_id` as an XLSForm name: as it is when it may be, else marked."""
    name = our_id if _XML_NAME.match(our_id) else f"_{our_id}"
    return f"{name}{PART}section" if our_id in taken else name


Reader = Callable[[dict[str, Any]], Any]


def _columns(
    order: list[str] | None, rows: list[dict[str, Any]], languages: list[str]
) -> list[tuple[str, Reader]]:
    """The header and a cell reader of each column the rows use, texts one per language."""
    used = list(dict.fromkeys(key for row in rows for key in row))
    keys = [k for k in (order or used) if k.rstrip("*") in used] + [
        k for k in used if order and k not in order and f"{k}*" not in order
    ]
    columns: list[tuple[str, Reader]] = []
    for key in keys:
        base = key.rstrip("*")
        texts = key.endswith("*") or any(isinstance(row.get(base), dict) for row in rows)
        if not texts:
            columns.append((base, lambda row, base=base: row.get(base)))
            continue
        codes = [
            *languages,
            *(
                c
                for r in rows
                if isinstance(r.get(base), dict)
                for c in r[base]
                if c not in languages
            ),
        ]
        for code in dict.fromkeys(codes):
            header = f"{base}::{language_column(code)}"
            columns.append((header, _text_reader(base, code)))
    return columns


def _text_reader(key: str, code: str) -> Reader:
    """A text's cell in one language. A plain text is what readers of every language see
    (a text falls back to the default language), so it fills every language's column."""

    def read(row: dict[str, Any]) -> Any:
        value = row.get(key)
        return value.get(code) if isinstance(value, dict) else value

    return read


def _width(text: str) -> int:
    """How many columns a text takes: Han, Hangul and Kana take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)[:TEXT_CELL_LIMIT]
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
