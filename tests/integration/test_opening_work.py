"""Opening a current database does only what it needs: no migration is run to check it, and
the starter catalog and the workstation's rule files are not taken in again."""

from __future__ import annotations

from mesodesk import migrations
from mesodesk.db import open_database


def test_checking_a_current_database_runs_no_migration(sqlite_db):
    url = sqlite_db.url.render_as_string(hide_password=False)
    sqlite_db.close()
    migrations.tables_by_revision.cache_clear()
    database = open_database(url)
    try:
        state = migrations.classify([migrations.head_revision()], migrations.head_tables())
        assert state.kind is migrations.SchemaKind.CURRENT
        assert migrations.tables_by_revision.cache_info().misses == 0
    finally:
        database.close()


def test_the_starter_catalog_and_rule_files_are_taken_in_once(sqlite_services):
    assert sqlite_services.catalog.ensure_starter_catalog()
    assert not sqlite_services.catalog.ensure_starter_catalog()
    sqlite_services.rules.import_workstation_files()
    assert sqlite_services.rules.import_workstation_files().done_before
