"""Stable numeric codes of choices, for statistics packages (SPSS, Stata).

A choice keeps its code forever: codes are assigned when a questionnaire version is
published (or, for versions published before this migration, the first time a report
needs them) and never change or get reused; a renamed choice (`renamed_from`) shares
its ancestor's code. One row per id a question and choice had in any version.

Revision ID: 0006
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "choice_codes",
        sa.Column("questionnaire_id", sa.String(64), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("option_id", sa.String(64), nullable=False),
        sa.Column("code", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint(
            "questionnaire_id", "question_id", "option_id", name="pk_choice_codes"
        ),
    )


def downgrade() -> None:
    op.drop_table("choice_codes")
