"""Shared fixtures: small questionnaires written inline, and paths to shipped data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec
import psycopg
import pytest
from sqlalchemy.engine import make_url

from survey.core.questionnaire import Questionnaire
from survey.core.workshop_spec import Workshop
from survey.files.questionnaire_files import Registry, decode_questionnaire
from survey.files.workshop_files import decode_workshop
from survey.store.database import Database, open_database
from survey.store.workshops import save_workshop

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "questionnaires"


def make_questionnaire(*questions: dict[str, Any], **header: Any) -> Questionnaire:
    """A one-section questionnaire around `questions`, decoded like a file would be."""
    data = {
        "id": "q",
        "version": 1,
        "title": "Test",
        **header,
        "sections": [{"id": "main", "title": "Main", "questions": list(questions)}],
    }
    questionnaire, findings = decode_questionnaire(msgspec.to_builtins(data))
    assert questionnaire is not None, findings
    return questionnaire


@pytest.fixture
def write_file(tmp_path: Path):
    """Write `text` at `relative` under a temporary folder and return its path."""

    def write(relative: str, text: str | bytes) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


# --- databases: every store test runs on SQLite and on PostgreSQL ---------------------------

POSTGRES_URL = os.environ.get("SURVEY_TEST_POSTGRES_URL")
#: Set by .ci/run: PostgreSQL tests must run, never be skipped.
POSTGRES_REQUIRED = os.environ.get("SURVEY_TEST_POSTGRES_REQUIRED") == "1"


def pytest_configure(config: pytest.Config) -> None:
    if POSTGRES_REQUIRED and not POSTGRES_URL:
        raise pytest.UsageError(
            "SURVEY_TEST_POSTGRES_REQUIRED=1 but SURVEY_TEST_POSTGRES_URL is not set"
        )


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip("set SURVEY_TEST_POSTGRES_URL to run the PostgreSQL half")
    admin = make_url(POSTGRES_URL).set(drivername="postgresql")
    name = f"survey_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'survey.db'}"
    else:
        with fresh_postgres_database() as url:
            yield url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.close()


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.from_directory(SHIPPED)


#: A complete, valid submission to capacity-pol-mil v3, used across the suite.
POL_MIL_ANSWERS = {
    "cbm-feasibility": {
        "hotline": 4,
        "notification": 3,
        "observers": 2,
        "incidents-at-sea": "dont_know",
        "nuclear-safety": 1,
    },
    "nuclear-safety-role": "no",
    "assurance-forms": ["written-nsa", "six-party-guarantee"],
    "peace-regime-priorities": ["peace-treaty", "nea-mechanism"],
    "sanctions-policy": "maintain",
}

SMALL_WORKSHOP = {
    "id": "test-2007",
    "title": "Test workshop",
    "dates": ["2007-04-27"],
    "languages": ["en", "ko"],
    "sessions": [{"id": "breakouts", "title": "Breakouts", "kind": "breakout"}],
    "groups": [
        {
            "id": "pol-mil",
            "title": "Pol-Mil",
            "session": "breakouts",
            "questionnaire": {"id": "capacity-pol-mil", "version": 3},
        },
        {
            "id": "wrap-up",
            "title": "Wrap-up",
            "questionnaire": {"id": "capacity-wrap-up", "version": 2},
        },
    ],
}


def make_workshop(**changes: Any) -> Workshop:
    workshop, findings = decode_workshop({**SMALL_WORKSHOP, **changes})
    assert workshop is not None and not findings, findings
    return workshop


@pytest.fixture
def workshop(database: Database, registry: Registry) -> Workshop:
    """A small workshop saved in the database: groups pol-mil (v3) and wrap-up (v2)."""
    spec = make_workshop()
    save_workshop(database, spec, registry)
    return spec


# --- the web application ---------------------------------------------------------------------


@pytest.fixture
def web_database(tmp_path: Path, registry: Registry) -> Iterator[Database]:
    """An SQLite database with the small workshop (the store suite covers PostgreSQL)."""
    db = open_database(f"sqlite:///{tmp_path / 'web.db'}")
    save_workshop(db, make_workshop(), registry)
    yield db
    db.close()


@pytest.fixture
def client(web_database: Database, tmp_path: Path) -> Iterator[Any]:
    from litestar.testing import TestClient

    from survey.config import Settings
    from survey.web.app import create_app

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'web.db'}")
    with TestClient(create_app(settings, database=web_database)) as test_client:
        yield test_client
