"""Where this workstation keeps its records: a file on this computer, or the clinic server.

The same form in Settings and at a workstation's first start: the choice, the server's host,
port, database, user and password, TLS, and "Test connection" with a clear result. Saved for
this workstation (the service keeps the password readable by the user only) and used on the
next start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from rejuv_desktop import APP_NAME
from rejuv_desktop.errors import ValidationError
from rejuv_desktop.services import workstation as sw
from rejuv_desktop.ui.forms import add_field_row, show_field_errors
from rejuv_desktop.ui.tasks import run_in_background

OK_STYLE = "color: #1e6b2f;"
BAD_STYLE = "color: #b3261e;"


class ConnectionForm(QWidget):
    """The choice of where records are kept, and the server's details."""

    tested = Signal(bool)  # a "Test connection" finished: whether it succeeded

    def __init__(self, connection: sw.Connection | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        connection = connection or sw.Connection()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>This workstation keeps its records in:</b>")))
        self.file_choice = QRadioButton(self.tr("a file on this computer (one workstation)"))
        self.file_choice.setObjectName("records_in_file")
        self.server_choice = QRadioButton(self.tr("the clinic server (several workstations "
                                                  "share the records)"))
        self.server_choice.setObjectName("records_on_server")
        group = QButtonGroup(self)
        group.addButton(self.file_choice)
        group.addButton(self.server_choice)
        layout.addWidget(self.file_choice)
        layout.addWidget(self.server_choice)

        self.server_box = QWidget()
        form = QFormLayout(self.server_box)
        form.setContentsMargins(24, 4, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        self.errors = {}
        for key, label, value in (
                ("host", self.tr("Server"), connection.host),
                ("port", self.tr("Port"), str(connection.port)),
                ("database", self.tr("Database"), connection.database),
                ("user", self.tr("User"), connection.user),
                ("password", self.tr("Password"), "")):
            edit = QLineEdit(value)
            edit.setObjectName(f"server_{key}")
            self.edits[key] = edit
            self.errors[key] = add_field_row(form, label, edit)
        self.edits["host"].setPlaceholderText(self.tr("name or address, e.g. clinic-server"))
        password = self.edits["password"]
        password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_saved = connection.is_server and bool(sw.load_password())
        if self.password_saved:
            password.setPlaceholderText(self.tr("saved: leave empty to keep it"))
        self.tls = QCheckBox(self.tr("Encrypt the connection (TLS; the server must offer it)"))
        self.tls.setObjectName("server_tls")
        self.tls.setChecked(connection.tls)
        form.addRow("", self.tls)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test)
        row.addWidget(self.test_button)
        row.addStretch(1)
        form.addRow("", row)
        self.result = QLabel()
        self.result.setObjectName("connection_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        form.addRow("", self.result)
        layout.addWidget(self.server_box)
        layout.addStretch(1)

        (self.server_choice if connection.is_server else self.file_choice).setChecked(True)
        self.server_choice.toggled.connect(self._kind_changed)
        self._kind_changed()
        self.testing = False

    def _kind_changed(self) -> None:
        self.server_box.setEnabled(self.server_choice.isChecked())

    def values(self) -> dict:
        out = {k: e.text() for k, e in self.edits.items() if k != "password"}
        out["kind"] = sw.SERVER if self.server_choice.isChecked() else sw.FILE
        out["tls"] = self.tls.isChecked()
        return out

    def password(self) -> str | None:
        """The password typed; ``None`` when left empty with one saved (keep it)."""
        typed = self.edits["password"].text()
        if not typed and self.password_saved:
            return None
        return typed

    def connection(self) -> sw.Connection | None:
        """The connection chosen, or ``None`` with each bad field's message shown."""
        try:
            connection = sw.validate(self.values())
        except ValidationError as exc:
            messages = {
                "host": self.tr("Required: the name or address of the clinic server, without "
                                "spaces, slashes or @"),
                "port": self.tr("A port number between 1 and 65535 (PostgreSQL's is 5432)"),
                "database": self.tr("Required: the clinic's database on the server"),
                "user": self.tr("Required: the user the clinic's IT created for the app")}
            show_field_errors(self.errors, {k: messages.get(k, v) for k, v in exc.errors.items()})
            return None
        show_field_errors(self.errors, {})
        return connection

    def _show_result(self, ok: bool, text: str) -> None:
        self.result.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self.result.setText(text)
        self.result.show()
        window = self.window()  # room for the whole message: the window grows if need be
        window.layout().activate() if window.layout() is not None else None
        needed = window.sizeHint().height()
        if window.isVisible() and needed > window.height():
            window.resize(window.width(), needed)

    def test(self) -> None:
        """Connect as this workstation would (in the background) and say what was found."""
        connection = self.connection()
        if connection is None or not connection.is_server:
            return
        password = self.password()
        if password is None:
            password = sw.load_password()
        self.testing = True
        self.test_button.setEnabled(False)
        self._show_result(True, self.tr("Connecting to {server}…").format(
            server=connection.label()))
        run_in_background(lambda: sw.try_connection(connection, password), self._tested,
                          self._failed)

    def _tested(self, found: sw.ProbeResult) -> None:
        self.testing = False
        self.test_button.setEnabled(True)
        if not found.ok:
            self._show_result(False, self.tr("Cannot connect: {why}").format(why=found.message))
        elif found.patients is None:
            self._show_result(True, self.tr(
                "Connected (PostgreSQL {version}). No clinic is set up on this database yet: "
                "the first workstation to start sets it up.").format(
                version=found.server_version.split(" ")[0]))
        else:
            self._show_result(True, self.tr(
                "Connected (PostgreSQL {version}): the clinic's records are there, %n "
                "patient(s).", "", found.patients).format(
                version=found.server_version.split(" ")[0]))
        self.tested.emit(found.ok)

    def _failed(self, exc: Exception) -> None:
        self.testing = False
        self.test_button.setEnabled(True)
        self._show_result(False, self.tr("Cannot connect: {why}").format(why=str(exc)))
        self.tested.emit(False)

    def save(self) -> sw.Connection | None:
        """Save the choice for this workstation; the connection saved, or ``None`` (the
        fields say what to correct)."""
        connection = self.connection()
        if connection is None:
            return None
        sw.save(connection, self.password() if connection.is_server else None)
        return connection


class WhereRecordsDialog(QDialog):
    """At a workstation's first start (or when its server cannot be reached): where are the
    records kept? ``target()`` is the server's address, or ``None`` for the file."""

    def __init__(self, connection: sw.Connection | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_NAME))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "A clinic with one computer keeps its records in a file on it. A clinic with a "
            "reception desk and treatment rooms keeps them on the clinic server, which every "
            "workstation uses at once; the clinic's IT gives you its details."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = ConnectionForm(connection, self)
        layout.addWidget(self.form, 1)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Continue"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("continue")
        buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.saved: sw.Connection | None = None

    def accept(self) -> None:
        connection = self.form.save()
        if connection is None:
            return
        self.saved = connection
        super().accept()

    def target(self) -> str | None:
        """The server's address with its password (``None``: the file on this computer)."""
        if self.saved is None or not self.saved.is_server:
            return None
        return self.saved.url(sw.load_password())
