"""Databases for tests: a real SQLite file, and a real PostgreSQL server when one is given."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mesodesk.db import Database, open_database, sqlite_url
from mesodesk.services.registry import Services, build_services

PG_ENV = "MESODESK_TEST_PG_URL"


@pytest.fixture
def sqlite_db(tmp_path) -> Iterator[Database]:
    database = open_database(sqlite_url(tmp_path / "clinic" / "mesodesk.sqlite3"))
    yield database
    database.close()


@pytest.fixture(scope="session")
def postgres_url(worker_id: str, testrun_uid: str) -> Iterator[str]:
    """A database of its own for each test worker of each run on the PostgreSQL test server.

    Without a server the PostgreSQL cases are skipped, except in CI, where that is a failure.
    """
    base = os.environ.get(PG_ENV)
    if not base:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set: CI must run the PostgreSQL cases")
        pytest.skip(f"no PostgreSQL test server ({PG_ENV} not set)")
    name = f"mesodesk_test_{testrun_uid[:10]}_{worker_id}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(base).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def postgresql_db(postgres_url: str) -> Iterator[Database]:
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    database = open_database(postgres_url)
    yield database
    database.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> Database:
    """The same test on both engines the app supports."""
    return request.getfixturevalue(f"{request.param}_db")


@pytest.fixture
def services(database: Database) -> Services:
    return build_services(database.sessions)


@pytest.fixture
def sqlite_services(sqlite_db: Database) -> Services:
    return build_services(sqlite_db.sessions)


@pytest.fixture
def scratch_postgres_url(postgres_url: str) -> Iterator[str]:
    """Another empty database on the PostgreSQL test server, of this test only: made before
    it, dropped after it (a restore target, or where an unusual backup is made)."""
    base = os.environ[PG_ENV]
    name = f"{make_url(postgres_url).database}_scratch"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(base).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
