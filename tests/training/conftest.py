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
