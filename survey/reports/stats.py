"""SPSS (.sav) and Stata (.dta) files: the Responses sheet's columns as variables, with
variable labels and value labels, written by pyreadstat (the `stats` extra).

Choices are numeric codes that never change (`store/codes.py`), labelled in the
report's language; scale points are their own numbers, "Don't know" is 99 (a user-
missing value in SPSS); picked/not picked is 1/0; numbers are numbers and dates dates.
Variable names come from the stable ids (letters, digits and `_`, at most 29
characters, a short hash where an id is longer). Labels are cut to what each format
holds (Stata: 80 characters per variable label; SPSS: 256 bytes per variable label,
120 per value label). Stata files are format 118 (Stata 14+), the first with Unicode.
Both are written to a temporary file and moved into place only when complete.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from survey.catalogs import Gettext
from survey.core.aggregate import Aggregate
from survey.core.lineage import Lineup
from survey.core.schema import DONT_KNOW
from survey.kinds.specs import Column
from survey.reports.request import ReportRequest
from survey.reports.source import ReportSource
from survey.reports.summaries import report_words
from survey.reports.table_export import Table
from survey.reports.writers import Format, Target
from survey.store.responses import SubmittedResponse

#: The code of "Don't know" on a scale (a user-missing value in SPSS).
DONT_KNOW_CODE = 99
#: Stata allows 32 characters, but names the value-label set of a variable after it with
#: a number added (up to 3 digits), which must fit too.
NAME_LIMIT = 29
_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
#: Words Stata reserves (a variable may not be called so).
RESERVED = {
    "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
    "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with",
}  # fmt: skip


def variable_name(identifier: str) -> str:
    """A name SPSS and Stata both accept, the same for the same id in every run."""
    name = _UNSAFE.sub("_", identifier)
    if not name or not (name[0].isalpha() or name[0] == "_"):
        name = "v_" + name
    if len(name) > NAME_LIMIT or name in RESERVED:
        digest = hashlib.sha1(identifier.encode()).hexdigest()[:5]  # noqa: S324 - a name
        name = f"{name[: NAME_LIMIT - 6]}_{digest}"
    return name


def _cut(text: str, characters: int, encoded: int) -> str:
    """`text` within `characters` characters and `encoded` UTF-8 bytes."""
    text = text[:characters]
    while len(text.encode()) > encoded:
        text = text[:-1]
    return text


class _Codes:
    """Stable codes of one questionnaire's options, by line-up question and option id."""

    def __init__(self, lineup: Lineup, stored: Mapping[tuple[str, str], int]) -> None:
        self.codes: dict[tuple[str, str], int] = {}
        for lined_up in lineup.questions:
            for version, question_id in lined_up.ids.items():
                for renames in lined_up.option_ids.get(version, {}).values():
                    for old, new in renames.items():
                        code = stored.get((question_id, old))
                        if code is not None:
                            self.codes.setdefault((lined_up.id, new), code)
                for extra in ("other", DONT_KNOW):
                    code = stored.get((question_id, extra))
                    if code is not None:
                        self.codes.setdefault((lined_up.id, extra), code)

    def of(self, question: str, option: Any) -> int | None:
        return None if option is None else self.codes.get((question, str(option)))


class _Variable:
    """One column of the file: its values as responses pass, its labels."""

    def __init__(self, column: Column, codes: _Codes, words: Gettext) -> None:
        self.column = column
        self.name = variable_name(column.id)
        self.label = column.label
        self.values: list[Any] = []
        self.labels: dict[int | float, str] = {}
        self.missing: list[int] = []
        self.measure = "scale"
        self.codes = codes
        if column.measure == "options":
            self.measure = "nominal"
            for option, label in column.value_labels.items():
                code = codes.of(column.question, option)
                if code is not None:
                    self.labels[code] = label
        elif column.measure == "points":
            self.measure = "ordinal"
            for point, label in column.value_labels.items():
                if point == DONT_KNOW:
                    self.labels[DONT_KNOW_CODE] = label
                    self.missing = [DONT_KNOW_CODE]
                else:
                    self.labels[int(point)] = f"{point} {label}"
        elif column.flag:
            self.measure = "nominal"
            self.labels = {0: words("Not picked"), 1: words("Picked")}
        elif column.measure in ("text", "date") and column.value is None:
            self.measure = "nominal"

    def add(self, answers: Mapping[str, Any]) -> None:
        column = self.column
        value = column.value(answers) if column.value is not None else column.read(answers)
        if column.measure == "options":
            value = self.codes.of(column.question, value)
        elif column.measure == "points" and value == DONT_KNOW:
            value = DONT_KNOW_CODE
        elif column.measure == "date":
            value = date.fromisoformat(value) if isinstance(value, str) else value
        elif column.measure == "text":
            value = "" if value is None else str(value)
        self.values.append(value)


