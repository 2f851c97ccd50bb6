import pytest
from django.utils import translation

from tests.factories import portal_world


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    world = portal_world()
    world.panel_profile = world.panel_member.mentor_profile
    return world


@pytest.fixture
def client(client, settings):
    """Pages in English: the language cookie a sign-in sets for English speakers."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
