"""Backups in the app: File menu actions, the backup made on closing, the start-up recovery,
and the patient export.

The services do the work on paths with their own connections, so a backup or an export runs on
a worker thread while the window stays usable; a restore closes the app's connection first and
then asks the practitioner to reopen the app on the restored records.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFileDialog,
                               QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox,
                               QProgressDialog, QPushButton, QVBoxLayout, QWidget)

from rejuv_desktop import APP_NAME
from rejuv_desktop.errors import UserError
from rejuv_desktop.services import backup as sb
from rejuv_desktop.services import settings as sset
from rejuv_desktop.ui.errors import excepthook, show_user_error
from rejuv_desktop.ui.tasks import run_in_background
from rejuv_desktop.ui.i18n import Context, Menus, fmt_datetime

log = logging.getLogger(__name__)
EXTRA_DIR_KEY = "backup_extra_dir"


class Backup(Context):
    """The context of this module's words in the catalogues."""


# What a file found at start is, as the restore service names it, marked for translation.
FOUND_KINDS = (QT_TRANSLATE_NOOP("Backup", "set aside before a restore"),
               QT_TRANSLATE_NOOP("Backup", "damaged, set aside at a start"),
               QT_TRANSLATE_NOOP("Backup", "a restore's temporary copy"),
               QT_TRANSLATE_NOOP("Backup", "the newest backup"))


def _when(stamp: datetime | None) -> str:
    return fmt_datetime(stamp) if stamp else Backup.tr("unknown time")


def _local_now(store) -> datetime:
    """The store's clock as wall time (backup names are in the time a person reads)."""
    return store.clock().replace(tzinfo=None)


