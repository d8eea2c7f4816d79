"""One chart per compared question: each segment side by side, in segment (time) order,
labelled with its title and N.

Bars: per choice (or figure), one bar per segment. Stacked: per row, one 100% bar per
segment, one legend for all; a point or option a segment's version did not offer is
named under the chart. Timeline: one strip per segment on a shared time axis.
"""

from __future__ import annotations

from survey.kinds.reporting import month_buckets
from survey.kinds.specs import Bar, Chart, Gettext, LegendEntry
from survey.reports import fonts
from survey.reports.charts import (
    APART_GAP,
    BAR,
    GAP,
    WIDTH,
    Labels,
    Svg,
    entry_fills,
    legend,
    stacked_bar,
)
from survey.reports.palette import fills

Part = tuple[str, int, Chart | None]
HEADER_SIZES = (9.5, 8.5)


def _name(title: str, answered: int) -> str:
    return f"{title} (N={answered})"


def _header(svg: Svg, label: str, y: float) -> float:
    if not label:
        return y
    lines, size = fonts.fit(label, WIDTH - 8, svg.language, sizes=HEADER_SIZES, max_lines=3)
    svg.lines(2, y, lines, size, anchor="start")
    return y + len(lines) * size * 1.2 + 3


def _keys(charts: list[Chart]) -> list[Bar]:
    seen: dict[str, Bar] = {}
    for chart in charts:
        for bar in chart.rows:
            seen.setdefault(bar.key, bar)
    return list(seen.values())


def compared_bars(parts: list[Part], words: Gettext, language: str) -> tuple[str, str]:
    svg = Svg(language)
    present = [(title, n, chart) for title, n, chart in parts if chart is not None]
    names = [_name(title, n) for title, n, _chart in present]
    labels = Labels(svg, names, least=0.26)
    painted = fills("categorical", len(present))
    not_offered = words("not offered")
    shown_room = (
        max(
            (svg.width(b.shown or not_offered, 9) for _t, _n, c in present for b in c.rows),
            default=0,
        )
        + 8
    )
    left = labels.room + 6
    plot = WIDTH - left - shown_room
    top_value = (
        max((b.values[0] for _t, _n, c in present for b in c.rows if b.offered), default=0.0) or 1.0
    )
    percent = any(chart.percent for _t, _n, chart in present)
    y = GAP
    alt_items = []
    for key_bar in _keys([chart for _t, _n, chart in present]):
        y = _header(svg, key_bar.label, y)
        group_top = y
        for index, (name, (_title, _n, chart)) in enumerate(zip(names, present, strict=True)):
            bar = next((b for b in chart.rows if b.key == key_bar.key), None)
            labels.draw(name, y, max(BAR, labels.height(name)))
            height = max(BAR, labels.height(name))
            top = y + (height - BAR) / 2
            if bar is None or not bar.offered:
                svg.text(
                    left + 2, top + BAR - 3.5, not_offered, size=9, fill="#555", style="italic"
                )
                alt_items.append(f"{key_bar.label}, {name}: {not_offered}")
            else:
                length = plot * bar.values[0] / top_value
                svg.rect(left, top, length, BAR, painted[index])
                svg.text(left + length + 4, top + BAR - 3.5, bar.shown, size=9)
                alt_items.append(f"{key_bar.label}, {name}: {bar.shown}")
            y += height + 3
        svg.line(left - 0.5, group_top - 1, left - 0.5, y - 2)
        y += GAP
    measure = words("shares") if percent else present[0][2].measure if present else ""
    alt = f"{words('Bar chart')}, {measure}: " + "; ".join(alt_items)
    return svg.render(y, alt), ""


