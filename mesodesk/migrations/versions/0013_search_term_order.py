"""Each search term's patients in the list's order, so a word with few different terms (a
surname, its spelling key) reads its first page from them in order, however many patients
bear it, rather than sorting them all or walking its whole first letter.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_patient_search_terms_term_sort",
        "patient_search_terms",
        ["term", "sort_key", "patient_id", "archived"],
    )


def downgrade() -> None:
    op.drop_index("ix_patient_search_terms_term_sort", table_name="patient_search_terms")
