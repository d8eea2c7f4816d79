"""Plain data the kinds hand to the renderers: form options, report columns, tables,
charts and key figures, and what a demo sampler offers.

The renderers in `web/` and `reports/` are the only code that knows Jinja, openpyxl or
SVG; they turn these Structs into pages, cells and drawings, whatever the question type.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any, Literal, Protocol

import msgspec

from survey.core.schema import Choice

Gettext = Callable[[str], str]
#: Form fields as the web layer normalises them: every field a list of non-blank strings.
FormData = Mapping[str, list[str]]
#: How the page script reads a question's answer to apply `show_if` in the browser:
#: the text of its field, that text as a number, the checked radio (`point`: as a
#: number unless "Don't know"), the checked boxes, or only whether anything is filled.
PageValue = Literal["text", "number", "single", "point", "multiple", "filled", "none"]

#: Column widths of the Responses sheet, in characters, by what a column holds.
WIDTHS = {"text": 40, "long_text": 60, "label": 24, "number": 12, "date": 12, "flag": 10}


class Option(msgspec.Struct, kw_only=True, frozen=True):
    """A choice, scale point or matrix column as a field shows it (`detail`: point label)."""

    value: str
    label: str
    detail: str = ""


class Heading(msgspec.Struct, kw_only=True, frozen=True):
    """A question as a report names it: id and numbered prompt, its options' ids per key
    (`choices`, `rows`, `columns`, lined up across versions) and their labels."""

    id: str
    prompt: str
    options: dict[str, list[Choice]]
    labels: dict[str, str]
    words: Gettext = str

    def label(self, option_id: str) -> str:
        return self.labels.get(option_id, option_id)


class Column(msgspec.Struct, kw_only=True, frozen=True):
    """One column of the Responses sheet (and of CSV exports)."""

    label: str
    id: str
    width: int
    #: Reads this column's cell from one response's answers (keyed by line-up ids).
    read: Callable[[Mapping[str, Any]], Any]
    #: Whether the column can hold text (and so needs the text-safety pass).
    text: bool = True


class Table(msgspec.Struct, kw_only=True):
    """A question's table in the workbook's Summary sheet.

    A chart, when `chart_rows` is set, covers the first `chart_rows` rows and the
    `chart_columns` value columns after the label column, its series named by `header`.
    """

    header: list[str] = []
    rows: list[list[Any]] = []
    chart_rows: int = 0
    chart_columns: int = 1
    stacked: bool = False


class Chart(msgspec.Struct, kw_only=True):
    """A chart as plain data: one bar per row, or one 100% bar per row split by `legend`."""

    style: Literal["bars", "stacked"]
    rows: list[tuple[str, list[float]]]
    legend: list[str] = []
    percent: bool = False


class Summary(msgspec.Struct, kw_only=True):
    """What reports show of one question: its Summary table, a chart, key figures."""

    table: Table
    chart: Chart | None = None
    figures: list[tuple[str, str]] = []


class Sampler(Protocol):
    """Reproducible, plausible choices for demo answers (see `survey.demo.samples`)."""

    rng: random.Random

    def weighted(self, key: str, options: list[Choice]) -> Choice: ...

    def point(self, key: str, low: int, high: int, dont_know: bool) -> int | str: ...

    def leaning(self, key: str, count: int) -> int: ...

    def sentence(self, key: str, limit: int | None) -> str: ...

    def name(self, key: str, limit: int | None) -> str: ...
