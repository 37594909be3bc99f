"""Session lookups that run at every checklist tick read from indexes, never the whole table."""

from __future__ import annotations

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


def test_a_sessions_aftercare_sheet_is_found_from_an_index(store):
    # At every tick the session's state says whether its aftercare sheet was issued: a scan
    # of the documents (each holding its PDF) took over 100 ms at 100,000 patients.
    plan = _plan_of(store, lambda: sessions_repo.aftercare_issued(store, 1))
    assert plan and not any(d.startswith("SCAN documents") for d in plan), plan
    assert any("documents_session" in d for d in plan), plan
