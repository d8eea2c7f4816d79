"""Per-question statistics, one tally class per question type, in constant memory.

A tally sees each answer once (already translated to the line-up's stable ids) and
keeps only counters: counts per choice or point, sums for means and spreads, a capped
histogram for medians, and a bounded sample of free texts. Memory does not grow with
the number of responses.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import msgspec

from survey.schema import (
    DONT_KNOW,
    OTHER,
    AllocationQuestion,
    DateQuestion,
    LongTextQuestion,
    MatrixQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    RankingQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
)

#: Free texts kept per question and segment as representative answers (all of them
#: still reach the reports' free-text listings, which are written as responses stream).
TEXT_SAMPLE = 40
#: Distinct values kept exactly for medians; beyond that a fixed-size sample stands in.
HISTOGRAM_LIMIT = 10_000


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


class RankFigures(msgspec.Struct, kw_only=True):
    id: str
    label: str = ""
    ranked: int
    mean_rank: float | None
    first_place: int
    borda: int


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


class Values:
    """Count, mean, spread, range and median of numbers, in bounded memory."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.squares = 0.0
        self.low: float | None = None
        self.high: float | None = None
        self.histogram: Counter[float] | None = Counter()
        self.sample: list[float] = []
        self._random = random.Random(0)  # noqa: S311 - a reproducible sample, not a secret

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value
        self.squares += value * value
        self.low = value if self.low is None else min(self.low, value)
        self.high = value if self.high is None else max(self.high, value)
        if self.histogram is not None:
            self.histogram[value] += 1
            if len(self.histogram) > HISTOGRAM_LIMIT:
                self.sample = list(self.histogram.elements())[:HISTOGRAM_LIMIT]
                self.histogram = None
        elif len(self.sample) < HISTOGRAM_LIMIT:
            self.sample.append(value)
        else:
            slot = self._random.randrange(self.count)
            if slot < HISTOGRAM_LIMIT:
                self.sample[slot] = value

    def figures(self) -> Figures:
        if not self.count:
            return Figures(count=0)
        mean = self.total / self.count
        variance = max(self.squares / self.count - mean * mean, 0.0)
        return Figures(
            count=self.count,
            mean=mean,
            median=self._median(),
            sd=math.sqrt(variance),
            min=self.low,
            max=self.high,
            approximate=self.histogram is None,
        )

    def _median(self) -> float:
        if self.histogram is None:
            ordered = sorted(self.sample)
            middle = len(ordered) // 2
            return (
                ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
            )
        return _median_of_counts(self.histogram, self.count)


