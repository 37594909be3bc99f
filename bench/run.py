"""Performance at clinic scale: every figure beside its baseline, measured in the same run.

    make bench                          # 10,000 and 100,000 patients (generated once, cached)
    python bench/run.py --quick         # tiny clinics, a few seconds (the smoke test runs this)
    python bench/run.py --sizes 20000,200000 --out results.json

The largest size is the clinic measured; the smallest is the start of the growth figure (7).
Generated databases are kept in ``bench/.data/`` (ignored by git), one per size and seed; ticks
recorded by figure 4 go into the largest one, in a session kept for that purpose.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import clinics  # noqa: E402
import measure as m  # noqa: E402


@dataclass
class Row:
    figure: str
    measured: str
    baseline: str
    ratio: float | None
    target: str
    ok: bool | None
    """None: reported, no target."""
    cache: str = "warm"
    """Whether the system's file cache held the files read ("warm") or was emptied first."""
    fsync_ms: float | None = None
    """The disk's fsync latency measured in the same run (filled in by ``main``)."""


def ms(value: float) -> str:
    return f"{value:.1f} ms" if value < 1000 else f"{value / 1000:.2f} s"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny clinics and few repetitions (checks the bench itself runs)")
    parser.add_argument("--sizes", help="patients per clinic, comma-separated "
                                        "(default 10000,100000; --quick: 200,600)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, help="cold starts of each kind (default 7)")
    parser.add_argument("--queries", type=int, help="typed queries (default 200)")
    parser.add_argument("--skip-startup-check", action="store_true",
                        help="do not time the full integrity check (minutes at 100,000)")
    parser.add_argument("--cold-runs", type=int,
                        help="starts of each kind with the file cache emptied first (default 3; "
                             "0: none; needs root, else the files are evicted one by one)")
    parser.add_argument("--data", type=Path, default=clinics.DATA_DIR,
                        help="folder for the generated databases")
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    sizes = args.sizes or ("200,600" if args.quick else "10000,100000")
    args.sizes = sorted({int(s.replace("_", "")) for s in sizes.split(",")})
    args.runs = args.runs or (2 if args.quick else 7)
    if args.cold_runs is None:
        args.cold_runs = 1 if args.quick else 3
    args.queries = args.queries or (20 if args.quick else 200)
    args.opens = 3 if args.quick else 15
    args.ticks = 6 if args.quick else 40
    args.pdfs = 2 if args.quick else 15
    args.audits = 2 if args.quick else 9
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    began = time.perf_counter()
    machine = m.machine()
    print(f"Machine: {machine.line()}", flush=True)
    generated = {n: clinics.cached_clinic(n, args.seed, args.data) for n in args.sizes}
    big = max(args.sizes)
    small = min(args.sizes)
    big_db, big_clinic = generated[big]
    counts = big_clinic.counts
    print(f"Clinic measured: {big:,} patients, {counts['consultations']:,} consultations, "
          f"{counts['session_entries']:,} checklist entries, {counts['audit_log']:,} audit rows; "
          f"{big_db.stat().st_size / 2**20:,.0f} MiB (seed {args.seed})", flush=True)

    results: dict = {"machine": machine.__dict__, "sizes": args.sizes, "seed": args.seed,
                     "counts": counts}
    fsync_before = m.fsync_latency_ms(big_db.parent)
    print(f"Disk: fsync {fsync_before:.2f} ms (median of 30, beside the databases)", flush=True)
    print("Timing starts …", flush=True)
    results["start"] = m.start_figures(big_db, args.runs)
    ui = {}
    for n in args.sizes:
        print(f"Typing searches and opening records on {n:,} patients …", flush=True)
        db, clinic = generated[n]
        ui[n] = m.ui_figures(db, clinic.busy_patient_id, args.queries, args.opens)
    results["ui"] = {str(n): ui[n] for n in args.sizes}
    print("Timing checklist ticks …", flush=True)
    results["tick"] = m.tick_figures(big_db, big_clinic.tick_session_id, args.ticks)
    print("Timing the outcomes audit …", flush=True)
    results["audit"] = m.audit_figures(big_db, args.audits)
    print("Timing consent PDFs …", flush=True)
    results["consent"] = m.consent_figures(args.pdfs)
    # After the figures measured with a warm file cache, which emptying it would disturb.
    if args.cold_runs:
        print("Timing starts with the file cache emptied before each …", flush=True)
        results["start_cold"] = m.start_figures(big_db, args.cold_runs, cold=True)
        if results["start_cold"] is None:
            print("  skipped: the file cache cannot be emptied here (not root, and no "
                  "posix_fadvise)", flush=True)
    if not args.skip_startup_check:
        # Last: it reads the whole file, and would push the other figures' pages out of the
        # system's file cache.
        print("Timing the full integrity check …", flush=True)
        results["startup_check"] = m.startup_check_seconds(big_db)

    fsync_after = m.fsync_latency_ms(big_db.parent)
    results["fsync_ms"] = [fsync_before, fsync_after]
    rows = figures(results, big, small)
    for row in rows:
        row.fsync_ms = (fsync_before + fsync_after) / 2
    print()
    print(table(rows))
    print()
    print(f"Machine: {machine.line()}; load average {load_average()}")
    print(f"Disk: fsync {fsync_before:.2f} ms at the start of the run, {fsync_after:.2f} ms at "
          "the end (the fsync column is their mean)")
    print(f"Sizes: {', '.join(f'{n:,}' for n in args.sizes)} patients; seed {args.seed}; "
          f"{args.runs} starts of each kind (and {args.cold_runs} with the file cache emptied); {ui[big]['keystrokes']} keystrokes over "
          f"{len(ui[big]['queries'])} queries; {args.opens} record openings; "
          f"{args.ticks} ticks; {args.pdfs} PDFs. Bench took {time.perf_counter() - began:.0f} s.")
    results["rows"] = [r.__dict__ for r in rows]
    if args.out:
        args.out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def start_rows(start: dict, cache: str) -> list[Row]:
    app_s, bare_s = m.median(start["app_s"]), m.median(start["bare_s"])
    when = "" if cache == "warm" else ", file cache emptied first"
    rows = [Row(f"1. Start to main window shown and list filled (after a clean exit{when})",
                ms(app_s * 1000), f"bare QMainWindow {ms(bare_s * 1000)}", app_s / bare_s,
                "≤ 1.5x", app_s / bare_s <= 1.5, cache)]
    unclean_s = m.median(start["unclean_s"])
    rows.append(Row(f"1b. Start after an unclean exit: window shown, list filled, check running "
                    f"behind it{when}", ms(unclean_s * 1000),
                    f"bare QMainWindow {ms(bare_s * 1000)}", unclean_s / bare_s, "≤ 1.5x",
                    unclean_s / bare_s <= 1.5, cache))
    return rows


def figures(r: dict, big: int, small: int) -> list[Row]:
    start, ui_big, ui_small = r["start"], r["ui"][str(big)], r["ui"][str(small)]
    rows = start_rows(start, "warm")
    if r.get("start_cold"):
        rows += start_rows(r["start_cold"], r["start_cold"]["cache"])
    if "startup_check" in r:
        check, bare_check = r["startup_check"]["check_s"], r["startup_check"]["bare_s"]
        rows.append(Row("1c. The integrity check behind it, with its progress (saves wait this "
                        "long; reading does not)", ms(check * 1000),
                        f"bare PRAGMA quick_check {ms(bare_check * 1000)}", check / bare_check,
                        "≤ 1.1x", check / bare_check <= 1.1))
    model = ui_big["search_model_ms"]
    bare_page = ui_big["search_bare_ms"]
    rows.append(Row(f"2. Search as you type, text change to model updated ({big:,}), p95",
                    f"p95 {ms(m.percentile(model, 95))}, median {ms(m.median(model))}",
                    f"indexed page p95 {ms(m.percentile(bare_page, 95))}",
                    m.percentile(model, 95) / m.percentile(bare_page, 95), "p95 ≤ 16 ms",
                    m.percentile(model, 95) <= 16))
    keys = ui_big["search_keystroke_ms"]
    painted = ui_big["search_paint_ms"]
    rows.append(Row("2b. Whole keystroke (list, first match selected, its name and alerts; "
                    "its tabs fill when typing pauses), p95",
                    f"p95 {ms(m.percentile(keys, 95))}, median {ms(m.median(keys))}; "
                    f"repainted p95 {ms(m.percentile(painted, 95))}",
                    f"indexed page p95 {ms(m.percentile(bare_page, 95))}",
                    m.percentile(keys, 95) / m.percentile(bare_page, 95), "p95 ≤ 16 ms",
                    m.percentile(keys, 95) <= 16))
    if ui_big.get("pause_fill_ms"):
        fills = ui_big["pause_fill_ms"]
        rows.append(Row("2c. Typing paused: the first match's record tab filled and painted, "
                        "p95", f"p95 {ms(m.percentile(fills, 95))}, median {ms(m.median(fills))}",
                        "", None, "", None))
    opened, bare_open = m.median(ui_big["open_paint_ms"]), m.median(ui_big["open_bare_ms"])
    first = ui_big.get("first_open_ms", ui_big["open_paint_ms"][0])
    rows.append(Row("3. Open the patient with 50 consultations and sessions, the tab in view "
                    "filled and painted: median (first in the process)",
                    f"median {ms(opened)}, first {ms(first)}",
                    f"every tab's rows read with plain SQL {ms(bare_open)}", opened / bare_open,
                    "≤ 50 ms", opened <= 50 and first <= 50))
    if ui_big.get("tab_first_shown_ms"):
        shown = ui_big["tab_first_shown_ms"]
        slowest = max(shown, key=shown.get)
        rows.append(Row("3b. Each other tab of that record shown the first time (built, "
                        "filled, painted): slowest",
                        f"{ms(shown[slowest])} ({slowest})",
                        ", ".join(f"{k} {v:.0f}" for k, v in shown.items() if k != slowest)
                        + " ms", None, "", None))
    tick, bare_commit = m.median(r["tick"]["tick_ms"]), m.median(r["tick"]["bare_ms"])
    rows.append(Row("4. Checklist tick saved durably (services.sessions.tick)", ms(tick),
                    f"bare commit, synchronous=FULL {ms(bare_commit)}", tick / bare_commit,
                    "≤ 2x", tick / bare_commit <= 2))
    pdf, bare_pdf = m.median(r["consent"]["consent_ms"]), m.median(r["consent"]["bare_ms"])
    rows.append(Row(f"5. Consent PDF ({r['consent']['pages']} pages)", ms(pdf),
                    f"bare ReportLab, same text and fonts {ms(bare_pdf)}", pdf / bare_pdf,
                    "≤ 2x", pdf / bare_pdf <= 2))
    peak, bare_peak = max(start["app_peak_mib"]), max(start["bare_peak_mib"])
    rows.append(Row("6. Peak memory, window shown and list filled", f"{peak:.0f} MiB",
                    f"bare QMainWindow {bare_peak:.0f} MiB", peak / bare_peak, "≤ 150 MiB",
                    peak <= 150))
    used = ui_big["peak_kib"] / 1024
    rows.append(Row("6b. Peak memory after all the typing and record openings above",
                    f"{used:.0f} MiB", f"bare QMainWindow {bare_peak:.0f} MiB",
                    used / bare_peak, "≤ 150 MiB", used <= 150))
    growth_search = (m.percentile(ui_big["search_model_ms"], 95)
                     / m.percentile(ui_small["search_model_ms"], 95))
    rows.append(Row(f"7. Growth {small:,} → {big:,} patients: search p95 (2.)",
                    f"{ms(m.percentile(ui_big['search_model_ms'], 95))}",
                    f"{ms(m.percentile(ui_small['search_model_ms'], 95))} at {small:,}",
                    growth_search, "≤ 1.5x", growth_search <= 1.5))
    growth_keys = m.percentile(keys, 95) / m.percentile(ui_small["search_keystroke_ms"], 95)
    rows.append(Row(f"7b. Growth {small:,} → {big:,} patients: whole keystroke p95 (2b.)",
                    f"{ms(m.percentile(keys, 95))}",
                    f"{ms(m.percentile(ui_small['search_keystroke_ms'], 95))} at {small:,}",
                    growth_keys, "≤ 1.5x", growth_keys <= 1.5))
    growth_open = opened / m.median(ui_small["open_ms"])
    rows.append(Row(f"7c. Growth {small:,} → {big:,} patients: opening the record (3.)",
                    ms(opened), f"{ms(m.median(ui_small['open_ms']))} at {small:,}",
                    growth_open, "≤ 1.5x", growth_open <= 1.5))
    audit, bare_audit = m.median(r["audit"]["audit_ms"]), m.median(r["audit"]["bare_ms"])
    rows.append(Row(f"8. Outcomes audit over the whole clinic ({r['audit']['sessions']:,} "
                    "sessions): responders, GAIS, complications, loss to follow-up",
                    ms(audit), f"bare count of the rows it reads {ms(bare_audit)}",
                    audit / bare_audit, "≤ 500 ms", audit <= 500))
    outcome, bare_outcome = m.median(ui_big["outcome_ms"]), m.median(ui_big["outcome_bare_ms"])
    rows.append(Row("8b. Open a record's outcome view (the busy patient: chart and timeline)",
                    f"median {ms(outcome)}", f"SQL reads alone {ms(bare_outcome)}",
                    outcome / bare_outcome, "≤ 50 ms", outcome <= 50))
    return rows


def table(rows: list[Row]) -> str:
    head = ("Figure", "Measured", "Baseline", "Ratio", "Target", "Result", "Cache", "fsync")
    cells = [head] + [(r.figure, r.measured, r.baseline,
                       "" if r.ratio is None else f"{r.ratio:.2f}x", r.target,
                       "" if r.ok is None else ("PASS" if r.ok else "MISS"), r.cache,
                       "" if r.fsync_ms is None else f"{r.fsync_ms:.2f} ms") for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = [" | ".join(c[i].ljust(widths[i]) for i in range(len(head))) for c in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
