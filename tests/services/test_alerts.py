"""The patient's allergies and active cautions, read from the newest consultation."""

from rejuv_desktop.services import alerts as sa
from rejuv_desktop.services import consultations as sc
from tests.services.test_consultations import complete_data, patient, signed_in  # noqa: F401


def finalise(store, patient_id, data) -> int:
    draft = sc.start_consultation(store, patient_id)
    sc.save_draft(store, draft.id, data, page=6)
    return sc.finalise(store, draft.id)


def test_no_consultation_says_allergies_are_not_known(store, signed_in, patient):  # noqa: F811
    alerts = sa.patient_alerts(store, patient)
    assert alerts.consultation_id is None
    assert [a.kind for a in alerts.alerts] == ["no_screening"]


def test_allergies_with_details_cautions_and_deferrals(store, signed_in, patient):  # noqa: F811
    data = complete_data()
    data["answers"].update(nickel_allergy="yes", allergy_lidocaine="yes")
    data["details"] = {"allergy_lidocaine": "Hives after articaine"}
    data["chosen"] = ["fat_transfer"]
    data["plan"] = {"fat_transfer": data["plan"]["fat_transfer"]}
    data["justifications"] = {"fat_transfer": {"text": "Prilocaine instead"}}
    cid = finalise(store, patient, data)
    alerts = sa.patient_alerts(store, patient)
    assert alerts.consultation_id == cid
    allergies = {a.text: a.detail for a in alerts.allergies}
    assert allergies["the patient is allergic to local anaesthetics such as lidocaine"] == \
        "Hives after articaine"
    assert "the patient is allergic to nickel or other metals" in allergies
    (caution,) = [a for a in alerts.cautions if a.kind == "caution"]
    assert caution.procedure == "fat_transfer" and caution.detail.startswith("Prilocaine instead")
    # An amendment replaces what it amends: the allergy corrected away is gone.
    draft = sc.start_amendment(store, cid, "Nickel allergy was a misunderstanding")
    data["answers"]["nickel_allergy"] = "no"
    sc.save_draft(store, draft.id, data, page=6)
    sc.finalise(store, draft.id)
    texts = [a.text for a in sa.patient_alerts(store, patient).allergies]
    assert "the patient is allergic to nickel or other metals" not in texts
