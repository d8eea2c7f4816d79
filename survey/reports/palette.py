"""Fills for the charts: ordered ramps for scales, distinct hues with patterns for
categories, and a dotted fill for "Don't know", all readable in black-and-white print.

* Sequential: one hue from light to dark, so the order of the points survives a grey
  printer (light = low, dark = high).
* Diverging: two hues darkening away from a light neutral middle; the low side is also
  hatched, so the two sides stay apart where print turns both into the same grey.
* Categorical: the Okabe-Ito hues (distinct for colour-blind readers), each with its
  own pattern (plain, stripes, dots, cross-hatching …), so two categories never look
  alike in grey.
* Set apart ("Don't know"): white with grey dots and an outline, after a gap.
"""

from __future__ import annotations

from survey.kinds.specs import Palette

#: Light to dark stops of the sequential ramp (ColorBrewer Blues, without the near-white).
SEQUENTIAL = ["#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b"]
#: Low end, neutral middle, high end of the diverging ramp (ColorBrewer PuOr).
DIVERGING_LOW = ["#7f3b08", "#e08214", "#fdb863"]
NEUTRAL = "#e8e8e8"
DIVERGING_HIGH = ["#b2abd2", "#8073ac", "#2d004b"]
#: Okabe-Ito hues, darkest first so that two categories differ in grey as well.
CATEGORICAL = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442"]
#: Pattern per categorical series (None: plain); the ids are defined by `defs()`.
PATTERNS: list[str | None] = [None, "stripes", "dots", "cross", "rstripes", "grid", "wave"]
SINGLE = "#2f4b66"
APART = "url(#dk)"


class Fill:
    """How one series is painted: a colour, an optional pattern over it, text ink."""

    def __init__(self, colour: str, pattern: str | None = None) -> None:
        self.colour = colour
        self.pattern = pattern

    @property
    def ink(self) -> str:
        """Black or white, whichever reads on this fill."""
        if self.colour.startswith("url"):
            return "#000000"
        red, green, blue = (int(self.colour[i : i + 2], 16) for i in (1, 3, 5))
        return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#ffffff"


def _mix(low: str, high: str, at: float) -> str:
    a = [int(low[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(high[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * at):02x}" for x, y in zip(a, b, strict=True))


def ramp(stops: list[str], count: int) -> list[str]:
    """`count` colours evenly along `stops`."""
    if count <= 1:
        return [stops[len(stops) // 2]] * count
    colours = []
    for index in range(count):
        position = index / (count - 1) * (len(stops) - 1)
        low = min(int(position), len(stops) - 2)
        colours.append(_mix(stops[low], stops[low + 1], position - low))
    return colours


def fills(palette: Palette, count: int) -> list[Fill]:
    """Fills for `count` ordered or categorical series (not counting set-apart ones)."""
    if palette == "sequential":
        return [Fill(colour) for colour in ramp(SEQUENTIAL, count)]
    if palette == "diverging":
        half = count // 2
        low = ramp(DIVERGING_LOW, half) if half else []
        high = list(reversed(ramp(list(reversed(DIVERGING_HIGH)), half))) if half else []
        middle = [Fill(NEUTRAL)] if count % 2 else []
        return [Fill(c, "stripes") for c in low] + middle + [Fill(c) for c in high]
    if palette == "categorical":
        return [
            Fill(CATEGORICAL[index % len(CATEGORICAL)], PATTERNS[index % len(PATTERNS)])
            for index in range(count)
        ]
    return [Fill(SINGLE) for _ in range(count)]


def apart() -> Fill:
    return Fill(APART)


def defs() -> str:
    """The patterns every chart may use (black or white strokes over the fill)."""
    stroke = 'stroke="#000" stroke-opacity="0.3" stroke-width="1"'
    return (
        "<defs>"
        '<pattern id="stripes" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" {stroke}/></pattern>'
        '<pattern id="rstripes" width="5" height="5" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(-45)"><line x1="0" y1="0" x2="0" y2="5" {stroke}/></pattern>'
        '<pattern id="dots" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<circle cx="2" cy="2" r="0.8" fill="#000" fill-opacity="0.35"/></pattern>'
        '<pattern id="cross" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<path d="M0 0L6 6M6 0L0 6" {stroke}/></pattern>'
        '<pattern id="grid" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<path d="M0 2.5H5M2.5 0V5" {stroke}/></pattern>'
        '<pattern id="wave" width="6" height="4" patternUnits="userSpaceOnUse">'
        f'<path d="M0 2Q1.5 0 3 2T6 2" fill="none" {stroke}/></pattern>'
        '<pattern id="dk" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<rect width="4" height="4" fill="#ffffff"/>'
        '<circle cx="2" cy="2" r="0.8" fill="#666666"/></pattern>'
        "</defs>"
    )
