"""Published questionnaire versions: the content hash and schema copy kept at first use.

A version is published when a group is first bound to it. From then on the file must
keep the same content; responses and reports use the stored copy, not the file.
"""

from __future__ import annotations

from functools import lru_cache

import msgspec
import sqlalchemy as sa

from survey.core.errors import Finding, NotFound, QuestionnaireError
from survey.core.questionnaire import Questionnaire
from survey.files.questionnaire_files import LoadedQuestionnaire, Registry
from survey.store.database import Database, as_utc, now
from survey.store.tables import questionnaire_versions


def publish(connection: sa.Connection, loaded: LoadedQuestionnaire) -> None:
    """Record `loaded` at first use; refuse it if a different content was recorded."""
    schema = loaded.schema
    row = connection.execute(
        sa.select(
            questionnaire_versions.c.content_hash, questionnaire_versions.c.published_at
        ).where(
            questionnaire_versions.c.questionnaire_id == schema.id,
            questionnaire_versions.c.version == schema.version,
        )
    ).first()
    if row is None:
        connection.execute(
            questionnaire_versions.insert().values(
                questionnaire_id=schema.id,
                version=schema.version,
                content_hash=loaded.content_hash,
                schema_json=msgspec.json.encode(schema).decode(),
                published_at=now(),
            )
        )
    elif row.content_hash != loaded.content_hash:
        raise QuestionnaireError([_changed(loaded, row.content_hash, row.published_at)])


def _changed(loaded: LoadedQuestionnaire, recorded: str, published_at: object) -> Finding:
    schema = loaded.schema
    when = as_utc(published_at).date().isoformat() if published_at else "earlier"  # type: ignore[arg-type]
    return Finding(
        code="published-version-changed",
        file=loaded.path,
        message=(
            f"{schema.id} v{schema.version} has been in use since {when} and this file no longer "
            f"matches it (recorded {recorded[:19]}…, file {loaded.content_hash[:19]}…). "
            f"Restore the published content and put your changes in v{schema.version + 1}."
        ),
    )


def check_published(database: Database, registry: Registry) -> list[Finding]:
    """Every file in `registry` whose version was published with other content."""
    with database.read() as connection:
        recorded = {
            (row.questionnaire_id, row.version): row
            for row in connection.execute(sa.select(questionnaire_versions))
        }
    findings = []
    for loaded in registry:
        row = recorded.get((loaded.schema.id, loaded.schema.version))
        if row is not None and row.content_hash != loaded.content_hash:
            findings.append(_changed(loaded, row.content_hash, row.published_at))
    return findings


def verify_registry(database: Database, registry: Registry) -> None:
    """Refuse to work from a questionnaire folder that rewrote a published version."""
    findings = check_published(database, registry)
    if findings:
        raise QuestionnaireError(findings)


def published_schema(
    connection: sa.Connection, questionnaire_id: str, version: int
) -> Questionnaire:
    """The schema copy recorded at first use (what participants were shown)."""
    return published_version(connection, questionnaire_id, version)[1]


def published_version(
    connection: sa.Connection, questionnaire_id: str, version: int
) -> tuple[str, Questionnaire]:
    """The content hash and schema copy recorded at first use."""
    row = connection.execute(
        sa.select(
            questionnaire_versions.c.content_hash, questionnaire_versions.c.schema_json
        ).where(
            questionnaire_versions.c.questionnaire_id == questionnaire_id,
            questionnaire_versions.c.version == version,
        )
    ).first()
    if row is None:
        raise NotFound(f"no published questionnaire {questionnaire_id} v{version}")
    return row.content_hash, _decode(row.content_hash, row.schema_json)


@lru_cache(maxsize=256)
def _decode(content_hash: str, schema_json: str) -> Questionnaire:
    # Keyed by hash: a published version never changes, so its decoded form is reusable.
    return msgspec.json.decode(schema_json, type=Questionnaire)
