"""Templates and labels are data: they load, and a mistake names its file and line."""

from datetime import date, datetime
from pathlib import Path

import pytest

from rejuv_desktop.content import resource_path
from rejuv_desktop.documents import load_labels, load_template
from rejuv_desktop.documents.labels import load_labels_file
from rejuv_desktop.documents.templates import load_template_file
from rejuv_desktop.errors import ContentError

TEMPLATES = [
    ("consent", "fat_transfer"),
    ("consent", "mesotherapy"),
    ("aftercare", "fat_transfer"),
    ("aftercare", "mesotherapy"),
    ("summary", None),
]


@pytest.mark.parametrize("kind,procedure", TEMPLATES)
def test_every_english_template_loads(kind, procedure):
    tpl = load_template(kind, procedure, "en")
    assert tpl.id == (f"{kind}_{procedure}" if procedure else kind)
    assert tpl.version and tpl.lang == "en" and tpl.kind == kind
    assert tpl.blocks


def test_aftercare_sheets_use_large_type():
    for procedure in ("fat_transfer", "mesotherapy"):
        assert load_template("aftercare", procedure).font_size >= 13


def test_unknown_kind_procedure_or_language_is_a_content_error():
    with pytest.raises(ContentError):
        load_template("invoice", None)
    with pytest.raises(ContentError):
        load_template("consent", "botox")
    with pytest.raises(ContentError):
        load_template("consent", "fat_transfer", "../x")


GOOD_HEAD = 'id = "t"\nversion = 1\nlang = "en"\ntitle = "T"\n'


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "t.toml"
    path.write_text(GOOD_HEAD + body, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if needle in ln)


def test_a_minimal_template_loads(tmp_path):
    path = write(tmp_path, '[[blocks]]\ntype = "paragraph"\ntext = "Hello {patient_name}"\n')
    tpl = load_template_file(path, "consent", "fat_transfer", "en")
    assert tpl.blocks[0].type == "paragraph"


def test_unknown_block_type_names_its_line(tmp_path):
    path = write(
        tmp_path,
        '[[blocks]]\ntype = "paragraph"\ntext = "a"\n\n[[blocks]]\ntype = "carousel"\ntext = "b"\n',
    )
    with pytest.raises(ContentError) as info:
        load_template_file(path, "consent", "fat_transfer", "en")
    assert info.value.line == line_of(path, '"carousel"')
    assert "carousel" in str(info.value) and str(path) in str(info.value)


def test_unknown_placeholder_names_its_line(tmp_path):
    path = write(
        tmp_path,
        '[[blocks]]\ntype = "paragraph"\ntext = "a"\n\n[[blocks]]\ntype = "bullets"\n'
        'items = [\n  "fine {patient_name}",\n  "bad {patient_shoe_size}",\n]\n',
    )
    with pytest.raises(ContentError) as info:
        load_template_file(path, "consent", "fat_transfer", "en")
    assert info.value.line == line_of(path, "{patient_shoe_size}")
    assert "patient_shoe_size" in str(info.value)


def test_placeholder_of_another_kind_is_refused(tmp_path):
    path = write(tmp_path, '[[blocks]]\ntype = "paragraph"\ntext = "On {session_date}"\n')
    load_template_file(path, "aftercare", "fat_transfer", "en")
    with pytest.raises(ContentError):
        load_template_file(path, "consent", "fat_transfer", "en")


def test_date_placeholder_needs_a_defined_date(tmp_path):
    path = write(tmp_path, '[[blocks]]\ntype = "paragraph"\ntext = "Until {date:no_sun_until}"\n')
    with pytest.raises(ContentError) as info:
        load_template_file(path, "aftercare", "fat_transfer", "en")
    assert info.value.line == line_of(path, "no_sun_until")
    path = write(
        tmp_path,
        '[dates]\nno_sun_until = { from = "session_date", days = 2 }\n\n'
        '[[blocks]]\ntype = "paragraph"\ntext = "Until {date:no_sun_until}"\n',
    )
    assert load_template_file(path, "aftercare", "fat_transfer", "en").dates["no_sun_until"].days == (2, 2)


