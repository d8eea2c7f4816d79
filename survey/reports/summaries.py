"""Each question's Summary as its kind writes it, in the report's language.

The one place the writers get their words: the report's own words from the same
catalogues as the web interface (`survey.catalogs`), and the questionnaire's texts
localized to the report's language (falling back to the questionnaire's default).
"""

from __future__ import annotations

from functools import cache, partial
from typing import Any

from survey.catalogs import Catalogs, Gettext
from survey.core.aggregate import Aggregate
from survey.core.figures import QuestionReport
from survey.core.questionnaire import Questionnaire
from survey.core.schema import Text, localize
from survey.kinds import kind_of
from survey.kinds.specs import Summary


@cache
def _catalogs() -> Catalogs:
    return Catalogs()


def report_words(language: str) -> Gettext:
    """The report's own words in `language` (English where a catalogue has none)."""
    return _catalogs().gettext(language)


def _text(value: Text | None, *, language: str, default: str) -> str:
    return localize(value, language, default)


class Summaries:
    """Summaries of an aggregate's questions, and its questions' texts."""

    def __init__(
        self,
        schemas: dict[tuple[str, int], Questionnaire],
        aggregate: Aggregate,
        words: Gettext,
    ) -> None:
        self.words = words
        self.language = aggregate.language
        self.questions = {
            (qid, lined_up.id): lined_up.question
            for qid, lineup in aggregate.lineups.items()
            for lined_up in lineup.questions
        }
        self.localizers = {
            qid: partial(
                _text,
                language=aggregate.language,
                default=schemas[(qid, lineup.versions[-1])].default_language,
            )
            for qid, lineup in aggregate.lineups.items()
        }

    def localize(self, questionnaire_id: str) -> Any:
        return self.localizers[questionnaire_id]

    def of(self, questionnaire_id: str, report: QuestionReport) -> Summary:
        question = self.questions[(questionnaire_id, report.id)]
        return kind_of(question).summary(
            question, report, self.localizers[questionnaire_id], self.words
        )


def counts_line(question: QuestionReport, words: Gettext) -> str:
    return words(
        "{answered} answered · {skipped} skipped · {not_shown} not shown · {not_asked} not asked"
    ).format(
        answered=question.answered,
        skipped=question.skipped,
        not_shown=question.not_shown,
        not_asked=question.not_asked,
    )
