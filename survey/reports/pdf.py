"""The PDF synthesis: cover, contents, each group's synthesis and figures, a comparison
across groups, and an appendix with every free text and the method.

HTML from the templates in `reports/` (top level), rendered by WeasyPrint. Rendering is
sealed: everything the document needs is inline (stylesheet, SVG charts) and the URL
fetcher refuses every request, so no answer or synthesis can make the renderer reach
the network or the file system.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Literal

import msgspec
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from survey import __version__
from survey.aggregate import Aggregate, Aggregator, QuestionReport, SegmentReport
from survey.errors import NotFound
from survey.lineage import Lineup
from survey.reports.charts import bar_chart, stacked_chart
from survey.reports.comparison import (
    NOT_ASKED,
    Share,
    comparable_rows,
    count_label,
    find,
    shared_questions,
)
from survey.reports.markdown import render_synthesis
from survey.reports.sources import ReportSource, free_text_questions
from survey.resources import report_designs_dir
from survey.statistics import TextSample
from survey.store.database import Database
from survey.store.responses import SubmittedResponse
from survey.store.staff import get_synthesis

PageSize = Literal["A4", "Letter"]
#: Representative free texts shown under a question (all of them are in the appendix).
SAMPLES_PER_QUESTION = 3
HTML_LANG = {"zh": "zh-CN"}


class RefusedFetch(ValueError):
    """Raised for every URL the renderer asks for: reports fetch nothing."""


def sealed_fetcher() -> Any:
    """A WeasyPrint fetcher that refuses every URL (and allows no protocol, twice sealed)."""
    from weasyprint.urls import URLFetcher  # imported here: only report rendering needs Pango

    class SealedFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols=[], fail_on_errors=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            raise RefusedFetch(f"the report renderer fetches nothing (asked for {url[:80]})")

        __call__ = fetch

    return SealedFetcher()


class QuestionView(msgspec.Struct, kw_only=True):
    anchor: str
    number: int
    prompt: str
    counts: str
    chart: Any
    figures: list[tuple[str, str]]
    samples: list[TextSample]


class SegmentView(msgspec.Struct, kw_only=True):
    anchor: str
    title: str
    responses: int
    versions: str
    suppressed: bool
    synthesis: Any
    questions: list[QuestionView]


class AppendixEntry(msgspec.Struct, kw_only=True):
    segment: str
    question: str
    texts: list[TextSample]


def _percent(value: Any) -> str:
    if isinstance(value, Share):
        return f"{float(value) * 100:.0f}%"
    if value is None:
        return "-"
    return str(value)


def _figures(question: QuestionReport) -> list[tuple[str, str]]:
    figures = question.figures
    if question.kind in ("scale", "number") and figures is not None and figures.count:
        rows = [
            ("Mean", f"{figures.mean:.2f}"),
            ("Median", f"{figures.median:g}"),
            ("Spread (SD)", f"{figures.sd:.2f}"),
        ]
        return [*rows, ("Range", f"{figures.min:g} to {figures.max:g}")]
    if question.kind == "ranking":
        return [
            (
                rank.label,
                f"Borda {rank.borda} · first {rank.first_place} · "
                f"mean rank {rank.mean_rank or 0:.2f}",
            )
            for rank in question.ranks[:5]
        ]
    if question.kind == "allocation":
        return [
            (row.label, f"mean {row.figures.mean:.1f} · median {row.figures.median:g}")
            for row in question.rows
            if row.figures and row.figures.count
        ]
    if question.kind in ("single_choice", "multiple_choice"):
        return [
            (
                count_label(c),
                f"{c.count} ({_percent(Share(c.share) if c.share is not None else None)})",
            )
            for c in question.counts
            if c.offered
        ]
    return []


def _chart(question: QuestionReport) -> Markup:
    kind = question.kind
    if kind in ("single_choice", "multiple_choice", "scale"):
        svg = bar_chart(
            [(count_label(c), c.share or 0.0) for c in question.counts if c.offered], percent=True
        )
    elif kind == "matrix" and question.rows:
        legend = [count_label(c) for c in question.rows[0].counts]
        svg = stacked_chart(
            [(row.label, [c.count for c in row.counts]) for row in question.rows], legend
        )
    elif kind == "ranking":
        svg = bar_chart([(rank.label, float(rank.borda)) for rank in question.ranks])
    elif kind == "allocation":
        svg = bar_chart(
            [(row.label, round(row.figures.mean or 0, 1)) for row in question.rows if row.figures]
        )
    else:
        svg = ""
    return Markup(svg)  # noqa: S704 - built by charts.py, every text escaped there


def _question_view(segment: SegmentReport, question: QuestionReport) -> QuestionView:
    counts = (
        f"{question.answered} answered · {question.skipped} skipped · "
        f"{question.not_shown} not shown · {question.not_asked} not asked"
    )
    samples = (question.texts or question.other_texts)[:SAMPLES_PER_QUESTION]
    return QuestionView(
        anchor=f"{segment.key}-{question.id}".replace("/", "-"),
        number=question.number,
        prompt=question.prompt,
        counts=counts,
        chart=_chart(question),
        figures=_figures(question),
        samples=samples,
    )


class _TextCollector:
    """Every free text of every reportable segment, for the appendix."""

    def __init__(
        self,
        lineups: dict[str, Lineup],
        source: ReportSource,
        withheld: set[str],
        hidden: set[tuple[str, str]],
        language: str,
    ) -> None:
        self.entries: dict[tuple[str, str], AppendixEntry] = {}
        self.withheld = withheld
        self.hidden = hidden
        self.keys: dict[str, list[tuple[str, str]]] = {}
        for segment in source.segments:
            found = free_text_questions(lineups[segment.questionnaire_id], language)
            self.keys[segment.key] = found
            for answer_key, prompt in found:
                entry = AppendixEntry(segment=segment.title, question=prompt, texts=[])
                self.entries[(segment.key, answer_key)] = entry

    def add(self, key: str, response: SubmittedResponse, answers: dict[str, Any]) -> None:
        if key in self.withheld:
            return
        language = "" if (key, response.language) in self.hidden else response.language
        for answer_key, _prompt in self.keys[key]:
            value = answers.get(answer_key)
            if isinstance(value, str) and value:
                self.entries[(key, answer_key)].texts.append(
                    TextSample(text=value, language=language)
                )


def collect(
    database: Database,
    source: ReportSource,
    responses: Iterable[SubmittedResponse],
    *,
    languages_seen: Counter[tuple[str, str]],
    language: str = "en",
    min_respondents: int = 3,
) -> dict[str, Any]:
    """Everything the template shows, from one pass over the responses."""
    aggregator = Aggregator(
        source.schemas,
        source.segments,
        language=language,
        non_attribution=source.non_attribution,
        min_respondents=min_respondents,
    )
    sizes: Counter[str] = Counter()
    for (key, _lang), count in languages_seen.items():
        sizes[key] += count
    withheld = {
        s.key for s in source.segments if source.non_attribution and sizes[s.key] < min_respondents
    }
    hidden = {
        pair
        for pair, count in languages_seen.items()
        if source.non_attribution and count < min_respondents
    }
    texts = _TextCollector(aggregator.lineups, source, withheld, hidden, language)
    for response in responses:
        key = source.segment_key(response)
        texts.add(key, response, aggregator.add(key, response))
    aggregate = aggregator.result()
    return _context(
        database, source, aggregate, [e for e in texts.entries.values() if e.texts], language
    )


def _synthesis(database: Database, segment: SegmentReport) -> Markup | None:
    if segment.group_id is None:
        return None
    try:
        return render_synthesis(get_synthesis(database, segment.workshop_id, segment.group_id).text)
    except NotFound:
        return None


def _context(
    database: Database,
    source: ReportSource,
    aggregate: Aggregate,
    appendix: list[AppendixEntry],
    language: str,
) -> dict[str, Any]:
    segments = [
        SegmentView(
            anchor=segment.key.replace("/", "-"),
            title=segment.title,
            responses=segment.responses,
            versions=", ".join(f"{segment.questionnaire_id} v{v}" for v in segment.versions)
            or segment.questionnaire_id,
            suppressed=segment.suppressed,
            synthesis=_synthesis(database, segment),
            questions=[]
            if segment.suppressed
            else [_question_view(segment, q) for q in segment.questions],
        )
        for segment in aggregate.segments
    ]
    comparison = []
    for key, prompt in shared_questions(aggregate.segments):
        questions = [find(segment, key) for segment in aggregate.segments]
        rows = [
            (label, [_percent(v) if v != NOT_ASKED else v for v in values])
            for label, values in comparable_rows(questions)
        ]
        comparison.append({"prompt": prompt, "rows": rows})
    workshop = source.workshops[0]
    return {
        "title": source.title,
        "lang": HTML_LANG.get(language, language),
        "scope": "all groups" if len(source.segments) > 1 else source.segments[0].title,
        "workshops": source.workshops,
        "dates": ", ".join(day.isoformat() for day in workshop.dates),
        "venue": workshop.venue or "",
        "generated": source.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "software": f"survey {__version__}",
        "is_sample": source.is_sample,
        "non_attribution": aggregate.non_attribution,
        "min_respondents": aggregate.min_respondents,
        "segments": segments,
        "segment_titles": [segment.title for segment in aggregate.segments],
        "comparison": comparison,
        "comparison_title": f"Comparison across {'workshops' if source.by_workshop else 'groups'}",
        "appendix": appendix,
        "versions": sorted(source.schemas),
        "responses": aggregate.responses,
        "html_lang": lambda code: HTML_LANG.get(code, code),
    }


def render_html(context: dict[str, Any], *, page_size: PageSize = "A4") -> str:
    folder = report_designs_dir()
    environment = Environment(
        loader=FileSystemLoader(folder), autoescape=True, undefined=StrictUndefined
    )
    stylesheet = (folder / "print.css").read_text(encoding="utf-8")
    page = "A4" if page_size == "A4" else "letter"
    return environment.get_template("synthesis.html").render(
        **context,
        stylesheet=Markup(stylesheet.replace("@PAGE_SIZE@", page)),  # noqa: S704 - our own file
    )


def write_pdf(html: str, target: Path | IO[bytes]) -> None:
    from weasyprint import HTML  # imported here: only report rendering needs Pango

    HTML(string=html, url_fetcher=sealed_fetcher(), base_url=None).write_pdf(target)
