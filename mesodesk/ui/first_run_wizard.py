"""The set-up wizard a new, empty database opens with: the letterhead, the language and
currency, an optional administrator account, and a second folder for the backups.

It asks once: Finish stores the choices, Skip (or closing it) keeps the defaults, and either
way it is not offered again (services/first_run.py decides when it is due). Every page is
reached and filled from the keyboard: each field has a label with a mnemonic, and a message
appears under the field at fault in a line kept for it, so nothing moves.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from mesodesk.domain import limits
from mesodesk.domain.clinic import logo_problem
from mesodesk.domain.first_run import SetupChoices, default_currency, validate_choices
from mesodesk.domain.users import NAME_LIMIT
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.services.first_run import FirstRunService
from mesodesk.ui.field_error import with_error_line
from mesodesk.ui.logo_preview import LogoPreview
from mesodesk.ui.wheel_guard import ComboBox

CURRENCIES = ("RUB", "EUR", "USD", "KZT", "BYN", "UZS", "AMD", "GEL", "AZN", "KGS", "GBP")
WIZARD_SIZE = (760, 560)


class _Page(QWizardPage):
    """A page whose fields each keep a line below them for a message."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._owner = wizard
        self.errors: dict[str, QLabel] = {}

    def with_error(self, field: str, content: QWidget | QLayout) -> QVBoxLayout:
        column, self.errors[field] = with_error_line(self, content)
        return column

    def show_errors(self, errors: dict[str, str]) -> bool:
        """Show this page's messages; True when it has none."""
        for field, label in self.errors.items():
            label.setText(errors.get(field, ""))
        return not any(field in errors for field in self.errors)

    def validatePage(self) -> bool:
        return self.show_errors(validate_choices(self._owner.choices()))

    def form(self) -> QFormLayout:
        """The page's rows, kept at the top: the space left over goes below them."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        return form

    def label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def note(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("mutedLabel")
        label.setWordWrap(True)
        return label


class LetterheadPage(_Page):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Your clinic"))
        self.setSubTitle(
            self.tr(
                "The name, address, phone and logo printed at the top of the aftercare sheet, "
                "the consent form and the visit summary."
            )
        )
        self.logo: bytes | None = None
        self.name = QLineEdit(self)
        self.name.setMaxLength(limits.CLINIC_NAME)
        self.name.setPlaceholderText(self.tr("As printed on the letterhead"))
        self.address = QPlainTextEdit(self)
        self.address.setFixedHeight(64)
        self.address.setTabChangesFocus(True)
        self.phone = QLineEdit(self)
        self.phone.setMaxLength(limits.CLINIC_PHONE)
        self.logo_preview = LogoPreview(self)
        self.choose_logo_button = QPushButton(self.tr("Choose &PNG…"), self)
        self.remove_logo_button = QPushButton(self.tr("&Remove logo"), self)

        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo = QHBoxLayout()
        logo.addWidget(self.logo_preview)
        logo.addLayout(logo_buttons)
        logo.addStretch(1)
        form = self.form()
        form.addRow(
            self.label(self.tr("Clinic na&me"), self.name), self.with_error("name", self.name)
        )
        form.addRow(
            self.label(self.tr("&Address"), self.address), self.with_error("address", self.address)
        )
        form.addRow(self.label(self.tr("P&hone"), self.phone), self.with_error("phone", self.phone))
        form.addRow(
            self.label(self.tr("&Logo"), self.choose_logo_button), self.with_error("logo_png", logo)
        )
        self.choose_logo_button.clicked.connect(self._choose_logo)
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(None))
        self.set_logo(None)

    def choose_logo_file(self) -> Path | None:
        """Ask for the logo file; the one question here, replaced in tests."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the clinic logo"), "", self.tr("PNG images (*.png)")
        )
        return Path(path) if path else None

    def set_logo(self, content: bytes | None) -> None:
        self.logo = content
        self.remove_logo_button.setEnabled(content is not None)
        self.errors["logo_png"].setText("")
        problem = None if content is None else logo_problem(content)
        if problem is not None:
            self.logo_preview.setText(self.tr("Not a PNG image"))
            self.errors["logo_png"].setText(problem)
            return
        self.logo_preview.show_logo(content)

    def _choose_logo(self) -> None:
        path = self.choose_logo_file()
        if path is None:
            return
        try:
            content = path.read_bytes()
        except OSError as exc:
            self.errors["logo_png"].setText(
                self.tr("Cannot read {file}: {reason}.").format(file=path.name, reason=exc.strerror)
            )
            return
        self.set_logo(content)


class LanguagePage(_Page):
    def __init__(self, wizard: FirstRunWizard, locale: QLocale) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Language and currency"))
        self.setSubTitle(self.tr("The language of MesoDesk's windows, and the clinic's currency."))
        self.language = ComboBox(self)
        self.language.addItem(self.tr("Same as the computer"), "")
        self.language.addItem("English", "en")
        self.language.addItem("Русский", "ru")
        self.language.setMaximumWidth(320)
        self.currency = ComboBox(self)
        self.currency.setEditable(True)
        self.currency.setInsertPolicy(ComboBox.InsertPolicy.NoInsert)
        self.currency.addItems(list(CURRENCIES))
        line = self.currency.lineEdit()
        if line is not None:
            line.setMaxLength(3)
            line.setAccessibleName(self.tr("Currency"))
        self.currency.setCurrentText(
            default_currency(locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode))
        )
        self.currency.setFixedWidth(110)
        form = self.form()
        form.addRow(
            self.label(self.tr("&Language"), self.language),
            self.with_error("language", self.language),
        )
        form.addRow(
            self.label(self.tr("&Currency"), self.currency),
            self.with_error("currency", self.currency),
        )
        form.addRow(
            "",
            self.note(
                self.tr(
                    "A three-letter code, such as RUB or EUR; prices and totals are shown in it."
                )
            ),
        )


