"""Clinical photographs: what is stored is free of metadata, upright and content-addressed;
consent decides what may be taken and used; nothing is ever deleted."""

from __future__ import annotations

import io
import stat
from datetime import date, timedelta

import pytest
from PIL import Image

from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import photos as sph
from rejuv_desktop.services.photo_images import PhotoError
from rejuv_desktop.storage import photos as photos_repo
from tests.photo_images import SERIAL, camera_jpeg, png, scene

pytestmark = pytest.mark.sqlite_file(
    "photographs are files beside the SQLite file; a clinic server does not hold their files yet")


@pytest.fixture
def patient(store, patient_data):
    pid = sp.add_patient(store, patient_data).patient_id
    sph.record_clinical_consent(store, pid, True)
    return pid


def stored_file(store, photo) -> bytes:
    return photos_repo.file_path(sph.folder(store), photo.sha256).read_bytes()


def segments(data: bytes) -> list[int]:
    """The markers of a JPEG's segments up to its image data (APPn 0xE0-0xEF, COM 0xFE...)."""
    found, i = [], 2
    while i < len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        found.append(marker)
        if marker == 0xDA:
            break
        i += 2 + int.from_bytes(data[i + 2:i + 4], "big")
    return found


def assert_pixels_only(data: bytes) -> None:
    """No metadata segment at all, and nothing after the end of the image."""
    markers = segments(data)
    assert markers and markers[-1] == 0xDA
    assert not [m for m in markers if 0xE0 <= m <= 0xEF or m == 0xFE], [hex(m) for m in markers]
    assert data.endswith(b"\xff\xd9") and data.count(b"\xff\xd9") >= 1


def test_stored_file_is_upright_and_free_of_every_metadata_field(store, patient):
    source = camera_jpeg(scene(600, 400), orientation=6)
    done = sph.import_photo(store, patient, "both_dorsal", source)
    data = stored_file(store, done.photo)
    # Orientation 6 (turned 90° clockwise): the stored pixels are upright, portrait.
    image = Image.open(io.BytesIO(data))
    assert (image.width, image.height) == (400, 600) == (done.photo.width, done.photo.height)
    assert image.getexif() == {} and not image.getexif().get_ifd(0x8825)
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert "comment" not in image.info and "xmp" not in image.info
    # Not a trace left in the bytes: serial number, maker notes, GPS, camera, comment.
    for needle in (SERIAL.encode(), b"Exif", b"MAKERNOTE", b"Canon", b"EOS R5", b"Jane Doe",
                   b"GPS", b"http://ns.adobe.com"):
        assert needle not in data
    # The time it was taken was read from the camera before the metadata went.
    assert done.photo.taken_at.startswith("2026-11-20T09:15:00")
    assert done.re_encoded
    assert_pixels_only(data)


def test_upright_jpeg_keeps_its_image_data_and_loses_its_metadata(store, patient):
    # A phone may append its own data after the end of the image (a trailer with the serial).
    source = camera_jpeg(scene(640, 480), orientation=1) + b"TRAILER " + SERIAL.encode()
    done = sph.import_photo(store, patient, "left_dorsal", source)
    data = stored_file(store, done.photo)
    assert not done.re_encoded
    assert SERIAL.encode() not in data and b"Exif" not in data and b"Jane Doe" not in data
    assert_pixels_only(data)
    original = Image.open(io.BytesIO(source)).convert("RGB").tobytes()
    assert Image.open(io.BytesIO(data)).convert("RGB").tobytes() == original  # no loss


def test_file_is_named_by_its_hash_private_and_the_row_is_small(store, patient, db_path):
    def used() -> int:  # bytes of the pages in use, whatever the free list holds
        pages = store.scalar("PRAGMA page_count") - store.scalar("PRAGMA freelist_count")
        return pages * store.scalar("PRAGMA page_size")

    sph.import_photo(store, patient, "palms", png())  # the first row sets up the pages
    size_before = used()
    photos = [sph.import_photo(store, patient, "both_dorsal", camera_jpeg(scene(seed=i)))
              for i in range(40)]
    path = photos_repo.file_path(sph.folder(store), photos[0].photo.sha256)
    assert path.name == photos[0].photo.sha256 + ".jpg"
    assert photos_repo.sha256_file(path) == photos[0].photo.sha256
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.parent.parent == db_path.with_name(db_path.name + ".photos")
    grown = used() - size_before
    # About 1 KB per photo (measured 1.1 KB: row, two hash indexes, audit row).
    assert grown <= 40 * 1280, grown


