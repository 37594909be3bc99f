"""The outcome tables: the grade of a hand at a follow-up is a hand assessment, in the one table
that holds the baseline grades too."""

from __future__ import annotations

from tests.session_helpers import add_patient, add_plan, add_practitioner

HAND_COLUMNS = ["id", "patient_id", "context", "consultation_id", "follow_up_id", "side", "scale",
                "grade", "assessed_at", "practitioner_id"]


def test_hand_assessments_have_the_consultation_tables_shape(store):
    columns = [r[1] for r in store.conn.execute("PRAGMA table_info(hand_assessments)")]
    assert columns == HAND_COLUMNS


def test_follow_up_grades_are_hand_assessments_beside_the_baseline(store, clock):
    from datetime import timedelta

    from rejuv_desktop.storage import outcomes as repo
    from rejuv_desktop.services import follow_ups as fu
    from rejuv_desktop.services import sessions as ss
    from tests.session_helpers import run_fat_transfer

    add_practitioner(store)
    patient = add_patient(store)
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer", merz=(3, 1)))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    visit = next(f for f in fu.follow_ups_of_patient(store, patient)
                 if f["rule_id"] == "review_3_months")
    with store.write():
        repo.insert_hand_grade(store, patient_id=patient, follow_up_id=visit["id"], side="left",
                               grade=2, assessed_at=(clock() + timedelta(days=90)).date().isoformat())
    rows = store.query("SELECT context, side, scale, grade, consultation_id IS NOT NULL AS c,"
                       " follow_up_id FROM hand_assessments WHERE scale = 'merz' ORDER BY id")
    assert [(r["context"], r["side"], r["grade"], r["c"], r["follow_up_id"]) for r in rows] == [
        ("baseline", "left", 3, 1, None), ("baseline", "right", 1, 1, None),
        ("follow_up", "left", 2, 0, visit["id"])]
    consultation = store.scalar("SELECT consultation_id FROM plans")
    assert repo.baseline_grades(store, consultation) == {"left": 3, "right": 1}
    indexes = {r[1] for r in store.conn.execute("PRAGMA index_list(hand_assessments)")}
    assert {"hand_assessments_follow_up_grades", "hand_assessments_baseline_grades"} <= indexes