class AccountPage(_Page):
    """An optional administrator account: with one, MesoDesk asks for a name and password at
    start and locks itself when left alone; without, it opens as today."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Administrator account"))
        self.setSubTitle(
            self.tr(
                "Optional. With an account, MesoDesk asks for a name and password when it "
                "starts and locks itself after some idle minutes; leave the name empty for a "
                "practice where one person works alone."
            )
        )
        self.name = QLineEdit(self)
        self.name.setMaxLength(NAME_LIMIT)
        self.name.setPlaceholderText(self.tr("No account"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(self)
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        form = self.form()
        form.addRow(
            self.label(self.tr("Administrator &name"), self.name),
            self.with_error("administrator", self.name),
        )
        form.addRow(
            self.label(self.tr("&Password"), self.password),
            self.with_error("password", self.password),
        )
        form.addRow(
            self.label(self.tr("&Repeat the password"), self.password_again),
            self.with_error("password_again", self.password_again),
        )
        form.addRow(
            "",
            self.note(
                self.tr("More users (practitioners, reception) are added later in Tools > Users…")
            ),
        )


class BackupPage(_Page):
    def __init__(self, wizard: FirstRunWizard, backups_folder: Path | None) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Backups"))
        self.setSubTitle(
            self.tr(
                "MesoDesk backs the database up by itself when it starts (at most once a day) "
                "and before every upgrade."
            )
        )
        self.copy_folder = QLineEdit(self)
        self.copy_folder.setPlaceholderText(self.tr("No second copy"))
        self.choose_button = QPushButton(self.tr("C&hoose…"), self)
        self.clear_button = QPushButton(self.tr("No cop&y"), self)
        row = QHBoxLayout()
        row.addWidget(self.copy_folder, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        form = self.form()
        if backups_folder is not None:
            where = self.note(
                self.tr("The backups are kept in {folder}.").format(folder=backups_folder)
            )
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(where)
        form.addRow(
            self.label(self.tr("Also &copy to"), self.copy_folder),
            self.with_error("backup_copy_folder", row),
        )
        form.addRow(
            "",
            self.note(
                self.tr(
                    "A USB disk or a network share, so the data survive a broken disk. If it is "
                    "not there when a backup is made, the window says so; the backup itself is "
                    "still made."
                )
            ),
        )
        form.addRow(
            self.note(
                self.tr(
                    "Everything chosen here can be changed later: Tools > Clinic settings and "
                    "File > Backup settings."
                )
            )
        )
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.choose_button.clicked.connect(self._choose)
        self.clear_button.clicked.connect(self.copy_folder.clear)

    def choose_folder(self) -> str | None:
        """Ask for the folder; the one question here, replaced in tests."""
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for copies of the backups"), self.copy_folder.text()
        )
        return chosen or None

    def _choose(self) -> None:
        chosen = self.choose_folder()
        if chosen is not None:
            self.copy_folder.setText(chosen)
            self.errors["backup_copy_folder"].setText("")


class FirstRunWizard(QWizard):
    """Finish stores every choice in one step; Skip keeps the defaults. Neither asks again."""

    def __init__(
        self,
        service: FirstRunService,
        backups_folder: Path | None = None,
        locale: QLocale | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.outcome: str | None = None
        """"finished" or "skipped" once the wizard has closed."""
        self.setWindowTitle(self.tr("Set up MesoDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("&Skip"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.button(QWizard.WizardButton.CancelButton).setToolTip(
            self.tr("Keep the defaults; everything can be set later in Tools > Clinic settings")
        )
        self.letterhead = LetterheadPage(self)
        self.language = LanguagePage(self, locale or QLocale.system())
        self.account = AccountPage(self)
        self.backups = BackupPage(self, backups_folder)
        for page in (self.letterhead, self.language, self.account, self.backups):
            self.addPage(page)
            for button in page.findChildren(QPushButton):
                button.setAutoDefault(False)  # Enter always goes on: Next, then Finish
        self.resize(*WIZARD_SIZE)

    def choices(self) -> SetupChoices:
        return SetupChoices(
            name=self.letterhead.name.text(),
            address=self.letterhead.address.toPlainText(),
            phone=self.letterhead.phone.text(),
            logo_png=self.letterhead.logo,
            language=str(self.language.language.currentData()),
            currency=self.language.currency.currentText(),
            backup_copy_folder=self.backups.copy_folder.text(),
            administrator=self.account.name.text(),
            password=self.account.password.text(),
            password_again=self.account.password_again.text(),
        )

    def chosen_language(self) -> str | None:
        """The interface language finished with ("en", "ru", or "" for the computer's); None
        when the set-up was skipped."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return str(self.language.language.currentData())

    def accept(self) -> None:
        """Finish: store the choices; on a refusal, say why on the page and stay."""
        try:
            self._service.finish(self.choices())
        except ValidationFailed as exc:
            for page in (self.letterhead, self.language, self.account, self.backups):
                page.show_errors(exc.errors)
            self.backups.error.setText(self.tr("Not saved: check the marked fields."))
            return
        except ServiceError as exc:
            self.backups.error.setText(str(exc))
            return
        self.outcome = "finished"
        super().accept()

    def reject(self) -> None:
        """Skip (or Esc, or closing the window): keep the defaults and do not ask again."""
        with contextlib.suppress(ServiceError):  # then asked again next time, not kept here
            self._service.skip()
        self.outcome = "skipped"
        super().reject()
