"""Interface translations: complete catalogs in five languages, negotiated sensibly."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from survey.catalogs import Catalogs
from survey.core.figures import DONT_KNOW_WORD, NOT_ASKED_WORD, NOT_OFFERED_WORD, OTHER_WORD
from survey.kinds import ANSWER_MESSAGES
from survey.web.failures import _PAGES
from survey.web.i18n import html_lang, language_name, negotiate
from tests.conftest import ROOT


def interface_messages() -> set[str]:
    """Every msgid: marked in templates and code, plus the respondent message catalogue."""
    found: set[str] = set()
    for folder, pattern, method in (
        ("templates", "**.html", "jinja2"),
        ("reports", "**.html", "jinja2"),
        ("survey", "**.py", "python"),
    ):
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / folder),
            method_map=[(pattern, method)],
            # `words(...)` is how the reports and the kinds' report facets say things.
            keywords={"_": None, "gettext": None, "words": None},
        ):
            found.add(message if isinstance(message, str) else message[0])
    found |= set(ANSWER_MESSAGES.values())
    found |= {text for pair in _PAGES.values() for text in pair}
    found |= REPORT_WORDS
    return found


#: Report words kept in named constants (passed to `words` by name, so not extracted).
REPORT_WORDS = {OTHER_WORD, DONT_KNOW_WORD, NOT_ASKED_WORD, NOT_OFFERED_WORD}


def report_messages() -> set[str]:
    """The msgids of the reports alone: the report templates and `words(...)` calls."""
    found: set[str] = set(REPORT_WORDS)
    for folder, pattern, method, keywords in (
        ("reports", "**.html", "jinja2", {"_": None}),
        ("survey", "**.py", "python", {"words": None}),
    ):
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / folder), method_map=[(pattern, method)], keywords=keywords
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("language", ["ko", "zh", "ja", "ru"])
def test_every_report_string_is_translated(language: str) -> None:
    messages = report_messages()
    assert len(messages) > 100  # the extraction found the reports' words at all
    gettext = Catalogs().gettext(language)
    missing = sorted(message for message in messages if gettext(message) == message)
    assert missing == [], f"add these to survey/locales/{language}/LC_MESSAGES/messages.po"


@pytest.mark.parametrize("language", ["ko", "zh", "ja", "ru"])
def test_every_interface_message_is_translated(language: str) -> None:
    gettext = Catalogs().gettext(language)
    missing = sorted(message for message in interface_messages() if gettext(message) == message)
    assert missing == [], f"add these to survey/locales/{language}/LC_MESSAGES/messages.po"


@pytest.mark.parametrize("language", ["ko", "zh", "ja", "ru"])
def test_translations_keep_every_placeholder(language: str) -> None:
    import re

    gettext = Catalogs().gettext(language)
    for message in interface_messages():
        assert set(re.findall(r"\{\w+\}", gettext(message))) == set(
            re.findall(r"\{\w+\}", message)
        ), message


def test_accept_language_picks_the_best_offered_language() -> None:
    offered = ["en", "ko", "zh", "ja", "ru"]
    assert negotiate("ko-KR,ko;q=0.9,en-US;q=0.8", offered) == "ko"
    assert negotiate("fr-FR, ru;q=0.5, ja;q=0.7", offered) == "ja"
    assert negotiate("fr-FR", offered) == "en"
    assert negotiate(None, ["ru", "en"]) == "ru"
    assert negotiate("zh-CN;q=0", offered) == "en"


def test_languages_are_named_in_themselves() -> None:
    assert [language_name(code) for code in ("en", "ko", "zh", "ja", "ru")] == [
        "English",
        "한국어",
        "中文",
        "日本語",
        "Русский",
    ]
    assert html_lang("zh") == "zh-CN" and html_lang("ko") == "ko"


def test_catalog_files_are_where_the_package_ships_them() -> None:
    assert sorted(
        p.parent.parent.name for p in Path(ROOT / "survey/locales").glob("*/LC_MESSAGES/*.po")
    ) == [
        "ja",
        "ko",
        "ru",
        "zh",
    ]
