"""The consultation as a typed, versioned record: each stored shape upgrades to the next."""

from __future__ import annotations

import json

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import consultation_record as cr
from rejuv_desktop.domain.consultation_record import ConsultationRecord, HandFindings

V1 = {  # as the first wizard stored it: no version, no overrides
    "concerns": ["volume_loss"], "concern_other": "", "goals": "Softer",
    "expectations_realistic": True, "expectations_note": "",
    "hands": {"left": {"merz": 3, "hydration": "poor", "elasticity": None, "texture": None,
                       "lentigines": "few", "suspicious_lesion": False, "notes": ""},
              "right": {"merz": 2, "hydration": None, "elasticity": None, "texture": None,
                        "lentigines": None, "suspicious_lesion": False, "notes": ""}},
    "fitzpatrick": "II", "weight_kg": 64, "donor_fat": "adequate",
    "answers": {"smoker": "yes"}, "details": {"smoker": "10 a day"},
    "justifications": {"fat_transfer": {"text": "Stops first", "by": "Dr A", "at": "x"}},
    "chosen": ["fat_transfer"], "plan": {"fat_transfer": {"sessions": 1, "start": "2026-12-14"}},
    "none_planned_reason": "", "notes": "",
}


def test_a_new_record_carries_the_current_version():
    assert ConsultationRecord().version == cr.VERSION
    assert dc.new_data()["version"] == cr.VERSION
    assert set(dc.new_data()["hands"]) == {"left", "right"}


def test_the_stored_version_is_recognised_for_each_shape():
    assert cr.stored_version(V1) == 1
    assert cr.stored_version({**V1, "overrides": {}, "unsupported_reasons": {}}) == 2
    assert cr.stored_version({**V1, "version": 3}) == 3


def test_v1_to_v2_adds_empty_overrides_and_reasons():
    out = cr.UPGRADES[1](json.loads(json.dumps(V1)))
    assert out["overrides"] == {} and out["unsupported_reasons"] == {}
    assert cr.stored_version(out) == 2
    assert {k: v for k, v in out.items() if k not in ("overrides", "unsupported_reasons")} == V1


def test_v2_to_v3_drops_a_yes_a_finding_gives_and_keeps_typed_answers():
    v2 = json.loads(json.dumps({**V1, "overrides": {"fat_transfer": {"text": "ok"}},
                                "unsupported_reasons": {}}))
    v2["hands"]["left"]["suspicious_lesion"] = True
    v2["hands"]["right"]["merz"] = "2"
    v2["answers"].update(suspicious_skin_lesion="yes", insufficient_donor_fat="yes")
    out = cr.UPGRADES[2](v2)
    # The lesion's "yes" comes from the finding each time; donor fat was judged adequate, so the
    # typed "yes" to insufficient donor fat stays what was typed.
    assert out["answers"] == {"smoker": "yes", "insufficient_donor_fat": "yes"}
    assert out["hands"]["right"]["merz"] == 2
    assert out["overrides"] == {"fat_transfer": {"text": "ok"}}
    record = ConsultationRecord.from_dict(v2)
    assert dc.screening_answers(record)["suspicious_skin_lesion"] == "yes"


def test_every_older_shape_reads_as_the_typed_record():
    record = ConsultationRecord.from_dict(V1)
    assert record.version == cr.VERSION
    assert record.hand("left") == HandFindings(merz=3, hydration="poor", lentigines="few")
    assert record.overrides == {} and record.chosen == ["fat_transfer"]
    assert record.justifications["fat_transfer"]["by"] == "Dr A"
    assert record.hand_grades() == [("left", "merz", 3), ("left", "hydration", "poor"),
                                    ("left", "lentigines", "few"), ("right", "merz", 2)]


def test_json_round_trip_and_upgrading_does_not_change_the_stored_dict():
    original = json.loads(json.dumps(V1))
    record = ConsultationRecord.from_dict(original)
    assert original == V1  # read, never rewritten
    again = ConsultationRecord.from_json(record.to_json())
    assert again == record and json.loads(again.to_json())["version"] == cr.VERSION


def test_empty_or_missing_values_read_as_empty():
    record = ConsultationRecord.from_dict({"answers": None, "chosen": None, "hands": None})
    assert record.answers == {} and record.chosen == [] and record.hand("left").merz is None
    assert dc.screening_answers(record) == {}


def test_grades_kept_apart_are_laid_back_over_the_record():
    record = ConsultationRecord.from_dict(V1)
    stored = record.to_dict()
    for hand in stored["hands"].values():
        for scale in HandFindings.GRADED:
            hand.pop(scale)
    rows = [{"side": s, "scale": sc, "grade": g} for s, sc, g in record.hand_grades()]
    assert ConsultationRecord.from_dict(stored).with_grades(rows) == record


def test_derived_answers_are_recomputed_not_stored():
    data = dc.new_data()
    data["hands"]["left"]["suspicious_lesion"] = True
    record = dc.record(data)
    assert "suspicious_skin_lesion" not in record.answers
    assert dc.derived_answers(record) == {"suspicious_skin_lesion": "yes"}
    record.hands["left"].suspicious_lesion = False
    assert dc.derived_answers(record) == {}
