"""What the write gate says when the database refuses a write: the real cause, in words, on
both engines; "another workstation saved at the same moment" only when that is what happened."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mesodesk.db import Database
from mesodesk.models import ClinicSetting, Ingredient, Lot, Patient
from mesodesk.services.base import CLASH_MESSAGE, Service
from mesodesk.services.errors import (
    DuplicateRecord,
    MissingReference,
    ServiceError,
    StaleRecord,
)


class _Writer(Service):
    """A service whose one action adds the given row: the gate is what is under test."""

    def add(self, row: object) -> None:
        with self._write() as session:
            session.add(row)

    def count_patients_named(self, name: str) -> int:
        with self._read() as session:
            return session.query(Patient).filter(Patient.last_name == name).count()


def test_a_row_pointing_to_a_missing_record_is_reported_as_such(database: Database) -> None:
    writer = _Writer(database.sessions)

    with pytest.raises(MissingReference) as refused:
        writer.add(Lot(product_id=987654, lot_number="X-1", expires_on=date(2030, 1, 1), on_hand=1))

    assert "no longer exists" in str(refused.value)
    assert CLASH_MESSAGE not in str(refused.value)


def test_a_duplicate_name_is_reported_as_a_duplicate(database: Database) -> None:
    writer = _Writer(database.sessions)
    writer.add(Ingredient(name="Hyaluronic acid"))

    with pytest.raises(DuplicateRecord) as refused:
        writer.add(Ingredient(name="Hyaluronic acid"))

    assert "already" in str(refused.value) and "name" in str(refused.value)
    assert CLASH_MESSAGE not in str(refused.value)


def test_the_same_key_saved_twice_is_the_workstation_clash(database: Database) -> None:
    writer = _Writer(database.sessions)
    writer.add(ClinicSetting(key="letterhead", value={}))

    with pytest.raises(StaleRecord, match="same moment"):
        writer.add(ClinicSetting(key="letterhead", value={}))


def test_a_missing_required_value_is_not_called_a_clash(database: Database) -> None:
    writer = _Writer(database.sessions)
    with pytest.raises(ServiceError) as refused:
        writer.add(Lot(product_id=None, lot_number="X", expires_on=date(2030, 1, 1), on_hand=1))
    assert not isinstance(refused.value, StaleRecord)
    assert "missing" in str(refused.value)


def test_a_broken_character_in_text_is_refused_in_words(database: Database) -> None:
    writer = _Writer(database.sessions)

    with pytest.raises(ServiceError, match="character"):
        writer.add(Ingredient(name="Broken \ud800 name"))
    with pytest.raises(ServiceError, match="character"):
        writer.count_patients_named("\udcff")


def test_a_refused_write_leaves_nothing_behind(database: Database) -> None:
    writer = _Writer(database.sessions)
    with pytest.raises(MissingReference):
        writer.add(Lot(product_id=424242, lot_number="Y-2", expires_on=date(2030, 1, 1), on_hand=2))
    with database.sessions() as session:
        assert session.query(Lot).filter(Lot.on_hand == Decimal(2)).count() == 0
