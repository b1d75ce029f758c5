"""The chart as the record: marks name the cocktail or lot injected; charting templates.

A mark used to point at one saved product line of its visit, so nothing could be chosen before
the visit was saved and a cocktail could not be named at all. It now names a catalog cocktail
or a lot; existing marks keep what their product line said.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("injection_marks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lot_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cocktail_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_injection_marks_lot_id_lots"),
            "lots",
            ["lot_id"],
            ["id"],
            ondelete="RESTRICT",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_injection_marks_cocktail_id_cocktails"),
            "cocktails",
            ["cocktail_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    op.execute(
        """
        UPDATE injection_marks SET
            cocktail_id = (SELECT l.cocktail_id FROM visit_product_lines l
                           WHERE l.id = injection_marks.product_line_id),
            lot_id = (SELECT CASE WHEN l.cocktail_id IS NULL THEN l.lot_id END
                      FROM visit_product_lines l WHERE l.id = injection_marks.product_line_id)
        WHERE product_line_id IS NOT NULL
        """
    )
    with op.batch_alter_table("injection_marks", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_injection_marks_product_line_id_visit_product_lines"),
            type_="foreignkey",
        )
        batch_op.drop_column("product_line_id")

    op.create_table(
        "chart_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("marks", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chart_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_chart_templates_name")),
    )


def downgrade() -> None:
    op.drop_table("chart_templates")
    with op.batch_alter_table("injection_marks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("product_line_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_injection_marks_product_line_id_visit_product_lines"),
            "visit_product_lines",
            ["product_line_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.execute(
        """
        UPDATE injection_marks SET product_line_id = (
            SELECT MIN(l.id) FROM visit_product_lines l
            WHERE l.visit_id = injection_marks.visit_id
              AND ((injection_marks.cocktail_id IS NOT NULL
                    AND l.cocktail_id = injection_marks.cocktail_id)
                   OR (injection_marks.cocktail_id IS NULL
                       AND l.lot_id = injection_marks.lot_id)))
        """
    )
    with op.batch_alter_table("injection_marks", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_injection_marks_cocktail_id_cocktails"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_injection_marks_lot_id_lots"), type_="foreignkey")
        batch_op.drop_column("cocktail_id")
        batch_op.drop_column("lot_id")
