"""Text in five languages: the gettext catalogs of everything the software itself says.

Questionnaire text comes from the questionnaire files; everything else (the web
interface's buttons and headings, respondent messages from `survey.kinds.ANSWER_MESSAGES`,
the reports' own words) comes from `locales/<lang>/LC_MESSAGES/messages.po`, whose msgids
are the English text. Beside the layers: the web and the reports both read it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po

LOCALES = Path(__file__).parent / "locales"
INTERFACE_LANGUAGES = ("en", "ko", "zh", "ja", "ru")

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
