"""Are the database's triggers exactly the ones the app created?

The audit trail and the append-only rules are triggers: dropping one (then editing a record
with the plain sqlite3 tool) or rewriting one leaves no trace in the audit trail itself. The
check compares every trigger with a reference: the same migrations applied to an empty
in-memory database. Audit and guard triggers must have the same SQL; a trigger the app did
not create is reported too (it could rewrite records as they are saved).
"""

from __future__ import annotations

import functools
import re

from rejuv_desktop.storage import schema


def _normalise(sql: str | None) -> str:
    return re.sub(r"\s+", " ", (sql or "").strip())


@functools.lru_cache(maxsize=8)
def reference_triggers(applied: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """``{name: (table, sql)}`` of the triggers the migrations ``applied`` create."""
    from rejuv_desktop.storage.db import connect

    db = connect(None)
    try:
        for m in schema.migrations._migrations:
            if m.name in applied:
                m.fn(db)
        return {name: (table, _normalise(sql)) for name, table, sql in db.conn.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        db.conn.close()


def _strict(name: str, sql: str) -> bool:
    """Audit and guard triggers must match to the letter (the search-index triggers are
    written by sqlite-utils, whose wording may change between its versions)."""
    return name.startswith("audit_") or "RAISE" in sql.upper()


def trigger_problems(conn) -> list[str]:
    """What differs from the triggers the app created: missing, changed, or unknown."""
    applied = tuple(schema.applied_names(conn))
    expected = reference_triggers(applied)
    actual = {name: (table, _normalise(sql)) for name, table, sql in conn.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")}
    problems = []
    for name, (table, sql) in sorted(expected.items()):
        if name not in actual:
            problems.append(f"trigger {name} on {table} is missing")
        elif _strict(name, sql) and actual[name][1] != sql:
            problems.append(f"trigger {name} on {table} has been changed")
    for name, (table, _sql) in sorted(actual.items()):
        if name not in expected:
            problems.append(f"trigger {name} on {table} was not created by the app")
    return problems
