"""Schema migrations: named, append-only, applied in order, each in its own transaction.

Never edit or reorder a migration that has shipped: add a new one. A database that has applied
a migration this version does not know was written by a newer version and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rejuv_desktop.errors import StorageError
from rejuv_desktop.storage import audit

MIGRATION_SET = "rejuv_desktop"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' record of what was applied


class _Registry:
    """The migrations in order, as ``@migrations(name=...)`` registers them.

    sqlite-utils applies them, but it is only imported when some are pending: checking that a
    database is up to date is two plain queries, and the app starts without loading it.
    """

    @dataclass(frozen=True)
    class _Migration:
        name: str
        fn: Callable

    def __init__(self, name: str):
        self.name = name
        self._migrations: list[_Registry._Migration] = []

    def __call__(self, *, name: str):
        def register(fn):
            if any(m.name == name for m in self._migrations):
                raise ValueError(f"Migration '{name}' is already registered")
            self._migrations.append(self._Migration(name, fn))
            return fn
        return register

    def apply(self, db) -> None:
        """Apply what is pending with sqlite-utils (each in its own transaction)."""
        from sqlite_utils.migrations import Migrations

        real = Migrations(self.name)
        for m in self._migrations:
            real(name=m.name)(m.fn)
        real.apply(db)


migrations = _Registry(MIGRATION_SET)


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def applied_names(db) -> list[str]:
    """Names of this app's migrations the database has applied, in order (``db``: a
    sqlite-utils database or a bare connection)."""
    conn = getattr(db, "conn", db)
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (MIGRATIONS_TABLE,)).fetchone():
        return []
    return [r[0] for r in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,))]


def schema_version(db) -> int:
    """How many of this app's migrations the database has applied."""
    return len(applied_names(db))


def refuse_newer(db) -> None:
    """Raise if the database has migrations this version of the app does not know."""
    unknown = [name for name in applied_names(db) if name not in set(known_names())]
    if unknown:
        raise StorageError(
            "This database was written by a newer version of Rejuv Desktop "
            f"(it has changes named {', '.join(unknown)}). Install the newer version to open "
            "it; the file has not been changed."
        )


def pending_names(db) -> list[str]:
    applied = set(applied_names(db))
    return [name for name in known_names() if name not in applied]


def migrate(db) -> list[str]:
    """Apply pending migrations; returns the names applied (empty when up to date).
    ``db`` is a sqlite-utils database (the migrations use it)."""
    pending = pending_names(db)
    if pending:
        migrations.apply(db)
        db.conn.execute(f"PRAGMA user_version = {len(known_names())}")
    return pending


def _sql(db, script: str) -> None:
    for statement in [s.strip() for s in script.split(";\n") if s.strip()]:
        db.conn.execute(statement)


@migrations(name="0001_core")
def _core(db) -> None:
    audit.create_audit_table(db)
    _sql(db, """
CREATE TABLE practitioners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    registration TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'practitioner' CHECK (role IN ('practitioner', 'admin')),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE settings (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL
);
CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    given_name TEXT NOT NULL CHECK (length(trim(given_name)) > 0),
    family_name TEXT NOT NULL CHECK (length(trim(family_name)) > 0),
    date_of_birth TEXT NOT NULL,
    sex TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    preferred_language TEXT NOT NULL DEFAULT 'en',
    fitzpatrick TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    search_text TEXT NOT NULL DEFAULT '',
    name_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX patients_name_key ON patients (archived, name_key);
CREATE INDEX patients_dob ON patients (date_of_birth)
""")
    # Search: a normalised text per patient (accents folded, ł → l …) indexed with FTS5 for
    # prefix queries; the triggers keep the index in step with the table.
    db["patients"].enable_fts(["search_text"], fts_version="FTS5", create_triggers=True,
                              tokenize="unicode61", replace=True)
    for table in ("patients", "practitioners", "settings"):
        audit.install_triggers(db, table)


@migrations(name="0002_accounts")
def _accounts(db) -> None:
    # Sign-in: a password per practitioner (argon2id hash), and every attempt recorded.
    _sql(db, """
ALTER TABLE practitioners ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
CREATE TABLE sign_in_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    practitioner_id INTEGER REFERENCES practitioners (id),
    name_given TEXT NOT NULL DEFAULT '',
    event TEXT NOT NULL CHECK (event IN ('sign_in', 'failed', 'sign_out', 'locked', 'unlocked'))
)
""")
    audit.install_triggers(db, "practitioners")


