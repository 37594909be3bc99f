"""The clinic server at clinic scale: several workstations on one PostgreSQL server over
loopback, each figure beside a baseline measured in the same run.

    make bench                               # 100,000 patients (part of the whole bench)
    python bench/server.py --quick           # a tiny clinic, a few seconds (smoke test)
    python bench/server.py --patients 20000 --out server.json

A throw-away PostgreSQL server is started from the machine's binaries (as the tests do), with
its durable settings (fsync and synchronous commit on), in a temporary folder; it is removed at
the end. The clinic is generated on it by the clinic generator, through the store (the same
rows, triggers and audit chain as on a workstation's file). Then:

9.  Five workstation processes at once, connected as the app's role: each types realistic
    queries a key at a time (``services.patients.search_patients``, the patient list's page)
    and ticks a checklist item in its own session between queries (``services.sessions.tick``,
    committed). p95 over every keystroke and every tick of all five, beside a bare round trip
    (``SELECT 1``) and a bare committed one-row insert measured by the same five at the same
    time.
9b. Conflicts: two workstation processes save the same patient 1,000 times each, each save
    over the version it read; a refused save is read again and saved again. Lost edits (a save
    reported as done that is not in the record's history) and merged edits (a saved record
    mixing two saves) are counted from the audit trail: both must be 0.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import measure as m  # noqa: E402

WORKSTATIONS = 5
TICK_KEY = "todays_check.no_infection"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tiny clinic, few repetitions")
    parser.add_argument("--patients", type=int, help="patients in the clinic (default 100,000;"
                                                     " --quick: 300)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, help="queries typed by each workstation "
                                                    "(default 60; --quick: 5)")
    parser.add_argument("--saves", type=int, help="saves of each workstation in the conflict "
                                                  "run (default 1,000; --quick: 30)")
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    args.patients = args.patients or (300 if args.quick else 100_000)
    args.queries = args.queries or (5 if args.quick else 60)
    args.saves = args.saves or (30 if args.quick else 1000)
    return args


# --- the workstations (child processes) ------------------------------------------------------


def _workstation(url: str, number: int, queries: list[str], session_id: int, actor: int,
                 start_at: float, results) -> None:
    """Type ``queries`` a key at a time and tick between them; bare round trips and commits
    interleaved. Puts its timings (ms) on ``results``."""
    from rejuv_desktop.services import patients as sp
    from rejuv_desktop.services import sessions as ss
    from rejuv_desktop.storage import open_store

    store = open_store(url)
    store.actor_id = actor
    raw = store.conn.raw
    ss.tick(store, session_id, TICK_KEY, True)  # protocol loaded, as after the first tick
    sp.search_patients(store, "a", limit=201)
    out = {"search": [], "tick": [], "round_trip": [], "commit": []}
    while time.time() < start_at:
        time.sleep(0.005)
    for n, query in enumerate(queries):
        for i in range(1, len(query) + 1):
            t0 = time.perf_counter()
            sp.search_patients(store, query[:i], limit=201)
            t1 = time.perf_counter()
            raw.execute("SELECT 1").fetchone()
            t2 = time.perf_counter()
            out["search"].append((t1 - t0) * 1000)
            out["round_trip"].append((t2 - t1) * 1000)
        t0 = time.perf_counter()
        ss.tick(store, session_id, TICK_KEY, n % 2 == 1)
        t1 = time.perf_counter()
        with raw.transaction():
            raw.execute("INSERT INTO bench_bare (x) VALUES (%s)", (f"{number}: tick {n}",))
        t2 = time.perf_counter()
        out["tick"].append((t1 - t0) * 1000)
        out["commit"].append((t2 - t1) * 1000)
    store.close()
    results.put(out)


def _saver(url: str, name: str, patient_id: int, actor: int, saves: int, start_at: float,
           results) -> None:
    """Save the patient ``saves`` times, each over the version read; a refused save is read
    and saved again. Puts what it saved (tag, version saved over) and its refusals."""
    from rejuv_desktop.errors import RecordChanged
    from rejuv_desktop.services import patients as sp
    from rejuv_desktop.storage import open_store

    store = open_store(url)
    store.actor_id = actor
    saved, refused = [], 0
    while time.time() < start_at:
        time.sleep(0.005)
    for n in range(saves):
        tag = f"{name}-{n}"
        while True:
            record = sp.get_patient(store, patient_id)
            data = {k: record[k] for k in ("given_name", "family_name", "date_of_birth", "sex",
                                           "phone", "email", "address", "preferred_language",
                                           "fitzpatrick", "notes")}
            # Two fields carry the tag: a record mixing two saves would show two tags.
            data.update(notes=f"Edit {tag}", address=f"{tag} Quay Street")
            try:
                sp.update_patient(store, patient_id, data, expected_version=record["version"])
                saved.append((tag, record["version"]))
                break
            except RecordChanged:
                refused += 1
    store.close()
    results.put({"name": name, "saved": saved, "refused": refused})


# --- the run ---------------------------------------------------------------------------------


def _sessions_for(store, clinic, count: int) -> list[int]:
    """``count`` sessions in progress, one per workstation: the generated one, and sessions
    started (as a doctor, early when the plan asks) on other plans with a signed consent."""
    from rejuv_desktop.services import sessions as ss

    sessions = [clinic.tick_session_id]
    plans = [r[0] for r in store.conn.execute(
        "SELECT p.id FROM plans p WHERE p.status IN ('planned', 'in_progress') AND NOT EXISTS"
        " (SELECT 1 FROM sessions s WHERE s.plan_id = p.id AND s.status = 'in_progress')"
        " AND EXISTS (SELECT 1 FROM documents d WHERE d.plan_id = p.id AND d.signed_of IS NOT"
        " NULL) ORDER BY p.id LIMIT 400").fetchall()]
    for plan in plans:
        if len(sessions) >= count:
            break
        try:
            sessions.append(ss.start_session(store, plan))
        except Exception:  # noqa: BLE001 - a plan not startable today: the next one
            try:
                sessions.append(ss.start_session(store, plan, early_reason=(
                    "Benchmark: a session started to tick in, not a patient's session.")))
            except Exception:  # noqa: BLE001
                continue
    while len(sessions) < count:  # a tiny clinic: workstations share a session
        sessions.append(sessions[len(sessions) % max(1, len(sessions))])
    return sessions


def main(argv=None) -> int:
    args = parse_args(argv)
    began = time.perf_counter()
    from tests import pg

    from rejuv_desktop.services import patients as sp
    from rejuv_desktop.services.generate import generate_clinic
    from rejuv_desktop.storage import audit, open_store
    from rejuv_desktop.storage import pg as engine

    import ui_timings

    bindir = pg.find_bindir()
    if bindir is None:
        print("No PostgreSQL server binaries (initdb, pg_ctl): the clinic server figures are "
              "skipped. Install postgresql (Debian) to measure them.")
        return 0
    machine = m.machine()
    print(f"Machine: {machine.line()}", flush=True)
    # Durable, as a clinic's server is: the tests' cluster turns these off for speed.
    cluster = pg.Cluster(bindir, options="-c fsync=on -c synchronous_commit=on "
                                         "-c full_page_writes=on -c shared_buffers=256MB")
    results: dict = {"machine": machine.__dict__, "patients": args.patients}
    try:
        cluster.start()
        version = cluster_version(cluster)
        print(f"PostgreSQL {version}, over loopback (127.0.0.1)", flush=True)
        admin = cluster.new_database()
        engine.server_init(admin)
        app = admin.replace(f"{pg.ADMIN}@", f"{engine.APP_ROLE}@")
        print(f"Generating a clinic of {args.patients:,} patients on the server …", flush=True)
        t0 = time.perf_counter()
        store = open_store(admin)

        def progress(done, total):
            if done == total or done % max(1, total // 10) < 1000:
                print(f"  {done:,}/{total:,} patients, {time.perf_counter() - t0:.0f} s",
                      flush=True)

        clinic = generate_clinic(store, args.patients, args.seed, progress=progress)
        results["generate_s"] = time.perf_counter() - t0
        results["counts"] = clinic.counts
        store.close()
        import psycopg

        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            # The baseline's table: a bare one-row insert, committed, by the same role.
            conn.execute("CREATE TABLE bench_bare (id bigserial PRIMARY KEY, x text NOT NULL)")
            conn.execute(f"GRANT INSERT ON bench_bare TO {engine.APP_ROLE}")
            conn.execute(f"GRANT USAGE ON SEQUENCE bench_bare_id_seq TO {engine.APP_ROLE}")
        store = open_store(admin)
        store.actor_id = store.scalar("SELECT min(id) FROM practitioners WHERE id > 0")
        actor = store.actor_id
        sessions = _sessions_for(store, clinic, WORKSTATIONS)
        queries = ui_timings.realistic_queries(store, args.queries * WORKSTATIONS)
        patient = clinic.busy_patient_id
        store.close()
        counts = clinic.counts
        print(f"Clinic on the server: {args.patients:,} patients, "
              f"{counts['consultations']:,} consultations, {counts['session_entries']:,} "
              f"checklist entries, {counts['audit_log']:,} audit rows "
              f"(generated in {results['generate_s']:.0f} s)", flush=True)

        ctx = mp.get_context("spawn")
        print(f"{WORKSTATIONS} workstations searching and ticking at once …", flush=True)
        queue = ctx.Queue()
        start_at = time.time() + 8
        procs = [ctx.Process(target=_workstation, args=(
            app, n, queries[n::WORKSTATIONS], sessions[n], actor, start_at, queue))
            for n in range(WORKSTATIONS)]
        for p in procs:
            p.start()
        parts = [queue.get(timeout=7200) for _ in procs]
        for p in procs:
            p.join()
        work = {k: [v for part in parts for v in part[k]] for k in parts[0]}
        results["workstations"] = work

        print(f"Two workstations saving one patient {args.saves:,} times each …", flush=True)
        queue = ctx.Queue()
        start_at = time.time() + 6
        procs = [ctx.Process(target=_saver, args=(app, name, patient, actor, args.saves,
                                                  start_at, queue))
                 for name in ("reception", "room-1")]
        for p in procs:
            p.start()
        savers = [queue.get(timeout=7200) for _ in procs]
        for p in procs:
            p.join()
        store = open_store(admin)
        results["conflict"] = conflict_result(store, patient, savers)
        results["chain_ok"] = audit.verify_chain(store).ok
        assert sp.get_patient(store, patient)["version"] >= 1
        store.close()
    finally:
        cluster.stop()

    rows = figures(results)
    print()
    print(table(rows))
    print()
    c = results["conflict"]
    print(f"Machine: {machine.line()}. PostgreSQL {version}, durable (fsync, synchronous "
          f"commit). {WORKSTATIONS} workstations x {args.queries} queries "
          f"({len(results['workstations']['search'])} keystrokes, "
          f"{len(results['workstations']['tick'])} ticks); conflict run: "
          f"{c['saves']:,} saves kept, {c['refused']:,} refused and saved again; audit chain "
          f"{'intact' if results['chain_ok'] else 'BROKEN'}. Bench took "
          f"{time.perf_counter() - began:.0f} s.")
    results["rows"] = [r.__dict__ for r in rows]
    results["postgresql"] = version
    if args.out:
        args.out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0 if c["lost"] == 0 and c["merged"] == 0 and results["chain_ok"] else 1


def cluster_version(cluster) -> str:
    import psycopg

    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        return conn.execute("SHOW server_version").fetchone()[0].split()[0]


def conflict_result(store, patient_id: int, savers: list[dict]) -> dict:
    """Lost and merged edits, from the patient's audit trail.

    A save reported as done is lost when no audit row of the patient shows its tag; a saved
    record is merged when its two tagged fields name two different saves; two saves over the
    same version (the second would have overwritten the first unseen) count as merged too."""
    import json as json_

    history = [json_.loads(r["after_json"]) for r in store.query(
        "SELECT after_json FROM audit_log WHERE table_name = 'patients' AND row_id = ?"
        " AND action = 'update' ORDER BY id", (patient_id,))]
    tags_in_history = []
    merged = 0
    for row in history:
        notes_tag = (row.get("notes") or "").removeprefix("Edit ")
        address_tag = (row.get("address") or "").removesuffix(" Quay Street")
        if notes_tag != address_tag:
            merged += 1
        tags_in_history.append(notes_tag)
    saved = [s for saver in savers for s in saver["saved"]]
    bases = [base for _tag, base in saved]
    merged += len(bases) - len(set(bases))
    lost = len({tag for tag, _base in saved} - set(tags_in_history))
    return {"saves": len(saved), "refused": sum(s["refused"] for s in savers), "lost": lost,
            "merged": merged, "history": len(history)}


def figures(r: dict) -> list:
    from run import Row, ms

    w = r["workstations"]
    search, trip = m.percentile(w["search"], 95), m.percentile(w["round_trip"], 95)
    tick, commit = m.percentile(w["tick"], 95), m.percentile(w["commit"], 95)
    c = r["conflict"]
    n = f"{r['patients']:,}"
    return [
        Row(f"9. Server, {WORKSTATIONS} workstations at once ({n} patients): search as you "
            "type, each keystroke's page of matches, p95",
            f"p95 {ms(search)}, median {ms(m.median(w['search']))}",
            f"bare round trip (SELECT 1) p95 {ms(trip)}", search / trip, "p95 ≤ 16 ms",
            search <= 16),
        Row(f"9a. Server, {WORKSTATIONS} workstations at once: checklist tick committed, p95",
            f"p95 {ms(tick)}, median {ms(m.median(w['tick']))}",
            f"bare one-row insert committed p95 {ms(commit)}", tick / commit, "p95 ≤ 10 ms",
            tick <= 10),
        Row(f"9b. Server: two workstations saving one patient {c['saves']:,} times "
            f"({c['refused']:,} saves refused as changed elsewhere, read and saved again)",
            f"{c['lost']} lost, {c['merged']} merged", f"{c['history']:,} saves in the "
            "audit trail", None, "0 lost, 0 merged", c["lost"] == 0 and c["merged"] == 0),
    ]


def table(rows: list) -> str:
    from run import table as run_table

    return run_table(rows)


if __name__ == "__main__":
    sys.exit(main())
