"""The quote (devis) French law requires, and the 15 days after its signature as a gate on the
session: refused on day 14, allowed on day 15, never waived; an unsigned quote blocks; the
mesotherapy quote from 300 euros; a clinic outside France sees none of it."""

from datetime import timedelta

import pytest

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import devis
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.storage import plans as plans_repo
from rejuv_desktop.storage import practitioners as practitioners_repo
from tests.devis_helpers import actor, france, patient, prices  # noqa: F401 - fixtures
from tests.devis_helpers import clinic_in, price_list, signed_devis
from tests.session_helpers import add_plan


def test_the_session_is_refused_on_day_14_and_starts_on_day_15(store, clock, patient, france):
    plan = add_plan(store, patient, "fat_transfer")
    signed_devis(store, plan, clock, days_ago=14)
    with pytest.raises(ss.StartTooEarly) as refused:
        ss.start_session(store, plan)
    assert [w.code for w in refused.value.waits] == ["devis_reflection"]
    assert refused.value.until == clock().date() + timedelta(days=1)
    assert not refused.value.waivable and "doctor's written reason" not in str(refused.value)
    clock.advance(days=1)
    assert ss.session_gate(store, plan) == []
    assert ss.start_session(store, plan) > 0


def test_no_doctor_can_waive_the_delay(store, clock, patient, france):
    with store.write():
        doctor = practitioners_repo.insert(store, {"name": "Paul Girard", "title": "Dr",
                                                   "is_doctor": True}, "")
    store.actor_id = doctor
    plan = add_plan(store, patient, "fat_transfer")
    signed_devis(store, plan, clock, days_ago=3)
    with pytest.raises(ss.StartTooEarly):
        ss.start_session(store, plan, early_reason="The patient insists on going ahead today.")
    assert store.scalar("SELECT count(*) FROM sessions") == 0


def test_an_unsigned_quote_blocks_the_session(store, clock, patient, france):
    plan = add_plan(store, patient, "fat_transfer")
    with pytest.raises(UserError, match="detailed quote"):
        ss.start_session(store, plan)
    issued = devis.issue_devis(store, plan)
    clock.advance(days=20)
    with pytest.raises(UserError, match=f"quote {issued.number} is not signed"):
        ss.start_session(store, plan)
    assert store.scalar("SELECT count(*) FROM sessions") == 0


def test_mesotherapy_needs_a_quote_from_300_euros(store, clock, patient, actor, tmp_path):
    clinic_in(store, "FR")
    price_list(tmp_path / "cheap", meso_per_session=74)  # 4 sessions: 296 euros
    try:
        cheap = add_plan(store, patient, "mesotherapy", sessions=4)
        assert devis.status(store, cheap).total == 296
        assert not devis.status(store, cheap).needed
        assert ss.start_session(store, cheap) > 0
        price_list(tmp_path / "dearer", meso_per_session=75)  # 300 euros
        dearer = add_plan(store, patient, "mesotherapy", sessions=4)
        assert devis.status(store, dearer).needed
        with pytest.raises(UserError, match="detailed quote"):
            ss.start_session(store, dearer)
        signed_devis(store, dearer)
        # No source puts mesotherapy under the 15-day delay: the signed quote is enough.
        # (the other plan's session today asks its own spacing)
        assert [w.code for w in ss.session_gate(store, dearer)] == ["spacing"]
        assert devis.session_refusal(store, plans_repo.get(store, dearer)) is None
    finally:
        from rejuv_desktop import content

        content.use_overrides_dir(None)


@pytest.mark.parametrize("country", ["GB", "OTHER", ""])
def test_outside_france_nothing_changes(store, clock, patient, actor, prices, country):
    clinic_in(store, country)
    plan = add_plan(store, patient, "fat_transfer")
    assert not devis.status(store, plan).needed
    assert ss.session_gate(store, plan) == []
    assert ss.start_session(store, plan) > 0
    with pytest.raises(UserError, match="asks no quote"):
        devis.issue_devis(store, plan)


def test_planning_warns_when_the_first_session_is_inside_the_15_days(store, clock, patient,
                                                                      france):
    today = clock().date()
    plan = add_plan(store, patient, "fat_transfer", start=today + timedelta(days=10))
    row = plans_repo.get(store, plan)
    warning = devis.planning_warning(store, row, today)
    assert (warning.until, warning.days, warning.signed_on) == (today + timedelta(days=15), 15,
                                                                 None)
    signed_devis(store, plan)
    assert devis.planning_warning(store, row, today).signed_on == today
    later = add_plan(store, patient, "fat_transfer", start=today + timedelta(days=15))
    assert devis.planning_warning(store, plans_repo.get(store, later), today) is None


