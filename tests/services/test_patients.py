from datetime import date

import pytest
from hypothesis import given, settings, HealthCheck
from hypothesis import strategies as st

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.domain import text as dt
from rejuv_desktop.errors import ValidationError
from rejuv_desktop.services import patients as sp

TODAY = date(2026, 11, 22)
# Any text but what is refused on purpose: control, format (invisible and direction) and
# unassigned characters, line breaks, and a title typed before the name.
name_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Co", "Cn")),
    min_size=1, max_size=80
).filter(lambda s: s.strip() and not dt.leading_title(s.strip()))
note_text = st.text(st.characters(blacklist_categories=("Cc", "Cs"),
                                  blacklist_characters=sorted(dt.BIDI_OVERRIDES))
                    | st.sampled_from("\n\t"), max_size=500)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(given_name=name_text, family_name=name_text, notes=note_text)
def test_any_unicode_round_trips_exactly(store, given_name, family_name, notes):
    data = {"given_name": given_name, "family_name": family_name,
            "date_of_birth": "1970-01-01", "notes": notes}
    pid = sp.add_patient(store, data).patient_id
    back = sp.get_patient(store, pid)
    assert back["given_name"] == given_name.strip()
    assert back["family_name"] == family_name.strip()
    assert back["notes"] == notes.strip("\n ")


@pytest.mark.parametrize("field,value,message", [
    ("given_name", "  ", "Required"),
    ("family_name", "", "Required"),
    ("date_of_birth", "", "Required"),
    ("date_of_birth", "31/02/1980", "does not exist"),
    ("date_of_birth", "23/11/2026", "future"),
    ("date_of_birth", "yesterday", "DD/MM/YYYY"),
    ("date_of_birth", "01/01/1850", "over 130"),
    ("email", "zoe-at-example", "email"),
    ("phone", "call me", "Digits"),
    ("fitzpatrick", "VII", "I to VI"),
    ("preferred_language", "de", "English"),
    ("given_name", "Ann\nMarie", "control"),
    ("notes", "x" * 100_001, "Too long"),
    ("given_name", "x" * 201, "Too long"),
    ("family_name", "Rousseau\u202e", "direction control"),
    ("family_name", "Rous\u200bseau", "invisible character"),
    ("given_name", "An\u200dna", "joiner"),
    ("given_name", "Dr Amélie", "title"),
    ("given_name", "Mrs. Anne", "title"),
    ("notes", "see \u202egnp.exe", "direction override"),
    ("notes", "red \x1b[31m text", "control"),
    ("address", "1 Quay St\x1b[2J", "control"),
])
def test_invalid_fields_are_named_with_a_message(patient_data, field, value, message):
    with pytest.raises(ValidationError) as err:
        dp.validate_patient({**patient_data, field: value}, TODAY)
    assert field in err.value.errors
    assert message in err.value.errors[field]


def test_all_invalid_fields_reported_at_once():
    with pytest.raises(ValidationError) as err:
        dp.validate_patient({"email": "bad"}, TODAY)
    assert set(err.value.errors) == {"given_name", "family_name", "date_of_birth", "email"}


def test_dates_accepted_in_usual_forms(patient_data):
    for text in ("12/03/1971", "12.03.1971", "12-03-1971", "1971-03-12", "12031971"):
        assert dp.validate_patient({**patient_data, "date_of_birth": text},
                                   TODAY)["date_of_birth"] == "1971-03-12"


def test_implausible_age_warns_but_saves(store, patient_data):
    result = sp.add_patient(store, {**patient_data, "date_of_birth": "01/01/1910"})
    assert any("check the date of birth" in w.message for w in result.warnings)
    minor = sp.add_patient(store, {**patient_data, "date_of_birth": "01/01/2015"})
    assert any("minor" in w.message for w in minor.warnings)


def test_likely_duplicate_is_flagged(store, patient_data):
    sp.add_patient(store, patient_data)
    _clean, warnings = sp.check_patient(store, {**patient_data, "given_name": "ZOE",
                                                "family_name": "lukasiewicz odegard"})
    assert any(w.field == "duplicate" for w in warnings)
    _clean, warnings = sp.check_patient(store, {**patient_data, "date_of_birth": "13/03/1971"})
    assert not any(w.field == "duplicate" for w in warnings)


def test_archive_hides_and_unarchive_restores(store, patient_data):
    pid = sp.add_patient(store, patient_data).patient_id
    sp.set_archived(store, pid, True)
    assert sp.search_patients(store, "zoe") == []
    assert [r["id"] for r in sp.search_patients(store, "zoe", include_archived=True)] == [pid]
    sp.set_archived(store, pid, False)
    assert [r["id"] for r in sp.search_patients(store, "zoe")] == [pid]
    assert store.scalar("SELECT count(*) FROM patients") == 1


@pytest.fixture
def registry(store):
    people = [("Zoë", "Łukasiewicz", "1971-03-12", "07700 900123"),
              ("Eléna", "Moreau", "1965-06-01", "01632 960001"),
              ("Łukasz", "Nowak", "1980-01-30", ""),
              ("Anna", "Lukas", "1990-05-05", ""),
              ("Luke", "Adams", "1985-07-07", ""),
              ("Ελένη", "Παπαδοπούλου", "1959-09-09", ""),
              ("Анна", "Смирнова", "1962-02-02", "")]
    ids = {}
    for given, family, dob, phone in people:
        ids[given] = sp.add_patient(store, {"given_name": given, "family_name": family,
                                            "date_of_birth": dob, "phone": phone}).patient_id
    return ids


@pytest.mark.parametrize("query,expected", [
    ("zoe", "Zoë"), ("ZOË", "Zoë"), ("lukasz", "Łukasz"), ("elena", "Eléna"),
    ("moreau el", "Eléna"), ("ελενη", "Ελένη"), ("смирн", "Анна"), ("12/03/1971", "Zoë"),
    ("1971-03-12", "Zoë"), ("07700", "Zoë"), ("01632 96", "Eléna"),
])
def test_search_accent_and_case_insensitive(store, registry, query, expected):
    results = sp.search_patients(store, query)
    assert results and results[0]["id"] == registry[expected]


def test_search_ranks_family_name_prefix_first(store, registry):
    results = [r["given_name"] for r in sp.search_patients(store, "luk")]
    # Family names starting with "luk" (Lukas, Łukasiewicz) before given names (Luke, Łukasz)
    assert results[:2] == ["Anna", "Zoë"]
    assert set(results[2:]) == {"Luke", "Łukasz"}


def test_search_survives_fts_syntax(store, registry):
    for query in ['"', "AND OR NOT", "luk*", "(", "NEAR(a b)", "a:b", "%", "_"]:
        sp.search_patients(store, query)  # no exception


def test_empty_search_lists_alphabetically(store, registry):
    names = [r["family_name"] for r in sp.search_patients(store, "")]
    assert names[:3] == ["Adams", "Lukas", "Łukasiewicz"]


def test_joiners_inside_words_of_scripts_that_need_them_are_kept(patient_data):
    persian = "\u0645\u06cc\u200c\u0631\u0648\u062f"  # a Persian word with its ZWNJ
    clean = dp.validate_patient({**patient_data, "family_name": persian}, TODAY)
    assert clean["family_name"] == persian
    marks = "\u05e9\u05dc\u05d5\u05dd \u200f(note)"  # Hebrew with a right-to-left mark
    assert dp.validate_patient({**patient_data, "notes": marks}, TODAY)["notes"] == marks
