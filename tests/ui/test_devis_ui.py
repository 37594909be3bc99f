"""The quote and its legal wait as the practitioner meets them: issued and signed from the
Documents tab, the session refused on day 14 and started on day 15 from the Sessions tab, no
early start offered even to a doctor, and the wait on the Due list."""

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialog

from rejuv_desktop.services import devis
from rejuv_desktop.services import documents as sd
from rejuv_desktop.storage import practitioners as practitioners_repo
from rejuv_desktop.ui.documents import tab as doc_tab
from rejuv_desktop.ui.main_window import MainWindow
from rejuv_desktop.ui.sessions import tab as tab_module
from tests.devis_helpers import actor, france, patient, prices  # noqa: F401 - fixtures
from tests.devis_helpers import signed_devis
from tests.session_helpers import add_plan
from tests.ui.test_documents import _click_ok, _draw


@pytest.fixture
def window(qtbot, store, qsettings, patient, france):
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    w.show_patient(patient)
    return w


def test_the_quote_is_issued_with_edited_lines_and_signed_on_screen(qtbot, window, store,
                                                                   patient, monkeypatch):
    plan = add_plan(store, patient, "fat_transfer")
    window.show_patient(patient)
    tab = window.documents_tab
    assert tab.devis_button.isVisibleTo(tab)
    seen = {}

    def edit_and_issue(dialog):
        table = dialog.table
        assert table.rowCount() == 2 and "2400.00" in table.item(0, 2).text()
        table.item(0, 2).setText("abc")
        dialog.submit()
        seen["refused"] = dialog.error.text()
        table.item(0, 2).setText("2 100,00")
        qtbot.keyClicks(dialog.operator, "Dr Paul Girard")
        seen["total"] = dialog.total.text()
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(doc_tab.IssueDevisDialog, "exec", edit_and_issue)
    tab.devis_button.click()
    assert seen["refused"].startswith("Line 1:")
    assert seen["total"] == "Total: €2,250"
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    issued = tab.last_issued
    assert tab.table.item(0, 1).text() == "Quote (devis)"
    assert "Not signed yet" in tab.table.item(0, 4).text()
    assert devis.quote_of(devis.status(store, plan).issued)["operator"] == "Dr Paul Girard"
    tab.preview.close()

    dialog = doc_tab.SignDialog(store, issued.id, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.photos.isVisible() and not dialog.confirmations
    _draw(qtbot, dialog.pad)
    qtbot.keyClicks(dialog.witness, "Marie Dupont")
    _click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    signed = dialog.job.run()
    assert sd.document(store, signed.id)["signed_of"] == issued.id
    assert devis.status(store, plan).signed_on == store.clock().date()


def test_sessions_tab_refuses_day_14_offers_no_early_start_and_starts_day_15(
        qtbot, window, store, clock, patient, monkeypatch):
    with store.write():
        doctor = practitioners_repo.insert(store, {"name": "Paul Girard", "title": "Dr",
                                                   "is_doctor": True}, "")
    store.actor_id = doctor
    plan = add_plan(store, patient, "fat_transfer")
    tab = window.sessions_tab
    window.show_patient(patient)
    assert not tab.start_button.isEnabled()
    assert "detailed quote (devis)" in tab.hint.text()
    signed_devis(store, plan, clock, days_ago=14)
    window.show_patient(patient)
    until = (clock().date() + timedelta(days=1)).strftime("%d/%m/%Y")
    assert tab.tree.topLevelItem(0).text(1) == f"not before {until}"
    assert "cannot be waived" in tab.hint.text()
    shown = []

    def look(dialog):
        shown.append((dialog.findChild(type(dialog.error), "early_waits").text(),
                      dialog.findChild(type(dialog.error), "not_waivable") is not None,
                      hasattr(dialog, "start")))
        return 1  # even "accepted", nothing starts

    monkeypatch.setattr(tab_module.EarlyStartDialog, "exec", look)
    tab.start_button.click()
    (text, not_waivable, can_start), = shown
    assert "The law requires 15 days after the quote signed on" in text
    assert not_waivable and not can_start
    assert store.scalar("SELECT count(*) FROM sessions") == 0
    clock.advance(days=1)
    window.show_patient(patient)
    tab.start_button.click()
    assert store.scalar("SELECT count(*) FROM sessions") == 1 and len(shown) == 1


def test_the_due_list_shows_the_legal_wait(qtbot, window, store, clock, patient):
    plan = add_plan(store, patient, "fat_transfer")
    window.left_tabs.setCurrentWidget(window.due_view)
    window.due_view.refresh()
    tree = window.due_view.content().actions.tree

    def rows():
        return [tree.topLevelItem(i).child(j).text(0) for i in range(tree.topLevelItemCount())
                for j in range(tree.topLevelItem(i).childCount())]

    assert any("Quote (devis) to issue and sign first." in r for r in rows())
    signed_devis(store, plan, clock, days_ago=3)
    window.due_view.refresh()
    until = (clock().date() + timedelta(days=12)).strftime("%d/%m/%Y")
    assert any(f"not before {until} (legal wait)" in r for r in rows())
    # In a narrow list the row may be cut short: the name carries the mark, the tip the words.
    legal = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())
             if "(legal wait)" in tree.topLevelItem(i).child(j).text(0)]
    assert legal[0].text(0).startswith("\u26a0 ") and "(legal wait)" in legal[0].toolTip(0)


