"""The screens' words for the domain's codes: the same English as the documents, stored
sentences of earlier records shown as stored."""

from __future__ import annotations

import html
from datetime import date

from rejuv_desktop.documents.phrases import load_phrasebook
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.domain.schedule import plan_sessions
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.ui.consultation.view import consultation_html
from rejuv_desktop.ui.phrases import phrasebook, planned_session_line
from tests.earlier_records import copy_with_recommendation, recommendation_stored_as_words
from tests.services.test_consultations import complete_data


def test_the_screens_and_the_english_documents_have_the_same_words_for_every_code():
    screens = phrasebook().patterns
    # The [summary] table words the printed outcome only: the screens show it their own way.
    documents = {k: v for k, v in load_phrasebook("en").patterns.items() if not k.startswith("summary.")}
    assert screens.keys() == documents.keys()
    assert {k: v for k, v in screens.items() if documents[k] != v} == {}


def test_a_planned_session_line_on_the_plan_page():
    single, windowed = plan_sessions(load_protocol("mesotherapy"), date(2025, 1, 6))[:2]
    assert planned_session_line(single) == "1: 06/01/2025"
    assert planned_session_line(windowed) == "2: 21/01/2025 (between 21/01 and 27/01)"


def test_a_record_stored_as_english_reads_on_screen_exactly_as_stored(store, patient_data):
    pr.sign_in(store, pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"},
                                             "long enough"), "long enough")
    patient = sp.add_patient(store, patient_data).patient_id
    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, complete_data(), page=6)
    new = sc.finalise(store, draft.id)
    stored = recommendation_stored_as_words()
    stored["lines"][1]["text"] = "Mesotherapy, as an earlier version worded it."
    old = copy_with_recommendation(store, new, stored)
    page = consultation_html(sc.get_consultation(store, old))
    for line in stored["lines"]:
        # As the record view always showed a line: its sentence, then what it rests on.
        because = html.escape("; ".join(line["findings"]))
        assert f"<li>{html.escape(line['text'])}<br><small>Because: {because}</small></li>" in page
    assert "No other treatment for skin quality" not in page
    # The record stored as codes reads in today's words.
    assert ("<li>Combined protocol: fat transfer for volume and a mesotherapy series for skin "
            "quality.<br><small>Because: Volume loss with Merz grade 3 (left) / 3 (right)"
            in consultation_html(sc.get_consultation(store, new)))
