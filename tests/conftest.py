"""Shared fixtures: small questionnaires written inline, and paths to shipped data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from survey.loader import decode_questionnaire
from survey.schema import Questionnaire

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