@migrations(name="0003_consultations")
def _consultations(db) -> None:
    # A draft is the wizard's working copy, saved at every pause in typing; it is not part of
    # the record (so not audited) and is removed when the consultation is finalised from it.
    # A finalised consultation never changes: a trigger refuses any update; a correction is a
    # new row that points to the one it amends.
    _sql(db, """
CREATE TABLE consultation_drafts (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    practitioner_id INTEGER REFERENCES practitioners (id),
    amends_id INTEGER REFERENCES consultations (id),
    amendment_reason TEXT NOT NULL DEFAULT '',
    page INTEGER NOT NULL DEFAULT 0,
    data_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX consultation_drafts_patient ON consultation_drafts (patient_id);
CREATE TABLE consultations (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    practitioner_id INTEGER REFERENCES practitioners (id),
    started_at TEXT NOT NULL,
    finalised_at TEXT NOT NULL,
    amends_id INTEGER REFERENCES consultations (id),
    amendment_reason TEXT NOT NULL DEFAULT '',
    data_json TEXT NOT NULL,
    screening_json TEXT NOT NULL,
    recommendation_json TEXT NOT NULL,
    verdict_fat_transfer TEXT NOT NULL,
    verdict_mesotherapy TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('planned', 'not_planned', 'stopped'))
);
CREATE INDEX consultations_patient ON consultations (patient_id, finalised_at);
CREATE TRIGGER consultations_final BEFORE UPDATE ON consultations
BEGIN SELECT RAISE(ABORT, 'a finalised consultation cannot be changed: add an amendment'); END;
CREATE TRIGGER consultations_no_delete BEFORE DELETE ON consultations
BEGIN SELECT RAISE(ABORT, 'consultations are never deleted'); END;
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    procedure TEXT NOT NULL CHECK (procedure IN ('fat_transfer', 'mesotherapy')),
    sessions INTEGER NOT NULL,
    interval_days INTEGER,
    start_date TEXT NOT NULL,
    combined INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'in_progress', 'completed', 'superseded', 'cancelled')),
    created_at TEXT NOT NULL
);
CREATE INDEX plans_patient ON plans (patient_id, status)
""")
    for table in ("consultations", "plans"):
        audit.install_triggers(db, table)


@migrations(name="0004_documents")
def _documents(db) -> None:
    # An issued document keeps its PDF bytes and their SHA-256; it never changes. Signing adds
    # a signed copy that points to what was issued, so both stay side by side.
    _sql(db, """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    kind TEXT NOT NULL CHECK (kind IN ('consent', 'aftercare', 'summary')),
    procedure TEXT CHECK (procedure IN ('fat_transfer', 'mesotherapy')),
    consultation_id INTEGER REFERENCES consultations (id),
    plan_id INTEGER REFERENCES plans (id),
    session_id INTEGER,
    template_id TEXT NOT NULL,
    template_version TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'en',
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES practitioners (id),
    sha256 TEXT NOT NULL,
    pdf BLOB NOT NULL,
    signed_of INTEGER REFERENCES documents (id),
    signature_method TEXT CHECK (signature_method IN ('screen', 'paper')),
    signed_at TEXT,
    witness TEXT,
    photo_consent_json TEXT
);
CREATE INDEX documents_patient ON documents (patient_id, kind, created_at);
CREATE INDEX documents_plan ON documents (plan_id, kind);
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'an issued document never changes'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'issued documents are never deleted'); END
""")
    audit.install_triggers(db, "documents")


@migrations(name="0005_sessions")
def _sessions(db) -> None:
    # A session runs a protocol for one planned procedure. What was done is kept as entries:
    # one row per tick, value, time-out confirmation, deviation or override, with who and when.
    # Entries are never changed: a correction is a newer entry for the same key (the latest
    # wins), so the record shows what was entered and when it was corrected.
    # Follow-ups change status (done, rescheduled, cancelled) under the audit trail; a
    # rescheduled visit is a new row that points to the one it replaces.
    # Product lots are written when a session ends, indexed by lot for a recall.
    _sql(db, """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    procedure TEXT NOT NULL CHECK (procedure IN ('fat_transfer', 'mesotherapy')),
    session_number INTEGER NOT NULL CHECK (session_number >= 1),
    series_length INTEGER NOT NULL CHECK (series_length >= 1),
    maintenance INTEGER NOT NULL DEFAULT 0 CHECK (maintenance IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'in_progress'
        CHECK (status IN ('in_progress', 'completed', 'abandoned')),
    started_at TEXT NOT NULL,
    started_by INTEGER REFERENCES practitioners (id),
    completed_at TEXT,
    completed_by INTEGER REFERENCES practitioners (id),
    session_date TEXT NOT NULL,
    protocol_id TEXT NOT NULL,
    protocol_version TEXT NOT NULL,
    sides TEXT NOT NULL DEFAULT 'left,right',
    weight_kg REAL,
    consent_document_id INTEGER REFERENCES documents (id),
    end_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_patient ON sessions (patient_id, session_date);
CREATE INDEX sessions_plan ON sessions (plan_id, status);
CREATE UNIQUE INDEX sessions_one_open_per_plan ON sessions (plan_id) WHERE status = 'in_progress';
CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions
BEGIN SELECT RAISE(ABORT, 'sessions are never deleted'); END;
CREATE TABLE session_entries (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    key TEXT NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('item', 'field', 'time_out', 'deviation', 'override')),
    value_json TEXT NOT NULL,
    practitioner_id INTEGER REFERENCES practitioners (id),
    at TEXT NOT NULL
);
CREATE INDEX session_entries_session ON session_entries (session_id, kind, key, id);
CREATE TRIGGER session_entries_no_update BEFORE UPDATE ON session_entries
BEGIN SELECT RAISE(ABORT, 'a session entry never changes: record a correction'); END;
CREATE TRIGGER session_entries_no_delete BEFORE DELETE ON session_entries
BEGIN SELECT RAISE(ABORT, 'session entries are never deleted'); END;
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    session_id INTEGER REFERENCES sessions (id),
    plan_id INTEGER REFERENCES plans (id),
    kind TEXT NOT NULL CHECK (kind IN ('next_session', 'maintenance', 'review')),
    rule_id TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL,
    due_from TEXT NOT NULL,
    due_to TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'due'
        CHECK (status IN ('due', 'done', 'rescheduled', 'cancelled')),
    done_at TEXT,
    done_by INTEGER REFERENCES practitioners (id),
    note TEXT NOT NULL DEFAULT '',
    rescheduled_from INTEGER REFERENCES follow_ups (id),
    created_at TEXT NOT NULL,
    CHECK (due_from <= due_to)
);
CREATE INDEX follow_ups_due ON follow_ups (status, due_to);
CREATE INDEX follow_ups_patient ON follow_ups (patient_id, due_from);
CREATE TRIGGER follow_ups_no_delete BEFORE DELETE ON follow_ups
BEGIN SELECT RAISE(ABORT, 'follow-ups are never deleted: cancel them'); END;
CREATE TABLE session_products (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    row_number INTEGER NOT NULL,
    product TEXT NOT NULL,
    lot TEXT NOT NULL,
    lot_key TEXT NOT NULL,
    expiry TEXT,
    quantity_ml REAL
);
CREATE INDEX session_products_lot ON session_products (lot_key);
CREATE INDEX session_products_session ON session_products (session_id);
CREATE TRIGGER session_products_no_update BEFORE UPDATE ON session_products
BEGIN SELECT RAISE(ABORT, 'a recorded product lot never changes'); END;
CREATE TRIGGER session_products_no_delete BEFORE DELETE ON session_products
BEGIN SELECT RAISE(ABORT, 'recorded product lots are never deleted'); END
""")
    for table in ("sessions", "session_entries", "follow_ups", "session_products"):
        audit.install_triggers(db, table)


