"""The PDF synthesis: cover, contents, each group's synthesis and figures, a comparison
across groups or workshops, and an appendix with every free text and the method.

HTML from the templates in `reports/` (top level), rendered by WeasyPrint as PDF/UA-1:
tagged structure, the document's language and title, bookmarks, and every chart with
its text alternative. Rendering is sealed: everything the document needs is inline
(stylesheet, SVG charts) and the URL fetcher refuses every request, so no answer or
synthesis can make the renderer reach the network or the file system.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from survey.catalogs import Gettext
from survey.core.aggregate import Aggregate
from survey.core.figures import TextSample
from survey.core.lineage import line_up_all
from survey.reports.pdf_context import AppendixEntry, context
from survey.reports.request import PageSize, ReportRequest
from survey.reports.source import ReportSource, free_text_questions
from survey.reports.summaries import report_words
from survey.reports.writers import Format, Target
from survey.resources import report_designs_dir
from survey.store.responses import SubmittedResponse

#: The PDF/UA part WeasyPrint writes: a tagged PDF with language, title and /Alt texts.
PDF_VARIANT = "pdf/ua-1"


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


class PdfWriter:
    """Collects every free text while responses stream past; renders at the end."""

    def __init__(self, source: ReportSource, request: ReportRequest) -> None:
        self.source = source
        self.request = request
        self.words = report_words(request.language)
        self.disclosure = source.disclosure(request.min_respondents)
        self.entries: dict[tuple[str, str], AppendixEntry] = {}
        #: The HTML of the last render (the PDF bench times WeasyPrint alone on it).
        self.html = ""
        self.keys: dict[str, list[tuple[str, str]]] = {}
        lineups = line_up_all(source.schemas)
        for segment in source.segments:
            found = free_text_questions(
                lineups[segment.questionnaire_id], request.language, self.words
            )
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
        shown = context(self.source, aggregate, appendix, self.words)
        return render_html(shown, self.words, page_size=self.request.page_size)

    def finish(self, aggregate: Aggregate, target: Target) -> None:
        self.html = self.render(aggregate)
        write_pdf(self.html, target)


def _page_counter(words: Gettext) -> str:
    """CSS `content` for the page footer, in the report's language ("Page n of N")."""
    text = words("Page {page} of {pages}")
    parts: list[str] = []
    rest = text
    while rest:
        found = min(
            ((rest.find(mark), mark) for mark in ("{page}", "{pages}") if mark in rest),
            default=None,
        )
        if found is None:
            parts.append(_css_string(rest))
            break
        at, mark = found
        if at:
            parts.append(_css_string(rest[:at]))
        parts.append("counter(page)" if mark == "{page}" else "counter(pages)")
        rest = rest[at + len(mark) :]
    return " ".join(parts)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_html(context: dict[str, Any], words: Gettext, *, page_size: PageSize = "A4") -> str:
    folder = report_designs_dir()
    environment = Environment(
        loader=FileSystemLoader(folder), autoescape=True, undefined=StrictUndefined
    )
    stylesheet = (folder / "print.css").read_text(encoding="utf-8")
    page = "A4" if page_size == "A4" else "letter"
    css = stylesheet.replace("@PAGE_SIZE@", page).replace("@PAGE_COUNTER@", _page_counter(words))
    return environment.get_template("synthesis.html").render(
        **context,
        stylesheet=Markup(css),  # noqa: S704 - our own file and our own catalogue's words
    )


def write_pdf(html: str, target: Path | IO[bytes]) -> None:
    from weasyprint import HTML  # imported here: only report rendering needs Pango

    HTML(string=html, url_fetcher=sealed_fetcher(), base_url=None).write_pdf(
        target, pdf_variant=PDF_VARIANT
    )


FORMAT = Format(name="pdf", extension="pdf", media_type="application/pdf", start=PdfWriter)
