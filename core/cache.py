"""Django's Redis cache, made to survive Redis going away, and faster.

- Degrades instead of raising: when Redis does not answer (refused, timed out after the short
  socket timeouts the settings give it), a read returns its default and a write does nothing,
  so the page cache is bypassed, sessions are read from the database (cached_db) and the
  sign-in throttle counts in the database (accounts.throttle asks `cache_available()`). After a
  failure the cache is not asked again for CACHE_RETRY_SECONDS, so a page pays one timeout,
  not one per lookup; the failure is logged at most once per CACHE_ERROR_LOG_SECONDS.
- Counts (`incr`, the rate limits' and the page versions') in one round trip, not two.
- Counts a rate limit and reads what the request will want next in the same round trip
  (`count_and_get_many`): the API token lists' limit and their stored answer.
- Reuses one redis client per connection pool. The stock backend builds a new `redis.Redis`
  object on every call, which copies its table of response callbacks: about a quarter of a
  millisecond per cache hit, most of what a cached public page costs to serve."""

from __future__ import annotations

import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What each operation answers while Redis is away (by method name).
_DEGRADED = {
    "add": False,
    "get": None,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "incr": None,
    "set_many": [],
    "delete_many": None,
    "clear": None,
}


# INCRBY only when the key exists, in one round trip (the stock client asks EXISTS first).
_INCR_EXISTING = (
    "if redis.call('exists', KEYS[1]) == 1 then return redis.call('incrby', KEYS[1], ARGV[1]) end"
)


# INCR, and the expiry set when the count starts: a rate limit's window in one atomic call.
_COUNT = (
    "local n = redis.call('incr', KEYS[1]) "
    "if n == 1 then redis.call('expire', KEYS[1], ARGV[1]) end "
    "return n"
)


class ReusedClientRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        if index not in clients:
            clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return clients[index]

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        script = self.__dict__.get("_incr_existing")
        if script is None:
            script = self.__dict__["_incr_existing"] = client.register_script(_INCR_EXISTING)
        value = script(keys=[key], args=[delta], client=client)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def count_and_get_many(self, counter, timeout, keys):
        # One pipeline, one round trip. EVAL, not EVALSHA: a pipeline of scripts would ask Redis
        # whether they are loaded first, on every call; the body is a hundred bytes.
        pipeline = self.get_client(write=True).pipeline(transaction=False)
        pipeline.eval(_COUNT, 1, counter, int(timeout))
        if keys:
            pipeline.mget(keys)
        count, *values = pipeline.execute()
        found = zip(keys, values[0] if values else [], strict=True)
        return count, {
            key: self._serializer.loads(value) for key, value in found if value is not None
        }


def _degrading(name: str):
    operation = getattr(RedisCache, name)

    @wraps(operation)
    def degraded(self, *args, **kwargs):
        if not self.available:
            return _fallback(name, args, kwargs)
        try:
            return operation(self, *args, **kwargs)
        except RedisError as error:
            self._went_away(error)
            return _fallback(name, args, kwargs)

    return degraded


def _fallback(name: str, args: tuple, kwargs: dict):
    if name == "get":
        return kwargs.get("default", args[1] if len(args) > 1 else None)
    value = _DEGRADED[name]
    return value.copy() if isinstance(value, dict | list) else value


class FastRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0
        self._logged_at = -float("inf")

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def count_and_get_many(self, counter: str, timeout: int, keys: list[str]):
        """See count_and_get_many below; (None, {}) while Redis is away."""
        if not self.available:
            return None, {}
        made = {self.make_and_validate_key(key): key for key in keys}
        try:
            count, found = self._cache.count_and_get_many(
                self.make_and_validate_key(counter), timeout, list(made)
            )
        except RedisError as error:
            self._went_away(error)
            return None, {}
        return count, {made[key]: value for key, value in found.items()}

    def _went_away(self, error: Exception) -> None:
        now = time.monotonic()
        self._down_until = now + settings.CACHE_RETRY_SECONDS
        if now - self._logged_at >= settings.CACHE_ERROR_LOG_SECONDS:
            self._logged_at = now
            logger.error(
                "cache unavailable (%s: %s): pages served uncached, sessions and sign-in "
                "throttling from the database; retrying every %ss",
                type(error).__name__,
                error,
                settings.CACHE_RETRY_SECONDS,
            )


for _name in _DEGRADED:
    setattr(FastRedisCache, _name, _degrading(_name))


def count_and_get_many(
    counter: str, timeout: int, keys: list[str], alias: str = "default"
) -> tuple[int | None, dict]:
    """Counts `counter` up by one (from 1, kept `timeout` seconds from its first count) and reads
    `keys` as get_many does: in one round trip on Redis (FastRedisCache), as two calls on other
    caches. The count is None while the shared cache is away: the caller decides what a limit
    means then."""
    backend = caches[alias]
    if isinstance(backend, FastRedisCache):
        return backend.count_and_get_many(counter, timeout, keys)
    try:
        count = backend.incr(counter)
    except ValueError:  # the first count (or the key was evicted)
        count = 1 if backend.add(counter, 1, timeout) else backend.incr(counter)
    return count, backend.get_many(keys) if keys else {}


def cache_available(alias: str = "default") -> bool:
    """False while the shared cache is known to be down (always True for local caches)."""
    return getattr(caches[alias], "available", True)