@migrations(name="0006_scale_indexes")
def _scale_indexes(db) -> None:
    # Lookups that scanned whole tables once a clinic holds years of records: a patient's
    # History (audit rows that carry the patient's id), "amended by" beside each consultation,
    # and the signed copy beside each issued document. Partial indexes: rows without the value
    # (checklist entries' audit rows, unamended consultations, unsigned copies) take no room.
    _sql(db, """
CREATE INDEX audit_log_patient ON audit_log (json_extract(after_json, '$.patient_id'))
    WHERE json_extract(after_json, '$.patient_id') IS NOT NULL;
CREATE INDEX consultations_amends ON consultations (amends_id) WHERE amends_id IS NOT NULL;
CREATE INDEX documents_signed_of ON documents (signed_of) WHERE signed_of IS NOT NULL
""")


@migrations(name="0007_search_indexes")
def _search_indexes(db) -> None:
    # Search as you type at 100,000 patients (see storage/patient_search.py).
    # FTS5 prefix indexes for the first three characters typed: without them "1" or "19"
    # (dates of birth) makes FTS5 merge the lists of thousands of distinct tokens at every
    # keystroke. The triggers that keep the index in step refer to it by name and stay.
    # A second, small FTS5 index over the names alone tells at once whether any name has a
    # word starting with what was typed (the second rank of results).
    # The list index covers every column the patient list shows and the search text, in list
    # order: a page of the list, or a walk looking for matches, reads the index alone instead
    # of patient rows scattered over years of other records.
    _sql(db, """
DROP TABLE patients_fts;
CREATE VIRTUAL TABLE patients_fts USING FTS5 (search_text, tokenize = 'unicode61',
                                              content = 'patients', prefix = '1 2 3');
INSERT INTO patients_fts (patients_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE patients_names_fts USING FTS5 (name_key, tokenize = 'unicode61',
                                                    content = 'patients', prefix = '1 2 3');
INSERT INTO patients_names_fts (patients_names_fts) VALUES ('rebuild');
CREATE INDEX patients_list ON patients (archived, name_key, id, given_name, family_name,
                                        date_of_birth, phone, search_text);
DROP INDEX patients_name_key
""")
    for trigger in _NAMES_FTS_TRIGGERS:
        db.conn.execute(trigger)


_NAMES_FTS_TRIGGERS = (
    """CREATE TRIGGER patients_names_ai AFTER INSERT ON patients BEGIN
    INSERT INTO patients_names_fts (rowid, name_key) VALUES (new.id, new.name_key);
END""",
    """CREATE TRIGGER patients_names_ad AFTER DELETE ON patients BEGIN
    INSERT INTO patients_names_fts (patients_names_fts, rowid, name_key)
    VALUES ('delete', old.id, old.name_key);
END""",
    """CREATE TRIGGER patients_names_au AFTER UPDATE OF name_key ON patients BEGIN
    INSERT INTO patients_names_fts (patients_names_fts, rowid, name_key)
    VALUES ('delete', old.id, old.name_key);
    INSERT INTO patients_names_fts (rowid, name_key) VALUES (new.id, new.name_key);
END""",
)


