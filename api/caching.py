"""The public endpoints' answers are the same for every client: stored whole in the public page
cache (core.public_cache, invalidated like the pages) with a strong ETag over the body and the
time the public content last changed as Last-Modified, so a client revalidates with a 304."""

import hashlib
from functools import wraps

from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from core.public_cache import cached_public_page, public_content_changed_at, revalidated


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
