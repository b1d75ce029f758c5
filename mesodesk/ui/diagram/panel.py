"""The diagram panel beside the visit notes: chart marks, see last time's, count per zone.

Built with the open visit: every change goes through it at once (nothing waits for a Save) and
enters the undo history as one step; templates and last visit's chart are applied the same way.
A signed visit is shown read-only. The chart's list also offers the visit's photos that carry
marks (and the one asked for from the photos pane): the same scene, tools and undo, with the
photo in place of the diagram's art.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QFont,
    QImage,
    QKeySequence,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.chart import ChartTemplateRecord, Injected, injected_by
from mesodesk.domain.diagram import DiagramName, MarkShape, Point, check_depth, zone_totals
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import (
    DEFAULT_TECHNIQUE,
    DIAGRAM_AREA,
    FACE_VIEWS,
    MarkRecord,
    default_diagram,
    front_face,
    mark_depth_findings,
)
from mesodesk.domain.photo_marks import MarkPhoto, mark_photo, photo_diagram
from mesodesk.domain.photos import PhotoRecord
from mesodesk.domain.records import VisitRecord
from mesodesk.domain.vocabulary import Technique
from mesodesk.paths import write_private_file
from mesodesk.services.errors import ServiceError
from mesodesk.ui.diagram import drawing
from mesodesk.ui.diagram.attributes import AttributeEditor, with_changes
from mesodesk.ui.diagram.commands import AddMarks, DeleteMarks, EditMarks, MoveMarks
from mesodesk.ui.diagram.photo_reading import read_photo
from mesodesk.ui.diagram.scene import DiagramScene
from mesodesk.ui.diagram.scheme_dialog import SchemeChoice, SchemeDialog
from mesodesk.ui.diagram.view import DiagramView, Tool
from mesodesk.ui.elided import ElidedLabel
from mesodesk.ui.state.notices import Notices
from mesodesk.ui.state.open_visit import OpenVisit
from mesodesk.ui.text import catalog_name, finding_text, show_number, vocab
from mesodesk.ui.wheel_guard import ComboBox
from mesodesk.ui.workers import TaskRunner

if TYPE_CHECKING:
    from mesodesk.services.registry import Services

PHOTO_READ = "diagram-photo"
"""The runner's kind for reading a photo to chart on: a newer request supersedes it."""
PHOTO_ITEM = "photo:"
"""How the chart's list tells a photo's entry (`photo:12`) from a diagram's (`face`)."""

SIDE_WIDTH = 240
SIDE_WIDTH_MAX = 340
SIDE_SHARE = 0.32

VIEW_ORDER: tuple[DiagramName, ...] = (
    DiagramName.BACK,
    DiagramName.FACE_FEMALE,
    DiagramName.FACE,
    DiagramName.FACE_3Q_LEFT,
    DiagramName.FACE_3Q_RIGHT,
    DiagramName.PROFILE_LEFT,
    DiagramName.PROFILE_RIGHT,
    DiagramName.NECK_DECOLLETE,
    DiagramName.SCALP,
    DiagramName.HANDS,
    DiagramName.BODY_FRONT,
    DiagramName.BODY_BACK,
)
"""The views as the chart's list offers them: the back, the face from the front and turned,
the close-ups, the whole body. Alt+1 to Alt+8 keep the enum's order, so the first four keys
still open what they always opened."""

NUMBERED_VIEWS = 8

TURNS: tuple[DiagramName | None, ...] = (
    DiagramName.PROFILE_RIGHT,
    DiagramName.FACE_3Q_RIGHT,
    None,
    DiagramName.FACE_3Q_LEFT,
    DiagramName.PROFILE_LEFT,
)
"""The face from its right side round to its left; None is the front, a man's or a woman's."""


def _volume(value: Decimal) -> str:
    return show_number(value) if value else "—"


