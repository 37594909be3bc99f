"""Recall of a product lot: every patient and session that received it."""

from __future__ import annotations

from dataclasses import dataclass

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.domain.protocols import is_empty, load_protocol
from rejuv_desktop.errors import ValidationError
from rejuv_desktop.services.sessions import product_rows
from rejuv_desktop.storage import sessions as sessions_repo


@dataclass(frozen=True)
class LotUse:
    """One session that used the lot, with the patient to contact."""

    patient_id: int
    patient_name: str
    date_of_birth: str
    phone: str
    session_id: int
    session_date: str
    session_status: str
    procedure: str
    product: str
    lot: str
    expiry: str | None
    quantity_ml: float | None


def lot_lookup(store, lot: str) -> list[LotUse]:
    """Every patient and session that received a product lot, sessions still in progress
    included, in date order. Spaces, punctuation and case are ignored in the comparison."""
    if is_empty(lot) or not sessions_repo.lot_key(lot):
        raise ValidationError({"lot": "Type the lot number to look for"})
    rows = sessions_repo.sessions_with_lot(store, lot)
    live = sessions_repo.open_sessions_with_lot_entries(store)
    values = sessions_repo.latest_values(store, [r["session_id"] for r in live])
    for r in live:
        for p in product_rows(load_protocol(r["procedure"]), values[r["session_id"]]):
            if sessions_repo.lot_key(p["lot"]) == sessions_repo.lot_key(lot):
                rows.append({**r, **p})
    rows.sort(key=lambda r: (r["session_date"], r["session_id"]))
    return [LotUse(r["patient_id"], dp.display_name(r), r["date_of_birth"],
                   r["phone"], r["session_id"], r["session_date"], r["status"], r["procedure"],
                   r["product"], r["lot"], r["expiry"], r["quantity_ml"]) for r in rows]
