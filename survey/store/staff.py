"""Staff accounts (organizers, rapporteurs), their API tokens, and group syntheses."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec
import sqlalchemy as sa

from survey.core.errors import BadInput, Conflict, NotFound
from survey.store.database import Database, as_utc, now
from survey.store.responses import ResponseFilter
from survey.store.tables import groups, staff_tokens, staff_users, syntheses
from survey.store.tokens import STAFF_PREFIX, hash_token, new_token
from survey.store.workshops import find_group

Role = Literal["organizer", "rapporteur"]
ROLES: tuple[Role, ...] = ("organizer", "rapporteur")


class StaffUser(msgspec.Struct, kw_only=True, frozen=True):
    pk: int
    name: str
    role: Role
    #: The group a rapporteur reports on, as (workshop id, group id); None for organizers.
    group: tuple[str, str] | None


class Synthesis(msgspec.Struct, kw_only=True, frozen=True):
    workshop_id: str
    group_id: str
    text: str
    updated_by: str | None
    updated_at: datetime


def add_user(
    database: Database, name: str, role: Role, group: tuple[str, str] | None = None
) -> tuple[StaffUser, str]:
    """Create a staff account and its first API token (returned once, stored hashed)."""
    if role not in ROLES:
        raise BadInput(f"role must be one of {', '.join(ROLES)}")
    if role == "rapporteur" and group is None:
        raise BadInput("a rapporteur reports on one group: give --group WORKSHOP/GROUP")
    if role == "organizer" and group is not None:
        raise BadInput("organizers see every workshop; --group is for rapporteurs")
    if not name.strip():
        raise BadInput("the name must not be empty")
    token = new_token(STAFF_PREFIX)
    with database.write() as connection:
        group_pk = find_group(connection, *group).pk if group else None
        taken = connection.execute(
            sa.select(staff_users.c.pk).where(staff_users.c.name == name)
        ).first()
        if taken is not None:
            raise Conflict(f"a staff account named `{name}` already exists")
        stamp = now()
        pk = connection.execute(
            staff_users.insert()
            .values(name=name, role=role, group_pk=group_pk, created_at=stamp)
            .returning(staff_users.c.pk)
        ).scalar_one()
        connection.execute(
            staff_tokens.insert().values(token_hash=hash_token(token), user_pk=pk, created_at=stamp)
        )
    return StaffUser(pk=pk, name=name, role=role, group=group), token


def user_for_token(database: Database, token: str) -> StaffUser | None:
    with database.read() as connection:
        row = connection.execute(
            sa.select(staff_users, groups.c.workshop_id, groups.c.id.label("group_id"))
            .join(staff_tokens, staff_tokens.c.user_pk == staff_users.c.pk)
            .outerjoin(groups, groups.c.pk == staff_users.c.group_pk)
            .where(
                staff_tokens.c.token_hash == hash_token(token), staff_tokens.c.revoked_at.is_(None)
            )
        ).first()
    if row is None:
        return None
    group = (row.workshop_id, row.group_id) if row.group_id is not None else None
    return StaffUser(pk=row.pk, name=row.name, role=row.role, group=group)


def save_synthesis(
    database: Database, workshop_id: str, group_id: str, text: str, author: StaffUser | None
) -> Synthesis:
    """Store the group's synthesis; `author` is None when it comes from the command line."""
    with database.write() as connection:
        group = find_group(connection, workshop_id, group_id)
        stamp = now()
        exists = connection.execute(
            sa.select(syntheses.c.group_pk).where(syntheses.c.group_pk == group.pk)
        ).first()
        values = {"text": text, "updated_by": author.pk if author else None, "updated_at": stamp}
        if exists:
            connection.execute(
                syntheses.update().where(syntheses.c.group_pk == group.pk).values(**values)
            )
        else:
            connection.execute(syntheses.insert().values(group_pk=group.pk, **values))
    return Synthesis(
        workshop_id=workshop_id,
        group_id=group_id,
        text=text,
        updated_by=author.name if author else None,
        updated_at=stamp,
    )


def get_synthesis(database: Database, workshop_id: str, group_id: str) -> Synthesis:
    with database.read() as connection:
        group = find_group(connection, workshop_id, group_id)
        row = connection.execute(
            sa.select(syntheses, staff_users.c.name)
            .outerjoin(staff_users, staff_users.c.pk == syntheses.c.updated_by)
            .where(syntheses.c.group_pk == group.pk)
        ).first()
    if row is None:
        raise NotFound(f"no synthesis for {workshop_id}/{group_id} yet")
    return Synthesis(
        workshop_id=workshop_id,
        group_id=group_id,
        text=row.text,
        updated_by=row.name,
        updated_at=as_utc(row.updated_at),
    )


def syntheses_of(database: Database, selection: ResponseFilter) -> dict[tuple[str, str], str]:
    """The synthesis text of every group `selection` covers, by (workshop, group)."""
    query = sa.select(groups.c.workshop_id, groups.c.id, syntheses.c.text).join(
        syntheses, syntheses.c.group_pk == groups.c.pk
    )
    if selection.workshops is not None:
        query = query.where(groups.c.workshop_id.in_(selection.workshops))
    if selection.groups is not None:
        query = query.where(groups.c.id.in_(selection.groups))
    with database.read() as connection:
        return {(w, g): text for w, g, text in connection.execute(query)}