def test_settings_and_first_run_offer_the_country_and_say_what_its_law_asks(qtbot, store, actor):
    from rejuv_desktop.ui.accounts import FirstRunWizard
    from rejuv_desktop.ui.settings_dialog import SettingsDialog

    wizard = FirstRunWizard(store)
    qtbot.addWidget(wizard)
    page = wizard.clinic
    assert "No legal quote" in page.legal.text()
    page.country.setCurrentIndex(page.country.findData("FR"))
    assert "Fat transfer to the hands: a detailed quote (devis) signed by the patient first." in \
        page.legal.text() and "15 days" in page.legal.text()
    assert "from €300." in page.legal.text()
    assert page.settings()["clinic_country"] == "FR"
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    combo = dialog.clinic.edits["clinic_country"]
    combo.setCurrentIndex(combo.findData("FR"))
    assert "15 days" in dialog.legal_rules.text()


def test_the_plan_page_warns_of_a_first_session_inside_the_legal_wait(qtbot, store, clock,
                                                                      actor, france):
    from rejuv_desktop.domain import plan_binding as pb
    from rejuv_desktop.services import consultations as sc
    from rejuv_desktop.ui.consultation.plan_pages import PlanBox

    context = sc.planning_context(store)
    assert context.legal_waits == {"fat_transfer": 15}
    box = PlanBox("fat_transfer", "Fat transfer", lambda: None)
    qtbot.addWidget(box)
    binding = pb.Binding("fat_transfer", "eligible", True, None, False, ())
    today = clock().date()
    box.load({"sessions": 1, "interval_days": None,
              "start": (today + timedelta(days=14)).isoformat()}, context, binding, False)
    box.show()
    assert "the law requires 15 days after the signed quote" in box.reflection.text()
    box.load({"sessions": 1, "interval_days": None,
              "start": (today + timedelta(days=15)).isoformat()}, context, binding, False)
    assert "the law requires" not in box.reflection.text()


def test_outside_france_the_screens_show_no_quote(qtbot, store, qsettings, clock, patient,
                                                  prices):
    from tests.devis_helpers import clinic_in

    clinic_in(store, "GB")
    add_plan(store, patient, "fat_transfer")
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    w.show_patient(patient)
    assert not w.documents_tab.devis_button.isVisibleTo(w.documents_tab)
    assert w.sessions_tab.start_button.isEnabled()
    w.left_tabs.setCurrentWidget(w.due_view)
    w.due_view.refresh()
    tree = w.due_view.content().actions.tree
    texts = [tree.topLevelItem(i).child(j).text(0) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())]
    assert texts and not any("Quote" in t or "\u26a0" in t for t in texts)