@migrations(name="0008_due_count_indexes")
def _due_count_indexes(db) -> None:
    # The Due tab's title counts the open follow-ups of active patients once the window is up:
    # with these two small covering indexes that reads a few hundred pages, not thousands of
    # patient rows scattered over the file.
    _sql(db, """
CREATE INDEX follow_ups_open ON follow_ups (status, patient_id, due_from, due_to);
CREATE INDEX patients_active ON patients (id, archived)
""")


@migrations(name="0009_patients_by_id")
def _patients_by_id(db) -> None:
    # Search candidates found by FTS5 are looked up by id: from this index (every listed
    # column and the search text, by id) they read a few compact pages instead of patient rows
    # scattered over years of other records, which are slow to reach when not cached. It
    # covers what "patients_active" did (the Due count), so that one goes.
    _sql(db, """
CREATE INDEX patients_by_id ON patients (id, archived, name_key, given_name, family_name,
                                         date_of_birth, phone, search_text);
DROP INDEX patients_active
""")


@migrations(name="0010_bind_plan_practitioner_doctor")
def _bind_plan_practitioner_doctor(db) -> None:
    # Overriding a screening deferral or starting a session before its date needs a doctor:
    # each account records whether its holder is one (existing accounts are not, until an
    # administrator ticks it).
    _sql(db, """
ALTER TABLE practitioners ADD COLUMN is_doctor INTEGER NOT NULL DEFAULT 0 CHECK (is_doctor IN (0, 1))
""")
    audit.install_triggers(db, "practitioners")


@migrations(name="consent_sign_records")
def _consent_sign_records(db) -> None:
    # What a signing completes besides the patient's signature: each confirmation ticked, the
    # practitioner's countersignature, a witness or interpreter (signing_json), and what was
    # planned for this patient when the form was issued (planned_json). A paper signature keeps
    # the scan or photo of the signed paper form beside the issued one, with its SHA-256;
    # like the documents themselves, a scan never changes and is never deleted.
    _sql(db, """
ALTER TABLE documents ADD COLUMN signing_json TEXT;
ALTER TABLE documents ADD COLUMN planned_json TEXT;
CREATE TABLE document_scans (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    file_bytes BLOB NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES practitioners (id)
);
CREATE INDEX document_scans_document ON document_scans (document_id);
CREATE INDEX document_scans_patient ON document_scans (patient_id);
CREATE TRIGGER document_scans_no_update BEFORE UPDATE ON document_scans
BEGIN SELECT RAISE(ABORT, 'a scan of a signed form never changes'); END;
CREATE TRIGGER document_scans_no_delete BEFORE DELETE ON document_scans
BEGIN SELECT RAISE(ABORT, 'scans of signed forms are never deleted'); END
""")
    audit.install_triggers(db, "documents")
    audit.install_triggers(db, "document_scans")


@migrations(name="0011_follow_up_visit_date")
def _follow_up_visit_date(db) -> None:
    # A follow-up marked done keeps the day the patient was seen (not only when the click was
    # made), and why a visit before its window was accepted. The Due list also shows the next
    # session of active plans: two small indexes keep that quick in a large clinic.
    _sql(db, """
ALTER TABLE follow_ups ADD COLUMN visit_date TEXT;
ALTER TABLE follow_ups ADD COLUMN early_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX follow_ups_plan ON follow_ups (plan_id, status, kind);
CREATE INDEX plans_active ON plans (status) WHERE status IN ('planned', 'in_progress')
""")
    audit.install_triggers(db, "follow_ups")


@migrations(name="0012_audit_keys")
def _audit_keys(db) -> None:
    # From which audit row each clinic key (kept outside the file) keys the chain; the rows
    # before the first are verified the old way. See storage/audit.py.
    audit.create_keys_table(db)


@migrations(name="0013_access_lockouts_and_system_account")
def _access_lockouts_and_system_account(db) -> None:
    # Sign-in that resists guessing: each lockout (after too many wrong passwords) is a row,
    # audited, and so is its unlock by an administrator. The failures themselves are the
    # "failed" sign-in events, counted since the last success; the index keeps that quick.
    # Practitioner 0 is the system account: unattended commands (check, backup) act as it.
    # It has no password and is inactive, so it can never sign in. It is part of the schema,
    # like the tables, so its creation is not an audited change (the insert trigger is set
    # aside for it and put back as it was).
    _sql(db, """
DROP TRIGGER IF EXISTS audit_practitioners_insert;
CREATE TABLE account_lockouts (
    id INTEGER PRIMARY KEY,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners (id),
    locked_at TEXT NOT NULL,
    locked_until TEXT NOT NULL,
    failures INTEGER NOT NULL,
    unlocked_at TEXT,
    unlocked_by INTEGER REFERENCES practitioners (id)
);
CREATE INDEX account_lockouts_open ON account_lockouts (practitioner_id, id);
CREATE TRIGGER account_lockouts_no_delete BEFORE DELETE ON account_lockouts
BEGIN SELECT RAISE(ABORT, 'lockouts are never deleted: unlock them'); END;
CREATE INDEX sign_in_events_practitioner ON sign_in_events (practitioner_id, id);
INSERT INTO practitioners (id, name, title, registration, role, active, created_at,
                           password_hash)
VALUES (0, 'System', '', '', 'practitioner', 0, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), '')
""")
    audit.install_triggers(db, "practitioners")
    audit.install_triggers(db, "account_lockouts")


