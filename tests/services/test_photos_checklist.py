"""The session's "photographs taken" item is ticked by the photographs themselves, or by the
patient's recorded refusal; until then it holds up the end of the session."""

from __future__ import annotations

import pytest

from rejuv_desktop.domain import photos as dph
from rejuv_desktop.services import photos as sph
from rejuv_desktop.services import sessions as ss
from tests.photo_images import camera_jpeg, scene
from tests.session_helpers import add_patient, add_plan, add_practitioner

pytestmark = pytest.mark.sqlite_file(
    "photographs are files beside the SQLite file; a clinic server does not hold their files yet")

ITEM = "sign_in.photos"


def _session(store):
    add_practitioner(store)
    pid = add_patient(store)
    plan = add_plan(store, pid, "fat_transfer")
    return pid, ss.start_session(store, plan)


def test_item_waits_then_is_ticked_by_the_photographs_of_the_session(store):
    pid, sid = _session(store)
    status = ss.session_status(store, sid)
    assert ITEM not in status.state.completed_items
    assert any("photographs" in line for line in ss.open_items(store, sid))
    sph.record_clinical_consent(store, pid, True)
    sph.import_photo(store, pid, "both_dorsal", camera_jpeg(), session_id=sid)
    who, _when = ss.session_status(store, sid).state.completed_items[ITEM]
    assert who == "the app"


def test_a_recorded_refusal_ticks_it(store):
    pid, sid = _session(store)
    sph.record_clinical_consent(store, pid, False, "Declines photographs")
    assert ss.session_status(store, sid).state.completed_items[ITEM][0] == "the app"


def test_protocols_say_which_views_are_due_when(store):
    meso = dph.load_schedule("mesotherapy")
    assert [r.when for r in meso] == ["baseline", "after_session", "end_of_course",
                                      "each_review"]
    assert meso[1].session == 3 and "both_dorsal" in meso[0].views
    pid, sid = _session(store)
    [due] = sph.due(store, pid)
    assert due.kind == "baseline" and "both_dorsal" in due.missing
    sph.record_clinical_consent(store, pid, True)
    for n, view in enumerate(due.views):
        sph.import_photo(store, pid, view, camera_jpeg(scene(seed=n)), session_id=sid)
    assert sph.due(store, pid) == []


def test_views_are_content_with_instructions():
    views = dph.load_views()
    assert [v.id for v in views][:2] == ["both_dorsal", "left_dorsal"]
    both = dph.get_view("both_dorsal")
    assert both.graded and "board" in both.text("en")[1]
    assert dph.get_view("palms").optional


def test_content_check_names_the_line_of_a_mistake_in_the_photo_sections(tmp_path):
    from rejuv_desktop.errors import ContentError
    from rejuv_desktop.services.content_check import validate

    bad = tmp_path / "mesotherapy.toml"
    from rejuv_desktop.content import packaged_path

    text = packaged_path("protocols", "mesotherapy.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace('views = ["both_dorsal"]\n', 'views = ["elbow"]\n', 1),
                   encoding="utf-8")
    with pytest.raises(ContentError, match="unknown view 'elbow'"):
        validate("protocols/mesotherapy.toml", bad)
    views = tmp_path / "views.toml"
    views.write_text('id = "photos.views"\nversion = "1"\n[[views]]\nid = "x"\n'
                     'title = { fr = "X" }\ninstructions = { en = "Y" }\n', encoding="utf-8")
    with pytest.raises(ContentError, match="English text"):
        validate("photos/views.toml", views)
