"""A clinic's own content: files in its overrides folder replace the packaged ones, are checked
with file and line, are listed with their versions, and live outside the installation."""

import os
import subprocess
import sys

import pytest

from rejuv_desktop import content, paths
from rejuv_desktop.content import packaged_path, resource_path
from rejuv_desktop.errors import ContentError
from rejuv_desktop.services import content_check


def clear_loader_caches():
    """Read every content file afresh (after the content folder or its files changed)."""
    from rejuv_desktop.documents import labels, templates
    from rejuv_desktop.domain import procedures, protocols, scales, screening, thresholds

    for cached in (screening._default_rules, scales._default_scales, thresholds._default_thresholds,
                   protocols._load_default, templates._cached, labels._cached):
        cached.cache_clear()
    procedures.clear_cache()


@pytest.fixture
def overrides(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    content.use_overrides_dir(folder)
    clear_loader_caches()
    yield folder
    content.use_overrides_dir(None)
    clear_loader_caches()


def write(folder, relative, text):
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def packaged(relative):
    return packaged_path(*relative.split("/")).read_text(encoding="utf-8")


def test_the_overrides_folder_is_in_the_clinic_data_folder_outside_the_installation():
    assert content.overrides_dir() == paths.data_dir() / "content"
    assert content.resources_root() not in content.overrides_dir().parents


def test_an_override_replaces_the_packaged_file_of_the_same_name(overrides):
    from rejuv_desktop.domain.screening import load_rules, screen

    assert load_rules().version == "2025.1"
    text = packaged("screening.toml").replace('version = "2025.1"', 'version = "clinic-3"')
    # The clinic makes smoking a contraindication for fat transfer.
    text = text.replace('question = "smoker"\nprocedure = "fat_transfer"\nlevel = "caution"',
                        'question = "smoker"\nprocedure = "fat_transfer"\nlevel = "contraindicated"')
    clear_loader_caches()
    path = write(overrides, "screening.toml", text)
    assert resource_path("screening.toml") == path
    rules = load_rules()
    assert rules.version == "clinic-3"
    answers = {q.id: "no" for q in rules.questions} | {"smoker": "yes"}
    assert screen(answers, rules)["fat_transfer"].level == "contraindicated"


def test_overrides_reach_protocols_documents_and_help(overrides):
    from rejuv_desktop.documents.templates import load_template
    from rejuv_desktop.domain.protocols import load_protocol
    from rejuv_desktop.services.help import help_page

    write(overrides, "protocols/mesotherapy.toml",
          packaged("protocols/mesotherapy.toml").replace('title = "Hand mesotherapy"', 'title = "Our hand mesotherapy"', 1))
    write(overrides, "documents/en/summary.toml",
          packaged("documents/en/summary.toml").replace("version = ", "version = 99 #", 1))
    write(overrides, "help/en/due.md", "# What is due\n\nOur own words.\n")
    assert load_protocol("mesotherapy").title == "Our hand mesotherapy"
    assert str(load_template("summary", None, "en").version) == "99"
    assert "Our own words." in help_page("due")


def test_fonts_are_never_taken_from_the_overrides_folder(overrides):
    write(overrides, "fonts/DejaVuSans.ttf", "not a font")
    assert resource_path("fonts", "DejaVuSans.ttf") == packaged_path("fonts", "DejaVuSans.ttf")
    found = content_check.overrides()
    assert [(o.relative, o.used) for o in found] == [("fonts/DejaVuSans.ttf", False)]
    assert "never replaced" in found[0].why_unused


def test_listing_gives_ids_and_versions_of_the_override_and_the_packaged_file(overrides):
    write(overrides, "screening.toml", packaged("screening.toml").replace('version = "2025.1"', 'version = "clinic-3"'))
    write(overrides, "screnning.toml", "id = 'typo'\n")
    found = {o.relative: o for o in content_check.overrides()}
    assert (found["screening.toml"].id, found["screening.toml"].version) == ("screening", "clinic-3")
    assert found["screening.toml"].packaged_version == "2025.1" and found["screening.toml"].used
    assert not found["screnning.toml"].used and "spelling" in found["screnning.toml"].why_unused


def test_check_validates_packaged_and_overrides(overrides):
    report = content_check.check_content()
    assert report.ok and not report.problems
    assert {"screening.toml", "recommendation.toml", "protocols/fat_transfer.toml",
            "documents/en/consent_fat_transfer.toml", "help/en/settings.md"} <= {r for r, _ in report.checked}

    broken = packaged("screening.toml").replace('evidence = "C"', 'evidence = "verified"', 1)
    path = write(overrides, "screening.toml", broken)
    report = content_check.check_content()
    assert not report.ok
    [problem] = report.problems
    assert problem.overridden and str(path) in problem.message
    line = int(problem.message.split(", line ")[1].split(":")[0])
    assert 'evidence = "verified"' in broken.splitlines()[line - 1]


def test_a_broken_override_stops_the_start_with_file_and_line(overrides):
    assert content_check.check_overrides_at_start() is None
    path = write(overrides, "protocols/fat_transfer.toml", packaged("protocols/fat_transfer.toml") + "\n[[steps]\nid = 'x'\n")
    message = content_check.check_overrides_at_start()
    assert str(path) in message and "line" in message and "not valid TOML" in message
    assert str(overrides) in message and "Nothing in the database was changed" in message


def test_unreadable_override_is_a_content_error_not_a_crash(overrides):
    path = write(overrides, "scales.toml", "")
    path.write_bytes(b"\xff\xfe id = 1")
    with pytest.raises(ContentError, match="UTF-8"):
        content_check.validate("scales.toml", path)


def test_unknown_help_placeholder_names_the_line(overrides):
    path = write(overrides, "help/en/due.md", "# Due\n\n{{nonsense}}\n")
    with pytest.raises(ContentError) as info:
        content_check.validate("help/en/due.md", path)
    assert info.value.line == 3


def _cli(data_home, *args):
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    return subprocess.run([sys.executable, "-m", "rejuv_desktop", "content", "check", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env)


def test_cli_content_check_lists_overrides_and_exits_0_or_1(tmp_path):
    data_home = tmp_path / "data"
    run = _cli(data_home)
    assert run.returncode == 0, run.stderr
    assert "No file is overridden" in run.stdout and "all valid" in run.stdout

    # The default folder is "content" in the clinic's data folder.
    folder = data_home / "rejuv-desktop" / "content"
    write(folder, "screening.toml", packaged("screening.toml").replace('version = "2025.1"', 'version = "clinic-3"'))
    run = _cli(data_home)
    assert run.returncode == 0, run.stdout
    assert "screening.toml" in run.stdout and "clinic-3" in run.stdout and "2025.1" in run.stdout

    write(folder, "recommendation.toml", packaged("recommendation.toml").replace("grade = 2", "grade = 7"))
    run = _cli(data_home)
    assert run.returncode == 1
    assert "BAD" in run.stdout and "recommendation.toml, line" in run.stdout and "Traceback" not in run.stderr


def test_cli_content_check_needs_no_qt(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path))
    code = ("import sys; from rejuv_desktop.cli import main; rc = main(['content', 'check']); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; sys.exit(rc)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_copy_made_before_an_upgrade_is_flagged_for_the_questions_it_lacks(overrides, tmp_path):
    # The clinic copied the questionnaire before the hand questions were added.
    text = packaged("screening.toml")
    cut = text.index("# ================================================================ Questions hands need")
    write(overrides, "screening.toml", text[:cut])
    [found] = content_check.overrides()
    assert "raynaud_phenomenon" in found.missing and "epilepsy" in found.missing
    assert "smoker" not in found.missing
    run = _cli_with_folder(overrides)
    assert run.returncode == 0  # still valid: the clinic may have meant it
    assert "NOTE screening.toml lacks" in run.stdout and "raynaud_phenomenon" in run.stdout


def _cli_with_folder(folder):
    return subprocess.run([sys.executable, "-m", "rejuv_desktop", "content", "check", "--overrides", str(folder)],
                          capture_output=True, text=True, timeout=120)


def test_every_packaged_content_file_is_checked():
    # A new content file needs a reader in content_check, or a clinic's copy of it would be
    # listed as replacing nothing and never validated.
    root = content.resources_root()
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    content_files = {f for f in files if f.split("/")[0] not in content.NOT_OVERRIDABLE
                     and not f.endswith("README.md")}
    assert content_files == set(content_check.packaged_files())


def test_a_clinics_wording_of_the_questions_is_checked_and_used(overrides):
    from rejuv_desktop.domain import screening_reader
    from rejuv_desktop.content import load_toml

    old = 'text = "Are you pregnant, or planning to become pregnant in the coming months?"'
    reworded = packaged("text/en/screening.toml").replace(old, 'text = "Are you expecting a baby?"')
    write(overrides, "text/en/screening.toml", reworded)
    report = content_check.check_content()
    assert report.ok and "text/en/screening.toml" in {r for r, _ in report.checked}
    rules = screening_reader.parse_rules(load_toml(content.resource_path("screening.toml")))
    assert rules.question("pregnant").text == "Are you expecting a baby?"

    path = write(overrides, "text/en/screening.toml", reworded.replace('statement = "the patient is pregnant',
                                                                        'statment = "the patient is pregnant'))
    [problem] = content_check.check_content().problems
    assert problem.overridden and str(path) in problem.message and "statment" in problem.message
