import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_urls():
    """reverse() in tests builds /en/… addresses unless a test asks for another language."""
    with translation.override("en"):
        yield
