"""Outcomes as a practitioner meets them: a 3-month review run from the Due list with the hands
graded before the baseline is shown, a complication logged from the record and flagging it,
the record's Outcomes tab, and Tools > Outcomes with its charts and CSV export."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import outcomes as so
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.ui.main_window import MainWindow
from rejuv_desktop.ui.outcomes import assessment as assessment_module
from rejuv_desktop.ui.outcomes import complication as complication_module
from tests.session_helpers import (add_patient, add_plan, add_practitioner,
                                            run_fat_transfer)


def treated(store, clock, days_ago=90):
    """A fat transfer ``days_ago`` days back on hands graded 3 (left) and 2 (right)."""
    add_practitioner(store)
    zoe = add_patient(store)
    clock.advance(days=-days_ago)
    sid = ss.start_session(store, add_plan(store, zoe, "fat_transfer", merz=(3, 2)))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    clock.advance(days=days_ago)
    return zoe, sid


def window_with(qtbot, store, qsettings):
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    return w


def select_visit(actions, label_start: str):
    tree = actions.tree
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        for j in range(head.childCount()):
            if label_start in head.child(j).text(0):
                tree.setCurrentItem(head.child(j))
                return head.child(j)
    raise AssertionError(f"no visit {label_start!r}")


def test_a_three_month_review_from_the_due_list(qtbot, store, qsettings, clock, monkeypatch):
    zoe, _ = treated(store, clock)
    window = window_with(qtbot, store, qsettings)
    window.left_tabs.setCurrentWidget(window.due_view)
    window.due_view.refresh()
    actions = window.due_view.content().actions
    assess = actions.findChild(type(actions.done_button), "follow_up_assess")
    select_visit(actions, "Review at 1 month")
    assert not assess.isEnabled()  # that visit assesses nothing
    select_visit(actions, "Review at 3 months")
    assert assess.isEnabled()
    seen = {}

    def drive(dialog):
        dialog.show()
        # Exactly what the protocol asks at 3 months: both hands, both GAIS; nothing else.
        assert set(dialog.merz) == {"left", "right"} and set(dialog.gais) == \
            {"gais_practitioner", "gais_patient"}
        assert dialog.satisfaction is None and dialog.touch_up is None
        assert dialog.hand_q_taken is None
        # Blind: the baseline stays hidden, and cannot be shown, until both hands are graded.
        assert "3" not in dialog.baseline_label.text()
        assert not dialog.reveal_button.isEnabled()
        dialog.merz["left"].setCurrentIndex(dialog.merz["left"].findData(2))
        assert not dialog.reveal_button.isEnabled()
        dialog.save_button.click()  # half done: refused, said beside the field
        assert dialog.errors["merz_right"].isVisible()
        assert so.assessment_form(store, dialog.form.follow_up_id).status == "due"
        dialog.merz["right"].setCurrentIndex(dialog.merz["right"].findData(2))
        qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
        seen["baseline"] = dialog.baseline_label.text()
        assert not dialog.merz["left"].isEnabled()  # graded blind, kept as graded
        dialog.gais["gais_practitioner"].setCurrentIndex(2)
        dialog.gais["gais_patient"].setCurrentIndex(3)
        qtbot.keyClicks(dialog.notes, "Fuller; patient pleased.")
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(assessment_module.AssessmentDialog, "exec", drive)
    assess.click()
    assert "3 → 2 (1 grade better)" in seen["baseline"]
    assert "2 → 2 (no change)" in seen["baseline"]
    visit = next(f for f in fu.follow_ups_of_patient(store, zoe)
                 if f["rule_id"] == "review_3_months")
    assert visit["status"] == "done"
    recorded = so.assessment_form(store, visit["id"]).recorded
    assert recorded["merz"] == {"left": 2, "right": 2}
    assert (recorded["gais_practitioner"], recorded["gais_patient"]) == (2, 3)
    assert not [i for g in fu.due_list(store).values() for i in g if i.id == visit["id"]]
    # The record's Outcomes tab shows it on the chart and the timeline.
    window.show_patient(zoe)
    tab = window.outcomes_tab
    window.record.tabs.setCurrentWidget(tab)
    assert [len(v) for v in tab.chart.series.values()] == [2, 2]
    texts = [tab.timeline.topLevelItem(i).text(1) for i in range(tab.timeline.topLevelItemCount())]
    assert texts[0].startswith("Baseline") and "GAIS (practitioner): 2 - Much improved" in texts[1]


def test_a_severe_complication_flags_the_record_until_resolved(qtbot, store, qsettings, clock,
                                                               monkeypatch):
    zoe, sid = treated(store, clock, days_ago=20)
    window = window_with(qtbot, store, qsettings)
    window.show_patient(zoe)
    tab = window.outcomes_tab
    window.record.tabs.setCurrentWidget(tab)
    assert not window.record.alerts.property("warning")

    def drive(dialog):
        dialog.show()
        assert dialog.session.currentData() == sid
        assert dialog.lot.findText("LID-2207") >= 0  # the session's lots to choose from
        dialog.save_button.click()  # nothing chosen: a message beside each field
        assert dialog.errors["type"].isVisible() and dialog.errors["severity"].isVisible()
        dialog.type.setCurrentIndex(dialog.type.findData("infection"))
        dialog.severity.setCurrentIndex(dialog.severity.findData("severe"))
        dialog.site.setCurrentIndex(dialog.site.findData("right"))
        dialog.lot.setCurrentText("LID-2207")
        dialog.onset.edit.selectAll()
        qtbot.keyClicks(dialog.onset.edit, "12/11/2026")
        qtbot.keyClicks(dialog.treatment, "Oral antibiotics")
        dialog.regulator.setChecked(True)
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(complication_module.ComplicationDialog, "exec", drive)
    tab.add_button.click()
    [c] = so.complications_of_patient(store, zoe)
    assert (c["type"], c["severity"], c["site"], c["product_lot"], c["onset_date"],
            c["reported_regulator"]) == ("infection", "severe", "right", "LID-2207",
                                         "2026-11-12", 1)
    strip = window.record.alerts
    assert strip.property("warning")
    assert "Severe complication" in strip.label.text() and "Infection" in strip.label.text()
    assert tab.timeline.topLevelItemCount() == 2
    tab.timeline.setCurrentItem(tab.timeline.topLevelItem(1))
    assert tab.resolve_button.isEnabled()

    def resolve(dialog):
        dialog.show()
        dialog.day.edit.selectAll()
        qtbot.keyClicks(dialog.day.edit, "20/11/2026")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(complication_module.ResolveDialog, "exec", resolve)
    tab.resolve_button.click()
    assert so.complications_of_patient(store, zoe)[0]["resolved_date"] == "2026-11-20"
    assert "Severe complication" not in window.record.alerts.label.text()


def test_tools_outcomes_shows_charts_and_exports_csv(qtbot, store, qsettings, clock, tmp_path):
    zoe, sid = treated(store, clock)
    visit = next(f for f in fu.follow_ups_of_patient(store, zoe)
                 if f["rule_id"] == "review_3_months")
    from rejuv_desktop.domain.outcomes import Assessment

    so.record_assessment(store, visit["id"], Assessment(merz={"left": 2, "right": 2},
                                                        gais_practitioner=2, gais_patient=2))
    window = window_with(qtbot, store, qsettings)
    action = window.findChild(type(window.new_action), "outcomes_audit")
    action.trigger()
    dialog = window.outcomes_dialog
    qtbot.addWidget(dialog)
    chart = dialog.charts["fat_transfer_responders"]
    three = chart.rows[0]
    assert (three.rate, three.label) == (0.5, "3 months")
    assert "1 of 2 hands" in three.note and "1 of 1 seen" in three.note
    bruising = next(r for r in dialog.charts["fat_transfer_complications"].rows
                    if r.label == "Bruising")
    assert bruising.published == 0.07 and bruising.rate == 0.0
    assert chart.grab().width() > 0
    out = tmp_path / "audit.csv"
    dialog.write_csv(out)
    assert out.read_text(encoding="utf-8") == so.audit_csv(dialog.audits)
    assert "fat_transfer,merz_responders,3,,all,1,2,0.5000" in out.read_text(encoding="utf-8")


def test_the_audit_view_and_the_command_agree_on_the_demo_clinic(qtbot, tmp_path):
    import json
    import subprocess
    import sys
    from datetime import date

    from rejuv_desktop.services.demo import build_demo
    from rejuv_desktop.storage import open_store
    from rejuv_desktop.ui.outcomes.audit_view import OutcomesAuditDialog

    db = tmp_path / "demo.sqlite3"
    store = open_store(db)
    build_demo(store, today=date.today())
    store.actor_id = 1
    dialog = OutcomesAuditDialog(store)
    qtbot.addWidget(dialog)
    store.close()
    run = subprocess.run([sys.executable, "-m", "rejuv_desktop", "outcomes", "--db", str(db),
                          "--json"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    command = json.loads(run.stdout)["procedures"]
    for procedure in ("fat_transfer", "mesotherapy"):
        shown = dialog.charts[f"{procedure}_complications"].rows
        printed = {c["type"]: c for c in command[procedure]["complications"]}
        assert shown and all(
            r.rate == printed[t]["rate"] and r.published == printed[t]["published_rate"]
            for r, t in zip(shown, [c.type for a in dialog.audits if a.procedure == procedure
                                    for c in a.complications
                                    if c.rate.count or c.published_rate is not None]))
    responders = dialog.charts["fat_transfer_responders"].rows
    assert [(r.rate, r.low, r.high) for r in responders] == [
        (x["rate"], x["ci_low"], x["ci_high"]) for x in command["fat_transfer"]["responders"]]
    assert all(r.rate is not None for r in responders)
