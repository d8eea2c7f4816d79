"""The figures a report shows, as plain data: counts, shares, means, ranks, free texts.

Tallies (`statistics.py` and the kinds) produce them, the aggregate gathers them per
question and segment, and every report writer reads them; none recomputes them.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from survey.core.schema import DONT_KNOW, OTHER

Gettext = Callable[[str], str]

#: Report words for the answers every kind may share, as English msgids.
OTHER_WORD = "Other"
DONT_KNOW_WORD = "Don't know"
#: Where a version did not have a question, or did not offer a choice.
NOT_ASKED_WORD = "not asked"
NOT_OFFERED_WORD = "not offered"
_WORDS = {OTHER: OTHER_WORD, DONT_KNOW: DONT_KNOW_WORD}


class Share(float):
    """A proportion (0 to 1): written as a percentage wherever it is shown."""


class Count(msgspec.Struct, kw_only=True):
    id: str
    label: str = ""
    count: int
    share: float | None = None
    #: False when none of the versions answered offered this option.
    offered: bool = True


class Figures(msgspec.Struct, kw_only=True):
    count: int
    mean: float | None = None
    median: float | None = None
    sd: float | None = None
    min: float | None = None
    max: float | None = None
    approximate: bool = False


class RowFigures(msgspec.Struct, kw_only=True):
    id: str
    label: str = ""
    counts: list[Count] = []
    figures: Figures | None = None
    #: False when none of the versions answered had this row (or allocation choice).
    offered: bool = True


class RankFigures(msgspec.Struct, kw_only=True):
    id: str
    label: str = ""
    ranked: int
    mean_rank: float | None
    first_place: int
    borda: int
    offered: bool = True


class TextSample(msgspec.Struct, kw_only=True):
    text: str
    language: str


class Tallied(msgspec.Struct, kw_only=True):
    """What a tally reports; the fields that do not apply to its type stay empty."""

    counts: list[Count] = []
    figures: Figures | None = None
    rows: list[RowFigures] = []
    ranks: list[RankFigures] = []
    texts: list[TextSample] = []
    other_texts: list[TextSample] = []
    text_count: int = 0
    #: Answers per period ("2008-03", "2012"), in time order, for a small timeline.
    timeline: list[Count] = []


class QuestionReport(msgspec.Struct, kw_only=True):
    """One question's figures in one segment, with answered / skipped / not shown / not
    asked kept apart."""

    id: str
    kind: str
    number: int
    prompt: str
    versions: list[int]
    asked: int = 0
    answered: int = 0
    skipped: int = 0
    not_shown: int = 0
    not_asked: int = 0
    counts: list[Count] = []
    figures: Figures | None = None
    rows: list[RowFigures] = []
    ranks: list[RankFigures] = []
    texts: list[TextSample] = []
    other_texts: list[TextSample] = []
    text_count: int = 0
    timeline: list[Count] = []


def count_label(count: Count, gettext: Gettext = str) -> str:
    """A count's label, or the report's word for "Other" and "Don't know"."""
    if count.label:
        return count.label
    word = _WORDS.get(count.id)
    return gettext(word) if word is not None else count.id


def share(count: Count | None) -> Share | None:
    """A count's share as a `Share`, or None when there is none (not offered, no base)."""
    if count is None or count.share is None or not count.offered:
        return None
    return Share(round(count.share, 4))


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)
