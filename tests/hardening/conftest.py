import pytest

from tests.factories import portal_world


@pytest.fixture
def world(db):
    return portal_world()


def _listing(root) -> list[str]:
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def stored_files(settings):
    """Every file under the private and the public media folders."""
    return lambda: _listing(settings.PRIVATE_MEDIA_ROOT) + _listing(settings.MEDIA_ROOT)


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
