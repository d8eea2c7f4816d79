"""Tallies: exact figures on small known inputs, and bounded memory on large ones."""

from __future__ import annotations

import pytest

from survey.core.statistics import (
    HISTOGRAM_LIMIT,
    TEXT_SAMPLE,
    ChoiceTally,
    PointTally,
    Texts,
    Values,
)
from survey.kinds.ranking import RankTally


def test_values_give_mean_median_spread_and_range() -> None:
    values = Values()
    for value in (1, 2, 2, 3, 10):
        values.add(value)
    figures = values.figures()
    assert (figures.count, figures.mean, figures.median, figures.min, figures.max) == (
        5,
        3.6,
        2,
        1,
        10,
    )
    assert figures.sd == pytest.approx(3.2619, rel=1e-4)
    assert not figures.approximate


def test_even_counts_take_the_middle_two_for_the_median() -> None:
    values = Values()
    for value in (4, 1, 3, 2):
        values.add(value)
    assert values.figures().median == 2.5


def test_values_stay_bounded_beyond_the_histogram_limit() -> None:
    values = Values()
    for value in range(HISTOGRAM_LIMIT * 3):
        values.add(float(value))
    figures = values.figures()
    assert (
        figures.approximate and len(values.sample) == HISTOGRAM_LIMIT and values.histogram is None
    )
    assert figures.mean == pytest.approx(HISTOGRAM_LIMIT * 1.5 - 0.5)
    assert abs(figures.median - HISTOGRAM_LIMIT * 1.5) < HISTOGRAM_LIMIT * 0.1


def test_choice_shares_are_of_those_who_answered() -> None:
    tally = ChoiceTally(["a", "b", "c"], offers_other=True)
    tally.add(["a", "b"], None, "en")
    tally.add(["a"], None, "en")
    tally.add(["other"], "Mongolia", "ko")
    report = tally.report()
    assert [(c.id, c.count, round(c.share, 3)) for c in report.counts] == [
        ("a", 2, 0.667),
        ("b", 1, 0.333),
        ("c", 0, 0.0),
        ("other", 1, 0.333),
    ]
    assert [(t.text, t.language) for t in report.other_texts] == [("Mongolia", "ko")]


def test_scale_distribution_excludes_dont_know_from_the_mean() -> None:
    tally = PointTally(1, 5, dont_know=True)
    for value in (1, 5, 5, "dont_know"):
        tally.add(value)
    report = tally.report()
    assert [(c.id, c.count) for c in report.counts] == [
        ("1", 1),
        ("2", 0),
        ("3", 0),
        ("4", 0),
        ("5", 2),
        ("dont_know", 1),
    ]
    assert report.figures is not None and report.figures.mean == pytest.approx(11 / 3)


def test_rankings_give_mean_rank_first_places_and_borda() -> None:
    tally = RankTally(["a", "b", "c"])
    tally.add(["a", "b", "c"])
    tally.add(["b", "a"])
    tally.add(["a"])
    ranks = {r.id: r for r in tally.report().ranks}
    assert (ranks["a"].borda, ranks["a"].first_place, ranks["a"].mean_rank) == (
        3 + 2 + 3,
        2,
        pytest.approx(4 / 3),
    )
    assert (ranks["b"].borda, ranks["b"].first_place) == (2 + 3, 1)
    assert (ranks["c"].borda, ranks["c"].ranked) == (1, 1)
    assert [r.id for r in tally.report().ranks] == ["a", "b", "c"]


def test_free_texts_keep_a_bounded_sample_and_the_full_count() -> None:
    texts = Texts()
    for number in range(TEXT_SAMPLE * 5):
        texts.add(f"answer {number}", "en")
    assert texts.count == TEXT_SAMPLE * 5 and len(texts.sample) == TEXT_SAMPLE
