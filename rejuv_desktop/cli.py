"""The ``rejuv-desktop`` command: the GUI, and headless commands for clinic IT.

Headless commands never import Qt: they call the same services as the UI.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from rejuv_desktop import APP_NAME, __version__, cli_auth, paths
from rejuv_desktop.errors import UserError

log = logging.getLogger(__name__)


def _db_target(text: str):
    """A database file, or a clinic server's ``postgresql://`` URL (kept as written)."""
    return text if text.startswith(("postgresql://", "postgres://")) else Path(text)


def _db_arg(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument("--db", type=_db_target, required=required, metavar="PATH",
                        help="database file (default: the one in your user data folder), or "
                             "a clinic server: postgresql://user@host/database")


def _gui_args(parser: argparse.ArgumentParser) -> None:
    _db_arg(parser)
    parser.add_argument("--quit-when-shown", action="store_true",
                        help="quit as soon as the first window is shown, printing its title "
                             "(checks that an installation starts)")


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rejuv-desktop",
        description="Rejuv Desktop: consultation assistant for hand-rejuvenation clinics. "
                    "Without a command, opens the application.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _gui_args(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="open the application (the default)")
    _gui_args(p)

    p = sub.add_parser("demo", help="create a demo clinic database")
    _db_arg(p, required=True)

    p = sub.add_parser("check", help="check a database: integrity, schema, audit trail")
    _db_arg(p)

    p = sub.add_parser("import-patients", help="import patients from a CSV file")
    _db_arg(p)
    p.add_argument("file", type=Path, metavar="FILE.csv")
    p.add_argument("--skip-invalid", action="store_true",
                   help="import the valid rows and list the others (default: all or nothing)")
    p.add_argument("--format", choices=("rejuv", "synthea"), default="rejuv",
                   help="column layout: this app's fields (default) or a Synthea export")
    cli_auth.add_arguments(p)

    p = sub.add_parser("print", help="issue and archive a document as a PDF")
    p.add_argument("kind", choices=("consent", "aftercare", "summary", "devis"))
    _db_arg(p)
    p.add_argument("--patient", type=int, required=True, metavar="ID")
    p.add_argument("--procedure", metavar="PROCEDURE",
                   help="the procedure's id, as its protocol file names it (e.g. mesotherapy)")
    p.add_argument("--session", type=int, metavar="ID",
                   help="aftercare for this session (default: the last one)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--lang", metavar="LANG",
                   help="issue the document in this language (e.g. fr); default: the patient's "
                        "preferred language, else the clinic's document language")
    p.add_argument("--force", action="store_true",
                   help="replace FILE.pdf if it exists (default: refuse)")
    cli_auth.add_arguments(p)

    p = sub.add_parser("lot-lookup", help="list every patient and session that received a "
                                          "product lot (recall)")
    _db_arg(p)
    p.add_argument("lot", metavar="LOT", help="lot number (spaces, punctuation and case are ignored)")
    cli_auth.add_arguments(p)

    p = sub.add_parser("backup", help="make a verified backup copy of the database")
    _db_arg(p)
    p.add_argument("--to", type=Path, metavar="DIR",
                   help="folder for the backup (default: 'backups' beside the database)")

    p = sub.add_parser("restore", help="replace the database with a backup; the current file "
                                       "is kept aside, never overwritten")
    _db_arg(p)
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="BACKUP",
                   help="the backup file to restore")
    p.add_argument("--force", action="store_true",
                   help="restore a backup that has no manifest (made by an older version), "
                        "which cannot be verified")
    cli_auth.add_arguments(p)

    p = sub.add_parser("recovery-code", help="enter the clinic's recovery code (shown at set-up) "
                                             "so the audit trail can be verified on this "
                                             "machine")
    _db_arg(p)

    p = sub.add_parser("content", help="the clinic's content files: check them and list the "
                                       "clinic's overrides")
    content_sub = p.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    c = content_sub.add_parser("check", help="validate the packaged content and the clinic's "
                                             "overrides; list what is overridden (exit 1 on a problem)")
    c.add_argument("--overrides", type=Path, metavar="DIR",
                   help="overrides folder to check (default: 'content' in the user data folder)")

    p = sub.add_parser("outcomes", help="the clinic audit: responders, complications per "
                                        "session beside published figures, loss to follow-up")
    _db_arg(p)
    p.add_argument("--from", dest="since", type=_day, metavar="DATE",
                   help="sessions from this day (YYYY-MM-DD)")
    p.add_argument("--to", dest="until", type=_day, metavar="DATE",
                   help="sessions up to this day (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true",
                   help="print the figures as JSON (rates as fractions between 0 and 1)")

    p = sub.add_parser("export-patient", help="write all of one patient's records (JSON and "
                                              "their PDFs) into a folder")
    _db_arg(p)
    p.add_argument("--patient", type=int, required=True, metavar="ID")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    cli_auth.add_arguments(p)
    p = sub.add_parser("server", help="a clinic server (PostgreSQL) for several workstations")
    server_sub = p.add_subparsers(dest="server_command", metavar="STEP", required=True)
    i = server_sub.add_parser("init", help="create the schema and the app's least-privilege "
                                           "role (run with an administrator's URL)")
    i.add_argument("--db", type=str, required=True, metavar="URL",
                   help="postgresql://admin@host/database (an empty database)")
    i.add_argument("--app-password", metavar="PASSWORD",
                   help="set the password of the app's role (rejuv_app)")
    b = server_sub.add_parser("backup", help="pg_dump the clinic server into a file, verified "
                                             "by restoring it into a scratch database (run "
                                             "with an administrator's URL)")
    b.add_argument("--db", type=str, required=True, metavar="URL",
                   help="postgresql://admin@host/database")
    b.add_argument("--out", type=Path, required=True, metavar="FILE",
                   help="the backup file to write (pg_restore's custom format)")

    p = sub.add_parser("migrate", help="move a single-workstation clinic (a SQLite file) onto "
                                       "an empty clinic server, counts and audit trail verified")
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="PATH.sqlite3")
    p.add_argument("--to", dest="target", type=str, required=True,
                   metavar="postgresql://admin@host/database")

    p = sub.add_parser("photo-import", help="take clinical photographs (JPEG, PNG, HEIC) into a "
                                            "patient's record: turned upright, metadata removed")
    _db_arg(p)
    p.add_argument("--patient", type=int, required=True, metavar="ID")
    p.add_argument("--view", required=True, metavar="VIEW",
                   help="the standard view: both_dorsal, left_dorsal, right_dorsal, "
                        "left_oblique, right_oblique, palms")
    link = p.add_mutually_exclusive_group()
    link.add_argument("--session", type=int, metavar="ID", help="the session they belong to")
    link.add_argument("--follow-up", type=int, metavar="ID",
                      help="the follow-up visit they belong to")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    cli_auth.add_arguments(p)
    return parser


