"""Outcomes: what each follow-up assessed, the grades of each hand, complications, and the
counts the clinic audit is made of. Callers wrap writes in ``store.write()``.

The Merz grade of a hand, at baseline or at a follow-up, lives in ``hand_assessments``.
"""

from __future__ import annotations

from rejuv_desktop.errors import NotFound
from rejuv_desktop.storage import consultations as consultations_repo
from rejuv_desktop.storage import versions
from rejuv_desktop.storage.bulk import insert_row

MERZ = "merz"
_WHO = "trim(coalesce(pr.title, '') || ' ' || coalesce(pr.name, ''))"


def has_outcome_tables(store) -> bool:
    """Whether the database holds the outcome tables (a file not yet opened by this version,
    read without migrating, does not)."""
    return store.scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
        " ('follow_up_assessments', 'complications', 'hand_assessments')") == 3


# --- follow-up assessments -----------------------------------------------------------------------

def follow_up_context(store, follow_up_id: int) -> dict:
    """A follow-up with what an assessment needs: its status and window, the session it follows
    (procedure, date, sides, protocol), the plan and the consultation behind it."""
    row = store.query_one(
        "SELECT f.id, f.patient_id, f.session_id, f.plan_id, f.kind, f.rule_id, f.label,"
        " f.due_from, f.due_to, f.status, f.created_at, f.visit_date, s.procedure,"
        " s.session_date, s.sides, s.protocol_id, pl.consultation_id"
        " FROM follow_ups f LEFT JOIN sessions s ON s.id = f.session_id"
        " LEFT JOIN plans pl ON pl.id = f.plan_id WHERE f.id = ?", (follow_up_id,))
    if row is None:
        raise NotFound(f"Follow-up {follow_up_id} does not exist")
    return row


def baseline_grades(store, consultation_id: int | None) -> dict[str, int]:
    """The Merz grade of each hand at a consultation (its baseline hand assessments)."""
    if consultation_id is None:
        return {}
    rows = store.query(
        "SELECT side, grade FROM hand_assessments WHERE consultation_id = ?"
        " AND context = 'baseline' AND scale = ? ORDER BY id", (consultation_id, MERZ))
    return {r["side"]: r["grade"] for r in rows}


def insert_assessment(store, row: dict) -> int:
    return insert_row(store, "follow_up_assessments", {**row, "created_at": store.now_iso()})


def insert_hand_grade(store, *, patient_id: int, follow_up_id: int, side: str, grade: int,
                      assessed_at: str, scale: str = MERZ) -> int:
    """A grade of one hand at a follow-up: a hand assessment, like the baseline's."""
    return consultations_repo.insert_hand_assessment(
        store, patient_id=patient_id, context="follow_up", side=side, scale=scale, grade=grade,
        assessed_at=assessed_at, practitioner_id=store.actor_id, follow_up_id=follow_up_id)


def assessment_of(store, follow_up_id: int) -> dict | None:
    """What a follow-up assessed, with who assessed it and the Merz grade of each hand."""
    row = store.query_one(
        f"SELECT a.*, {_WHO} AS who FROM follow_up_assessments a"
        " LEFT JOIN practitioners pr ON pr.id = a.practitioner_id WHERE a.follow_up_id = ?",
        (follow_up_id,))
    if row is not None:
        row["merz"] = {r["side"]: r["grade"] for r in store.query(
            "SELECT side, grade FROM hand_assessments WHERE follow_up_id = ? AND scale = ?"
            " ORDER BY id", (follow_up_id, MERZ))}
    return row


# --- complications --------------------------------------------------------------------------------

def insert_complication(store, row: dict) -> int:
    return insert_row(store, "complications", {**row, "recorded_at": store.now_iso(),
                                            "recorded_by": store.actor_id})


def update_complication(store, complication_id: int, *, expected_version: int | None = None,
                        **values) -> int:
    """Save values over a complication; returns its new version (``RecordChanged`` when it
    was saved elsewhere after ``expected_version``)."""
    return versions.save_over(store, "complications", complication_id, values,
                              expected_version=expected_version,
                              not_found=f"Complication {complication_id} does not exist")


def get_complication(store, complication_id: int) -> dict:
    row = store.query_one(
        f"SELECT c.*, s.procedure, s.session_date, {_WHO} AS who FROM complications c"
        " JOIN sessions s ON s.id = c.session_id"
        " LEFT JOIN practitioners pr ON pr.id = c.recorded_by WHERE c.id = ?", (complication_id,))
    if row is None:
        raise NotFound(f"Complication {complication_id} does not exist")
    return row


def complications_of_patient(store, patient_id: int) -> list[dict]:
    """Every complication of a patient, by onset, with the session's procedure and date."""
    return store.query(
        f"SELECT c.*, s.procedure, s.session_date, {_WHO} AS who FROM complications c"
        " JOIN sessions s ON s.id = c.session_id"
        " LEFT JOIN practitioners pr ON pr.id = c.recorded_by"
        " WHERE c.patient_id = ? ORDER BY c.onset_date, c.id", (patient_id,))


