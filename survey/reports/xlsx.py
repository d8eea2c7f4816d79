"""The Excel workbook: About, Summary (tables and native charts), one Responses sheet
per group, Free text, and Comparison when the selection spans several segments.

Written with openpyxl's write-only mode in one pass over the responses: each response
is aggregated and written to its Responses sheet and to Free text as it streams past,
so memory stays flat however many responses there are. The Summary, Comparison and
About sheets are filled from the aggregate at the end (sheet order is creation order).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

import msgspec
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from survey import __version__
from survey.aggregate import Aggregate, Aggregator
from survey.lineage import LinedUpQuestion, Lineup
from survey.reports.cells import cell
from survey.reports.sources import ReportSource, free_text_questions
from survey.reports.xlsx_summary import write_about, write_comparison, write_summary
from survey.schema import DONT_KNOW, OTHER, localize
from survey.store.responses import SubmittedResponse

SHEET_NAME_LIMIT = 31
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
BOLD = Font(bold=True)
#: Column widths, in characters, by what the column holds.
WIDTHS = {"text": 40, "long_text": 60, "label": 24, "number": 12, "date": 12, "flag": 10}


class WorkbookResult(msgspec.Struct, kw_only=True):
    sheets: list[str]
    responses: int
    segments: int


class Column(msgspec.Struct, kw_only=True, frozen=True):
    label: str
    id: str
    width: int
    read: Any  # Callable[[dict[str, Any]], Any], reading one cell from canonical answers
    #: Whether the column can hold text (and so needs the text-safety pass).
    text: bool = True


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


def columns_for(lineup: Lineup, text: Callable[[Any], str], dont_know: str) -> list[Column]:
    """The Responses sheet's columns: one per question, one per choice or row where a
    question has several answers, and one for each "Other" text."""
    columns: list[Column] = []
    for number, lined_up in enumerate(lineup.questions, 1):
        columns += _question_columns(number, lined_up, text, dont_know)
    return columns


def _question_columns(
    number: int, lq: LinedUpQuestion, text: Callable[[Any], str], dont_know: str
) -> list[Column]:
    question = lq.question
    kind = question.kind
    qid = lq.id
    prompt = f"Q{number} {text(getattr(question, 'prompt', None)) or qid}"
    labels = {o.id: text(o.label) for options in lq.options.values() for o in options}

    def labelled(value: Any) -> Any:
        if value == DONT_KNOW:
            return dont_know
        if value == OTHER:
            return "Other"
        return labels.get(value, value) if isinstance(value, str) else value

    other = [
        Column(
            label=f"{prompt}: Other",
            id=f"{qid}.{OTHER}",
            width=WIDTHS["text"],
            read=lambda a: a.get(f"{qid}.{OTHER}"),
        )
    ]

    def per_option(
        key: str, width: int, reader: Callable[..., Any], *, text: bool = False
    ) -> list[Column]:
        """A column for each choice or row of the question, read by `reader(qid, option)`."""
        return [
            Column(
                label=f"{prompt}: {labels[o.id]}",
                id=f"{qid}.{o.id}",
                width=width,
                read=reader(qid, o.id),
                text=text,
            )
            for o in lq.options[key]
        ]

    if kind == "multiple_choice":
        return per_option("choices", WIDTHS["flag"], _picked) + (other if question.other else [])
    if kind == "single_choice":
        chosen = Column(
            label=prompt, id=qid, width=WIDTHS["label"], read=lambda a: labelled(a.get(qid))
        )
        return [chosen] + (other if question.other else [])
    if kind == "matrix":
        cell_reader = lambda q, row: _cell_of(q, row, labelled)  # noqa: E731
        return per_option("rows", WIDTHS["label"], cell_reader, text=True)
    if kind == "ranking":
        return per_option("choices", WIDTHS["number"], _rank_of)
    if kind == "allocation":
        return per_option("choices", WIDTHS["number"], _share_of)
    if kind == "date":
        return [Column(label=prompt, id=qid, width=WIDTHS["date"], read=_date_of(qid), text=False)]
    if kind == "scale":
        return [
            Column(
                label=prompt, id=qid, width=WIDTHS["number"], read=lambda a: labelled(a.get(qid))
            )
        ]
    width = WIDTHS.get(kind, WIDTHS["number"])
    return [Column(label=prompt, id=qid, width=width, read=lambda a: a.get(qid))]


def _picked(qid: str, choice: str) -> Callable[[dict[str, Any]], Any]:
    def read(answers: dict[str, Any]) -> Any:
        value = answers.get(qid)
        return None if value is None else int(choice in value)

    return read


def _cell_of(qid: str, row: str, labelled: Callable[[Any], Any]) -> Callable[[dict[str, Any]], Any]:
    return lambda answers: labelled((answers.get(qid) or {}).get(row))


def _rank_of(qid: str, choice: str) -> Callable[[dict[str, Any]], Any]:
    def read(answers: dict[str, Any]) -> Any:
        order = answers.get(qid)
        return order.index(choice) + 1 if order and choice in order else None

    return read


def _share_of(qid: str, choice: str) -> Callable[[dict[str, Any]], Any]:
    def read(answers: dict[str, Any]) -> Any:
        amounts = answers.get(qid)
        return None if amounts is None else amounts.get(choice, 0)

    return read


def _date_of(qid: str) -> Callable[[dict[str, Any]], Any]:
    def read(answers: dict[str, Any]) -> Any:
        value = answers.get(qid)
        return date.fromisoformat(value) if value else None

    return read


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

    def add(self, response: SubmittedResponse, answers: dict[str, Any]) -> None:
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


def write_workbook(
    target: Path | IO[bytes],
    source: ReportSource,
    responses: Iterable[SubmittedResponse],
    *,
    language: str = "en",
    languages_seen: Counter[tuple[str, str]] | None = None,
    min_respondents: int = 3,
    progress: Callable[[int], None] | None = None,
) -> tuple[WorkbookResult, Aggregate]:
    """Build the workbook in one pass over `responses`; returns what it wrote."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    about = workbook.create_sheet(sheet_name("About", taken))
    summary = workbook.create_sheet(sheet_name("Summary", taken))
    aggregator = Aggregator(
        source.schemas,
        source.segments,
        language=language,
        non_attribution=source.non_attribution,
        min_respondents=min_respondents,
    )
    sizes: Counter[str] = Counter()
    hidden_languages: set[tuple[str, str]] = set()
    for (key, lang), count in (languages_seen or Counter()).items():
        sizes[key] += count
        if source.non_attribution and count < min_respondents:
            hidden_languages.add((key, lang))
    withheld = {
        s.key for s in source.segments if source.non_attribution and sizes[s.key] < min_respondents
    }
    sheets: dict[str, _ResponsesSheet] = {}
    for segment in source.segments:
        lineup = aggregator.lineups[segment.questionnaire_id]
        default = source.schemas[(lineup.questionnaire_id, lineup.versions[-1])].default_language
        text = lambda value, default=default: localize(value, language, default)  # noqa: E731
        sheet = workbook.create_sheet(
            sheet_name(f"Responses {segment.group_id or segment.workshop_id}", taken)
        )
        sheets[segment.key] = _ResponsesSheet(
            sheet, columns_for(lineup, text, "Don't know"), not source.non_attribution
        )
    free_text = workbook.create_sheet(sheet_name("Free text", taken))
    _start_free_text(free_text)
    several = len(source.segments) > 1 or len({v for _, v in source.schemas}) > 1
    comparison = workbook.create_sheet(sheet_name("Comparison", taken)) if several else None
    text_questions = {
        segment.key: free_text_questions(aggregator.lineups[segment.questionnaire_id], language)
        for segment in source.segments
    }

    count = 0
    for response in responses:
        key = source.segment_key(response)
        answers = aggregator.add(key, response)
        count += 1
        if progress is not None and count % 1000 == 0:
            progress(1000)
        if key in withheld:
            continue
        sheets[key].add(response, answers)
        shown_language = "" if (key, response.language) in hidden_languages else response.language
        for qid, label in text_questions[key]:
            value = answers.get(qid)
            if isinstance(value, str) and value:
                free_text.append(
                    [cell(free_text, v) for v in (key, label, qid, shown_language, value)]
                )
    if progress is not None:
        progress(count % 1000)

    aggregate = aggregator.result()
    note = f"Fewer than {min_respondents} responses: rows withheld (non-attribution)."
    for key, rows in sheets.items():
        rows.finish(note if key in withheld else None)
    write_summary(summary, aggregate)
    if comparison is not None:
        write_comparison(comparison, aggregate, source.schemas)
    write_about(about, source, aggregate, software=f"survey {__version__}")
    workbook.save(target)
    names = [sheet.title for sheet in workbook.worksheets]
    return WorkbookResult(sheets=names, responses=count, segments=len(source.segments)), aggregate


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
