"""Tally building blocks shared by the kinds, in constant memory.

A tally sees each answer once (already translated to the line-up's stable ids) as
`add(value, other_text, language)` and keeps only counters: counts per choice or point,
sums for means and spreads, a capped histogram for medians, and a bounded sample of free
texts. Memory does not grow with the number of responses. Each kind picks or builds its
tally from these (`Kind.new_tally`).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable
from typing import Any, Protocol

from survey.core.figures import Count, Figures, Tallied, TextSample
from survey.core.schema import DONT_KNOW, OTHER

#: Free texts kept per question and segment as representative answers (all of them
#: still reach the reports' free-text listings, which are written as responses stream).
TEXT_SAMPLE = 40
#: Distinct values kept exactly for medians; beyond that a fixed-size sample stands in.
HISTOGRAM_LIMIT = 10_000


class Tally(Protocol):
    """What the aggregate feeds answers to and reads figures from."""

    def add(self, value: Any, other: str | None, language: str) -> None: ...

    def report(self) -> Tallied: ...


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

    def add(self, value: Any, other: str | None, language: str) -> None:
        self.answered += 1
        for choice in value if isinstance(value, list) else [value]:
            self.counts[choice] += 1
        if other:
            self.other.add(other, language)

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

    def add(self, value: Any, other: str | None = None, language: str = "") -> None:
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


class ValuesTally:
    """Numbers: count, mean, median, spread and range."""

    def __init__(self) -> None:
        self.values = Values()

    def add(self, value: Any, other: str | None, language: str) -> None:
        self.values.add(float(value))

    def report(self) -> Tallied:
        return Tallied(figures=self.values.figures())


class TextTally:
    """Free texts: how many, and a bounded sample with their languages."""

    def __init__(self) -> None:
        self.texts = Texts()

    def add(self, value: Any, other: str | None, language: str) -> None:
        self.texts.add(value, language)

    def report(self) -> Tallied:
        return Tallied(texts=self.texts.sample, text_count=self.texts.count)
