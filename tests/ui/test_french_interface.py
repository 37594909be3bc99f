"""The interface in French: every word extractable and translated, and none of the English
interface left on the screens a French practitioner goes through.

Words that come from content (screening questions and reasons, scale grades, procedure and
protocol names) are the content's to translate, per language, not the interface's: they are
left out of these checks explicitly (``content_texts``)."""

from __future__ import annotations

import re
import tomllib

import pytest
from PySide6.QtWidgets import QWizard

from rejuv_desktop.content import packaged_path
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.ui import i18n
from rejuv_desktop.ui.consultation.wizard import ConsultationWizard, Page
from tests.session_helpers import FAT_VALUES
from tests.ui.i18n_helpers import (PLACEHOLDER, EnglishWords, content_on_screen,
                                   english_on_screen, extract, plain, read_catalogue)

FRENCH = i18n.catalogue("fr")


def _walk(value, texts: set[str], skip_lang: str | None = None) -> None:
    if isinstance(value, str):
        texts.add(plain(value))
        texts.add(plain(value[:1].upper() + value[1:]))
    elif isinstance(value, dict):
        for k, v in value.items():
            if k != skip_lang:
                _walk(v, texts, skip_lang)
    elif isinstance(value, list):
        for v in value:
            _walk(v, texts, skip_lang)


def _content_files(lang: str) -> list:
    """The content files holding words in ``lang``: its text folder, and (English) the files
    that keep their English inline."""
    files = list(packaged_path("text", lang).rglob("*.toml"))
    if lang == "en":
        files += list(packaged_path("protocols").rglob("*.toml"))
        files += list(packaged_path("screening").rglob("*.toml"))
        files += [packaged_path(n) for n in ("screening.toml", "scales.toml",
                                             "recommendation.toml", "outcomes.toml")]
    return [p for p in files if p.exists()]


def content_texts(lang: str | None = None) -> set[str]:
    """Every text the content files give the screens (questions, reasons, grades, procedure
    and step names, visits, views), in every language (or in ``lang`` only)."""
    texts: set[str] = set()
    for code in ([lang] if lang else [d.name for d in packaged_path("text").iterdir()]):
        for path in _content_files(code):
            _walk(tomllib.loads(path.read_text(encoding="utf-8")), texts)
    views = tomllib.loads(packaged_path("photos", "views.toml").read_text(encoding="utf-8"))
    for view in views["views"]:
        for key in ("title", "instructions"):
            for code, text in view[key].items():
                if lang in (None, code):
                    _walk(text, texts)
    if lang is None:
        # The language choosers name each language in itself ("English", "Français").
        texts |= set(i18n.LANGUAGES.values())
    return texts


def english_content() -> set[str]:
    """The content's English texts that its French differs from: one of them on a French
    screen is content shown in the wrong language."""
    french = content_texts("fr") | {plain(t) for e in read_catalogue(FRENCH)
                                    for t in e.translations}
    return {t for t in content_texts("en") - french
            if len(t) > 3 and re.search(r"[a-z]{3}", t) and " " in t}


@pytest.fixture
def french(qapp):
    assert i18n.install("fr", qapp)
    yield
    i18n.install("en", qapp)


def test_every_word_of_the_interface_is_in_the_french_catalogue(tmp_path):
    """A string given to tr() but missing from the catalogue (or one the catalogue keeps that the
    code no longer has) fails here: run ``make update-translations`` and translate."""
    extracted = {(e.context, e.source, e.numerus) for e in extract(tmp_path / "now.ts")}
    kept = {(e.context, e.source, e.numerus) for e in read_catalogue(FRENCH)}
    assert sorted(extracted - kept) == [], "not in resources/i18n/rejuv_fr.ts"
    assert sorted(kept - extracted) == [], "in the catalogue but no longer in the code"


def test_the_french_catalogue_has_no_unfinished_entry():
    entries = read_catalogue(FRENCH)
    assert len(entries) > 800
    unfinished = [e.source for e in entries
                  if e.unfinished or not all(t.strip() for t in e.translations)]
    assert unfinished == []
    plurals = [e.source for e in entries if e.numerus and len(e.translations) != 2]
    assert plurals == [], "French has two plural forms"


