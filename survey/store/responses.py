"""Responses: drafts, submissions, revisions, and streaming them to reports.

Saving reads the stored draft, merges what this save replaces, validates the result
against the *published copy* of the group's questionnaire version and writes it, all
in one locked write transaction: two saves of different sections of one response (an
autosave racing a save in another tab) both survive. Each submission whose content
differs from the previous one becomes a new revision; reports read the latest submitted
revision, so a participant editing a draft after submitting never hides their
submitted answers.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from datetime import datetime
from typing import Any, Literal

import msgspec
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from survey.core.answers import validate_answers
from survey.core.errors import Conflict, NotFound, Problem
from survey.store.database import Database, as_utc, now
from survey.store.participants import Participant
from survey.store.published import published_version
from survey.store.tables import groups, responses, revisions, syntheses
from survey.store.workshops import GroupRecord, find_group, group_record

Status = Literal["draft", "submitted"]


class ResponseRecord(msgspec.Struct, kw_only=True, frozen=True):
    id: int
    workshop_id: str
    group_id: str
    questionnaire_id: str
    questionnaire_version: int
    language: str
    answers: dict[str, Any]
    status: Status
    submitted_revision: int | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None


class SaveResult(msgspec.Struct, kw_only=True, frozen=True):
    """Either the stored response or the problems that kept the answers from being stored.

    `answers` are the whole response's answers this save arrived at (the stored draft
    merged with the save), so a page can show them again next to the problems.
    """

    response: ResponseRecord | None = None
    problems: dict[str, Problem] = {}
    answers: dict[str, Any] = {}


class SubmittedResponse(msgspec.Struct, kw_only=True, frozen=True):
    """A submitted response as reports read it: nothing in it identifies the participant."""

    id: int
    workshop_id: str
    group_id: str
    questionnaire_id: str
    questionnaire_version: int
    language: str
    answers: dict[str, Any]
    revision: int
    submitted_at: datetime
    is_sample: bool


class ResponseFilter(msgspec.Struct, kw_only=True, frozen=True):
    """Which submitted responses to read; None means no restriction."""

    workshops: list[str] | None = None
    groups: list[str] | None = None
    questionnaire_id: str | None = None
    versions: list[int] | None = None
    languages: list[str] | None = None


def count_responses(
    database: Database, workshop_id: str, group_id: str, *, sample: bool | None = None
) -> int:
    """Responses (drafts included) of a group; `sample` narrows to sample data or real data."""
    with database.read() as connection:
        group = find_group(connection, workshop_id, group_id)
        query = (
            sa.select(sa.func.count())
            .select_from(responses)
            .where(responses.c.group_pk == group.pk)
        )
        if sample is not None:
            query = query.where(responses.c.is_sample == sample)
        return connection.execute(query).scalar_one()


def save_answers(
    database: Database,
    participant: Participant,
    answers: Mapping[str, Any],
    *,
    language: str,
    submit: bool,
    replacing: Collection[str] | None = None,
    is_sample: bool = False,
) -> SaveResult:
    """Validate and store a participant's answers as a draft or a submission.

    `replacing` names the answer keys this save owns (one form section's questions):
    the stored draft keeps every other key, merged inside the write transaction. None
    means `answers` is the whole response (the API). Idempotent: saving the same body
    again stores nothing new. Refused with `Conflict` when the group is closed, with
    problems (and nothing written) when the merged answers are invalid.
    """
    with database.write() as connection:
        group = _current_group(connection, participant)
        content_hash, schema = published_version(
            connection, group.questionnaire_id, group.questionnaire_version
        )
        if language not in schema.languages:
            problem = Problem(code="unknown_language", params={"language": language})
            return SaveResult(problems={"language": problem}, answers=dict(answers))
        row = _locked_response(connection, participant)
        while True:
            merged = _merge(row.answers if row is not None else {}, answers, replacing)
            validation = validate_answers(schema, merged, complete=submit)
            if not validation.ok:
                return SaveResult(problems=validation.problems, answers=merged)
            if row is not None:
                break
            created = _create_response(connection, participant, group, content_hash, language)
            row = _locked_response(connection, participant)
            if created:
                break
            # Another save created the response first: merge with what it stored.
        changes = _apply(connection, row, validation.answers, language, submit, is_sample)
        record = _record({**row._asdict(), **changes}, group)
        return SaveResult(response=record, answers=record.answers)


def _merge(
    stored: Mapping[str, Any], answers: Mapping[str, Any], replacing: Collection[str] | None
) -> dict[str, Any]:
    if replacing is None:
        return dict(answers)
    owned = set(replacing)
    return {key: value for key, value in stored.items() if key not in owned} | dict(answers)


def _current_group(connection: sa.Connection, participant: Participant) -> GroupRecord:
    row = connection.execute(sa.select(groups).where(groups.c.pk == participant.group.pk)).one()
    group = group_record(row)
    if not group.is_open:
        raise Conflict(
            f"group {group.workshop_id}/{group.id} is closed; answers can no longer change"
        )
    return group


def _locked_response(connection: sa.Connection, participant: Participant) -> Any:
    """The participant's response row, locked until the transaction ends (None if none).

    SQLite's write transactions hold the database's write lock from their first
    statement (`BEGIN IMMEDIATE`); PostgreSQL locks the row.
    """
    query = sa.select(responses).where(responses.c.participant_pk == participant.pk)
    if connection.dialect.name == "postgresql":
        query = query.with_for_update()
    return connection.execute(query).first()


def _create_response(
    connection: sa.Connection,
    participant: Participant,
    group: GroupRecord,
    content_hash: str,
    language: str,
) -> bool:
    """An empty draft for the participant; False when another save created one first."""
    stamp = now()
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    inserted = connection.execute(
        dialect.insert(responses)
        .values(
            participant_pk=participant.pk,
            group_pk=group.pk,
            questionnaire_id=group.questionnaire_id,
            questionnaire_version=group.questionnaire_version,
            content_hash=content_hash,
            language=language,
            answers={},
            status="draft",
            is_sample=False,
            created_at=stamp,
            updated_at=stamp,
        )
        .on_conflict_do_nothing(index_elements=["participant_pk"])
        .returning(responses.c.pk)
    )
    # A row comes back only when this insert made it (rowcount is not reliable here:
    # SQLAlchemy adds its own RETURNING to inserts on PostgreSQL).
    return inserted.first() is not None


def _apply(
    connection: sa.Connection,
    row: Any,
    answers: dict[str, Any],
    language: str,
    submit: bool,
    is_sample: bool,
) -> dict[str, Any]:
    """Write what changed (nothing, for a repeated save); returns the changed columns."""
    status: Status = "submitted" if submit else "draft"
    values: dict[str, Any] = {}
    if is_sample and not row.is_sample:
        values["is_sample"] = True
    if (row.answers, row.language, row.status) != (answers, language, status):
        values.update(answers=answers, language=language, status=status)
    if submit and _differs_from_last_submission(connection, row, answers, language):
        revision = (row.submitted_revision or 0) + 1
        stamp = now()
        connection.execute(
            revisions.insert().values(
                response_pk=row.pk,
                revision=revision,
                language=language,
                answers=answers,
                submitted_at=stamp,
            )
        )
        values.update(submitted_revision=revision, submitted_at=stamp)
    if values:
        values["updated_at"] = now()
        connection.execute(responses.update().where(responses.c.pk == row.pk).values(**values))
    return values


def _differs_from_last_submission(
    connection: sa.Connection, row: Any, answers: dict[str, Any], language: str
) -> bool:
    if row.submitted_revision is None:
        return True
    if row.status == "submitted":
        # The current answers of a submitted response are its latest revision.
        return (row.answers, row.language) != (answers, language)
    latest = connection.execute(
        sa.select(revisions.c.answers, revisions.c.language).where(
            revisions.c.response_pk == row.pk, revisions.c.revision == row.submitted_revision
        )
    ).one()
    return (latest.answers, latest.language) != (answers, language)


def _record(row: Mapping[str, Any], group: GroupRecord) -> ResponseRecord:
    return ResponseRecord(
        id=row["pk"],
        workshop_id=group.workshop_id,
        group_id=group.id,
        questionnaire_id=row["questionnaire_id"],
        questionnaire_version=row["questionnaire_version"],
        language=row["language"],
        answers=row["answers"],
        status=row["status"],
        submitted_revision=row["submitted_revision"],
        created_at=as_utc(row["created_at"]),
        updated_at=as_utc(row["updated_at"]),
        submitted_at=as_utc(row["submitted_at"]),
    )


def get_response(database: Database, participant: Participant) -> ResponseRecord:
    """The participant's own response; NotFound before their first save."""
    with database.read() as connection:
        row = connection.execute(
            sa.select(responses).where(responses.c.participant_pk == participant.pk)
        ).first()
    if row is None:
        raise NotFound("no answers saved yet")
    return _record(row._mapping, participant.group)


def response_revisions(database: Database, response_id: int) -> list[tuple[int, dict[str, Any]]]:
    """Every submitted revision of a response, oldest first."""
    with database.read() as connection:
        rows = connection.execute(
            sa.select(revisions.c.revision, revisions.c.answers)
            .where(revisions.c.response_pk == response_id)
            .order_by(revisions.c.revision)
        )
        return [(row.revision, row.answers) for row in rows]


def _submitted_query(selection: ResponseFilter) -> sa.Select[Any]:
    """The latest submitted revision of each response matching `selection`."""
    query = (
        sa.select(
            responses.c.pk,
            groups.c.workshop_id,
            groups.c.id.label("group_id"),
            responses.c.questionnaire_id,
            responses.c.questionnaire_version,
            revisions.c.language,
            revisions.c.answers,
            revisions.c.revision,
            revisions.c.submitted_at,
            responses.c.is_sample,
        )
        .join(groups, groups.c.pk == responses.c.group_pk)
        .join(
            revisions,
            sa.and_(
                revisions.c.response_pk == responses.c.pk,
                revisions.c.revision == responses.c.submitted_revision,
            ),
        )
        .order_by(responses.c.pk)
    )
    conditions = {
        groups.c.workshop_id: selection.workshops,
        groups.c.id: selection.groups,
        responses.c.questionnaire_version: selection.versions,
        revisions.c.language: selection.languages,
    }
    for column, values in conditions.items():
        if values is not None:
            query = query.where(column.in_(values))
    if selection.questionnaire_id is not None:
        query = query.where(responses.c.questionnaire_id == selection.questionnaire_id)
    return query


def count_submitted(
    database: Database, selection: ResponseFilter | None = None
) -> dict[tuple[str, str, str], int]:
    """Submitted responses per (workshop, group, language) for `selection`."""
    inner = _submitted_query(selection or ResponseFilter()).subquery()
    query = sa.select(
        inner.c.workshop_id, inner.c.group_id, inner.c.language, sa.func.count()
    ).group_by(inner.c.workshop_id, inner.c.group_id, inner.c.language)
    with database.read() as connection:
        return {(w, g, language): n for w, g, language, n in connection.execute(query)}


def stream_submitted(
    database: Database, selection: ResponseFilter | None = None, *, batch: int = 1000
) -> Iterator[SubmittedResponse]:
    """Submitted responses in a stream: memory stays flat however many there are."""
    query = _submitted_query(selection or ResponseFilter())
    with database.engine.connect() as connection:
        rows = connection.execution_options(stream_results=True, yield_per=batch).execute(query)
        for row in rows:
            yield SubmittedResponse(
                id=row.pk,
                workshop_id=row.workshop_id,
                group_id=row.group_id,
                questionnaire_id=row.questionnaire_id,
                questionnaire_version=row.questionnaire_version,
                language=row.language,
                answers=row.answers,
                revision=row.revision,
                submitted_at=as_utc(row.submitted_at),
                is_sample=row.is_sample,
            )


def data_version(database: Database, selection: ResponseFilter | None = None) -> str:
    """What a report of `selection` was built from, in a few numbers: changes whenever a
    response is submitted or resubmitted, or a synthesis of its groups is edited."""
    inner = _submitted_query(selection or ResponseFilter()).subquery()
    query = sa.select(
        sa.func.count(), sa.func.max(inner.c.submitted_at), sa.func.sum(inner.c.revision)
    )
    with database.read() as connection:
        count, latest, revisions_sum = connection.execute(query).one()
        synthesis = connection.execute(
            sa.select(sa.func.max(syntheses.c.updated_at), sa.func.count()).select_from(syntheses)
        ).one()
    return f"{count}|{latest}|{revisions_sum}|{synthesis[0]}|{synthesis[1]}"
