import pytest

from tests.factories import portal_world


@pytest.fixture
def world(db):
    return portal_world()


@pytest.fixture
def private_files(settings):
    """Every file under the private storage's folder, as paths relative to it."""
    root = settings.PRIVATE_MEDIA_ROOT

    def listing() -> list[str]:
        if not root.exists():
            return []
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    return listing


@pytest.fixture
def client(client, settings):
    """The language cookie a sign-in sets for people whose language is English (the factory's)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
