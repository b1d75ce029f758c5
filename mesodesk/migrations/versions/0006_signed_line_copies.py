"""A signed visit keeps what it used: each product line of a signed visit holds a copy of the
product's name, the lot's number and expiry and the cocktail's name as they were at signing, so
renaming a cocktail later does not rewrite the signed record.

Lines of visits signed before this revision get the names the catalog holds now, which are the
names they were signed with unless a cocktail was renamed since (nothing recorded that).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit_product_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("product_name", sa.String(length=160), nullable=True))
        batch_op.add_column(sa.Column("lot_number", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("expires_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("cocktail_name", sa.String(length=160), nullable=True))
    op.execute(
        """
        UPDATE visit_product_lines SET
            product_name = (SELECT p.name FROM lots l JOIN products p ON p.id = l.product_id
                            WHERE l.id = visit_product_lines.lot_id),
            lot_number = (SELECT l.lot_number FROM lots l
                          WHERE l.id = visit_product_lines.lot_id),
            expires_on = (SELECT l.expires_on FROM lots l
                          WHERE l.id = visit_product_lines.lot_id),
            cocktail_name = COALESCE((SELECT c.name FROM cocktails c
                                      WHERE c.id = visit_product_lines.cocktail_id), '')
        WHERE visit_id IN (SELECT v.id FROM visits v WHERE v.signed_at IS NOT NULL)
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("visit_product_lines", schema=None) as batch_op:
        batch_op.drop_column("cocktail_name")
        batch_op.drop_column("expires_on")
        batch_op.drop_column("lot_number")
        batch_op.drop_column("product_name")
