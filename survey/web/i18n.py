"""Interface text in five languages: gettext catalogs read with Babel.

Questionnaire text comes from the questionnaire files; everything the interface itself
says (buttons, headings, respondent messages from `survey.kinds.ANSWER_MESSAGES`) comes from
`locales/<lang>/LC_MESSAGES/messages.po`, whose msgids are the English text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

LOCALES = Path(__file__).parent / "locales"
INTERFACE_LANGUAGES = ("en", "ko", "zh", "ja", "ru")
#: The `lang` attribute per language: Chinese text is Simplified Chinese, and saying so
#: makes browsers and PDF renderers pick Chinese rather than Japanese glyph forms.
HTML_LANG = {"zh": "zh-CN"}

Gettext = Callable[[str], str]


class Catalogs:
    """Every catalog, loaded once at start-up."""

    def __init__(self, folder: Path = LOCALES) -> None:
        self._messages: dict[str, dict[str, str]] = {"en": {}}
        for po in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            self._messages[po.parent.parent.name] = {
                str(message.id): str(message.string)
                for message in catalog
                if message.id and message.string and not message.fuzzy
            }

    def gettext(self, language: str) -> Gettext:
        messages = self._messages.get(language, {})
        return lambda text: messages.get(text, text)

    def languages(self) -> list[str]:
        return sorted(self._messages)


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
