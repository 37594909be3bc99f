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

    Each rule (days, then ISO weeks, then months) walks the periods that hold a backup from
    newest to oldest and wants the newest backup of each, until it has kept its number of
    them; a period whose newest backup an earlier rule already kept costs the rule nothing.
    Only the newest backup of a period is ever wanted, and adding newer backups only pushes
    each rule's reach towards the present, so a backup thinned today would never have been
    wanted later: thinning after each new backup equals thinning everything at the end.
    """
    stamps = sorted(set(timestamps), reverse=True)
    keep: set[datetime] = set()
    rules = ((policy.daily, lambda s: s.date()),
             (policy.weekly, lambda s: tuple(s.isocalendar())[:2]),
             (policy.monthly, lambda s: (s.year, s.month)))
    for count, period_of in rules:
        seen: set = set()
        kept_here = 0
        for stamp in stamps:
            if kept_here >= count:
                break
            period = period_of(stamp)
            if period in seen:
                continue  # a newer backup stands for this period
            seen.add(period)
            if stamp not in keep:
                keep.add(stamp)
                kept_here += 1
    return keep


def backups_to_delete(timestamps: Iterable[datetime],
                      policy: RetentionPolicy = DEFAULT_POLICY) -> set[datetime]:
    """The complement of :func:`backups_to_keep`."""
    stamps = set(timestamps)
    return stamps - backups_to_keep(stamps, policy)
