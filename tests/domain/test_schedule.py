"""Series plans, follow-up windows and how due a window is."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.domain.schedule import (
    PlannedSession,
    add_months,
    classify_due,
    follow_ups_after_session,
    plan_sessions,
)
from rejuv_desktop.errors import ValidationError

MESO = load_protocol("mesotherapy")
FAT = load_protocol("fat_transfer")


# --- plan_sessions ------------------------------------------------------------------------------

def test_default_mesotherapy_plan():
    plan = plan_sessions(MESO, date(2025, 1, 6))
    assert plan == [
        PlannedSession(1, date(2025, 1, 6), date(2025, 1, 6), date(2025, 1, 6)),
        PlannedSession(2, date(2025, 1, 21), date(2025, 1, 27), date(2025, 1, 21)),
        PlannedSession(3, date(2025, 2, 5), date(2025, 2, 11), date(2025, 2, 5)),
        PlannedSession(4, date(2025, 2, 20), date(2025, 2, 26), date(2025, 2, 20)),
    ]


def test_edited_plan_within_range():
    plan = plan_sessions(MESO, date(2025, 1, 6), sessions=6, interval_days=21)
    assert len(plan) == 6
    assert [p.target for p in plan][-2:] == [date(2025, 3, 31), date(2025, 4, 21)]
    # The window of a session runs 15 to 21 days after the previous target.
    assert (plan[5].earliest, plan[5].latest) == (date(2025, 4, 15), date(2025, 4, 21))


@pytest.mark.parametrize("kwargs, key", [
    ({"sessions": 3}, "sessions"),
    ({"sessions": 7}, "sessions"),
    ({"sessions": 0}, "sessions"),
    ({"sessions": True}, "sessions"),
    ({"interval_days": 14}, "interval_days"),
    ({"interval_days": 22}, "interval_days"),
    ({"interval_days": 15.5}, "interval_days"),
])
def test_plan_out_of_range(kwargs, key):
    with pytest.raises(ValidationError) as info:
        plan_sessions(MESO, date(2025, 1, 6), **kwargs)
    assert key in info.value.errors


def test_range_limits_are_accepted():
    assert len(plan_sessions(MESO, date(2025, 1, 6), sessions=4, interval_days=15)) == 4
    assert len(plan_sessions(MESO, date(2025, 1, 6), sessions=6, interval_days=21)) == 6


def test_fat_transfer_is_one_session():
    assert plan_sessions(FAT, date(2025, 3, 1)) == [
        PlannedSession(1, date(2025, 3, 1), date(2025, 3, 1), date(2025, 3, 1))]
    with pytest.raises(ValidationError) as info:
        plan_sessions(FAT, date(2025, 3, 1), sessions=2)
    assert info.value.errors["sessions"] == "Must be 1 session"
    with pytest.raises(ValidationError) as info:
        plan_sessions(FAT, date(2025, 3, 1), interval_days=30)
    assert "interval_days" in info.value.errors


# --- follow-ups ---------------------------------------------------------------------------------

def test_mesotherapy_next_session_window():
    [due] = follow_ups_after_session(MESO, date(2025, 1, 10), 1, 4)
    assert (due.kind, due.due_from, due.due_to) == ("next_session", date(2025, 1, 25), date(2025, 1, 31))
    assert due.verified is False


def test_mesotherapy_maintenance_after_the_last_session():
    [due] = follow_ups_after_session(MESO, date(2025, 1, 31), 4, 4)
    # 3 to 6 months, on the last day of a shorter month.
    assert (due.kind, due.due_from, due.due_to) == ("maintenance", date(2025, 4, 30), date(2025, 7, 31))
    [due] = follow_ups_after_session(MESO, date(2025, 3, 3), 6, 6)
    assert (due.due_from, due.due_to) == (date(2025, 6, 3), date(2025, 9, 3))


def test_fat_transfer_reviews():
    dues = follow_ups_after_session(FAT, date(2025, 3, 1), 1, 1)
    assert [(d.label, d.due_from, d.due_to, d.proposed) for d in dues] == [
        ("Strip or stitch check", date(2025, 3, 6), date(2025, 3, 11), False),
        ("Review at 1 month", date(2025, 3, 29), date(2025, 4, 5), False),
        ("Review at 3 months: hand grading and improvement scale against baseline",
         date(2025, 5, 24), date(2025, 6, 7), False),
        ("Review at 6 months", date(2025, 9, 1), date(2025, 10, 1), True),
        ("Review at 12 months: final result, consider a touch-up", date(2026, 3, 1), date(2026, 4, 1), True),
    ]
    assert all(d.kind == "review" for d in dues)
    confirmed = follow_ups_after_session(FAT, date(2025, 3, 1), 1, 1, include_proposed=False)
    # The proposed 6- and 12-month reviews are booked all the same: they assess outcomes at
    # time points of the clinic audit, which would have no figure for them otherwise.
    assert [d.rule_id for d in confirmed] == ["wound_check", "review_1_month", "review_3_months",
                                              "review_6_months", "review_12_months"]


@pytest.mark.parametrize("number, length", [(0, 4), (5, 4), (1, 0), (True, 4)])
def test_follow_ups_bad_numbers(number, length):
    with pytest.raises(ValidationError):
        follow_ups_after_session(MESO, date(2025, 1, 10), number, length)


@pytest.mark.parametrize("start, months, expected", [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2025, 11, 15), 3, date(2026, 2, 15)),
    (date(2025, 12, 31), 12, date(2026, 12, 31)),
    (date(2025, 8, 31), 6, date(2026, 2, 28)),
])
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 120))
def test_add_months_keeps_the_day_or_clamps(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or result.day < start.day


# --- classify_due -------------------------------------------------------------------------------

TODAY = date(2025, 6, 10)


@pytest.mark.parametrize("due_from, due_to, expected", [
    (date(2025, 6, 1), date(2025, 6, 9), "overdue"),      # closed yesterday
    (date(2025, 6, 1), date(2025, 6, 10), "this_week"),   # closes today
    (date(2025, 6, 1), date(2025, 6, 30), "this_week"),   # open now
    (date(2025, 6, 17), date(2025, 6, 20), "this_week"),  # opens on day 7
    (date(2025, 6, 18), date(2025, 6, 20), "upcoming"),   # opens on day 8
    (date(2025, 6, 10), date(2025, 6, 10), "this_week"),
    (date(2025, 9, 1), date(2025, 10, 1), "upcoming"),
])
def test_classify_due_boundaries(due_from, due_to, expected):
    assert classify_due(due_from, due_to, TODAY) == expected


def test_classify_due_reversed_window():
    with pytest.raises(ValidationError):
        classify_due(date(2025, 6, 20), date(2025, 6, 10), TODAY)
