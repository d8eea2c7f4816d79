"""The database schema at the latest migration, as SQLAlchemy Core tables.

Migrations in `migrations/versions/` create these tables step by step and never import
this module (a migration is frozen in time); a test checks that a migrated database
matches these definitions exactly.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING)

#: JSON on SQLite, JSONB on PostgreSQL.
Json = sa.JSON().with_variant(JSONB(), "postgresql")
Timestamp = sa.DateTime(timezone=True)

questionnaire_versions = sa.Table(
    "questionnaire_versions",
    metadata,
    sa.Column("questionnaire_id", sa.String(64), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("content_hash", sa.String(80), nullable=False),
    # The schema as first used: responses keep pointing at this copy whatever happens
    # to the file later.
    sa.Column("schema_json", sa.Text, nullable=False),
    sa.Column("published_at", Timestamp, nullable=False),
)

#: The numeric code of each choice, per id the question and choice had in any version;
#: assigned once (`store/codes.py`) and never changed, so statistics files stay comparable.
choice_codes = sa.Table(
    "choice_codes",
    metadata,
    sa.Column("questionnaire_id", sa.String(64), primary_key=True),
    sa.Column("question_id", sa.String(64), primary_key=True),
    sa.Column("option_id", sa.String(64), primary_key=True),
    sa.Column("code", sa.Integer, nullable=False),
)

workshops = sa.Table(
    "workshops",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title", Json, nullable=False),
    sa.Column("dates", Json, nullable=False),
    sa.Column("venue", sa.Text),
    sa.Column("series", sa.Text),
    sa.Column("description", Json),
    sa.Column("languages", Json, nullable=False),
    sa.Column("non_attribution", sa.Boolean, nullable=False),
    sa.Column("is_sample", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    sa.Column("id", sa.String(64), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("title", Json, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("day", sa.Date),
    sa.Column("starts", sa.String(5)),
    sa.Column("ends", sa.String(5)),
    sa.Column("description", Json),
    sa.UniqueConstraint("workshop_id", "id"),
)

groups = sa.Table(
    "groups",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    sa.Column("id", sa.String(64), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("title", Json, nullable=False),
    sa.Column("room", sa.Text),
    sa.Column("session_id", sa.String(64)),
    sa.Column("questionnaire_id", sa.String(64), nullable=False),
    sa.Column("questionnaire_version", sa.Integer, nullable=False),
    sa.Column("is_open", sa.Boolean, nullable=False, server_default=sa.true()),
    # Typed by participants on the workshop page to get a personal token.
    sa.Column("access_code", sa.String(16)),
    sa.UniqueConstraint("workshop_id", "id"),
    sa.Index("uq_groups_access_code", "access_code", unique=True),
    sa.ForeignKeyConstraint(
        ["questionnaire_id", "questionnaire_version"],
        ["questionnaire_versions.questionnaire_id", "questionnaire_versions.version"],
    ),
)

participants = sa.Table(
    "participants",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("group_pk", sa.ForeignKey("groups.pk", ondelete="CASCADE"), nullable=False),
    # SHA-256 of the token; the token itself is shown once and never stored. Sample
    # participants of the demo have none, so nobody can sign in as them.
    sa.Column("token_hash", sa.String(64), unique=True),
    sa.Column("is_sample", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", Timestamp, nullable=False),
)

responses = sa.Table(
    "responses",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "participant_pk",
        sa.ForeignKey("participants.pk", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    sa.Column("group_pk", sa.ForeignKey("groups.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("questionnaire_id", sa.String(64), nullable=False),
    sa.Column("questionnaire_version", sa.Integer, nullable=False),
    sa.Column("content_hash", sa.String(80), nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    # The participant's current answers (a draft while they work on it).
    sa.Column("answers", Json, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    # Latest submitted revision: what reports read, even while a newer draft exists.
    sa.Column("submitted_revision", sa.Integer),
    sa.Column("is_sample", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
    sa.Column("submitted_at", Timestamp),
    sa.Index(None, "group_pk", "submitted_revision"),
    sa.Index(None, "questionnaire_id", "questionnaire_version"),
)

revisions = sa.Table(
    "revisions",
    metadata,
    sa.Column("response_pk", sa.ForeignKey("responses.pk", ondelete="CASCADE"), primary_key=True),
    sa.Column("revision", sa.Integer, primary_key=True),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("answers", Json, nullable=False),
    sa.Column("submitted_at", Timestamp, nullable=False),
)

staff_users = sa.Table(
    "staff_users",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(128), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    # A rapporteur is bound to one group; organizers see every workshop.
    sa.Column("group_pk", sa.ForeignKey("groups.pk", ondelete="SET NULL")),
    sa.Column("created_at", Timestamp, nullable=False),
)

staff_tokens = sa.Table(
    "staff_tokens",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_pk", sa.ForeignKey("staff_users.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("revoked_at", Timestamp),
)

syntheses = sa.Table(
    "syntheses",
    metadata,
    sa.Column("group_pk", sa.ForeignKey("groups.pk", ondelete="CASCADE"), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("updated_by", sa.ForeignKey("staff_users.pk", ondelete="SET NULL")),
    sa.Column("updated_at", Timestamp, nullable=False),
)

rate_limits = sa.Table(
    "rate_limits",
    metadata,
    # In the database so that every worker process counts against the same limit.
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("window_start", Timestamp, nullable=False),
    sa.Column("hits", sa.Integer, nullable=False),
)

app_secrets = sa.Table(
    "app_secrets",
    metadata,
    # Generated once per database, so every worker signs CSRF tokens with the same key.
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(128), nullable=False),
)
