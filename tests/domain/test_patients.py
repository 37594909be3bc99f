"""A patient's name is made in one place (``domain.patients``), so every screen, document and
command names a patient the same way."""

import re
from pathlib import Path

from rejuv_desktop.domain import patients as dp

ROOT = Path(__file__).resolve().parents[2]
# given_name and family_name put together by hand (an f-string, a join, a concatenation)
_BY_HAND = re.compile(r"given_name\W{2,12}\{?\s*\w*\W{0,3}family_name|"
                      r"family_name\W{2,12}\{?\s*\w*\W{0,3}given_name")


def test_display_and_list_names():
    zoe = {"given_name": "Zoë", "family_name": "Łukasiewicz"}
    assert dp.display_name(zoe) == "Zoë Łukasiewicz"
    assert dp.list_name(zoe) == "ŁUKASIEWICZ, Zoë"


def test_no_name_is_put_together_outside_the_domain():
    offenders = []
    for folder in ("rejuv_desktop", "bench", "docs"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "patients.py" and path.parent.name == "domain":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if "f\"" in line and _BY_HAND.search(line) and "SELECT" not in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, offenders
