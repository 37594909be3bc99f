"""Document numbers are taken inside the transaction that stores the document: two documents
never share a number, the number printed is the one stored, and a failed save takes none."""

import pytest

from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import documents as sd
from rejuv_desktop.storage import documents as documents_repo
from tests.services.test_documents import planned, text_of  # noqa: F401 - fixture

STEM = "CF-20261122-"  # the test clock's day


def _numbers(store, patient_id):
    return sorted(d["number"] for d in sd.documents_of(store, patient_id))


def test_two_documents_rendered_side_by_side_get_their_own_numbers(store, planned):  # noqa: F811
    # Both are rendered (as the window does, off its thread) before either is saved: both
    # were made when the same number was free.
    first = sd.consent_job(store, planned["plans"]["fat_transfer"])
    second = sd.consent_job(store, planned["plans"]["mesotherapy"])
    first_pdf, second_pdf = first.render(), second.render()

    a = first.finish(first_pdf)
    b = second.finish(second_pdf)

    assert (a.number, b.number) == (STEM + "0001", STEM + "0002")
    assert _numbers(store, planned["patient"]) == [a.number, b.number]
    printed_a = text_of(sd.pdf_bytes(store, a.id))
    printed_b = text_of(sd.pdf_bytes(store, b.id))
    assert a.number in printed_a and b.number not in printed_a
    assert b.number in printed_b and a.number not in printed_b  # rendered again, renumbered


def test_documents_issued_in_a_row_count_up(store, planned):  # noqa: F811
    numbers = [sd.issue_consent(store, planned["plans"]["fat_transfer"]).number,
               sd.issue_consent(store, planned["plans"]["mesotherapy"]).number,
               sd.issue_consent(store, planned["plans"]["fat_transfer"]).number]
    assert numbers == [STEM + "0001", STEM + "0002", STEM + "0003"]


def test_a_save_that_fails_takes_no_number(store, planned, monkeypatch):  # noqa: F811
    insert = documents_repo.insert

    def disk_full(store, row):
        insert(store, row)  # the row is written, then the transaction fails
        raise StorageError("The disk is full. Nothing was saved; free some space and try again.")

    pending = sd.consent_job(store, planned["plans"]["mesotherapy"])
    monkeypatch.setattr(documents_repo, "insert", disk_full)
    with pytest.raises(StorageError, match="disk is full"):
        sd.issue_consent(store, planned["plans"]["fat_transfer"])
    monkeypatch.setattr(documents_repo, "insert", insert)

    assert _numbers(store, planned["patient"]) == []
    kept = pending.run()  # made before the failure, with the number the failure did not take
    again = sd.issue_consent(store, planned["plans"]["fat_transfer"])
    assert (kept.number, again.number) == (STEM + "0001", STEM + "0002")
    assert _numbers(store, planned["patient"]) == [STEM + "0001", STEM + "0002"]
