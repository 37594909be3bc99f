"""The recommendation's and the summary's words, per language, from phrases.toml."""

import pytest

from rejuv_desktop.content import resource_path
from rejuv_desktop.documents.phrases import load_phrases_file
from rejuv_desktop.errors import ContentError
from rejuv_desktop.services import content_check

PACKAGED = resource_path("documents", "en", "phrases.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("change, message, bad", [
    (("{low} to {high} mL", "{low} to {most} mL"), "unknown placeholder {most}", "{most}"),
    (('no_indication = "', 'no_indications = "'), "'no_indication' in [line] is missing", None),
    (('lang = "en"', 'lang = "fr"'), "'lang' must be \"en\"", 'lang = "fr"'),
])
def test_a_mistake_in_the_phrases_names_the_file_and_line(tmp_path, change, message, bad):
    assert change[0] in PACKAGED
    path = tmp_path / "phrases.toml"
    path.write_text(PACKAGED.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_phrases_file(path, "en")
    assert message in str(info.value) and str(path) in str(info.value)
    if bad:
        assert bad in path.read_text(encoding="utf-8").splitlines()[info.value.line - 1]


def test_the_content_check_reads_the_phrases_with_their_own_reader():
    report = content_check.check_content()
    assert "documents/en/phrases.toml" in {r for r, _ in report.checked}
    assert report.ok, report.problems
