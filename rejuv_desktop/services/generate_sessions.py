"""Generated procedure sessions: the checklist entries a completed session leaves behind.

Part of the benchmark clinic generator (``services.generate``): values follow the protocol's
fields, ranges and choices, so the record reads like a real one.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta, timezone

from rejuv_desktop.domain.protocols import SIDES, TIME_OUT, Field, Protocol
from rejuv_desktop.storage.sessions import lot_key

ZONE = timezone.utc
PRODUCTS = ["Hyaluronic acid 20 mg/ml", "Non-cross-linked HA 15 mg/ml", "Vitamin cocktail",
            "Polynucleotides 20 mg/ml", "Amino-acid complex"]
CANNULAS = ["blunt 3 mm", "Coleman 3 mm", "blunt 2.5 mm", "multiport 2.1 mm"]
ENTRY_COLUMNS = ("session_id", "key", "kind", "value_json", "practitioner_id", "at")
PRODUCT_COLUMNS = ("session_id", "patient_id", "row_number", "product", "lot", "lot_key",
                   "expiry", "quantity_ml")


def stamp(day: date, minutes: int) -> str:
    """An ISO time on ``day``, ``minutes`` after the clinic opens (08:30 UTC)."""
    return (datetime.combine(day, time(8, 30), ZONE) + timedelta(minutes=minutes)).isoformat(
        timespec="seconds")


def field_value(f: Field, rng: random.Random, day: date, number: int):
    """A plausible value for a protocol field, within its range and choices (and never an
    answer that stops the session)."""
    if f.id == "session_kind":
        return "series"
    if f.id == "session_number":
        return number
    if f.stop_when is not None:  # a question asked again on the day: the answer that goes on
        if isinstance(f.stop_when, bool):
            return not f.stop_when
        return next((c for c in f.choices if c != f.stop_when), None)
    if f.step_id == "anaesthesia" and f.id == "volume_ml":
        return round(rng.uniform(2, 10), 1)  # each anaesthetic entry stays well under the limit
    if f.step_id == "anaesthesia" and f.id == "concentration_percent":
        return rng.choice([0.5, 1])
    if f.type == "choice":
        choice = rng.choice(f.choices)
        return [choice] if f.multiple else choice
    if f.type in ("number", "integer"):
        lo = f.min if f.min is not None else 0
        hi = f.max if f.max is not None else lo + 10
        if f.type == "integer":
            return rng.randint(int(lo), int(lo + max(1, (hi - lo) // 2)))
        return round(rng.uniform(lo + (hi - lo) * 0.1, lo + (hi - lo) * 0.5), 1)
    if f.type == "date":
        return (day + timedelta(days=rng.randint(200, 700))).isoformat()
    if f.type == "bool":
        return rng.random() < 0.4
    if f.id == "cannula":
        return rng.choice(CANNULAS)
    if f.id == "name":
        return rng.choice(PRODUCTS)
    if f.id == "lot":
        return f"{rng.choice(['HA', 'VC', 'PN', 'AA'])}-{rng.randint(1000, 9999)}"
    return "Uneventful." if f.id == "notes" else ""


def session_entries(protocol: Protocol, rng: random.Random, session_id: int, pid: int,
                    day: date, number: int, actor: int) -> tuple[list[tuple], list[tuple]]:
    """A completed session's checklist entries (ticks, time-out, values) as rows of
    ``ENTRY_COLUMNS``, and its product lots as rows of ``PRODUCT_COLUMNS``."""
    entries: list[tuple] = []
    values: dict[str, object] = {}
    minute = 0

    def add(key: str, kind: str, value) -> None:
        nonlocal minute
        minute += rng.randint(0, 3)
        entries.append((session_id, key, kind, json.dumps(value, ensure_ascii=False), actor,
                        stamp(day, 30 + minute)))

    rows = rng.randint(1, 2)
    for step in protocol.steps:
        for item in step.items:
            if step.id == TIME_OUT:
                add(item.id, "time_out", True)
            elif item.required or rng.random() < 0.7:
                add(f"{step.id}.{item.id}", "item", True)
        for f in step.fields:
            if not f.required and f.id != "notes":
                continue
            if f.id == "notes" and rng.random() > 0.2:
                continue
            if f.repeat == "sides":
                instances = list(SIDES)
            elif f.repeat == "list":
                instances = list(range(1, rows + 1))
            elif isinstance(f.repeat, tuple):
                instances = list(f.repeat)
            else:
                instances = [None]
            for instance in instances:
                value = field_value(f, rng, day, number)
                values[f.key(instance)] = value
                add(f.key(instance), "field", value)
    if entries and rng.random() < 0.15:  # a corrected value: a newer entry, same key
        key = next((e[1] for e in entries if e[2] == "field"), None)
        if key:
            add(key, "field", json.loads(next(e[3] for e in entries if e[1] == key)))
    products = []
    if any(s.id == "products" for s in protocol.steps):
        for n in range(1, rows + 1):
            lot = values.get(f"products.lot.{n}")
            if lot:
                products.append((session_id, pid, n, values.get(f"products.name.{n}", ""),
                                 lot, lot_key(lot), values.get(f"products.expiry.{n}"),
                                 values.get(f"products.quantity_ml.{n}")))
    return entries, products


def stand_in_pdf() -> bytes:
    """A one-page PDF saying the document is generated (real consent PDFs are ~50 KB each;
    the archive keeps one per plan, which would make a generated clinic needlessly huge)."""
    text = b"BT /F1 14 Tf 72 770 Td (Generated record: stand-in for an archived PDF) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
               b" /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
