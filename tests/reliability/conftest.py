import pytest

from tests.reliability.components import RedisServer, smtp_server


@pytest.fixture
def smtp():
    """(handler, worker environment) of a real SMTP server on a free local port."""
    with smtp_server() as server:
        yield server


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server for this test alone, which it may stop and start; the machine's shared
    Redis is never touched."""
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(folder)
    server.start()
    yield server
    server.stop()
