"""The help in French: every page the English help has, by the same name, written in French,
its tables filled from the French content; a missing page or word is a content error."""

from __future__ import annotations

import re

import pytest

from rejuv_desktop import content
from rejuv_desktop.content import packaged_path
from rejuv_desktop.errors import ContentError
from rejuv_desktop.services import content_check
from rejuv_desktop.services import help as shelp


def test_every_english_page_has_its_french_page_and_no_other():
    assert shelp.topics("fr") == shelp.topics("en")
    assert len(shelp.topics("fr")) >= 20


def sentences(markdown: str) -> set[str]:
    """The page's sentences of some length (table rows and code left out)."""
    text = re.sub(r"`[^`]*`|\{\{\w+\}\}", "", markdown)
    parts = re.split(r"(?<=[.:;!?])\s+|\n", text)
    return {re.sub(r"[*_#|\-]", "", p).strip() for p in parts if len(p.strip()) > 25}


@pytest.mark.parametrize("topic", shelp.topics("en"))
def test_each_french_page_is_filled_and_says_nothing_in_english(topic):
    french = shelp.help_page(topic, "fr")
    assert "{{" not in french and len(french) > 200
    english = sentences(shelp.help_page(topic, "en"))
    # Only references read the same (a web address, "Questionnaire screening, version 2025.1").
    assert {s for s in sentences(french) & english if "http" not in s and "version" not in s
            and not re.search(r"\[[SPCU]\]", s)} == set()
    for word in (" the ", " and ", " with ", " must "):  # no English prose left in a table
        lines = [line for line in french.splitlines()
                 if word in line and "http" not in line and "et al" not in line]
        assert lines == [], (topic, word, lines[:2])


def test_the_french_tables_come_from_the_french_content():
    session = shelp.help_page("session", "fr")
    assert "4,5 mg/kg" in session and "lidocaïne non adrénalinée" in session
    assert "non vérifié" in session
    screening = shelp.help_page("consultation-screening", "fr")
    assert "Contre-indication" in screening and "Êtes-vous enceinte" in screening
    due = shelp.help_page("due", "fr")
    assert "Contrôle à 1 mois" in due and "de 28 à 35 jours après la séance" in due


def test_a_page_missing_in_french_is_a_content_error_not_the_english_page(tmp_path):
    folder = tmp_path / "content"
    (folder / "help" / "en").mkdir(parents=True)
    (folder / "help" / "en" / "extra.md").write_text("# Extra\n\nA page only in English.\n")
    content.use_overrides_dir(folder)
    try:
        with pytest.raises(ContentError, match=r"help/fr/extra\.md"):
            shelp.help_page("extra", "fr")
        with pytest.raises(ContentError, match=r"missing translation.*help/fr/extra\.md"):
            content_check.validate("help/en/extra.md", folder / "help" / "en" / "extra.md")
    finally:
        content.use_overrides_dir(None)


def test_a_missing_word_of_the_french_tables_names_the_file_and_key(tmp_path):
    text = packaged_path("help", "fr", "fillers.toml").read_text("utf-8")
    path = tmp_path / "fillers.toml"
    path.write_text(re.sub(r"\nmerz_heading = .*\n", "\n", text), "utf-8")
    with pytest.raises(ContentError, match=r"fillers\.toml.*\[words\].*merz_heading"):
        shelp.check_fillers("fr", path)
