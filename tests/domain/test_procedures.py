"""The procedure registry: the protocol files declare the procedures, in order, with their names;
a clinic's mistake in a declaration names the file and line."""

from __future__ import annotations

import pytest

from rejuv_desktop import content
from rejuv_desktop.domain.procedures import procedure, procedure_ids, procedures
from rejuv_desktop.errors import ContentError
from tests.services.test_content_check import clear_loader_caches

HEAD = '''# a clinic's procedure
id = "protocol.{pid}"
version = "1"
procedure = "{declared}"
title = "Something new"
{extra}
[[steps]]
id = "check"
'''


@pytest.fixture
def clinic_folder(tmp_path):
    folder = tmp_path / "content"
    (folder / "protocols").mkdir(parents=True)
    content.use_overrides_dir(folder)
    yield folder / "protocols"
    content.use_overrides_dir(None)
    clear_loader_caches()


def test_the_packaged_procedures_in_their_order_with_their_names():
    assert procedure_ids() == ("fat_transfer", "mesotherapy")
    fat, meso = procedures()
    assert (fat.name, fat.label, fat.treats, fat.needs_donor_fat) == (
        "fat transfer to the hands", "Fat transfer", "volume", True)
    assert (meso.name, meso.label, meso.treats) == ("hand mesotherapy", "Mesotherapy", "skin")
    with pytest.raises(KeyError):
        procedure("hand_filler")


def test_a_clinic_file_adds_a_procedure_in_the_order_it_gives(clinic_folder):
    (clinic_folder / "peel.toml").write_text(
        HEAD.format(pid="peel", declared="peel", extra="order = 0\nlabel = \"Peel\""), encoding="utf-8")
    content.use_overrides_dir(clinic_folder.parent)  # read again, as at the app's start
    assert procedure_ids() == ("peel", "fat_transfer", "mesotherapy")
    assert procedure("peel").label == "Peel" and procedure("peel").name == "something new"


@pytest.mark.parametrize("declared,extra,message,line", [
    ("other", "", "name it other.toml", 4),
    ("peel", 'treats = "hair"', "'treats' must be one of: volume, skin", 6),
    ("peel", "order = \"first\"", "'order' must be a whole number", 6),
    ("peel", "name = ", "not valid TOML", 6),
])
def test_a_mistake_in_a_declaration_names_the_file_and_line(clinic_folder, declared, extra,
                                                             message, line):
    (clinic_folder / "peel.toml").write_text(HEAD.format(pid="peel", declared=declared, extra=extra),
                                             encoding="utf-8")
    content.use_overrides_dir(clinic_folder.parent)
    with pytest.raises(ContentError, match=message) as err:
        procedure_ids()
    assert err.value.path.endswith("peel.toml") and err.value.line == line
