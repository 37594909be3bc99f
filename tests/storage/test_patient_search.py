"""Search as you type: every path (index range, capped FTS candidates, index walks) gives the
same ranked pages as a plain reading of the ranking rules."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.services import patients as sp
from rejuv_desktop.storage import patient_search

PEOPLE = [
    ("Zoë", "Łukasiewicz", "1971-03-12", "07700 900123"),
    ("Anna", "Lukas", "1990-05-05", ""),
    ("Luke", "Adams", "1985-07-07", "+33 6 12 34 56 78"),
    ("Łukasz", "Nowak", "1980-01-30", ""),
    ("Eléna", "Moreau", "1965-06-01", "01632 960001"),
    ("Anna", "Smith", "1971-12-03", "07700 900555"),
    ("Anne-Sophie", "Da Silva", "1959-03-12", ""),
    ("Ελένη", "Παπαδοπούλου", "1959-09-09", ""),
    ("Анна", "Смирнова", "1962-02-02", "+48 512 345 678"),
    ("Margaret", "O'Brien", "1948-11-19", ""),
    ("Luc", "Lukas", "1975-04-04", ""),
    ("Siobhán", "Ó Súilleabháin", "1983-08-08", ""),
]


def expected(store, query: str, include_archived: bool) -> list[int]:
    """The ranking rules read literally, over every patient, sorted in Python."""
    terms = dp.query_terms(query)
    rows = store.query("SELECT id, archived, name_key, search_text FROM patients")
    out = []
    for r in rows:
        if r["archived"] and not include_archived:
            continue
        words = r["search_text"].split()
        if terms and not all(any(w.startswith(t) for w in words) for t in terms):
            continue
        first = terms[0] if terms else ""
        rank = (0 if r["name_key"].startswith(first)
                else 1 if f" {first}" in r["name_key"] else 2)
        out.append(((rank if terms else 0), r["archived"], r["name_key"], r["id"]))
    return [key[-1] for key in sorted(out)]


@pytest.fixture
def people(store):
    ids = [sp.add_patient(store, {"given_name": g, "family_name": f, "date_of_birth": d,
                                  "phone": p}).patient_id for g, f, d, p in PEOPLE]
    sp.set_archived(store, ids[-2], True)  # Luc Lukas
    return ids


QUERIES = ["l", "lu", "luk", "LUKAS", "anna", "anna s", "an", "a", "m", "1", "19", "1971",
           "12/03", "07700", "0770 09", "ελ", "αννα", "анна", "см", "o b", "obrien", "da s",
           "s", "silva", "x", "3", "+33", "lukas 1975", "zz"]


@pytest.mark.parametrize("cap", [1, 3, 1000])
@pytest.mark.parametrize("include_archived", [False, True])
def test_every_path_gives_the_ranked_pages(store, people, monkeypatch, cap, include_archived):
    monkeypatch.setattr(patient_search, "CANDIDATE_CAP", cap)
    for query in QUERIES:
        want = expected(store, query, include_archived)
        for limit in (2, 5, 50):
            got = []
            for offset in range(0, len(want) + limit, limit):
                page = sp.search_patients(store, query, include_archived=include_archived,
                                          limit=limit, offset=offset)
                assert len(page) <= limit
                got += [r["id"] for r in page]
            assert got == want, (query, cap, limit)


def test_page_rows_carry_the_list_columns(store, people):
    row = sp.search_patients(store, "zoe")[0]
    assert set(row) == {"id", "given_name", "family_name", "date_of_birth", "phone", "archived"}
    assert row["family_name"] == "Łukasiewicz"


def test_search_indexes_follow_edits(store, people):
    pid = people[0]
    sp.update_patient(store, pid, {"given_name": "Zoë", "family_name": "Quennell",
                                   "date_of_birth": "1971-03-12"})
    assert [r["id"] for r in sp.search_patients(store, "quen")] == [pid]
    assert sp.search_patients(store, "lukasiewicz") == []


NAME = st.text(alphabet="abcdeélłźoöαβγδабвг -'", min_size=1, max_size=12).filter(
    lambda s: dp.tokens(s))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.tuples(NAME, NAME), min_size=1, max_size=12),
       query=st.text(alphabet="abcdeélłźoöαβγδабвг 0129/", max_size=6),
       cap=st.integers(1, 6))
def test_any_names_and_query(store, monkeypatch, names, query, cap):
    monkeypatch.setattr(patient_search, "CANDIDATE_CAP", cap)
    store.conn.execute("DELETE FROM patients")
    for n, (given_name, family) in enumerate(names):
        sp.add_patient(store, {"given_name": given_name, "family_name": family,
                               "date_of_birth": f"19{50 + n}-01-0{1 + n % 9}"})
    got = [r["id"] for r in sp.search_patients(store, query, limit=3)]
    assert got == expected(store, query, False)[:3]
