"""The sign-in page: login, PIN and language, for the operator at this counter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.language import LANGUAGES, NATIVE_NAMES


class SignInPage(QWidget):
    """Asks for login and PIN; forwards them. Renders errors it is given.

    Signals:
        sign_in_requested(str, str): login and PIN, both filled in.
        language_chosen(str): the operator picked kk, ru or en.
    """

    sign_in_requested = Signal(str, str)
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("signInTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setObjectName("login")
        self.login.setMaxLength(64)
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code in LANGUAGES:
            self.language.addItem(NATIVE_NAMES[code], code)
        self.button = QPushButton()
        self.button.setObjectName("signIn")
        self.button.setDefault(True)
        self.error = QLabel()
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.hide()

        self.labels = [QLabel(), QLabel(), QLabel()]
        self.form = QFormLayout()
        for label, field in zip(self.labels, (self.login, self.pin, self.language), strict=True):
            field.setMinimumHeight(30)
            self.form.addRow(label, field)
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold; padding-bottom: 8px;")
        self.button.setMinimumHeight(36)
        box = QWidget()
        box.setMinimumWidth(380)
        box.setMaximumWidth(460)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addLayout(self.form)
        inner.addWidget(self.button)
        inner.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.button.clicked.connect(self._on_submit)
        self.login.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._on_submit)
        self.language.activated.connect(
            lambda i: self.language_chosen.emit(str(self.language.itemData(i)))
        )
        self.retranslate("", 0)

    def retranslate(self, counter_name: str, counter_number: int) -> None:
        where = counter_name or (str(counter_number) if counter_number else "")
        self.title.setText(self.tr("Sign in at %1").replace("%1", where) if where else "")
        texts = (self.tr("Login"), self.tr("PIN"), self.tr("Language"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.button.setText(self.tr("Sign in"))

    def set_language(self, language: str) -> None:
        self.language.setCurrentIndex(max(self.language.findData(language), 0))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)

    def reset(self) -> None:
        self.pin.clear()
        self.error.hide()
        self.set_busy(False)
        self.login.setFocus()

    def _on_submit(self) -> None:
        login, pin = self.login.text().strip(), self.pin.text()
        if not login or not pin:
            self.show_error(self.tr("Enter your login and PIN."))
            return
        self.error.hide()
        self.set_busy(True)
        self.sign_in_requested.emit(login, pin)