def test_a_quote_of_zero_or_with_a_bad_line_is_refused_and_nothing_is_archived(
        store, patient, france):
    plan = add_plan(store, patient, "fat_transfer")
    with pytest.raises(ValidationError) as bad:
        devis.issue_devis(store, plan, [{"label": "Honoraires", "quantity": "1",
                                         "unit_amount": "abc"},
                                        {"label": "", "quantity": "1", "unit_amount": "10"}])
    assert set(bad.value.errors) == {"lines.1", "lines.2"}
    with pytest.raises(ValidationError, match="adds up to 0"):
        devis.issue_devis(store, plan, [{"label": "Honoraires", "quantity": "1",
                                         "unit_amount": "0"}])
    assert store.scalar("SELECT count(*) FROM documents WHERE kind = 'devis'") == 0


def test_a_quote_issued_again_must_be_signed_again_and_the_days_count_from_it(
        store, clock, patient, france):
    plan = add_plan(store, patient, "fat_transfer")
    signed_devis(store, plan, clock, days_ago=20)
    assert ss.session_gate(store, plan) == []
    devis.issue_devis(store, plan, [{"label": "Honoraires revus", "quantity": "1",
                                     "unit_amount": "2900"}])
    with pytest.raises(UserError, match="is not signed yet"):
        ss.start_session(store, plan)


@pytest.mark.parametrize("setting, fat, meso", [("", 15, 14), ("7", 15, 7), ("21", 21, 21)])
def test_in_france_the_reflection_period_is_the_legal_15_days_unless_the_clinic_sets_longer(
        store, clock, patient, france, setting, fat, meso):
    from rejuv_desktop.services import consultations as sc
    from rejuv_desktop.services import documents as sd
    from rejuv_desktop.services import settings as sset

    if setting:
        sset.save_settings(store, {"cooling_off_days": setting})
    today = clock().date()
    assert (devis.reflection_days(store, "fat_transfer"),
            devis.reflection_days(store, "mesotherapy")) == (fat, meso)
    assert sc.default_start(store) == today + timedelta(days=max(fat, meso))
    assert sc.planning_context(store).default_start == today + timedelta(days=max(fat, meso))
    # The consent printed today for a first session the day before the period ends warns of
    # it, in days the law allows; the day after, it says nothing.
    early = add_plan(store, patient, "fat_transfer", days_ago=0,
                     start=today + timedelta(days=fat - 1))
    warnings = sd.consent_context(store, early, lang="fr").plan_warnings
    assert len(warnings) == 1 and f"{fat} jours" in warnings[0]
    assert ("délai légal" in warnings[0]) == (setting != "21")
    on_time = add_plan(store, patient, "fat_transfer", days_ago=0,
                       start=today + timedelta(days=fat))
    assert sd.consent_context(store, on_time, lang="fr").plan_warnings == []


def test_a_longer_clinic_period_still_holds_the_session_after_the_legal_wait(
        store, clock, patient, france):
    from rejuv_desktop.services import settings as sset

    sset.save_settings(store, {"cooling_off_days": "21"})
    plan = add_plan(store, patient, "fat_transfer", days_ago=16)
    signed_devis(store, plan, clock, days_ago=16)
    waits = ss.session_gate(store, plan)
    assert [(w.code, w.until) for w in waits] == [
        ("reflection", clock().date() + timedelta(days=5))]


def test_outside_france_the_clinic_period_stands_alone(store, clock, patient, actor, prices):
    clinic_in(store, "GB")
    assert devis.reflection_days(store, "fat_transfer") == 14
    assert not devis.law_covers_reflection(store, "fat_transfer")


def test_the_quote_is_printed_in_the_language_the_law_writes_it_in(store, patient, france):
    plan = add_plan(store, patient, "fat_transfer")
    with pytest.raises(UserError, match="written in 'fr'"):
        devis.devis_for_cli(store, patient, "fat_transfer", "en")
    job = devis.devis_for_cli(store, patient, "fat_transfer", "fr")
    issued = job.run()
    assert devis.status(store, plan).issued["number"] == issued.number
