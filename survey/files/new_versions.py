"""Saving a new questionnaire version from plain data (an import, later an upload page).

The version number is the next free one unless chosen; an existing version is never
overwritten; the file is written as people lay it out, then checked together with the
versions beside it, and removed again (with its folder, if it made one) when refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from survey.core.errors import BadInput, QuestionnaireError, errors_only
from survey.files.formats import SUFFIXES
from survey.files.questionnaire_files import FileResult, check_files
from survey.files.yaml_writer import dump_yaml

_VERSION_FILE = re.compile(r"^v([1-9][0-9]*)$")


def versions_taken(folder: Path) -> set[int]:
    """The version numbers that have a file in `folder`, valid or not."""
    if not folder.is_dir():
        return set()
    return {
        int(match.group(1))
        for path in folder.iterdir()
        if path.suffix.lower() in SUFFIXES and (match := _VERSION_FILE.match(path.stem))
    }


def save_version(
    data: dict[str, Any], questionnaires: Path, *, version: int | None = None, header: str = ""
) -> FileResult:
    """Write `data` as `<questionnaires>/<id>/v<N>.yaml`; `BadInput` if that version
    exists, `QuestionnaireError` (nothing left behind) if it would not pass `survey check`."""
    folder = questionnaires / str(data["id"])
    taken = versions_taken(folder)
    number = version or max(taken, default=0) + 1
    if number in taken:
        listed = ", ".join(f"v{n}" for n in sorted(taken))
        raise BadInput(
            f"{folder}/v{number} already exists; choose another version (taken: {listed})"
        )
    text = dump_yaml({**data, "version": number}, header)
    target = folder / f"v{number}.yaml"
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    [checked] = check_files([target])
    if checked.loaded is None or errors_only(checked.findings):
        target.unlink()
        if created:
            folder.rmdir()
        raise QuestionnaireError(errors_only(checked.findings))
    return checked
