"""Participants of a group and the personal tokens that identify them.

A participant holds a personal token (stored only as its SHA-256) and has at most one
response in their group. Sample participants of the demo have no token at all, so
nobody can sign in as them.
"""

from __future__ import annotations

import msgspec
import sqlalchemy as sa

from survey.core.errors import BadInput
from survey.store.database import Database, now
from survey.store.tables import groups, participants
from survey.store.tokens import PARTICIPANT_PREFIX, hash_token, new_token
from survey.store.workshops import GroupRecord, find_group, group_record


class Participant(msgspec.Struct, kw_only=True, frozen=True):
    pk: int
    group: GroupRecord


def issue_tokens(database: Database, workshop_id: str, group_id: str, count: int) -> list[str]:
    """Create `count` participants of a group and return their tokens (shown only now)."""
    if count < 1:
        raise BadInput("the number of tokens must be at least 1")
    tokens = [new_token(PARTICIPANT_PREFIX) for _ in range(count)]
    with database.write() as connection:
        group = find_group(connection, workshop_id, group_id)
        stamp = now()
        connection.execute(
            participants.insert(),
            [
                {"group_pk": group.pk, "token_hash": hash_token(t), "created_at": stamp}
                for t in tokens
            ],
        )
    return tokens


def add_sample_participants(
    database: Database, workshop_id: str, group_id: str, count: int
) -> list[Participant]:
    """Participants of the demo's sample data: no token, so nobody can sign in as them."""
    with database.write() as connection:
        group = find_group(connection, workshop_id, group_id)
        stamp = now()
        pks = (
            connection.execute(
                participants.insert().returning(participants.c.pk),
                [{"group_pk": group.pk, "is_sample": True, "created_at": stamp}] * count,
            )
            .scalars()
            .all()
        )
    return [Participant(pk=pk, group=group) for pk in pks]


def participant_for_token(database: Database, token: str) -> Participant | None:
    with database.read() as connection:
        row = connection.execute(
            sa.select(participants.c.pk.label("participant_pk"), groups)
            .join(groups, groups.c.pk == participants.c.group_pk)
            .where(participants.c.token_hash == hash_token(token))
        ).first()
    return None if row is None else Participant(pk=row.participant_pk, group=group_record(row))
