"""`mesodesk rules export` and `mesodesk rules import` as a clinic runs them: real processes,
real files in the formats a clinic edits; a refusal is one line on stderr and nothing changes."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from mesodesk import paths
from mesodesk.db import Database, open_database, sqlite_url
from mesodesk.services.registry import build_services
from tests.cli.test_cli import run
from tests.cli.test_cli_safety import _one_line_error

CATALOG = json.loads(paths.resource_path("contraindications.json").read_text("utf-8"))
for _entry in CATALOG:
    if _entry["code"] == "hypertension":
        _entry["kind"] = "relative"
CLINIC_FILES = {
    "contraindications.json": json.dumps(CATALOG, ensure_ascii=False, indent=1) + "\n",
    "texts/aftercare.ru.json": '{\n  "title": "Памятка нашей клиники"\n}\n',
    "texts/consent.en.json": '{"title": "Our consent"}',
}


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MESODESK_DATA_DIR", str(folder))
    return folder


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        target = folder.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return folder


def _read(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.json"))
    }


def _stored(url: str) -> dict[str, str]:
    database = open_database(url)
    try:
        return build_services(database.sessions).rules.export_rules()
    finally:
        database.close()


def _url(database: Database) -> str:
    if database.path is not None:
        return sqlite_url(database.path)
    return database.engine.url.render_as_string(hide_password=False)


def test_help_lists_rules_export_and_import() -> None:
    assert "rules" in run("--help").stdout
    assert "contraindications.json" in run("rules", "--help").stdout
    assert "--name" in run("rules", "export", "--help").stdout
    assert "--as" in run("rules", "import", "--help").stdout


def test_an_exported_folder_imports_into_another_database_unchanged(
    database: Database, tmp_path: Path
) -> None:
    source = _write(tmp_path / "given", CLINIC_FILES)
    url = _url(database)
    imported = run("rules", "import", "--db", url, str(source))
    assert imported.returncode == 0, imported.stderr
    assert _stored(url) == CLINIC_FILES

    exported = run("rules", "export", "--db", url, "-o", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    assert _read(tmp_path / "out") == CLINIC_FILES
    for path in (tmp_path / "out").rglob("*.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    other = sqlite_url(tmp_path / "other.sqlite3")
    open_database(other, create=True).close()
    assert run("rules", "import", "--db", other, str(tmp_path / "out")).returncode == 0
    assert run("rules", "export", "--db", other, "-o", str(tmp_path / "again")).returncode == 0
    assert _read(tmp_path / "again") == CLINIC_FILES


def test_one_rule_exports_as_its_file_and_imports_by_its_name(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "clinic.sqlite3")
    open_database(url, create=True).close()
    shipped = tmp_path / "catalog.json"
    result = run(
        "rules", "export", "--db", url, "--name", "contraindications.json", "-o", str(shipped)
    )
    assert result.returncode == 0, result.stderr
    assert shipped.read_text("utf-8") == paths.resource_path("contraindications.json").read_text(
        "utf-8"
    )
    assert "shipped with MesoDesk" in result.stdout

    edited = tmp_path / "edited.json"
    edited.write_text(CLINIC_FILES["contraindications.json"], encoding="utf-8")
    result = run("rules", "import", "--db", url, str(edited), "--as", "contraindications.json")
    assert result.returncode == 0, result.stderr
    assert _stored(url) == {"contraindications.json": CLINIC_FILES["contraindications.json"]}


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("contraindications.json", "[{]", "not valid JSON"),
        ("aftercare.ru.json", '{"titl": "Памятка"}', "unknown key 'titl'"),
        ("consent.en.json", '{"title": "Dear {patient_nickname}"}', "{patient_nickname}"),
        ("medicines.json", b"\xff\xfe{}", "not UTF-8"),
        ("notes.json", "{}", "not a clinic rules file"),
    ],
)
def test_a_bad_file_is_refused_in_one_line_and_nothing_stored_changes(
    tmp_path: Path, name: str, content: str | bytes, says: str
) -> None:
    url = sqlite_url(tmp_path / "clinic.sqlite3")
    open_database(url, create=True).close()
    assert (
        run("rules", "import", "--db", url, str(_write(tmp_path / "good", CLINIC_FILES))).returncode
        == 0
    )
    before = _stored(url)
    bad = tmp_path / "bad" / name
    bad.parent.mkdir()
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")

    line = _one_line_error(run("rules", "import", "--db", url, str(bad)))

    assert says in line
    assert _stored(url) == before


def test_a_folder_with_one_bad_file_stores_none_of_them(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "clinic.sqlite3")
    open_database(url, create=True).close()
    folder = _write(tmp_path / "given", {**CLINIC_FILES, "texts/visit_summary.en.json": "[]"})

    line = _one_line_error(run("rules", "import", "--db", url, str(folder)))

    assert "visit_summary.en.json" in line
    assert _stored(url) == {}


def test_export_never_writes_over_a_folder_that_holds_files(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "clinic.sqlite3")
    open_database(url, create=True).close()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("keep", encoding="utf-8")
    line = _one_line_error(run("rules", "export", "--db", url, "-o", str(tmp_path / "out")))
    assert "not empty" in line
    assert _read(tmp_path / "out") == {}


def test_the_first_open_takes_in_the_data_folders_files(data_folder: Path, tmp_path: Path) -> None:
    _write(data_folder, CLINIC_FILES)
    url = sqlite_url(tmp_path / "clinic.sqlite3")
    assert run("demo", "--db", url, "--patients", "1").returncode == 0
    (data_folder / "texts" / "consent.en.json").write_text('{"title": "Later"}', "utf-8")

    assert _stored(url) == CLINIC_FILES
