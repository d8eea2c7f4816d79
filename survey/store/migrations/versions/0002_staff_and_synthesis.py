"""Staff accounts with API tokens, and the rapporteur's synthesis per group.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("pk", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("group_pk", sa.Integer),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_staff_users"),
        sa.ForeignKeyConstraint(
            ["group_pk"], ["groups.pk"], name="fk_staff_users_group_pk_groups", ondelete="SET NULL"
        ),
        sa.UniqueConstraint("name", name="uq_staff_users_name"),
    )
    op.create_table(
        "staff_tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_pk", sa.Integer, nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("revoked_at", Timestamp),
        sa.PrimaryKeyConstraint("token_hash", name="pk_staff_tokens"),
        sa.ForeignKeyConstraint(
            ["user_pk"],
            ["staff_users.pk"],
            name="fk_staff_tokens_user_pk_staff_users",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "syntheses",
        sa.Column("group_pk", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("updated_by", sa.Integer),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("group_pk", name="pk_syntheses"),
        sa.ForeignKeyConstraint(
            ["group_pk"], ["groups.pk"], name="fk_syntheses_group_pk_groups", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"],
            ["staff_users.pk"],
            name="fk_syntheses_updated_by_staff_users",
            ondelete="SET NULL",
        ),
    )


def downgrade() -> None:
    for table in ("syntheses", "staff_tokens", "staff_users"):
        op.drop_table(table)