def test_same_photo_twice_for_a_patient_is_refused(store, patient, patient_data):
    source = camera_jpeg()
    first = sph.import_photo(store, patient, "both_dorsal", source)
    with pytest.raises(PhotoError) as caught:
        sph.import_photo(store, patient, "left_dorsal", source)
    assert caught.value.code == "duplicate" and caught.value.params["photo_id"] == first.photo.id
    # The same pixels re-saved with other metadata are the same stored photo: refused too.
    with pytest.raises(PhotoError, match="already"):
        sph.import_photo(store, patient, "both_dorsal", camera_jpeg(serial="OTHER"))
    # Another patient may have it (two records, one file).
    other = sp.add_patient(store, {**patient_data, "given_name": "Ann"}).patient_id
    sph.record_clinical_consent(store, other, True)
    again = sph.import_photo(store, other, "both_dorsal", source)
    assert again.photo.sha256 == first.photo.sha256
    assert len(sph.photos_of(store, patient)) == 1


def test_png_and_bad_files(store, patient):
    done = sph.import_photo(store, patient, "palms", png(scene(300, 200)))
    assert Image.open(io.BytesIO(stored_file(store, done.photo))).format == "JPEG"
    with pytest.raises(PhotoError) as caught:
        sph.import_photo(store, patient, "palms", b"not an image at all")
    assert caught.value.code == "not_an_image"
    with pytest.raises(PhotoError) as caught:
        sph.import_photo(store, patient, "elbow", png())
    assert caught.value.code == "unknown_view"
    assert len(sph.photos_of(store, patient)) == 1


def test_no_photo_without_consent_and_refusal_is_recorded(store, patient_data):
    pid = sp.add_patient(store, patient_data).patient_id
    with pytest.raises(PhotoError) as caught:
        sph.import_photo(store, pid, "both_dorsal", camera_jpeg())
    assert caught.value.code == "no_clinical_consent"
    assert caught.value.params["reason"] == "not_asked"
    sph.record_clinical_consent(store, pid, False, "Does not want photographs")
    assert sph.clinical_consent(store, pid).reason == "refused"
    with pytest.raises(PhotoError):
        sph.import_photo(store, pid, "both_dorsal", camera_jpeg())
    assert sph.photos_of(store, pid) == []
    assert not list(sph.folder(store).rglob("*.jpg"))


def test_withdrawal_blocks_every_later_use(store, patient, clock, tmp_path):
    photo = sph.import_photo(store, patient, "both_dorsal", camera_jpeg()).photo
    consent = sph.grant_use(store, photo.id, "teaching", date(2027, 6, 1))
    assert sph.use_consent(store, photo.id, "teaching").allowed
    assert not sph.use_consent(store, photo.id, "marketing").allowed
    clock.advance(days=1)
    sph.withdraw(store, consent, "Changed her mind")
    state = sph.use_consent(store, photo.id, "teaching")
    assert (state.allowed, state.reason) == (False, "withdrawn")
    with pytest.raises(PhotoError) as caught:
        sph.export_for_use(store, [photo.id], "teaching", tmp_path / "out")
    assert caught.value.code == "no_use_consent"
    assert not (tmp_path / "out").exists()
    # Withdrawing consent to the clinical record stops any new photograph being taken.
    clinical = [c for c in sph.consents(store, patient) if c["use"] == "clinical_record"][0]
    sph.withdraw(store, clinical["id"], "Withdrew consent to photographs")
    with pytest.raises(PhotoError, match="consent"):
        sph.import_photo(store, patient, "left_dorsal", png())
    with pytest.raises(Exception):  # the row of a withdrawal never changes afterwards
        with store.write():
            store.conn.execute("UPDATE photo_consents SET withdrawn_at = NULL WHERE id = ?",
                               (consent,))


def test_consent_expires(store, patient, clock):
    photo = sph.import_photo(store, patient, "both_dorsal", camera_jpeg()).photo
    sph.grant_use(store, photo.id, "marketing", clock().date() + timedelta(days=30))
    assert sph.use_consent(store, photo.id, "marketing").allowed
    clock.advance(days=31)
    assert sph.use_consent(store, photo.id, "marketing").reason == "expired"


