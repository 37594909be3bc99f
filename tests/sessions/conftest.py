import pytest

from tests.sessions.session_helpers import add_patient, add_practitioner


@pytest.fixture
def actor(store):
    return add_practitioner(store)


@pytest.fixture
def patient(store, actor):
    return add_patient(store)
