"""The registry of report formats: each writer is one module, listed here once.

A writer sees every submitted response once as it streams past (`add`, with answers
keyed by the line-up's stable ids), then the finished aggregate (`finish`), and writes
its file. None recomputes a figure: they all read the same aggregate.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any, Protocol

import msgspec

from survey.core.aggregate import Aggregate
from survey.core.errors import BadInput
from survey.reports.request import ReportRequest
from survey.reports.source import ReportSource
from survey.store.responses import SubmittedResponse

Target = Path | IO[bytes]


class Writer(Protocol):
    def add(
        self, segment: str, response: SubmittedResponse, answers: Mapping[str, Any]
    ) -> None: ...

    def finish(self, aggregate: Aggregate, target: Target) -> None: ...


class Format(msgspec.Struct, kw_only=True, frozen=True):
    """A report format: its name (`?format=`, `--xlsx`), file extension, media type,
    and how to start its writer for one report."""

    name: str
    extension: str
    media_type: str
    start: Callable[[ReportSource, ReportRequest], Writer]
    #: Whether the writer needs the stable choice codes (`ReportSource.codes`).
    codes: bool = False


def _formats() -> dict[str, Format]:
    # Imported here: each writer pulls in its rendering library (openpyxl, WeasyPrint),
    # which commands that never write a report should not pay for.
    from survey.reports import csv_file, pdf, xlsx

    formats = [xlsx.FORMAT, pdf.FORMAT, csv_file.FORMAT]
    if stats_available():
        from survey.reports import stats

        formats += [stats.SAV, stats.DTA]
    return {format.name: format for format in formats}


#: Formats that need the `stats` extra (pyreadstat), and what to tell when it is missing.
STATS_FORMATS = {"sav": "SPSS", "dta": "Stata"}


def stats_available() -> bool:
    return importlib.util.find_spec("pyreadstat") is not None and (
        importlib.util.find_spec("pandas") is not None
    )


def report_format(name: str) -> Format:
    formats = _formats()
    if name in STATS_FORMATS and name not in formats:
        raise BadInput(
            f"{STATS_FORMATS[name]} files need the statistics extra: pip install 'survey[stats]'"
        )
    if name not in formats:
        raise LookupError(f"no report format {name!r} (formats: {', '.join(formats)})")
    return formats[name]
