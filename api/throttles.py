"""Per-token rate limit: at most the token's `requests_per_minute` in each minute, counted in the
shared cache (Redis in production, so every web process counts together); beyond it 429 with
Retry-After (DRF sets the header from `wait()`). A fixed window costs one cache call per
request, where DRF's sliding history rewrites a list per request."""

import time

from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

from accounts.models import ApiToken

WINDOW_SECONDS = 60


class TokenRateThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        key = f"api-throttle:{token.pk}:{window}"
        try:
            count = cache.incr(key)  # one round trip, but for a window's first request
        except ValueError:  # the window's first request (or the count was evicted)
            count = 1 if cache.add(key, 1, timeout=WINDOW_SECONDS * 2) else cache.incr(key)
        self._wait = (window + 1) * WINDOW_SECONDS - now
        return count <= token.requests_per_minute

    def wait(self) -> float:
        return max(1.0, self._wait)