_GRADED_SCALES = "('merz', 'hydration', 'elasticity', 'texture', 'lentigines')"


@migrations(name="0014_typed_consultation_tables")
def _typed_consultation_tables(db) -> None:
    # What will be queried gets its own table. A verdict per procedure of a consultation, stored
    # once (procedure ids are data: no list of procedures here). A hand assessment is one grade
    # on one scale for one hand, with when and by whom: at baseline it belongs to a consultation,
    # at a follow-up to the follow-up visit, so outcomes can be compared on the same scale.
    # Both are never changed (a consultation is corrected by an amendment, with its own rows).
    # The consultations table keeps its old verdict columns (SQLite cannot drop them without
    # rebuilding a table that is immutable and referenced by plans and documents): nothing
    # reads them any more, and new rows leave them empty. The backfill copies what existing
    # consultations hold, before the audit triggers exist: it is part of the schema change, not
    # an edit of the record.
    _sql(db, f"""
CREATE TABLE procedure_verdicts (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    procedure TEXT NOT NULL CHECK (length(procedure) > 0),
    level TEXT NOT NULL,
    reasons_json TEXT NOT NULL DEFAULT '[]',
    UNIQUE (consultation_id, procedure)
);
CREATE INDEX procedure_verdicts_level ON procedure_verdicts (procedure, level);
CREATE TRIGGER procedure_verdicts_no_update BEFORE UPDATE ON procedure_verdicts
BEGIN SELECT RAISE(ABORT, 'a verdict never changes: add an amendment'); END;
CREATE TRIGGER procedure_verdicts_no_delete BEFORE DELETE ON procedure_verdicts
BEGIN SELECT RAISE(ABORT, 'verdicts are never deleted'); END;
CREATE TABLE hand_assessments (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    context TEXT NOT NULL CHECK (context IN ('baseline', 'follow_up')),
    consultation_id INTEGER REFERENCES consultations (id),
    follow_up_id INTEGER REFERENCES follow_ups (id),
    side TEXT NOT NULL CHECK (side IN ('left', 'right')),
    scale TEXT NOT NULL CHECK (length(scale) > 0),
    grade NOT NULL,
    assessed_at TEXT NOT NULL,
    practitioner_id INTEGER REFERENCES practitioners (id),
    CHECK (context != 'baseline' OR consultation_id IS NOT NULL),
    CHECK (context != 'follow_up' OR follow_up_id IS NOT NULL)
);
CREATE INDEX hand_assessments_patient ON hand_assessments (patient_id, scale, side, assessed_at);
CREATE INDEX hand_assessments_consultation ON hand_assessments (consultation_id)
    WHERE consultation_id IS NOT NULL;
CREATE INDEX hand_assessments_follow_up ON hand_assessments (follow_up_id)
    WHERE follow_up_id IS NOT NULL;
CREATE TRIGGER hand_assessments_no_update BEFORE UPDATE ON hand_assessments
BEGIN SELECT RAISE(ABORT, 'a hand assessment never changes: record a new one'); END;
CREATE TRIGGER hand_assessments_no_delete BEFORE DELETE ON hand_assessments
BEGIN SELECT RAISE(ABORT, 'hand assessments are never deleted'); END;
INSERT INTO procedure_verdicts (consultation_id, procedure, level, reasons_json)
SELECT c.id, v.key, json_extract(v.value, '$.level'),
       COALESCE(json_extract(v.value, '$.reasons'), '[]')
FROM consultations c, json_each(c.screening_json, '$.verdicts') v
WHERE json_valid(c.screening_json) AND json_extract(v.value, '$.level') IS NOT NULL
ORDER BY c.id, v.key;
INSERT INTO procedure_verdicts (consultation_id, procedure, level, reasons_json)
SELECT c.id, 'fat_transfer', c.verdict_fat_transfer, '[]' FROM consultations c
WHERE c.verdict_fat_transfer != '' AND NOT EXISTS (SELECT 1 FROM procedure_verdicts v
      WHERE v.consultation_id = c.id AND v.procedure = 'fat_transfer');
INSERT INTO procedure_verdicts (consultation_id, procedure, level, reasons_json)
SELECT c.id, 'mesotherapy', c.verdict_mesotherapy, '[]' FROM consultations c
WHERE c.verdict_mesotherapy != '' AND NOT EXISTS (SELECT 1 FROM procedure_verdicts v
      WHERE v.consultation_id = c.id AND v.procedure = 'mesotherapy');
INSERT INTO hand_assessments (patient_id, context, consultation_id, side, scale, grade,
                              assessed_at, practitioner_id)
SELECT c.patient_id, 'baseline', c.id, h.key, g.key,
       CASE WHEN g.key = 'merz' AND g.type = 'text' THEN CAST(g.value AS INTEGER) ELSE g.value END,
       c.finalised_at, c.practitioner_id
FROM consultations c, json_each(c.data_json, '$.hands') h, json_each(h.value) g
WHERE json_valid(c.data_json) AND h.key IN ('left', 'right') AND h.type = 'object'
      AND g.key IN {_GRADED_SCALES} AND g.type != 'null'
ORDER BY c.id, h.key, g.key
""")
    audit.install_triggers(db, "procedure_verdicts")
    audit.install_triggers(db, "hand_assessments")


