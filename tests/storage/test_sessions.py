"""Session lookups that run at every checklist tick read from indexes, never the whole table."""

from __future__ import annotations

import pytest

from rejuv_desktop.storage import sessions as sessions_repo


def _plan_of(store, run) -> list[str]:
    """The query plan of each statement ``run()`` sends (EXPLAIN QUERY PLAN details)."""
    sent: list[str] = []
    store.conn.set_trace_callback(sent.append)
    try:
        run()
    finally:
        store.conn.set_trace_callback(None)
    details = []
    for sql in sent:
        if sql.lstrip().upper().startswith("SELECT"):
            details += [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
    return details


@pytest.mark.sqlite_file("SQLite's query plans (a clinic server plans its own queries)")
def test_a_sessions_aftercare_sheet_is_found_from_an_index(store):
    # At every tick the session's state says whether its aftercare sheet was issued: a scan
    # of the documents (each holding its PDF) took over 100 ms at 100,000 patients.
    plan = _plan_of(store, lambda: sessions_repo.aftercare_issued(store, 1))
    assert plan and not any(d.startswith("SCAN documents") for d in plan), plan
    assert any("documents_session" in d for d in plan), plan


def test_a_sessions_state_reads_the_newest_entry_of_each_item_from_the_index(store, engine):
    from rejuv_desktop.services import sessions as ss
    from tests.session_helpers import add_patient, add_plan, add_practitioner

    add_practitioner(store)
    session = ss.start_session(store, add_plan(store, add_patient(store), "mesotherapy"))
    key = "todays_check.no_infection"
    for done in (True, False, True, False, True):  # ticked, corrected, … ticked at last
        ss.tick(store, session, key, done)
    ticks = [e for e in sessions_repo.entries_of(store, session) if e["key"] == key]
    latest = [e for e in sessions_repo.latest_entries_of(store, session) if e["key"] == key]
    assert len(ticks) == 5 and latest == [ticks[-1]] and latest[0]["value"] is True
    others = {(e["kind"], e["key"]): e for e in sessions_repo.entries_of(store, session)}
    assert {(e["kind"], e["key"]): e
            for e in sessions_repo.latest_entries_of(store, session)} == others
    assert key in ss.session_status(store, session).state.completed_items
    if engine != "sqlite":
        return  # what follows is SQLite's query plan
    plan = _plan_of(store, lambda: sessions_repo.latest_entries_of(store, session))
    assert not any(d.startswith("SCAN session_entries") for d in plan), plan
