"""Photos on the Visit tab as a practitioner uses them: files dropped onto the visit, a bad
file refused with nothing saved, two sessions compared side by side and under a slider with
zoom and pan locked, and the photo consent recorded on the card."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from mesodesk.domain.photos import PhotoConsent, PhotoKind, PhotoView
from mesodesk.ui.main_window import MainWindow
from tests.photo_files import GPS_IFD, camera_jpeg

RED, BLUE = (220, 30, 30), (30, 30, 220)


def _open_visit(qtbot, window: MainWindow, patient_id: int, day: int = 2) -> int:
    visit = window.services.visits.start_visit(
        patient_id, datetime(2026, 3, day, 9, tzinfo=UTC), "Dr Ivanova"
    )
    assert visit.id is not None
    window.open_visit(visit.id)
    qtbot.waitUntil(lambda: window.visit.record is not None and window.visit.record.id == visit.id)
    qtbot.waitUntil(lambda: not window.runner.busy)
    return visit.id


def _drop(qtbot, target, files: list[Path]) -> tuple[bool, bool]:
    """Drag the files over `target` and drop them, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files])
    where = QPointF(target.width() / 2, target.height() / 2)
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        where.toPoint(), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(
        where, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_files_dropped_on_the_visit_become_its_photos(qtbot, window, clinic, tmp_path) -> None:
    visit_id = _open_visit(qtbot, window, clinic["patient"])
    pane = window.visit_tab.photos
    pane.kind.setCurrentIndex(pane.kind.findData(PhotoKind.AFTER))
    pane.view.setCurrentIndex(pane.view.findData(PhotoView.LEFT_45))
    files = [camera_jpeg(tmp_path / "IMG_1.jpg", colour=RED), camera_jpeg(tmp_path / "IMG_2.jpg")]

    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        entered, dropped = _drop(qtbot, window.visit_tab, files)

    assert entered and dropped
    assert pane.strip.count() == 2
    assert pane.strip.item(0).text() == "After · Left 45°"
    assert not pane.strip.item(0).icon().isNull()
    stored = window.services.photos.for_visit(visit_id)
    assert {(p.kind, p.view) for p in stored} == {(PhotoKind.AFTER, PhotoView.LEFT_45)}
    with Image.open(window.services.photos.image_path(stored[0].id)) as image:
        assert not image.getexif().get_ifd(GPS_IFD)


def test_a_bad_file_in_a_drop_is_refused_and_nothing_is_saved(
    qtbot, window, clinic, tmp_path
) -> None:
    visit_id = _open_visit(qtbot, window, clinic["patient"])
    pane = window.visit_tab.photos
    letter = tmp_path / "letter.jpg"
    letter.write_text("Dear doctor, this is not a photo.")

    _drop(qtbot, pane, [camera_jpeg(tmp_path / "ok.jpg"), letter])
    qtbot.waitUntil(lambda: "letter.jpg" in pane.status.text(), timeout=10_000)

    assert "nothing was saved" in pane.status.text()
    assert window.services.photos.for_visit(visit_id) == []
    assert pane.strip.count() == 0


def test_text_dragged_over_the_visit_is_not_taken_as_photos(qtbot, window, clinic) -> None:
    _open_visit(qtbot, window, clinic["patient"])
    mime = QMimeData()
    mime.setText("some words")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.visit_tab.photos, enter)
    assert not enter.isAccepted()


def _course_of_two(window: MainWindow, patient_id: int, tmp_path: Path) -> tuple[int, int]:
    photos = window.services.photos
    ids = []
    for day, colour in ((2, RED), (30, BLUE)):
        visit = window.services.visits.start_visit(
            patient_id, datetime(2026, 3, day, 9, tzinfo=UTC), "Dr Ivanova"
        )
        assert visit.id is not None
        (_photo,) = photos.add(
            visit.id,
            PhotoKind.BEFORE,
            PhotoView.FRONT,
            [camera_jpeg(tmp_path / f"{day}.jpg", size=(400, 600), colour=colour)],
        )
        ids.append(visit.id)
    return ids[0], ids[1]


def test_compare_shows_first_and_last_session_locked_together(
    qtbot, window, clinic, tmp_path
) -> None:
    _first, last = _course_of_two(window, clinic["patient"], tmp_path)
    window.open_visit(last)
    qtbot.waitUntil(lambda: window.visit.record is not None and window.visit.record.id == last)

    compare = window.visit_tab.compare_photos()
    assert compare is not None
    qtbot.addWidget(compare)
    qtbot.waitSignal(compare.shown, timeout=10_000).wait()
    qtbot.waitUntil(lambda: not compare.left_item.pixmap().isNull())

    assert compare.strip.count() == 2
    assert [compare.strip.item(i).text() for i in range(2)] == [
        "2026-03-02 · Before",
        "2026-03-30 · Before",
    ]
    assert compare.left_choice.currentText().startswith("2026-03-02")
    assert compare.right_choice.currentText().startswith("2026-03-30")
    assert compare.left_item.pixmap().toImage().pixelColor(300, 500).red() > 150
    assert compare.right_item.pixmap().toImage().pixelColor(300, 500).blue() > 150

    compare.left.zoom_by(3.0)
    assert compare.right.zoom == compare.left.zoom
    compare.right.zoom_by(1.5)
    assert compare.left.zoom == compare.right.zoom
    bar = compare.left.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    assert compare.right.horizontalScrollBar().value() == bar.value()
    compare.right.verticalScrollBar().setValue(compare.right.verticalScrollBar().maximum())
    assert compare.left.verticalScrollBar().value() == compare.right.verticalScrollBar().value()