def test_teaching_export_is_anonymous(store, patient, tmp_path, patient_data):
    photo = sph.import_photo(store, patient, "both_dorsal", camera_jpeg()).photo
    other = sph.import_photo(store, patient, "left_dorsal", png()).photo
    sph.grant_use(store, photo.id, "teaching", None)
    with pytest.raises(PhotoError) as caught:  # one without consent: nothing written
        sph.export_for_use(store, [photo.id, other.id], "teaching", tmp_path / "out")
    assert [pid for pid, _ in caught.value.params["refused"]] == [other.id]
    assert not (tmp_path / "out").exists()
    result = sph.export_for_use(store, [photo.id], "teaching", tmp_path / "out")
    [copy] = result.files
    data = copy.read_bytes()
    names = (patient_data["given_name"], "Zoe", "Łukasiewicz", str(patient))
    assert not any(n.lower() in str(copy.relative_to(tmp_path)).lower() for n in names[:3])
    assert all(n.encode() not in data for n in names[:3])
    image = Image.open(io.BytesIO(data))
    assert image.getexif() == {} and "comment" not in image.info
    assert_pixels_only(data)


def test_photos_are_archived_never_deleted(store, patient):
    photo = sph.import_photo(store, patient, "both_dorsal", camera_jpeg()).photo
    with pytest.raises(PhotoError):
        sph.archive(store, photo.id, "  ")
    sph.archive(store, photo.id, "Blurred")
    assert sph.photos_of(store, patient) == []
    [kept] = sph.photos_of(store, patient, include_archived=True)
    assert kept.archive_reason == "Blurred"
    with pytest.raises(Exception, match="never deleted"), store.write():
        store.conn.execute("DELETE FROM photos WHERE id = ?", (photo.id,))
    with pytest.raises(Exception, match="never changes"), store.write():
        store.conn.execute("UPDATE photos SET view = 'palms' WHERE id = ?", (photo.id,))
    assert photos_repo.file_path(sph.folder(store), photo.sha256).is_file()


def test_check_reports_missing_and_altered_files(store, patient, db_path):
    from rejuv_desktop.services.check import check_path

    a = sph.import_photo(store, patient, "both_dorsal", camera_jpeg()).photo
    b = sph.import_photo(store, patient, "left_dorsal", png()).photo
    c = sph.import_photo(store, patient, "right_dorsal", camera_jpeg(scene(seed=3))).photo
    assert dict((n, ok) for n, ok, _ in check_path(db_path).lines)["photographs"]
    where = sph.folder(store)
    photos_repo.file_path(where, a.sha256).unlink()
    path = photos_repo.file_path(where, b.sha256)
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    lines = {n: (ok, detail) for n, ok, detail in check_path(db_path).lines}
    ok, detail = lines["photographs"]
    assert not ok
    assert f"1 missing (photo {a.id})" in detail and "1 altered" in detail and str(b.id) in detail
    assert str(c.id) not in detail
    with pytest.raises(StorageError, match="altered"):
        sph.image_bytes(store, b.id)


def test_backup_copies_only_the_photos_it_lacks_and_restore_brings_them(store, patient, db_path,
                                                                         tmp_path):
    from datetime import datetime

    from rejuv_desktop.services import backup as sb

    sph.import_photo(store, patient, "both_dorsal", camera_jpeg())
    dest = tmp_path / "usb"
    first = sb.backup_now(db_path, dest, datetime(2026, 11, 22, 10, 0))
    assert first.photos_copied == 1
    b = sph.import_photo(store, patient, "left_dorsal", png()).photo
    second = sb.backup_now(db_path, dest, datetime(2026, 11, 22, 11, 0))
    assert second.photos_copied == 1  # only the new one
    assert len(list((dest / "photos").rglob("*.jpg"))) == 2
    # The clinic's photo folder is lost; the restore brings the photographs back.
    store.close()
    import shutil

    shutil.rmtree(photos_repo.folder_of(db_path))
    result = sb.restore(db_path, second.path, datetime(2026, 11, 22, 12, 0))
    assert result.photos_copied == 2 and result.photos_lacking == 0
    assert photos_repo.file_state(photos_repo.folder_of(db_path), b.sha256) == "ok"


def test_patient_export_brings_the_photographs(store, patient, tmp_path):
    import json

    from rejuv_desktop.services.export import export_patient

    photo = sph.import_photo(store, patient, "both_dorsal", camera_jpeg()).photo
    result = export_patient(store, patient, tmp_path)
    records = json.loads(result.records_file.read_text())
    [row] = records["tables"]["photos"]
    assert photos_repo.sha256_file(result.folder / row["file"]) == photo.sha256
    assert any(f["path"] == row["file"] for f in result.files)


