"""Glyph coverage: every character prints in some embedded font, or is refused up front."""

import pytest

from rejuv_desktop.documents.fonts import MAIN, check_printable, clean_text, fonts, uncovered, with_font_runs
from rejuv_desktop.documents.markup import user_markup
from rejuv_desktop.errors import UserError


def test_main_font_covers_latin_greek_cyrillic():
    fs = fonts()
    for char in "Zoë Łukasiewicz-Ødegård Ελένη Παπαδοπούλου Анна Смирнова İı Nguyễn ☐☒•–’€":
        assert fs.font_for(char) == MAIN, char


def test_cjk_goes_to_the_fallback_font():
    fs = fonts()
    for char in "王芳김민준さくらカタ":
        assert fs.font_for(char) not in (None, MAIN), char


def test_runs_wrap_only_characters_the_main_font_lacks():
    markup = with_font_runs("Zoë 王芳 Анна")
    fallback = fonts().fallbacks[0][0]
    assert markup == f'Zoë <font name="{fallback}">王芳</font> Анна'


def test_runs_leave_tags_and_entities_alone():
    fallback = fonts().fallbacks[0][0]
    assert with_font_runs("<b>王</b>&amp;<br/>") == f'<b><font name="{fallback}">王</font></b>&amp;<br/>'


def test_user_text_is_escaped_before_runs_and_keeps_newlines():
    assert user_markup("a <b> & </para>\nb") == "a &lt;b&gt; &amp; &lt;/para&gt;<br/>b"


def test_clean_text_drops_control_characters_and_keeps_line_ends():
    assert clean_text("a\x00b\x07c\r\nd\re\tf\x85") == "a" + "bc\nd\ne f"


@pytest.mark.parametrize("char", ["\u0915", "\U00010000", "\U0001d11e"])
def test_uncovered_characters_are_found(char):
    assert uncovered(f"x{char}y") == [char]


def test_exotic_white_space_is_not_refused():
    # An ogham space mark is white space: it prints as a plain space rather than being refused.
    assert uncovered("x\u1680y") == []


def test_check_printable_names_the_field_and_the_character():
    with pytest.raises(UserError) as info:
        check_printable("Priya \u0915\u0916", "The patient's name")
    message = str(info.value)
    assert message.startswith("The patient's name")
    assert "U+0915" in message and "DEVANAGARI LETTER KA" in message


def test_invisible_format_characters_are_accepted():
    check_printable("a\u200db\u200ec\ufeff", "Notes")
