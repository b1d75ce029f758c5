"""The one-line label of headers and status lines: cut to its width, whole in its tooltip."""

from __future__ import annotations

from PySide6.QtGui import QFont

from mesodesk.ui.elided import ElidedLabel

LONG = "Соколова Ирина Петровна, 12.03.1984, +7 916 000-00-30, аллергия на лидокаин"


def test_the_same_text_again_with_another_tooltip_shows_the_new_tooltip(qtbot) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.resize(2000, 20)
    label.setText("2 findings", tooltip="Allergy: lidocaine")
    label.setText("2 findings", tooltip="Allergy: lidocaine\nAnticoagulant: warfarin")

    assert label.shown_text() == "2 findings"
    assert label.toolTip() == "Allergy: lidocaine\nAnticoagulant: warfarin"
    assert label.accessibleName() == "2 findings"


def test_the_same_text_again_stays_cut_to_the_width_it_has_now(qtbot) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.resize(2000, 20)
    label.setText(LONG)
    assert not label.is_elided()

    label.resize(120, 20)
    label.setText(LONG)
    assert label.is_elided()
    assert label.shown_text().endswith("…")
    assert label.toolTip() == LONG


def test_a_cut_text_is_cut_again_when_the_font_grows(qtbot) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.resize(300, 40)
    label.setText(LONG)
    shown = label.shown_text()

    bigger = QFont(label.font())
    bigger.setPointSizeF(label.font().pointSizeF() * 2)
    label.setFont(bigger)
    label.setText(LONG)

    assert label.is_elided()
    assert len(label.shown_text()) < len(shown)
