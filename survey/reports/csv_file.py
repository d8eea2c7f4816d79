"""CSV: the Responses sheet's columns, one row per response; or the long (tidy) form,
one row per answer (`--long`).

UTF-8 with a byte-order mark, so spreadsheet programs read Korean, Chinese, Japanese
and Russian correctly; comma-separated, quoted where needed. Labels in the report's
language, the header row of stable ids. Text a spreadsheet would run as a formula gets
an apostrophe in front (`cells.csv_text`). Rows are written as responses stream past,
to a temporary file, so memory stays flat however many there are.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from survey.core.aggregate import Aggregate
from survey.reports.cells import csv_text
from survey.reports.request import ReportRequest
from survey.reports.source import ReportSource
from survey.reports.summaries import report_words
from survey.reports.table_export import Table, plain
from survey.reports.writers import Format, Target
from survey.store.responses import SubmittedResponse

LONG_HEADER = ["question_id", "question", "part_id", "part", "value"]


def _safe(value: Any) -> Any:
    value = plain(value)
    return csv_text(value) if isinstance(value, str) else value


class CsvWriter:
    def __init__(self, source: ReportSource, request: ReportRequest) -> None:
        self.table = Table(source, request, report_words(request.language))
        self.long = request.long
        self.columns = [] if self.long else self.table.one_questionnaire("A CSV table")
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - kept open until finish
        self.text = io.TextIOWrapper(self.file, encoding="utf-8-sig", newline="")
        self.csv = csv.writer(self.text)
        lead = [identifier for identifier, _label in self.table.lead_labels()]
        self.csv.writerow(lead + (LONG_HEADER if self.long else [c.id for c in self.columns]))

    def add(self, segment: str, response: SubmittedResponse, answers: Mapping[str, Any]) -> None:
        lead = self.table.lead(segment, response)
        if lead is None:
            return
        lead = [_safe(value) for value in lead]
        if self.long:
            for answer in self.table.answers(response, answers):
                self.csv.writerow(lead + [_safe(value) for value in answer])
            return
        self.csv.writerow(lead + [_safe(column.read(answers)) for column in self.columns])

    def finish(self, aggregate: Aggregate, target: Target) -> None:
        self.text.flush()
        self.file.seek(0)
        try:
            if isinstance(target, Path):
                with target.open("wb") as out:
                    shutil.copyfileobj(self.file, out)
            else:
                shutil.copyfileobj(self.file, target)
        finally:
            self.text.close()


FORMAT = Format(name="csv", extension="csv", media_type="text/csv; charset=utf-8", start=CsvWriter)
