"""core.cache.FastRedisCache against a real Redis (CI's, or one of our own): `incr` keeps
Django's meaning (a missing key is a ValueError, a count keeps its expiry) in one round trip."""

import pytest
from django.core.cache import caches

from core.cache import FastRedisCache


@pytest.fixture
def redis_cache(redis_url, settings):
    settings.CACHES = {
        "default": settings.CACHES["default"],
        "fast": {"BACKEND": "core.cache.FastRedisCache", "LOCATION": redis_url},
    }
    cache = caches["fast"]
    assert isinstance(cache, FastRedisCache)
    cache.delete_many(["count", "missing"])
    yield cache
    cache.delete_many(["count", "missing"])


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
