"""core.cache.FastRedisCache against a real Redis (CI's, or one of our own): `incr` keeps
Django's meaning (a missing key is a ValueError, a count keeps its expiry) in one round trip;
`count_and_get_many` counts a rate limit and reads the keys given in one round trip too."""

import pytest
from django.core.cache import caches

from core.cache import FastRedisCache, count_and_get_many


@pytest.fixture
def redis_cache(redis_url, settings):
    settings.CACHES = {
        "default": settings.CACHES["default"],
        "fast": {"BACKEND": "core.cache.FastRedisCache", "LOCATION": redis_url},
    }
    cache = caches["fast"]
    assert isinstance(cache, FastRedisCache)
    cache.delete_many(["count", "missing", "stored"])
    yield cache
    cache.delete_many(["count", "missing", "stored"])


def commands(cache) -> list[str]:
    sent = []
    client = cache._cache.get_client(write=True)
    original = client.execute_command

    def counting(*args, **kwargs):
        sent.append(args[0])
        return original(*args, **kwargs)

    client.execute_command = counting
    return sent


def test_incr_counts_an_existing_key_in_one_round_trip_and_keeps_its_expiry(redis_cache):
    redis_cache.set("count", 5, timeout=60)
    assert redis_cache.incr("count") == 6  # the first one loads the script into Redis
    sent = commands(redis_cache)

    assert redis_cache.incr("count") == 7
    assert redis_cache.incr("count", 10) == 17
    assert sent == ["EVALSHA", "EVALSHA"]  # no EXISTS first
    assert redis_cache.get("count") == 17
    assert 0 < redis_cache._cache.get_client().ttl(redis_cache.make_key("count")) <= 60


def test_incr_of_a_missing_key_is_a_value_error_and_creates_nothing(redis_cache):
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("missing")

    assert redis_cache.get("missing") is None
    assert redis_cache.add("missing", 1) is True


def round_trips(cache):
    """How many times anything is sent to Redis: a pipeline sends once."""
    sent = []
    pool = cache._cache._get_connection_pool(True)
    connection = pool.get_connection()
    pool.release(connection)
    original = type(connection).send_packed_command

    def sending(self, *args, **kwargs):
        sent.append(1)
        return original(self, *args, **kwargs)

    type(connection).send_packed_command = sending
    return sent, lambda: setattr(type(connection), "send_packed_command", original)


def test_count_and_get_many_counts_from_one_with_its_expiry_and_reads_in_one_round_trip(
    redis_cache,
):
    redis_cache.set_many({"stored": ("answer", [1, 2]), "version": 7})
    sent, undo = round_trips(redis_cache)
    try:
        first = count_and_get_many("count", 120, ["stored", "version", "missing"], alias="fast")
        second = count_and_get_many("count", 120, [], alias="fast")
    finally:
        undo()

    assert first == (1, {"stored": ("answer", [1, 2]), "version": 7})
    assert second == (2, {})
    assert sent == [1, 1]
    assert 0 < redis_cache._cache.get_client().ttl(redis_cache.make_key("count")) <= 120
    assert redis_cache.get("count") == 2  # the count is the cache's own integer
    redis_cache.delete_many(["stored", "version"])


def test_count_and_get_many_while_redis_is_away_is_none_and_nothing_found(redis_down):
    assert count_and_get_many("count", 120, ["stored"]) == (None, {})
    assert not caches["default"].available


def test_count_and_get_many_on_a_local_cache_counts_and_reads_too(settings):
    settings.CACHES = {
        "default": settings.CACHES["default"],
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["local"].set("stored", "answer")

    assert count_and_get_many("count", 120, ["stored", "missing"], alias="local") == (
        1,
        {"stored": "answer"},
    )
    assert count_and_get_many("count", 120, [], alias="local") == (2, {})
