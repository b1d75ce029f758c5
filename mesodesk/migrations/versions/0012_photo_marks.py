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
    """The column is added in place, never by copying the table (SQLite's batch mode would
    rewrite every mark of a large clinic); only marks on photos are indexed."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE injection_marks ADD COLUMN photo_id INTEGER CONSTRAINT "
            "fk_injection_marks_photo_id_visit_photos REFERENCES visit_photos (id)"
        )
    else:
        op.add_column("injection_marks", sa.Column("photo_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_injection_marks_photo_id_visit_photos",
            "injection_marks",
            "visit_photos",
            ["photo_id"],
            ["id"],
        )
    op.create_index(
        "ix_injection_marks_photo_id",
        "injection_marks",
        ["photo_id"],
        sqlite_where=sa.text("photo_id IS NOT NULL"),
        postgresql_where=sa.text("photo_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.execute("DELETE FROM injection_marks WHERE photo_id IS NOT NULL")
    op.drop_index("ix_injection_marks_photo_id", table_name="injection_marks")
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("injection_marks", schema=None) as batch_op:
        if not sqlite:  # SQLite's copy of the table leaves the column's reference behind
            batch_op.drop_constraint(
                batch_op.f("fk_injection_marks_photo_id_visit_photos"), type_="foreignkey"
            )
        batch_op.drop_column("photo_id")
