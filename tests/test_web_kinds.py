"""Every question type through its real page: the fields its template renders post back
exactly the answer its kind stored, section by section, without JavaScript."""

from __future__ import annotations

import random
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from survey.core.questionnaire import Questionnaire
from survey.demo.samples import sample_answers
from survey.files.questionnaire_files import Registry
from survey.store.database import Database, open_database
from survey.store.participants import issue_tokens, participant_for_token
from survey.store.responses import get_response, save_answers
from survey.store.workshops import save_workshop
from survey.web.responding import section_keys
from tests.conftest import make_workshop
from tests.test_kinds import EVERY_TYPE


class FormFields(HTMLParser):
    """The fields the questionnaire form posts, as a browser without JavaScript would."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and "questionnaire" in a.get("class", ""):
            self._in_form = True
        if not self._in_form or "disabled" in a:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._text))
            self._textarea = None


@pytest.fixture
def every_type_site(tmp_path: Path) -> Any:
    from litestar.testing import TestClient

    from survey.config import Settings
    from survey.web.app import create_app

    registry = Registry.from_directory(EVERY_TYPE)
    database = open_database(f"sqlite:///{tmp_path / 'kinds.db'}")
    groups = [{"id": "all", "title": "All", "questionnaire": {"id": "every-type", "version": 1}}]
    save_workshop(database, make_workshop(groups=groups, sessions=[]), registry)
    with TestClient(create_app(Settings(database_url="unused"), database=database)) as client:
        yield client, database, registry.get("every-type", 1).schema
    database.close()


def test_every_type_posts_back_what_it_shows(every_type_site: Any) -> None:
    client, database, schema = every_type_site
    schema: Questionnaire
    database: Database
    for seed in range(8):
        [token] = issue_tokens(database, "test-2007", "all", 1)
        participant = participant_for_token(database, token)
        assert participant is not None
        answers = sample_answers(schema, random.Random(seed), "ko")
        saved = save_answers(database, participant, answers, language="ko", submit=False)
        assert saved.response is not None
        client.cookies.clear()
        client.get(f"/r/{token}")
        for index, section in enumerate(schema.sections):
            page = client.get(f"/respond?section={index}")
            parser = FormFields()
            parser.feed(page.text)
            posted = client.post("/respond", data=_as_form(parser.fields), follow_redirects=False)
            assert posted.status_code == 303, (seed, index, posted.text[:2000])
            stored = get_response(database, participant).answers
            keys = section_keys(section)
            assert {k: v for k, v in stored.items() if k in keys} == {
                k: v for k, v in answers.items() if k in keys
            }, (seed, section.id)


def _as_form(fields: list[tuple[str, str]]) -> dict[str, Any]:
    form: dict[str, Any] = {}
    for name, value in fields:
        if name in form:
            form[name] = [*(form[name] if isinstance(form[name], list) else [form[name]]), value]
        else:
            form[name] = value
    return form
