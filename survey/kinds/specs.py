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
    #: Localizes the question's own texts (scale labels, units) into the report's language.
    localize: Callable[[Any], str] = str

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
    #: The question the column belongs to (its line-up id), and the part of the answer it
    #: holds (a choice, row or "other"; "" for the whole answer): the long form's keys.
    question: str = ""
    part: str = ""
    #: A 0/1 column saying whether a choice was picked (the long form keeps the 1s only).
    flag: bool = False
    #: For statistics packages: reads the cell as plain values (option ids, numbers,
    #: "dont_know") instead of labels, and says what kind of values they are:
    #: "options" (ids coded through `codes`), "points" (numbers on a scale, "Don't
    #: know" coded apart), "number", "date", "text".
    value: Callable[[Mapping[str, Any]], Any] | None = None
    measure: Literal["options", "points", "number", "date", "text"] = "text"
    #: Labels of the values, for the statistics packages' value labels: option id or
    #: point -> label.
    value_labels: dict[str, str] = {}


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
    #: Excel number formats by column index (0 = the label column), e.g. a unit.
    formats: dict[int, str] = {}


ChartStyle = Literal["bars", "stacked", "timeline"]
#: How a chart's series are told apart: one ink; an ordered ramp (light to dark); a ramp
#: diverging from the middle point; distinct hues with patterns for black-and-white.
Palette = Literal["single", "sequential", "diverging", "categorical"]


class Bar(msgspec.Struct, kw_only=True):
    """One row of a chart: a bar, a 100% bar split by the legend, or a time bucket.

    `key` is stable across versions and segments (a choice, row or point id), so a
    comparison can put the same row of several segments side by side."""

    key: str
    label: str
    #: One value (bars, timeline) or a count per legend entry (stacked).
    values: list[float]
    #: The figure written beside the bar ("23%", "4.2 USD million").
    shown: str = ""
    #: False where no version answered offered this row or choice.
    offered: bool = True
    #: Set apart from the ordered ones ("Don't know"): drawn patterned, after a gap.
    apart: bool = False
    #: The row's mean where it has one (matrix rows on a scale).
    mean: float | None = None


class LegendEntry(msgspec.Struct, kw_only=True):
    key: str
    label: str
    offered: bool = True
    apart: bool = False


class Chart(msgspec.Struct, kw_only=True):
    """A chart as plain data: one bar per row, one 100% bar per row split by `legend`,
    or counts over time (`timeline`, rows in time order)."""

    style: ChartStyle
    rows: list[Bar]
    legend: list[LegendEntry] = []
    palette: Palette = "single"
    percent: bool = False
    #: What the values measure, for the text alternative ("shares of 30 answers").
    measure: str = ""


class Summary(msgspec.Struct, kw_only=True):
    """What reports show of one question: its Summary table, a chart, key figures, a
    grid the PDF shows as a table (a matrix's rows), and what the question contributes
    to a comparison across segments (`compare`, defaulting to the chart)."""

    table: Table
    chart: Chart | None = None
    figures: list[tuple[str, str]] = []
    grid: Table | None = None
    compare: Chart | None = None

    @property
    def comparable(self) -> Chart | None:
        return self.compare if self.compare is not None else self.chart


class Sampler(Protocol):
    """Reproducible, plausible choices for demo answers (see `survey.demo.samples`)."""

    rng: random.Random

    def weighted(self, key: str, options: list[Choice]) -> Choice: ...

    def point(self, key: str, low: int, high: int, dont_know: bool) -> int | str: ...

    def leaning(self, key: str, count: int) -> int: ...

    def sentence(self, key: str, limit: int | None) -> str: ...

    def name(self, key: str, limit: int | None) -> str: ...
