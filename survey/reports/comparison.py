"""Several segments side by side on the questions they share.

Used by the workbook's Comparison sheet and the PDF's comparison section, so both show
the same thing: for each question asked in at least two segments (in segment order,
which for workshops is time order), what each segment answered (N), the figures its
kind offers for comparison (shares per choice, distributions of scales and matrix rows,
means, Borda points), "not offered" where a segment's version lacked a choice or point,
the segments that were not asked (said once), and what changed between versions.
Questions asked in one segment only are listed once by segment.
"""

from __future__ import annotations

from typing import Any

import msgspec

from survey.catalogs import Gettext
from survey.core.aggregate import Aggregate, SegmentReport
from survey.core.figures import NOT_OFFERED_WORD, QuestionReport, Share
from survey.kinds.specs import Chart, Summary
from survey.reports.summaries import Summaries


class Side(msgspec.Struct, kw_only=True):
    """One segment's part of a compared question (`report` None: not asked there)."""

    title: str
    report: QuestionReport | None
    summary: Summary | None

    @property
    def answered(self) -> int:
        return self.report.answered if self.report is not None else 0


class Compared(msgspec.Struct, kw_only=True):
    key: tuple[str, str]
    number: int
    prompt: str
    sides: list[Side]
    not_asked: list[str]
    changes: list[str] = []

    @property
    def asked(self) -> list[Side]:
        return [side for side in self.sides if side.report is not None]

    def charts(self) -> list[tuple[str, int, Chart | None]]:
        """(segment, N, chart) of every segment asked, for a side-by-side chart."""
        return [
            (side.title, side.answered, side.summary.comparable if side.summary else None)
            for side in self.asked
        ]


def _asked(segment: SegmentReport, question_id: str) -> QuestionReport | None:
    if segment.suppressed:
        return None
    found = next((q for q in segment.questions if q.id == question_id), None)
    return found if found is not None and found.asked else None


def compare(
    aggregate: Aggregate, summaries: Summaries, changes: dict[tuple[str, str], list[str]]
) -> tuple[list[Compared], dict[str, list[str]]]:
    """The compared questions, and per segment the questions only it was asked."""
    segments = aggregate.segments
    compared: list[Compared] = []
    only: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    for segment in segments:
        for question in segment.questions:
            key = (segment.questionnaire_id, question.id)
            if key in seen:
                continue
            seen.add(key)
            sides = []
            for other in segments:
                report = _asked(other, question.id) if other.questionnaire_id == key[0] else None
                summary = summaries.of(key[0], report) if report is not None else None
                sides.append(Side(title=other.title, report=report, summary=summary))
            asked = [side for side in sides if side.report is not None]
            if len(asked) == 1:
                only.setdefault(asked[0].title, []).append(f"Q{question.number}")
            if len(asked) < 2:
                continue
            compared.append(
                Compared(
                    key=key,
                    number=question.number,
                    prompt=question.prompt,
                    sides=sides,
                    not_asked=[
                        side.title
                        for side, other in zip(sides, segments, strict=True)
                        if side.report is None
                        and other.questionnaire_id == key[0]
                        and not other.suppressed
                    ],
                    changes=changes.get(key, []),
                )
            )
    return compared, only


def _cell(value: float, percent: bool, offered: bool) -> Any:
    if not offered:
        return NOT_OFFERED_WORD
    return Share(round(value, 4)) if percent else round(value, 2)


def comparison_rows(
    item: Compared, words: Gettext, *, compact: bool = False
) -> list[tuple[str, list[Any]]]:
    """Rows of one figure per segment asked: N, then the figures of the kind's
    comparison chart (or its key figures where it draws none). `compact` (beside a
    chart that shows the distributions): rows with a mean give only their mean."""
    asked = item.asked
    rows: list[tuple[str, list[Any]]] = [(words("Answered"), [side.answered for side in asked])]
    charts = [side.summary.comparable if side.summary else None for side in asked]
    sample = next((chart for chart in charts if chart is not None and chart.rows), None)
    if sample is None or sample.style == "timeline":
        labels: list[str] = []
        for side in asked:
            for label, _value in side.summary.figures if side.summary else []:
                if label not in labels:
                    labels.append(label)
        for label in labels:
            rows.append(
                (
                    label,
                    [
                        dict(side.summary.figures).get(label) if side.summary else None
                        for side in asked
                    ],
                )
            )
        return rows
    keys = _union([[bar.key for bar in chart.rows] for chart in charts if chart is not None])
    label_of = {bar.key: bar.label for chart in charts if chart for bar in chart.rows}
    if sample.style == "bars":
        for key in keys:
            rows.append((label_of[key], [_bar_cell(chart, key) for chart in charts]))
        return rows
    entries = _union([[e.key for e in chart.legend] for chart in charts if chart is not None])
    entry_label = {e.key: e.label for chart in charts if chart for e in chart.legend}
    brief = (
        compact
        and len(keys) > 1
        and any(_mean(chart, k) is not None for chart in charts for k in keys)
    )
    for key in keys:
        prefix = f"{label_of[key]}: " if label_of[key] else ""
        for entry in [] if brief else entries:
            rows.append(
                (f"{prefix}{entry_label[entry]}", [_share(chart, key, entry) for chart in charts])
            )
        means = [_mean(chart, key) for chart in charts]
        if any(isinstance(mean, float) for mean in means):
            rows.append((f"{prefix}{words('Mean')}", means))
    return rows


def _union(lists: list[list[str]]) -> list[str]:
    seen: list[str] = []
    for keys in lists:
        for key in keys:
            if key not in seen:
                seen.append(key)
    return seen


def _bar_cell(chart: Chart | None, key: str) -> Any:
    bar = next((b for b in chart.rows if b.key == key), None) if chart else None
    if bar is None:
        return NOT_OFFERED_WORD
    return _cell(bar.values[0], chart.percent if chart else False, bar.offered)


def _share(chart: Chart | None, key: str, entry: str) -> Any:
    if chart is None:
        return None
    bar = next((b for b in chart.rows if b.key == key), None)
    index = next((i for i, e in enumerate(chart.legend) if e.key == entry), None)
    if bar is None or index is None or not bar.offered or not chart.legend[index].offered:
        return NOT_OFFERED_WORD
    total = sum(bar.values)
    return Share(round(bar.values[index] / total, 4)) if total else None


def _mean(chart: Chart | None, key: str) -> Any:
    bar = next((b for b in chart.rows if b.key == key), None) if chart else None
    if bar is not None and not bar.offered:
        return NOT_OFFERED_WORD
    return None if bar is None or bar.mean is None else round(bar.mean, 2)
