"""Tools > Clinic rules…: the clinic edits, imports and exports its rules; what the app could
not use is refused beside the editor and nothing is saved."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from PySide6.QtCore import Qt

from mesodesk import paths
from mesodesk.documents.texts import load_texts
from mesodesk.domain.vocabulary import Language
from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.rules_window import ClinicRulesWindow
from tests.ui.screens import clipped

AFTERCARE = "texts/aftercare.en.json"


def _open(window: MainWindow) -> ClinicRulesWindow:
    assert window.rules_action in window.menus["tools"].actions()
    window.rules_action.trigger()
    rules = window.rules_window
    assert rules is not None and rules.isVisible()
    return rules


def _title(window: MainWindow) -> str:
    overrides = window.services.rules.text_overrides()
    return str(load_texts("aftercare", Language.ENGLISH, overrides)["title"])


def test_an_edit_is_saved_for_every_workstation(qtbot, window: MainWindow) -> None:
    rules = _open(window)
    rules.choose(AFTERCARE)
    assert rules.editor.toPlainText() == ""
    assert not rules.save_button.isEnabled()

    qtbot.keyClicks(rules.editor, '{"title": "Our aftercare"}')
    assert rules.unsaved() == [AFTERCARE]
    qtbot.mouseClick(rules.save_button, Qt.MouseButton.LeftButton)

    assert rules.unsaved() == []
    assert _title(window) == "Our aftercare"
    assert "revision 1" in rules.state.text()
    assert "Saved" in rules.message.text()


def test_an_unusable_edit_is_refused_beside_the_editor_and_nothing_saved(
    qtbot, window: MainWindow
) -> None:
    rules = _open(window)
    rules.choose(AFTERCARE)
    before = _title(window)
    rules.editor.setPlainText('{"title": "Dear {nickname}"}')

    rules.save()

    assert "Not saved" in rules.message.text() and "{nickname}" in rules.message.text()
    assert rules.unsaved() == [AFTERCARE]  # what was typed stays to be put right
    assert _title(window) == before
    assert window.services.rules.export_rules() == {}


def test_edits_of_several_rules_wait_while_another_is_looked_at(qtbot, window) -> None:
    rules = _open(window)
    rules.choose(AFTERCARE)
    rules.editor.setPlainText('{"title": "Draft"}')
    rules.choose("contraindications.json")
    assert rules.editor.toPlainText() == ""
    rules.choose(AFTERCARE)
    assert rules.editor.toPlainText() == '{"title": "Draft"}'
    rules.discard()
    assert rules.editor.toPlainText() == "" and rules.unsaved() == []


def test_a_file_is_imported_and_the_catalog_exported(qtbot, window, tmp_path: Path) -> None:
    rules = _open(window)
    catalog = json.loads(paths.resource_path("contraindications.json").read_text("utf-8"))
    for entry in catalog:
        if entry["code"] == "hypertension":
            entry["kind"] = "relative"
    given = tmp_path / "contraindications.json"
    given.write_text(json.dumps(catalog), encoding="utf-8")
    rules.choose_import_file = lambda: given  # type: ignore[method-assign]

    qtbot.mouseClick(rules.import_button, Qt.MouseButton.LeftButton)

    assert window.services.anamnesis.catalog().by_code()["hypertension"].kind == "relative"
    assert rules.editor.toPlainText() == json.dumps(catalog)
    target = tmp_path / "out.json"
    rules.choose_export_file = lambda suggested: target  # type: ignore[method-assign]
    qtbot.mouseClick(rules.export_button, Qt.MouseButton.LeftButton)
    assert target.read_text("utf-8") == json.dumps(catalog)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    qtbot.mouseClick(rules.reset_button, Qt.MouseButton.LeftButton)
    assert window.services.anamnesis.catalog().by_code()["hypertension"].kind == "absolute"


def test_an_unusable_file_is_refused_on_import_and_nothing_saved(
    qtbot, window, tmp_path: Path
) -> None:
    rules = _open(window)
    given = tmp_path / "medicines.json"
    given.write_text('{"medicines": "Варфарин"}', encoding="utf-8")
    rules.import_file(given)
    assert "Not saved" in rules.message.text() and "medicines" in rules.message.text()
    assert window.services.rules.export_rules() == {}
    assert window.services.anamnesis.medicines().problem is None


def test_templates_saved_here_reach_the_open_visits_templates_menu(qtbot, window) -> None:
    rules = _open(window)
    rules.choose("templates.json")
    assert not rules.reset_button.isEnabled()
    mark = {"diagram": "face", "shape": "point", "points": [[80.0, 60.0]], "technique": None}
    rules.editor.setPlainText(json.dumps({"templates": [{"name": "Cheek point", "marks": [mark]}]}))

    with qtbot.waitSignal(window.visit.templates_changed):
        qtbot.mouseClick(rules.save_button, Qt.MouseButton.LeftButton)

    assert [t.name for t in window.visit.templates] == ["Cheek point"]
    assert '"Cheek point"' in rules.editor.toPlainText()
    assert rules.unsaved() == []


def test_the_window_fits_the_smallest_screen_and_cuts_nothing_short(qtbot, window) -> None:
    rules = _open(window)
    qtbot.waitExposed(rules)
    frame = rules.frameGeometry()
    assert frame.width() <= 1280 and frame.height() <= 800
    assert clipped(rules) == []
