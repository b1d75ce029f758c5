"""The clinic's rules live in the database: two workstations on one database screen and print
from the same catalog and texts, whatever files each holds; the first open takes in the
workstation's files once; a file the app could not use is refused and nothing changes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from mesodesk import paths
from mesodesk.db import Database, open_database, sqlite_url
from mesodesk.documents.texts import load_texts
from mesodesk.domain.users import Role
from mesodesk.domain.vocabulary import Language
from mesodesk.models import ClinicRule
from mesodesk.services.errors import AccessDenied, StaleRecord, ValidationFailed
from mesodesk.services.registry import Services, build_services
from mesodesk.services.rules import rule_names
from tests.document_visits import add_spine_visit, pdf_text

HEADACHE = {"reactions": [{"id": "headache", "text": "A light headache, ring us if it stays"}]}


def _catalog_with(code: str, kind: str) -> str:
    shipped = json.loads(paths.resource_path("contraindications.json").read_text("utf-8"))
    for entry in shipped:
        if entry["code"] == code:
            entry["kind"] = kind
    return json.dumps(shipped, ensure_ascii=False, indent=2)


def _folder(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = root.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return root


class Workstation:
    """One workstation: its own engine and sessions on the shared database, its own data folder."""

    def __init__(self, url: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self._monkeypatch = monkeypatch
        self.database: Database = open_database(url)
        self.services: Services = build_services(self.database.sessions)

    def here(self) -> Services:
        """The services, with this workstation's data folder in force."""
        self._monkeypatch.setenv("MESODESK_DATA_DIR", str(self.folder))
        return self.services


@pytest.fixture
def two_workstations(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Workstation, Workstation]]:
    url = database.engine.url.render_as_string(hide_password=False)
    first = Workstation(
        url,
        _folder(
            tmp_path / "first",
            {
                "contraindications.json": _catalog_with("hypertension", "relative"),
                "texts/aftercare.en.json": json.dumps(HEADACHE),
            },
        ),
        monkeypatch,
    )
    second = Workstation(url, _folder(tmp_path / "second", {}), monkeypatch)
    yield first, second
    first.database.close()
    second.database.close()


def test_two_workstations_screen_and_print_from_the_same_rules(two_workstations) -> None:
    first, second = two_workstations
    assert first.database.engine is not second.database.engine
    taken = first.here().rules.import_workstation_files()
    assert taken.imported == ["contraindications.json", "texts/aftercare.en.json"]
    assert second.here().rules.import_workstation_files().done_before

    # the second workstation holds no file, yet works from what the first one took in
    assert second.here().anamnesis.catalog().by_code()["hypertension"].kind == "relative"
    with second.database.sessions() as session:  # as the card reads them, with its anamnesis
        catalog, medicines = second.here().rules.safety_rules_in(session)
    assert catalog.by_code()["hypertension"].kind == "relative"
    assert medicines == second.here().rules.medicines()
    visit_id = add_spine_visit(second.database.sessions)
    text = pdf_text(second.here().documents.aftercare_pdf(visit_id, Language.ENGLISH))
    assert "A light headache, ring us if it stays" in text

    # an edit saved on one is in force on the other at once
    catalog = next(r for r in second.here().rules.rules() if r.name == "contraindications.json")
    second.here().rules.save_rule(
        "contraindications.json", _catalog_with("hypertension", "absolute"), catalog.revision
    )
    assert first.here().anamnesis.catalog().by_code()["hypertension"].kind == "absolute"
    assert first.here().screening.screening(visit_id).catalog_problem is None
    # and the first workstation's own file is no longer read
    assert (first.folder / "contraindications.json").is_file()


def test_a_save_from_an_older_copy_is_refused(two_workstations) -> None:
    first, second = two_workstations
    first.here().rules.import_workstation_files()
    name = "texts/aftercare.en.json"
    seen = {r.name: r for r in second.here().rules.rules()}[name]
    first.here().rules.save_rule(name, json.dumps({"title": "First"}), seen.revision)
    with pytest.raises(StaleRecord):
        second.here().rules.save_rule(name, json.dumps({"title": "Second"}), seen.revision)
    stored = load_texts("aftercare", Language.ENGLISH, second.here().rules.text_overrides())
    assert stored["title"] == "First"


def _stored(services: Services) -> dict[str, tuple[str, int]]:
    with services.rules._sessions() as session:
        return {
            row.name: (row.content, row.revision) for row in session.scalars(select(ClinicRule))
        }


def test_the_first_open_takes_in_the_workstations_files_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(
        tmp_path / "data",
        {
            "medicines.json": '{"medicines": "Варфарин"}',  # unusable today: kept, not in force
            "texts/consent.ru.json": json.dumps({"title": "Согласие клиники"}, ensure_ascii=False),
        },
    )
    monkeypatch.setenv("MESODESK_DATA_DIR", str(folder))
    database = open_database(sqlite_url(tmp_path / "clinic.sqlite3"), create=True)
    try:
        services = build_services(database.sessions)
        # before the first open, the files are read as they always were
        assert services.anamnesis.medicines().problem is not None
        assert _stored(services) == {}

        taken = services.rules.import_workstation_files()

        assert taken.imported == ["medicines.json", "texts/consent.ru.json"]
        assert _stored(services) == {
            "medicines.json": ('{"medicines": "Варфарин"}', 1),
            "texts/consent.ru.json": (
                json.dumps({"title": "Согласие клиники"}, ensure_ascii=False),
                1,
            ),
        }
        assert "medicines.json" in (services.anamnesis.medicines().problem or "")
        overrides = services.rules.text_overrides()
        assert load_texts("consent", Language.RUSSIAN, overrides)["title"] == "Согласие клиники"

        # files changed or added later are not read, and never taken in again
        (folder / "contraindications.json").write_text("[{]", encoding="utf-8")
        (folder / "texts" / "consent.ru.json").write_text('{"title": "Другое"}', "utf-8")
        assert services.rules.import_workstation_files().done_before
        assert services.anamnesis.catalog().problem is None
        assert (
            load_texts("consent", Language.RUSSIAN, services.rules.text_overrides())["title"]
            == "Согласие клиники"
        )
    finally:
        database.close()


