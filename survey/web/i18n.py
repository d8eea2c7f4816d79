"""The interface's languages on the web: negotiating one, naming it, tagging pages.

The translations themselves are the gettext catalogs of `survey.catalogs`.
"""

from __future__ import annotations

from collections.abc import Iterable

from babel import Locale

#: The `lang` attribute per language: Chinese text is Simplified Chinese, and saying so
#: makes browsers and PDF renderers pick Chinese rather than Japanese glyph forms.
HTML_LANG = {"zh": "zh-CN"}


def negotiate(accept_language: str | None, available: Iterable[str]) -> str:
    """The best of `available` for an Accept-Language header; the first one otherwise."""
    offered = list(available)
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag:
            ranked.append((-quality, position, tag.strip().lower()))
    for _quality, _position, tag in sorted(ranked):
        primary = tag.split("-")[0]
        if primary in offered and _quality < 0:
            return primary
    return offered[0]


def language_name(language: str) -> str:
    """A language named in itself: 한국어, 中文, 日本語, Русский."""
    try:
        name = Locale.parse(language).get_display_name(language) or language
    except (ValueError, LookupError):
        return language
    return name[:1].upper() + name[1:]


def html_lang(language: str) -> str:
    return HTML_LANG.get(language, language)