_PROCEDURE_CHECK = "CHECK (procedure IN ('fat_transfer', 'mesotherapy'))"


@migrations(name="0014_procedures_as_content")
def _procedures_as_content(db) -> None:
    # The procedures are content (one protocol file each), so a clinic can add one without a new
    # version of the app: the CHECKs that listed the first two procedures go. Dropping a CHECK
    # changes nothing stored, so the table definitions are edited in place (SQLite's documented
    # procedure for such changes) rather than rebuilt: every row, index and trigger (the audit
    # chain's and the immutability ones) stays exactly as it is.
    conn = db.conn
    tables = ("plans", "documents", "sessions")
    found = {name: sql for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)", tables)}
    edits = {name: sql.replace(" " + _PROCEDURE_CHECK, "") for name, sql in found.items()
             if _PROCEDURE_CHECK in sql}
    if not edits:
        return
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        for name, sql in edits.items():
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, name))
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise StorageError("The procedure constraints could not be removed: " + "; ".join(problems))


@migrations(name="0014_outcomes_assessments_and_complications")
def _outcomes_assessments_and_complications(db) -> None:
    # What a follow-up visit assessed (one row per visit, beside the follow-up it closes): GAIS
    # by the practitioner and by the patient with the scale's version, satisfaction, whether a
    # touch-up is wanted, whether a HAND-Q was taken and its score (never its items), notes,
    # and which assessments the visit asked. The Merz grade of each hand is a hand assessment
    # (hand_assessments), the one home of every grade of a hand.
    # Complications: tied to the patient and the session, with side, product lot, type and
    # severity (codes from resources/outcomes.toml, so no CHECK on them), onset and resolution,
    # treatment and to whom it was reported. A resolution is added later (an audited update);
    # nothing is ever deleted.
    _sql(db, """
CREATE TABLE follow_up_assessments (
    id INTEGER PRIMARY KEY,
    follow_up_id INTEGER NOT NULL UNIQUE REFERENCES follow_ups (id),
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    assessed_on TEXT NOT NULL,
    practitioner_id INTEGER REFERENCES practitioners (id),
    asked TEXT NOT NULL DEFAULT '',
    gais_practitioner INTEGER CHECK (gais_practitioner BETWEEN 1 AND 5),
    gais_patient INTEGER CHECK (gais_patient BETWEEN 1 AND 5),
    gais_version TEXT NOT NULL DEFAULT '',
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    touch_up_wanted INTEGER CHECK (touch_up_wanted IN (0, 1)),
    hand_q_taken INTEGER NOT NULL DEFAULT 0 CHECK (hand_q_taken IN (0, 1)),
    hand_q_score REAL,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (hand_q_score IS NULL OR hand_q_taken = 1)
);
CREATE INDEX follow_up_assessments_patient ON follow_up_assessments (patient_id, assessed_on);
CREATE TRIGGER follow_up_assessments_no_delete BEFORE DELETE ON follow_up_assessments
BEGIN SELECT RAISE(ABORT, 'follow-up assessments are never deleted'); END;
CREATE TABLE complications (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    follow_up_id INTEGER REFERENCES follow_ups (id),
    type TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    severity TEXT NOT NULL,
    site TEXT NOT NULL,
    product_lot TEXT NOT NULL DEFAULT '',
    onset_date TEXT NOT NULL,
    resolved_date TEXT,
    treatment TEXT NOT NULL DEFAULT '',
    reported_regulator INTEGER NOT NULL DEFAULT 0 CHECK (reported_regulator IN (0, 1)),
    reported_maker INTEGER NOT NULL DEFAULT 0 CHECK (reported_maker IN (0, 1)),
    report_reference TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by INTEGER REFERENCES practitioners (id),
    CHECK (resolved_date IS NULL OR resolved_date >= onset_date)
);
CREATE INDEX complications_patient ON complications (patient_id, onset_date);
CREATE INDEX complications_session ON complications (session_id, type);
-- The clinic audit reads these covering indexes: completed sessions by procedure and date,
-- the outcome visits by rule, and what each visit found.
CREATE INDEX sessions_outcome_audit ON sessions (status, procedure, session_date, started_by,
                                                 plan_id);
CREATE INDEX follow_ups_outcome ON follow_ups (rule_id, status, session_id, due_to);
CREATE INDEX follow_up_assessments_answers ON follow_up_assessments
    (follow_up_id, gais_practitioner, gais_patient, satisfaction, touch_up_wanted);
CREATE TRIGGER complications_no_delete BEFORE DELETE ON complications
BEGIN SELECT RAISE(ABORT, 'complications are never deleted: record their resolution'); END
""")
    audit.install_triggers(db, "follow_up_assessments")
    audit.install_triggers(db, "complications")