def compared_stacked(parts: list[Part], words: Gettext, language: str) -> tuple[str, str]:
    svg = Svg(language)
    present = [(title, n, chart) for title, n, chart in parts if chart is not None]
    names = [_name(title, n) for title, n, _chart in present]
    labels = Labels(svg, names, least=0.26)
    entries: dict[str, LegendEntry] = {}
    palette = present[0][2].palette
    for _t, _n, chart in present:
        for entry in chart.legend:
            if entry.offered:
                entries.setdefault(entry.key, entry)
    union = list(entries.values())
    probe = Chart(style="stacked", rows=[], legend=union, palette=palette)
    painted = entry_fills(probe, union)
    left = labels.room + 6
    y = GAP
    notes: list[str] = []
    alt_items = []
    for key_bar in _keys([chart for _t, _n, chart in present]):
        y = _header(svg, key_bar.label, y)
        for name, (_title, _n, chart) in zip(names, present, strict=True):
            bar = next((b for b in chart.rows if b.key == key_bar.key and b.offered), None)
            height = max(BAR, labels.height(name))
            labels.draw(name, y, height)
            if bar is None:
                svg.text(left + 2, y + BAR - 3.5, words("not offered"), size=9, style="italic")
            else:
                index = {e.key: i for i, e in enumerate(chart.legend) if e.offered}
                stacked_bar(
                    svg,
                    left,
                    y + (height - BAR) / 2,
                    WIDTH - left - 4,
                    [
                        (bar.values[index[e.key]], painted[e.key], e.apart)
                        for e in union
                        if e.key in index and index[e.key] < len(bar.values)
                    ],
                )
                alt_items.append(
                    f"{key_bar.label} {name}: ".lstrip()
                    + ", ".join(
                        f"{e.label} {bar.values[index[e.key]]:g}" for e in union if e.key in index
                    )
                )
            y += height + 3
        y += GAP
    for title, _n, chart in present:
        missing = [
            e.label for e in union if not any(x.key == e.key and x.offered for x in chart.legend)
        ]
        for label in missing:
            notes.append(
                words("{label}: not offered in {segment}").format(label=label, segment=title)
            )
    y += legend(svg, [(e.label, painted[e.key]) for e in union], y, left) + 6
    alt = f"{words('Stacked bar chart')}: " + "; ".join(alt_items)
    return svg.render(y, alt), "; ".join(notes)


def _bucketed(charts: list[Chart]) -> tuple[list[str], list[dict[str, int]]]:
    """A shared time axis and each chart's counts on it: months, or years where any
    chart counts years or the months span more than four years."""
    counts = [{bar.key: int(bar.values[0]) for bar in chart.rows} for chart in charts]
    merged: dict[str, int] = {}
    for one in counts:
        for key, count in one.items():
            merged[key] = merged.get(key, 0) + count
    if all(len(key) == 7 for key in merged):
        axis = [bucket.id for bucket in month_buckets(merged)]
        if axis and len(axis[0]) == 7:
            return axis, counts
    years = [_years(one) for one in counts]
    first, last = int(min(merged)[:4]), int(max(merged)[:4])
    return [str(year) for year in range(first, last + 1)], years


def compared_timeline(parts: list[Part], words: Gettext, language: str) -> tuple[str, str]:
    svg = Svg(language)
    present = [(title, n, chart) for title, n, chart in parts if chart is not None]
    names = [_name(title, n) for title, n, _chart in present]
    labels = Labels(svg, names, least=0.26)
    axis, counts = _bucketed([chart for _t, _n, chart in present])
    left = labels.room + 6
    step = (WIDTH - left - 6) / max(len(axis), 1)
    strip = 26.0
    fill = fills("single", 1)[0]
    y = GAP
    alt_items = []
    for name, one in zip(names, counts, strict=True):
        top_value = max(one.values(), default=0) or 1
        labels.draw(name, y, strip)
        for index, key in enumerate(axis):
            height = strip * one.get(key, 0) / top_value
            svg.rect(left + index * step + step * 0.1, y + strip - height, step * 0.8, height, fill)
        svg.line(left, y + strip, WIDTH - 6, y + strip)
        alt_items.append(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(one.items()) if v))
        y += strip + APART_GAP
    last = ""
    right_edge = -1.0
    for index, key in enumerate(axis):
        x = left + index * step
        if key[:4] != last and x >= right_edge:
            svg.text(x + 1, y + 8, key[:4], size=9)
            right_edge = x + svg.width(key[:4], 9) + 6
        last = key[:4]
    y += 14
    alt = f"{words('Timeline')}: " + "; ".join(alt_items)
    return svg.render(y, alt), ""


def _years(counts: dict[str, int]) -> dict[str, int]:
    years: dict[str, int] = {}
    for key, count in counts.items():
        years[key[:4]] = years.get(key[:4], 0) + count
    return years


def compared_chart(parts: list[Part], words: Gettext, language: str) -> tuple[str, str]:
    """The SVG of one compared question, and a note of what some segments were not
    offered ("" where nothing needs saying); ("", "") where no segment has a chart."""
    charts = [chart for _t, _n, chart in parts if chart is not None and chart.rows]
    if not charts:
        return "", ""
    style = charts[0].style
    if style == "stacked":
        return compared_stacked(parts, words, language)
    if style == "timeline":
        return compared_timeline(parts, words, language)
    return compared_bars(parts, words, language)
