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


def _db_arg(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument("--db", type=Path, required=required, metavar="PATH",
                        help="database file (default: the one in your user data folder)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rejuv-desktop",
        description="Rejuv Desktop: consultation assistant for hand-rejuvenation clinics. "
                    "Without a command, opens the application.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _db_arg(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="open the application (the default)")
    _db_arg(p)

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
    p.add_argument("kind", choices=("consent", "aftercare", "summary"))
    _db_arg(p)
    p.add_argument("--patient", type=int, required=True, metavar="ID")
    p.add_argument("--procedure", choices=("fat_transfer", "mesotherapy"))
    p.add_argument("--session", type=int, metavar="ID",
                   help="aftercare for this session (default: the last one)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
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
    cli_auth.add_arguments(p)

    p = sub.add_parser("export-patient", help="write all of one patient's records (JSON and "
                                              "their PDFs) into a folder")
    _db_arg(p)
    p.add_argument("--patient", type=int, required=True, metavar="ID")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    cli_auth.add_arguments(p)
    return parser


def _open(db: Path | None, *, must_exist: bool = True, read_only: bool = False):
    """Open the database; for writing (the default) this takes the single-writer lock, so a
    command is refused at once, naming the holder, while the app or another command writes."""
    from rejuv_desktop.storage import open_store

    path = db or paths.default_db_path()
    if must_exist and not path.exists():
        raise UserError(f"No database at {path}.")
    return open_store(path, read_only=read_only)


def cmd_demo(args) -> int:
    from rejuv_desktop.services.demo import build_demo

    if args.db.exists() and args.db.stat().st_size > 0:
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
    from rejuv_desktop.services.check import check_database

    store = _open(args.db, read_only=True)  # a reader: runs beside the app, takes no lock
    try:
        cli_auth.run_as_system(store, "check")
        report = check_database(store)
    finally:
        store.close()
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
    from rejuv_desktop.services import documents as sd

    sd.check_pdf_target(args.out, overwrite=args.force)  # before anything is issued
    store = _open(args.db)
    try:
        cli_auth.sign_in(store, args, "print")
        doc = sd.print_document(store, args.kind, args.patient, args.procedure, args.session)
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

    db = args.db or paths.default_db_path()
    dest = args.to or sb.default_backup_dir(db)
    cli_auth.run_as_system(None, "backup")
    result = sb.backup_now(db, dest, datetime.now())
    print(f"Backup written to {result.path} ({sb.human_size(result.size)}).")
    print("Verified: integrity_check ok"
          + (f"; {result.counts.get('patients', 0)} patient(s)." if result.counts else "."))
    return 0


def cmd_restore(args) -> int:
    from datetime import datetime

    from rejuv_desktop.services import backup as sb
    from rejuv_desktop.storage import private_files, writer_lock

    db = args.db or paths.default_db_path()
    if not db.parent.exists():
        private_files.private_dir(db.parent)
    with writer_lock.holding(db):  # across the whole swap: no writer can start meanwhile
        cli_auth.sign_in_before_restore(db, args)
        result = sb.restore(db, args.source, datetime.now())
    print(f"Restored {db} from {result.restored_from}"
          + (f" (backup of {result.backup_taken_at:%d/%m/%Y %H:%M})."
             if result.backup_taken_at else "."))
    if result.moved_aside:
        print("The database you had is kept, unchanged, as:")
        for path in result.moved_aside:
            print(f"  {path}")
    else:
        print("There was no database there before.")
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


def cmd_gui(args) -> int:
    from rejuv_desktop.ui.app import run_gui  # the only path that loads Qt

    return run_gui(args.db)


COMMANDS = {"demo": cmd_demo, "check": cmd_check, "import-patients": cmd_import, "gui": cmd_gui,
            "print": cmd_print, "lot-lookup": cmd_lot_lookup, "backup": cmd_backup,
            "restore": cmd_restore, "export-patient": cmd_export_patient,
            None: cmd_gui}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from rejuv_desktop.logs import set_database, setup_logging
    from rejuv_desktop.storage import private_files, writer_lock

    private_files.private_umask()
    if paths.data_dir().exists():  # the clinic's folder: the user's alone
        private_files.private_dir(paths.data_dir())
    writer_lock.set_program(APP_NAME if args.command in (None, "gui")
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
