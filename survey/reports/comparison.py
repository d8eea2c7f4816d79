"""Figures of several segments side by side, on the questions they share.

Used by the workbook's Comparison sheet and the PDF's wrap-up section, so both show the
same figures: shares per choice, means per row, Borda scores, and "not asked" or
"not offered" where a version lacked a question or a choice.
"""

from __future__ import annotations

import itertools
from typing import Any

from survey.core.aggregate import SegmentReport
from survey.core.diff import diff_versions
from survey.core.figures import (
    NOT_ASKED_WORD,
    NOT_OFFERED_WORD,
    Count,
    QuestionReport,
    count_label,
    rounded,
)
from survey.core.figures import share as share_of
from survey.core.questionnaire import Questionnaire
from survey.kinds import BY_NAME

NOT_ASKED = NOT_ASKED_WORD
NOT_OFFERED = NOT_OFFERED_WORD


def shared_questions(segments: list[SegmentReport]) -> list[tuple[tuple[str, str], str]]:
    seen: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], str] = {}
    for segment in segments:
        for question in segment.questions:
            key = (segment.questionnaire_id, question.id)
            seen[key] = seen.get(key, 0) + 1
            first.setdefault(key, f"Q{question.number}. {question.prompt}")
    return [(key, first[key]) for key in first if seen[key] > 1]


def find(segment: SegmentReport, key: tuple[str, str]) -> QuestionReport | None:
    if segment.questionnaire_id != key[0]:
        return None
    return next((q for q in segment.questions if q.id == key[1]), None)


def share(count: Count | None) -> Any:
    """A comparison cell for a count: its share, or "not offered"."""
    if count is not None and not count.offered:
        return NOT_OFFERED
    return share_of(count)


def _per_segment(questions: list[QuestionReport | None], figure: Any) -> list[Any]:
    """One cell per segment: the figure, or "not asked" where no version had the question."""
    return [None if q is None else NOT_ASKED if q.asked == 0 else figure(q) for q in questions]


def comparable_rows(questions: list[QuestionReport | None]) -> list[tuple[str, list[Any]]]:
    """Rows of one figure per segment: shares per choice, means per row, Borda scores…"""
    asked = [q for q in questions if q is not None and q.asked]
    rows: list[tuple[str, list[Any]]] = [
        ("Answered", _per_segment(questions, lambda q: q.answered))
    ]
    if not asked:
        return rows
    sample = max(asked, key=lambda q: len(q.counts) + len(q.rows) + len(q.ranks))
    for count in sample.counts:
        rows.append(
            (
                f"{count_label(count)} (share)",
                _per_segment(
                    questions,
                    lambda q, c=count.id: share(next((x for x in q.counts if x.id == c), None)),
                ),
            )
        )
    for row in sample.rows:
        rows.append(
            (
                f"{row.label} (mean)",
                _per_segment(questions, lambda q, r=row.id: _row_mean(q, r)),
            )
        )
    for rank in sample.ranks:
        rows.append(
            (
                f"{rank.label} (Borda score)",
                _per_segment(
                    questions,
                    lambda q, c=rank.id: next((r.borda for r in q.ranks if r.id == c), None),
                ),
            )
        )
    if BY_NAME[sample.kind].compares_mean:
        rows.append(
            (
                "Mean",
                _per_segment(questions, lambda q: rounded(q.figures.mean) if q.figures else None),
            )
        )
    return rows


def _row_mean(question: QuestionReport, row_id: str) -> Any:
    row = next((r for r in question.rows if r.id == row_id), None)
    return rounded(row.figures.mean) if row is not None and row.figures is not None else None


def version_changes(
    schemas: dict[tuple[str, int], Questionnaire],
) -> dict[tuple[str, str], list[str]]:
    """Per question, what changed between consecutive versions in the selection."""
    changes: dict[tuple[str, str], list[str]] = {}
    by_id: dict[str, list[int]] = {}
    for qid, version in schemas:
        by_id.setdefault(qid, []).append(version)
    for qid, versions in by_id.items():
        ordered = sorted(versions)
        for old, new in itertools.pairwise(ordered):
            for change in diff_versions(schemas[(qid, old)], schemas[(qid, new)]):
                if change.what != "question":
                    continue
                detail = "; ".join(change.details) or change.summary or change.kind
                changes.setdefault((qid, change.id), []).append(
                    f"v{old}→v{new} {change.kind}: {detail}"
                )
    return changes