def test_each_translation_keeps_its_placeholders():
    """A missing or misspelt {name} would raise when the text is formatted on screen."""
    wrong = []
    for e in read_catalogue(FRENCH):
        wanted = sorted(PLACEHOLDER.findall(e.source))
        for t in e.translations:
            got = sorted(PLACEHOLDER.findall(t))
            if e.numerus:  # the singular may say "1" in words and drop %n; never add one
                got, wanted_here = [p for p in got if p != "%n"], [p for p in wanted if p != "%n"]
            else:
                wanted_here = wanted
            if got != wanted_here:
                wrong.append((e.source, t))
    assert wrong == []


def test_the_compiled_catalogue_is_the_catalogue(tmp_path):
    shipped = FRENCH.with_suffix(".qm")
    fresh = i18n.compile_catalogue(FRENCH, tmp_path / "fr.qm")
    assert shipped.read_bytes() == fresh.read_bytes(), "run make translations"


def test_french_is_installed_with_qts_own_catalogue(qapp, french):
    from PySide6.QtCore import QCoreApplication, QLocale

    assert QCoreApplication.translate("Verdict", "Contraindicated") == "Contre-indication"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"  # qtbase_fr
    assert i18n.fmt_date("2026-12-04") == "04/12/2026"
    assert i18n.fmt_long_date("2026-12-04") == "4 décembre 2026"
    assert i18n.fmt_number(1.5) == "1,5"
    assert QLocale().language() == QLocale.Language.French


def test_plurals_follow_the_count(qapp, french):
    from PySide6.QtCore import QCoreApplication

    one = QCoreApplication.translate("Backup", "%n patient(s)", "", 1)
    many = QCoreApplication.translate("Backup", "%n patient(s)", "", 3)
    assert (one, many) == ("1 patient", "3 patients")


def test_the_language_defaults_to_the_systems_and_is_kept_per_computer(qsettings, monkeypatch):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("fr_FR")))
    assert i18n.ui_language(qsettings) == "fr"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert i18n.ui_language(qsettings) == "en"  # not offered: English
    i18n.set_ui_language("fr", qsettings)
    assert i18n.ui_language(qsettings) == "fr"


def test_a_missing_compiled_catalogue_is_compiled_at_start(tmp_path, monkeypatch):
    ts = tmp_path / "i18n" / "rejuv_fr.ts"
    ts.parent.mkdir()
    ts.write_bytes(FRENCH.read_bytes())
    monkeypatch.setattr(i18n, "catalogue", lambda lang: ts)
    monkeypatch.setattr("platformdirs.user_cache_path", lambda *a, **k: tmp_path / "cache")
    qm = i18n.compiled_catalogue("fr")
    assert qm is not None and qm.exists() and qm.parent.parent == tmp_path / "cache"
    import os

    shipped = ts.with_suffix(".qm")  # compiled, then the catalogue edited in place
    i18n.compile_catalogue(ts, shipped)
    os.utime(ts, (shipped.stat().st_mtime + 600,) * 2)
    assert i18n.compiled_catalogue("fr").parent.parent == tmp_path / "cache"
    os.utime(ts, (shipped.stat().st_mtime + 1,) * 2)  # as a checkout leaves them
    assert i18n.compiled_catalogue("fr") == shipped


def test_choosing_french_in_settings_applies_at_the_next_start(qtbot, store, qsettings,
                                                               no_modal):
    from rejuv_desktop.ui.settings_dialog import SettingsDialog

    pid = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "long enough")
    pr.sign_in(store, pid, "long enough")
    i18n.set_ui_language("en", qsettings)
    dialog = SettingsDialog(store, settings=qsettings)
    qtbot.addWidget(dialog)
    dialog.ui_language.setCurrentIndex(dialog.ui_language.findData("fr"))
    dialog.save()
    assert i18n.ui_language(qsettings) == "fr"
    assert any("starts again" in text for _kind, _title, text in no_modal)