def unresolved_with_severity(store, patient_id: int, severities: tuple[str, ...]) -> list[dict]:
    """The patient's complications of these severities that have not resolved."""
    if not severities:
        return []
    marks = ", ".join("?" * len(severities))
    return store.query(
        "SELECT c.id, c.type, c.detail, c.severity, c.site, c.onset_date, s.procedure"
        " FROM complications c JOIN sessions s ON s.id = c.session_id"
        f" WHERE c.patient_id = ? AND c.resolved_date IS NULL AND c.severity IN ({marks})"
        " ORDER BY c.onset_date, c.id", (patient_id, *severities))


def sessions_for_complication(store, patient_id: int) -> list[dict]:
    """The patient's ended sessions (completed or stopped) a complication may follow, newest
    first, with the product lots recorded for each."""
    sessions = store.query(
        "SELECT id, procedure, session_date, session_number, series_length, maintenance, sides,"
        " status FROM sessions WHERE patient_id = ? AND status IN ('completed', 'abandoned')"
        " ORDER BY session_date DESC, id DESC", (patient_id,))
    if sessions:
        marks = ", ".join("?" * len(sessions))
        lots: dict[int, list[str]] = {}
        for r in store.query(f"SELECT session_id, product, lot FROM session_products"
                             f" WHERE session_id IN ({marks}) ORDER BY row_number",
                             [s["id"] for s in sessions]):
            lots.setdefault(r["session_id"], []).append(r["lot"])
        for s in sessions:
            s["lots"] = lots.get(s["id"], [])
    return sessions


# --- a patient's outcomes -------------------------------------------------------------------------

def patient_grades(store, patient_id: int) -> list[dict]:
    """Every Merz grade of the patient's hands at follow-ups, with the visit and procedure."""
    return store.query(
        "SELECT h.side, h.grade, h.assessed_at, h.follow_up_id, f.rule_id, f.label,"
        " f.plan_id, s.procedure, s.session_date, pl.consultation_id"
        " FROM hand_assessments h JOIN follow_ups f ON f.id = h.follow_up_id"
        " LEFT JOIN sessions s ON s.id = f.session_id LEFT JOIN plans pl ON pl.id = f.plan_id"
        " WHERE h.patient_id = ? AND h.context = 'follow_up' AND h.scale = ?"
        " ORDER BY h.assessed_at, h.id", (patient_id, MERZ))


def patient_baselines(store, patient_id: int) -> list[dict]:
    """The consultations behind the patient's plans that reached a session: when, and the
    procedure (the baseline of each treatment)."""
    return store.query(
        "SELECT DISTINCT pl.consultation_id, pl.procedure, c.finalised_at"
        " FROM plans pl JOIN consultations c ON c.id = pl.consultation_id"
        " WHERE pl.patient_id = ? AND EXISTS (SELECT 1 FROM sessions s WHERE s.plan_id = pl.id"
        " AND s.status = 'completed') ORDER BY c.finalised_at, pl.consultation_id",
        (patient_id,))


def patient_assessments(store, patient_id: int) -> list[dict]:
    """What each follow-up of the patient assessed, by date, with the visit and procedure."""
    return store.query(
        f"SELECT a.*, f.label, f.rule_id, s.procedure, {_WHO} AS who"
        " FROM follow_up_assessments a JOIN follow_ups f ON f.id = a.follow_up_id"
        " LEFT JOIN sessions s ON s.id = f.session_id"
        " LEFT JOIN practitioners pr ON pr.id = a.practitioner_id"
        " WHERE a.patient_id = ? ORDER BY a.assessed_on, a.id", (patient_id,))


# --- the clinic audit: counts of alike facts ---------------------------------------------------------
# The sessions of the period are gathered once, with the grade of each hand at the consultation
# behind their plan (its baseline hand assessments), into a temporary table keyed by session; the
# outcome visits, their hand grades and the complications are then counted against it, each
# read from a covering index. All of it in one read transaction: one consistent snapshot.

def _side_baseline(side: str) -> str:
    return (f"(SELECT max(hb.grade) FROM hand_assessments hb"
            f"  WHERE hb.consultation_id = pl.consultation_id AND hb.context = 'baseline'"
            f"  AND hb.scale = 'merz' AND hb.side = '{side}')")


def _gather_sessions(store, procedures, since, until, practitioner_id):
    where, params = [f"s.procedure IN ({', '.join('?' * len(procedures))})"], list(procedures)
    if since:
        where.append("s.session_date >= ?")
        params.append(since)
    if until:
        where.append("s.session_date <= ?")
        params.append(until)
    if practitioner_id is not None:
        where.append("s.started_by = ?")
        params.append(practitioner_id)
    select = ("SELECT s.id, s.procedure,"
              f" {_side_baseline('left')} AS baseline_left,"
              f" {_side_baseline('right')} AS baseline_right"
              " FROM sessions s JOIN plans pl ON pl.id = s.plan_id"
              f" WHERE s.status = 'completed' AND {' AND '.join(where)}")
    if store.engine == "postgresql":
        select = select.replace("max(hb.grade)", "max(CAST(hb.grade AS BIGINT))")
        # A server gets the sessions as a common table expression of each query (a temporary
        # table cannot be made in a read-only transaction there, as ``check`` and
        # ``outcomes`` open it): see ``_audit_query``.
        return select, params
    store.conn.execute("DROP TABLE IF EXISTS temp.audit_sessions")
    store.conn.execute("CREATE TEMP TABLE audit_sessions (id INTEGER PRIMARY KEY, procedure TEXT,"
                       " baseline_left INTEGER, baseline_right INTEGER)")
    store.conn.execute(f"INSERT INTO temp.audit_sessions {select}", params)
    return None