def test_pairs_and_alignment_of_a_view_at_two_dates(store, patient, clock):
    early = sph.import_photo(store, patient, "both_dorsal", png(scene(480, 320)),
                             taken_at=clock()).photo
    clock.advance(days=90)
    late = sph.import_photo(store, patient, "both_dorsal",
                            png(scene(480, 320, dx=0.06, dy=-0.04, scale=1.05, seed=1)),
                            taken_at=clock()).photo
    [(a, b)] = sph.pairs(store, patient)
    assert (a.id, b.id) == (early.id, late.id)
    found = sph.align(store, a.id, b.id)
    # The later photo is moved back by the shift it was taken with (centre-based), and shrunk.
    cx = found.dx + (found.scale - 1) / 2
    cy = found.dy + (found.scale - 1) / 2
    assert abs(cx + 0.06) < 0.02 and abs(cy - 0.04) < 0.02
    assert abs(found.scale - 1 / 1.05) < 0.03


def test_summary_carries_before_and_after_downscaled(store, patient, clock):
    import io as _io

    from pypdf import PdfReader

    from rejuv_desktop.documents.context import PhotoPair
    from rejuv_desktop.services import documents as sd

    big = scene(3000, 2000)
    sph.import_photo(store, patient, "both_dorsal", camera_jpeg(big, orientation=1),
                     taken_at=clock())
    clock.advance(days=90)
    sph.import_photo(store, patient, "both_dorsal", camera_jpeg(scene(3000, 2000, seed=5),
                                                                orientation=1), taken_at=clock())
    sph.import_photo(store, patient, "palms", png())  # one day only: no pair
    [(a, b)] = sph.pairs(store, patient, sph.PRINTED_VIEWS)
    pair = PhotoPair(a.view, sph.image_bytes(store, a.id), a.day, sph.image_bytes(store, b.id),
                     b.day)
    printed = sd._for_print(_summary_ctx(pair)).photo_pairs[0]
    assert max(Image.open(_io.BytesIO(printed.before)).size) == sph.PRINT_SIDE
    rendered = sd.render_summary(_summary_ctx(printed))
    reader = PdfReader(_io.BytesIO(rendered.pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Photographs: before and after" in text and "Both hands, back, side by side" in text
    assert "22 November 2026" in text and "20 February 2027" in text
    assert sum(len(p.images) for p in reader.pages) == 2


def _summary_ctx(pair):
    from datetime import date as _date

    from rejuv_desktop.documents.context import (
        ClinicInfo,
        PatientInfo,
        PractitionerInfo,
        SummaryContext,
    )

    return SummaryContext(clinic=ClinicInfo("Clinic", "1 Street", "0100"),
                          patient=PatientInfo("Zoë Test", _date(1971, 3, 12)),
                          practitioner=PractitionerInfo("Claire Martin", "Dr", "GMC 1"),
                          issued_on=_date(2027, 2, 20), document_id="CS-1",
                          photo_pairs=[pair])


def test_heic_from_a_phone_is_taken_in_or_refused_clearly(store, patient, monkeypatch):
    from rejuv_desktop.services import photo_images

    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    scene(320, 200).save(out, "HEIF", quality=80)
    heic = out.getvalue()
    monkeypatch.setattr(photo_images, "HEIC_SUPPORTED", False)
    with pytest.raises(PhotoError) as caught:
        sph.import_photo(store, patient, "palms", heic)
    assert caught.value.code == "heic_unsupported" and "pillow-heif" in str(caught.value)
    monkeypatch.setattr(photo_images, "HEIC_SUPPORTED", True)
    done = sph.import_photo(store, patient, "palms", heic)
    assert Image.open(io.BytesIO(stored_file(store, done.photo))).format == "JPEG"


def test_progressive_jpeg_loses_a_comment_hidden_between_its_scans(store, patient):
    out = io.BytesIO()
    scene(640, 480).save(out, "JPEG", quality=88, progressive=True)
    plain = out.getvalue()
    second_scan = plain.index(b"\xff\xda", plain.index(b"\xff\xda") + 2)
    note = b"Serial " + SERIAL.encode()
    hidden = (plain[:second_scan] + b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note
              + plain[second_scan:])
    done = sph.import_photo(store, patient, "palms", hidden)
    data = stored_file(store, done.photo)
    assert not done.re_encoded and SERIAL.encode() not in data
    assert Image.open(io.BytesIO(data)).convert("RGB").tobytes() == \
        Image.open(io.BytesIO(plain)).convert("RGB").tobytes()
