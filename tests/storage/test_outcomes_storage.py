"""The outcome tables: one home for every grade of a hand, in the consultation's table shape,
and the grades of consultations recorded before it existed copied in."""

from __future__ import annotations

from rejuv_desktop.storage import schema
from tests.sessions.session_helpers import add_patient, add_plan, add_practitioner

HAND_COLUMNS = ["id", "patient_id", "context", "consultation_id", "follow_up_id", "side", "scale",
                "grade", "assessed_at", "practitioner_id"]


def test_hand_assessments_have_the_consultation_tables_shape(store):
    columns = [r[1] for r in store.conn.execute("PRAGMA table_info(hand_assessments)")]
    assert columns == HAND_COLUMNS


def test_made_where_absent_with_the_baseline_grades_copied(store):
    add_practitioner(store)
    patient = add_patient(store)
    add_plan(store, patient, "fat_transfer", merz=(3, 1))
    consultation = store.scalar("SELECT id FROM consultations")
    # A database whose consultation migration never made the table (this migration alone).
    store.conn.execute("DROP TABLE hand_assessments")
    schema._outcomes_hand_assessments_if_absent(store.db)
    rows = store.query("SELECT side, scale, grade, context, consultation_id FROM hand_assessments"
                       " WHERE context = 'baseline' ORDER BY side")
    assert [(r["side"], r["scale"], r["grade"], r["consultation_id"]) for r in rows] == [
        ("left", "merz", 3, consultation), ("right", "merz", 1, consultation)]
    indexes = {r[1] for r in store.conn.execute("PRAGMA index_list(hand_assessments)")}
    assert {"hand_assessments_follow_up_grades", "hand_assessments_baseline_grades"} <= indexes
