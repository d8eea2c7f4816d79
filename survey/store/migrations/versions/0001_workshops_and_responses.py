"""Workshops, groups, questionnaire versions, participants, responses and revisions.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")
Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "questionnaire_versions",
        sa.Column("questionnaire_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(80), nullable=False),
        sa.Column("schema_json", sa.Text, nullable=False),
        sa.Column("published_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("questionnaire_id", "version", name="pk_questionnaire_versions"),
    )
    op.create_table(
        "workshops",
        sa.Column("id", sa.String(64), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name="pk_workshops"),
    )
    op.create_table(
        "sessions",
        sa.Column("pk", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("workshop_id", sa.String(64), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", Json, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("starts", sa.String(5)),
        sa.Column("ends", sa.String(5)),
        sa.Column("description", Json),
        sa.PrimaryKeyConstraint("pk", name="pk_sessions"),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name="fk_sessions_workshop_id_workshops",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("workshop_id", "id", name="uq_sessions_workshop_id_id"),
    )
    op.create_table(
        "groups",
        sa.Column("pk", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("workshop_id", sa.String(64), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", Json, nullable=False),
        sa.Column("room", sa.Text),
        sa.Column("session_id", sa.String(64)),
        sa.Column("questionnaire_id", sa.String(64), nullable=False),
        sa.Column("questionnaire_version", sa.Integer, nullable=False),
        sa.Column("is_open", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.PrimaryKeyConstraint("pk", name="pk_groups"),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name="fk_groups_workshop_id_workshops",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_id", "questionnaire_version"],
            ["questionnaire_versions.questionnaire_id", "questionnaire_versions.version"],
            name="fk_groups_questionnaire_id_questionnaire_versions",
        ),
        sa.UniqueConstraint("workshop_id", "id", name="uq_groups_workshop_id_id"),
    )
    op.create_table(
        "participants",
        sa.Column("pk", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("group_pk", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64)),
        sa.Column("is_sample", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_participants"),
        sa.ForeignKeyConstraint(
            ["group_pk"], ["groups.pk"], name="fk_participants_group_pk_groups", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("token_hash", name="uq_participants_token_hash"),
    )
    op.create_table(
        "responses",
        sa.Column("pk", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("participant_pk", sa.Integer, nullable=False),
        sa.Column("group_pk", sa.Integer, nullable=False),
        sa.Column("questionnaire_id", sa.String(64), nullable=False),
        sa.Column("questionnaire_version", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(80), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("answers", Json, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("submitted_revision", sa.Integer),
        sa.Column("is_sample", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.Column("submitted_at", Timestamp),
        sa.PrimaryKeyConstraint("pk", name="pk_responses"),
        sa.ForeignKeyConstraint(
            ["participant_pk"],
            ["participants.pk"],
            name="fk_responses_participant_pk_participants",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_pk"], ["groups.pk"], name="fk_responses_group_pk_groups", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("participant_pk", name="uq_responses_participant_pk"),
    )
    op.create_index(
        "ix_responses_group_pk_submitted_revision", "responses", ["group_pk", "submitted_revision"]
    )
    op.create_index(
        "ix_responses_questionnaire_id_questionnaire_version",
        "responses",
        ["questionnaire_id", "questionnaire_version"],
    )
    op.create_table(
        "revisions",
        sa.Column("response_pk", sa.Integer, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("answers", Json, nullable=False),
        sa.Column("submitted_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("response_pk", "revision", name="pk_revisions"),
        sa.ForeignKeyConstraint(
            ["response_pk"],
            ["responses.pk"],
            name="fk_revisions_response_pk_responses",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    for table in (
        "revisions",
        "responses",
        "participants",
        "groups",
        "sessions",
        "workshops",
        "questionnaire_versions",
    ):
        op.drop_table(table)
