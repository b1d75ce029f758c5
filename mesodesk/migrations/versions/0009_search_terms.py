"""Patients are found the way staff type them: the search terms of every patient are made again
with the current rules (accents folded, spellings in the other script, runs of phone digits),
and a patient's terms get an index of their own in order, so a listed patient is checked for a
word without reading the table.

Each term also carries its patient's place in the list and whether the patient is archived,
so a rare word's patients are sorted from its terms alone; on SQLite the table is kept in its
key's order (WITHOUT ROWID), so a range of terms is one read.

Downgrade keeps the terms of the words as typed and drops the others.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mesodesk.domain.patient import PatientCard, search_terms
from mesodesk.domain.search_terms import VARIANT

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000

_patients = sa.table(
    "patients",
    sa.column("id", sa.Integer),
    sa.column("last_name", sa.String),
    sa.column("first_name", sa.String),
    sa.column("middle_name", sa.String),
    sa.column("phone", sa.String),
    sa.column("sort_key", sa.String),
    sa.column("archived", sa.Boolean),
)


def _term_column() -> sa.Column[str]:
    return sa.Column(
        "term",
        sa.String(length=120).with_variant(sa.String(length=120, collation="C"), "postgresql"),
        nullable=False,
    )


def _owner_column() -> sa.Column[int]:
    return sa.Column(
        "patient_id",
        sa.Integer(),
        sa.ForeignKey(
            "patients.id",
            name=op.f("fk_patient_search_terms_patient_id_patients"),
            ondelete="CASCADE",
        ),
        nullable=False,
    )


def upgrade() -> None:
    op.drop_table("patient_search_terms")
    terms = op.create_table(
        "patient_search_terms",
        _term_column(),
        _owner_column(),
        sa.Column(
            "sort_key",
            sa.String(length=250).with_variant(sa.String(length=250, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("term", "patient_id", name=op.f("pk_patient_search_terms")),
        sqlite_with_rowid=False,
    )
    assert terms is not None
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(_patients).where(_patients.c.id > last).order_by(_patients.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        found = [
            {"term": term, "patient_id": row.id, "sort_key": row.sort_key, "archived": row.archived}
            for row in rows
            for term in sorted(
                search_terms(
                    PatientCard(
                        last_name=row.last_name,
                        first_name=row.first_name,
                        middle_name=row.middle_name,
                        phone=row.phone,
                    )
                )
            )
        ]
        if found:
            connection.execute(sa.insert(terms), found)
        last = rows[-1].id
    op.create_index(
        "ix_patient_search_terms_patient_term",
        "patient_search_terms",
        ["patient_id", "term"],
        unique=False,
    )


def downgrade() -> None:
    op.execute(f"DELETE FROM patient_search_terms WHERE term LIKE '{VARIANT}%'")
    op.drop_index("ix_patient_search_terms_patient_term", table_name="patient_search_terms")
    with op.batch_alter_table("patient_search_terms", schema=None) as batch_op:
        batch_op.drop_column("archived")
        batch_op.drop_column("sort_key")
        batch_op.create_index(
            batch_op.f("ix_patient_search_terms_patient_id"), ["patient_id"], unique=False
        )
