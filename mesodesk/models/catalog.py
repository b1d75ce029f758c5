"""The clinic's catalog: ingredients, products with their composition, lots on the shelf,
and cocktail recipes. Rows shipped with the app are marked `builtin` but stay editable."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from mesodesk.models.base import Base, UtcDateTime, utcnow

VOLUME = Numeric(10, 3, asdecimal=True)


class Ingredient(Base):
    __tablename__ = "ingredients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    name: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    name_ru: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    group: Mapped[str] = mapped_column(String(32), nullable=False, default="other")
    homeopathic: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    builtin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    __mapper_args__ = {"version_id_col": version}


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    name: Mapped[str] = mapped_column(String(160), nullable=False, unique=True)
    name_ru: Mapped[str] = mapped_column(String(160), nullable=False, default="")
    manufacturer: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    form: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    pack: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    unit: Mapped[str] = mapped_column(String(8), nullable=False, default="ml")
    builtin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    __mapper_args__ = {"version_id_col": version}


class ProductIngredient(Base):
    __tablename__ = "product_ingredients"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True
    )
    ingredient_id: Mapped[int] = mapped_column(
        ForeignKey("ingredients.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    concentration: Mapped[str | None] = mapped_column(String(40))


class Lot(Base):
    """A batch on the shelf; `on_hand` goes down as visits record what they used."""

    __tablename__ = "lots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    lot_number: Mapped[str] = mapped_column(String(60), nullable=False, index=True)
    expires_on: Mapped[date] = mapped_column(Date, nullable=False)
    on_hand: Mapped[Decimal] = mapped_column(VOLUME, nullable=False)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("product_id", "lot_number"),)


class Cocktail(Base):
    __tablename__ = "cocktails"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    name: Mapped[str] = mapped_column(String(160), nullable=False, unique=True)
    name_ru: Mapped[str] = mapped_column(String(160), nullable=False, default="")
    areas: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    indications: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    builtin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    __mapper_args__ = {"version_id_col": version}


class CocktailLine(Base):
    __tablename__ = "cocktail_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cocktail_id: Mapped[int] = mapped_column(
        ForeignKey("cocktails.id", ondelete="CASCADE"), nullable=False, index=True
    )
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    volume_ml: Mapped[Decimal] = mapped_column(VOLUME, nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
