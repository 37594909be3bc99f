"""The SQLite library is judged against the WAL-reset bug (3.7.0 to 3.51.2), and ``check`` says
when it is affected instead of reporting it OK."""

import pytest

from rejuv_desktop import cli
from rejuv_desktop.storage import sqlite_safety


@pytest.mark.parametrize("version, affected", [
    ("3.6.23", False),   # before WAL existed
    ("3.7.0", True),     # the first with WAL
    ("3.7.17", True),
    ("3.40.1", True),    # Debian 12's own
    ("3.45.1", True),
    ("3.51.2", True),    # the last affected
    ("3.51.3", False),   # the fix
    ("3.52.0", False),
    ("3.53.4", False),   # pysqlite3 0.6.1's
    ("4.0.0", False),
    ("3.51", True),      # 3.51.0
    ("3.51.3.1", False),
    ("", True),          # unreadable: never called safe
    ("three", True),
])
def test_affected_range(version, affected):
    assert sqlite_safety.wal_reset_affected(version) is affected


def test_parse_version():
    assert sqlite_safety.parse_version("3.51.2") == (3, 51, 2)
    assert sqlite_safety.parse_version("3.51") == (3, 51, 0)
    with pytest.raises(ValueError):
        sqlite_safety.parse_version("3.x")


def test_status_words_name_the_version_and_the_range():
    status = sqlite_safety.SqliteStatus("3.40.1", True)
    assert status.bug_range == "3.7.0 to 3.51.2"
    assert "3.40.1 is affected" in status.describe() and "3.7.0 to 3.51.2" in status.describe()
    assert sqlite_safety.SqliteStatus("3.53.4", False).describe() == "3.53.4"


def test_this_installation_runs_on_a_safe_sqlite():
    """Linux x86_64 has pysqlite3's wheel: the app runs on its SQLite, not the system's."""
    status = sqlite_safety.current_status()
    assert not status.affected, status.describe()


def _demo(tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert cli.main(["demo", "--db", str(db)]) == 0
    return db


def test_check_reports_an_affected_sqlite_as_bad(tmp_path, capsys, monkeypatch):
    db = _demo(tmp_path)
    capsys.readouterr()
    assert cli.main(["check", "--db", str(db)]) == 0
    assert any(line.startswith("OK") and "sqlite" in line
               for line in capsys.readouterr().out.splitlines())
    monkeypatch.setattr("rejuv_desktop.storage.db.sqlite_version", lambda: "3.40.1")
    assert cli.main(["check", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "sqlite" in x)
    assert line.startswith("BAD") and "3.40.1 is affected" in line and "WAL-reset" in line
