"""Two workstations starting on a new database at the same moment both get a working database,
one starter catalog and their own patient, on SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from mesodesk.db import sqlite_url
from mesodesk.models import ClinicSetting, Cocktail, Patient

WORKSTATION = """
import sys, time
from mesodesk.db import open_database
from mesodesk.domain.patient import PatientCard
from mesodesk.services.registry import build_services

url, start, name = sys.argv[1], float(sys.argv[2]), sys.argv[3]
while time.time() < start:
    time.sleep(0.001)
database = open_database(url, create=True)
services = build_services(database.sessions)
services.catalog.ensure_starter_catalog()
services.patients.save(PatientCard(last_name=name, first_name="Test"))
database.close()
print("ok")
"""

ROUNDS = 4


def _start_together(url: str) -> list[subprocess.CompletedProcess[str]]:
    start = time.time() + 2.0
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKSTATION, url, str(start), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Alpha", "Beta")
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


def _assert_one_catalog_and_both_patients(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = connection.scalars(select(Patient.last_name).order_by(Patient.last_name))
            assert list(names) == ["Alpha", "Beta"]
            settings = connection.scalar(select(func.count()).select_from(ClinicSetting))
            assert settings is not None and settings >= 1
            cocktails = connection.scalars(select(Cocktail.name)).all()
            assert cocktails and len(cocktails) == len(set(cocktails))
    finally:
        engine.dispose()


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_workstations_create_a_new_sqlite_database_together(
    tmp_path: Path, round_: int
) -> None:
    url = sqlite_url(tmp_path / "shared" / "mesodesk.sqlite3")

    results = _start_together(url)

    for result in results:
        assert result.returncode == 0, result.stderr
    _assert_one_catalog_and_both_patients(url)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_workstations_create_a_new_postgresql_database_together(
    postgres_url: str, round_: int
) -> None:
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()

    results = _start_together(postgres_url)

    for result in results:
        assert result.returncode == 0, result.stderr
    _assert_one_catalog_and_both_patients(postgres_url)
