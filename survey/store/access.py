"""Ways in: group access codes, rate limits shared by all workers, and app secrets."""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from survey.store.database import Database, as_utc, now
from survey.store.tables import app_secrets, groups, rate_limits
from survey.store.workshops import GroupRecord, find_group, group_record

#: No 0/O, 1/I/L: codes are read aloud and typed on phones.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def normalize_code(code: str) -> str:
    """What a participant typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def assign_access_code(
    database: Database, workshop_id: str, group_id: str, *, renew: bool = False
) -> str:
    """The group's access code, created on first request (or replaced with `renew`)."""
    with database.write() as connection:
        group = find_group(connection, workshop_id, group_id)
        current = connection.execute(
            sa.select(groups.c.access_code).where(groups.c.pk == group.pk)
        ).scalar()
        if current and not renew:
            return format_code(current)
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        connection.execute(groups.update().where(groups.c.pk == group.pk).values(access_code=code))
        return format_code(code)


def group_for_code(database: Database, workshop_id: str, code: str) -> GroupRecord | None:
    with database.read() as connection:
        row = connection.execute(
            sa.select(groups).where(
                groups.c.workshop_id == workshop_id, groups.c.access_code == normalize_code(code)
            )
        ).first()
    return None if row is None else group_record(row)


def is_limited(database: Database, key: str, *, limit: int, window: timedelta) -> bool:
    """Whether `limit` attempts under `key` already fall in the current window."""
    with database.read() as connection:
        row = connection.execute(sa.select(rate_limits).where(rate_limits.c.key == key)).first()
    return row is not None and as_utc(row.window_start) + window > now() and row.hits >= limit


def allow(database: Database, key: str, *, limit: int, window: timedelta) -> bool:
    """Count one attempt under `key`; False once `limit` attempts fall in the window."""
    with database.write() as connection:
        row = connection.execute(sa.select(rate_limits).where(rate_limits.c.key == key)).first()
        stamp = now()
        if row is None or as_utc(row.window_start) + window <= stamp:
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            connection.execute(
                dialect.insert(rate_limits)
                .values(key=key, window_start=stamp, hits=1)
                .on_conflict_do_update(
                    index_elements=["key"], set_={"window_start": stamp, "hits": 1}
                )
            )
            return True
        if row.hits >= limit:
            return False
        connection.execute(
            rate_limits.update().where(rate_limits.c.key == key).values(hits=rate_limits.c.hits + 1)
        )
        return True


def app_secret(database: Database, name: str) -> str:
    """A random secret kept in the database, the same for every process using it."""
    with database.write() as connection:
        value = connection.execute(
            sa.select(app_secrets.c.value).where(app_secrets.c.name == name)
        ).scalar()
        if value is None:
            value = secrets.token_urlsafe(48)
            connection.execute(app_secrets.insert().values(name=name, value=value))
        return value