@migrations(name="0015_outcomes_hand_grade_indexes")
def _outcomes_hand_grade_indexes(db) -> None:
    # The Merz grade of each hand at a follow-up is a hand assessment (one home for every grade
    # of a hand). Two covering indexes for the clinic audit and the outcome view: the grades of
    # a follow-up, and the baseline grades of a consultation.
    _sql(db, """
CREATE INDEX hand_assessments_follow_up_grades ON hand_assessments
    (follow_up_id, scale, side, grade) WHERE follow_up_id IS NOT NULL;
CREATE INDEX hand_assessments_baseline_grades ON hand_assessments
    (consultation_id, context, scale, side, grade) WHERE consultation_id IS NOT NULL
""")


@migrations(name="0016_photographs")
def _photographs(db) -> None:
    # Clinical photographs are files beside the database, named by the SHA-256 of their stored
    # bytes (storage/photos.py); a row names one of them, with the view, when it was taken and
    # the session or follow-up it belongs to. A photo is never deleted and never changes: only
    # its archiving (when, by whom, why) is written later, once. The same photo twice for one
    # patient is refused by the unique index (by stored bytes and by the file imported).
    # Consent to each use is its own row: the clinical record (per patient, needed to take
    # any photo; a refusal is a row too), teaching and marketing (per photo, with an expiry).
    # A withdrawal is written once onto the consent it ends and blocks every later use.
    _sql(db, """
CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    view TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    session_id INTEGER REFERENCES sessions (id),
    follow_up_id INTEGER REFERENCES follow_ups (id),
    consultation_id INTEGER REFERENCES consultations (id),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    source_sha256 TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    source TEXT NOT NULL,
    illustration INTEGER NOT NULL DEFAULT 0 CHECK (illustration IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES practitioners (id),
    archived_at TEXT,
    archived_by INTEGER REFERENCES practitioners (id),
    archive_reason TEXT,
    CHECK (session_id IS NULL OR follow_up_id IS NULL)
);
CREATE UNIQUE INDEX photos_patient_sha ON photos (patient_id, sha256);
CREATE UNIQUE INDEX photos_patient_source ON photos (patient_id, source_sha256);
CREATE INDEX photos_patient_view ON photos (patient_id, view, taken_at);
CREATE TRIGGER photos_no_delete BEFORE DELETE ON photos
BEGIN SELECT RAISE(ABORT, 'photographs are never deleted: archive them'); END;
CREATE TRIGGER photos_only_archived BEFORE UPDATE ON photos
WHEN OLD.archived_at IS NOT NULL
  OR NEW.patient_id IS NOT OLD.patient_id OR NEW.view IS NOT OLD.view
  OR NEW.taken_at IS NOT OLD.taken_at OR NEW.session_id IS NOT OLD.session_id
  OR NEW.follow_up_id IS NOT OLD.follow_up_id OR NEW.consultation_id IS NOT OLD.consultation_id
  OR NEW.sha256 IS NOT OLD.sha256 OR NEW.source_sha256 IS NOT OLD.source_sha256
  OR NEW.size IS NOT OLD.size OR NEW.width IS NOT OLD.width OR NEW.height IS NOT OLD.height
  OR NEW.source IS NOT OLD.source OR NEW.illustration IS NOT OLD.illustration
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
  OR NEW.archived_at IS NULL OR trim(coalesce(NEW.archive_reason, '')) = ''
BEGIN SELECT RAISE(ABORT, 'a photograph never changes: it can only be archived once, with a reason'); END;
CREATE TABLE photo_consents (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    photo_id INTEGER REFERENCES photos (id),
    use TEXT NOT NULL CHECK (use IN ('clinical_record', 'teaching', 'marketing')),
    granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
    expires_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by INTEGER REFERENCES practitioners (id),
    withdrawn_at TEXT,
    withdrawn_by INTEGER REFERENCES practitioners (id),
    withdrawal_reason TEXT,
    CHECK ((use = 'clinical_record') = (photo_id IS NULL))
);
CREATE INDEX photo_consents_patient ON photo_consents (patient_id, use, id);
CREATE INDEX photo_consents_photo ON photo_consents (photo_id, use, id);
CREATE TRIGGER photo_consents_no_delete BEFORE DELETE ON photo_consents
BEGIN SELECT RAISE(ABORT, 'photo consents are never deleted: record a withdrawal'); END;
CREATE TRIGGER photo_consents_only_withdrawn BEFORE UPDATE ON photo_consents
WHEN OLD.withdrawn_at IS NOT NULL
  OR NEW.patient_id IS NOT OLD.patient_id OR NEW.photo_id IS NOT OLD.photo_id
  OR NEW.use IS NOT OLD.use OR NEW.granted IS NOT OLD.granted
  OR NEW.expires_on IS NOT OLD.expires_on OR NEW.note IS NOT OLD.note
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
  OR NEW.withdrawn_at IS NULL
BEGIN SELECT RAISE(ABORT, 'a photo consent never changes: it can only be withdrawn once'); END
""")
    audit.install_triggers(db, "photos")
    audit.install_triggers(db, "photo_consents")