def _open(db: Path | None, *, must_exist: bool = True, read_only: bool = False):
    """Open the database; for writing (the default) this takes the single-writer lock, so a
    command is refused at once, naming the holder, while the app or another command writes."""
    from rejuv_desktop.services.database import open_database

    from rejuv_desktop.services.database import is_server

    if is_server(db):  # a clinic server: no file to look for
        return open_database(db, read_only=read_only)
    path = db or paths.default_db_path()
    _refuse_if_found_aside(path)
    if must_exist and not path.exists():
        raise UserError(f"No database at {path}.")
    if not read_only:  # a new version's first writer backs up before migrating
        from rejuv_desktop.services.upgrade import backup_before_upgrade

        backup_before_upgrade(path)
    return open_database(path, read_only=read_only)


def _refuse_if_found_aside(path: Path) -> None:
    """A missing or empty database beside one set aside (or a restore's copy) is never
    silently replaced by a new, empty clinic: say what was found and how to put it back."""
    from rejuv_desktop.services.restore import found_at_start

    found = found_at_start(path)
    if found is None:
        return
    usable = found.usable
    if usable:
        advice = (f"\nTo put it back: rejuv-desktop restore --db {path} --from "
                  f"{usable[0].path} --force\n(or open the app, which offers it). "
                  "Nothing was changed.")
    else:
        from rejuv_desktop.services.database import witness_file

        advice = ("\nRestore a backup with 'rejuv-desktop restore', or open the app to start a "
                  "new clinic" + (f" (or move {witness_file(path).name} away)"
                                  if found.witnessed is not None else "")
                  + ". Nothing was changed.")
    raise UserError(found.describe() + advice)