@pytest.fixture
def french_patient(store):
    pid = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "long enough")
    pr.sign_in(store, pid, "long enough")
    return sp.add_patient(store, {
        "given_name": "Élodie", "family_name": "Durand", "date_of_birth": "12/03/1971",
        "sex": "female", "phone": "06 12 34 56 78", "email": "elodie@example.fr",
        "address": "3 rue des Lilas, Lyon", "preferred_language": "fr",
        "fitzpatrick": "II", "notes": ""}).patient_id


def run_consultation(qtbot, store, patient, look, french_checks=True):
    """A whole consultation at 1024 x 700, ``look(wizard)`` called on each page shown (and on
    a page refusing to go on, with what is missing)."""
    from PySide6.QtWidgets import QApplication

    wizard = ConsultationWizard(store, sc.start_consultation(store, patient))
    qtbot.addWidget(wizard)
    wizard.resize(1024, 700)
    wizard.show()
    wizard.resume()

    def seen():
        QApplication.processEvents()
        look(wizard)

    seen()
    wizard.next()  # the page says what is missing
    seen()
    concerns = wizard.pages[Page.CONCERNS]
    if french_checks:
        assert "Cochez au moins un motif" in concerns.problems.text()
    concerns.concerns["volume_loss"].setChecked(True)
    concerns.concerns["crepey_skin"].setChecked(True)
    concerns.goals.setPlainText("Des mains moins osseuses")
    concerns.realistic.setChecked(True)
    wizard.next()
    assert wizard.currentId() == Page.HANDS
    seen()
    hands = wizard.pages[Page.HANDS]
    for box in hands.boxes.values():
        box.merz.setCurrentIndex(box.merz.findData(3))
        box.texture.setCurrentIndex(box.texture.findData("crepey"))
    hands.fitzpatrick.setCurrentIndex(hands.fitzpatrick.findData("II"))
    hands.weight.setText("64")
    hands.donor.setCurrentIndex(hands.donor.findData("adequate"))
    wizard.next()
    assert wizard.currentId() == Page.SCREENING
    seen()
    wizard.next()  # nothing answered: the count of questions left
    seen()
    for qid, row in wizard.pages[Page.SCREENING].rows.items():
        row.buttons["yes" if qid == "smoker" else "no"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == Page.VERDICT
    seen()
    verdict = wizard.pages[Page.VERDICT]
    if french_checks:
        assert "Précaution" in verdict.cards["fat_transfer"].level.text()
    verdict.cards["fat_transfer"].justification.setPlainText("Sevrage tabagique depuis 8 semaines.")
    wizard.next()
    assert wizard.currentId() == Page.RECOMMENDATION
    seen()
    rec = wizard.pages[Page.RECOMMENDATION]
    rec.choices["fat_transfer"].setChecked(True)
    rec.choices["mesotherapy"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == Page.PLAN
    seen()
    wizard.next()
    assert wizard.currentId() == Page.FINALISE
    seen()
    if french_checks:
        summary = plain(wizard.pages[Page.FINALISE].summary.text())
        assert re.search(r"\d séances? à partir du \d\d/\d\d/\d{4}", summary), summary
        assert "perte de volume, peau crêpée" in summary and "volume loss" not in summary
    with qtbot.waitSignal(wizard.finalised):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def test_a_french_practitioner_runs_a_whole_consultation_without_english(
        qtbot, store, french_patient, french):
    words = EnglishWords(FRENCH)
    content, english = content_texts(), english_content()
    seen: dict[int, list[str]] = {}

    def look(wizard) -> None:
        seen[wizard.currentId()] = (english_on_screen(wizard, words, content)
                                    + content_on_screen(wizard, english))

    run_consultation(qtbot, store, french_patient, look)
    english = {Page(k).name: v for k, v in seen.items() if v}
    assert english == {}
    assert len(seen) == 7


def main_window_in(store, qtbot, qsettings, size=(1024, 700)):
    from tests.session_helpers import (add_patient, add_plan, add_practitioner,
                                                run_fat_transfer)
    from rejuv_desktop.services import sessions as ss
    from rejuv_desktop.ui.main_window import MainWindow

    from rejuv_desktop.domain import outcomes as do
    from rejuv_desktop.services import outcomes as so
    from rejuv_desktop.services import photos as sph
    from tests.photo_images import png, scene

    add_practitioner(store)
    patient = add_patient(store, "Élodie", "Durand")
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    add_plan(store, patient, "mesotherapy")
    # Photographs (consent, two of one view) and an outcome (a complication), so their screens
    # show what they hold.
    sph.record_clinical_consent(store, patient, True)
    for seed in (0, 3):
        sph.import_photo(store, patient, "both_dorsal", png(scene(240, 160, seed=seed)))
    so.record_complication(store, patient, do.Complication(
        session_id=sid, type="bruising", severity="mild", site="left", onset=store.clock().date()))
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.show_patient(patient)
    return window, patient


def screens_of(window, patient, qtbot):
    """Each screen a practitioner opens from the main window, shown in turn: (name, widget)."""
    from rejuv_desktop.ui.audit_view import AuditDialog
    from rejuv_desktop.ui.import_dialog import ImportDialog
    from rejuv_desktop.ui.patient_dialog import PatientDialog
    from rejuv_desktop.ui.sessions.lots import LotLookupDialog
    from rejuv_desktop.ui.settings_dialog import SettingsDialog

    from PySide6.QtWidgets import QApplication

    def laid_out(widget):
        # The layout requests posted by what was just shown, and those a tab built on its
        # first showing posts in turn: what the practitioner sees once the screen has settled.
        for _ in range(5):
            QApplication.processEvents()
        return widget

    for i in range(window.record.tabs.count()):
        window.record.tabs.setCurrentIndex(i)
        yield f"record tab {i}", laid_out(window)
    if window.left_tabs is not None:
        for i in range(window.left_tabs.count()):
            window.left_tabs.setCurrentIndex(i)
            yield f"side tab {i}", laid_out(window)
        window.left_tabs.setCurrentIndex(0)
    store = window.store
    from rejuv_desktop.services import follow_ups as fu
    from rejuv_desktop.services import outcomes as so
    from rejuv_desktop.services import photos as sph
    from rejuv_desktop.ui.outcomes.assessment import AssessmentDialog
    from rejuv_desktop.ui.outcomes.audit_view import OutcomesAuditDialog
    from rejuv_desktop.ui.outcomes.complication import ComplicationDialog
    from rejuv_desktop.ui.photos.compare import CompareDialog
    from rejuv_desktop.ui.photos.consent import UseConsentDialog

    photos = [p.id for p in sph.photos_of(store, patient)]
    visits = [f["id"] for f in fu.follow_ups_of_patient(store, patient)
              if so.assessment_form(store, f["id"]).asks]
    for name, make in (("settings", lambda: SettingsDialog(store, window)),
                       ("patient", lambda: PatientDialog(store, patient, window)),
                       ("new patient", lambda: PatientDialog(store, None, window)),
                       ("import", lambda: ImportDialog(store, window)),
                       ("lots", lambda: LotLookupDialog(store, window)),
                       ("audit", lambda: AuditDialog(store, patient, window)),
                       ("compare photographs",
                        lambda: CompareDialog(store, patient, photos[0], photos[-1], window)),
                       ("photograph consent", lambda: UseConsentDialog(store, photos[0], window)),
                       ("complication", lambda: ComplicationDialog(store, patient, parent=window)),
                       ("assessment", lambda: AssessmentDialog(store, visits[-1], window)),
                       ("outcomes audit", lambda: OutcomesAuditDialog(store, window))):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        if name == "settings":
            for i in range(dialog.tabs.count()):
                dialog.tabs.setCurrentIndex(i)
                yield f"settings tab {i}", laid_out(dialog)
        else:
            yield name, laid_out(dialog)
        dialog.close()


def test_the_main_window_and_its_dialogs_show_no_english(qtbot, store, qsettings, french):
    words = EnglishWords(FRENCH)
    content, english_texts = content_texts(), english_content()
    window, patient = main_window_in(store, qtbot, qsettings)
    english = {}
    for name, screen in screens_of(window, patient, qtbot):
        found = (english_on_screen(screen, words, content)
                 + content_on_screen(screen, english_texts))
        if found:
            english[name] = found
    menus = [plain(a.text()) for m in window.menuBar().actions() for a in [m, *m.menu().actions()]
             if a.text()]
    english["menus"] = [t for t in menus if words.found_in(t)]
    left = {k: v for k, v in english.items() if v}
    assert left == {}, "\n".join(f"{k}: {x}" for k, v in left.items() for x in sorted(set(v)))


def test_french_screens_are_not_cut_short_at_1024_by_700(qtbot, store, qsettings, french):
    from tests.ui.i18n_helpers import clipped

    window, patient = main_window_in(store, qtbot, qsettings)
    cut = {}
    for name, screen in screens_of(window, patient, qtbot):
        found = clipped(screen)
        if found:
            cut[name] = found
    assert cut == {}, "\n".join(f"{k}: {x}" for k, v in cut.items() for x in v)


def test_no_translated_word_is_hidden_inside_an_f_string():
    """pyside6-lupdate does not read inside f-strings: a tr("...") there is never extracted,
    so never translated."""
    import ast

    from tests.ui.i18n_helpers import UI

    hidden = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) \
                        and inner.func.attr in ("tr", "translate") \
                        and any(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                for a in inner.args[:2]):
                    hidden.append(f"{path.relative_to(UI.parent.parent)}:{inner.lineno}")
    assert hidden == []


def first_screens(store, qtbot):
    """The set-up wizard's pages (first run), then the sign-in dialog."""
    from PySide6.QtWidgets import QApplication

    from rejuv_desktop.ui.accounts import FirstRunWizard, SignInDialog

    wizard = FirstRunWizard(store)
    qtbot.addWidget(wizard)
    wizard.resize(1024, 700)
    wizard.show()
    for n in range(len(wizard.pageIds())):
        QApplication.processEvents()
        yield f"set-up page {n}", wizard
        wizard.next()
    wizard.close()
    pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "long enough")
    sign_in = SignInDialog(store)
    qtbot.addWidget(sign_in)
    sign_in.show()
    QApplication.processEvents()
    yield "sign in", sign_in