_DOCUMENT_KINDS = "CHECK (kind IN ('consent', 'aftercare', 'summary'))"


@migrations(name="0018_french_devis")
def _french_devis(db) -> None:
    # A detailed quote (devis) is archived like a consent: issued, then signed beside it. Its
    # lines, total, currency and who operates are kept as issued (quote_json), so the session
    # gate and the Due list read the amount and the signature date without opening the PDF.
    # The kind CHECK gains 'devis'; like 0014_procedures_as_content, the table definition is
    # edited in place so every row, index and trigger stays as it is.
    conn = db.conn
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'"
                       ).fetchone()[0]
    if _DOCUMENT_KINDS in sql:
        version = conn.execute("PRAGMA schema_version").fetchone()[0]
        conn.execute("PRAGMA writable_schema = ON")
        try:
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                         (sql.replace(_DOCUMENT_KINDS, "CHECK (kind IN ('consent', 'aftercare', "
                                                       "'summary', 'devis'))"), "documents"))
            conn.execute(f"PRAGMA schema_version = {version + 1}")
        finally:
            conn.execute("PRAGMA writable_schema = OFF")
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise StorageError("The document kinds could not be extended: " + "; ".join(problems))
    _sql(db, "ALTER TABLE documents ADD COLUMN quote_json TEXT")
    audit.install_triggers(db, "documents")


@migrations(name="0019_documents_by_session")
def _documents_by_session(db) -> None:
    # A session's aftercare sheet is looked up at every checklist tick (the session's state
    # says whether it was issued): found from an index rather than by reading every document
    # (a clinic's documents table holds each PDF, gigabytes after some years).
    _sql(db, """
CREATE INDEX IF NOT EXISTS documents_session ON documents (session_id, kind, id)
    WHERE session_id IS NOT NULL
""")


@migrations(name="0020_clinic_server_record_versions")
def _clinic_server_record_versions(db) -> None:
    # Each save of a patient's details counts up ``version`` and names who saved
    # (``updated_by``), so a save made over a version changed elsewhere (another workstation)
    # is refused with who changed it and when, never merged. Neither column is part of the
    # record the audit trail shows (the trail names who saved already).
    db.conn.execute("ALTER TABLE patients ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    # Like audit_log.practitioner_id: the acting account's id, not a foreign key.
    db.conn.execute("ALTER TABLE patients ADD COLUMN updated_by INTEGER")
    audit.install_triggers(db, "patients")
    # The same for every other record saved over in place (storage/versions.py): accounts,
    # settings, consultation drafts, plans, sessions, follow-ups, complications. Those without
    # a time of save get ``saved_at`` (left out of the audit record, like the two others).
    for table, saved_at in (("practitioners", True), ("settings", True),
                            ("consultation_drafts", False), ("plans", True),
                            ("sessions", True), ("follow_ups", True), ("complications", True)):
        db.conn.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
        db.conn.execute(f"ALTER TABLE {table} ADD COLUMN updated_by INTEGER")
        if saved_at:
            db.conn.execute(f"ALTER TABLE {table} ADD COLUMN saved_at TEXT")
        if table != "consultation_drafts":  # a draft is not part of the record
            audit.install_triggers(db, table)


@migrations(name="0021_workstation_leases")
def _workstation_leases(db) -> None:
    # A draft consultation or a running session is held by one workstation at a time: the
    # lease names the account, the workstation and the window (``holder``) holding it, since
    # when, and when it was last renewed (the window renews it while open and deletes it on
    # closing). A lease not renewed for the clinic's time-out may be taken over; each take-over
    # is kept, audited and never changed, in ``lease_takeovers`` (the lease itself, renewed
    # every minute, is not audited).
    _sql(db, """
CREATE TABLE leases (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('consultation', 'session')),
    record_id INTEGER NOT NULL,
    patient_id INTEGER REFERENCES patients (id),
    practitioner_id INTEGER,
    workstation TEXT NOT NULL,
    holder TEXT NOT NULL,
    since TEXT NOT NULL,
    renewed_at TEXT NOT NULL,
    UNIQUE (kind, record_id)
);
CREATE TABLE lease_takeovers (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    patient_id INTEGER REFERENCES patients (id),
    from_practitioner_id INTEGER,
    from_workstation TEXT NOT NULL,
    from_holder TEXT NOT NULL,
    from_since TEXT NOT NULL,
    from_renewed_at TEXT NOT NULL,
    practitioner_id INTEGER,
    workstation TEXT NOT NULL,
    holder TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX lease_takeovers_from ON lease_takeovers (from_holder, kind, record_id);
CREATE TRIGGER lease_takeovers_no_update BEFORE UPDATE ON lease_takeovers
BEGIN SELECT RAISE(ABORT, 'a take-over is kept as it was recorded'); END;
CREATE TRIGGER lease_takeovers_no_delete BEFORE DELETE ON lease_takeovers
BEGIN SELECT RAISE(ABORT, 'a take-over is kept as it was recorded'); END;
""")
    audit.install_triggers(db, "lease_takeovers")
