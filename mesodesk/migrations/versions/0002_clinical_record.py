"""The clinical record: catalog and lots, courses, visits, marks, anamnesis, settings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clinic_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_clinic_settings")),
    )
    op.create_table(
        "cocktails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("name_ru", sa.String(length=160), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("indications", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cocktails")),
        sa.UniqueConstraint("name", name=op.f("uq_cocktails_name")),
    )
    op.create_table(
        "ingredients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_ru", sa.String(length=120), nullable=False),
        sa.Column("group", sa.String(length=32), nullable=False),
        sa.Column("homeopathic", sa.Boolean(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingredients")),
        sa.UniqueConstraint("name", name=op.f("uq_ingredients_name")),
    )
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("manufacturer", sa.String(length=120), nullable=False),
        sa.Column("form", sa.String(length=40), nullable=False),
        sa.Column("pack", sa.String(length=80), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("name", name=op.f("uq_products_name")),
    )
    op.create_table(
        "cocktail_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cocktail_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("volume_ml", sa.Numeric(precision=10, scale=3), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cocktail_id"],
            ["cocktails.id"],
            name=op.f("fk_cocktail_lines_cocktail_id_cocktails"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_cocktail_lines_product_id_products"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cocktail_lines")),
    )
    with op.batch_alter_table("cocktail_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cocktail_lines_cocktail_id"), ["cocktail_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cocktail_lines_product_id"), ["product_id"], unique=False
        )

    op.create_table(
        "courses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("indication", sa.String(length=32), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("interval_min_days", sa.Integer(), nullable=False),
        sa.Column("interval_max_days", sa.Integer(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_courses_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courses")),
    )
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_courses_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "lots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("lot_number", sa.String(length=60), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("on_hand", sa.Numeric(precision=10, scale=3), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_lots_product_id_products"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lots")),
        sa.UniqueConstraint("product_id", "lot_number", name=op.f("uq_lots_product_id")),
    )
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lots_lot_number"), ["lot_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_lots_product_id"), ["product_id"], unique=False)

    op.create_table(
        "patient_allergies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("substance", sa.String(length=160), nullable=False),
        sa.Column("group", sa.String(length=32), nullable=True),
        sa.Column("reaction", sa.String(length=200), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_patient_allergies_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_allergies")),
    )
    with op.batch_alter_table("patient_allergies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_patient_allergies_patient_id"), ["patient_id"], unique=False
        )

    op.create_table(
        "patient_anamnesis",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("pregnant", sa.Boolean(), nullable=False),
        sa.Column("pregnancy_due_on", sa.Date(), nullable=True),
        sa.Column("childbirth_on", sa.Date(), nullable=True),
        sa.Column("breastfeeding", sa.Boolean(), nullable=False),
        sa.Column("keloid_tendency", sa.Boolean(), nullable=False),
        sa.Column("fear_of_injections", sa.Boolean(), nullable=False),
        sa.Column("high_skin_sensitivity", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_patient_anamnesis_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("patient_id", name=op.f("pk_patient_anamnesis")),
    )
    op.create_table(
        "patient_conditions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_patient_conditions_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_conditions")),
    )
    with op.batch_alter_table("patient_conditions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_patient_conditions_patient_id"), ["patient_id"], unique=False
        )

    op.create_table(
        "patient_medications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("anticoagulant", sa.Boolean(), nullable=False),
        sa.Column("antiplatelet", sa.Boolean(), nullable=False),
        sa.Column("retinoid", sa.Boolean(), nullable=False),
        sa.Column("hormonal", sa.Boolean(), nullable=False),
        sa.Column("immunosuppressant", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_patient_medications_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_medications")),
    )
    with op.batch_alter_table("patient_medications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_patient_medications_patient_id"), ["patient_id"], unique=False
        )

    op.create_table(
        "product_ingredients",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("ingredient_id", sa.Integer(), nullable=False),
        sa.Column("concentration", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["ingredient_id"],
            ["ingredients.id"],
            name=op.f("fk_product_ingredients_ingredient_id_ingredients"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_ingredients_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", "ingredient_id", name=op.f("pk_product_ingredients")),
    )
    with op.batch_alter_table("product_ingredients", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_ingredients_ingredient_id"), ["ingredient_id"], unique=False
        )

    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("practitioner", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("techniques", sa.JSON(), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=True),
        sa.Column("anaesthesia", sa.String(length=200), nullable=False),
        sa.Column("disinfection", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("price_minor", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("checklist", sa.JSON(), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("signed_by", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_visits_course_id_courses"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_visits_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visits_course_id"), ["course_id"], unique=False)
        batch_op.create_index("ix_visits_patient_starts", ["patient_id", "starts_at"], unique=False)

    op.create_table(
        "visit_addenda",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_visit_addenda_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_addenda")),
    )
    with op.batch_alter_table("visit_addenda", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_addenda_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "visit_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("finding_code", sa.String(length=64), nullable=False),
        sa.Column("finding_reason", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=120), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_visit_overrides_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_overrides")),
    )
    with op.batch_alter_table("visit_overrides", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_overrides_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "visit_product_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("volume_ml", sa.Numeric(precision=10, scale=3), nullable=False),
        sa.Column("cocktail_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cocktail_id"],
            ["cocktails.id"],
            name=op.f("fk_visit_product_lines_cocktail_id_cocktails"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["lot_id"],
            ["lots.id"],
            name=op.f("fk_visit_product_lines_lot_id_lots"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_visit_product_lines_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_product_lines")),
    )
    with op.batch_alter_table("visit_product_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_product_lines_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_visit_product_lines_visit_id"), ["visit_id"], unique=False
        )

    op.create_table(
        "visit_reactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("reaction", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_visit_reactions_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_reactions")),
    )
    with op.batch_alter_table("visit_reactions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_reactions_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "injection_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("diagram", sa.String(length=16), nullable=False),
        sa.Column("shape", sa.String(length=8), nullable=False),
        sa.Column("points", sa.JSON(), nullable=False),
        sa.Column("technique", sa.String(length=32), nullable=True),
        sa.Column("depth_mm", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("volume_ml", sa.Numeric(precision=10, scale=3), nullable=True),
        sa.Column("needle", sa.String(length=40), nullable=False),
        sa.Column("product_line_id", sa.Integer(), nullable=True),
        sa.Column("zone", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_line_id"],
            ["visit_product_lines.id"],
            name=op.f("fk_injection_marks_product_line_id_visit_product_lines"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_injection_marks_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_injection_marks")),
    )
    with op.batch_alter_table("injection_marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_injection_marks_visit_id"), ["visit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("injection_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_injection_marks_visit_id"))

    op.drop_table("injection_marks")
    with op.batch_alter_table("visit_reactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_reactions_visit_id"))

    op.drop_table("visit_reactions")
    with op.batch_alter_table("visit_product_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_product_lines_visit_id"))
        batch_op.drop_index(batch_op.f("ix_visit_product_lines_lot_id"))

    op.drop_table("visit_product_lines")
    with op.batch_alter_table("visit_overrides", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_overrides_visit_id"))

    op.drop_table("visit_overrides")
    with op.batch_alter_table("visit_addenda", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_addenda_visit_id"))

    op.drop_table("visit_addenda")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_patient_starts")
        batch_op.drop_index(batch_op.f("ix_visits_course_id"))

    op.drop_table("visits")
    with op.batch_alter_table("product_ingredients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_ingredients_ingredient_id"))

    op.drop_table("product_ingredients")
    with op.batch_alter_table("patient_medications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patient_medications_patient_id"))

    op.drop_table("patient_medications")
    with op.batch_alter_table("patient_conditions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patient_conditions_patient_id"))

    op.drop_table("patient_conditions")
    op.drop_table("patient_anamnesis")
    with op.batch_alter_table("patient_allergies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patient_allergies_patient_id"))

    op.drop_table("patient_allergies")
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lots_product_id"))
        batch_op.drop_index(batch_op.f("ix_lots_lot_number"))

    op.drop_table("lots")
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_courses_patient_id"))

    op.drop_table("courses")
    with op.batch_alter_table("cocktail_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cocktail_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_cocktail_lines_cocktail_id"))

    op.drop_table("cocktail_lines")
    op.drop_table("products")
    op.drop_table("ingredients")
    op.drop_table("cocktails")
    op.drop_table("clinic_settings")
