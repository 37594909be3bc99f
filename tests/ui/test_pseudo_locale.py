"""A pseudo-language longer than French (about 35 %, accented) on the screens at 1024 x 700:
a label cut short, or a text that never went through a translation, shows here first.

The pseudo catalogue is made at test time from the French one's entries."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTranslator

from rejuv_desktop.ui import i18n
from tests.ui.i18n_helpers import clipped, plain, shown_texts, write_pseudo_catalogue
from tests.ui.test_french_interface import (content_texts, main_window_in, screens_of)


@pytest.fixture
def pseudo_language(qapp, tmp_path):
    qm = write_pseudo_catalogue(i18n.catalogue("fr"), tmp_path / "rejuv_xx.ts")
    translator = QTranslator(qapp)
    assert translator.load(str(qm))
    i18n.install("fr", qapp)  # French dates and Qt's own French words; the app's words pseudo
    for old in list(i18n._installed):
        if old is not None and old is not i18n._installed[0]:
            qapp.removeTranslator(old)
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)
    i18n.install("en", qapp)


def test_nothing_is_cut_short_at_1024_by_700(qtbot, store, qsettings, pseudo_language):
    window, patient = main_window_in(store, qtbot, qsettings)
    cut = {}
    for name, screen in screens_of(window, patient, qtbot):
        found = clipped(screen)
        if found:
            cut[name] = found
    assert cut == {}, "\n".join(f"{k}: {x}" for k, v in cut.items() for x in v)


def test_every_interface_text_goes_through_the_translation(qtbot, store, qsettings,
                                                          pseudo_language):
    """A text shown without the pseudo-language's brackets skipped tr() (content texts, the
    patient's own data, numbers and dates excepted)."""
    window, patient = main_window_in(store, qtbot, qsettings)
    content = content_texts()
    data = {"Élodie", "Durand", "Claire Martin", "Rejuv Desktop"}
    from PySide6.QtCore import QCoreApplication

    qt_own = {plain(QCoreApplication.translate("QPlatformTheme", w))  # qtbase_fr's words
              for w in ("OK", "Save", "Cancel", "Close", "Yes", "No", "Open", "Apply")}
    untranslated = set()
    for name, screen in screens_of(window, patient, qtbot):
        for where, text in shown_texts(screen):
            shown = plain(text)
            if "⟦" in text or shown in content | qt_own or not re.search(r"[A-Za-z]{3}", shown):
                continue
            if any(d in shown for d in data) or any(shown.startswith(c) for c in content if c):
                continue
            if "“" in shown and "→" in shown:
                continue  # the audit trail's field-level changes: stored names and codes, as kept
            untranslated.add(f"{name} · {where}: {shown[:80]!r}")
    assert sorted(untranslated) == [], "\n".join(sorted(untranslated))


def test_no_page_of_the_consultation_is_cut_short_at_1024_by_700(qtbot, store, pseudo_language):
    from rejuv_desktop.ui.consultation.wizard import Page
    from tests.ui.test_french_interface import run_consultation
    from tests.session_helpers import add_patient, add_practitioner

    add_practitioner(store)
    patient = add_patient(store, "Élodie", "Durand")
    cut: dict[str, list[str]] = {}

    def look(wizard) -> None:
        found = clipped(wizard)
        if found:
            cut.setdefault(Page(wizard.currentId()).name, []).extend(found)

    run_consultation(qtbot, store, patient, look, french_checks=False)
    assert cut == {}, "\n".join(f"{k}: {x}" for k, v in cut.items() for x in v)


def test_set_up_and_sign_in_are_not_cut_short(qtbot, store, pseudo_language):
    from tests.ui.test_french_interface import first_screens

    cut = {name: found for name, screen in first_screens(store, qtbot)
           if (found := clipped(screen))}
    assert cut == {}, "\n".join(f"{k}: {x}" for k, v in cut.items() for x in v)
