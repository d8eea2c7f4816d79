"""How wide text is in the fonts that draw it, and where to break it into lines.

Chart labels are wrapped before the SVG is written, so they must be measured with the
font WeasyPrint will actually use: the advance widths of Noto Sans (Latin, Cyrillic)
and Noto Sans CJK (Hangul, Han, Kana), read with fontTools (WeasyPrint's own font
library). Every chart's `<text>` names its font family explicitly, so the renderer
draws with the font that was measured. A character the first font lacks is measured in
the other, as Pango falls back. Sums of advances ignore kerning, which errs on the wide
(safe) side; a little slack is kept all the same.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
LATIN_FILE = "NotoSans-Regular.ttf"
CJK_FILE = "NotoSansCJK-Regular.ttc"
#: Face of the CJK collection per language (0 JP, 1 KR, 2 SC), as print.css picks them.
CJK_FACE = {"ja": 0, "ko": 1, "zh": 2}
CJK_FAMILY = {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR", "zh": "Noto Sans CJK SC"}
LATIN_FAMILY = "Noto Sans"
#: Measured widths are stretched by this much before a line is judged to fit.
SLACK = 1.04


#: Where Debian's fonts-noto-core and fonts-noto-cjk put them; other systems are searched.
KNOWN_PLACES = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"))


@cache
def _font_file(name: str) -> Path | None:
    for place in KNOWN_PLACES:
        if (place / name).is_file():
            return place / name
    for folder in FONT_FOLDERS:
        if folder.is_dir():
            found = next(folder.rglob(name), None)
            if found is not None:
                return found
    return None


class Face:
    """One font's advance widths, per character (cached)."""

    def __init__(self, path: Path, number: int = 0) -> None:
        from fontTools.ttLib import TTFont  # imported here: only chart drawing measures

        font = TTFont(str(path), fontNumber=number, lazy=True)
        self.upem = font["head"].unitsPerEm
        self.cmap = font.getBestCmap()
        self.advances = font["hmtx"].metrics

    @lru_cache(maxsize=4096)  # noqa: B019 - faces live as long as the process, by design
    def units(self, character: str) -> int | None:
        glyph = self.cmap.get(ord(character))
        return None if glyph is None else self.advances[glyph][0]


@cache
def _face(name: str, number: int = 0) -> Face | None:
    path = _font_file(name)
    return None if path is None else Face(path, number)


def family(language: str) -> str:
    """The font family chart text names for a report in `language`."""
    return CJK_FAMILY.get(language, LATIN_FAMILY)


def _faces(language: str) -> list[Face]:
    cjk = _face(CJK_FILE, CJK_FACE.get(language, 1))
    latin = _face(LATIN_FILE)
    ordered = [cjk, latin] if language in CJK_FACE else [latin, cjk]
    return [face for face in ordered if face is not None]


def _guess(character: str) -> float:
    """Width in ems where no font file is found: wide characters take a whole em."""
    return 1.0 if unicodedata.east_asian_width(character) in "WF" else 0.6


def width(text: str, size: float, language: str) -> float:
    """The advance width of `text` at `size` (user units), with a little slack."""
    faces = _faces(language)
    total = 0.0
    for character in text:
        for face in faces:
            units = face.units(character)
            if units is not None:
                total += units / face.upem
                break
        else:
            total += _guess(character)
    return total * size * SLACK


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Pieces a line may break between, each with whether a space came before it:
    words, and each wide (CJK) character alone."""
    pieces: list[tuple[str, bool]] = []
    for part in " ".join(text.split()).split(" "):
        spaced = True
        word = ""
        for character in part:
            if unicodedata.east_asian_width(character) in "WF":
                if word:
                    pieces.append((word, spaced))
                    spaced, word = False, ""
                pieces.append((character, spaced))
                spaced = False
            else:
                word += character
        if word:
            pieces.append((word, spaced))
    return pieces


def wrap(text: str, room: float, size: float, language: str) -> list[str]:
    """`text` broken into lines no wider than `room`: between words, between CJK
    characters, and inside a word only when the word alone is too wide. Never cut."""
    lines: list[str] = []
    line = ""
    for token, spaced in _tokens(text):
        candidate = f"{line} {token}" if line and spaced else line + token
        if width(candidate, size, language) <= room:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for character in token:
            if line and width(line + character, size, language) > room:
                lines.append(line)
                line = ""
            line += character
    if line:
        lines.append(line)
    return lines or [""]


def fit(
    text: str, room: float, language: str, *, sizes: tuple[float, ...], max_lines: int
) -> tuple[list[str], float]:
    """The largest of `sizes` at which `text` wraps into at most `max_lines` lines in
    `room`; at the smallest size, as many lines as the whole text needs."""
    for size in sizes:
        lines = wrap(text, room, size, language)
        if len(lines) <= max_lines:
            return lines, size
    return wrap(text, room, sizes[-1], language), sizes[-1]
