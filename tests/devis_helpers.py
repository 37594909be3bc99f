"""A clinic in France with a price list, and a plan ready for its quote (devis)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rejuv_desktop import content
from rejuv_desktop.services import devis
from rejuv_desktop.services import settings as sset
from tests.session_helpers import add_patient, add_practitioner

PRICES = """
id = "prices"
version = 1
currency = "EUR"

[[items]]
id = "fat_transfer_act"
procedure = "fat_transfer"
kind = "act"
per = "session"
amount = 2400
label = { fr = "Transfert de graisse autologue aux deux mains : honoraires", en = "Fat transfer: fees" }

[[items]]
id = "fat_transfer_product"
procedure = "fat_transfer"
kind = "product"
per = "session"
amount = 150
label = { fr = "Matériel de prélèvement et de réinjection (canules stériles)", en = "Harvesting and reinjection cannulas" }

[[items]]
id = "mesotherapy_act"
procedure = "mesotherapy"
kind = "act"
per = "session"
amount = {meso}
label = { fr = "Séance de mésothérapie : honoraires", en = "Mesotherapy session: fees" }
"""


def price_list(folder: Path, meso_per_session: int = 90) -> None:
    """The clinic's own price list, in its content overrides folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "prices.toml").write_text(PRICES.replace("{meso}", str(meso_per_session)),
                                        encoding="utf-8")
    content.use_overrides_dir(folder)


def clinic_in(store, country: str = "FR") -> None:
    """The clinic's details, in ``country``, saved by its administrator (the signed-in
    practitioner, the clinic's first account)."""
    sset.save_settings(store, {"clinic_name": "Clinique des Mains",
                               "clinic_phone": "01 23 45 67 89", "clinic_country": country})


def signed_devis(store, plan_id: int, clock=None, days_ago: int = 0) -> tuple[int, int]:
    """Issue the plan's quote from the price list and record the patient's signature on paper
    ``days_ago`` days back (the clock is moved back, then forward again). Returns (issued id,
    signed id)."""
    if days_ago and clock is not None:
        clock.advance(days=-days_ago)
    issued = devis.issue_devis(store, plan_id)
    signed = devis.sign_devis(store, issued.id, "screen", "Marie Dupont (assistante)",
                              image_png=_png())
    if days_ago and clock is not None:
        clock.advance(days=days_ago)
    return issued.id, signed.id


def _png() -> bytes:
    from tests.documents.docs_helpers import png

    return png()


# Fixtures the quote's tests share (imported by name into each test module).


@pytest.fixture
def actor(store):
    return add_practitioner(store)


@pytest.fixture
def patient(store, actor):
    return add_patient(store, "Élodie", "Lefèvre")


@pytest.fixture
def prices(tmp_path):
    price_list(tmp_path / "content")
    yield tmp_path / "content"
    content.use_overrides_dir(None)


@pytest.fixture
def france(store, actor, prices):
    clinic_in(store, "FR")
