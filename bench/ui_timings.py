"""Child process of the benchmark: drive the real main window, offscreen, on one database.

Types realistic queries into the search field a key at a time (figure 2), opens the patient
with many consultations (figure 3), and times the bare equivalents beside them: an indexed page
of the patient list by name, and the SQL reads of the record without any widgets. Prints one
JSON object on stdout.

Usage: ui_timings.py DB BUSY_PATIENT_ID QUERIES OPENS
"""

import json
import os
import random
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from rejuv_desktop.domain import patients as dp  # noqa: E402
from rejuv_desktop.storage import open_store  # noqa: E402
from rejuv_desktop.ui.main_window import MainWindow  # noqa: E402

from peak import peak_kib  # noqa: E402

QUERY_SEED = 7


def realistic_queries(store, count: int) -> list[str]:
    """What receptionists type: family names (often without accents), given and family name,
    a date of birth as DD/MM/YYYY, the start of a phone number. Drawn from real records."""
    rng = random.Random(QUERY_SEED)
    first, last = store.conn.execute("SELECT min(id), max(id) FROM patients").fetchone()
    ids = sorted(rng.sample(range(first, last + 1), min(count, last - first + 1)))
    people = {r[0]: r[1:] for r in store.conn.execute(
        f"SELECT id, given_name, family_name, date_of_birth, phone FROM patients"
        f" WHERE id IN ({', '.join(map(str, ids))})")}
    queries = []
    for pid in ids:
        given, family, dob, phone = people[pid]
        kind = rng.random()
        if kind < 0.45:
            name = dp.fold(family) if rng.random() < 0.5 else family
            query = name[:rng.randint(3, 8)]
        elif kind < 0.60:
            query = f"{given} {family[:rng.randint(2, 6)]}"
        elif kind < 0.70:
            query = given[:rng.randint(3, 6)]
        elif kind < 0.85 or not phone:
            y, m, d = dob.split("-")
            query = f"{d}/{m}/{y}"
        else:
            query = phone[:rng.randint(5, 9)]
        queries.append(query)
    return queries


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bare_page(store, prefix: str) -> None:
    """The yardstick for a keystroke: one indexed page of 201 names, no ranking, no widgets."""
    folded = " ".join(dp.tokens(prefix)) or prefix
    store.conn.execute(
        "SELECT id, given_name, family_name, date_of_birth, phone, archived FROM patients"
        " WHERE archived = 0 AND name_key >= ? ORDER BY archived, name_key LIMIT 201",
        (folded,)).fetchall()


def bare_record(store, patient_id: int) -> int:
    """The yardstick for opening a record: its rows read with plain SQL, no widgets."""
    q = store.conn.execute
    rows = q("SELECT * FROM patients WHERE id = ?", (patient_id,)).fetchall()
    rows += q("SELECT * FROM consultations WHERE patient_id = ?", (patient_id,)).fetchall()
    rows += q("SELECT * FROM plans WHERE patient_id = ?", (patient_id,)).fetchall()
    sessions = q("SELECT * FROM sessions WHERE patient_id = ?", (patient_id,)).fetchall()
    for s in sessions:
        rows += q("SELECT * FROM session_entries WHERE session_id = ?", (s[0],)).fetchall()
    rows += q("SELECT id, number, kind, created_at FROM documents WHERE patient_id = ?",
              (patient_id,)).fetchall()
    rows += q("SELECT * FROM follow_ups WHERE patient_id = ?", (patient_id,)).fetchall()
    return len(rows) + len(sessions)


def bare_outcomes(store, patient_id: int) -> int:
    """The yardstick for the outcome view: its rows read with plain SQL, no widgets."""
    q = store.conn.execute
    rows = q("SELECT * FROM hand_assessments WHERE patient_id = ?", (patient_id,)).fetchall()
    rows += q("SELECT * FROM follow_up_assessments WHERE patient_id = ?", (patient_id,)).fetchall()
    rows += q("SELECT * FROM complications WHERE patient_id = ?", (patient_id,)).fetchall()
    rows += q("SELECT * FROM plans WHERE patient_id = ?", (patient_id,)).fetchall()
    return len(rows)


