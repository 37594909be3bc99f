"""Clinic settings (name, address, phone printed on every document)."""

from __future__ import annotations

CLINIC_KEYS = ("clinic_name", "clinic_address", "clinic_phone")


def get_settings(store) -> dict[str, str]:
    return {r["key"]: r["value"] for r in store.query("SELECT key, value FROM settings")}


def save_clinic(store, values: dict[str, str]) -> None:
    """Save the clinic's details; unknown keys are refused."""
    unknown = set(values) - set(CLINIC_KEYS)
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    with store.write():
        for key, value in values.items():
            store.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, str(value).strip()))
