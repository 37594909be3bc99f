"""``rejuv-desktop photo-import``: the same service as the app, signed in with ``--as``."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from rejuv_desktop import cli
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import photos as sph
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.storage import open_store
from tests.cli_login import login
from tests.photo_images import SERIAL, camera_jpeg, scene


@pytest.fixture
def clinic(db_path, clock, patient_data):
    s = open_store(db_path, clock=clock)
    admin = pr.create_practitioner(s, {"name": "Claire Martin", "title": "Dr"}, "correct horse")
    s.actor_id = admin
    patient = sp.add_patient(s, patient_data).patient_id
    s.close()
    return db_path, admin, patient


def test_photo_import_takes_files_in_for_a_patient(clinic, tmp_path, capsys):
    db, admin, patient = clinic
    files = []
    for n in range(2):
        path = tmp_path / f"IMG_{n}.JPG"
        path.write_bytes(camera_jpeg(scene(seed=n)))
        files.append(str(path))
    argv = ["photo-import", "--db", str(db), "--patient", str(patient), "--view",
            "both_dorsal", *files, *login(tmp_path, admin, "correct horse")]
    assert cli.main(argv) == 1  # no consent to photographs yet: nothing taken in
    assert "not consented" in capsys.readouterr().err
    s = open_store(db)
    s.actor_id = admin
    sph.record_clinical_consent(s, patient, True)
    s.close()
    assert cli.main(argv) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "2 of 2 photograph(s) imported." in out
    s = open_store(db)
    try:
        photos = sph.photos_of(s, patient)
        assert [p.source for p in photos] == ["command_line"] * 2
        assert {r["practitioner_id"] for r in s.query(
            "SELECT practitioner_id FROM audit_log WHERE table_name = 'photos'")} == {admin}
        data = sph.file_store(s).get(photos[0].sha256)
        assert SERIAL.encode() not in data
        assert Image.open(io.BytesIO(data)).size == (400, 600)  # turned upright
    finally:
        s.close()
    # Again: each file refused as already there; the exit status says something failed.
    assert cli.main(argv) == 1
    assert capsys.readouterr().err.count("already in the patient's record") == 2


def test_photo_import_refuses_an_unknown_view_or_someone_elses_session(clinic, tmp_path,
                                                                       capsys):
    db, admin, patient = clinic
    path = tmp_path / "a.jpg"
    path.write_bytes(camera_jpeg())
    base = ["photo-import", "--db", str(db), "--patient", str(patient), str(path),
            *login(tmp_path, admin, "correct horse")]
    s = open_store(db)
    s.actor_id = admin
    sph.record_clinical_consent(s, patient, True)
    s.close()
    assert cli.main([*base, "--view", "elbow"]) == 1
    assert "Unknown view 'elbow'" in capsys.readouterr().err
    assert cli.main([*base, "--view", "palms", "--session", "99"]) == 1
    assert "Session 99 is not this patient's" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # argparse: a session or a follow-up, not both
        cli.main([*base, "--view", "palms", "--session", "1", "--follow-up", "2"])
