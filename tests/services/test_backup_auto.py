"""The automatic backup on closing: once a day, two folders, thinning, never raising."""

from datetime import datetime, timedelta

import pytest

from rejuv_desktop.domain.retention import RetentionPolicy
from rejuv_desktop.services import backup as sb

pytestmark = pytest.mark.sqlite_file(
    "the automatic backup of the SQLite file on closing")


def day(d: int, h: int = 18, m: int = 0) -> datetime:
    return datetime(2026, 11, d, h, m)


def test_names_round_trip():
    assert sb.backup_name(day(22, 18, 5)) == "rejuv-20261122-180500.sqlite3"
    assert sb.parse_backup_name("rejuv-20261122-180500.sqlite3") == day(22, 18, 5)
    assert sb.parse_backup_name("rejuv-20261122-180500-3.sqlite3") == day(22, 18, 5)
    for other in ("rejuv-20261322-180500.sqlite3", "clinic.sqlite3", "rejuv-2026.sqlite3",
                  "rejuv-20261122-180500.sqlite3-wal", ".rejuv-copy-1.tmp"):
        assert sb.parse_backup_name(other) is None


def test_default_folder_is_beside_the_database(tmp_path):
    assert sb.default_backup_dir(tmp_path / "clinic.sqlite3") == tmp_path / "backups"


def test_at_most_once_a_day(filled_db):
    folder = sb.default_backup_dir(filled_db)
    first = sb.auto_backup(filled_db, day(22, 9))
    assert len(first.made) == 1 and first.made[0].path.parent == folder
    again = sb.auto_backup(filled_db, day(22, 18))
    assert again.made == [] and "today" in again.skipped
    assert sb.last_backup_at(folder) == day(22, 9)
    next_day = sb.auto_backup(filled_db, day(23, 8))
    assert len(next_day.made) == 1
    assert len(sb.list_backups(folder)) == 2
    assert sb.auto_backup(filled_db, day(23, 9), force=True).made


def test_copy_to_the_extra_folder_too(filled_db, tmp_path):
    usb = tmp_path / "usb"
    result = sb.auto_backup(filled_db, day(22), extra_dir=usb)
    assert [r.path.parent for r in result.made] == [sb.default_backup_dir(filled_db), usb]
    assert all(r.verified for r in result.made)
    assert not result.errors


def test_missing_extra_folder_never_stops_the_main_backup(filled_db, tmp_path):
    unplugged = tmp_path / "not-a-folder"
    unplugged.write_text("a file where the drive should be")
    result = sb.auto_backup(filled_db, day(22), extra_dir=unplugged / "backups")
    assert len(result.made) == 1
    assert result.errors and "cannot be used for backups" in result.errors[0]


def test_auto_backup_of_a_broken_database_reports_and_does_not_raise(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    db.write_text("damaged\n" * 100)
    result = sb.auto_backup(db, day(22))
    assert result.made == [] and result.errors


def test_thinning_in_the_folder(filled_db):
    """A month of closing every evening leaves 7 daily + 4 weekly files."""
    folder = sb.default_backup_dir(filled_db)
    start = datetime(2026, 11, 1, 18, 0)
    for i in range(30):
        sb.auto_backup(filled_db, start + timedelta(days=i))
    kept = sorted(b.created_at.day for b in sb.list_backups(folder))
    assert kept == [1, 8, 15, 22, 24, 25, 26, 27, 28, 29, 30]


def test_thinning_ignores_other_files_and_removes_same_second_duplicates(filled_db, tmp_path):
    folder = tmp_path / "b"
    a = sb.backup_now(filled_db, folder, day(22))
    b = sb.backup_now(filled_db, folder, day(22))
    mine = folder / "notes.txt"
    mine.write_text("the clinic's own file")
    deleted = sb.thin(folder, RetentionPolicy(daily=1, weekly=0, monthly=0))
    assert deleted == [a.path]
    assert b.path.exists() and mine.exists()
