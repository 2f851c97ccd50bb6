"""Per-token rate limit: at most the token's `requests_per_minute` in each minute, counted in the
shared cache (Redis in production, so every web process counts together); beyond it 429 with
Retry-After (DRF sets the header from `wait()`). A fixed window costs one cache call per
request, where DRF's sliding history rewrites a list per request.

That call also brings what the view will read next from the cache, when the view says what it
is (`keys_read_with_rate_limit`, the token lists' stored answers, api.caching): one round trip
for both. While the shared cache is away, each process counts on its own, so a token gets at
most its limit from each web process rather than none at all or no limit."""

import threading
import time

from rest_framework.throttling import BaseThrottle

from accounts.models import ApiToken
from core.cache import count_and_get_many

WINDOW_SECONDS = 60


class TokenRateThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        key = f"api-throttle:{token.pk}:{window}"
        also_read = getattr(view, "keys_read_with_rate_limit", lambda request: [])(request)
        count, found = count_and_get_many(key, WINDOW_SECONDS * 2, also_read)
        # Each key read, None where nothing is stored.
        request.read_with_rate_limit = {key: found.get(key) for key in also_read}
        if count is None:
            count = _counted_here(key, window)
        self._wait = (window + 1) * WINDOW_SECONDS - now
        return count <= token.requests_per_minute

    def wait(self) -> float:
        return max(1.0, self._wait)


_here: dict[str, int] = {}
_here_window = [0]
_here_lock = threading.Lock()


def _counted_here(key: str, window: int) -> int:
    """This process's own count, for while the shared one cannot be asked."""
    with _here_lock:
        if _here_window[0] != window:
            _here.clear()  # a new minute: the old counts are done with
            _here_window[0] = window
        _here[key] = _here.get(key, 0) + 1
        return _here[key]
