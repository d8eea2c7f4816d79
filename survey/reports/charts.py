"""Small SVG charts for the PDF, drawn from the kinds' chart specs: horizontal bars,
100% stacked bars with a legend, and a small timeline.

Vector and self-contained (no fonts or images fetched). Text fits: every label is
measured in the font that draws it (`fonts.py`) and wrapped onto at most three lines,
getting a little smaller before it would need more, never cut; legends wrap the same
way and list every entry. Fills come from `palette.py` (ordered ramps for scales,
patterns for categories and "Don't know"), so charts read in black-and-white print.
Each chart carries a short text alternative (its `<title>`, which WeasyPrint tags as
the figure's /Alt).
"""

from __future__ import annotations

from html import escape

from survey.kinds.specs import Bar, Chart, Gettext, LegendEntry
from survey.reports import fonts
from survey.reports.palette import Fill, apart, defs, fills

WIDTH = 480
#: Label font sizes tried in turn before a label may take more than three lines.
SIZES = (10.0, 9.0, 8.0)
LEGEND_SIZES = (9.0, 8.0)
MAX_LINES = 3
LINE = 1.2
BAR = 14.0
GAP = 6.0
#: Extra room between the ordered series and a set-apart one ("Don't know").
APART_GAP = 5.0
SWATCH = 10.0


class Svg:
    """An SVG drawing under way: text in the report's font, shapes, a running height."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.family = fonts.family(language)
        self.parts: list[str] = []

    def rect(self, x: float, y: float, width: float, height: float, fill: Fill) -> None:
        outline = ' stroke="#333" stroke-width="0.5"' if fill.colour.startswith("url") else ""
        self.parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" '
            f'fill="{fill.colour}"{outline}/>'
        )
        if fill.pattern is not None:
            self.parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" '
                f'height="{height:.1f}" fill="url(#{fill.pattern})"/>'
            )

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str = "#000") -> None:
        self.parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{colour}" stroke-width="0.8"/>'
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = 10.0,
        anchor: str = "start",
        fill: str = "#000",
        style: str = "",
    ) -> None:
        extra = f' font-style="{style}"' if style else ""
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-family="{self.family}" font-size="{size:g}" '
            f'text-anchor="{anchor}" fill="{fill}"{extra}>{escape(text)}</text>'
        )

    def lines(
        self, x: float, top: float, lines: list[str], size: float, anchor: str = "end"
    ) -> None:
        """Lines of one wrapped label, the first baseline a size below `top`."""
        for index, line in enumerate(lines):
            self.text(x, top + size * (0.85 + LINE * index), line, size=size, anchor=anchor)

    def width(self, text: str, size: float) -> float:
        return fonts.width(text, size, self.language)

    def render(self, height: float, alt: str) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" role="img"><title>{escape(alt)}</title>'
            + defs()
            + "".join(self.parts)
            + "</svg>"
        )


class Labels:
    """The label column: as wide as the labels need, within bounds, each label fitted."""

    def __init__(self, svg: Svg, labels: list[str], *, least: float = 0.22) -> None:
        natural = max((svg.width(label, SIZES[0]) for label in labels), default=0.0)
        self.room = min(max(natural, WIDTH * least), WIDTH * 0.42)
        self.svg = svg
        self.fitted = {
            label: fonts.fit(label, self.room, svg.language, sizes=SIZES, max_lines=MAX_LINES)
            for label in labels
        }

    def height(self, label: str) -> float:
        lines, size = self.fitted[label]
        return len(lines) * size * LINE

    def draw(self, label: str, top: float, row_height: float) -> None:
        lines, size = self.fitted[label]
        offset = (row_height - len(lines) * size * LINE) / 2
        self.svg.lines(self.room, top + offset, lines, size)


def _bar_fills(chart: Chart, rows: list[Bar]) -> dict[str, Fill]:
    ordered = [row for row in rows if not row.apart]
    painted = dict(
        zip([row.key for row in ordered], fills(chart.palette, len(ordered)), strict=True)
    )
    return painted | {row.key: apart() for row in rows if row.apart}


def bar_chart(chart: Chart, words: Gettext, language: str) -> str:
    """One bar per row, the longest filling the plot, its figure written at its end."""
    svg = Svg(language)
    rows = chart.rows
    labels = Labels(svg, [row.label for row in rows])
    not_offered = words("not offered")
    shown_room = max(svg.width(row.shown or not_offered, 9) for row in rows) + 8
    left = labels.room + 6
    plot = WIDTH - left - shown_room
    top_value = max((row.values[0] for row in rows if row.offered), default=0.0) or 1.0
    painted = _bar_fills(chart, rows)
    y = GAP
    previous_apart = False
    for row in rows:
        if row.apart and not previous_apart:
            y += APART_GAP
        previous_apart = row.apart
        height = max(BAR, labels.height(row.label))
        labels.draw(row.label, y, height)
        bar_top = y + (height - BAR) / 2
        baseline = bar_top + BAR - 3.5
        if not row.offered:
            svg.text(left + 2, baseline, not_offered, size=9, fill="#555", style="italic")
        else:
            length = plot * row.values[0] / top_value
            svg.rect(left, bar_top, length, BAR, painted[row.key])
            svg.text(left + length + 4, baseline, row.shown, size=9)
        y += height + GAP
    svg.line(left - 0.5, 0, left - 0.5, y - GAP / 2)
    return svg.render(y, alt_text(chart, words))


def legend(svg: Svg, entries: list[tuple[str, Fill]], top: float, left: float = 0.0) -> float:
    """Legend items flowing left to right, wrapping to new rows; every entry complete
    (a long label wraps onto two lines). Returns the height used."""
    room = min(170.0, WIDTH - left - SWATCH - 6)
    x, y, row_height = left, top, 0.0
    for label, fill in entries:
        lines, size = fonts.fit(label, room, svg.language, sizes=LEGEND_SIZES, max_lines=2)
        item = SWATCH + 4 + max(svg.width(line, size) for line in lines) + 12
        height = max(SWATCH, len(lines) * size * LINE)
        if x > left and x + item > WIDTH:
            x, y, row_height = left, y + row_height + 4, 0.0
        svg.rect(x, y, SWATCH, SWATCH, fill)
        svg.lines(x + SWATCH + 4, y, lines, size, anchor="start")
        x += item
        row_height = max(row_height, height)
    return y + row_height - top


def entry_fills(chart: Chart, entries: list[LegendEntry]) -> dict[str, Fill]:
    ordered = [entry for entry in entries if not entry.apart]
    painted = dict(zip([e.key for e in ordered], fills(chart.palette, len(ordered)), strict=True))
    return painted | {entry.key: apart() for entry in entries if entry.apart}


def stacked_bar(
    svg: Svg,
    x: float,
    y: float,
    room: float,
    parts: list[tuple[float, Fill, bool]],
) -> None:
    """One 100% bar: (count, fill, set apart) per part; counts written where they fit."""
    total = sum(count for count, _fill, _apart in parts) or 1.0
    gaps = APART_GAP if any(is_apart for _c, _f, is_apart in parts) else 0.0
    plot = room - gaps
    at = x
    for count, fill, is_apart in parts:
        if is_apart:
            at += APART_GAP
        width = plot * count / total
        if width <= 0:
            continue
        svg.rect(at, y, width, BAR, fill)
        shown = f"{count:g}"
        if width > svg.width(shown, 8.5) + 4:
            svg.text(at + width / 2, y + BAR - 3.5, shown, size=8.5, anchor="middle", fill=fill.ink)
        at += width


def stacked_chart(chart: Chart, words: Gettext, language: str) -> str:
    """One 100% bar per row, split by the legend's entries (those offered)."""
    svg = Svg(language)
    entries = [(index, e) for index, e in enumerate(chart.legend) if e.offered]
    painted = entry_fills(chart, [e for _i, e in entries])
    rows = [row for row in chart.rows if row.offered]
    labels = Labels(svg, [row.label for row in rows])
    left = labels.room + 6
    y = GAP
    for row in rows:
        height = max(BAR, labels.height(row.label))
        labels.draw(row.label, y, height)
        parts = [
            (row.values[i], painted[e.key], e.apart) for i, e in entries if i < len(row.values)
        ]
        stacked_bar(svg, left, y + (height - BAR) / 2, WIDTH - left - 4, parts)
        y += height + GAP
    y += legend(svg, [(e.label, painted[e.key]) for _i, e in entries], y + 2, left) + 6
    return svg.render(y, alt_text(chart, words))


