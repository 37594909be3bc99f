"""The rules of clinical photographs, without a database: consent events, grades under a
photograph, what is still due."""

from __future__ import annotations

from datetime import date, datetime, timezone

from rejuv_desktop.domain import photos as dph

T = timezone.utc


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=T)


def test_the_newest_answer_decides_and_a_withdrawal_counts_from_its_moment():
    form = dph.ConsentEvent(at(1), True, "form")
    assert dph.consent_state([form], date(2026, 11, 2)).reason == "granted"
    refusal = dph.ConsentEvent(at(3), False, "app", 7)
    assert dph.consent_state([form, refusal], date(2026, 11, 4)).reason == "refused"
    again = dph.ConsentEvent(at(5), True, "app", 8, withdrawn_at=at(9))
    assert dph.consent_state([form, refusal, again], date(2026, 11, 6)).allowed is False
    state = dph.consent_state([form, refusal, again], date(2026, 11, 10))
    assert (state.allowed, state.reason) == (False, "withdrawn")
    assert dph.consent_state([], date(2026, 11, 1)).reason == "not_asked"


def test_consent_expires_after_its_day():
    e = dph.ConsentEvent(at(1), True, "app", 1, expires_on=date(2026, 11, 30))
    assert dph.consent_state([e], date(2026, 11, 30)).allowed
    assert dph.consent_state([e], date(2026, 12, 1)).reason == "expired"


def test_grade_under_a_photo_is_the_last_one_read_on_or_before_its_day():
    graded = [{"side": "left", "grade": 3, "assessed_at": "2026-08-01T10:00:00+01:00"},
              {"side": "right", "grade": 2, "assessed_at": "2026-08-01T10:00:00+01:00"},
              {"side": "left", "grade": 1, "assessed_at": "2026-11-20T10:00:00+01:00"}]
    assert dph.merz_grades(graded, date(2026, 7, 1)) == {"left": None, "right": None,
                                                         "graded_on": None}
    assert dph.merz_grades(graded, date(2026, 9, 1)) == {"left": 3, "right": 2,
                                                         "graded_on": date(2026, 8, 1)}
    later = dph.merz_grades(graded, date(2026, 11, 22))
    assert (later["left"], later["right"], later["graded_on"]) == (1, 2, date(2026, 11, 20))


def test_baseline_counts_photos_up_to_the_first_session_and_reviews_their_own():
    rules = (dph.PhotoRule("baseline", ("both_dorsal", "left_dorsal")),
             dph.PhotoRule("each_review", ("both_dorsal",), visits=("review_3_months",)))
    sessions = [{"id": 1, "procedure": "fat_transfer", "maintenance": 0, "session_number": 1,
                 "series_length": 1, "session_date": "2026-09-01"}]
    follow_ups = [{"id": 5, "session_id": 1, "kind": "review", "rule_id": "wound_check",
                   "status": "done", "due_from": "2026-09-06", "visit_date": "2026-09-07",
                   "label": "Strip check"},
                  {"id": 6, "session_id": 1, "kind": "review", "rule_id": "review_3_months",
                   "status": "due", "due_from": "2026-11-24", "visit_date": None,
                   "label": "Review at 3 months"}]
    found = dph.occasions("fat_transfer", rules, sessions, follow_ups)
    assert [(o.kind, o.follow_up_id) for o in found] == [("baseline", None), ("each_review", 6)]
    photos = [{"view": "both_dorsal", "taken_at": "2026-08-20T10:00:00", "session_id": None,
               "follow_up_id": None, "archived_at": None},
              {"view": "left_dorsal", "taken_at": "2026-09-02T10:00:00", "session_id": None,
               "follow_up_id": None, "archived_at": None}]  # the day after: not a baseline
    baseline = dph.with_missing(found[0], photos)
    assert baseline.missing == ("left_dorsal",)
    review = dph.with_missing(found[1], photos + [{"view": "both_dorsal", "taken_at": "x",
                                                  "session_id": None, "follow_up_id": 6,
                                                  "archived_at": None}])
    assert review.missing == () and review.label == "Review at 3 months"
