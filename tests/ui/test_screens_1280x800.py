"""Every main screen at 1280x800: nothing cut short, the diagram's share, the tabs' names,
dialogs that fit, and no field the wheel could change without focus."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QDialog, QWidget

from mesodesk.domain.anamnesis import AllergyEntry, Anamnesis, MedicationEntry
from mesodesk.domain.diagram import DiagramName, MarkShape, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.records import ReactionRecord
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.domain.vocabulary import Reaction
from mesodesk.ui.course_dialog import CourseDialog
from mesodesk.ui.diagram.scheme_dialog import SchemeDialog
from mesodesk.ui.language import install_language
from mesodesk.ui.main_window import MainWindow, initial_geometry
from mesodesk.ui.settings_dialog import ClinicSettingsDialog
from mesodesk.ui.visit.safety import OverrideDialog
from mesodesk.ui.wheel_guard import WheelGuarded
from tests.ui.screens import clipped

SCREEN = QRect(0, 0, 1280, 800)


@pytest.fixture(autouse=True, params=["en", "ru"])
def language(request, qapp) -> Iterator[str]:
    """Every screen in English and in Russian, whose words are longer."""
    install_language(request.param)
    yield request.param
    install_language("en")


@pytest.fixture
def full_window(qtbot, window: MainWindow, clinic) -> MainWindow:
    """The window at 1280x800 with a patient whose every pane has something to show."""
    services = window.services
    services.anamnesis.save(
        PatientAnamnesisRecord(
            clinic["patient"],
            Anamnesis(
                allergies=(AllergyEntry(substance="lidocaine", reaction="Quincke's oedema"),),
                medications=(MedicationEntry(name="Warfarin", anticoagulant=True),),
            ),
        )
    )
    earlier = services.visits.start_visit(
        clinic["patient"], datetime.now().astimezone() - timedelta(days=12), "Смирнова О. В."
    )
    earlier = services.visits.save(replace(earlier, reactions=(ReactionRecord(Reaction.BRUISING),)))
    services.visits.mark_done(earlier)
    window.showMaximized()
    window.setGeometry(SCREEN)
    window.open_patient(clinic["patient"])
    qtbot.waitUntil(lambda: not window.runner.busy)
    return window


def _settle(qtbot, window: MainWindow) -> None:
    qtbot.wait(30)
    qtbot.waitUntil(lambda: not window.runner.busy)
    qtbot.wait(30)


def test_the_window_opens_inside_the_screen_and_a_saved_place_only_when_it_fits():
    assert initial_geometry(SCREEN) == QRect(0, 0, 1280, 800)
    big = QRect(0, 0, 1920, 1080)
    assert SCREEN.contains(initial_geometry(SCREEN, big))
    inside = QRect(100, 50, 1000, 700)
    assert initial_geometry(SCREEN, inside) == inside
    assert initial_geometry(QRect(0, 0, 1920, 1080)).size().width() == 1360


def test_the_window_shown_first_fits_the_1280x800_screen(qtbot, window):
    available = window.screen().availableGeometry()
    assert available == SCREEN
    assert available.contains(window.frameGeometry())


def test_the_tabs_read_card_anamnesis_visits_visit(window, language):
    tabs = window.patient_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == {
        "en": ["Card", "Anamnesis", "Visits", "Visit"],
        "ru": ["Карта", "Анамнез", "Визиты", "Визит"],
    }[language]


@pytest.mark.parametrize("tab", [0, 1, 2])
def test_no_label_or_button_is_cut_short_on_the_patient_panes(qtbot, full_window, tab):
    """The card, anamnesis and visits tabs."""
    tabs = full_window.patient_tabs
    tabs.setCurrentIndex(tab)
    _settle(qtbot, full_window)
    assert clipped(full_window) == []


def test_nothing_is_cut_short_on_the_visit_tab_and_the_diagram_has_most_of_the_width(
    qtbot, full_window, clinic
):
    window = full_window
    window.start_today()
    panel = window.visit_tab.diagram
    x, y = load_diagram(DiagramName.FACE).zone("forehead").label_point
    window.visit.add_marks([MarkRecord(None, 0, DiagramName.FACE, MarkShape.POINT, ((x, y),))])
    window.visit_tab.form.lines.add_cocktail_choice.setCurrentIndex(0)
    window.visit_tab.form.add_cocktail()
    _settle(qtbot, window)
    tab = window.visit_tab
    assert panel.width() >= 0.45 * tab.width()
    assert clipped(window) == []
    notes = tab.form
    assert notes.widget().minimumSizeHint().width() <= notes.viewport().width()  # not cut at right
    tab.strip.open_findings()
    _settle(qtbot, window)
    assert clipped(tab.strip.findings_popup) == []
    assert SCREEN.contains(tab.strip.findings_popup.frameGeometry())
    tab.strip.findings_popup.hide()
    tab.strip.open_checklist()
    _settle(qtbot, window)
    assert clipped(tab.strip.checklist_popup) == []
    assert SCREEN.contains(tab.strip.checklist_popup.frameGeometry())
    tab.strip.checklist_popup.hide()


def test_a_signed_visit_shows_whole_too(qtbot, full_window, clinic):
    window = full_window
    window.start_today()
    window.visit.edit(replace(window.visit.draft, practitioner="Смирнова О. В."))
    assert window.visit.save()
    _settle(qtbot, window)
    for finding in window.visit.screening.unresolved:
        assert window.visit.override(finding, "Discussed with her doctor.", "Смирнова О. В.")
    assert window.visit.mark_done()
    window.visit_tab.visit_actions.confirm_sign = lambda visit: True
    window.visit_tab.visit_actions.sign()
    _settle(qtbot, window)
    assert window.visit.record.signed
    assert clipped(window) == []


def _dialogs(window: MainWindow, clinic) -> list[QDialog]:
    window.start_today()
    screening = window.visit.screening
    finding = screening.findings[0] if screening and screening.findings else None
    dialogs: list[QDialog] = [
        ClinicSettingsDialog(window.services.settings, window),
        CourseDialog(
            window.services.courses, window.services.patients.get(clinic["patient"]), window
        ),
        SchemeDialog(window),
    ]
    if finding is not None:
        dialogs.append(OverrideDialog(finding, "Смирнова О. В.", window))
    return dialogs


def test_dialogs_fit_the_screen_and_cut_nothing_short(qtbot, full_window, clinic):
    _settle(qtbot, full_window)
    for dialog in _dialogs(full_window, clinic):
        qtbot.addWidget(dialog)
        dialog.show()
        _settle(qtbot, full_window)
        frame = dialog.frameGeometry()
        assert frame.width() <= SCREEN.width() and frame.height() <= SCREEN.height(), dialog
        assert clipped(dialog) == [], type(dialog).__name__
        dialog.close()


def test_every_combo_spin_and_date_field_ignores_the_wheel_without_focus(
    qtbot, full_window, clinic
):
    window = full_window
    window.start_today()
    window.show_catalog()
    roots: list[QWidget] = [window, window.catalog_window, *_dialogs(window, clinic)]
    unguarded = [
        f"{type(widget).__name__} in {type(root).__name__}"
        for root in roots
        for widget in root.findChildren(QWidget)
        if isinstance(widget, QComboBox | QAbstractSpinBox)
        and not isinstance(widget, WheelGuarded)
        and widget.parent() is not None
        and not widget.objectName().startswith("qt_")
    ]
    assert unguarded == []
    for root in roots[2:]:
        root.deleteLater()
    QApplication.processEvents()


def test_the_walk_finds_a_check_box_cut_short(qtbot):
    from PySide6.QtWidgets import QCheckBox, QVBoxLayout

    page = QWidget()
    qtbot.addWidget(page)
    box = QCheckBox("Nose and nasolabial folds", page)
    QVBoxLayout(page).addWidget(box)
    page.show()
    assert clipped(page) == []
    box.setFixedWidth(60)
    assert len(clipped(page)) == 1
