"""The Excel workbook: About, Summary (tables and native charts), one Responses sheet
per group, Free text, and Comparison when the selection spans several segments.

Written with openpyxl's write-only mode in one pass over the responses: each response
is aggregated and written to its Responses sheet and to Free text as it streams past,
so memory stays flat however many responses there are. The Summary, Comparison and
About sheets are filled from the aggregate at the end (sheet order is creation order).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from survey import __version__
from survey.core.aggregate import Aggregate
from survey.core.lineage import Lineup, line_up_all
from survey.core.schema import localize
from survey.kinds import kind_of
from survey.kinds.specs import Column, Gettext, Heading
from survey.reports.cells import cell
from survey.reports.request import ReportRequest
from survey.reports.source import ReportSource, free_text_questions
from survey.reports.writers import Format, Target
from survey.reports.xlsx_summary import write_about, write_comparison, write_summary
from survey.store.responses import SubmittedResponse

SHEET_NAME_LIMIT = 31
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
BOLD = Font(bold=True)
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters."""
    base = _SHEET_UNSAFE.sub("-", title).strip("'") or "Sheet"
    name = base[:SHEET_NAME_LIMIT]
    number = 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        number += 1
    taken.add(name.lower())
    return name


def columns_for(lineup: Lineup, text: Callable[[Any], str], words: Gettext) -> list[Column]:
    """The Responses sheet's columns: each question's kind says what its columns are
    (one per choice or row where a question has several answers, one per "Other" text)."""
    columns: list[Column] = []
    for number, lined_up in enumerate(lineup.questions, 1):
        question = lined_up.question
        heading = Heading(
            id=lined_up.id,
            prompt=f"Q{number} {text(getattr(question, 'prompt', None)) or lined_up.id}",
            options=lined_up.options,
            labels={o.id: text(o.label) for options in lined_up.options.values() for o in options},
            words=words,
        )
        columns += kind_of(question).columns(question, heading)
    return columns


class _ResponsesSheet:
    """One group's (or workshop's) rows, written as responses stream past."""

    def __init__(self, sheet: WriteOnlyWorksheet, columns: list[Column], with_times: bool) -> None:
        self.sheet = sheet
        self.columns = columns
        self.with_times = with_times
        self.rows = 0
        lead = ["#", "Language", "Version"] + (["Submitted (UTC)"] if with_times else [])
        lead_ids = ["#", "language", "version"] + (["submitted_at"] if with_times else [])
        for index, width in enumerate(
            [6, 10, 8] + ([18] if with_times else []) + [c.width for c in columns], 1
        ):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = f"{get_column_letter(len(lead) + 1)}3"
        sheet.append([_bold(sheet, label) for label in lead + [c.label for c in columns]])
        sheet.append([cell(sheet, identifier) for identifier in lead_ids + [c.id for c in columns]])
        self.width = len(lead) + len(columns)

    def add(self, response: SubmittedResponse, answers: Mapping[str, Any]) -> None:
        self.rows += 1
        lead: list[Any] = [self.rows, response.language, response.questionnaire_version]
        if self.with_times:
            lead.append(response.submitted_at.replace(tzinfo=None))
        sheet = self.sheet
        self.sheet.append(
            lead
            + [
                cell(sheet, column.read(answers)) if column.text else column.read(answers)
                for column in self.columns
            ]
        )

    def finish(self, note: str | None) -> None:
        if note:
            self.sheet.append([note])
        self.sheet.auto_filter.ref = f"A2:{get_column_letter(self.width)}{self.rows + 2}"


def _bold(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    typed = WriteOnlyCell(sheet, value=value)
    typed.data_type = "s"
    typed.font = BOLD
    return typed


class WorkbookWriter:
    """Writes the workbook as responses stream past; the aggregate fills the rest."""

    def __init__(self, source: ReportSource, request: ReportRequest) -> None:
        self.source = source
        self.request = request
        self.disclosure = source.disclosure(request.min_respondents)
        self.workbook = Workbook(write_only=True)
        taken: set[str] = set()
        # Sheet order is creation order: About and Summary come first, filled at the end.
        self.about = self.workbook.create_sheet(sheet_name("About", taken))
        self.summary = self.workbook.create_sheet(sheet_name("Summary", taken))
        lineups = line_up_all(source.schemas)
        self.sheets: dict[str, _ResponsesSheet] = {}
        self.text_questions: dict[str, list[tuple[str, str]]] = {}
        for segment in source.segments:
            lineup = lineups[segment.questionnaire_id]
            newest = source.schemas[(lineup.questionnaire_id, lineup.versions[-1])]
            text = partial(_localize, language=request.language, default=newest.default_language)
            sheet = self.workbook.create_sheet(
                sheet_name(f"Responses {segment.group_id or segment.workshop_id}", taken)
            )
            self.sheets[segment.key] = _ResponsesSheet(
                sheet, columns_for(lineup, text, str), not source.non_attribution
            )
            self.text_questions[segment.key] = free_text_questions(lineup, request.language)
        self.free_text = self.workbook.create_sheet(sheet_name("Free text", taken))
        _start_free_text(self.free_text)
        several = len(source.segments) > 1 or len({v for _, v in source.schemas}) > 1
        self.comparison = (
            self.workbook.create_sheet(sheet_name("Comparison", taken)) if several else None
        )

    def add(self, segment: str, response: SubmittedResponse, answers: Mapping[str, Any]) -> None:
        if self.disclosure.withheld(segment):
            return
        self.sheets[segment].add(response, answers)
        language = self.disclosure.language(segment, response.language)
        for qid, label in self.text_questions[segment]:
            value = answers.get(qid)
            if isinstance(value, str) and value:
                self.free_text.append(
                    [cell(self.free_text, v) for v in (segment, label, qid, language, value)]
                )

    def finish(self, aggregate: Aggregate, target: Target) -> None:
        note = (
            f"Fewer than {self.request.min_respondents} responses: rows withheld (non-attribution)."
        )
        for key, rows in self.sheets.items():
            rows.finish(note if self.disclosure.withheld(key) else None)
        write_summary(self.summary, aggregate)
        if self.comparison is not None:
            write_comparison(self.comparison, aggregate, self.source.schemas)
        write_about(self.about, self.source, aggregate, software=f"survey {__version__}")
        self.workbook.save(target)


def _localize(value: Any, *, language: str, default: str) -> str:
    return localize(value, language, default)


def _start_free_text(sheet: WriteOnlyWorksheet) -> None:
    for index, width in enumerate([22, 40, 22, 10, 80], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(
        [
            _bold(sheet, label)
            for label in ("Group", "Question", "Question id", "Language", "Answer")
        ]
    )


FORMAT = Format(name="xlsx", extension="xlsx", media_type=XLSX_MEDIA_TYPE, start=WorkbookWriter)
