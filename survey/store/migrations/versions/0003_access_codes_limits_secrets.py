"""Group access codes, rate-limit counters shared by all workers, and app secrets.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    # ADD COLUMN and a unique index work in place on SQLite; rebuilding the table would
    # be needed for a constraint.
    op.add_column("groups", sa.Column("access_code", sa.String(16)))
    op.create_index("uq_groups_access_code", "groups", ["access_code"], unique=True)
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("window_start", Timestamp, nullable=False),
        sa.Column("hits", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_rate_limits"),
    )
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_app_secrets"),
    )


def downgrade() -> None:
    op.drop_table("app_secrets")
    op.drop_table("rate_limits")
    op.drop_index("uq_groups_access_code", "groups")
    with op.batch_alter_table("groups") as batch:
        batch.drop_column("access_code")
