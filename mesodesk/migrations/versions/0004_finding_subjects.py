"""Overrides answer a finding's code and subject; medications keep the flags their names imply.

- `visit_overrides.finding_subject`: an override used to answer the finding whose English
  sentence was word for word the one it was written for; it now answers a (code, subject) pair,
  so each stored override gets its new code and the subject read back out of its sentence.
- `visit_overrides.finding_reason_ru`: the finding in Russian, for Russian sheets (empty for
  the old overrides, whose Russian was never rendered).
- `patient_medications.cleared_flags`: flags the practitioner unticked although the medicine
  dictionary implies them. Stored medications get the flags the shipped dictionary gives their
  names, so whatever reads the flags knows a typed "Варфарин" is an anticoagulant.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FLAGS = ("anticoagulant", "antiplatelet", "retinoid", "hormonal", "immunosuppressant")


def upgrade() -> None:
    from mesodesk.domain.medicines import load_medicines
    from mesodesk.domain.safety_records import legacy_override_key

    with op.batch_alter_table("visit_overrides", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("finding_subject", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("finding_reason_ru", sa.Text(), nullable=False, server_default="")
        )
    with op.batch_alter_table("patient_medications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cleared_flags", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )

    connection = op.get_bind()
    overrides = sa.table(
        "visit_overrides",
        sa.column("id", sa.Integer()),
        sa.column("finding_code", sa.String()),
        sa.column("finding_subject", sa.String()),
        sa.column("finding_reason", sa.Text()),
    )
    rows = connection.execute(
        sa.select(overrides.c.id, overrides.c.finding_code, overrides.c.finding_reason)
    ).all()
    for row_id, code, reason in rows:
        new_code, subject = legacy_override_key(code, reason or "")
        connection.execute(
            overrides.update()
            .where(overrides.c.id == row_id)
            .values(finding_code=new_code, finding_subject=subject[:200])
        )

    dictionary = load_medicines()
    medications = sa.table(
        "patient_medications",
        sa.column("id", sa.Integer()),
        sa.column("name", sa.String()),
        *(sa.column(flag, sa.Boolean()) for flag in _FLAGS),
    )
    for row in connection.execute(sa.select(medications)).mappings().all():
        implied = {flag.value for flag in dictionary.flags_for(row["name"] or "")}
        wanted = {flag: bool(row[flag]) or flag in implied for flag in _FLAGS}
        if any(wanted[flag] != bool(row[flag]) for flag in _FLAGS):
            connection.execute(
                medications.update().where(medications.c.id == row["id"]).values(**wanted)
            )


_OLD_CODES = {
    "allergy": "component_allergy",
    "could_not_check": "not_in_catalog",
    "depth": "depth_over_region_limit",
    "technique_depth": "depth_outside_technique_range",
}


def downgrade() -> None:
    """Back to codes alone; the older release matches an override by code and wording."""
    overrides = sa.table(
        "visit_overrides",
        sa.column("id", sa.Integer()),
        sa.column("finding_code", sa.String()),
        sa.column("finding_subject", sa.String()),
    )
    connection = op.get_bind()
    for row_id, code, subject in connection.execute(
        sa.select(overrides.c.id, overrides.c.finding_code, overrides.c.finding_subject)
    ).all():
        old = subject if code == "contraindication" and subject else _OLD_CODES.get(code, code)
        connection.execute(
            overrides.update().where(overrides.c.id == row_id).values(finding_code=old[:64])
        )
    with op.batch_alter_table("patient_medications", schema=None) as batch_op:
        batch_op.drop_column("cleared_flags")
    with op.batch_alter_table("visit_overrides", schema=None) as batch_op:
        batch_op.drop_column("finding_reason_ru")
        batch_op.drop_column("finding_subject")