@pytest.mark.parametrize(
    "rule",
    [
        '{ from = "session_date", days = "two" }',
        '{ from = "session_date", days = [10, 5] }',
        '{ from = "birthday", days = 2 }',
        '{ from = "session_date", days = -1 }',
    ],
)
def test_malformed_dates_are_refused(tmp_path, rule):
    path = write(tmp_path, f'[dates]\nx = {rule}\n\n[[blocks]]\ntype = "paragraph"\ntext = "a"\n')
    with pytest.raises(ContentError) as info:
        load_template_file(path, "aftercare", "fat_transfer", "en")
    assert info.value.line == line_of(path, "x = ")


def test_consent_dates_cannot_count_from_a_session(tmp_path):
    path = write(tmp_path, '[dates]\nx = { from = "session_date", days = 2 }\n[[blocks]]\ntype = "paragraph"\ntext = "a"\n')
    with pytest.raises(ContentError):
        load_template_file(path, "consent", "fat_transfer", "en")


def test_broken_markup_is_refused_at_load(tmp_path):
    path = write(tmp_path, '[[blocks]]\ntype = "paragraph"\ntext = "<b>bold without end"\n')
    with pytest.raises(ContentError) as info:
        load_template_file(path, "consent", "fat_transfer", "en")
    assert info.value.line == line_of(path, "<b>bold")


def test_missing_required_key_and_wrong_language(tmp_path):
    path = write(tmp_path, '[[blocks]]\ntype = "risk_table"\ncolumns = ["Risk", "How often"]\n')
    with pytest.raises(ContentError, match="needs 'rows'"):
        load_template_file(path, "consent", "fat_transfer", "en")
    path = write(tmp_path, '[[blocks]]\ntype = "paragraph"\ntext = "a"\n')
    with pytest.raises(ContentError, match="lang"):
        load_template_file(path, "consent", "fat_transfer", "fr")


def test_data_block_source_must_belong_to_the_kind(tmp_path):
    path = write(tmp_path, '[[blocks]]\ntype = "list"\nsource = "plan"\nempty = "none"\n')
    load_template_file(path, "summary", None, "en")
    with pytest.raises(ContentError, match="plan"):
        load_template_file(path, "consent", "fat_transfer", "en")


def test_missing_id_and_toml_syntax_error(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('version = 1\nlang = "en"\ntitle = "T"\n[[blocks]]\ntype = "paragraph"\ntext = "a"\n')
    with pytest.raises(ContentError, match="'id'"):
        load_template_file(path, "consent", "fat_transfer", "en")
    path.write_text(GOOD_HEAD + '[[blocks]]\ntype = "paragraph"\ntext = "a\n')
    with pytest.raises(ContentError) as info:
        load_template_file(path, "consent", "fat_transfer", "en")
    assert info.value.line == 7


def test_unprintable_character_in_template_is_refused(tmp_path):
    path = write(tmp_path, '[[blocks]]\ntype = "paragraph"\ntext = "Namaste \u0928"\n')
    with pytest.raises(ContentError, match="font"):
        load_template_file(path, "consent", "fat_transfer", "en")


def test_labels_format_dates_in_words():
    labels = load_labels("en")
    assert labels.date(date(2025, 11, 24)) == "24 November 2025"
    assert labels.date(date(2025, 11, 24), weekday=True) == "Monday 24 November 2025"
    assert labels.date_range(date(2025, 12, 30), date(2026, 1, 2)) == "between 30 December 2025 and 2 January 2026"
    assert labels.date_range(date(2025, 12, 30), date(2025, 12, 30)) == "30 December 2025"
    assert labels.date_time(datetime(2025, 11, 24, 9, 5)) == "24 November 2025 at 09:05"
    assert labels.format("page_of", page=2, pages=5) == "Page 2 of 5"


def test_labels_with_unknown_placeholder_name_their_line(tmp_path):
    source = resource_path("documents", "en", "labels.toml").read_text(encoding="utf-8")
    bad = source.replace('page_of = "Page {page} of {pages}"', 'page_of = "Page {page} of {total}"')
    path = tmp_path / "labels.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_labels_file(path, "en")
    assert info.value.line == line_of(path, "page_of =")
    assert "{total}" in str(info.value)
