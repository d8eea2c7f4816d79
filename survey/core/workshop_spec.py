"""A workshop as organizers describe it: a dated meeting, its sessions and breakout groups.

The Structs a workshop file decodes into (`files/workshop_files.py` reads the file) and
the checks a careful organizer would make; which questionnaire versions exist is checked
where the files are known.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

import msgspec

from survey.core.errors import Finding, error
from survey.core.ids import LANGUAGE_TAG, check_id
from survey.core.schema import Text

SessionKind = Literal["plenary", "breakout", "wrap-up", "meal", "other"]
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class WorkshopSpec(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """Base of everything read from a workshop file."""


class SessionSpec(WorkshopSpec, kw_only=True, frozen=True):
    id: str
    title: Text
    kind: SessionKind = "plenary"
    day: date | None = None
    starts: str | None = None
    ends: str | None = None
    description: Text | None = None


class QuestionnaireRef(WorkshopSpec, kw_only=True, frozen=True):
    id: str
    version: int


class GroupSpec(WorkshopSpec, kw_only=True, frozen=True):
    id: str
    title: Text
    questionnaire: QuestionnaireRef
    room: str | None = None
    session: str | None = None


class Workshop(WorkshopSpec, kw_only=True, frozen=True):
    id: str
    title: Text
    dates: list[date]
    venue: str | None = None
    series: str | None = None
    description: Text | None = None
    languages: list[str] = msgspec.field(default_factory=lambda: ["en"])
    non_attribution: bool = True
    sessions: list[SessionSpec] = []
    groups: list[GroupSpec]


def check_workshop(workshop: Workshop) -> list[Finding]:
    """What a careful organizer would catch: ids, references between sessions and groups."""
    findings: list[Finding] = []
    findings += check_id(workshop.id, "id", "workshop", set())
    if not workshop.dates:
        findings.append(error("dates", "dates", "give at least one date (YYYY-MM-DD)"))
    for index, language in enumerate(workshop.languages):
        if not LANGUAGE_TAG.match(language):
            findings.append(
                error(
                    "language-code", f"languages[{index}]", f"`{language}` is not a language code"
                )
            )
    session_ids: set[str] = set()
    for index, session in enumerate(workshop.sessions):
        findings += check_id(session.id, f"sessions[{index}].id", "session", session_ids)
        for key in ("starts", "ends"):
            value = getattr(session, key)
            if value is not None and not _TIME.match(value):
                findings.append(
                    error(
                        "time", f"sessions[{index}].{key}", f"`{value}` is not a time such as 14:00"
                    )
                )
        if session.starts and session.ends and session.starts >= session.ends:
            findings.append(
                error("time", f"sessions[{index}].ends", "the session ends before it starts")
            )
    group_ids: set[str] = set()
    if not workshop.groups:
        findings.append(error("no-groups", "groups", "add at least one breakout group"))
    for index, group in enumerate(workshop.groups):
        findings += check_id(group.id, f"groups[{index}].id", "group", group_ids)
        if group.session is not None and group.session not in session_ids:
            findings.append(
                error(
                    "unknown-session",
                    f"groups[{index}].session",
                    f"no session `{group.session}` in this workshop (sessions: "
                    f"{', '.join(sorted(session_ids)) or 'none'})",
                )
            )
    return findings
