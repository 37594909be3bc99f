"""Free text: hidden and direction characters, titles in names, terminal-safe output."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from rejuv_desktop.cli_auth import safe
from rejuv_desktop.domain import text as dt


@given(st.text(max_size=40), st.sampled_from(sorted(dt.BIDI_OVERRIDES)), st.text(max_size=40))
def test_a_direction_override_anywhere_is_refused_in_names_and_notes(before, override, after):
    value = before + override + after
    assert dt.text_problem(value) is not None
    assert dt.text_problem(value, multiline=True, strict=False) is not None


@given(st.text())
def test_terminal_output_never_carries_control_or_format_characters(value):
    shown = safe(value)
    assert not any(unicodedata.category(c) == "Cc" for c in shown)
    assert not any(c in dt.BIDI_CONTROLS or c in dt.INVISIBLE for c in shown)


@given(st.sampled_from(["Dr", "Dr.", "DR", "Prof", "Mrs", "Mme", "Nurse", "M."]),
       st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=20))
def test_a_title_before_a_name_is_found(title, name):
    assert dt.leading_title(f"{title} {name}") == title


def test_names_that_only_look_like_titles_are_kept():
    for name in ("Drew Barrymore", "Misses", "M Rousseau", "Dr", "Mr"):
        assert dt.leading_title(name) is None
