import pytest

from rejuv_desktop import content
from tests.legal.french_helpers import clinic_in, price_list
from tests.sessions.session_helpers import add_patient, add_practitioner


@pytest.fixture
def actor(store):
    return add_practitioner(store)


@pytest.fixture
def patient(store, actor):
    return add_patient(store, "Élodie", "Lefèvre")


@pytest.fixture
def prices(tmp_path):
    price_list(tmp_path / "content")
    yield tmp_path / "content"
    content.use_overrides_dir(None)


@pytest.fixture
def france(store, actor, prices):
    clinic_in(store, "FR")


@pytest.fixture
def qsettings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
