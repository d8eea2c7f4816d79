"""Values as they may go into a spreadsheet cell, whatever a participant typed.

* Text that a spreadsheet would run (a leading `=`, `+`, `-`, `@`, tab or carriage
  return) is written as a typed text cell, never a formula.
* Control characters XLSX cannot hold are replaced by a visible `�`.
* Text over Excel's 32,767-character cell limit is cut with a visible marker that says
  how much was left out.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

EXCEL_CELL_LIMIT = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EXECUTABLE_START = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"
#: Room kept at the end of a cut text for the marker saying how much was cut.
_MARKER_ROOM = 60


def clean_text(text: str) -> str:
    """The text with unstorable characters replaced and over-long text cut, visibly."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub(REPLACEMENT, text)
    if len(text) > EXCEL_CELL_LIMIT:
        kept = EXCEL_CELL_LIMIT - _MARKER_ROOM
        text = text[:kept] + f" […cut: {len(text) - kept:,} more characters]"
    return text


def cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A value for `sheet.append`: strings cleaned, and typed as text where Excel would
    otherwise read a formula."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    if text.startswith(_EXECUTABLE_START):
        typed = WriteOnlyCell(sheet, value=text)
        typed.data_type = "s"
        return typed
    return text


def csv_text(value: str) -> str:
    """Text for a CSV cell that a spreadsheet opening the file will not run: a leading
    `=`, `+`, `-`, `@`, tab or carriage return gets an apostrophe in front (the usual
    defence; the apostrophe shows, the formula never runs)."""
    return "'" + value if value.startswith(_EXECUTABLE_START) else value