class StatsWriter:
    """Collects the variables while responses stream past; writes the file at the end."""

    extension = ""

    def __init__(self, source: ReportSource, request: ReportRequest) -> None:
        words = report_words(request.language)
        self.table = Table(source, request, words)
        what = "An SPSS file" if self.extension == "sav" else "A Stata file"
        columns = self.table.one_questionnaire(what)
        qid = next(iter(self.table.lineups))
        codes = _Codes(self.table.lineups[qid], source.codes.get(qid, {}))
        self.title = source.title
        self.lead = [(variable_name(i), label) for i, label in self.table.lead_labels()]
        self.lead_values: list[list[Any]] = [[] for _ in self.lead]
        self.variables = [_Variable(column, codes, words) for column in columns]

    def add(self, segment: str, response: SubmittedResponse, answers: Mapping[str, Any]) -> None:
        lead = self.table.lead(segment, response)
        if lead is None:
            return
        for values, value in zip(self.lead_values, lead, strict=True):
            values.append(value)
        for variable in self.variables:
            variable.add(answers)

    def frame(self) -> Any:
        import pandas as pd  # imported here: the stats extra is optional

        data: dict[str, Any] = {}
        for (name, _label), values in zip(self.lead, self.lead_values, strict=True):
            data[name] = values
        for variable in self.variables:
            series = pd.Series(variable.values, dtype="object")
            # Dates stay date objects: pyreadstat writes them as dates (a datetime64
            # column of pandas 3's microseconds would come out near 1970).
            if variable.column.measure not in ("text", "date"):
                series = pd.to_numeric(series)
            data[variable.name] = series
        return pd.DataFrame(data)

    def finish(self, aggregate: Aggregate, target: Target) -> None:
        folder = target.parent if isinstance(target, Path) else None
        handle, temporary = tempfile.mkstemp(suffix=f".{self.extension}", dir=folder)
        os.close(handle)
        try:
            self.write(self.frame(), temporary)
            if isinstance(target, Path):
                os.replace(temporary, target)
            else:
                target.write(Path(temporary).read_bytes())
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)

    def write(self, frame: Any, path: str) -> None:
        raise NotImplementedError


class SavWriter(StatsWriter):
    extension = "sav"

    def write(self, frame: Any, path: str) -> None:
        import pyreadstat

        labels = [_cut(label, 256, 256) for _n, label in self.lead]
        labels += [_cut(v.label, 256, 256) for v in self.variables]
        pyreadstat.write_sav(
            frame,
            path,
            file_label=_cut(self.title, 64, 64),
            column_labels=labels,
            variable_value_labels={
                v.name: {code: _cut(text, 120, 120) for code, text in v.labels.items()}
                for v in self.variables
                if v.labels
            },
            missing_ranges={v.name: list(v.missing) for v in self.variables if v.missing},
            variable_measure={v.name: v.measure for v in self.variables},
        )


class DtaWriter(StatsWriter):
    extension = "dta"

    def write(self, frame: Any, path: str) -> None:
        import pyreadstat

        labels = [_cut(label, 80, 320) for _n, label in self.lead]
        labels += [_cut(v.label, 80, 320) for v in self.variables]
        pyreadstat.write_dta(
            frame,
            path,
            file_label=_cut(self.title, 80, 320),
            column_labels=labels,
            variable_value_labels={
                v.name: {int(code): text for code, text in v.labels.items()}
                for v in self.variables
                if v.labels
            },
            version=14,
        )


SAV = Format(
    name="sav",
    extension="sav",
    media_type="application/x-spss-sav",
    start=SavWriter,
    codes=True,
)
DTA = Format(
    name="dta", extension="dta", media_type="application/x-stata-dta", start=DtaWriter, codes=True
)