def _median_of_counts(counts: Counter[float], total: int) -> float:
    ordered = sorted(counts.items())

    def nth(position: int) -> float:
        seen = 0
        for value, count in ordered:
            seen += count
            if seen > position:
                return value
        return ordered[-1][0]

    if total % 2:
        return nth(total // 2)
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


class Texts:
    def __init__(self) -> None:
        self.count = 0
        self.sample: list[TextSample] = []

    def add(self, text: str, language: str) -> None:
        self.count += 1
        if len(self.sample) < TEXT_SAMPLE:
            self.sample.append(TextSample(text=text, language=language))


def _shares(counts: Counter[str], order: Iterable[str], base: int) -> list[Count]:
    return [
        Count(id=key, count=counts[key], share=counts[key] / base if base else None)
        for key in order
    ]


class ChoiceTally:
    """Single and multiple choice: counts and shares per choice, "other" and its texts."""

    def __init__(self, choice_ids: list[str], offers_other: bool) -> None:
        self.order = choice_ids + ([OTHER] if offers_other else [])
        self.counts: Counter[str] = Counter()
        self.answered = 0
        self.other = Texts()

    def add(self, value: Any, other_text: str | None, language: str) -> None:
        self.answered += 1
        for choice in value if isinstance(value, list) else [value]:
            self.counts[choice] += 1
        if other_text:
            self.other.add(other_text, language)

    def report(self) -> Tallied:
        return Tallied(
            counts=_shares(self.counts, self.order, self.answered),
            other_texts=self.other.sample,
            text_count=self.other.count,
        )


class PointTally:
    """A scale (or one matrix row on a scale): the distribution and its figures."""

    def __init__(self, low: int, high: int, dont_know: bool) -> None:
        self.order = [str(point) for point in range(low, high + 1)] + (
            [DONT_KNOW] if dont_know else []
        )
        self.counts: Counter[str] = Counter()
        self.values = Values()
        self.answered = 0

    def add(self, value: Any) -> None:
        self.answered += 1
        self.counts[str(value)] += 1
        if value != DONT_KNOW:
            self.values.add(float(value))

    def report(self) -> Tallied:
        seen = sorted((key for key in self.counts if key not in self.order), key=_point_order)
        order = [*self.order[: len(self.order) - (DONT_KNOW in self.order)], *seen]
        order += [DONT_KNOW] if DONT_KNOW in self.order else []
        return Tallied(
            counts=_shares(self.counts, order, self.answered), figures=self.values.figures()
        )


def _point_order(key: str) -> float:
    try:
        return float(key)
    except ValueError:
        return math.inf


class MatrixTally:
    """Each row tallied like a scale, or like a single choice among the columns."""

    def __init__(
        self, question: MatrixQuestion, rows: list[str], columns: list[str] | None
    ) -> None:
        self.rows = rows
        self.cells: dict[str, ChoiceTally | PointTally] = {}
        for row in rows:
            if columns is not None:
                options = columns + ([DONT_KNOW] if question.dont_know else [])
                self.cells[row] = ChoiceTally(options, offers_other=False)
            else:
                self.cells[row] = PointTally(
                    question.min or 0, question.max or 0, question.dont_know
                )

    def add(self, value: dict[str, Any]) -> None:
        for row, cell in value.items():
            if row in self.cells:
                tally = self.cells[row]
                if isinstance(tally, ChoiceTally):
                    tally.add(cell, None, "")
                else:
                    tally.add(cell)

    def report(self) -> Tallied:
        rows = []
        for row in self.rows:
            figures = self.cells[row].report()
            rows.append(RowFigures(id=row, counts=figures.counts, figures=figures.figures))
        return Tallied(rows=rows)


class RankTally:
    """Mean rank, first places and a Borda score (n points for first place, n-1 for second…)."""

    def __init__(self, choice_ids: list[str]) -> None:
        self.order = choice_ids
        self.points = len(choice_ids)
        self.rank_sums: Counter[str] = Counter()
        self.ranked: Counter[str] = Counter()
        self.first: Counter[str] = Counter()
        self.borda: Counter[str] = Counter()

    def add(self, value: list[str]) -> None:
        for rank, choice in enumerate(value, 1):
            self.rank_sums[choice] += rank
            self.ranked[choice] += 1
            self.borda[choice] += self.points - rank + 1
            if rank == 1:
                self.first[choice] += 1

    def report(self) -> Tallied:
        ranks = [
            RankFigures(
                id=choice,
                ranked=self.ranked[choice],
                mean_rank=self.rank_sums[choice] / self.ranked[choice]
                if self.ranked[choice]
                else None,
                first_place=self.first[choice],
                borda=self.borda[choice],
            )
            for choice in self.order
        ]
        return Tallied(ranks=sorted(ranks, key=lambda r: (-r.borda, r.id)))


class AllocationTally:
    """Mean, median and range of the amount given to each choice (missing counts as 0)."""

    def __init__(self, choice_ids: list[str]) -> None:
        self.values = {choice: Values() for choice in choice_ids}

    def add(self, value: dict[str, float]) -> None:
        for choice, values in self.values.items():
            values.add(float(value.get(choice, 0)))

    def report(self) -> Tallied:
        return Tallied(
            rows=[
                RowFigures(id=choice, figures=values.figures())
                for choice, values in self.values.items()
            ]
        )


class NumberTally:
    def __init__(self) -> None:
        self.values = Values()

    def add(self, value: float) -> None:
        self.values.add(float(value))

    def report(self) -> Tallied:
        return Tallied(figures=self.values.figures())


class DateTally:
    """Earliest, latest and median date, as ordinal days."""

    def __init__(self) -> None:
        self.values = Values()

    def add(self, value: str) -> None:
        self.values.add(float(date.fromisoformat(value).toordinal()))

    def report(self) -> Tallied:
        return Tallied(figures=self.values.figures())


class TextTally:
    def __init__(self) -> None:
        self.texts = Texts()

    def add(self, value: str, language: str) -> None:
        self.texts.add(value, language)

    def report(self) -> Tallied:
        return Tallied(texts=self.texts.sample, text_count=self.texts.count)


def new_tally(question: Any, options: dict[str, list[str]]) -> Any:
    """The tally for `question` (its newest definition) over the line-up's option ids."""
    choices = options.get("choices", [])
    if isinstance(question, SingleChoiceQuestion | MultipleChoiceQuestion):
        return ChoiceTally(choices, offers_other=question.other)
    if isinstance(question, ScaleQuestion):
        return PointTally(question.min, question.max, question.dont_know)
    if isinstance(question, MatrixQuestion):
        columns = options.get("columns") if question.columns is not None else None
        return MatrixTally(question, options.get("rows", []), columns)
    if isinstance(question, RankingQuestion | AllocationQuestion):
        return TALLIES[type(question)](choices)
    return TALLIES[type(question)]()


#: The tally for each answerable question type.
TALLIES: dict[type, Callable[..., Any]] = {
    SingleChoiceQuestion: ChoiceTally,
    MultipleChoiceQuestion: ChoiceTally,
    ScaleQuestion: PointTally,
    MatrixQuestion: MatrixTally,
    RankingQuestion: RankTally,
    AllocationQuestion: AllocationTally,
    NumberQuestion: NumberTally,
    DateQuestion: DateTally,
    TextQuestion: TextTally,
    LongTextQuestion: TextTally,
}