@pytest.fixture
def in_french(qapp):
    from rejuv_desktop.ui import i18n

    assert i18n.install("fr", qapp)
    yield
    i18n.install("en", qapp)


def test_a_clinic_in_france_goes_from_a_new_patient_to_the_aftercare_sheet_in_french(
        qtbot, store, qsettings, clock, actor, france, in_french, monkeypatch):
    """The whole path in the French interface: new patient, consultation, plan, the quote
    issued and signed, the consent issued and signed, the session refused on day 14 (the law's
    15 days, no early start) and started on day 15, then the aftercare sheet; no English
    interface sentence on any screen or dialog on the way, and every document in French."""
    from PySide6.QtCore import QPointF, Qt

    from rejuv_desktop.services import patients as sp
    from rejuv_desktop.services import sessions as ss
    from rejuv_desktop.ui.consultation.wizard import Page
    from rejuv_desktop.ui.patient_dialog import PatientDialog
    from tests.services.test_documents import text_of
    from tests.session_helpers import run_fat_transfer
    from tests.ui.i18n_helpers import EnglishWords, english_on_screen
    from tests.ui.test_documents import _choose
    from tests.ui.test_french_interface import FRENCH, content_texts, run_consultation

    words, content, english = EnglishWords(FRENCH), content_texts(), {}

    def look(name, screen):
        found = english_on_screen(screen, words, content)
        if found:
            english[name] = found

    new = PatientDialog(store, None)
    qtbot.addWidget(new)
    new.show()
    look("new patient", new)
    new.close()
    patient = sp.add_patient(store, {
        "given_name": "Élodie", "family_name": "Durand", "date_of_birth": "12/03/1971",
        "sex": "female", "phone": "06 12 34 56 78", "preferred_language": "fr",
        "fitzpatrick": "II", "notes": ""}).patient_id
    run_consultation(qtbot, store, patient, lambda w: look(f"wizard {Page(w.currentId()).name}", w))
    today = clock().date()
    plans = {p["procedure"]: p for p in sc_plans(store, patient)}
    plan = plans["fat_transfer"]
    # The first date offered is after the law's 15 days, not the clinic's default 14.
    assert plan["start_date"] == (today + timedelta(days=15)).isoformat()

    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.show_patient(patient)
    tab = window.documents_tab
    window.record.tabs.setCurrentWidget(tab)
    look("documents tab", tab)

    def issue_quote(dialog):
        _choose(dialog.plan, plan["id"])
        look("quote dialog", dialog)
        assert " ".join(dialog.total.text().replace("\u202f", " ").split()) == "Total : 2 550 €"
        assert dialog.table.item(0, 2).text() == "2400,00"
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(doc_tab.IssueDevisDialog, "exec", issue_quote)
    tab.devis_button.click()
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    quote = tab.last_issued
    assert tab.table.item(0, 1).text() == "Devis"
    look("quote preview", tab.preview)
    tab.preview.close()

    def sign(document_id, name, tick=False):
        dialog = doc_tab.SignDialog(store, document_id, tab)
        qtbot.addWidget(dialog)
        dialog.show()
        look(name, dialog)
        _draw(qtbot, dialog.pad)
        qtbot.keyClicks(dialog.witness, "Marie Dupont")
        if tick:  # the patient's answer for each use of photographs, as they say it
            for use, (yes, no) in dialog.photos.answers.items():
                qtbot.mouseClick(yes if use == "clinical_record" else no,
                                 Qt.MouseButton.LeftButton)
        for check in dialog.confirmations if tick else ():
            qtbot.mouseClick(check, Qt.MouseButton.LeftButton,
                             pos=QPointF(5, check.height() / 2).toPoint())
        _click_ok(qtbot, dialog)
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
        tab.last_issued = None
        tab._run(dialog.job, then=lambda issued: None)
        qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
        return tab.last_issued

    signed_quote = sign(quote.id, "sign the quote")
    assert devis.status(store, plan["id"]).signed_on == today

    def issue_consent(dialog):
        _choose(dialog.plan, plan["id"])
        box = dialog.planned
        _choose(box.widgets["hands"], "right")
        _choose(box.widgets["donor_site"], "other")
        qtbot.keyClicks(box.widgets["donor_site_other"], "Face interne du genou")
        _choose(box.widgets["anaesthesia"], "local")
        look("consent dialog", dialog)
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(doc_tab.IssueConsentDialog, "exec", issue_consent)
    tab.last_issued = None
    tab.issue_consent()
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    consent = tab.last_issued
    tab.preview.close()
    sign(consent.id, "sign the consent", tick=True)
    look("documents tab, signed", tab)

    sessions = window.sessions_tab
    window.record.tabs.setCurrentWidget(sessions)
    clock.advance(days=14)
    window.show_patient(patient)

    def select_plan():
        for i in range(sessions.tree.topLevelItemCount()):
            item = sessions.tree.topLevelItem(i)
            if item.data(0, tab_module.PLAN_ROLE) == plan["id"]:
                sessions.tree.setCurrentItem(item)
                return item
        raise AssertionError("no row for the plan")

    row = select_plan()
    until = today + timedelta(days=15)
    assert row.text(1) == f"pas avant le {until:%d/%m/%Y}"
    look("sessions tab, day 14", sessions)
    shown = []

    def refuse(dialog):
        look("early start, day 14", dialog)
        shown.append((dialog.findChild(type(dialog.error), "early_waits").text(),
                      dialog.findChild(type(dialog.error), "not_waivable") is not None))
        return 1

    monkeypatch.setattr(tab_module.EarlyStartDialog, "exec", refuse)
    sessions.start_button.click()
    (text, not_waivable), = shown
    assert f"La loi impose un délai de 15 jours après le devis signé le {today:%d/%m/%Y}" \
        in text and "ne peut être supprimé" in text and not_waivable
    assert store.scalar("SELECT count(*) FROM sessions") == 0

    clock.advance(days=1)
    window.show_patient(patient)
    select_plan()
    look("sessions tab, day 15", sessions)
    sessions.start_button.click()
    session_id = store.scalar("SELECT id FROM sessions WHERE plan_id = ?", (plan["id"],))
    assert session_id and len(shown) == 1
    from rejuv_desktop.services import photo_consent

    photo_consent.record_clinical_consent(store, patient, False, "Ne souhaite pas de photos.")
    from rejuv_desktop.domain.session_context import CAUTION_PREFIX

    # The checklist, recorded as the runner records it, with the smoker's caution item.
    for step in ss.session_status(store, session_id).protocol.steps:
        for item in step.items:
            if item.id.startswith(CAUTION_PREFIX):
                ss.tick(store, session_id, f"{step.id}.{item.id}")
    run_fat_transfer(store, session_id)
    ss.complete_session(store, session_id)
    for dialog in window.findChildren(QDialog):
        dialog.close()

    window.record.tabs.setCurrentWidget(tab)
    tab.last_issued = None
    tab.issue_aftercare_for(patient, "fat_transfer", session_id)
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    aftercare = tab.last_issued
    look("aftercare preview", tab.preview)
    tab.preview.close()
    look("documents tab, aftercare", tab)
    assert english == {}, "\n".join(f"{k}: {x}" for k, v in english.items() for x in v)

    # Every document issued on the way is in French, the quote with what the law asks.
    quote_text = text_of(sd.pdf_bytes(store, signed_quote.id))
    for needed in ("Devis détaillé", "non pris en charge par l’Assurance Maladie",
                   "D6322-30", "Validé à l’écran par Dr Claire Martin, le", "2 550,00 €"):
        assert needed in quote_text, needed
    for doc in (quote, consent, aftercare):
        meta = sd.document(store, doc.id)
        assert meta["lang"] == "fr", meta["kind"]
    assert "Consentement" in text_of(sd.pdf_bytes(store, consent.id))


def sc_plans(store, patient_id):
    from rejuv_desktop.services import consultations as sc

    return sc.plans_of(store, patient_id)
