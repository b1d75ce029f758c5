"""Products get a Russian name, printed on Russian documents; starter products get theirs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STARTER_NAMES_RU = {
    "Rutin, 2 ml ampoule": "Рутин, ампула 2 мл",
    "Pentoxifylline 2%, 5 ml ampoule": "Пентоксифиллин 2%, ампула 5 мл",
    "Ginkgo biloba extract, 2 ml ampoule": "Экстракт гинкго билоба, ампула 2 мл",
    "Melilot extract, 2 ml ampoule": "Экстракт донника, ампула 2 мл",
    "Arnica (homeopathic), 2 ml ampoule": "Арника (гомеопатия), ампула 2 мл",
    "Organic silicon, 5 ml vial": "Органический кремний, флакон 5 мл",
    "DMAE, 5 ml vial": "ДМАЭ, флакон 5 мл",
    "Phosphatidylcholine, 5 ml ampoule": "Фосфатидилхолин, ампула 5 мл",
    "Vitamin C, 2 ml ampoule": "Витамин C, ампула 2 мл",
    "Nicotinic acid, 1 ml ampoule": "Никотиновая кислота, ампула 1 мл",
    "Multivitamin complex, 5 ml vial": "Мультивитаминный комплекс, флакон 5 мл",
    "Glycolic acid 1%, 2 ml ampoule": "Гликолевая кислота 1%, ампула 2 мл",
    "Pyruvic acid, 2 ml ampoule": "Пировиноградная кислота, ампула 2 мл",
    "Aloe extract, 1 ml ampoule": "Экстракт алоэ, ампула 1 мл",
    "Green tea extract, 5 ml vial": "Экстракт зелёного чая, флакон 5 мл",
    "Guarana extract, 5 ml vial": "Экстракт гуараны, флакон 5 мл",
    "Artichoke extract, 5 ml vial": "Экстракт артишока, флакон 5 мл",
    "Chamomile extract, 5 ml vial": "Экстракт ромашки, флакон 5 мл",
    "Magnesium, 5 ml vial": "Магний, флакон 5 мл",
    "Zinc, 5 ml vial": "Цинк, флакон 5 мл",
    "Selenium, 5 ml vial": "Селен, флакон 5 мл",
    "Gentamicin, 2 ml ampoule": "Гентамицин, ампула 2 мл",
    "Lidocaine, 2 ml ampoule": "Лидокаин, ампула 2 мл",
    "Novocaine, 5 ml ampoule": "Новокаин, ампула 5 мл",
    "Elastin, 5 ml vial": "Эластин, флакон 5 мл",
    "Peptide complex, 5 ml vial": "Пептидный комплекс, флакон 5 мл",
    "Collagen, 5 ml vial": "Коллаген, флакон 5 мл",
    "Placentex, 3 ml ampoule": "Плацентекс, ампула 3 мл",
}
"""The Russian names of the starter products as shipped when this revision was written, so a
clinic's existing starter rows read in Russian too. A row is filled only while it still
carries the starter name and is marked as shipped; the clinic's own products stay empty."""


def upgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_ru", sa.String(length=160), nullable=False, server_default="")
        )
    products = sa.table(
        "products",
        sa.column("name", sa.String),
        sa.column("name_ru", sa.String),
        sa.column("builtin", sa.Boolean),
    )
    for name, name_ru in STARTER_NAMES_RU.items():
        op.execute(
            products.update()
            .where(products.c.name == name, products.c.builtin.is_(True))
            .values(name_ru=name_ru)
        )


def downgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("name_ru")
