"""Workshop files: a dated meeting, its sessions and breakout groups, as organizers write it.

```yaml
id: beijing-2007
title: Building Multi-Party Capacity for a WMD-Free Korean Peninsula
dates: [2007-04-27]
venue: Hotel Nikko New Century Beijing
languages: [en, ko, zh, ja, ru]
non_attribution: true
groups:
  - {id: pol-mil, title: Pol-Mil Group, room: "Zhonghua Hall I",
     questionnaire: {id: capacity-pol-mil, version: 3}}
```

Decoded like questionnaire files (same formats, same strictness); the questionnaire
each group names is checked against the registry of versions.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

import msgspec

from survey.checks import LANGUAGE_TAG, check_id
from survey.errors import Finding, QuestionnaireError, error, errors_only
from survey.formats import read_document
from survey.loader import Registry, type_errors
from survey.schema import Text

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


def decode_workshop(data: Any) -> tuple[Workshop | None, list[Finding]]:
    findings = type_errors(data, Workshop, "")
    if findings:
        return None, findings
    workshop = msgspec.convert(data, Workshop, str_keys=True)
    return workshop, check_workshop(workshop)


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


def check_questionnaires_exist(workshop: Workshop, registry: Registry) -> list[Finding]:
    findings = []
    for index, group in enumerate(workshop.groups):
        ref = group.questionnaire
        try:
            registry.get(ref.id, ref.version)
        except LookupError as missing:
            findings.append(
                error("unknown-questionnaire", f"groups[{index}].questionnaire", str(missing))
            )
    return findings


def read_workshop_file(path: Path, registry: Registry) -> Workshop:
    """Read and check a workshop file; raises QuestionnaireError with every finding."""
    document = read_document(path)
    findings = document.findings
    workshop = None
    if not findings:
        workshop, findings = decode_workshop(document.data)
    if workshop is not None:
        findings = findings + check_questionnaires_exist(workshop, registry)
    located = [f.located(str(path), document.line_of(f.path)) for f in findings]
    if errors_only(located) or workshop is None:
        raise QuestionnaireError(located)
    return workshop
