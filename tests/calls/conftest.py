import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are asserted in English; tests of the Chinese say so."""
    with translation.override("en"):
        yield