def cmd_demo(args) -> int:
    from rejuv_desktop.services.demo import build_demo

    from rejuv_desktop.services.database import is_server

    if not is_server(args.db) and args.db.exists() and args.db.stat().st_size > 0:
        raise UserError(f"{args.db} exists already. Choose a new file for the demo clinic.")
    store = _open(args.db, must_exist=False)
    try:
        counts = build_demo(store)
    finally:
        store.close()
    from rejuv_desktop.services.demo import DEMO_PASSWORD

    print(f"Demo clinic created in {args.db}: "
          + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print(f"Sign in as any practitioner with the password: {DEMO_PASSWORD}")
    return 0


def cmd_check(args) -> int:
    from rejuv_desktop.services.check import check_path

    # Read-only: the check never writes to the file, nor creates it; a reader, it runs beside
    # the app and takes no lock.
    from rejuv_desktop.services.database import is_server

    path = args.db or paths.default_db_path()
    if not is_server(path):
        _refuse_if_found_aside(path)
    cli_auth.run_as_system(None, "check")
    report = check_path(path)
    for name, ok, detail in report.lines:
        print(f"{'OK ' if ok else 'BAD'}  {name:<12} {detail}")
    print("Database is healthy." if report.healthy else "Problems found: see the lines marked BAD.")
    return 0 if report.healthy else 1


def cmd_import(args) -> int:
    from rejuv_desktop.services.importer import import_patients

    store = _open(args.db)
    try:
        cli_auth.sign_in(store, args, "import-patients")
        result = import_patients(store, args.file, fmt=args.format,
                                 skip_invalid=args.skip_invalid)
    finally:
        store.close()
    if result.ignored_columns:
        print("Columns not imported (no matching field): "
              + cli_auth.safe(", ".join(result.ignored_columns)))
    for p in result.skipped:
        print(f"line {p.line}: {cli_auth.safe(p.message)}")
    for p in result.problems:
        print(f"line {p.line}: {cli_auth.safe(p.message)}", file=sys.stderr)
    for w in result.warnings:
        print(f"line {w.line}: warning: {cli_auth.safe(w.message)}")
    if result.problems and not args.skip_invalid:
        print(f"Nothing imported: {len(result.problems)} row(s) have problems. Correct them, "
              "or use --skip-invalid to import the valid rows.", file=sys.stderr)
        return 1
    print(f"Imported {result.imported} patient(s)"
          + (f"; {len(result.problems)} row(s) not imported." if result.problems else "."))
    return 0


def cmd_print(args) -> int:
    from rejuv_desktop.domain.procedures import is_procedure, procedure_ids
    from rejuv_desktop.services import documents as sd

    if args.procedure is not None and not is_procedure(args.procedure):
        print(f"error: unknown procedure {args.procedure!r} (choose from {', '.join(procedure_ids())})",
              file=sys.stderr)
        return 2
    sd.check_pdf_target(args.out, overwrite=args.force)  # before anything is issued
    store = _open(args.db)
    try:
        cli_auth.sign_in(store, args, "print")
        doc = sd.print_document(store, args.kind, args.patient, args.procedure, args.session,
                                args.lang)
        sd.write_pdf(sd.pdf_bytes(store, doc.id), args.out)
    finally:
        store.close()
    print(f"{args.kind.capitalize()} {cli_auth.safe(doc.number)} issued and archived; "
          f"written to {args.out}")
    print(f"SHA-256 {doc.sha256}")
    return 0


def _width(text: str) -> int:
    """Columns a text takes in a terminal (East Asian wide characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    rows = [[cli_auth.safe(c) for c in row] for row in rows]  # stored text: no escape codes
    widths = [max(_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = []
    for row in [headers, ["-" * w for w in widths], *rows]:
        cells = [c + " " * (w - _width(c)) for c, w in zip(row, widths)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def cmd_lot_lookup(args) -> int:
    from rejuv_desktop.services import recall

    store = _open(args.db)
    try:
        cli_auth.sign_in(store, args, "lot-lookup")
        uses = recall.lot_lookup(store, args.lot)
    finally:
        store.close()
    if not uses:
        print(f"No patient has received lot {cli_auth.safe(args.lot.strip())}.")
        return 0
    status = {"completed": "", "in_progress": " (in progress)", "abandoned": " (stopped)"}
    rows = [[u.session_date, u.patient_name, u.date_of_birth, u.phone or "-",
             f"{u.session_id}{status.get(u.session_status, '')}", u.product, u.lot,
             u.expiry or "-", "-" if u.quantity_ml is None else f"{u.quantity_ml:g} ml"]
            for u in uses]
    patients = len({u.patient_id for u in uses})
    print(f"Lot {cli_auth.safe(args.lot.strip())}: {patients} patient(s), {len(uses)} use(s)")
    print(_table(["Date", "Patient", "Born", "Phone", "Session", "Product", "Lot", "Expiry",
                  "Quantity"], rows))
    return 0


def cmd_backup(args) -> int:
    from datetime import datetime

    from rejuv_desktop.services import backup as sb

    # A reader: no writer lock. SQLite's online backup copies a consistent snapshot beside a
    # writer, so a scheduled backup runs while the app is open (and never blocks it).
    db = args.db or paths.default_db_path()
    dest = args.to or sb.default_backup_dir(db)
    cli_auth.run_as_system(None, "backup")
    result = sb.backup_now(db, dest, datetime.now())
    print(f"Backup written to {result.path} ({sb.human_size(result.size)}).")
    print("Verified: integrity_check ok"
          + (f"; {result.counts.get('patients', 0)} patient(s)." if result.counts else "."))
    print(f"Manifest (SHA-256, audit trail head): {result.path}.manifest.json")
    if result.photos_copied or result.photos_lacking:
        print(f"Photographs: {result.photos_copied} copied into {dest / 'photos'} (the others "
              "were there already)"
              + (f"; WARNING: {result.photos_lacking} missing or altered beside the database, "
                 "not backed up: run 'rejuv-desktop check'." if result.photos_lacking else "."))
    return 0


def cmd_restore(args) -> int:
    from datetime import datetime

    from rejuv_desktop.services import backup as sb
    from rejuv_desktop.services import database

    db = args.db or paths.default_db_path()
    if not db.parent.exists():
        database.make_private_dir(db.parent)
    with database.hold_writer_lock(db):  # across the whole swap: no writer can start meanwhile
        cli_auth.sign_in_before_restore(db, args)
        try:
            result = sb.restore(db, args.source, datetime.now(), force=args.force)
        except sb.UnverifiedBackup as exc:
            raise UserError(f"{exc}\nWARNING: to restore it anyway, run the same command with "
                            "--force. Nothing was changed.") from exc
    if not result.verified:
        print("WARNING: the backup had no manifest; it was restored unverified (--force).")
    print(f"Restored {db} from {result.restored_from}"
          + (f" (backup of {result.backup_taken_at:%d/%m/%Y %H:%M})."
             if result.backup_taken_at else "."))
    if result.verified:
        print("Verified against its manifest: SHA-256 and audit trail.")
    if result.photos_copied:
        print(f"{result.photos_copied} photograph(s) brought back from the backup folder.")
    if result.photos_lacking:
        print(f"WARNING: {result.photos_lacking} photograph(s) the restored records name are "
              "neither beside the database nor in the backup folder: run 'rejuv-desktop check'.")
    if result.moved_aside:
        print("The database you had is kept, unchanged, as:")
        for path in result.moved_aside:
            print(f"  {path}")
    else:
        print("There was no database there before.")
    return 0


def cmd_recovery_code(args) -> int:
    import getpass

    from rejuv_desktop.services.audit_keys import enter_recovery_code

    db = args.db or paths.default_db_path()
    if sys.stdin.isatty():
        code = getpass.getpass("Recovery code (shown when the clinic was set up): ")
    else:
        code = sys.stdin.readline()
    kid = enter_recovery_code(db, code)
    print(f"The clinic key {kid} is now on this machine: 'rejuv-desktop check' can verify the "
          "audit trail it sealed.")
    return 0


def cmd_export_patient(args) -> int:
    from rejuv_desktop.services.export import export_patient

    store = _open(args.db)
    try:
        cli_auth.sign_in(store, args, "export-patient")
        result = export_patient(store, args.patient, args.out)
    finally:
        store.close()
    rows = sum(n for t, n in result.counts.items() if t != "audit_log")
    print(f"Patient {args.patient} exported to {result.folder}: {rows} record(s), "
          f"{result.documents} document(s), {result.counts.get('audit_log', 0)} audit entries.")
    print(f"Files and their SHA-256 are listed in {result.manifest_file.name}.")
    return 0


def cmd_photo_import(args) -> int:
    from rejuv_desktop.services import photos as sph

    store = _open(args.db)
    failed = 0
    try:
        cli_auth.sign_in(store, args, "photo-import")
        sph.check_can_take(store, args.patient)
        for path in args.files:
            try:
                done = sph.import_file(store, args.patient, args.view, path,
                                       session_id=args.session, follow_up_id=args.follow_up,
                                       source="command_line")
            except UserError as exc:
                failed += 1
                print(f"{path}: not imported: {cli_auth.safe(exc)}", file=sys.stderr)
                if getattr(exc, "code", "") in ("unknown_view", "not_this_patient"):
                    break
                continue
            p = done.photo
            print(f"{path}: photo {p.id}, {p.width}x{p.height}, SHA-256 {p.sha256[:16]}…"
                  + ("" if done.re_encoded else " (image data kept; metadata removed)"))
    finally:
        store.close()
    print(f"{len(args.files) - failed} of {len(args.files)} photograph(s) imported.")
    return 0 if not failed else 1


def cmd_content(args) -> int:
    from rejuv_desktop import content
    from rejuv_desktop.services.content_check import check_content

    if args.overrides is not None:
        content.use_overrides_dir(args.overrides)
    report = check_content()
    print(f"Overrides folder: {content.overrides_dir()}")
    if report.overrides:
        rows = [[o.relative, o.id or "-", o.version or "-",
                 ("adds to the packaged content" if o.added
                  else f"replaces packaged version {o.packaged_version or '-'}" if o.used
                  else f"NOT USED: {o.why_unused}")] for o in report.overrides]
        print(_table(["File", "Id", "Version", "Status"], rows))
    else:
        print("No file is overridden: the packaged content is in use.")
    for o in report.overrides:
        if o.missing:
            print(f"NOTE {o.relative} lacks {len(o.missing)} question(s) of the packaged version: "
                  f"{', '.join(o.missing)}. Compare it with the packaged file and add them, or "
                  "decide they are not needed.")
    for problem in report.problems:
        where = "override" if problem.overridden else "packaged"
        print(f"BAD  ({where}) {problem.message}")
    print(f"{len(report.checked)} content file(s) checked: "
          + ("all valid." if report.ok else "problems found, see the lines above."))
    return 0 if report.ok else 1


def _require_server(url: str) -> None:
    from rejuv_desktop.services.database import is_server

    if not is_server(url):
        raise UserError(f"{url} is not a clinic server's address: write it as "
                        "postgresql://user@host:port/database.")


def cmd_server(args) -> int:
    from rejuv_desktop.errors import StorageError
    from rejuv_desktop.services.database import init_server

    _require_server(args.db)
    if args.server_command == "backup":
        return _server_backup(args)
    try:
        done = init_server(args.db, app_password=args.app_password)
    except StorageError as exc:
        raise UserError(str(exc)) from exc
    print(f"Schema: {done['schema']}. The app connects as the role {done['role']}, which can "
          "read and write records but never change or delete the audit trail.")
    return 0


def _server_backup(args) -> int:
    from rejuv_desktop.errors import StorageError
    from rejuv_desktop.services.database import backup_server

    try:
        result = backup_server(args.db, args.out)
    except StorageError as exc:
        raise UserError(str(exc)) from exc
    rows = [[table, str(a), str(b)] for table, (a, b) in result["counts"].items()]
    print(_table(["Table", "On the server", "Restored"], rows))
    print(f"Audit trail restored: {result['audit'][1]}")
    print(f"Backup written: {args.out} ({result['size']:,} bytes), restored into a scratch "
          "database and found whole.")
    return 0


def cmd_migrate(args) -> int:
    from rejuv_desktop.errors import StorageError
    from rejuv_desktop.services.database import move_to_server

    _require_server(args.target)
    if not args.source.is_file():
        raise UserError(f"No database at {args.source}.")
    try:
        result = move_to_server(args.source, args.target)
    except StorageError as exc:
        raise UserError(str(exc)) from exc
    rows = [[table, str(a), str(b)] for table, (a, b) in result["counts"].items()]
    print(_table(["Table", "In the file", "On the server"], rows))
    print(f"Audit trail in the file: {result['audit'][0]}")
    print(f"Audit trail on the server: {result['audit'][1]}")
    files = result["counts"].get("photo_files", (0, 0))[1]
    if files:
        print(f"Photographs: {files} files copied into the server, each checked against its "
              "SHA-256.")
    print("The clinic is on the server. Keep the file as it is, as a record of the move.")
    return 0


def _percent(value) -> str:
    """``7.0%``, ``0.67%``: two significant figures below one percent."""
    if value is None:
        return "-"
    percent = value * 100
    return f"{percent:.1f}%" if percent >= 1 or percent == 0 else f"{percent:.2g}%"


def _interval(rate) -> str:
    return "-" if rate.total == 0 else f"{_percent(rate.ci_low)}-{_percent(rate.ci_high)}"


def cmd_outcomes(args) -> int:
    import json

    from rejuv_desktop.domain.outcome_audit import audit_json
    from rejuv_desktop.domain.outcomes import load_outcomes
    from rejuv_desktop.services import outcomes as so

    if args.since and args.until and args.until < args.since:
        raise UserError("--to is before --from.")
    # Figures only, no patient named: a reader, like check, run as the system account.
    path = args.db or paths.default_db_path()
    store = _open(path, read_only=True)
    try:
        cli_auth.run_as_system(store, "outcomes")
        audits = so.clinic_audit(store, args.since, args.until)
    finally:
        store.close()
    if args.json:
        print(json.dumps(audit_json(audits), indent=2))
        return 0
    content = load_outcomes()
    period = (f"sessions from {args.since or 'the first'} to {args.until or 'today'}")
    print(f"Outcomes audit: {period}. Intervals are Wilson 95%.")
    for a in audits:
        print()
        print(f"{a.procedure}: {a.sessions} session(s)")
        lost = {x.months: x for x in a.lost_to_follow_up}
        rows = []
        for r in a.responders:
            x = lost.get(r.months)
            rows.append([f"{r.months} months", str(r.rate.total), str(r.rate.count),
                         _percent(r.rate.rate), _interval(r.rate),
                         f"{x.done}/{x.due} seen" if x else "-"])
        if rows:
            print("Merz responders (at least one grade better on a hand)")
            print(_table(["Time point", "Hands", "Responders", "Rate", "95% CI",
                          "Follow-up"], rows))
        rows = [[f"{g.months} months", g.rater, str(g.rate.total), _percent(g.rate.rate),
                 _interval(g.rate)] for g in a.gais]
        if rows:
            print("GAIS improved or better")
            print(_table(["Time point", "Rated by", "Rated", "Rate", "95% CI"], rows))
        rows = [[content.label("complication_types", c.type) if c.type != "any"
                 else "Any complication", str(c.rate.count), str(c.rate.total),
                 _percent(c.rate.rate), _interval(c.rate), _percent(c.published_rate)]
                for c in a.complications if c.rate.count or c.published_rate is not None]
        print("Complications per session")
        print(_table(["Type", "Sessions with it", "Sessions", "Rate", "95% CI", "Published"],
                     rows))
        rows = [[f"{x.months} months", str(x.due), str(x.done), _percent(x.lost.rate)]
                for x in a.lost_to_follow_up]
        if rows:
            print("Loss to follow-up (assessment visits due and not done)")
            print(_table(["Time point", "Due", "Done", "Lost"], rows))
    return 0


def cmd_gui(args) -> int:
    from rejuv_desktop.ui.app import run_gui  # the only path that loads Qt

    return run_gui(args.db, quit_when_shown=args.quit_when_shown)


COMMANDS = {"demo": cmd_demo, "check": cmd_check, "import-patients": cmd_import, "gui": cmd_gui,
            "print": cmd_print, "lot-lookup": cmd_lot_lookup, "backup": cmd_backup,
            "restore": cmd_restore, "export-patient": cmd_export_patient, "content": cmd_content,
            "recovery-code": cmd_recovery_code, "server": cmd_server, "migrate": cmd_migrate,
            "outcomes": cmd_outcomes, "photo-import": cmd_photo_import,
            None: cmd_gui}


def gui_main() -> int:
    """The ``rejuv-desktop-gui`` entry point: the application alone (its options only), with
    no console window behind it on Windows."""
    return main(["gui", *sys.argv[1:]])


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from rejuv_desktop.logs import set_database, setup_logging
    from rejuv_desktop.services import database

    database.private_umask()
    if paths.data_dir().exists():  # the clinic's folder: the user's alone
        database.make_private_dir(paths.data_dir())
    database.set_program(APP_NAME if args.command in (None, "gui")
                            else f"rejuv-desktop {args.command}")
    set_database(getattr(args, "db", None) or paths.default_db_path())  # named in log lines

    try:
        setup_logging()
    except OSError:
        pass  # a read-only home must not stop a headless command
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"rejuv-desktop: {cli_auth.safe(exc, keep_newlines=True)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
