import pytest

from tests.factories import portal_world


@pytest.fixture
def world(db):
    return portal_world()


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
