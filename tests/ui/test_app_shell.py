"""The application shell: one instance per database, errors shown and logged without names."""

import logging
import signal
import subprocess
import sys
import textwrap


from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.ui import errors as ui_errors
from rejuv_desktop.ui.app import acquire_lock
from rejuv_desktop.ui.patient_dialog import PatientDialog

HOLDER = textwrap.dedent("""
    import sys, time
    from rejuv_desktop.storage import writer_lock
    writer_lock.set_program("Rejuv Desktop")
    lock = writer_lock.acquire(sys.argv[1])
    print("locked", flush=True)
    time.sleep(60)
""")


def test_second_instance_is_refused_and_a_killed_ones_lock_is_taken_over(tmp_path, qapp):
    db = tmp_path / "clinic.sqlite3"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        refused = acquire_lock(db)
        assert isinstance(refused, str) and "open in Rejuv Desktop" in refused
        assert f"process {holder.pid}" in refused and "since " in refused
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        for _ in range(10):  # a killed holder's lock is taken over at once, every time
            lock = acquire_lock(db)
            assert not isinstance(lock, str), lock
            lock.release()
    finally:
        if holder.poll() is None:
            holder.kill()


def test_unexpected_error_shows_a_dialog_logs_no_names_and_the_app_goes_on(
        qtbot, store, patient_data, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(ui_errors.ErrorDialog, "exec", lambda self: shown.append(self.details))
    dialog = PatientDialog(store)
    qtbot.addWidget(dialog)
    for name in ("given_name", "family_name", "date_of_birth"):
        dialog.set_value(name, patient_data[name])

    def broken(*args, **kwargs):
        raise RuntimeError("storage exploded")

    monkeypatch.setattr(sp, "add_patient", broken)
    with caplog.at_level(logging.ERROR):
        dialog.save()
    assert len(shown) == 1 and "storage exploded" in shown[0]
    assert dialog.saved_id is None and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.values()["family_name"] == patient_data["family_name"]  # the form keeps it
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "unexpected error" in logged and patient_data["family_name"] not in logged
    monkeypatch.undo()
    dialog.save()  # the app still works: the same form now saves
    assert dialog.saved_id is not None


def test_storage_error_on_save_keeps_the_form(qtbot, store, patient_data, monkeypatch, no_modal):
    dialog = PatientDialog(store)
    qtbot.addWidget(dialog)
    for name in ("given_name", "family_name", "date_of_birth"):
        dialog.set_value(name, patient_data[name])
    monkeypatch.setattr(sp, "add_patient", lambda *a, **k: (_ for _ in ()).throw(
        StorageError("The disk is full. Nothing was saved; free some space and try again.")))
    dialog.save()
    assert any("disk is full" in text for _k, _t, text in no_modal)
    assert dialog.saved_id is None and dialog.values()["given_name"] == patient_data["given_name"]
    assert sp.count_patients(store) == 0
