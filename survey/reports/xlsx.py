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

import msgspec
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
from survey.reports.changes import all_changes
from survey.reports.comparison import compare
from survey.reports.request import ReportRequest
from survey.reports.source import ReportSource, free_text_questions, version_dates
from survey.reports.summaries import Summaries, report_words
from survey.reports.writers import Format, Target
from survey.reports.xlsx_summary import (
    write_about,
    write_comparison,
    write_summary,
    write_synthesis,
)
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
    """The Responses sheet's columns (and the CSV's and statistics files'): each
    question's kind says what its columns are (one per choice or row where a question
    has several answers, one per "Other" text), each named by its question and part."""
    columns: list[Column] = []
    for number, lined_up in enumerate(lineup.questions, 1):
        question = lined_up.question
        heading = Heading(
            id=lined_up.id,
            prompt=f"Q{number} {text(getattr(question, 'prompt', None)) or lined_up.id}",
            options=lined_up.options,
            labels={o.id: text(o.label) for options in lined_up.options.values() for o in options},
            words=words,
            localize=text,
        )
        for column in kind_of(question).columns(question, heading):
            part = column.id[len(lined_up.id) + 1 :] if column.id != lined_up.id else ""
            columns.append(msgspec.structs.replace(column, question=lined_up.id, part=part))
    return columns


def lead_columns(words: Gettext, with_times: bool) -> list[tuple[str, str]]:
    """(label, id) of the columns before the questions: number, language, version, and
    the submission time where attribution is allowed."""
    lead = [("#", "#"), (words("Language"), "language"), (words("Version"), "version")]
    return lead + ([(words("Submitted (UTC)"), "submitted_at")] if with_times else [])


class _ResponsesSheet:
    """One group's (or workshop's) rows, written as responses stream past."""

    def __init__(
        self, sheet: WriteOnlyWorksheet, columns: list[Column], with_times: bool, words: Gettext
    ) -> None:
        self.sheet = sheet
        self.columns = columns
        self.with_times = with_times
        self.rows = 0
        lead = [label for label, _id in lead_columns(words, with_times)]
        lead_ids = [identifier for _label, identifier in lead_columns(words, with_times)]
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
        self.words = words = report_words(request.language)
        self.disclosure = source.disclosure(request.min_respondents)
        self.workbook = Workbook(write_only=True)
        taken: set[str] = set()
        # Sheet order is creation order: About, Summary and Synthesis come first, filled
        # at the end.
        self.about = self.workbook.create_sheet(sheet_name(words("About"), taken))
        self.summary = self.workbook.create_sheet(sheet_name(words("Summary"), taken))
        self.synthesis = (
            None
            if source.by_workshop
            else self.workbook.create_sheet(sheet_name(words("Synthesis"), taken))
        )
        lineups = line_up_all(source.schemas)
        self.sheets: dict[str, _ResponsesSheet] = {}
        self.text_questions: dict[str, list[tuple[str, str]]] = {}
        for segment in source.segments:
            lineup = lineups[segment.questionnaire_id]
            newest = source.schemas[(lineup.questionnaire_id, lineup.versions[-1])]
            text = partial(_localize, language=request.language, default=newest.default_language)
            name = words("Responses {group}").format(group=segment.group_id or segment.workshop_id)
            sheet = self.workbook.create_sheet(sheet_name(name, taken))
            self.sheets[segment.key] = _ResponsesSheet(
                sheet, columns_for(lineup, text, words), not source.non_attribution, words
            )
            self.text_questions[segment.key] = free_text_questions(lineup, request.language, words)
        self.free_text = self.workbook.create_sheet(sheet_name(words("Free text"), taken))
        _start_free_text(self.free_text, words)
        several = len(source.segments) > 1 or len({v for _, v in source.schemas}) > 1
        self.comparison = (
            self.workbook.create_sheet(sheet_name(words("Comparison"), taken)) if several else None
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
        words = self.words
        note = words("Fewer than {count} responses: rows withheld (non-attribution).").format(
            count=self.request.min_respondents
        )
        for key, rows in self.sheets.items():
            rows.finish(note if self.disclosure.withheld(key) else None)
        summaries = Summaries(self.source.schemas, aggregate, words)
        write_summary(self.summary, aggregate, summaries)
        if self.synthesis is not None:
            write_synthesis(self.synthesis, self.source, words)
        if self.comparison is not None:
            changes = all_changes(
                aggregate.lineups,
                self.source.schemas,
                version_dates(self.source),
                summaries.localizers,
                words,
            )
            compared, _only = compare(aggregate, summaries, changes)
            write_comparison(self.comparison, aggregate, compared, words)
        write_about(self.about, self.source, aggregate, words, software=f"survey {__version__}")
        self.workbook.save(target)


def _localize(value: Any, *, language: str, default: str) -> str:
    return localize(value, language, default)


def _start_free_text(sheet: WriteOnlyWorksheet, words: Gettext) -> None:
    for index, width in enumerate([22, 40, 22, 10, 80], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    labels = (words("Group"), words("Question"), words("Question id"))
    labels += (words("Language"), words("Answer"))
    sheet.append([_bold(sheet, label) for label in labels])


FORMAT = Format(name="xlsx", extension="xlsx", media_type=XLSX_MEDIA_TYPE, start=WorkbookWriter)
