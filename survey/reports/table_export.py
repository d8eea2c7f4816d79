"""One table of responses, as CSV and the statistics packages write it: the Responses
sheet's columns (the kinds' `columns` facet), led by the response's number, group,
language and version.

A wide table (one row per response) has one questionnaire's columns; a selection that
spans several questionnaires is refused with a clear message (the long form, one row
per answer, takes any selection). Non-attribution holds as in the workbook: withheld
groups have no rows, a language shared by too few responses is not named.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from functools import partial
from typing import Any

from survey.catalogs import Gettext
from survey.core.errors import BadInput
from survey.core.lineage import Lineup, line_up_all
from survey.core.schema import localize
from survey.kinds.specs import Column
from survey.reports.request import ReportRequest
from survey.reports.source import ReportSource
from survey.reports.xlsx import columns_for
from survey.store.responses import SubmittedResponse

#: (id, what it holds) of the columns before the questions.
LEAD = ("response", "group", "language", "version")


def _text(value: Any, *, language: str, default: str) -> str:
    return localize(value, language, default)


class Table:
    """The columns of a source's responses, per questionnaire, and their rows."""

    def __init__(self, source: ReportSource, request: ReportRequest, words: Gettext) -> None:
        self.source = source
        self.words = words
        self.disclosure = source.disclosure(request.min_respondents)
        self.with_times = not source.non_attribution
        self.lineups: dict[str, Lineup] = line_up_all(source.schemas)
        self.columns: dict[str, list[Column]] = {}
        self.prompts: dict[str, dict[str, str]] = {}
        for qid, lineup in self.lineups.items():
            newest = source.schemas[(qid, lineup.versions[-1])]
            text = partial(_text, language=request.language, default=newest.default_language)
            self.columns[qid] = columns_for(lineup, text, words)
            self.prompts[qid] = {
                lq.id: f"Q{n} {text(getattr(lq.question, 'prompt', None)) or lq.id}"
                for n, lq in enumerate(lineup.questions, 1)
            }
        self.number = 0

    def one_questionnaire(self, what: str) -> list[Column]:
        """The columns of the only questionnaire, or a clear refusal."""
        if len(self.columns) != 1:
            raise BadInput(
                f"{what} holds one questionnaire's columns, and this report covers "
                f"{len(self.columns)} ({', '.join(sorted(self.columns))}): choose one group "
                "(--group, ?group=) or use the long form (--long, ?long=true)"
            )
        return next(iter(self.columns.values()))

    def lead_labels(self) -> list[tuple[str, str]]:
        """(id, label) of the lead columns."""
        labels = [
            ("response", "#"),
            ("group", self.words("Group")),
            ("language", self.words("Language")),
            ("version", self.words("Version")),
        ]
        return labels + (
            [("submitted_at", self.words("Submitted (UTC)"))] if self.with_times else []
        )

    def lead(self, segment: str, response: SubmittedResponse) -> list[Any] | None:
        """The lead cells of a response, or None where its group is withheld."""
        if self.disclosure.withheld(segment):
            return None
        self.number += 1
        cells: list[Any] = [
            self.number,
            segment,
            self.disclosure.language(segment, response.language),
            response.questionnaire_version,
        ]
        return cells + ([response.submitted_at.replace(tzinfo=None)] if self.with_times else [])

    def answers(
        self, response: SubmittedResponse, answers: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, str, str, Any]]:
        """(question id, question, part id, part, value) of every answer, for the long form:
        a 0/1 flag only where it is 1, nothing for what was not answered."""
        prompts = self.prompts[response.questionnaire_id]
        for column in self.columns[response.questionnaire_id]:
            value = column.read(answers)
            if value is None or (column.flag and not value):
                continue
            prompt = prompts[column.question]
            part = column.label[len(prompt) + 2 :] if column.label.startswith(f"{prompt}: ") else ""
            yield column.question, prompt, column.part, part, value


def plain(value: Any) -> Any:
    """A cell as CSV writes it: dates as YYYY-MM-DD, times as HH:MM, whole floats whole."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
