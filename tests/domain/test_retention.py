"""Thinning backups: the newest of each of 7 days, then 4 weeks, then 12 months."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rejuv_desktop.domain.retention import (RetentionPolicy, backups_to_delete,
                                            backups_to_keep)


def at(day: str, hm: str = "18:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{hm}")


def every_day(first: str, last: str, hm: str = "18:00") -> list[datetime]:
    d, end, out = date.fromisoformat(first), date.fromisoformat(last), []
    while d <= end:
        out.append(at(d.isoformat(), hm))
        d += timedelta(days=1)
    return out


def every_sunday(first: str, last: str) -> list[datetime]:
    return every_day(first, last)[::7]


CASES = [
    ("nothing", [], RetentionPolicy(), []),
    ("a single backup", [at("2026-11-22")], RetentionPolicy(), [at("2026-11-22")]),
    ("several a day: the newest of each day",
     [at("2026-11-20", "09:00"), at("2026-11-20", "18:00"), at("2026-11-21", "08:00"),
      at("2026-11-21", "12:30"), at("2026-11-22", "07:59")],
     RetentionPolicy(),
     [at("2026-11-20", "18:00"), at("2026-11-21", "12:30"), at("2026-11-22", "07:59")]),
    ("a month of daily backups: 7 days, then the newest of 4 older weeks",
     every_day("2026-11-01", "2026-11-30"), RetentionPolicy(),
     every_day("2026-11-24", "2026-11-30")
     + [at("2026-11-22"), at("2026-11-15"), at("2026-11-08"), at("2026-11-01")]),
    ("two years of Sunday backups: 7 + 4 weeks, then the last Sunday of 12 older months",
     every_sunday("2025-01-05", "2026-11-22"), RetentionPolicy(),
     [at(d) for d in ("2026-11-22", "2026-11-15", "2026-11-08", "2026-11-01", "2026-10-25",
                      "2026-10-18", "2026-10-11",
                      "2026-10-04", "2026-09-27", "2026-09-20", "2026-09-13",
                      "2026-08-30", "2026-07-26", "2026-06-28", "2026-05-31", "2026-04-26",
                      "2026-03-29", "2026-02-22", "2026-01-25", "2025-12-28", "2025-11-30",
                      "2025-10-26", "2025-09-28")]),
    ("a long gap: both sides kept", [at("2024-01-01"), at("2026-11-22")], RetentionPolicy(),
     [at("2024-01-01"), at("2026-11-22")]),
    ("small limits: 2 days, 1 week, 1 month",
     every_day("2026-09-01", "2026-11-22"), RetentionPolicy(daily=2, weekly=1, monthly=1),
     [at("2026-11-22"), at("2026-11-21"), at("2026-11-15"), at("2026-10-31")]),
    ("no weekly or monthly: days only",
     every_day("2026-11-01", "2026-11-22"), RetentionPolicy(daily=3, weekly=0, monthly=0),
     [at("2026-11-20"), at("2026-11-21"), at("2026-11-22")]),
]


@pytest.mark.parametrize("name,stamps,policy,expected", CASES, ids=[c[0] for c in CASES])
def test_thinning_table(name, stamps, policy, expected):
    assert backups_to_keep(stamps, policy) == set(expected)
    assert backups_to_delete(stamps, policy) == set(stamps) - set(expected)


def test_policy_must_keep_the_newest():
    with pytest.raises(ValueError):
        RetentionPolicy(daily=0)
    with pytest.raises(ValueError):
        RetentionPolicy(weekly=-1)


stamps = st.lists(st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2026, 12, 31)),
                  max_size=120)


@settings(max_examples=200, deadline=None)
@given(stamps, st.integers(1, 8), st.integers(0, 5), st.integers(0, 13))
def test_newest_kept_limits_held_and_idempotent(stamps, daily, weekly, monthly):
    policy = RetentionPolicy(daily, weekly, monthly)
    keep = backups_to_keep(stamps, policy)
    if stamps:
        assert max(stamps) in keep
    assert keep <= set(stamps)
    assert len(keep) <= daily + weekly + monthly
    assert backups_to_keep(keep, policy) == keep  # thinning again removes nothing more


@settings(max_examples=200, deadline=None)
@given(stamps, st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2026, 12, 31)))
# A backup skipped because a newer one stood for its week, when that newer one was later thinned
# by month: the older one was then wanted for its month, but already gone.
@example(stamps=[at("2023-01-01", "00:00"), at("2025-01-27", "00:00"), at("2025-02-01", "00:00"),
                 at("2025-02-03", "00:00"), at("2025-03-01", "00:00"), at("2025-03-03", "00:00"),
                 at("2025-04-01", "00:00"), at("2025-05-01", "00:00"), at("2025-05-02", "00:00"),
                 at("2026-01-01", "00:00"), at("2026-01-02", "00:00"), at("2026-01-03", "00:00"),
                 at("2026-02-01", "00:00"), at("2026-02-02", "00:00")],
         cut=at("2025-05-02", "00:00"))
def test_thinning_as_you_go_equals_thinning_at_once(stamps, cut):
    """Backups are thinned after each new one: what was thinned away earlier would not have
    been kept had everything been thinned at the end."""
    older = [s for s in stamps if s <= cut]
    newer = [s for s in stamps if s > cut]
    assert backups_to_keep(backups_to_keep(older) | set(newer)) == backups_to_keep(stamps)
