import pytest
from django.utils import translation

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _english_urls():
    """reverse() in these tests builds /en/… addresses unless a test asks for another."""
    with translation.override("en"):
        yield


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, full_name="Sam Staff")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
