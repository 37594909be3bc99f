"""Records as earlier versions stored them, for tests that read them with today's code."""

from __future__ import annotations

import json
from pathlib import Path

from rejuv_desktop.storage import consultations as consultations_repo

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def recommendation_stored_as_words() -> dict:
    """A recommendation as versions before codes stored it: each line an English sentence,
    taken from a record of the demo clinic those versions made."""
    return json.loads((FIXTURES / "recommendation_stored_as_words.json").read_text(encoding="utf-8"))


def copy_with_recommendation(store, consultation_id: int, recommendation: dict) -> int:
    """A second finalised consultation like ``consultation_id`` but holding ``recommendation``
    as stored (what an earlier version wrote); returns its id."""
    c = consultations_repo.get_consultation(store, consultation_id)
    keys = ("patient_id", "practitioner_id", "started_at", "finalised_at", "amends_id",
            "amendment_reason", "record", "screening", "verdicts", "outcome")
    with store.write():
        return consultations_repo.insert_consultation(store, {**{k: c[k] for k in keys},
                                                "recommendation": recommendation})
