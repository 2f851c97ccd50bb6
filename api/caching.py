"""The public endpoints' answers are the same for every client: stored whole in the public page
cache (core.public_cache, invalidated like the pages) with a strong ETag over the body and the
time the public content last changed as Last-Modified, so a client revalidates with a 304.
Token lists are kept per token (CachedTokenList)."""

import hashlib
from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from core.cache import cache_available
from core.public_cache import (
    WORKING_DATA_VERSION_KEY,
    answer_at_version,
    cached_at_version,
    cached_public_page,
    public_content_changed_at,
    revalidated,
    store_at_version,
)


def public_endpoint(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            response.render()
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["Last-Modified"] = http_date(public_content_changed_at())
            # Shared caches and browsers may keep it, but must ask again before using it.
            patch_cache_control(response, public=True, no_cache=True)
            return revalidated(request, response)
        return response

    return cached_public_page(wrapper)


class CachedTokenList:
    """A token endpoint's list, answered again to the same token while the working data is
    unchanged (issue 19: a partner's sync job asks for the same pages again and again). The
    token, its scope and its rate limit are checked on every request as before (DRF's
    `initial()` runs first); only the query and the serialising are skipped. Keyed by token,
    language, media type and the full address (filters, page); stored only as a 200 and served
    only at the working-data version it was made at, like the signed-in pages
    (core.private_cache), and at most PRIVATE_PAGE_CACHE_SECONDS old. The stored answer and
    the version are read in the rate limit's round trip (api.throttles)."""

    def keys_read_with_rate_limit(self, request) -> list[str]:
        if request.method != "GET" or not self._list_cached():
            return []
        return [self._list_key(request), WORKING_DATA_VERSION_KEY]

    def list(self, request, *args, **kwargs):
        if not self._list_cached():
            return super().list(request, *args, **kwargs)
        key = self._list_key(request)
        read = getattr(request, "read_with_rate_limit", {})
        if key in read:
            cached, version = answer_at_version(read, key, WORKING_DATA_VERSION_KEY)
        else:
            cached, version = cached_at_version(key, WORKING_DATA_VERSION_KEY)
        if cached is not None:
            return cached
        self._list_cache = (key, version)
        return super().list(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        stored_as = getattr(self, "_list_cache", None)
        if stored_as is not None and response.status_code == 200 and request.method == "GET":
            key, version = stored_as
            response.render()
            store_at_version(key, version, response, settings.PRIVATE_PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _list_cached() -> bool:
        return settings.PRIVATE_PAGE_CACHE_SECONDS > 0 and cache_available()

    @staticmethod
    def _list_key(request) -> str:
        parts = (
            str(request.auth.pk),
            request.LANGUAGE_CODE,
            request.accepted_media_type,
            request.get_full_path(),
        )
        return f"api-token-list:{hashlib.sha256(chr(0).join(parts).encode()).hexdigest()}"
