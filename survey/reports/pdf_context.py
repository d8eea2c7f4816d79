"""What the PDF template shows, as plain views built from the source and the aggregate:
the cover (every workshop a comparison spans), each segment's questions with their
chart, key figures and grid, the comparison, the appendix and the method.

Questions a segment was not asked are left out of its section (the comparison says
"not asked in …" once); every fixed word comes from the report's catalogue.
"""

from __future__ import annotations

from typing import Any

import msgspec
from markupsafe import Markup

from survey import __version__
from survey.catalogs import Gettext
from survey.core.aggregate import Aggregate, SegmentReport
from survey.core.figures import NOT_ASKED_WORD, NOT_OFFERED_WORD, QuestionReport, Share, TextSample
from survey.core.schema import localize
from survey.kinds.specs import Table
from survey.reports.changes import all_changes
from survey.reports.charts import render_chart
from survey.reports.compare_charts import compared_chart
from survey.reports.comparison import Compared, compare, comparison_rows
from survey.reports.markdown import render_synthesis
from survey.reports.source import ReportSource, version_dates, workshop_label
from survey.reports.summaries import Summaries, counts_line

#: Representative free texts shown under a question (all of them are in the appendix).
SAMPLES_PER_QUESTION = 3
HTML_LANG = {"zh": "zh-CN"}


class QuestionView(msgspec.Struct, kw_only=True):
    anchor: str
    number: int
    prompt: str
    counts: str
    chart: Any
    figures: list[tuple[str, str]]
    grid: Table | None
    samples: list[TextSample]


class SegmentView(msgspec.Struct, kw_only=True):
    anchor: str
    title: str
    responses: int
    versions: str
    suppressed: bool
    synthesis: Any
    questions: list[QuestionView]


class ComparedView(msgspec.Struct, kw_only=True):
    prompt: str
    changes: list[str]
    not_asked: str
    chart: Any
    note: str
    header: list[str]
    rows: list[tuple[str, list[str]]]


class WorkshopLine(msgspec.Struct, kw_only=True):
    title: str
    when: str
    venue: str
    responses: int


class AppendixEntry(msgspec.Struct, kw_only=True):
    segment: str
    question: str
    texts: list[TextSample]


def _question_view(
    segment: SegmentReport, question: QuestionReport, summaries: Summaries, language: str
) -> QuestionView:
    summary = summaries.of(segment.questionnaire_id, question)
    samples = (question.texts or question.other_texts)[:SAMPLES_PER_QUESTION]
    words = summaries.words
    return QuestionView(
        anchor=f"{segment.key}-{question.id}".replace("/", "-"),
        number=question.number,
        prompt=question.prompt,
        counts=counts_line(question, words),
        chart=Markup(render_chart(summary.chart, words, language)),  # noqa: S704 - escaped
        figures=summary.figures,
        grid=summary.grid,
        samples=samples,
    )


def _cell(value: Any, words: Gettext) -> str:
    if isinstance(value, Share):
        return f"{float(value) * 100:.0f}%"
    if value is None:
        return "-"
    if value in (NOT_OFFERED_WORD, NOT_ASKED_WORD):
        return words(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _compared_view(item: Compared, words: Gettext, language: str) -> ComparedView:
    svg, note = compared_chart(item.charts(), words, language)
    return ComparedView(
        prompt=f"Q{item.number}. {item.prompt}",
        changes=item.changes,
        not_asked=words("Not asked in {segments}").format(segments=", ".join(item.not_asked))
        if item.not_asked
        else "",
        chart=Markup(svg),  # noqa: S704 - compare_charts.py escapes every text
        note=note,
        header=[side.title for side in item.asked],
        rows=[
            (label, [_cell(value, words) for value in values])
            for label, values in comparison_rows(item, words, compact=True)
        ],
    )


def _segment_view(
    source: ReportSource, segment: SegmentReport, summaries: Summaries, language: str
) -> SegmentView:
    text = source.syntheses.get(segment.key)
    versions = ", ".join(f"{segment.questionnaire_id} v{v}" for v in segment.versions)
    return SegmentView(
        anchor=segment.key.replace("/", "-"),
        title=segment.title,
        responses=segment.responses,
        versions=versions or segment.questionnaire_id,
        suppressed=segment.suppressed,
        synthesis=None if text is None else render_synthesis(text),
        questions=[]
        if segment.suppressed
        else [
            _question_view(segment, q, summaries, language) for q in segment.questions if q.asked
        ],
    )


def context(
    source: ReportSource,
    aggregate: Aggregate,
    appendix: list[AppendixEntry],
    words: Gettext,
) -> dict[str, Any]:
    """Everything `synthesis.html` shows."""
    language = aggregate.language
    summaries = Summaries(source.schemas, aggregate, words)
    changes = all_changes(
        aggregate.lineups,
        source.schemas,
        version_dates(source),
        summaries.localizers,
        words,
    )
    compared, only = compare(aggregate, summaries, changes)
    workshop = source.workshops[0]
    segments = [_segment_view(source, s, summaries, language) for s in aggregate.segments]
    responses = {segment.workshop_id: 0 for segment in aggregate.segments}
    for segment in aggregate.segments:
        responses[segment.workshop_id] += segment.responses
    return {
        "_": words,
        "title": source.title,
        "lang": HTML_LANG.get(language, language),
        "by_workshop": source.by_workshop,
        "scope": words("all groups") if len(source.segments) > 1 else source.segments[0].title,
        "series": workshop.series or "",
        "cover_workshops": [
            WorkshopLine(
                title=localize(w.title, language, "en"),
                when=", ".join(day.isoformat() for day in w.dates),
                venue=w.venue or "",
                responses=responses.get(w.id, 0),
            )
            for w in source.workshops
        ],
        "workshop_labels": [workshop_label(w) for w in source.workshops],
        "dates": ", ".join(day.isoformat() for day in workshop.dates),
        "venue": workshop.venue or "",
        "generated": source.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "software": f"survey {__version__}",
        "is_sample": source.is_sample,
        "non_attribution": aggregate.non_attribution,
        "min_respondents": aggregate.min_respondents,
        "segments": segments,
        "comparison": [_compared_view(item, words, language) for item in compared],
        "only": [
            words("Asked only in {segment}: {questions}").format(
                segment=title, questions=", ".join(numbers)
            )
            for title, numbers in only.items()
        ]
        if len(aggregate.segments) > 1
        else [],
        "comparison_title": words("Comparison across workshops")
        if source.by_workshop
        else words("Comparison across groups"),
        "appendix": appendix,
        "versions": ", ".join(f"{qid} v{version}" for qid, version in sorted(source.schemas)),
        "responses": aggregate.responses,
        "html_lang": lambda code: HTML_LANG.get(code, code),
    }
