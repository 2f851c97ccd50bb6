"""Signed-in pages served again from the cache while nothing they could show has changed
(issue 20: the director's portal, a milestone, the review queue, the staff dashboard).

Only the view's own work is skipped, never a check: the decorator goes inside `login_required`
and `staff_required`, after the middleware, so the session, the user (active, password
unchanged), the two-factor gate and the staff session limits are checked on every request as
before. What the view then decides from the data (which films this person may open) is covered
by the key:

- one entry per session (its key, hashed), person, CSRF cookie, language and full address, so
  a page is only ever served again to the browser it was made for, with the CSRF token that
  browser's cookie matches;
- stored with the working-data version (core.public_cache) and served only at that version:
  every write to a model of the program's apps bumps it after its transaction commits, so a
  change shows on the very next request, through whichever door it came;
- stored compressed for a browser that accepts gzip (core.public_cache.compress_page): the
  staff dashboard of a 200-film cohort is 695 KB of HTML;
- at most PRIVATE_PAGE_CACHE_SECONDS old, which bounds what changes with the clock alone (a
  deadline passing): the forms are checked again when they are sent.

Never stored: an answer other than 200, a streamed one, one that sets a cookie other than the
CSRF cookie, one whose view wrote to the session or added a message. Never served while a
message waits to be shown."""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from core.cache import cache_available
from core.public_cache import (
    WORKING_DATA_VERSION_KEY,
    accepts_gzip,
    cached_at_version,
    compress_page,
    store_at_version,
)


def _is_cacheable_request(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return (
        settings.PRIVATE_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and request.user.is_authenticated
        and session is not None
        and session.session_key is not None
        and "messages" not in request.COOKIES
        and "_messages" not in session
        and cache_available()
    )


def _page_key(request: HttpRequest) -> str:
    parts = (
        request.session.session_key,
        str(request.user.pk),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        request.LANGUAGE_CODE,
        request.get_host(),
        request.get_full_path(),
        "gzip" if accepts_gzip(request) else "",
    )
    return f"private-page:{hashlib.sha256(chr(0).join(parts).encode()).hexdigest()}"


def _is_cacheable_response(
    request: HttpRequest, response: HttpResponse, session_was_modified: bool
) -> bool:
    messages = getattr(request, "_messages", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not getattr(response, "streaming", False)
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
        and (session_was_modified or not request.session.modified)
        and not getattr(messages, "added_new", False)
    )


def cached_private_page(view):
    """Serves this GET view's answer again to the same session while the working data is
    unchanged. Put it under the access decorators."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _is_cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        cached, version = cached_at_version(key, WORKING_DATA_VERSION_KEY)
        if cached is not None:
            return cached
        session_was_modified = request.session.modified
        response = view(request, *args, **kwargs)
        if _is_cacheable_response(request, response, session_was_modified):
            compress_page(request, response)
            store_at_version(key, version, response, settings.PRIVATE_PAGE_CACHE_SECONDS)
        return response

    return wrapper
