"""Small SVG charts for the PDF: horizontal bars, stacked bars, with their numbers.

Vector, self-contained (no fonts or images fetched), and readable in black-and-white
print: bars are dark grey on white with the value written beside each, and stacked
segments alternate dark and light shades with a legend.
"""

from __future__ import annotations

from html import escape

from survey.kinds.specs import Chart

WIDTH = 480
LABEL_WIDTH = 190
BAR_HEIGHT = 16
GAP = 6
SHADES = ["#333333", "#8c8c8c", "#c8c8c8", "#5e5e5e", "#e6e6e6", "#a6a6a6", "#1a1a1a"]
#: Shades dark enough to need white numbers on them.
DARK = {"#333333", "#5e5e5e", "#1a1a1a"}


def _svg(height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img">'
    )


def _rect(x: float, y: float, width: float, height: float, fill: str, stroke: str = "none") -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="0.5"/>'
    )


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", size: int = 10, fill: str = "#000"
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">'
        f"{escape(text)}</text>"
    )


def _shorten(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(rows: list[tuple[str, float]], *, unit: str = "", percent: bool = False) -> str:
    """One bar per row, the longest bar filling the plot; values printed at bar ends."""
    if not rows:
        return ""
    top = max(value for _, value in rows) or 1
    plot = WIDTH - LABEL_WIDTH - 60
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = [_svg(height)]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        baseline = y + BAR_HEIGHT - 4
        length = plot * value / top
        shown = f"{value * 100:.0f}%" if percent else f"{value:g}{unit}"
        parts.append(_text(LABEL_WIDTH - 6, baseline, _shorten(label), anchor="end"))
        parts.append(_rect(LABEL_WIDTH, y, length, BAR_HEIGHT, "#333333"))
        parts.append(_text(LABEL_WIDTH + length + 4, baseline, shown))
    parts.append(_rect(LABEL_WIDTH - 0.5, 0, 1, height, "#000000"))
    parts.append("</svg>")
    return "".join(parts)


def stacked_chart(rows: list[tuple[str, list[int]]], legend: list[str]) -> str:
    """One 100% bar per row, split by the counts of each point or column."""
    if not rows:
        return ""
    plot = WIDTH - LABEL_WIDTH - 10
    legend_height = 18
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP + legend_height
    parts = [_svg(height)]
    for index, (label, counts) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        baseline = y + BAR_HEIGHT - 4
        total = sum(counts) or 1
        x = float(LABEL_WIDTH)
        parts.append(_text(LABEL_WIDTH - 6, baseline, _shorten(label), anchor="end"))
        for position, count in enumerate(counts):
            width = plot * count / total
            shade = SHADES[position % len(SHADES)]
            parts.append(_rect(x, y, width, BAR_HEIGHT, shade, stroke="#000"))
            if width > 18:
                ink = "#ffffff" if shade in DARK else "#000000"
                parts.append(
                    _text(x + width / 2, baseline, str(count), anchor="middle", size=9, fill=ink)
                )
            x += width
    y = height - legend_height + 12
    x = float(LABEL_WIDTH)
    for position, name in enumerate(legend):
        parts.append(_rect(x, y - 9, 10, 10, SHADES[position % len(SHADES)], stroke="#000"))
        parts.append(_text(x + 13, y, _shorten(name, 14), size=9))
        x += 13 + 6 * min(len(name), 14) + 10
    parts.append("</svg>")
    return "".join(parts)


def render_chart(chart: Chart | None) -> str:
    """A kind's chart spec as SVG ("" for none)."""
    if chart is None or not chart.rows:
        return ""
    if chart.style == "stacked":
        return stacked_chart(
            [(label, [round(value) for value in values]) for label, values in chart.rows],
            chart.legend,
        )
    return bar_chart([(label, values[0]) for label, values in chart.rows], percent=chart.percent)
