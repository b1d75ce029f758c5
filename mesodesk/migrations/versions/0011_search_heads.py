"""The terms of each first letter in the list's order, so a broad word ("и", "ма", "smi") reads
its first page of patients from the terms it starts rather than along the whole list.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HEAD = "substr(term, 1, CASE WHEN term < ' ' THEN 2 ELSE 1 END)"
"""A term's first letter, or for a variant term the mark and the letter after it: the very
expression `mesodesk.models.patient.term_head_sql` writes, as the index is used only for that."""


def upgrade() -> None:
    op.create_index(
        "ix_patient_search_terms_head",
        "patient_search_terms",
        [sa.text(HEAD), "sort_key", "patient_id", "archived"],
    )


def downgrade() -> None:
    op.drop_index("ix_patient_search_terms_head", table_name="patient_search_terms")