def test_a_database_without_files_starts_from_the_shipped_rules(sqlite_services: Services) -> None:
    assert sqlite_services.rules.import_workstation_files().imported == []
    assert all(rule.content is None for rule in sqlite_services.rules.rules())
    assert [rule.name for rule in sqlite_services.rules.rules()] == rule_names()
    assert sqlite_services.rules.problems() == []


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("contraindications.json", "[{]", "not valid JSON"),
        ("contraindications.json", '[{"code": "Pregnancy"}]', "contraindications.json"),
        ("medicines.json", '{"medicines": "Варфарин"}', "medicines"),
        ("texts/aftercare.en.json", '{"titel": "x"}', "unknown key 'titel'"),
        ("texts/aftercare.en.json", '{"title": "Hello {nobody}"}', "{nobody}"),
        ("texts/aftercare.de.json", "{}", "not a clinic rules file"),
    ],
)
def test_a_rule_the_app_could_not_use_is_refused_and_nothing_changes(
    sqlite_services: Services, name: str, content: str, says: str
) -> None:
    rules = sqlite_services.rules
    rules.import_workstation_files()
    good = rules.import_rules({"texts/aftercare.en.json": json.dumps({"title": "Kept"})})
    before = _stored(sqlite_services)

    with pytest.raises(ValidationFailed) as refused:
        rules.import_rules({"texts/consent.en.json": json.dumps({"title": "Ours"}), name: content})
    assert says in str(refused.value)
    with pytest.raises(ValidationFailed):
        rules.save_rule(name, content, 0 if name != good[0].name else good[0].revision)

    assert _stored(sqlite_services) == before


def test_use_shipped_drops_the_clinics_version(sqlite_services: Services) -> None:
    rules = sqlite_services.rules
    (saved,) = rules.import_rules({"contraindications.json": _catalog_with("diabetes", "relative")})
    assert rules.catalog().by_code()["diabetes"].kind == "relative"
    rules.reset_rule("contraindications.json", saved.revision)
    assert rules.catalog().by_code()["diabetes"].kind == "absolute"
    assert _stored(sqlite_services) == {}


def _templates_file(*names: str) -> str:
    mark = {
        "diagram": "back",
        "shape": "line",
        "points": [[100.0, 150.0], [120.0, 150.0]],
        "technique": "linear",
        "depth_mm": "2",
        "volume_ml": "0.05",
        "needle": "30G 4 mm",
    }
    content = {"templates": [{"name": name, "marks": [mark]} for name in names]}
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def test_the_charting_templates_move_between_databases_as_one_file(
    services: Services, tmp_path: Path
) -> None:
    services.rules.import_rules({"templates.json": _templates_file("Лоб", "Neck rows")})
    exported = services.rules.export_rules()
    assert exported == {"templates.json": _templates_file("Neck rows", "Лоб")}
    assert [t.name for t in services.templates.list_templates()] == ["Neck rows", "Лоб"]

    other = open_database(sqlite_url(tmp_path / "other.sqlite3"), create=True)
    try:
        build_services(other.sessions).rules.import_rules(exported)
        assert build_services(other.sessions).rules.export_rules() == exported
    finally:
        other.close()

    # saving the edited file keeps, changes and drops templates by name
    (record,) = [r for r in services.rules.rules() if r.name == "templates.json"]
    services.rules.save_rule("templates.json", _templates_file("лоб", "Chin"), record.revision)
    assert [t.name for t in services.templates.list_templates()] == ["Chin", "лоб"]
    with pytest.raises(StaleRecord):  # edited from the copy before that save
        services.rules.save_rule("templates.json", _templates_file("Chin"), record.revision)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('{"templates": {}}', 'list "templates"'),
        (_templates_file("Twice", "twice"), "comes twice"),
        (_templates_file(""), "template 1"),
        (_templates_file("Off the map").replace("150.0", "99999.0"), "on the diagram"),
        (_templates_file("Bad shape").replace('"line"', '"circle"'), "mark 1"),
    ],
)
def test_an_unusable_templates_file_is_refused_and_the_templates_kept(
    sqlite_services: Services, content: str, says: str
) -> None:
    sqlite_services.rules.import_rules({"templates.json": _templates_file("Kept")})
    with pytest.raises(ValidationFailed) as refused:
        sqlite_services.rules.import_rules(
            {"texts/consent.en.json": '{"title": "Ours"}', "templates.json": content}
        )
    assert says in str(refused.value)
    assert [t.name for t in sqlite_services.templates.list_templates()] == ["Kept"]
    assert sqlite_services.rules.export_rules() == {"templates.json": _templates_file("Kept")}


def test_reception_cannot_change_the_rules_and_nothing_changes(sqlite_db: Database) -> None:
    first = build_services(sqlite_db.sessions)
    first.users.add("rita", Role.RECEPTION, "correct horse 1")
    reception = build_services(sqlite_db.sessions)
    reception.users.sign_in("rita", "correct horse 1")

    with pytest.raises(AccessDenied):
        reception.rules.import_rules({"texts/consent.en.json": '{"title": "Ours"}'})
    with pytest.raises(AccessDenied):
        reception.rules.save_rule("texts/consent.en.json", '{"title": "Ours"}', 0)
    assert reception.rules.import_workstation_files().imported == []  # opening still works
    assert reception.rules.export_rules() == {}
