"""Marks on a visit's photo: an injection mark may lie on one of the visit's photos, its points
then fractions of the image's width and height. Existing marks stay on their diagrams.

Downgrade removes the marks placed on photos (an older version cannot show them) and the column.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("injection_marks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("photo_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_injection_marks_photo_id"), ["photo_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_injection_marks_photo_id_visit_photos"),
            "visit_photos",
            ["photo_id"],
            ["id"],
        )


def downgrade() -> None:
    op.execute("DELETE FROM injection_marks WHERE photo_id IS NOT NULL")
    with op.batch_alter_table("injection_marks", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_injection_marks_photo_id_visit_photos"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_injection_marks_photo_id"))
        batch_op.drop_column("photo_id")
