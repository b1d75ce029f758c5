"""The clinic's rules in the database: the contraindication catalog, the medicine dictionary and
the document texts a clinic edits, one row per file, shared by every workstation.

The rows are filled the first time MesoDesk opens the database, from the files the
workstation holds (see services/rules.py), not here: a migration may run on a machine that
is not the clinic's.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clinic_rules",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_clinic_rules")),
    )


def downgrade() -> None:
    op.drop_table("clinic_rules")
