"""Clinic settings: one row per key (the clinic's details, the app's preferences)."""

from __future__ import annotations

import sqlite3

from rejuv_desktop.storage import versions


def all_settings(store) -> dict[str, str]:
    """Every setting saved, by key."""
    return {r["key"]: r["value"] for r in store.query("SELECT key, value FROM settings")}


def all_versions(store) -> dict[str, int]:
    """The version of every setting saved, by key (a key never saved is at version 0)."""
    return {r["key"]: r["version"] for r in store.query("SELECT key, version FROM settings")}


def put(store, key: str, value: str, *, expected_version: int | None = None) -> int:
    """Save one setting, replacing its value (call inside ``store.write()``); returns its
    version. ``expected_version``: the version read (0: not saved yet); a setting saved
    elsewhere since is refused with ``RecordChanged``."""
    if expected_version is None:
        stamp = versions.stamp(store, "settings")
        store.conn.execute(
            "INSERT INTO settings (key, value, saved_at, updated_by) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
            " version = settings.version + 1, saved_at = excluded.saved_at,"
            " updated_by = excluded.updated_by",
            (key, value, stamp["saved_at"], stamp["updated_by"]))
        return store.scalar("SELECT version FROM settings WHERE key = ?", (key,))
    if expected_version == 0:
        current = versions.current_version(store, "settings", key, key_column="key")
        if current is not None:
            raise versions.changed(store, "settings", key, current)
        stamp = versions.stamp(store, "settings")
        try:
            store.conn.execute("INSERT INTO settings (key, value, saved_at, updated_by)"
                               " VALUES (?, ?, ?, ?)",
                               (key, value, stamp["saved_at"], stamp["updated_by"]))
        except sqlite3.IntegrityError:  # another workstation saved it first
            raise versions.changed(store, "settings", key, versions.current_version(
                store, "settings", key, key_column="key")) from None
        return 1
    return versions.save_over(store, "settings", key, {"value": value},
                              expected_version=expected_version, key_column="key")