_WORSE = "max(coalesce(t.baseline_left, -1), coalesce(t.baseline_right, -1))"


def audit_counts(store, rules: list[str], procedures: list[str], closed_before: str,
                 since: str | None = None, until: str | None = None,
                 practitioner_id: int | None = None) -> dict[str, list[dict]]:
    """Counts of alike facts for the audit, over completed sessions of ``procedures`` in the
    period (by a practitioner), as three lists:

    - ``hands``: procedure, rule, baseline and follow-up grade of the hands graded at the
      outcome visits ``rules``, and how many;
    - ``visits``: procedure, rule, whether due (window closed before ``closed_before``, or
      cancelled), whether assessed, the answers and the worse hand's baseline, and how many
      (a visit moved to another window counts once, as the visit it became);
    - ``sessions``: procedure, worse baseline, the complication types recorded against them
      (comma-separated, sorted; '' for none), and how many.
    """
    if not procedures:
        return {"hands": [], "visits": [], "sessions": []}
    marks = ", ".join("?" * len(rules)) or "NULL"
    own = not store.conn.in_transaction
    if own:
        store.conn.execute("BEGIN")
    try:
        cte = _gather_sessions(store, procedures, since, until, practitioner_id)

        def query(sql: str, params=()) -> list[dict]:
            if cte is None:
                return store.query(sql, params)
            # PostgreSQL's words for SQLite's two-argument max and group_concat.
            # (and a server keeps the any-typed grade as text: Merz grades are numbers)
            sql = (sql.replace("temp.audit_sessions", "audit_sessions")
                   .replace(_WORSE, _WORSE.replace("max(", "greatest(", 1))
                   .replace("group_concat(", "string_agg("))
            return store.query(f"WITH audit_sessions AS MATERIALIZED ({cte[0]}) {sql}",
                               [*cte[1], *params])

        hands = query(
            "SELECT t.procedure, f.rule_id, CASE h.side WHEN 'left' THEN t.baseline_left"
            " ELSE t.baseline_right END AS baseline, h.grade, count(*) AS n"
            " FROM follow_ups f"
            " JOIN temp.audit_sessions t ON t.id = f.session_id"
            " JOIN hand_assessments h"
            "  ON h.follow_up_id = f.id AND h.scale = 'merz'"
            f" WHERE f.rule_id IN ({marks}) AND f.status = 'done'"
            " GROUP BY 1, 2, 3, 4", rules)
        visits = query(
            "SELECT t.procedure, f.rule_id, (f.due_to < ? OR f.status = 'cancelled') AS closed,"
            " a.follow_up_id IS NOT NULL AS assessed, a.gais_practitioner, a.gais_patient,"
            f" a.satisfaction, a.touch_up_wanted, {_WORSE} AS baseline, count(*) AS n"
            " FROM follow_ups f"
            " JOIN temp.audit_sessions t ON t.id = f.session_id"
            " LEFT JOIN follow_up_assessments a INDEXED BY follow_up_assessments_answers"
            "  ON a.follow_up_id = f.id"
            f" WHERE f.rule_id IN ({marks}) AND f.status != 'rescheduled'"
            " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9", [closed_before, *rules])
        with_complications = query(
            f"SELECT t.procedure, {_WORSE} AS baseline, types, count(*) AS n FROM ("
            "  SELECT c.session_id, group_concat(c.type, ',') AS types FROM (SELECT DISTINCT"
            "   session_id, type FROM complications ORDER BY session_id, type) c"
            "  GROUP BY c.session_id) c JOIN temp.audit_sessions t ON t.id = c.session_id"
            " GROUP BY 1, 2, 3")
        every = query(f"SELECT t.procedure, {_WORSE} AS baseline, '' AS types,"
                      " count(*) AS n FROM temp.audit_sessions t GROUP BY 1, 2")
        if cte is None:
            store.conn.execute("DROP TABLE temp.audit_sessions")
    finally:
        if own:
            store.conn.execute("COMMIT")
    # Sessions without any complication: every session less those with one.
    left = {(r["procedure"], r["baseline"]): r["n"] for r in every}
    for r in with_complications:
        left[(r["procedure"], r["baseline"])] -= r["n"]
    sessions = with_complications + [{"procedure": p, "baseline": b, "types": "", "n": n}
                                     for (p, b), n in left.items() if n]
    return {"hands": hands, "visits": visits, "sessions": sessions}
