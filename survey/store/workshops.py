"""Workshops, their sessions and breakout groups in the store.

Saving a workshop file is an upsert that changes only what differs, so loading the same
file twice changes nothing. What responses depend on is protected: a group with
responses keeps its questionnaire version and cannot disappear.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import msgspec
import sqlalchemy as sa

from survey.core.errors import Conflict, NotFound
from survey.core.schema import Text
from survey.core.workshop_spec import Workshop
from survey.files.questionnaire_files import Registry
from survey.store.codes import assign_codes
from survey.store.database import Database, now
from survey.store.published import publish
from survey.store.tables import groups, responses, sessions, workshops

SaveOutcome = Literal["created", "updated", "unchanged"]


class GroupRecord(msgspec.Struct, kw_only=True, frozen=True):
    pk: int
    workshop_id: str
    id: str
    title: Text
    room: str | None
    session_id: str | None
    questionnaire_id: str
    questionnaire_version: int
    is_open: bool


class SessionRecord(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    title: Text
    kind: str
    day: date | None
    starts: str | None
    ends: str | None
    description: Text | None


class WorkshopRecord(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    title: Text
    dates: list[date]
    venue: str | None
    series: str | None
    description: Text | None
    languages: list[str]
    non_attribution: bool
    is_sample: bool
    sessions: list[SessionRecord]
    groups: list[GroupRecord]


def save_workshop(
    database: Database, workshop: Workshop, registry: Registry, *, is_sample: bool = False
) -> SaveOutcome:
    """Create or update a workshop from its file; publishes the questionnaires it uses."""
    with database.write() as connection:
        for group in workshop.groups:
            publish(connection, registry.get(group.questionnaire.id, group.questionnaire.version))
        for questionnaire_id in sorted({group.questionnaire.id for group in workshop.groups}):
            assign_codes(connection, questionnaire_id)
        existing = connection.execute(
            sa.select(workshops).where(workshops.c.id == workshop.id)
        ).first()
        values = _workshop_values(workshop, is_sample)
        changed = False
        if existing is None:
            stamp = now()
            connection.execute(
                workshops.insert().values(
                    id=workshop.id, **values, created_at=stamp, updated_at=stamp
                )
            )
        elif {key: getattr(existing, key) for key in values} != values:
            connection.execute(
                workshops.update()
                .where(workshops.c.id == workshop.id)
                .values(**values, updated_at=now())
            )
            changed = True
        changed |= _save_sessions(connection, workshop)
        changed |= _save_groups(connection, workshop)
    if existing is None:
        return "created"
    return "updated" if changed else "unchanged"


def _plain(value: Any) -> Any:
    return msgspec.to_builtins(value)


def _workshop_values(workshop: Workshop, is_sample: bool) -> dict[str, Any]:
    return {
        "title": _plain(workshop.title),
        "dates": _plain(workshop.dates),
        "venue": workshop.venue,
        "series": workshop.series,
        "description": _plain(workshop.description),
        "languages": list(workshop.languages),
        "non_attribution": workshop.non_attribution,
        "is_sample": is_sample,
    }


def _save_sessions(connection: sa.Connection, workshop: Workshop) -> bool:
    wanted = [
        {
            "workshop_id": workshop.id,
            "id": session.id,
            "position": position,
            "title": _plain(session.title),
            "kind": session.kind,
            "day": session.day,
            "starts": session.starts,
            "ends": session.ends,
            "description": _plain(session.description),
        }
        for position, session in enumerate(workshop.sessions)
    ]
    columns = [sessions.c[key] for key in wanted[0]] if wanted else [sessions.c.id]
    current = [
        dict(row._mapping)
        for row in connection.execute(
            sa.select(*columns)
            .where(sessions.c.workshop_id == workshop.id)
            .order_by(sessions.c.position)
        )
    ]
    if current == wanted:
        return False
    connection.execute(sessions.delete().where(sessions.c.workshop_id == workshop.id))
    if wanted:
        connection.execute(sessions.insert(), wanted)
    return True


def _save_groups(connection: sa.Connection, workshop: Workshop) -> bool:
    current = {
        row.id: row
        for row in connection.execute(sa.select(groups).where(groups.c.workshop_id == workshop.id))
    }
    counts = _response_counts(connection, [row.pk for row in current.values()])
    changed = False
    for position, group in enumerate(workshop.groups):
        values = {
            "position": position,
            "title": _plain(group.title),
            "room": group.room,
            "session_id": group.session,
            "questionnaire_id": group.questionnaire.id,
            "questionnaire_version": group.questionnaire.version,
        }
        row = current.pop(group.id, None)
        if row is None:
            connection.execute(
                groups.insert().values(workshop_id=workshop.id, id=group.id, **values)
            )
            changed = True
            continue
        rebinding = (row.questionnaire_id, row.questionnaire_version) != (
            group.questionnaire.id,
            group.questionnaire.version,
        )
        if rebinding and counts.get(row.pk):
            raise Conflict(
                f"group {workshop.id}/{group.id} already has {counts[row.pk]} responses to "
                f"{row.questionnaire_id} v{row.questionnaire_version}; keep that version for it "
                "and add a new group for the new one"
            )
        if {key: getattr(row, key) for key in values} != values:
            connection.execute(groups.update().where(groups.c.pk == row.pk).values(**values))
            changed = True
    for row in current.values():
        if counts.get(row.pk):
            raise Conflict(
                f"group {workshop.id}/{row.id} has {counts[row.pk]} responses and cannot be "
                "removed; keep it in the workshop file"
            )
        connection.execute(groups.delete().where(groups.c.pk == row.pk))
        changed = True
    return changed


def _response_counts(connection: sa.Connection, group_pks: list[int]) -> dict[int, int]:
    if not group_pks:
        return {}
    query = (
        sa.select(responses.c.group_pk, sa.func.count())
        .where(responses.c.group_pk.in_(group_pks))
        .group_by(responses.c.group_pk)
    )
    return {pk: count for pk, count in connection.execute(query)}


def group_record(row: Any) -> GroupRecord:
    return GroupRecord(
        pk=row.pk,
        workshop_id=row.workshop_id,
        id=row.id,
        title=row.title,
        room=row.room,
        session_id=row.session_id,
        questionnaire_id=row.questionnaire_id,
        questionnaire_version=row.questionnaire_version,
        is_open=row.is_open,
    )


def list_workshops(database: Database) -> list[WorkshopRecord]:
    with database.read() as connection:
        ids = connection.execute(sa.select(workshops.c.id).order_by(workshops.c.id)).scalars().all()
        return [_load_workshop(connection, workshop_id) for workshop_id in ids]


def get_workshop(database: Database, workshop_id: str) -> WorkshopRecord:
    with database.read() as connection:
        return _load_workshop(connection, workshop_id)


def _load_workshop(connection: sa.Connection, workshop_id: str) -> WorkshopRecord:
    row = connection.execute(sa.select(workshops).where(workshops.c.id == workshop_id)).first()
    if row is None:
        raise NotFound(f"no workshop `{workshop_id}`")
    session_rows = connection.execute(
        sa.select(sessions)
        .where(sessions.c.workshop_id == workshop_id)
        .order_by(sessions.c.position)
    )
    group_rows = connection.execute(
        sa.select(groups).where(groups.c.workshop_id == workshop_id).order_by(groups.c.position)
    )
    return WorkshopRecord(
        id=row.id,
        title=row.title,
        dates=[date.fromisoformat(day) for day in row.dates],
        venue=row.venue,
        series=row.series,
        description=row.description,
        languages=row.languages,
        non_attribution=row.non_attribution,
        is_sample=row.is_sample,
        sessions=[
            SessionRecord(
                id=s.id,
                title=s.title,
                kind=s.kind,
                day=s.day,
                starts=s.starts,
                ends=s.ends,
                description=s.description,
            )
            for s in session_rows
        ],
        groups=[group_record(g) for g in group_rows],
    )


def find_group(connection: sa.Connection, workshop_id: str, group_id: str) -> GroupRecord:
    row = connection.execute(
        sa.select(groups).where(groups.c.workshop_id == workshop_id, groups.c.id == group_id)
    ).first()
    if row is None:
        raise NotFound(f"no group `{group_id}` in workshop `{workshop_id}`")
    return group_record(row)


def get_group(database: Database, workshop_id: str, group_id: str) -> GroupRecord:
    with database.read() as connection:
        return find_group(connection, workshop_id, group_id)


def set_group_open(
    database: Database, workshop_id: str, group_id: str, is_open: bool
) -> GroupRecord:
    """Open or close a group; a closed group's responses can no longer change."""
    with database.write() as connection:
        group = find_group(connection, workshop_id, group_id)
        connection.execute(groups.update().where(groups.c.pk == group.pk).values(is_open=is_open))
        return msgspec.structs.replace(group, is_open=is_open)
