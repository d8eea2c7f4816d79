"""The PDF synthesis: cover, contents, each group's synthesis and figures, a comparison
across groups, and an appendix with every free text and the method.

HTML from the templates in `reports/` (top level), rendered by WeasyPrint. Rendering is
sealed: everything the document needs is inline (stylesheet, SVG charts) and the URL
fetcher refuses every request, so no answer or synthesis can make the renderer reach
the network or the file system.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import msgspec
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from survey import __version__
from survey.core.aggregate import Aggregate, SegmentReport
from survey.core.figures import QuestionReport, Share, TextSample
from survey.core.lineage import line_up_all
from survey.kinds import BY_NAME
from survey.reports.charts import render_chart
from survey.reports.comparison import NOT_ASKED, comparable_rows, find, shared_questions
from survey.reports.markdown import render_synthesis
from survey.reports.request import PageSize, ReportRequest
from survey.reports.source import ReportSource, free_text_questions
from survey.reports.writers import Format, Target
from survey.resources import report_designs_dir
from survey.store.responses import SubmittedResponse

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


def _question_view(segment: SegmentReport, question: QuestionReport) -> QuestionView:
    counts = (
        f"{question.answered} answered · {question.skipped} skipped · "
        f"{question.not_shown} not shown · {question.not_asked} not asked"
    )
    summary = BY_NAME[question.kind].summary(question, str)
    samples = (question.texts or question.other_texts)[:SAMPLES_PER_QUESTION]
    return QuestionView(
        anchor=f"{segment.key}-{question.id}".replace("/", "-"),
        number=question.number,
        prompt=question.prompt,
        counts=counts,
        chart=Markup(render_chart(summary.chart)),  # noqa: S704 - charts.py escapes every text
        figures=summary.figures,
        samples=samples,
    )


class PdfWriter:
    """Collects every free text while responses stream past; renders at the end."""

    def __init__(self, source: ReportSource, request: ReportRequest) -> None:
        self.source = source
        self.request = request
        self.disclosure = source.disclosure(request.min_respondents)
        self.entries: dict[tuple[str, str], AppendixEntry] = {}
        #: The HTML of the last render (the PDF bench times WeasyPrint alone on it).
        self.html = ""
        self.keys: dict[str, list[tuple[str, str]]] = {}
        lineups = line_up_all(source.schemas)
        for segment in source.segments:
            found = free_text_questions(lineups[segment.questionnaire_id], request.language)
            self.keys[segment.key] = found
            for answer_key, prompt in found:
                entry = AppendixEntry(segment=segment.title, question=prompt, texts=[])
                self.entries[(segment.key, answer_key)] = entry

    def add(self, segment: str, response: SubmittedResponse, answers: Mapping[str, Any]) -> None:
        if self.disclosure.withheld(segment):
            return
        language = self.disclosure.language(segment, response.language)
        for answer_key, _prompt in self.keys[segment]:
            value = answers.get(answer_key)
            if isinstance(value, str) and value:
                self.entries[(segment, answer_key)].texts.append(
                    TextSample(text=value, language=language)
                )

    def render(self, aggregate: Aggregate) -> str:
        """The report's HTML, ready for WeasyPrint."""
        appendix = [entry for entry in self.entries.values() if entry.texts]
        context = _context(self.source, aggregate, appendix, self.request.language)
        return render_html(context, page_size=self.request.page_size)

    def finish(self, aggregate: Aggregate, target: Target) -> None:
        self.html = self.render(aggregate)
        write_pdf(self.html, target)


def _synthesis(source: ReportSource, segment: SegmentReport) -> Markup | None:
    text = source.syntheses.get(segment.key)
    return None if text is None else render_synthesis(text)


def _context(
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
            synthesis=_synthesis(source, segment),
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


FORMAT = Format(name="pdf", extension="pdf", media_type="application/pdf", start=PdfWriter)
