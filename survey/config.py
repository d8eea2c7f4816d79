"""Settings: the only reader of `SURVEY_*` environment variables.

`load_settings(environ)` is called once at the edge (the CLI) and the Struct is passed
down, so tests build settings explicitly instead of patching the environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import msgspec

#: An SQLite file in the working directory.
DEFAULT_DATABASE_URL = "sqlite:///survey.db"


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    questionnaires_dir: Path = Path("questionnaires")
    database_url: str = DEFAULT_DATABASE_URL
    #: Mark the CSRF cookie Secure: set when the site is served over HTTPS (behind a proxy).
    secure_cookies: bool = False


def load_settings(environ: Mapping[str, str]) -> Settings:
    return Settings(
        questionnaires_dir=Path(environ.get("SURVEY_QUESTIONNAIRES") or "questionnaires"),
        database_url=environ.get("SURVEY_DATABASE_URL") or DEFAULT_DATABASE_URL,
        secure_cookies=environ.get("SURVEY_SECURE_COOKIES", "").lower() in ("1", "true", "yes"),
    )
