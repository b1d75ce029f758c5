"""Visit menu actions for the aftercare sheet, mesoscooter care sheet, consent form and visit
protocol, with a preview.

The PDF is built in the task runner (never on the GUI thread): the service reads the visit and
reportlab draws everything, the injection map included, from plain data; the worker then
rasterises the pages with pdfium into QImages, safe off the GUI thread. pdfium is not
re-entrant, so its calls hold one lock. A refusal (a visit with nothing to print) is shown in
the preview itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.records import VisitRecord
from mesodesk.domain.vocabulary import Language
from mesodesk.paths import write_private_file
from mesodesk.services.errors import ServiceError
from mesodesk.ui.state.notices import Notices
from mesodesk.ui.state.open_visit import OpenVisit
from mesodesk.ui.text import vocab
from mesodesk.ui.wheel_guard import ComboBox
from mesodesk.ui.workers import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from mesodesk.services.registry import Services

AFTERCARE, CONSENT, VISIT_SUMMARY, MESOSCOOTER = (
    "aftercare",
    "consent",
    "visit-summary",
    "mesoscooter-care",
)
PREVIEW_SCALE = 2.0
"""Pages are rasterised at 144 dpi for the preview: sharp at 100 % zoom on a high-dpi screen."""
MAX_PRINT_DPI = 300
ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0)

_pdfium = threading.Lock()


@dataclass(frozen=True, slots=True)
class BuiltDocument:
    """A built PDF with its pages rasterised for the preview."""

    kind: str
    visit_id: int
    language: Language
    pdf: bytes
    pages: list[QImage]
    file_name: str = ""
    """What the document is saved as by default: its name, the patient's and the date."""


def render_pages(pdf: bytes, scale: float) -> list[QImage]:
    """Each page of `pdf` as an RGB image; callable from any thread. pdfium is loaded with
    the first document shown: a window that shows none keeps its memory."""
    import pypdfium2
    import pypdfium2.raw as pdfium_raw

    with _pdfium:
        document = pypdfium2.PdfDocument(pdf)
        try:
            images = []
            for index in range(len(document)):
                page = document[index]
                bitmap = page.render(
                    scale=scale,
                    force_bitmap_format=pdfium_raw.FPDFBitmap_BGRx,
                    rev_byteorder=True,
                )
                image = QImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGBX8888,
                )
                images.append(image.copy())
                bitmap.close()
                page.close()
            return images
        finally:
            document.close()


def build_document(
    services: Services,
    kind: str,
    visit_id: int,
    language: Language | None,
    with_photos: bool = False,
) -> BuiltDocument:
    """The worker's part: the PDF, its preview pages and its file name, no widgets touched."""
    documents = services.documents
    language = language or documents.language_for(visit_id)
    pdf = documents.pdf(kind, visit_id, language, with_photos=with_photos)
    name = documents.suggested_file_name(kind, visit_id, language)
    return BuiltDocument(kind, visit_id, language, pdf, render_pages(pdf, PREVIEW_SCALE), name)