def timeline_chart(chart: Chart, words: Gettext, language: str) -> str:
    """Counts per period as columns along a time axis, years named below it."""
    svg = Svg(language)
    plot_top, plot_height = 12.0, 60.0
    left, right = 8.0, WIDTH - 8.0
    buckets = chart.rows
    step = (right - left) / max(len(buckets), 1)
    top_value = max((b.values[0] for b in buckets), default=0.0) or 1.0
    fill = fills("single", 1)[0]
    base = plot_top + plot_height
    last_year = ""
    label_right = -1.0
    for index, bucket in enumerate(buckets):
        x = left + index * step
        height = plot_height * bucket.values[0] / top_value
        svg.rect(x + step * 0.1, base - height, step * 0.8, height, fill)
        if bucket.values[0] and step >= svg.width(bucket.shown, 8) + 1:
            svg.text(x + step / 2, base - height - 2, bucket.shown, size=8, anchor="middle")
        year = bucket.key[:4]
        if year != last_year and x >= label_right:
            svg.line(x, base, x, base + 4)
            svg.text(x + 1, base + 13, year, size=9)
            label_right = x + svg.width(year, 9) + 6
        last_year = year
    svg.line(left, base, right, base)
    return svg.render(base + 18, alt_text(chart, words))


def alt_text(chart: Chart, words: Gettext) -> str:
    """A short description: the kind of chart, what it measures, each row's figure."""
    kind = {
        "bars": words("Bar chart"),
        "stacked": words("Stacked bar chart"),
        "timeline": words("Timeline"),
    }[chart.style]
    if chart.style == "stacked":
        items = [
            f"{row.label}: "
            + ", ".join(
                f"{e.label} {row.values[i]:g}"
                for i, e in enumerate(chart.legend)
                if e.offered and i < len(row.values)
            )
            for row in chart.rows
            if row.offered
        ]
    else:
        items = [f"{row.label} {row.shown}".strip() for row in chart.rows if row.offered]
    head = f"{kind}, {chart.measure}" if chart.measure else kind
    return f"{head}: " + "; ".join(items)


def render_chart(chart: Chart | None, words: Gettext = str, language: str = "en") -> str:
    """A kind's chart spec as SVG ("" for none)."""
    if chart is None or not chart.rows:
        return ""
    if chart.style == "stacked":
        return stacked_chart(chart, words, language)
    if chart.style == "timeline":
        return timeline_chart(chart, words, language)
    return bar_chart(chart, words, language)
