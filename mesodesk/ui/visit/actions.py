"""The Visit tab's actions and the bar that keeps Save, Mark done and Sign always in sight."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from mesodesk.domain.records import VisitRecord
from mesodesk.domain.vocabulary import VisitStatus
from mesodesk.ui.elided import ElidedLabel
from mesodesk.ui.state.open_visit import OpenVisit
from mesodesk.ui.text import vocab
from mesodesk.ui.visit.form import VisitForm, when
from mesodesk.ui.visit.safety import SafetyStrip

BAR_HEIGHT = 48


class VisitActionBar(QFrame):
    """Which visit is open and its state on the left; Save, Mark done and Sign on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitActionBar")
        self.setFixedHeight(BAR_HEIGHT)
        self.setStyleSheet(
            "QFrame#visitActionBar { background: #ffffff; border-top: 1px solid #e3e6ea; }"
        )
        self.title = ElidedLabel("", self)
        self.title.setObjectName("visitTitle")
        self.state = QLabel(self)
        self.state.setObjectName("mutedLabel")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.tr("Save the visit (Ctrl+S)"))
        self.done_button = QPushButton(self.tr("Mark done"), self)
        self.done_button.setToolTip(self.tr("Save and mark the visit done (Ctrl+Shift+D)"))
        self.sign_button = QPushButton(self.tr("Sign…"), self)
        self.sign_button.setToolTip(self.tr("Sign the done visit; signing is final (Ctrl+Shift+S)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.title, 1)
        row.addWidget(self.state)
        row.addSpacing(12)
        row.addWidget(self.done_button)
        row.addWidget(self.sign_button)
        row.addWidget(self.save_button)


class VisitActions(QObject):
    """Every action of the Visit tab, with shortcuts that work wherever focus is in the tab.

    `scope` is the Visit tab: the actions are added to it with a widget-with-children
    shortcut context, so they fire from the form, the diagram or the strip alike.
    """

    def __init__(
        self,
        visit: OpenVisit,
        form: VisitForm,
        strip: SafetyStrip,
        bar: VisitActionBar,
        scope: QWidget,
    ) -> None:
        super().__init__(scope)
        self.visit = visit
        self.form = form
        self.strip = strip
        self.bar = bar
        self.scope = scope

        def action(text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
            item = QAction(text, scope)
            item.setShortcut(QKeySequence(shortcut))
            item.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            item.triggered.connect(lambda _=False: slot())
            scope.addAction(item)
            return item

        self.done_action = action(self.tr("Mark visit &done"), "Ctrl+Shift+D", self.mark_done)
        self.sign_action = action(self.tr("&Sign visit…"), "Ctrl+Shift+S", self.sign)
        self.add_line_action = action(self.tr("Add product &line"), "Ctrl+Shift+L", form.add_line)
        self.add_cocktail_action = action(
            self.tr("Add &cocktail"), "Ctrl+Shift+K", form.add_cocktail
        )
        self.add_reaction_action = action(
            self.tr("Add &reaction"), "Ctrl+Shift+R", lambda: form.add_reaction()
        )
        self.take_volumes_action = action(
            self.tr("&Take volumes from the chart"), "Ctrl+Shift+T", form.take_volumes_from_chart
        )
        self.checklist_action = action(
            self.tr("Today's &questions…"), "Ctrl+Alt+Q", strip.open_checklist
        )
        self.findings_action = action(self.tr("All &findings…"), "Ctrl+Alt+F", strip.open_findings)
        self.recheck_action = action(self.tr("Re-check &safety"), "Ctrl+Alt+K", visit.rescreen)
        self.override_action = action(
            self.tr("&Override a contraindication…"), "Ctrl+Alt+O", strip.override_first
        )
        self.reschedule_action = action(
            self.tr("Re&schedule the visit…"), "Ctrl+Alt+R", strip.reschedule_first
        )
        addendum = QAction(self.tr("Add addendum"), form.addendum_text)
        addendum.setShortcut(QKeySequence("Ctrl+Return"))
        addendum.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        addendum.triggered.connect(form.add_addendum)
        form.addendum_text.addAction(addendum)

        bar.save_button.clicked.connect(self.save)
        bar.done_button.clicked.connect(self.mark_done)
        bar.sign_button.clicked.connect(self.sign)
        visit.record_changed.connect(lambda _record: self.update())
        visit.plan_changed.connect(lambda _record: self.update())
        self.update()

    @property
    def menu_actions(self) -> list[QAction | None]:
        """For the Visit menu, None where a separator goes."""
        return [
            self.done_action,
            self.sign_action,
            None,
            self.add_line_action,
            self.add_cocktail_action,
            self.take_volumes_action,
            self.add_reaction_action,
            None,
            self.checklist_action,
            self.findings_action,
            self.recheck_action,
            self.override_action,
            self.reschedule_action,
        ]

    # --- the user's actions -----------------------------------------------------------------

    def save(self) -> bool:
        return self.visit.save()

    def mark_done(self) -> bool:
        return self.visit.editable and self.visit.mark_done()

    def sign(self) -> bool:
        """Sign after the practitioner confirms; from then on the visit is read-only."""
        draft = self.visit.draft
        if draft is None or not self.visit.editable:
            return False
        if not draft.practitioner.strip():
            self.form.show_errors(
                {"practitioner": self.tr("Enter the practitioner's name before signing.")}
            )
            return False
        if not self.confirm_sign(draft):
            return False
        return self.visit.sign()

    def confirm_sign(self, visit: VisitRecord) -> bool:
        """Signing is final: the one question the tab asks; tests replace it."""
        answer = QMessageBox.question(
            self.scope,
            self.tr("Sign the visit"),
            self.tr(
                "Sign the visit of {when} as {who}? A signed visit can no longer be changed; "
                "corrections are added as addenda."
            ).format(when=when(visit.starts_at), who=visit.practitioner),
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- state ------------------------------------------------------------------------------

    def update(self) -> None:
        draft = self.visit.draft
        editable = self.visit.editable
        dirty = self.visit.is_dirty()
        done = draft is not None and draft.status is VisitStatus.DONE and not dirty
        self.bar.save_button.setEnabled(editable and dirty)
        self.bar.done_button.setEnabled(editable and not done)
        self.done_action.setEnabled(editable and not done)
        self.bar.sign_button.setEnabled(editable)
        self.sign_action.setEnabled(editable)
        for item in (
            self.add_line_action,
            self.add_cocktail_action,
            self.add_reaction_action,
            self.take_volumes_action,
            self.checklist_action,
            self.override_action,
            self.reschedule_action,
        ):
            item.setEnabled(editable)
        self.findings_action.setEnabled(draft is not None)
        self.recheck_action.setEnabled(draft is not None)
        if draft is None:
            self.bar.title.setText("")
            self.bar.state.setText("")
            return
        self.bar.title.setText(self.tr("Visit of {when}").format(when=when(draft.starts_at)))
        status = vocab(draft.status)
        if draft.signed:
            state = self.tr("{status} · signed").format(status=status)
        elif draft.id is None:
            state = self.tr("new, not saved yet")
        elif dirty:
            state = self.tr("{status} · unsaved changes").format(status=status)
        else:
            state = status
        self.bar.state.setText(state)
