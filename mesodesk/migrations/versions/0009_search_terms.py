"""Patients are found the way staff type them: the search terms of every patient are made again
with the current rules (accents folded, spellings in the other script, runs of phone digits),
and a patient's terms get an index of their own in order, so a listed patient is checked for a
word without reading the table.

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
down_revision: str | None = "0006"
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
)
_terms = sa.table(
    "patient_search_terms", sa.column("term", sa.String), sa.column("patient_id", sa.Integer)
)


def upgrade() -> None:
    with op.batch_alter_table("patient_search_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patient_search_terms_patient_id"))
        batch_op.create_index(
            "ix_patient_search_terms_patient_term", ["patient_id", "term"], unique=False
        )
    connection = op.get_bind()
    connection.execute(sa.delete(_terms))
    last = 0
    while True:
        rows = connection.execute(
            sa.select(_patients).where(_patients.c.id > last).order_by(_patients.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        terms = [
            {"term": term, "patient_id": row.id}
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
        if terms:
            connection.execute(sa.insert(_terms), terms)
        last = rows[-1].id


def downgrade() -> None:
    op.execute(sa.delete(_terms).where(_terms.c.term.startswith(VARIANT, autoescape=True)))
    with op.batch_alter_table("patient_search_terms", schema=None) as batch_op:
        batch_op.drop_index("ix_patient_search_terms_patient_term")
        batch_op.create_index(
            batch_op.f("ix_patient_search_terms_patient_id"), ["patient_id"], unique=False
        )