def main() -> None:
    db, busy_id, n_queries, opens = sys.argv[1], *map(int, sys.argv[2:5])
    app = QApplication.instance() or QApplication([sys.argv[0]])
    store = open_store(db)
    store.actor_id = 1
    settings = QSettings(os.path.join(tempfile.mkdtemp(prefix="rejuv-bench-"), "s.ini"),
                         QSettings.Format.IniFormat)
    window = MainWindow(store, settings)
    window.show()
    # A person looks at the window a moment before choosing a patient: what the window does
    # once it is up (the Due count, loading what a record needs) is done by then.
    settle = time.perf_counter() + 1.0
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.005)

    # Figure 3, first time: the busy record opened first thing in this process (its pages
    # read from the system's file cache, its tab built), then every other tab shown once.
    record = window.record
    t0 = time.perf_counter()
    record.show_patient(busy_id)
    app.processEvents()
    first_open_ms = (time.perf_counter() - t0) * 1000
    tab_ms = {}
    for i in range(1, record.tabs.count()):
        t0 = time.perf_counter()
        record.tabs.setCurrentIndex(i)
        app.processEvents()
        tab_ms[record.tabs.tabText(i)] = (time.perf_counter() - t0) * 1000
    record.tabs.setCurrentIndex(0)
    record.show_patient(None)
    app.processEvents()

    queries = realistic_queries(store, n_queries)
    # "Model updated" is when the list model announces its new rows; the keystroke's whole
    # handling also selects the first match and shows its record, and a repaint follows.
    reset_at: list[float] = []
    window.model.modelReset.connect(lambda: reset_at.append(time.perf_counter()))
    model_ms, keystroke_ms, paint_ms, bare_ms, pause_fill_ms = [], [], [], [], []
    for query in queries:
        for n in range(1, len(query) + 1):
            prefix = query[:n]
            reset_at.clear()
            t0 = time.perf_counter()
            window.search.setText(prefix)
            t1 = time.perf_counter()
            app.processEvents()
            t2 = time.perf_counter()

            bare_page(store, prefix)
            t3 = time.perf_counter()
            model_ms.append(((reset_at[0] if reset_at else t1) - t0) * 1000)
            keystroke_ms.append((t1 - t0) * 1000)
            paint_ms.append((t2 - t0) * 1000)
            bare_ms.append((t3 - t2) * 1000)
        if window.typing_pause.isActive():  # the typist pauses: the match's record fills
            window.typing_pause.stop()
            t0 = time.perf_counter()
            window.record.finish_showing()
            app.processEvents()
            pause_fill_ms.append((time.perf_counter() - t0) * 1000)
        window.search.clear()
        app.processEvents()

    small_id = store.conn.execute("SELECT min(id) FROM patients").fetchone()[0]
    open_ms, open_paint_ms, bare_open_ms = [], [], []
    rows_read = 0
    for _ in range(opens):
        window.record.show_patient(small_id)
        app.processEvents()
        t0 = time.perf_counter()
        window.record.show_patient(busy_id)
        t1 = time.perf_counter()
        app.processEvents()
        t2 = time.perf_counter()
        rows_read = bare_record(store, busy_id)
        t3 = time.perf_counter()
        open_ms.append((t1 - t0) * 1000)
        open_paint_ms.append((t2 - t0) * 1000)
        bare_open_ms.append((t3 - t2) * 1000)
    tabs = {}
    for i in range(window.record.tabs.count()):  # each tab shown, to count what it holds
        window.record.tabs.setCurrentIndex(i)
        app.processEvents()
        tabs[window.record.tabs.tabText(i)] = _rows_in(window.record.tabs.widget(i))
    window.record.tabs.setCurrentIndex(0)
    # Figure 8b: the busy patient's outcome view (Merz chart and timeline) shown on its own.
    outcome_ms, outcome_bare_ms = [], []
    tab = window.outcomes_tab
    window.record.tabs.setCurrentWidget(tab)
    for _ in range(opens):
        tab.show_patient(small_id)
        app.processEvents()
        t0 = time.perf_counter()
        tab.show_patient(busy_id)
        app.processEvents()
        t1 = time.perf_counter()
        bare_outcomes(store, busy_id)
        t2 = time.perf_counter()
        outcome_ms.append((t1 - t0) * 1000)
        outcome_bare_ms.append((t2 - t1) * 1000)

    print(json.dumps({
        "queries": queries, "keystrokes": len(model_ms),
        "search_model_ms": model_ms, "search_keystroke_ms": keystroke_ms,
        "search_paint_ms": paint_ms, "search_bare_ms": bare_ms,
        "open_ms": open_ms, "open_paint_ms": open_paint_ms, "open_bare_ms": bare_open_ms,
        "first_open_ms": first_open_ms, "tab_first_shown_ms": tab_ms,
        "pause_fill_ms": pause_fill_ms,
        "record_rows": rows_read, "tabs": tabs,
        "outcome_ms": outcome_ms, "outcome_bare_ms": outcome_bare_ms,
        "peak_kib": peak_kib(),
    }))
    sys.stdout.flush()
    os._exit(0)  # no quit-time work (backups) in a benchmark


def _rows_in(widget) -> int | None:
    """How many rows a record tab shows (to check it was filled)."""
    from PySide6.QtWidgets import QTableWidget, QTreeWidget

    for child in [widget, *widget.findChildren(QTableWidget), *widget.findChildren(QTreeWidget)]:
        if isinstance(child, QTableWidget):
            return child.rowCount()
        if isinstance(child, QTreeWidget):
            return sum(1 + child.topLevelItem(i).childCount()
                       for i in range(child.topLevelItemCount()))
    return None


if __name__ == "__main__":
    main()
