"""Record versions: no silent merges between workstations.

Every record that is saved over in place (patients, practitioner accounts, clinic settings,
consultation drafts, plans, sessions, follow-ups, complications) carries ``version`` (counted
up by each save), ``updated_by`` (the account that saved) and the time of the save (the
table's ``updated_at``, or ``saved_at`` where the record had no such column). A save names
the version it was read at; when another workstation saved in between, the ``UPDATE ... WHERE
version = ?`` matches no row and the save is refused with ``RecordChanged`` (who, when, the
version now): nothing is written and nothing merged. The same SQL on SQLite (one writer at a
time) and on PostgreSQL (the second writer waits for the first's row lock, then finds the
version moved on).
"""

from __future__ import annotations

from rejuv_desktop.errors import NotFound, RecordChanged

# The versioned tables, with the column holding the time of the last save and the words a
# refusal uses for the record.
TABLES = {
    "patients": ("updated_at", "This patient's details were"),
    "practitioners": ("saved_at", "This account was"),
    "settings": ("saved_at", "This setting was"),
    "consultation_drafts": ("updated_at", "This consultation draft was"),
    "plans": ("saved_at", "This treatment plan was"),
    "sessions": ("saved_at", "This session was"),
    "follow_ups": ("saved_at", "This follow-up was"),
    "complications": ("saved_at", "This complication was"),
}
# Tables that had no time of save: ``saved_at`` is added (it is not part of the audit
# record, like ``version`` and ``updated_by``: the trail has who and when already).
ADDED_SAVED_AT = tuple(t for t, (col, _w) in TABLES.items() if col == "saved_at")


def stamp(store, table: str) -> dict:
    """The columns a save (or an insert) of ``table`` writes besides the record's own."""
    return {TABLES[table][0]: store.now_iso(), "updated_by": store.actor_id}


def save_over(store, table: str, key, values: dict, *, expected_version: int | None = None,
              key_column: str = "id", where: str = "", where_params=(),
              not_found: str | None = None) -> int:
    """Write ``values`` over the row ``key`` of ``table`` and count its version up; returns
    the new version. Call inside ``store.write()``.

    ``expected_version``: the version the caller read; when the row was saved since, raises
    ``RecordChanged`` and writes nothing. ``where``: an extra condition (SQL with ``?``); a
    row that exists but does not meet it is left alone and its version returned unchanged.
    """
    row = {**values, **stamp(store, table)}
    sets = ", ".join(f'"{c}" = ?' for c in row)
    cond, params = f'"{key_column}" = ?', [*row.values(), key]
    if expected_version is not None:
        cond, params = f"{cond} AND version = ?", [*params, expected_version]
    if where:
        cond, params = f"{cond} AND ({where})", [*params, *where_params]
    cur = store.conn.execute(
        f'UPDATE "{table}" SET {sets}, version = version + 1 WHERE {cond} RETURNING version'
        if store.engine == "postgresql" else
        f'UPDATE "{table}" SET {sets}, version = version + 1 WHERE {cond}', params)
    if store.engine == "postgresql":
        got = cur.fetchone()
        if got is not None:
            return got[0]
    elif cur.rowcount == 1:
        return store.scalar(f'SELECT version FROM "{table}" WHERE "{key_column}" = ?', (key,))
    current = current_version(store, table, key, key_column=key_column)
    if current is None:
        raise NotFound(not_found or _gone(table))
    if expected_version is not None and current["version"] != expected_version:
        raise changed(store, table, key, current)
    return current["version"]  # the extra condition left it alone


def current_version(store, table: str, key, *, key_column: str = "id") -> dict | None:
    """``version``, ``updated_by`` and ``at`` (the time of the last save) of a row, or None."""
    at = TABLES[table][0]
    return store.query_one(f'SELECT version, updated_by, "{at}" AS at FROM "{table}"'
                           f' WHERE "{key_column}" = ?', (key,))


def check(store, table: str, key, expected_version: int | None, *,
          key_column: str = "id") -> None:
    """Refuse (``RecordChanged``) when the row is no longer at ``expected_version``; for a
    change that writes other rows only (nothing when ``expected_version`` is None)."""
    if expected_version is None:
        return
    current = current_version(store, table, key, key_column=key_column)
    if current is None:
        if expected_version == 0:  # not there yet, as the caller read it
            return
        raise NotFound(_gone(table))
    if current["version"] != expected_version:
        raise changed(store, table, key, current)


def changed(store, table: str, key, current: dict) -> RecordChanged:
    who = ""
    if current["updated_by"] is not None:
        who = store.scalar("SELECT trim(coalesce(title, '') || ' ' || coalesce(name, ''))"
                           " FROM practitioners WHERE id = ?", (current["updated_by"],)) or ""
    by = f" by {who}" if who else ""
    return RecordChanged(
        f"{TABLES[table][1]} changed elsewhere{by} at {current['at']}, after this "
        "form was opened; nothing was saved. Your changes are still in the form: compare them with the saved "
        "record and save again.",
        changed_by=current["updated_by"], changed_at=current["at"],
        version=current["version"], changed_by_name=who, table=table, record_id=key)


def _gone(table: str) -> str:
    subject = TABLES[table][1].rsplit(" ", 1)[0]
    return f"{subject} no longer exist{'' if subject.endswith('s') else 's'}."
