import datetime

import pytest
from django.utils import timezone, translation

from tests.factories import CohortPartnerFactory, portal_world
from tests.factories.resources import AvailabilityFactory, ResourceFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    world = portal_world()
    world.resource = ResourceFactory(name_en="Grading suite", limit_per_film=3)
    CohortPartnerFactory(cohort=world.cohort, partner=world.resource.partner)
    AvailabilityFactory(resource=world.resource)
    return world


def day(n: int) -> datetime.date:
    """n days after today in Beijing."""
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def client(client, settings):
    """Pages in English: the language cookie a sign-in sets for English speakers."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