def test_set_up_and_sign_in_show_no_english(qtbot, store, french):
    words = EnglishWords(FRENCH)
    content = content_texts()
    english = {name: found for name, screen in first_screens(store, qtbot)
               if (found := english_on_screen(screen, words, content))}
    assert english == {}


def test_a_clinic_set_up_in_french_issues_french_documents_by_default(qtbot, store, french):
    from PySide6.QtWidgets import QComboBox

    from rejuv_desktop.ui.accounts import FirstRunWizard

    wizard = FirstRunWizard(store)
    qtbot.addWidget(wizard)
    language = wizard.findChild(QComboBox, "document_language")
    assert language.currentData() == "fr" and language.currentText() == "Français"


def test_every_catalogue_context_is_the_one_the_code_asks_for(tmp_path):
    """``pyside6-lupdate`` files ``x.tr("...")`` under ``x`` and a module-level ``tr()`` under
    no context at all, while Qt looks the words up under the object's class (or the context
    passed to ``translate``): such words are extracted, translated, and never shown. Every
    context must be a class of the interface or a context the code names in ``translate`` /
    ``QT_TRANSLATE_NOOP``."""
    import ast

    from tests.ui.i18n_helpers import UI

    known: set[str] = set()
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                known.add(node.name)
            elif isinstance(node, ast.Call) and node.args \
                    and isinstance(node.args[0], ast.Constant) \
                    and (getattr(node.func, "attr", None) == "translate"
                         or getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"):
                known.add(node.args[0].value)
    from PySide6 import QtWidgets

    contexts = {e.context for e in extract(tmp_path / "now.ts")}
    assert sorted(c for c in contexts - known if not hasattr(QtWidgets, c)) == []


# A fat transfer as a French practitioner records it (stored values are the protocol's codes;
# what the practitioner types is French).
FRENCH_FAT_VALUES = [(key, "canule mousse 3 mm" if key == "harvest.cannula" else value)
                     for key, value in FAT_VALUES]


def test_a_french_practitioner_goes_from_a_new_patient_to_the_aftercare_sheet(
        qtbot, store, qsettings, clock, french, no_modal, monkeypatch):
    """Interface in French, clinic documents in French: the patient form, every page of the
    consultation, the record, issuing and signing the consent, the session checklist and the
    aftercare sheet. On every screen, no shown text is an English sentence of the interface,
    English content, or English words made elsewhere."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

    from rejuv_desktop.services import documents as sd
    from rejuv_desktop.services import sessions as ss
    from rejuv_desktop.services import settings as sset
    from rejuv_desktop.ui.documents import tab as doc_tab
    from rejuv_desktop.ui.main_window import MainWindow
    from rejuv_desktop.ui.patient_dialog import PatientDialog
    from rejuv_desktop.ui.sessions.runner import SessionRunner
    from tests.session_helpers import TIME_OUT_POINTS
    from tests.ui.i18n_helpers import english_words_on_screen

    pid = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "long enough")
    pr.sign_in(store, pid, "long enough")
    sset.save_settings(store, {"clinic_name": "Cabinet des Lilas",
                               "clinic_phone": "04 72 00 00 00", "document_language": "fr"})
    words, content, english_texts = EnglishWords(FRENCH), content_texts(), english_content()
    data = {"Élodie", "Durand", "Claire Martin", "Cabinet des Lilas", "LID-2207"}
    seen: dict[str, list[str]] = {}

    def look(name: str, screen) -> None:
        QApplication.processEvents()
        found = (english_on_screen(screen, words, content)
                 + content_on_screen(screen, english_texts)
                 + english_words_on_screen(screen, data))
        seen[name] = seen.get(name, []) + found

    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    look("main window", window)

    # A new patient, typed in the patient form.
    form = PatientDialog(store, None, window)
    qtbot.addWidget(form)
    form.show()
    for name, value in (("given_name", "Élodie"), ("family_name", "Durand"),
                        ("date_of_birth", "12/03/1971"), ("phone", "06 12 34 56 78")):
        form.set_value(name, value)
    form.set_value("sex", "female")
    form.set_value("preferred_language", "fr")
    look("patient form", form)
    form.save()
    patient = form.saved_id
    assert patient is not None

    # The whole consultation, every page.
    run_consultation(qtbot, store, patient, lambda w: look(f"consultation {Page(w.currentId()).name}", w))
    window.show_patient(patient)
    for i in range(window.record.tabs.count()):
        window.record.tabs.setCurrentIndex(i)
        look(f"record tab {window.record.tabs.tabText(i)}", window)

    # The consent, issued from the Documents tab and signed on screen.
    tab = window.documents_tab
    window.record.tabs.setCurrentWidget(tab)
    plans = {p["procedure"]: p["id"] for p in sc.plans_of(store, patient, active_only=True)}

    def issue(dialog):
        dialog.show()
        dialog.plan.setCurrentIndex(dialog.plan.findData(plans["fat_transfer"]))
        for key, code in (("hands", "both"), ("donor_site", "abdomen"),
                          ("anaesthesia", "local")):
            combo = dialog.planned.widgets[key]
            combo.setCurrentIndex(combo.findData(code))
        look("issue consent", dialog)
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(doc_tab.IssueConsentDialog, "exec", issue)
    tab.issue_consent()
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    consent = tab.last_issued
    assert sd.document(store, consent.id)["lang"] == "fr"
    look("consent preview", tab.preview)
    look("documents tab", window)
    sign = doc_tab.SignDialog(store, consent.id, tab)
    qtbot.addWidget(sign)
    sign.show()
    look("sign", sign)
    pad = sign.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=pad.rect().center() / 2)
    for x in range(20, 220, 20):
        qtbot.mouseMove(pad, pos=QPointF(x, 40 + x % 30).toPoint())
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(sign.witness, "Mme Anne Petit")
    for check in sign.confirmations:
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton,
                         pos=QPointF(5, check.height() / 2).toPoint())
    sign.photos.set_value({"clinical_record": True, "teaching": False, "publication": False})
    ok = sign.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    look("sign, after OK", sign)
    assert sign.result() == QDialog.DialogCode.Accepted, sign.error.text()
    tab.last_issued = None
    tab._run(sign.job, then=lambda issued: None)
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)

    # The session, after the reflection period: the checklist, step by step.
    clock.advance(days=20)
    sid = ss.start_session(store, plans["fat_transfer"])
    # The photographs of the day (the patient said yes to the clinical record on the form).
    from rejuv_desktop.domain.photos import load_views
    from rejuv_desktop.services import photos as sph
    from tests.photo_images import png, scene

    for n, view in enumerate(v for v in load_views() if not v.optional):
        sph.import_photo(store, patient, view.id, png(scene(240, 160, dx=0.03 * n, seed=9 * n)),
                         session_id=sid)
    window.record.tabs.setCurrentWidget(window.photos_tab)
    look("photographs tab", window)
    runner = SessionRunner(store, sid)
    qtbot.addWidget(runner)
    runner.resize(1024, 700)
    runner.show()
    look("checklist, start", runner)
    ss.tick(store, sid, "sign_in.identity")
    ss.tick(store, sid, "sign_in.photos")
    ss.tick(store, sid, "sign_in.caution_smoker")  # the caution accepted at the consultation
    for point in TIME_OUT_POINTS:
        ss.confirm_time_out(store, sid, point)
    runner.refresh()
    look("checklist, after the time-out", runner)
    for key in ("donor_site.prepared", "donor_site.sterilised", "anaesthesia.hands_prepared"):
        ss.tick(store, sid, key)
    for key, value in FRENCH_FAT_VALUES:
        ss.record_value(store, sid, key, value)
    ss.tick(store, sid, "closure.dressing")
    ss.tick(store, sid, "sign_out.recorded")
    for side in ("left", "right"):
        ss.record_value(store, sid, f"sign_out.fingers.{side}", "pink, warm, brisk refill")
    runner.refresh()
    look("checklist, recorded", runner)
    ss.complete_session(store, sid)
    runner.refresh()
    look("checklist, completed", runner)

    # The aftercare sheet, issued for the session.
    tab.last_issued = None
    tab.issue_aftercare_for(patient, "fat_transfer", sid)
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    aftercare = sd.document(store, tab.last_issued.id)
    assert aftercare["kind"] == "aftercare" and aftercare["lang"] == "fr"
    look("aftercare preview", tab.preview)
    window.record.tabs.setCurrentWidget(tab)
    look("documents tab, at the end", window)

    english = {k: v for k, v in seen.items() if v}
    assert english == {}, "\n".join(f"{k}: {x}" for k, v in english.items() for x in v)
    assert len(seen) >= 20


def test_what_the_services_say_about_a_field_is_said_in_french(qtbot, store, french):
    """A name left empty, a birth date in the future, a wrong e-mail: the messages the services
    give come under each field in French."""
    from rejuv_desktop.ui.patient_dialog import PatientDialog

    pid = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "long enough")
    pr.sign_in(store, pid, "long enough")
    form = PatientDialog(store, None)
    qtbot.addWidget(form)
    form.show()
    form.set_value("date_of_birth", "01/01/2090")
    form.set_value("email", "élodie.fr")
    form.save()
    shown = {name: label.text() for name, label in form.errors.items() if label.isVisible()}
    assert shown["given_name"] == "Obligatoire"
    assert shown["date_of_birth"] == "Ne peut pas être dans le futur"
    assert shown["email"].startswith("Adresse e-mail invalide")
    assert form.result() != form.DialogCode.Accepted