class BackupDialog(QDialog):
    """Where automatic backups go, the last one made, and an optional second folder (a USB
    drive). (Its class name is the key of its help page.)"""

    def __init__(self, db_path: Path, extra_dir: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Backup folder"))
        self.setMinimumWidth(560)
        main_dir = sb.default_backup_dir(db_path)
        last = sb.list_backups(main_dir)
        layout = QVBoxLayout(self)
        about = QLabel(self.tr(
            "A backup is made when {app} closes, once a day, and checked before it is kept. "
            "Old backups are thinned: one for each of the last 7 days, 4 weeks and 12 months "
            "is kept.").format(app=APP_NAME))
        about.setWordWrap(True)
        layout.addWidget(about)
        where = QLabel(self.tr("<b>Backups are saved in:</b><br>{dir}").format(dir=main_dir))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        layout.addWidget(where)
        self.last_label = QLabel(
            self.tr("Last backup: {when} ({size})").format(when=_when(last[0].created_at),
                                                         size=sb.human_size(last[0].size))
            if last else self.tr("No backup has been made yet."))
        layout.addWidget(self.last_label)
        layout.addWidget(QLabel(self.tr(
            "<b>Also copy each backup to</b> (for example a USB drive kept off site):")))
        row = QHBoxLayout()
        self.extra = QLineEdit(extra_dir or "")
        self.extra.setObjectName("extra_dir")
        self.extra.setReadOnly(True)
        self.extra.setPlaceholderText(self.tr("No second folder"))
        choose = QPushButton(self.tr("Choose…"))
        choose.setObjectName("choose_extra")
        choose.clicked.connect(self.choose)
        clear = QPushButton(self.tr("Clear"))
        clear.setObjectName("clear_extra")
        clear.clicked.connect(self.extra.clear)
        row.addWidget(self.extra, 1)
        row.addWidget(choose)
        row.addWidget(clear)
        layout.addLayout(row)
        note = QLabel(self.tr("If that folder is missing when the app closes (drive unplugged), "
                              "the backup is still saved in the folder above."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Second backup folder"),
                                                  self.extra.text() or str(Path.home()))
        if folder:
            self.extra.setText(folder)

    def value(self) -> str:
        return self.extra.text().strip()


class BackupFeature(QObject):
    """The backup and export actions of one main window, and its backup on closing."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("backup_feature")
        self.window = window
        self.store = window.store
        # After a restore the open connection is gone and the next start must not back up
        # over the restored file's history at once.
        self.auto_backup_enabled = True
        self.last_result = None

    # common -------------------------------------------------------------------------------
    @property
    def db_path(self) -> Path | None:
        return Path(self.store.path) if self.store.path else None

    def _extra_dir(self) -> str | None:
        return sset.get_settings(self.store).get(EXTRA_DIR_KEY) or None

    def _progress(self, text: str) -> QProgressDialog:
        dialog = QProgressDialog(text, "", 0, 0, self.window)
        dialog.setObjectName("backup_progress")
        dialog.setWindowTitle(APP_NAME)
        dialog.setCancelButton(None)  # an online backup cannot be stopped half-way safely
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        return dialog

    def _run(self, text: str, work, done) -> None:
        progress = self._progress(text)

        def finished(result):
            progress.close()
            done(result)

        def failed(exc):
            progress.close()
            if isinstance(exc, UserError):
                show_user_error(self.window, exc, self.tr("Not done"))
            else:
                excepthook(type(exc), exc, exc.__traceback__)

        run_in_background(work, finished, failed)

    def _no_file(self) -> bool:
        from rejuv_desktop.services.database import on_server

        if on_server(self.store):
            QMessageBox.information(self.window, APP_NAME, self.tr(
                "<p>The records are on the clinic server, shared by every workstation.</p>"
                "<p>Backing up, restoring and the backup folder are for the records of a "
                "single workstation, kept in a file on it. The clinic server is backed up by "
                "the clinic's IT with <i>rejuv-desktop server backup</i>, which keeps each "
                "backup only once it was restored into a scratch database and found "
                "whole.</p>"))
            return True
        if self.db_path is None:
            QMessageBox.information(self.window, APP_NAME, self.tr(
                "This database is kept in memory only: there is no file to back up."))
            return True
        return False

    # back up now ----------------------------------------------------------------------------
    def backup_now(self) -> None:
        """Ask for a folder (the automatic folder by default) and back up into it."""
        if self._no_file():
            return
        default = sb.default_backup_dir(self.db_path)
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Back up to folder"),
                                                  str(default))
        if not folder:
            return
        db_path, now = self.db_path, _local_now(self.store)
        self._run(self.tr("Backing up the database…"),
                  lambda: sb.backup_now(db_path, Path(folder), now), self._backup_done)

    def _backup_done(self, result: sb.BackupResult) -> None:
        self.last_result = result
        patients = result.counts.get("patients")
        QMessageBox.information(self.window, self.tr("Backup saved"), self.tr(
            "<p>The backup is saved as:<br><b>{path}</b></p><p>Size: {size}. It was checked "
            "after writing (SQLite integrity check: sound){patients}.</p>").format(
            path=result.path, size=sb.human_size(result.size),
            patients=self.tr("; it holds %n patients", "", patients)
            if patients is not None else ""))
        self.window.statusBar().showMessage(self.tr("Backup saved: {name}").format(
            name=result.path.name), 8000)

    # restore ------------------------------------------------------------------------------
    def restore(self) -> None:
        """Choose a backup, confirm, restore it, then close so the app reopens on it."""
        if self._no_file():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Restore from backup"), str(sb.default_backup_dir(self.db_path)),
            self.tr("Rejuv Desktop backups (*.sqlite3);;All files (*)"))
        if not path:
            return
        try:
            info = sb.check_backup(Path(path))
        except UserError as exc:
            show_user_error(self.window, exc, self.tr("Cannot restore this file"))
            return
        taken = sb.parse_backup_name(Path(path).name)
        force = info.manifest is None
        if force and not confirm_unverified(Path(path), self.window):
            return
        answer = QMessageBox.warning(
            self.window, self.tr("Restore from backup"), self.tr(
                "<p><b>Replace the records in {app} with this backup?</b></p>"
                "<p>Backup: {name}<br>Made: {when}<br>Patients: {patients}</p>"
                "<p>Anything recorded after that backup was made will no longer be shown. "
                "The database in use now is not deleted: it is kept beside it, unchanged, "
                "so it can be brought back.</p>"
                "<p>{app} will close when the restore is done; open it again to carry on.</p>"
            ).format(app=APP_NAME, name=Path(path).name, when=_when(taken),
                     patients=info.counts.get("patients", "?")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.auto_backup_enabled = False
        db_path, now = self.db_path, _local_now(self.store)
        self.store.close()  # nothing may hold the file while it is replaced
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = sb.restore(db_path, Path(path), now, force=force)
        except Exception as exc:  # noqa: BLE001 - shown; the current database stays in place
            QGuiApplication.restoreOverrideCursor()
            log.warning("restore failed: %s", type(exc).__name__)
            QMessageBox.critical(self.window, self.tr("Restore not done"), self.tr(
                "<p>The restore did not happen: {error}</p><p>Your database is unchanged. "
                "{app} will now close; open it again to carry on.</p>").format(
                error=exc, app=APP_NAME))
        else:
            QGuiApplication.restoreOverrideCursor()
            self.last_result = result
            kept = "<br>".join(str(p) for p in result.moved_aside[:1]) or self.tr("(none)")
            photos = ""
            if result.photos_copied:
                photos += self.tr("<p>%n photograph(s) missing beside the database were "
                                  "brought back from the backup folder.</p>", "",
                                  result.photos_copied)
            if result.photos_lacking:
                photos += self.tr("<p><b>%n photograph(s) the restored records name are "
                                  "neither beside the database nor in the backup folder.</b> "
                                  "The command 'rejuv-desktop check' names them.</p>", "",
                                  result.photos_lacking)
            QMessageBox.information(self.window, self.tr("Backup restored"), self.tr(
                "<p>The records are restored from the backup made {when}.</p>"
                "<p>The database you had is kept, unchanged, as:<br>{kept}</p>{photos}"
                "<p>{app} will now close. Open it again to carry on with the restored "
                "records.</p>").format(when=_when(result.backup_taken_at), kept=kept,
                                       photos=photos, app=APP_NAME))
        self._close_app()

    def _close_app(self) -> None:
        if not self.window.close():
            QApplication.quit()

    # backup folder ------------------------------------------------------------------------
    def choose_folder(self) -> None:
        """Show the automatic backup folder and set or clear the second folder."""
        if self._no_file():
            return
        dialog = BackupDialog(self.db_path, self._extra_dir(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            sset.save_settings(self.store, {EXTRA_DIR_KEY: dialog.value()})
        except UserError as exc:
            show_user_error(self.window, exc, self.tr("Not saved"))
            return
        self.window.statusBar().showMessage(
            self.tr("Backups will also be copied to {dir}").format(dir=dialog.value())
            if dialog.value() else self.tr("Backups are saved in the automatic folder only."),
            8000)

    # export -------------------------------------------------------------------------------
    def export_patient(self) -> None:
        """Export the selected patient's records (JSON and PDFs) into a chosen folder."""
        patient_id = self.window.record.patient_id
        if patient_id is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Export patient records to folder"), str(Path.home()))
        if not folder:
            return
        path, clock = self.store.path, self.store.clock

        def work():
            from rejuv_desktop.services.export import export_patient
            from rejuv_desktop.services.database import open_database

            # A connection of its own: the window's belongs to the GUI thread.
            store = open_database(path, clock=clock, migrate=False)
            try:
                return export_patient(store, patient_id, Path(folder))
            finally:
                store.close()

        if path is None:  # in memory: only the window's connection can see it
            from rejuv_desktop.services.export import export_patient
            try:
                self._export_done(export_patient(self.store, patient_id, Path(folder)))
            except UserError as exc:
                show_user_error(self.window, exc, self.tr("Not exported"))
            return
        self._run(self.tr("Exporting the patient's records…"), work, self._export_done)

    def _export_done(self, result) -> None:
        self.last_result = result
        rows = sum(n for t, n in result.counts.items() if t != "audit_log")
        QMessageBox.information(self.window, self.tr("Patient records exported"), self.tr(
            "<p>Exported to:<br><b>{folder}</b></p><p>{rows} records, {docs} documents (PDF) "
            "and {audit} audit entries. <i>records.json</i> holds the records; "
            "<i>manifest.json</i> lists every file with its SHA-256.</p>"
            "<p>The folder holds health data: keep it safe and hand it over securely.</p>"
        ).format(folder=result.folder, rows=rows, docs=result.documents,
                 audit=result.counts.get("audit_log", 0)))

    # audit evidence -------------------------------------------------------------------------
    def enter_recovery_code(self) -> None:
        """On another computer: take the clinic's recovery code so the audit trail it sealed
        can be verified here."""
        if self._no_file():
            return
        from rejuv_desktop.services.audit_keys import enter_recovery_code

        code, ok = QInputDialog.getText(
            self.window, self.tr("Clinic recovery code"), self.tr(
                "The recovery code shown when the clinic was set up (64 letters and digits; "
                "spaces and dashes do not matter):"), QLineEdit.EchoMode.Password)
        if not ok or not code.strip():
            return
        try:
            kid = enter_recovery_code(self.db_path, code)
        except UserError as exc:
            show_user_error(self.window, exc, self.tr("Recovery code not taken"))
            return
        if getattr(self.store, "audit_key_note", None):
            self.store.audit_key_note = None
            self.window.show_banner(None)
        QMessageBox.information(self.window, self.tr("Recovery code taken"), self.tr(
            "The clinic key {kid} is on this computer now: the audit trail it sealed can be "
            "verified here.").format(kid=kid))

    def show_audit_warnings(self) -> None:
        """Say at once when the database does not continue the witness of its audit trail
        (rows cut or the file swapped: the witness is left as evidence), or when its trail's
        key is not on this computer."""
        problem = getattr(self.store, "witness_problem", None)
        note = getattr(self.store, "audit_key_note", None)
        if problem:
            self.window.show_banner(self.tr(
                "The audit trail does not match its witness ({problem}). Records may have been "
                "changed outside {app}: ask the clinic's administrator to run 'rejuv-desktop "
                "check'.").format(problem=problem, app=APP_NAME))
        elif note:
            self.window.show_banner(self.tr(note))

    # on closing ---------------------------------------------------------------------------
    def backup_on_exit(self) -> None:
        """The daily automatic backup, run when the app quits. Never blocks closing: a
        problem is logged, not shown."""
        if not self.auto_backup_enabled or self.db_path is None:
            return
        try:
            result = sb.auto_backup(self.db_path, _local_now(self.store),
                                    extra_dir=self._extra_dir())
            self.last_result = result
            for error in result.errors:
                log.warning("automatic backup problem: %s", error.split(":")[0])
        except Exception as exc:  # noqa: BLE001 - see docstring
            log.warning("automatic backup failed: %s", type(exc).__name__)


def install(window) -> None:
    """Add Back up now, Restore and Backup folder to the File menu, Export to the Patient
    menu, and the daily backup when the app quits."""
    feature = BackupFeature(window)
    window.backup_feature = feature  # a handle for scripts and tests; features use the hooks
    for rank, (text, name, slot) in enumerate((
            (Menus.tr("&Back up now…"), "backup_now", feature.backup_now),
            (Menus.tr("&Restore from backup…"), "restore_backup", feature.restore),
            (Menus.tr("Backup &folder…"), "backup_folder", feature.choose_folder),
            (Menus.tr("Enter the clinic's recovery &code…"), "recovery_code",
             feature.enter_recovery_code)), start=200):
        window.add_action("file", text, slot, rank, name=name)
    window.add_separator("file", 290)
    feature.export_action = window.add_action(
        "patient", Menus.tr("E&xport patient records…"), feature.export_patient, 90,
        name="export_patient", needs_patient=True)
    # Tied to the feature object, so the connection ends with the window.
    QApplication.instance().aboutToQuit.connect(feature.backup_on_exit)
    # Once the window is built (its own start-up checks set the banner first).
    QTimer.singleShot(0, feature, feature.show_audit_warnings)


def confirm_unverified(path: Path, parent: QWidget | None = None) -> bool:
    """A backup without a manifest cannot be verified: restore it only on an explicit yes."""
    box = QMessageBox(QMessageBox.Icon.Warning, Backup.tr("Backup cannot be verified"), Backup.tr(
        "<p><b>{name} has no manifest, so it cannot be verified.</b></p>"
        "<p>Backups made by this version carry a manifest with their checksum and the end of "
        "their audit trail; this one was made by an older version, or copied without it. If it "
        "was altered, the change would not be seen.</p>"
        "<p>Restore it only if you trust where it came from.</p>").format(name=path.name),
        parent=parent)
    box.setObjectName("unverified_backup")
    go = box.addButton(Backup.tr("Restore it anyway"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


# start-up -----------------------------------------------------------------------------------
def ask_after_damage(check: sb.StartupCheck, parent: QWidget | None = None) -> str:
    """Tell what happened to a damaged database and ask what to do: ``"restore"`` (the newest
    good backup), ``"choose"`` (another backup file), ``"empty"`` or ``"quit"``."""
    moved = check.moved_aside[0] if check.moved_aside else None
    backup = check.newest_good_backup
    text = Backup.tr(
        "<p><b>The database could not be read: it is damaged.</b></p>"
        "<p>SQLite reported: {problem}</p>"
        "<p>The damaged file has been moved aside, with its journal files, to:<br>{moved}<br>"
        "Nothing has been deleted.</p>").format(problem=check.message, moved=moved)
    if backup:
        text += Backup.tr("<p>The newest backup that passes its check was made <b>{when}</b>. "
                    "Anything recorded after that time will not be in it.</p>").format(
            when=_when(backup.created_at))
    else:
        text += Backup.tr("<p>No backup that passes its check was found in the backup folder.</p>")
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text, parent=parent)
    box.setObjectName("damaged_database")
    choices = [("restore", Backup.tr("Restore this backup"), QMessageBox.ButtonRole.AcceptRole)] \
        if backup else []
    choices += [("choose", Backup.tr("Choose a backup file…"), QMessageBox.ButtonRole.ActionRole),
                ("empty", Backup.tr("Start with an empty database"),
                 QMessageBox.ButtonRole.DestructiveRole)]
    return _ask(box, choices, default="restore")


def recover_at_start(db_path: Path) -> bool:
    """Run the start-up check; when the database is damaged, offer a backup. True to go on
    opening the database (sound, restored, or a new empty one), False to quit."""
    check = sb.startup_check(db_path)
    if check.ok:
        return True
    while True:
        choice = ask_after_damage(check)
        if choice == "quit":
            return False
        if choice == "empty":
            return True
        if choice == "restore":
            backup = check.newest_good_backup.path
        else:
            chosen, _ = QFileDialog.getOpenFileName(
                None, Backup.tr("Restore from backup"), str(sb.default_backup_dir(db_path)),
                Backup.tr("Rejuv Desktop backups (*.sqlite3);;All files (*)"))
            if not chosen:
                continue
            backup = Path(chosen)
        try:
            try:
                result = sb.restore(db_path, backup)
            except sb.UnverifiedBackup:
                if not confirm_unverified(backup):
                    continue
                result = sb.restore(db_path, backup, force=True)
        except UserError as exc:
            QMessageBox.warning(None, APP_NAME, str(exc))
            continue
        QMessageBox.information(None, APP_NAME, Backup.tr(
            "The records are restored from the backup made {when}. Anything recorded after "
            "that time is not in it.").format(when=_when(result.backup_taken_at)))
        return True


def ask_found_at_start(found, parent: QWidget | None = None) -> str:
    """Say what was found where the database should be, and ask: ``"put_back"`` (the best
    usable file), ``"new"`` (start a new, empty clinic) or ``"quit"``."""
    best = found.usable[0] if found.usable else None
    items = "".join(
        f"<li><b>{c.path.name}</b>: {Backup.tr(c.kind)}, {fmt_datetime(c.modified)}; "
        + (Backup.tr("%n patient(s)", "", c.patients) if c.patients is not None else c.problem)
        + "</li>" for c in found.candidates)
    text = Backup.tr(
        "<p><b>There is no database where {app} keeps its records{empty}.</b></p>"
        "<p>{path}</p>").format(
        app=APP_NAME, path=found.db_path,
        empty=Backup.tr(" (the file there is empty)") if found.state == "empty" else "")
    if found.witnessed is not None:
        text += Backup.tr("<p>A database was there (its audit witness, beside it, had reached entry "
                    "{n}): it may have been moved or deleted.</p>").format(n=found.witnessed)
    if items:
        text += Backup.tr("<p>Found beside it:</p><ul>{items}</ul>").format(items=items)
    if best:
        text += Backup.tr("<p>Put back <b>{name}</b> to carry on with those records. Nothing is "
                    "deleted.</p>").format(name=best.path.name)
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, parent=parent)
    box.setObjectName("database_found_aside")
    box.setStyleSheet("QLabel { min-width: 480px; }")
    choices = [("put_back", Backup.tr("Put it back"), QMessageBox.ButtonRole.AcceptRole)] \
        if best else []
    choices += [("new", Backup.tr("Start a new, empty clinic"), QMessageBox.ButtonRole.DestructiveRole)]
    return _ask(box, choices, default="put_back")


def offer_found_at_start(db_path: Path) -> bool:
    """Before the database is opened (and so created): when it is missing or empty beside a
    file set aside or a restore's copy, say so and offer it. True to go on opening."""
    from rejuv_desktop.services import restore as sr

    found = sr.found_at_start(db_path)
    if found is None:
        sr.clean_leftovers(db_path)
        return True
    choice = ask_found_at_start(found)
    if choice == "quit":
        return False
    if choice == "new":
        sr.start_new(db_path)
        return True
    try:
        result = sr.put_back(db_path, found.usable[0].path)
    except UserError as exc:
        QMessageBox.warning(None, APP_NAME, str(exc))
        return False
    QMessageBox.information(None, APP_NAME, Backup.tr(
        "The records are back from {name} ({patients} patients).").format(
        name=result.restored_from.name, patients=result.counts.get("patients", "?")))
    return True


def _ask(box: QMessageBox, choices: list, default: str) -> str:
    """Show a start-up question with its choices (key, label, role) and "Quit" last; the key
    of the button pressed ("quit" when the box is closed). ``default`` when offered, else
    Quit, is the default button."""
    buttons = {key: box.addButton(label, role) for key, label, role in choices}
    buttons["quit"] = box.addButton(Backup.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(buttons.get(default, buttons["quit"]))
    box.exec()
    clicked = box.clickedButton()
    return next((k for k, b in buttons.items() if b is clicked), "quit")
