import subprocess
import sys
from pathlib import Path

import pytest

from rejuv_desktop.errors import UserError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services.importer import import_patients

SYNTHEA = Path(__file__).resolve().parents[3] / "shared" / "data" / "synthea-uk-patients.csv"

GOOD = ("given_name,family_name,date_of_birth,phone\n"
        "Zoë,Łukasiewicz,12/03/1971,07700 900123\n"
        "Анна,Смирнова,1962-02-02,\n")


def write(tmp_path, text, bom=False) -> Path:
    path = tmp_path / "in.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_import_with_and_without_bom(store, tmp_path, bom):
    result = import_patients(store, write(tmp_path, GOOD, bom))
    assert result.imported == 2 and not result.problems
    assert sp.search_patients(store, "zoe")[0]["family_name"] == "Łukasiewicz"


def test_bad_row_named_by_line_and_nothing_imported(store, tmp_path):
    text = GOOD + "Jan,,01/01/1970,\nAnn,Lee,31/02/1970,\n"
    result = import_patients(store, write(tmp_path, text))
    assert result.imported == 0
    assert [(p.line, "family name" in p.message) for p in result.problems][0] == (4, True)
    assert result.problems[1].line == 5 and "does not exist" in result.problems[1].message
    assert sp.count_patients(store) == 0


def test_skip_invalid_imports_the_good_rows(store, tmp_path):
    text = GOOD + "Jan,,01/01/1970,\n"
    result = import_patients(store, write(tmp_path, text), skip_invalid=True)
    assert result.imported == 2 and [p.line for p in result.problems] == [4]
    assert sp.count_patients(store) == 2


def test_unknown_column_is_an_error(store, tmp_path):
    with pytest.raises(UserError, match="Unknown column.*shoe_size"):
        import_patients(store, write(tmp_path, "given_name,family_name,date_of_birth,shoe_size\n"
                                               "A,B,01/01/1970,38\n"))


def test_not_utf8_is_refused_clearly(store, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("given_name,family_name,date_of_birth\nZoë,A,01/01/1970\n".encode("latin-1"))
    with pytest.raises(UserError, match="not UTF-8"):
        import_patients(store, path)


def test_quoted_newlines_and_commas_survive(store, tmp_path):
    text = 'given_name,family_name,date_of_birth,notes\nA,"O\'Brien, Jr",01/01/1970,"line1\nline2"\n'
    import_patients(store, write(tmp_path, text))
    row = sp.get_patient(store, sp.search_patients(store, "brien")[0]["id"])
    assert row["family_name"] == "O'Brien, Jr" and row["notes"] == "line1\nline2"


@pytest.mark.skipif(not SYNTHEA.exists(), reason="shared test data not present")
def test_synthea_export_imports_living_patients(store):
    result = import_patients(store, SYNTHEA, fmt="synthea")
    assert not result.problems
    assert result.imported + len(result.skipped) == 543
    assert all("deceased" in p.message for p in result.skipped)
    assert "SSN" in result.ignored_columns
    first = sp.search_patients(store, "VonRueden")[0]
    assert first["given_name"] == "Marcell"  # Synthea's numeric suffix removed


def test_cli_import_all_or_nothing_exit_codes(tmp_path, clock):
    from rejuv_desktop.services import practitioners as pr
    from rejuv_desktop.storage import open_store
    from tests.cli_login import login

    db = tmp_path / "c.sqlite3"
    s = open_store(db, clock=clock)
    pr.create_practitioner(s, {"name": "Claire Martin"}, "correct horse")
    s.close()
    bad = write(tmp_path, GOOD + "Jan,,01/01/1970,\n")
    run = subprocess.run([sys.executable, "-m", "rejuv_desktop", "import-patients", "--db",
                          str(db), str(bad), *login(tmp_path, 1, "correct horse")],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "line 4" in run.stderr and "Nothing imported" in run.stderr


STRAY_QUOTE = ("given_name,family_name,date_of_birth,notes\n"
               'Ann,Smith,1970-01-01,"Likes tea\n'
               "Bob,Jones,1971-02-02,ok\n"
               "Cid,Lee,1972-03-03,fine\n"
               'Dan,Moe,1973-04-04,"closing"\n')


def test_a_stray_quote_is_named_by_its_line_and_nothing_is_imported(store, tmp_path):
    result = import_patients(store, write(tmp_path, STRAY_QUOTE))
    assert result.imported == 0
    assert [p.line for p in result.problems] == [2]
    assert "quotation mark in notes is not closed" in result.problems[0].message
    assert "lines 2-5" in result.problems[0].message
    assert sp.count_patients(store) == 0


def test_cli_refuses_a_stray_quote_with_exit_1(tmp_path, clock):
    from rejuv_desktop.services import practitioners as pr
    from rejuv_desktop.storage import open_store
    from tests.cli_login import login

    db = tmp_path / "c.sqlite3"
    s = open_store(db, clock=clock)
    pr.create_practitioner(s, {"name": "Claire Martin"}, "correct horse")
    s.close()
    run = subprocess.run([sys.executable, "-m", "rejuv_desktop", "import-patients", "--db",
                          str(db), str(write(tmp_path, STRAY_QUOTE)),
                          *login(tmp_path, 1, "correct horse")], capture_output=True, text=True)
    assert run.returncode == 1, run.stdout
    assert "line 2:" in run.stderr and "Nothing imported" in run.stderr
    assert "Imported" not in run.stdout


def test_a_value_over_the_csv_field_limit_is_a_message_not_a_traceback(store, tmp_path):
    import csv

    text = ("given_name,family_name,date_of_birth,notes\n"
            f'Ann,Smith,1970-01-01,"{"x" * (csv.field_size_limit() + 10)}"\n')
    with pytest.raises(UserError, match="Line 2: a value is longer than"):
        import_patients(store, write(tmp_path, text))
    assert sp.count_patients(store) == 0


def test_a_stray_quote_swallowing_short_rows_is_caught_too(store, tmp_path):
    text = ("given_name,family_name,date_of_birth,phone,email,notes\n"
            'Ann,Smith,1970-01-01,,,"Likes tea\n'
            "Bob,Jones,02/02/1971\n"
            'Cid,Lee,1972-03-03,,,"fine"\n')
    result = import_patients(store, write(tmp_path, text))
    assert result.imported == 0 and [p.line for p in result.problems] == [2]


def test_notes_over_several_lines_with_commas_still_import(store, tmp_path):
    text = ("given_name,family_name,date_of_birth,notes\n"
            'Ann,Smith,1970-01-01,"Allergies: latex, plaster\nPrefers mornings, not Mondays"\n')
    result = import_patients(store, write(tmp_path, text))
    assert result.imported == 1 and not result.problems
