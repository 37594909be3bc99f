"""Clinic settings: one row per key (the clinic's details, the app's preferences)."""

from __future__ import annotations


def all_settings(store) -> dict[str, str]:
    """Every setting saved, by key."""
    return {r["key"]: r["value"] for r in store.query("SELECT key, value FROM settings")}


def put(store, key: str, value: str) -> None:
    """Save one setting, replacing its value (call inside ``store.write()``)."""
    store.conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