class Legend(QWidget):
    """Technique colours, and how last visit's marks look."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        entries = [(drawing.PALETTE[t], vocab(t), False) for t in Technique]
        entries.append((drawing.PREVIOUS_VISIT, self.tr("Last visit"), True))
        for row, (colour, text, ghost) in enumerate(entries):
            swatch = QLabel(self)
            swatch.setFixedSize(11, 11)
            style = f"border: 1.5px solid {colour}; border-radius: 5px;"
            if not ghost:
                style += f" background: {colour};"
            swatch.setStyleSheet(style)
            label = QLabel(text, self)
            label.setObjectName("mutedLabel")
            grid.addWidget(swatch, row, 0)
            grid.addWidget(label, row, 1)
        grid.setColumnStretch(1, 1)


class TotalsTable(QTableWidget):
    """Injections and ml per zone, with the visit's total in the last row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("Zone"), self.tr("Inj."), self.tr("ml")])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setShowGrid(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(22)

    def show_marks(self, marks: Sequence[MarkRecord]) -> None:
        """The diagrams' zones, then each photo with marks under its own heading."""
        totals = zone_totals(m.geometry() for m in marks)
        photos = {m.photo.id: m.photo for m in marks if m.photo is not None}
        several = len({(t.diagram, t.photo_id) for t in totals}) > 1
        rows: list[tuple[str, str, str, bool]] = []
        shown: object = None
        for total in totals:
            photo = photos.get(total.photo_id) if total.photo_id is not None else None
            where = (total.diagram, total.photo_id)
            if (several or photo is not None) and where != shown:
                shown = where
                heading = (
                    drawing.photo_label(photo)
                    if photo is not None
                    else drawing.diagram_label(total.diagram)
                )
                rows.append((heading, "", "", True))
            name = (
                self.tr("On the photo")
                if photo is not None
                else drawing.zone_label(total.diagram, total.zone)
            )
            rows.append((name, str(total.injections), _volume(total.volume_ml), False))
        rows.append(
            (
                self.tr("Total"),
                str(sum(t.injections for t in totals)),
                _volume(sum((t.volume_ml for t in totals), Decimal(0))),
                True,
            )
        )
        self.clearSpans()
        self.setRowCount(len(rows))
        for row, (name, injections, volume, bold) in enumerate(rows):
            for column, text in enumerate((name, injections, volume)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if bold:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(row, column, item)
            if not injections:
                self.setSpan(row, 0, 1, 3)
        header = self.horizontalHeader().sizeHint().height()
        rows_shown = min(len(rows), 9) * self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(header + rows_shown + 2 * self.frameWidth() + 2)

    def cell_text(self, zone_label: str) -> tuple[str, str] | None:
        """(injections, ml) shown for a zone, by its shown name."""
        for row in range(self.rowCount()):
            cells = [self.item(row, column) for column in range(3)]
            name, injections, volume = (cell.text() if cell else "" for cell in cells)
            if name == zone_label:
                return injections, volume
        return None


class DiagramPanel(QWidget):
    """The chart of the open visit: toolbar, view, side column with the chart's commands,
    the marks form, totals and legend. Every change goes through the open visit at once
    (nothing waits for a Save) and enters the undo history as one step."""

    def __init__(
        self,
        visit: OpenVisit,
        services: Services,
        runner: TaskRunner,
        notices: Notices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("diagramPanel")
        self.visit = visit
        self.services = services
        self._runner = runner
        self._notices = notices
        self._shown_visit: object = object()
        self._photo_asked: tuple[int | None, int] | None = None
        self.read_only = True
        self.undo_stack = QUndoStack(self)
        self.scene = DiagramScene(self)
        self.view = DiagramView(self.scene, self)
        self.view.setAccessibleName(self.tr("Injection diagram"))
        self.editor = AttributeEditor(self)
        self.editor.depth_check = self._depth_warning
        self.totals = TotalsTable(self)
        self.legend = Legend(self)
        self.status = ElidedLabel("", self)
        self.status.setObjectName("mutedLabel")
        self.notice = QLabel(self)
        self.notice.setObjectName("diagramNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            "QLabel#diagramNotice { background: #f2f4f7; border: 1px solid #e3e6ea; "
            "border-radius: 4px; padding: 4px 8px; color: #344054; }"
        )
        self.diagram_box = ComboBox(self)
        self.diagram_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.diagram_box.setMinimumContentsLength(12)
        self.diagram_box.setToolTip(
            self.tr("Diagram (Alt+1 to Alt+8; Alt+Left and Alt+Right turn the face)")
        )
        self.diagram_box.setAccessibleName(self.tr("Diagram"))
        for name in VIEW_ORDER:
            self.diagram_box.addItem(self.view_name(name), name.value)
            self.diagram_box.setItemData(
                self.diagram_box.count() - 1,
                drawing.diagram_label(name),
                Qt.ItemDataRole.ToolTipRole,
            )
        self._front = DiagramName.FACE
        self._build_actions()
        self._build_layout()

        self._photos: dict[int, MarkPhoto] = {}
        self.diagram_box.activated.connect(lambda _: self._chosen(self.diagram_box.currentData()))
        self.view.point_placed.connect(self._place_point)
        self.view.shape_drawn.connect(self._shape_drawn)
        self.view.marks_dragged.connect(self._dragged)
        self.view.nudged.connect(self._nudge)
        self.view.hovered.connect(self._hovered)
        self.view.tool_changed.connect(self._tool_changed)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.editor.apply_requested.connect(self.apply_attributes)
        visit.record_changed.connect(self._record_changed)
        visit.marks_changed.connect(self._marks_changed)
        visit.stock_changed.connect(self._injectables_changed)
        visit.plan_changed.connect(lambda _record: self._injectables_changed())
        visit.templates_changed.connect(self._templates_changed)
        self._record_changed(None)

    # --- building ---------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        shortcut: str | QKeySequence | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '')} ({keys})")
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.tool_actions: dict[Tool, QAction] = {}
        group = QActionGroup(self)
        for tool, text, key in (
            (Tool.SELECT, self.tr("Select"), "V"),
            (Tool.POINT, self.tr("Point"), "P"),
            (Tool.LINE, self.tr("Line"), "L"),
            (Tool.AREA, self.tr("Area"), "A"),
        ):
            action = self._action(text, key, partial(self.view.set_tool, tool))
            action.setCheckable(True)
            group.addAction(action)
            self.tool_actions[tool] = action
        self.tool_actions[Tool.SELECT].setChecked(True)
        self.scheme_action = self._action(
            self.tr("Vascular &scheme…"), "Ctrl+Shift+V", self.apply_scheme
        )
        self.repeat_action = self._action(
            self.tr("&Repeat last visit's chart"), "Ctrl+Alt+Shift+R", self.repeat_previous
        )
        self.save_template_action = self._action(
            self.tr("Save selection as &template…"), "Ctrl+Alt+Shift+T", self.save_template
        )
        self.undo_action = self._action(self.tr("Undo"), "Ctrl+Z", self.undo_stack.undo)
        self.redo_action = self._action(self.tr("Redo"), "Ctrl+Shift+Z", self.undo_stack.redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self.undo_action.setToolTip(
                self.tr("Undo {step} (Ctrl+Z)").format(step=text)
            )
        )
        self.undo_stack.redoTextChanged.connect(
            lambda text: self.redo_action.setToolTip(
                self.tr("Redo {step} (Ctrl+Shift+Z)").format(step=text)
            )
        )
        self.previous_action = self._action(
            self.tr("Last visit"),
            "Ctrl+Alt+L",
            lambda: self.scene.show_previous(self.previous_action.isChecked()),
        )
        self.previous_action.setIconText(
            self.tr("Last visit", "the button under the diagram: short, the menu says it whole")
        )
        self.previous_action.setCheckable(True)
        self.previous_action.setChecked(True)
        self.fit_action = self._action(self.tr("Fit"), "Ctrl+0", self.view.fit)
        self.zoom_in_action = self._action(
            self.tr("Zoom in"), "Ctrl+=", lambda: self.view.zoom_by(1.25)
        )
        self.zoom_out_action = self._action(
            self.tr("Zoom out"), "Ctrl+-", lambda: self.view.zoom_by(0.8)
        )
        self.delete_action = self._action(
            self.tr("Delete marks"), QKeySequence.StandardKey.Delete, self.delete_selected
        )
        self.select_all_action = self._action(
            self.tr("Select all marks"), "Ctrl+A", self._select_all
        )
        self.escape_action = self._action(self.tr("Leave tool"), "Escape", self.view.leave_tool)
        self.export_action = self._action(self.tr("Export PNG…"), "Ctrl+Shift+E", self.export_png)
        numbers = {name: n for n, name in enumerate(DiagramName, start=1) if n <= NUMBERED_VIEWS}
        self.diagram_actions = [
            self._action(
                self.view_name(name),
                f"Alt+{numbers[name]}" if name in numbers else None,
                partial(self.show_diagram, name),
            )
            for name in VIEW_ORDER
        ]
        self.turn_left_action = self._action(
            self.tr("Show more of the left side"), "Alt+Left", partial(self.turn_face, 1)
        )
        self.turn_right_action = self._action(
            self.tr("Show more of the right side"), "Alt+Right", partial(self.turn_face, -1)
        )
        self.templates_menu = QMenu(self.tr("Apply &template"), self)
        self.templates_menu.setToolTipsVisible(True)

    def view_name(self, name: DiagramName) -> str:
        """A view's short name for the chart's list and the menu, the telling word first (its
        full title, as printed, is the item's tooltip)."""
        return {
            DiagramName.BACK: self.tr("Back (vascular scheme)"),
            DiagramName.FACE_FEMALE: self.tr("Face, woman"),
            DiagramName.FACE: self.tr("Face, man"),
            DiagramName.FACE_3Q_LEFT: self.tr("Face ¾, left side"),
            DiagramName.FACE_3Q_RIGHT: self.tr("Face ¾, right side"),
            DiagramName.PROFILE_LEFT: self.tr("Profile, left side"),
            DiagramName.PROFILE_RIGHT: self.tr("Profile, right side"),
            DiagramName.NECK_DECOLLETE: self.tr("Neck and décolleté"),
            DiagramName.SCALP: self.tr("Scalp"),
            DiagramName.HANDS: self.tr("Hands"),
            DiagramName.BODY_FRONT: self.tr("Body, front"),
            DiagramName.BODY_BACK: self.tr("Body, back"),
        }[name]

    def all_actions(self) -> list[QAction]:
        """Every action with a shortcut, for the Visit tab to answer wherever focus is."""
        return [
            *self.tool_actions.values(),
            self.scheme_action,
            self.repeat_action,
            self.save_template_action,
            self.undo_action,
            self.redo_action,
            self.previous_action,
            self.fit_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.delete_action,
            self.select_all_action,
            self.escape_action,
            self.export_action,
            *self.diagram_actions,
            self.turn_left_action,
            self.turn_right_action,
        ]

    def _build_layout(self) -> None:
        toolbar = QToolBar(self)
        toolbar.setObjectName("diagramToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setStyleSheet(
            "QToolBar#diagramToolbar { background: transparent; border: none; padding: 0; }"
            "QToolBar#diagramToolbar QToolButton { padding: 4px 6px; }"
            "QToolBar#diagramToolbar QToolButton:checked { background: #d7eeeb; }"
        )
        toolbar.addActions(list(self.tool_actions.values()))
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        self.toolbar = toolbar

        canvas = QFrame(self)
        canvas.setObjectName("diagramCanvas")
        canvas.setStyleSheet(
            "QFrame#diagramCanvas { background: #ffffff; border: 1px solid #e3e6ea; "
            "border-radius: 6px; }"
        )
        canvas_layout = QVBoxLayout(canvas)
        canvas_layout.setContentsMargins(1, 1, 1, 1)
        canvas_layout.addWidget(self.view, 1)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(8, 2, 8, 4)
        status_row.setSpacing(4)
        status_row.addWidget(self.status, 1)
        for action in (self.previous_action, self.fit_action, self.export_action):
            button = QToolButton(canvas)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            status_row.addWidget(button)
        canvas_layout.addLayout(status_row)

        chart = QWidget(self)
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.setSpacing(4)
        chart_layout.addWidget(self.diagram_box)
        self.scheme_button = self._command_button(self.scheme_action, chart)
        self.repeat_button = self._command_button(self.repeat_action, chart)
        self.templates_button = QToolButton(chart)
        self.templates_button.setText(self.tr("Templates ▾"))
        self.templates_button.setToolTip(self.tr("Apply or save a charting template"))
        self.templates_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.templates_button.setMenu(self.templates_menu)
        self.templates_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for button in (self.scheme_button, self.templates_button, self.repeat_button):
            chart_layout.addWidget(button)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 4, 0)
        side_layout.setSpacing(6)
        for title, widget in (
            (self.tr("Chart"), chart),
            (self.tr("Marks"), self.editor),
            (self.tr("Totals"), self.totals),
            (self.tr("Legend"), self.legend),
        ):
            box = QGroupBox(title, side)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(8, 6, 8, 8)
            box_layout.addWidget(widget)
            side_layout.addWidget(box)
        side_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(SIDE_WIDTH)
        self.side = scroll

        body = QHBoxLayout()
        body.setSpacing(8)
        body.addWidget(canvas, 1)
        body.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(toolbar)
        layout.addWidget(self.notice)
        layout.addLayout(body, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The side column takes its share of a wide panel, so zone names in the totals and
        the marks form are not cut short on a large screen; never narrower than `SIDE_WIDTH`."""
        share = int(event.size().width() * SIDE_SHARE)
        self.side.setFixedWidth(
            max(SIDE_WIDTH, min(SIDE_WIDTH_MAX, max(share, self._side_needs())))
        )
        super().resizeEvent(event)

    def _side_needs(self) -> int:
        """The width the side column's texts need (longer in Russian), its scroll bar included."""
        content = self.side.widget()
        scroll_bar = self.side.verticalScrollBar().sizeHint().width()
        return (content.minimumSizeHint().width() if content else 0) + scroll_bar

    def _command_button(self, action: QAction, parent: QWidget) -> QToolButton:
        button = QToolButton(parent)
        button.setDefaultAction(action)
        button.setText(action.text().replace("&", ""))
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    # --- what the undo steps need (commands.Chart) lives on the open visit -------------------

    def report(self, error: ServiceError) -> None:
        self.visit.report(error)

    # --- following the open visit -----------------------------------------------------------

    def _record_changed(self, record: VisitRecord | None) -> None:
        if record is None:
            self._shown_visit = object()
            self.undo_stack.clear()
            self._set_read_only(True)
            self.notice.setText(self.tr("Open a visit to chart its injection scheme."))
            self.notice.show()
            self._refresh()
            return
        key = record.id if record.id is not None else ("new", record.patient_id)
        if key != self._shown_visit:
            if not (record.id is not None and self._shown_visit == ("new", record.patient_id)):
                self.undo_stack.clear()
                self._shown_visit = key
                self._front = front_face(self.visit.patient_sex)
                self.show_diagram(
                    default_diagram(self.visit.marks, record.treated_areas, self.visit.patient_sex)
                )
            self._shown_visit = key
        self._set_read_only(record.signed)
        if record.signed:
            self.undo_stack.clear()
            self.notice.setText(
                self.tr("This visit is signed: its scheme is shown and cannot be changed.")
            )
        self.notice.setVisible(record.signed)
        self._injectables_changed()

    def _marks_changed(self, marks: tuple[MarkRecord, ...]) -> None:
        self.scene.put_marks(marks)
        shown = {m.id for m in marks if m.id is not None}
        gone = [i for i in self.scene.mark_ids() if i not in shown]
        if gone:
            self.scene.remove_marks(gone)
        if (
            not self.scene.mark_ids()
            and marks
            and self.scene.photo is None
            and self.scene.diagram_name not in {m.diagram for m in marks if m.photo is None}
            and any(m.photo is None for m in marks)
        ):
            self.show_diagram(default_diagram(marks))
        else:
            self._list_photos()
            self.diagram_box.setCurrentIndex(self.diagram_box.findData(self._shown_item()))
        self._refresh()

    def _injectables_changed(self) -> None:
        draft = self.visit.draft
        choices: list[tuple[str, Injected]] = [
            (
                self.tr("Cocktail: {name}").format(name=catalog_name(c.name, c.name_ru)),
                Injected(cocktail_id=c.id),
            )
            for c in self.visit.cocktails
        ]
        seen: set[int] = set()
        for line in draft.product_lines if draft is not None else ():
            if line.cocktail_id is None and line.lot_id not in seen:
                seen.add(line.lot_id)
                product = catalog_name(line.product_name, line.product_name_ru)
                choices.append((f"{product} · {line.lot_number}", Injected(lot_id=line.lot_id)))
        for mark in self.visit.marks:
            injected = injected_by(mark)
            if injected.known and all(existing != injected for _, existing in choices):
                choices.append((self.visit.injected_label(injected) or "?", injected))
        self.editor.set_injectables(choices)
        self._selection_changed()

    def _templates_changed(self, templates: tuple[ChartTemplateRecord, ...]) -> None:
        self.templates_menu.clear()
        for template in templates:
            action = self.templates_menu.addAction(template.name)
            names = ", ".join(drawing.diagram_label(d) for d in template.diagrams)
            action.setToolTip(
                self.tr("%n mark(s) on {diagrams}", "", len(template.marks)).format(diagrams=names)
            )
            action.triggered.connect(lambda _=False, t=template: self.apply_template(t))
        if templates:
            self.templates_menu.addSeparator()
        self.templates_menu.addAction(self.save_template_action)
        if templates:
            delete = self.templates_menu.addMenu(self.tr("Delete a template"))
            for template in templates:
                item = delete.addAction(template.name)
                item.triggered.connect(
                    lambda _=False, t=template: self.visit.delete_template(t.id or 0)
                )

    def turn_face(self, step: int) -> None:
        """Turn the face one step: +1 shows more of the patient's left side (the face turns to
        the viewer's left), -1 more of the right; from the front to three-quarters to profile.
        From a view that is not of the face, the first step leaves the front."""
        shown = self.scene.diagram_name
        at = TURNS.index(shown) if shown in TURNS else TURNS.index(None)
        turned = TURNS[max(0, min(len(TURNS) - 1, at + step))]
        self.show_diagram(turned or self._front)

    def show_diagram(self, name: DiagramName) -> None:
        """Switch the chart; the marks of every diagram stay in the visit and the totals."""
        self._photo_asked = None  # a photo still being read is not shown over it
        if name in FACE_VIEWS and name not in TURNS:
            self._front = name
        self.view.cancel_drawing()
        self.scene.show_diagram(name)
        self.view.setAccessibleName(self.tr("Injection diagram"))
        self._show_marks_here(name.value)

    def _show_marks_here(self, item: str) -> None:
        self.scene.set_read_only(self.read_only)
        self.scene.set_marks(self.visit.marks)
        self.scene.set_previous(list(self.visit.previous_marks))
        self._list_photos()
        self.diagram_box.setCurrentIndex(self.diagram_box.findData(item))
        self.view.fit()
        self._selection_changed()

    def _chosen(self, item: object) -> None:
        text = str(item)
        if text.startswith(PHOTO_ITEM):
            photo = self._photos.get(int(text.removeprefix(PHOTO_ITEM)))
            if photo is not None:
                self.show_photo(photo)
            return
        self.show_diagram(DiagramName(text))

    def mark_on_photo(self, photo: PhotoRecord) -> bool:
        """Chart on one of the visit's photos (asked for from the photos pane); the view takes
        the keyboard once the photo is shown."""
        if self.visit.record is None or photo.visit_id != self.visit.record.id:
            return False
        frame = mark_photo(photo.id, photo.kind, photo.view, photo.width, photo.height)
        return self.show_photo(frame, focus=True)

    def show_photo(self, photo: MarkPhoto, focus: bool = False) -> bool:
        """The photo in place of the diagram, with its marks; the same tools chart on it.

        Its file is read and scaled on a worker (a phone's photo takes a tenth of a second,
        a large one more) and shown when read, unless the chart was switched or another visit
        opened meanwhile. False (and a notice saying why) when it has no file here."""
        try:
            path = self.services.photos.image_path(photo.id)
        except ServiceError as error:
            self.report(error)
            return False
        record = self.visit.record
        asked = (None if record is None else record.id, photo.id)
        self._photo_asked = asked
        self._runner.submit(
            lambda: read_photo(path),
            lambda image: self._photo_read(photo, asked, image, focus),
            lambda _error: self._photo_read(photo, asked, QImage(), focus),
            kind=PHOTO_READ,
        )
        return True

    def _photo_read(
        self, photo: MarkPhoto, asked: tuple[int | None, int], image: QImage, focus: bool
    ) -> None:
        record = self.visit.record
        if self._photo_asked != asked or record is None or record.id != asked[0]:
            return  # the chart was switched, or another visit opened, while it was read
        self._photo_asked = None
        if image.isNull():
            self._notices.error(
                self.tr("The photo's file cannot be read on this computer, so it cannot be marked.")
            )
            self._show_marks_here(self._shown_item())
            return
        self._photos[photo.id] = photo
        self.view.cancel_drawing()
        self.scene.show_photo(photo, photo_diagram(photo.view, self.visit.patient_sex), image)
        self.view.setAccessibleName(drawing.photo_label(photo))
        self._show_marks_here(f"{PHOTO_ITEM}{photo.id}")
        if focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _shown_item(self) -> str:
        """The chart's list item of what the scene shows: a photo or a diagram."""
        shown = self.scene.photo
        return f"{PHOTO_ITEM}{shown.id}" if shown else self.scene.diagram_name.value

    def _list_photos(self) -> None:
        """The chart's list offers the photos with marks and the one shown, after the views."""
        marked = {m.photo.id: m.photo for m in self.visit.marks if m.photo is not None}
        shown = self.scene.photo
        wanted = dict(marked)
        if shown is not None:
            wanted[shown.id] = shown
        self._photos.update(wanted)
        for index in reversed(range(self.diagram_box.count())):
            if str(self.diagram_box.itemData(index)).startswith(PHOTO_ITEM):
                self.diagram_box.removeItem(index)
        if self.diagram_box.count() > len(VIEW_ORDER):  # the separator before the photos
            self.diagram_box.removeItem(len(VIEW_ORDER))
        if not wanted:
            return
        self.diagram_box.insertSeparator(len(VIEW_ORDER))
        for photo_id in sorted(wanted):
            label = drawing.photo_label(wanted[photo_id])
            self.diagram_box.addItem(label, f"{PHOTO_ITEM}{photo_id}")
            self.diagram_box.setItemData(
                self.diagram_box.count() - 1, label, Qt.ItemDataRole.ToolTipRole
            )

    def _set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        if read_only:
            self.view.set_tool(Tool.SELECT)
        for action in (
            *self.tool_actions.values(),
            self.scheme_action,
            self.repeat_action,
            self.delete_action,
        ):
            action.setEnabled(not read_only)
        self.templates_button.setEnabled(not read_only)
        self.export_action.setEnabled(self.visit.record is not None)
        self.scene.set_read_only(read_only)
        self.editor.set_read_only(read_only)

    # --- charting ---------------------------------------------------------------------------

    def _new_mark(self, shape: MarkShape, points: Sequence[Point]) -> MarkRecord:
        values = self.editor.defaults()
        technique = values.pop("technique") or DEFAULT_TECHNIQUE[shape]
        return MarkRecord(
            None,
            self.visit.draft.id or 0 if self.visit.draft else 0,
            self.scene.diagram_name,
            shape,
            tuple(points),
            technique=technique,  # type: ignore[arg-type]
            photo=self.scene.photo,
            **values,  # type: ignore[arg-type]
        )

    def _charted(
        self, write: Callable[[], list[MarkRecord]], text: str | None = None
    ) -> list[MarkRecord]:
        """Run one charting write; it enters the undo history once it has succeeded."""
        if self.read_only or not self.visit.is_open:
            return []
        try:
            added = write()
        except ServiceError as error:
            self.report(error)
            return []
        if added:
            self.undo_stack.push(AddMarks(self.visit, added, text))
        return added

    def _add(self, marks: Sequence[MarkRecord], text: str | None = None) -> list[MarkRecord]:
        if not marks:
            return []
        return self._charted(lambda: self.visit.add_marks(marks), text)

    def _place_point(self, where: QPointF) -> None:
        self._add([self._new_mark(MarkShape.POINT, [Point(where.x(), where.y())])])

    def _shape_drawn(self, shape: str, points: list[QPointF]) -> None:
        mark = self._new_mark(MarkShape(shape), [Point(p.x(), p.y()) for p in points])
        added = self._add([mark])
        self.scene.select_ids([m.id for m in added if m.id is not None])

    def apply_scheme(self) -> None:
        """Generate the vascular scheme's points on the back, as one undo step."""
        if self.read_only or not self.visit.is_open:
            return
        choice = self.ask_scheme()
        if choice is None:
            return
        if self.scene.diagram_name is not DiagramName.BACK:
            self.show_diagram(DiagramName.BACK)
        marks = [
            replace(self._new_mark(MarkShape.POINT, [point]), technique=Technique.PINPOINT)
            for point in choice.points()
        ]
        self._add(
            marks,
            self.tr("Vascular scheme {top}-{bottom}").format(top=choice.top, bottom=choice.bottom),
        )

    def ask_scheme(self) -> SchemeChoice | None:
        """The practitioner decides levels, rows and sides; tests replace this method."""
        dialog = SchemeDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def repeat_previous(self) -> None:
        """Last visit's marks charted again on this visit, as one undo step."""
        added = self._charted(self.visit.repeat_previous, self.tr("Repeat last visit's chart"))
        if added:
            self._show_charted(added)

    def apply_template(self, template: ChartTemplateRecord) -> None:
        added = self._charted(
            lambda: self.visit.apply_template(template.id or 0),
            self.tr("Template {name}").format(name=template.name),
        )
        if added:
            self._show_charted(added)

    def _show_charted(self, added: Sequence[MarkRecord]) -> None:
        diagrams = {m.diagram for m in added}
        if self.scene.photo is not None or self.scene.diagram_name not in diagrams:
            self.show_diagram(default_diagram(added))
        self.scene.select_ids([m.id for m in added if m.id is not None])
        self._notices.success(self.tr("%n mark(s) charted.", "", len(added)))

    def save_template(self) -> None:
        selected = self.visit.current(self.scene.selected_ids())
        if not selected:
            self._notices.info(self.tr("Select the marks to keep as a template first."))
            return
        name = self.ask_template_name(len(selected))
        if name is None:
            return
        saved = self.visit.save_template(name, selected)
        if saved is not None:
            self._notices.success(
                self.tr("Template “{name}” saved with %n mark(s).", "", len(saved.marks)).format(
                    name=saved.name
                )
            )

    def ask_template_name(self, count: int) -> str | None:
        """The practitioner names the template; tests replace this method."""
        name, accepted = QInputDialog.getText(
            self,
            self.tr("Save as template"),
            self.tr("Name for the %n selected mark(s), e.g. “forehead nappage”:", "", count),
        )
        return name if accepted else None

    def delete_selected(self) -> None:
        ids = self.scene.selected_ids()
        if self.read_only or not ids:
            return
        try:
            removed = self.visit.delete_marks(ids)
        except ServiceError as error:
            self.report(error)
            return
        self.undo_stack.push(DeleteMarks(self.visit, removed))

    def _move(
        self, moves: dict[int, tuple[tuple[Point, ...], tuple[Point, ...]]], nudge: bool
    ) -> None:
        current = {m.id: m for m in self.visit.current(list(moves))}
        try:
            self.visit.move_marks(
                [(i, new, current[i].version) for i, (_, new) in moves.items() if i in current]
            )
        except ServiceError as error:
            self.scene.snap_back()
            self.report(error)
            return
        self.undo_stack.push(MoveMarks(self.visit, moves, nudge=nudge))

    def _dragged(self) -> None:
        moved = self.scene.moved_marks()
        if self.read_only:
            self.scene.snap_back()
            return
        if moved:
            self._move({m.id: (m.points, now) for m, now in moved if m.id is not None}, False)

    def _nudge(self, dx: float, dy: float) -> None:
        if self.read_only:
            return
        marks = self.visit.current(self.scene.selected_ids())
        moves = {
            m.id: (m.points, tuple(Point(x + dx, y + dy) for x, y in m.points))
            for m in marks
            if m.id is not None
        }
        if moves:
            self._move(moves, True)

    def apply_attributes(self) -> None:
        """Write the edited fields to every selected mark, as one undo step."""
        before = self.visit.current(self.scene.selected_ids())
        changes = self.editor.changes()
        if self.read_only or not before or not changes:
            return
        try:
            after = self.visit.update_marks([with_changes(m, changes) for m in before])
        except ServiceError as error:
            self.report(error)
            return
        self.undo_stack.push(EditMarks(self.visit, before, after))
        self.editor.load(after)

    # --- feedback ---------------------------------------------------------------------------

    def _refresh(self) -> None:
        self.totals.show_marks(list(self.visit.marks))
        self._selection_changed()

    def _selection_changed(self) -> None:
        selected = self.visit.current(self.scene.selected_ids())
        self.editor.load(selected)
        self.delete_action.setEnabled(bool(selected) and not self.read_only)
        self.save_template_action.setEnabled(bool(selected))
        self._show_status()

    def _show_status(self, zone: str | None = None) -> None:
        parts = []
        if zone:
            parts.append(drawing.zone_label(self.scene.diagram_name, zone))
        on_diagram = len(self.scene.mark_ids())
        parts.append(self.tr("%n mark(s)", "", on_diagram))
        selected = len(self.scene.selected_ids())
        if selected:
            parts.append(self.tr("%n selected", "", selected))
        self.status.setText("  ·  ".join(parts))

    def _hovered(self, zone: str | None) -> None:
        self.scene.hover_zone(zone)
        self._show_status(zone)

    def _tool_changed(self, tool: str) -> None:
        self.tool_actions[Tool(tool)].setChecked(True)
        hints = {
            Tool.POINT: self.tr("Click to add points. Esc leaves the tool."),
            Tool.LINE: self.tr("Click along the line; double-click or Enter ends it."),
            Tool.AREA: self.tr("Click the corners; double-click or Enter closes the area."),
        }
        hint = hints.get(Tool(tool))
        if hint:
            self.status.setText(hint)
        else:
            self._show_status()

    def _depth_warning(self, depth: Decimal | None, technique: Technique | None) -> str:
        """The first depth finding for the form's values on the selection (or new marks)."""
        if depth is None:
            return ""
        selected = self.visit.current(self.scene.selected_ids())
        if selected:
            findings = [
                finding
                for mark in selected
                for finding in mark_depth_findings(
                    replace(mark, depth_mm=depth, technique=technique or mark.technique)
                )
            ]
        else:
            area = DIAGRAM_AREA[self.scene.diagram_name]
            findings = check_depth(area, technique or Technique.PINPOINT, depth)
        findings.sort(key=lambda f: -f.severity.rank)
        shown = [f for f in findings if f.severity is not Severity.INFO]
        return finding_text(shown[0]) if shown else ""

    def _select_all(self) -> None:
        self.scene.select_ids(self.scene.mark_ids())

    # --- export -----------------------------------------------------------------------------

    def ask_export_path(self) -> Path | None:
        """Where to save the picture; the user decides, tests replace this method."""
        record = self.visit.record
        assert record is not None
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the injection scheme"),
            f"visit-{record.id}-scheme.png",
            self.tr("PNG images (*.png)"),
        )
        return Path(name) if name else None

    def export_png(self) -> None:
        record = self.visit.record
        if record is None or record.id is None:
            return
        target = self.ask_export_path()
        if target is None:
            return
        from mesodesk.ui.diagram.image import render_visit_png

        visit_id, services = record.id, self.services

        def work() -> Path:
            write_private_file(target, render_visit_png(services, visit_id))
            return target

        def done(path: Path) -> None:
            self._notices.success(self.tr("The scheme was saved to {path}.").format(path=path))

        def failed(error: Exception) -> None:
            message = error.strerror if isinstance(error, OSError) else str(error)
            self._notices.error(
                self.tr("The scheme could not be saved: {reason}").format(reason=message)
            )

        self._runner.submit(work, done, failed)

    def menu_sections(self) -> list[list[QAction]]:
        """The Visit > Diagram menu, section by section."""
        return [
            list(self.tool_actions.values()),
            [self.scheme_action, self.repeat_action, self.save_template_action, self.delete_action],
            [self.undo_action, self.redo_action],
            [self.previous_action, self.fit_action, self.export_action],
            self.diagram_actions,
            [self.turn_left_action, self.turn_right_action],
        ]
