"""Settings: the only reader of `SURVEY_*` environment variables.

`load_settings(environ)` is called once at the edge (the CLI) and the Struct is passed
down, so tests build settings explicitly instead of patching the environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import msgspec


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    questionnaires_dir: Path = Path("questionnaires")


def load_settings(environ: Mapping[str, str]) -> Settings:
    questionnaires = environ.get("SURVEY_QUESTIONNAIRES")
    return Settings(
        questionnaires_dir=Path(questionnaires) if questionnaires else Path("questionnaires")
    )