def test_slider_overlay_shows_the_later_photo_left_of_the_slider(
    qtbot, window, clinic, tmp_path
) -> None:
    _first, last = _course_of_two(window, clinic["patient"], tmp_path)
    window.open_visit(last)
    qtbot.waitUntil(lambda: window.visit.record is not None and window.visit.record.id == last)
    compare = window.visit_tab.compare_photos()
    assert compare is not None
    qtbot.addWidget(compare)
    qtbot.waitSignal(compare.shown, timeout=10_000).wait()

    qtbot.mouseClick(compare.slider_button, Qt.MouseButton.LeftButton)
    assert compare.pages.currentIndex() == 1
    compare.slider.setValue(30)
    compare.overlay.fit()
    QApplication.processEvents()
    shot = compare.overlay.grab().toImage()
    photo = compare.overlay.mapFromScene(compare.over_item.sceneBoundingRect()).boundingRect()
    y = photo.center().y()
    left_side = shot.pixelColor(photo.left() + int(photo.width() * 0.2), y)
    right_side = shot.pixelColor(photo.left() + int(photo.width() * 0.45), y)
    assert left_side.blue() > 150 and left_side.red() < 100  # the later (blue) photo
    assert right_side.red() > 150 and right_side.blue() < 100  # the earlier (red) photo


def test_photo_consent_is_recorded_on_the_card(qtbot, window, clinic) -> None:
    box = window.photo_consent
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert box.isEnabled() and box.level.currentData() is None
    box.level.setCurrentIndex(box.level.findData(PhotoConsent.SHOW_PATIENT))

    with qtbot.waitSignal(box.saved, timeout=10_000):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)

    stored = window.services.photos.consent(clinic["patient"])
    assert stored is not None and stored.level is PhotoConsent.SHOW_PATIENT
    assert stored.given_on == date.today()


def test_visit_summary_preview_adds_photos_only_with_consent(
    qtbot, window, clinic, tmp_path
) -> None:
    visit_id = _open_visit(qtbot, window, clinic["patient"])
    window.services.photos.add(
        visit_id, PhotoKind.BEFORE, PhotoView.FRONT, [camera_jpeg(tmp_path / "a.jpg")]
    )
    preview = window.documents.open_document("visit-summary")
    assert preview is not None
    qtbot.waitUntil(lambda: preview.document is not None and not window.runner.busy)
    images_without = preview.document.pdf.count(b"/Subtype /Image")
    assert preview.photos_box.isVisible()

    preview.photos_box.setChecked(True)
    qtbot.waitUntil(lambda: "photo consent" in preview.status.text(), timeout=10_000)
    assert "not printed" in preview.status.text()

    window.services.photos.set_consent(clinic["patient"], PhotoConsent.SHOW_PATIENT, date.today())
    preview.photos_box.setChecked(False)
    qtbot.waitUntil(lambda: not window.runner.busy)
    with qtbot.waitSignal(window.runner.idle, timeout=20_000):
        preview.photos_box.setChecked(True)
    assert preview.document is not None and "consent" not in preview.status.text()
    assert preview.document.pdf.count(b"/Subtype /Image") > images_without


def test_a_photo_is_removed_from_an_open_visit_but_not_from_a_signed_one(
    qtbot, window, clinic, tmp_path
) -> None:
    visit_id = _open_visit(qtbot, window, clinic["patient"])
    pane = window.visit_tab.photos
    pane.ask_remove = lambda record: True
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.add_files(
            [camera_jpeg(tmp_path / "a.jpg"), camera_jpeg(tmp_path / "b.jpg", colour=RED)]
        )
    pane.strip.setCurrentRow(0)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.remove_current()
    assert pane.strip.count() == 1
    assert len(window.services.photos.for_visit(visit_id)) == 1

    visits = window.services.visits
    visits.sign(visits.mark_done(visits.get(visit_id)))
    pane.strip.setCurrentRow(0)
    pane.remove_current()
    qtbot.waitUntil(lambda: "signed visit" in pane.status.text(), timeout=10_000)
    assert len(window.services.photos.for_visit(visit_id)) == 1


def test_thumbnails_are_made_in_the_worker_and_kept_for_next_time(
    qtbot, window, clinic, tmp_path
) -> None:
    photos = window.services.photos
    visit = window.services.visits.start_visit(
        clinic["patient"], datetime(2026, 3, 2, 9, tzinfo=UTC), "Dr Ivanova"
    )
    assert visit.id is not None
    files = [camera_jpeg(tmp_path / f"{n}.jpg", size=(100 + n, 80)) for n in range(40)]
    photos.add(visit.id, PhotoKind.PROGRESS, PhotoView.FRONT, files)
    thumbnails = photos.store.root / "thumbnails"
    for made in thumbnails.iterdir():  # as after restoring a database into a new data folder
        made.unlink()

    pane = window.visit_tab.photos
    with qtbot.waitSignal(pane.loaded, timeout=20_000):
        window.open_visit(visit.id)
        assert pane.strip.count() == 0  # the window did not wait for the thumbnails
        assert window.runner.busy

    assert pane.strip.count() == 40
    kept = sorted(thumbnails.iterdir())
    assert len(kept) == 40
    stamps = [path.stat().st_mtime_ns for path in kept]
    with qtbot.waitSignal(pane.loaded, timeout=20_000):
        pane.reload()
    assert [path.stat().st_mtime_ns for path in sorted(thumbnails.iterdir())] == stamps
