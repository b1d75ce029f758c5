"""Help > About names the version, the database in use and the licence; the app has its icon."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from mesodesk import __version__
from mesodesk.paths import data_dir, resource_path
from mesodesk.ui.about import AboutDialog, reflow
from mesodesk.ui.icons import ICON_SIZES, app_icon


def _about(qtbot, window) -> AboutDialog:
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_about_shows_the_version_database_file_data_folder_and_licence(qtbot, window, sqlite_db):
    dialog = _about(qtbot, window)
    assert dialog.version_label.text() == __version__
    assert dialog.database_label.text() == sqlite_db.location
    assert sqlite_db.location.endswith("mesodesk.sqlite3")
    assert dialog.data_folder_label.text() == str(data_dir(create=False))
    licence = dialog.licence.toPlainText()
    assert "All rights reserved" in licence and "GNU LGPL version 3" in licence
    assert dialog.licence.isReadOnly()


def test_about_closes_with_escape_and_is_gone(qtbot, window):
    dialog = _about(qtbot, window)
    with qtbot.waitSignal(dialog.destroyed):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.findChild(AboutDialog) is None


def test_the_icon_comes_in_every_size_and_each_png_is_that_size(qapp):
    icon = app_icon()
    assert not icon.isNull()
    for size in ICON_SIZES:
        image = QImage(str(resource_path("icons", f"mesodesk-{size}.png")))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(ICON_SIZES)


def test_the_licence_text_is_reflowed_into_paragraphs_and_list_items():
    text = "Title\n\nOne sentence\nwrapped here.\n\n- first item\n  wrapped\n- second\n"
    assert reflow(text) == "Title\n\nOne sentence wrapped here.\n\n- first item wrapped\n- second"
