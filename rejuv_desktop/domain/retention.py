"""Which backups to keep: thinning by day, week and month.

Backups pile up (one per day at least, more when someone backs up by hand); keeping all of
them fills the disk, keeping only the last few loses the ability to go back to before a mistake
noticed weeks later. The rule here keeps the newest backup of each of the most recent days,
then one per week, then one per month, so a year is covered with about two dozen files.

Pure: the caller passes the timestamps (parsed from the file names) and deletes what is not
kept. The newest backup is always kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RetentionPolicy:
    """How many periods of each size keep a backup.

    ``daily``: the newest backup of each of this many most recent days that have one;
    ``weekly``: then the newest of each of this many older ISO weeks not already represented;
    ``monthly``: then the newest of each of this many older months not already represented.
    """

    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def __post_init__(self) -> None:
        for name in ("daily", "weekly", "monthly"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be 0 or more")
        if self.daily < 1:
            # Without a daily slot the newest backup could be thinned away: never allowed.
            raise ValueError("daily must be at least 1 so the newest backup is kept")


DEFAULT_POLICY = RetentionPolicy()


def backups_to_keep(timestamps: Iterable[datetime],
                    policy: RetentionPolicy = DEFAULT_POLICY) -> set[datetime]:
    """The timestamps to keep; every other backup may be deleted.

    Walks from newest to oldest. A backup is kept when it is the newest of its day while daily
    slots remain; after that, the newest of a week no kept backup falls in while weekly slots
    remain; then likewise per month. Each kept backup marks its day, week and month as
    represented. Because the newest backup of a period is the one kept at every stage, a
    backup thinned today would never have been wanted later.
    """
    days: set = set()
    weeks: set = set()
    months: set = set()
    used = {"daily": 0, "weekly": 0, "monthly": 0}
    keep: set[datetime] = set()
    for stamp in sorted(set(timestamps), reverse=True):
        day = stamp.date()
        week = tuple(stamp.isocalendar())[:2]
        month = (stamp.year, stamp.month)
        if day in days:
            continue  # a newer backup already stands for this day
        if used["daily"] < policy.daily:
            used["daily"] += 1
        elif week in weeks:
            continue
        elif used["weekly"] < policy.weekly:
            used["weekly"] += 1
        elif month in months:
            continue
        elif used["monthly"] < policy.monthly:
            used["monthly"] += 1
        else:
            continue
        keep.add(stamp)
        days.add(day)
        weeks.add(week)
        months.add(month)
    return keep


def backups_to_delete(timestamps: Iterable[datetime],
                      policy: RetentionPolicy = DEFAULT_POLICY) -> set[datetime]:
    """The complement of :func:`backups_to_keep`."""
    stamps = set(timestamps)
    return stamps - backups_to_keep(stamps, policy)
