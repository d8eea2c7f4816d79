"""What the kinds' report facets share: scale points as people read them, palettes, the
figures of numbers with their unit, years read as years.

Every string a reader sees goes through `words` (the report's gettext), so a Korean
report says 평균, not "Mean"; questionnaire texts go through `localize`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from survey.core.figures import (
    DONT_KNOW_WORD,
    NOT_OFFERED_WORD,
    Count,
    Figures,
    count_label,
    rounded,
)
from survey.core.schema import DONT_KNOW, Text
from survey.kinds.specs import Bar, Chart, Gettext, Heading, LegendEntry, Palette

Localize = Callable[[Text | None], str]
#: Whole numbers between these bounds, asked as integers, are read as years.
YEARS = (1000, 2999)


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def point_name(count: Count, labels: Mapping[int, Text], localize: Localize, words: Gettext) -> str:
    """A scale point as a legend names it: "1 Not feasible", "2", "Don't know"."""
    if count.id == DONT_KNOW:
        return words(DONT_KNOW_WORD)
    try:
        point = int(count.id)
    except ValueError:
        return count_label(count, words)
    label = localize(labels.get(point)) if point in labels else ""
    return f"{point} {label}" if label else str(point)


def scale_palette(low: int, high: int, labels: Mapping[int, Text]) -> Palette:
    """Diverging where the scale has a centre people read as neutral: centred on zero,
    or an odd number of points whose middle point the author labelled; else an ordered
    ramp from light to dark."""
    if low < 0 < high and -low == high:
        return "diverging"
    points = high - low + 1
    return "diverging" if points % 2 and (low + high) // 2 in labels else "sequential"


def point_legend(
    counts: list[Count], labels: Mapping[int, Text], localize: Localize, words: Gettext
) -> list[LegendEntry]:
    return [
        LegendEntry(
            key=count.id,
            label=point_name(count, labels, localize, words),
            offered=count.offered,
            apart=count.id == DONT_KNOW,
        )
        for count in counts
    ]


def share_bars(
    counts: list[Count], label: Callable[[Count], str], *, apart: frozenset[str] = frozenset()
) -> list[Bar]:
    """One bar per count, its share written beside it; counts no version offered stay
    (as "not offered") so a comparison can say so."""
    return [
        Bar(
            key=count.id,
            label=label(count),
            values=[count.share or 0.0],
            shown=percent(count.share),
            offered=count.offered,
            apart=count.id in apart,
        )
        for count in counts
    ]


def offered_or(count: Count, words: Gettext, value: Any) -> Any:
    return value if count.offered else words(NOT_OFFERED_WORD)


def answers_measure(answered: int, words: Gettext) -> str:
    return words("shares of {count} answers").format(count=answered)


def stacked(
    rows: list[tuple[str, str, list[Count], float | None, bool]],
    legend: list[LegendEntry],
    palette: Palette,
    measure: str,
) -> Chart:
    """One 100% bar per row (key, label, counts, mean, offered) split by the legend."""
    return Chart(
        style="stacked",
        rows=[
            Bar(
                key=key,
                label=label,
                values=[float(c.count) for c in counts],
                mean=mean,
                offered=offered,
            )
            for key, label, counts, mean, offered in rows
        ],
        legend=legend,
        palette=palette,
        measure=measure,
    )


# --- numbers ------------------------------------------------------------------------------


def is_year(integer: bool, low: float | None, high: float | None) -> bool:
    """An integer question bounded within calendar years asks for a year."""
    return integer and low is not None and high is not None and YEARS[0] <= low <= high <= YEARS[1]


def amount(value: float | None, unit: str, digits: int = 2) -> str:
    """A figure with its unit: "167.77 USD million", "12 percent"."""
    if value is None:
        return "-"
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:,.0f}"
    return f"{text} {unit}".strip()


def number_figures(
    figures: Figures | None, unit: str, words: Gettext, *, years: bool = False
) -> list[tuple[str, str]]:
    """Mean, median, spread and range in a few words, with the unit; years as years."""
    if figures is None or not figures.count:
        return []
    if years:
        return [
            (words("Median"), f"{round(figures.median or 0):d}"),
            (words("Mean"), f"{round(figures.mean or 0):d}"),
            (
                words("Range"),
                words("{low} to {high}").format(
                    low=f"{figures.min or 0:.0f}", high=f"{figures.max or 0:.0f}"
                ),
            ),
            (words("Spread (SD)"), words("{count} years").format(count=f"{figures.sd or 0:.1f}")),
        ]
    return [
        (words("Mean"), amount(figures.mean, unit)),
        (words("Median"), amount(figures.median, unit)),
        (words("Spread (SD)"), amount(figures.sd, unit)),
        (
            words("Range"),
            words("{low} to {high}").format(
                low=amount(figures.min, ""), high=amount(figures.max, unit)
            ),
        ),
    ]


def unit_format(unit: str, *, integer: bool = False) -> str:
    """An Excel number format that shows the unit beside the number."""
    base = "#,##0" if integer else "#,##0.##"
    if not unit:
        return base
    return base + ' "' + unit.replace('"', "") + '"'


def figure_table_rows(figures: Figures, words: Gettext, *, years: bool = False) -> list[list[Any]]:
    """Count, mean, median, spread and range as Summary rows (years rounded to years)."""
    digits = 0 if years else 2
    median = words("Median") + (f" ({words('from a sample')})" if figures.approximate else "")
    return [
        [words("Answers"), figures.count],
        [words("Mean"), rounded(figures.mean, digits)],
        [median, rounded(figures.median, digits)],
        [words("Standard deviation"), rounded(figures.sd, 2)],
        [words("Min"), figures.min],
        [words("Max"), figures.max],
    ]


# --- moments ------------------------------------------------------------------------------


def timeline(buckets: list[Count], measure: str) -> Chart | None:
    """Counts per month or year, in time order, as a small timeline."""
    if not buckets:
        return None
    return Chart(
        style="timeline",
        rows=[
            Bar(key=b.id, label=b.label or b.id, values=[float(b.count)], shown=str(b.count))
            for b in buckets
        ],
        measure=measure,
    )


def month_buckets(days: Mapping[str, int]) -> list[Count]:
    """Counts per "YYYY-MM" merged into years when they span more than four years."""
    if not days:
        return []
    months = sorted(days)
    first, last = date.fromisoformat(months[0] + "-01"), date.fromisoformat(months[-1] + "-01")
    if (last.year - first.year) > 4:
        years: dict[str, int] = {}
        for month, count in days.items():
            years[month[:4]] = years.get(month[:4], 0) + count
        return [Count(id=y, count=years.get(y, 0)) for y in _span(int(months[0][:4]), last.year)]
    out = []
    at_year, at_month = first.year, first.month
    while (at_year, at_month) <= (last.year, last.month):
        key = f"{at_year:04d}-{at_month:02d}"
        out.append(Count(id=key, count=days.get(key, 0)))
        at_year, at_month = (at_year + 1, 1) if at_month == 12 else (at_year, at_month + 1)
    return out


def _span(first: int, last: int) -> list[str]:
    return [str(year) for year in range(first, last + 1)]


def point_value_labels(
    labels: Mapping[int, Text], dont_know: bool, heading: Heading
) -> dict[str, str]:
    """Value labels of a scale's points for statistics packages (labelled points only)."""
    named = {str(point): heading.localize(label) for point, label in labels.items()}
    return named | ({DONT_KNOW: heading.words(DONT_KNOW_WORD)} if dont_know else {})