class DocumentPreview(QWidget):
    """A window with the pages of one document: zoom, pages, language, print and save."""

    def __init__(
        self,
        title: str,
        file_stem: str,
        rebuild: Callable[[DocumentPreview, Language], None],
        runner: TaskRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("documentPreview")
        self.setWindowTitle(title)
        self.resize(fitting_size(parent, 820, 980))
        self._file_stem = file_stem
        self._rebuild = rebuild
        self._runner = runner
        self.document: BuiltDocument | None = None
        self._page = 0
        self._zoom: float | None = None  # None: fit the page width

        self.previous_button = self._button(self.tr("‹ Previous"), "PgUp", self.previous_page)
        self.next_button = self._button(self.tr("Next ›"), "PgDown", self.next_page)
        self.page_label = QLabel(self)
        self.zoom_out_button = self._button("−", QKeySequence.StandardKey.ZoomOut, self.zoom_out)
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_in_button = self._button("+", QKeySequence.StandardKey.ZoomIn, self.zoom_in)
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.fit_button = self._button(self.tr("Fit width"), "Ctrl+0", self.fit_width)
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(48)
        self.language = ComboBox(self)
        self.language.setToolTip(self.tr("Language of the document"))
        for language in Language:
            self.language.addItem(vocab(language), language.value)
        self.language.activated.connect(self._language_chosen)
        self.photos_box = QCheckBox(self.tr("With photos"), self)
        self.photos_box.setToolTip(
            self.tr("Add the visit's photos (only with the patient's photo consent)")
        )
        self.photos_box.setVisible(file_stem == VISIT_SUMMARY)
        self.photos_box.toggled.connect(self._photos_toggled)
        self.print_button = self._button(self.tr("Print…"), QKeySequence.StandardKey.Print, None)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = self._button(self.tr("Save PDF…"), "Ctrl+Shift+S", self.save_pdf)
        self.save_button.setObjectName("primary")
        close = QAction(self)
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.triggered.connect(self.close)
        self.addAction(close)

        self.status = QLabel(self)
        self.status.setObjectName("mutedLabel")
        self.page_view = QLabel(self)
        self.page_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_view.setObjectName("pageView")
        self.page_view.setStyleSheet("QLabel#pageView { background: #cfd5dc; padding: 16px; }")
        self.pages_area = QScrollArea(self)
        self.pages_area.setWidget(self.page_view)
        self.pages_area.setWidgetResizable(True)
        self.pages_area.setAlignment(Qt.AlignmentFlag.AlignCenter)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(widget)
        bar.addWidget(self.fit_button)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Language:"), self))
        bar.addWidget(self.language)
        bar.addWidget(self.photos_box)
        bar.addSpacing(12)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(bar)
        layout.addWidget(self.pages_area, 1)
        layout.addWidget(self.status)
        self.show_building()

    def _button(self, text: str, shortcut: object, slot: Callable[[], None] | None) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        sequence = QKeySequence(shortcut)  # type: ignore[call-overload]
        button.setShortcut(sequence)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # --- what the preview shows -------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self.document.pages) if self.document else 0

    def show_building(self) -> None:
        self.status.setText(self.tr("Building the document…"))
        self._set_enabled(False)

    def show_document(self, document: BuiltDocument) -> None:
        self.document = document
        self._page = min(self._page, max(len(document.pages) - 1, 0))
        self.language.setCurrentIndex(self.language.findData(document.language.value))
        self.status.setText(self.tr("Ready to print or save."))
        self._set_enabled(True)
        self._show_page()

    def show_error(self, message: str) -> None:
        """The reason in the status line, and on the page itself while there is no page."""
        self.status.setText(message)
        if self.document is None:
            self.page_view.setWordWrap(True)
            self.page_view.setText(message)
        self._set_enabled(self.document is not None)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.print_button,
            self.save_button,
            self.language,
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
        ):
            widget.setEnabled(enabled)
        self._update_navigation()

    def _show_page(self) -> None:
        if not self.document or not self.document.pages:
            self.page_view.clear()
            return
        image = self.document.pages[self._page]
        width = round(image.width() * self._effective_zoom() / PREVIEW_SCALE)
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap.fromImage(
            image.scaledToWidth(round(width * ratio), Qt.TransformationMode.SmoothTransformation)
        )
        pixmap.setDevicePixelRatio(ratio)
        self.page_view.setPixmap(pixmap)
        self.zoom_label.setText(f"{round(self._effective_zoom() * 100)} %")
        self._update_navigation()

    def _effective_zoom(self) -> float:
        if self._zoom is not None or not self.document or not self.document.pages:
            return self._zoom or 1.0
        points = self.document.pages[0].width() / PREVIEW_SCALE
        available = float(self.pages_area.viewport().width() - 48)
        return max(min(available / points, 3.0), 0.3)

    def _update_navigation(self) -> None:
        count = self.page_count
        self.page_label.setText(
            self.tr("Page {page} of {pages}").format(page=self._page + 1, pages=count)
            if count
            else ""
        )
        self.previous_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < count - 1)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._zoom is None:
            self._show_page()

    # --- user actions -----------------------------------------------------------------------

    def next_page(self) -> None:
        if self._page < self.page_count - 1:
            self._page += 1
            self._show_page()

    def previous_page(self) -> None:
        if self._page > 0:
            self._page -= 1
            self._show_page()

    def zoom_in(self) -> None:
        current = self._effective_zoom()
        self._zoom = next((z for z in ZOOM_STEPS if z > current + 0.01), ZOOM_STEPS[-1])
        self._show_page()

    def zoom_out(self) -> None:
        current = self._effective_zoom()
        self._zoom = next((z for z in reversed(ZOOM_STEPS) if z < current - 0.01), ZOOM_STEPS[0])
        self._show_page()

    def fit_width(self) -> None:
        self._zoom = None
        self._show_page()

    def _language_chosen(self, index: int) -> None:
        language = Language(self.language.itemData(index))
        if self.document is not None and language != self.document.language:
            self.show_building()
            self._rebuild(self, language)

    @property
    def photos_wanted(self) -> bool:
        return not self.photos_box.isHidden() and self.photos_box.isChecked()

    def _photos_toggled(self, _checked: bool) -> None:
        language = self.document.language if self.document is not None else None
        if language is not None:
            self.show_building()
            self._rebuild(self, language)

    def save_pdf(self) -> None:
        if self.document is None:
            return
        target = self.choose_save_path(self._suggested_path())
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            write_private_file(target, self.document.pdf)
        except OSError as error:
            self.status.setText(
                self.tr("Not saved: {reason}.").format(reason=error.strerror or str(error))
            )
            return
        self.status.setText(self.tr("Saved {file}.").format(file=str(target)))

    def print_document(self) -> None:
        """Ask for the printer, rasterise at its resolution in a worker, then paint the pages.
        Qt's printing loads with the first print: a window that never prints keeps its memory."""
        if self.document is None:
            return
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        if not self.choose_printer(printer):
            return
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        pdf = self.document.pdf
        self.status.setText(self.tr("Sending to the printer…"))
        self._set_enabled(False)

        def printed(pages: list[QImage]) -> None:
            if _alive(self):
                self._paint_on(printer, pages)

        def failed(error: Exception) -> None:
            if _alive(self):
                self.show_error(str(error))

        self._runner.submit(lambda: render_pages(pdf, dpi / 72), printed, failed)

    def _paint_on(self, printer: QPrinter, pages: list[QImage]) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            self.show_error(self.tr("The printer could not be started."))
            return
        try:
            for index, image in enumerate(pages):
                if index:
                    printer.newPage()
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
        finally:
            painter.end()
        self._set_enabled(True)
        self.status.setText(self.tr("Sent to the printer."))

    # --- the questions, replaceable in tests ------------------------------------------------

    def choose_save_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), str(suggested), self.tr("PDF documents (*.pdf)")
        )
        return Path(name) if name else None

    def choose_printer(self, printer: QPrinter) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog

        return QPrintDialog(printer, self).exec() == QPrintDialog.DialogCode.Accepted

    def _suggested_path(self) -> Path:
        """The documents folder and the document's own name (patient and date in it)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if self.document is not None and self.document.file_name:
            return Path(folder) / self.document.file_name
        stamp = datetime.now().strftime("%Y-%m-%d")
        return Path(folder) / f"{self._file_stem}-{stamp}.pdf"


class DocumentActions(QObject):
    """The documents of the open visit, enabled while one is open. A visit with unsaved edits
    is saved first, so the sheet says what the screen says."""

    def __init__(
        self,
        visit: OpenVisit,
        services: Services,
        runner: TaskRunner,
        notices: Notices,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentActions")
        self._visit = visit
        self._services = services
        self._runner = runner
        self._notices = notices
        self._parent = parent
        self.aftercare_action = self._action(self.tr("&Aftercare sheet…"), "Ctrl+P", AFTERCARE)
        self.consent_action = self._action(self.tr("&Consent form…"), "Ctrl+Shift+P", CONSENT)
        self.summary_action = self._action(self.tr("Visit su&mmary…"), "Ctrl+Alt+P", VISIT_SUMMARY)
        self.mesoscooter_action = self._action(
            self.tr("Mesoscooter care s&heet…"), "Ctrl+Alt+M", MESOSCOOTER
        )
        self.actions = list(self.document_actions())
        visit.record_changed.connect(self._visit_changed)
        self._visit_changed(None)

    def _action(self, text: str, shortcut: str, kind: str) -> QAction:
        action = QAction(text, self._parent)
        action.setObjectName(f"{kind}Action")
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: self.open_document(kind))
        self._parent.addAction(action)
        return action

    def _visit_changed(self, visit: VisitRecord | None) -> None:
        for action in self.actions:
            action.setEnabled(visit is not None)

    def document_actions(self) -> tuple[QAction, ...]:
        return (
            self.aftercare_action,
            self.consent_action,
            self.summary_action,
            self.mesoscooter_action,
        )

    def titles(self) -> dict[str, str]:
        return {
            AFTERCARE: self.tr("Aftercare sheet"),
            CONSENT: self.tr("Consent form"),
            VISIT_SUMMARY: self.tr("Visit summary"),
            MESOSCOOTER: self.tr("Mesoscooter care sheet"),
        }

    def open_document(self, kind: str) -> DocumentPreview | None:
        """Open a preview window at once and fill it when the worker has built the PDF."""
        if not self._visit.is_open or not self._visit.save():
            return None
        record = self._visit.record
        if record is None or record.id is None:
            return None
        visit_id = record.id
        preview = DocumentPreview(
            self.titles()[kind],
            kind,
            lambda target, language: self._build(target, kind, visit_id, language),
            self._runner,
            self._parent,
        )
        preview.show()
        self._build(preview, kind, visit_id, None)
        return preview

    def _build(
        self, preview: DocumentPreview, kind: str, visit_id: int, language: Language | None
    ) -> None:
        services = self._services

        def done(document: BuiltDocument) -> None:
            if _alive(preview):
                preview.show_document(document)

        def failed(error: Exception) -> None:
            message = str(error) or type(error).__name__
            if _alive(preview):
                preview.show_error(message)
            if isinstance(error, ServiceError):  # a refusal: said where the user looks
                return
            self._notices.error(
                self.tr("The document could not be built: {reason}").format(reason=message)
            )

        with_photos = preview.photos_wanted if _alive(preview) else False
        self._runner.submit(
            lambda: build_document(services, kind, visit_id, language, with_photos), done, failed
        )


def _alive(preview: DocumentPreview) -> bool:
    """Whether the preview is still open; the user may close it while the PDF is built."""
    try:
        return preview.isVisible()
    except RuntimeError:
        return False


def fitting_size(parent: QWidget, width: int, height: int) -> QSize:
    """The size asked for, made smaller to fit the screen the window is on."""
    screen = parent.screen().availableGeometry()
    return QSize(min(width, screen.width() - 40), min(height, screen.height() - 60))
