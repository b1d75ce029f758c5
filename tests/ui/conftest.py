"""A main window on a real SQLite file, as the user gets it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QEventLoop, QTimer

from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import CocktailLineRecord, CocktailRecord, LotRecord, ProductRecord
from mesodesk.services.backup import BackupService
from mesodesk.services.registry import Services
from mesodesk.ui.main_window import MainWindow
from tests.ui.windows import open_window


@pytest.fixture
def window(qtbot, sqlite_db, sqlite_services: Services, tmp_path) -> Iterator[MainWindow]:
    main = open_window(
        qtbot,
        sqlite_services,
        sqlite_db.location,
        tmp_path,
        backups=BackupService.for_database(sqlite_db),
    )
    yield main
    main.runner.wait()


@pytest.fixture
def clinic(window: MainWindow) -> dict[str, int]:
    """A patient open in the window, and a two-product cocktail with a lot of each product."""
    catalog = window.services.catalog
    expires = date.today() + timedelta(days=365)
    ids: dict[str, int] = {}
    lines = []
    for name, number, volume in (("Vitamin C 5%", "VC-101", "2"), ("Rutin 1%", "RT-7", "1")):
        product = catalog.save_product(ProductRecord(id=None, name=name))
        ids[number] = catalog.receive_lot(
            LotRecord(
                id=None,
                product_id=product.id,
                product_name=name,
                lot_number=number,
                expires_on=expires,
                on_hand=Decimal("10"),
            )
        ).id
        lines.append(CocktailLineRecord(product.id, name, Decimal(volume)))
    cocktail = catalog.save_cocktail(
        CocktailRecord(id=None, name="Vascular cocktail", lines=tuple(lines))
    )
    ids["cocktail"] = cocktail.id
    patient = window.services.patients.save(PatientCard(last_name="Иванова", first_name="Мария"))
    window.patient_list.refresh()
    window.open_patient(patient.id)
    ids["patient"] = patient.id
    return ids


@pytest.fixture(autouse=True)
def _event_loops_still_run(qapp) -> Iterator[None]:
    """Fails the test that leaves the application quitting (a Qt quit posted and not consumed,
    as a last window closed inside `exec` leaves): every later event loop of the process would
    return at once, and the next tests would time out waiting for work that is done."""
    yield
    qapp.processEvents()
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    if loop.exec() != 0:
        QTimer.singleShot(0, qapp.quit)
        qapp.exec()  # starts by clearing the quit, so the next tests run
        pytest.fail("this test left the application quitting: later tests would hang")
