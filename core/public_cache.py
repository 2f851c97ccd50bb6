"""Whole-page caching of the public site for anonymous visitors, correct by construction:

- Only pages marked `@cached_public_page` are cached, only for GET/HEAD requests that carry no
  session or messages cookie, and only 200 answers that set no cookie: nothing personal ever
  enters the shared cache (public pages read no session, user or messages for such visitors).
- Every cached page is stored with the content version it was made at. Any write to a model
  that public pages show bumps the version after its transaction commits, so the next request
  renders afresh, whichever door the change came through (workspace, portal, admin, a task).
  Writes that skip model signals (`QuerySet.update`) call `public_content_changed()`.
- Answers that carry an ETag (the REST API's public endpoints) are revalidated here too, on a
  hit as on a miss: a matching If-None-Match (or If-Modified-Since) answers 304 without a body.
- Time-dependent parts (upcoming screenings, an online window opening) are at most
  PUBLIC_PAGE_CACHE_SECONDS old.
- Beside a shared cache, each web process serves the pages it served a moment ago from its own
  memory for PUBLIC_PAGE_PROCESS_SECONDS (core.recent_answers): a change made through another
  process shows that much later here.
"""

from __future__ import annotations

import hashlib
import re
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string

from core.cache import cache_available
from core.recent_answers import RecentAnswers

VERSION_KEY = "public-pages:version"
# When the public content last changed (epoch seconds): the Last-Modified of public API answers.
CHANGED_AT_KEY = "public-pages:changed-at"
# Every write to the program's working data (private rows too): staff pages' cached fragments.
WORKING_DATA_VERSION_KEY = "working-data:version"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Random bytes of padding in a compressed page (Django's GZipMiddleware's defence against BREACH).
GZIP_RANDOM_BYTES = 100


def public_content_changed() -> None:
    """Public pages are stale from the moment the current transaction commits."""
    transaction.on_commit(_public_bump, robust=True)
    working_data_changed()


def _public_bump() -> None:
    try:
        _bump(VERSION_KEY)
        cache.set(CHANGED_AT_KEY, time.time(), timeout=None)
    finally:
        # After the shared bump: a page another thread read before it is not kept (the clear
        # moves the generation it read at), one read after it is at the new version.
        recent_pages.clear()


def public_content_changed_at() -> float:
    """When the public content last changed; the first caller after a cache loss sets it to now,
    which is later than the truth and so only costs a client one full answer."""
    cache.add(CHANGED_AT_KEY, time.time(), timeout=None)
    return cache.get(CHANGED_AT_KEY) or time.time()


def working_data_changed() -> None:
    transaction.on_commit(lambda: _bump(WORKING_DATA_VERSION_KEY), robust=True)


def working_data_version() -> int:
    return cache.get(WORKING_DATA_VERSION_KEY, 0)


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        # No version yet, or evicted while pages made at an old version are still stored:
        # restarting at 1 could match one of them again, so start past every earlier count.
        cache.set(key, time.time_ns(), timeout=None)


def _public_prefixes() -> tuple[str, ...]:
    # The public site lives under its language prefixes (and the sitemap); nothing else pays for
    # a cache lookup: not the portal, the admin, health checks or static files.
    # The REST API's public endpoints (api/) are under /api/v1/ (token endpoints there are never
    # marked public, so they are never stored).
    return (*_language_prefixes(), "/sitemap.xml", "/api/v1/")


def _language_prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def _is_cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and cache_available()
        and request.method in ("GET", "HEAD")
        and request.path_info.startswith(_public_prefixes())
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        # A token request is never a public page: no lookup (a Redis round trip) for it.
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _page_key(request: HttpRequest) -> str:
    address = f"{request.get_host()}{request.get_full_path()}"
    if not request.path_info.startswith(_language_prefixes()):
        # No language in the address (the API): the one the answer will be in, as
        # LocaleMiddleware chooses it (the language cookie, Accept-Language).
        address += f" {translation.get_language_from_request(request)}"
    encoding = ":gzip" if accepts_gzip(request) else ""
    return f"public-page:{hashlib.sha256(address.encode()).hexdigest()}{encoding}"


def _is_cacheable_response(response: HttpResponse) -> bool:
    return (
        getattr(response, "is_public_page", False)
        and response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "Cookie" not in response.get("Vary", "")
    )


def cached_public_page(view):
    """Marks a view's answers as the same for every anonymous visitor; PublicPageCacheMiddleware
    stores and serves them."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.is_public_page = True
        return response

    return wrapper


class PublicPageCacheMiddleware:
    """Serves a cached public page before sessions, authentication, CSRF and the URL resolver
    run: a hit costs one Redis round trip. Sits after the security, CSP and static-file
    middleware, so their headers are added to cached answers as to fresh ones; the headers the
    inner middleware added (language, Vary, X-Frame-Options) are stored with the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_cacheable_request(request):
            return self.get_response(request)
        key = _page_key(request)
        seconds, generation = settings.PUBLIC_PAGE_PROCESS_SECONDS, recent_pages.generation
        stored = recent_pages.get(key, seconds) if seconds else None
        if stored is None:
            stored, version = stored_at_version(
                cache.get_many([key, VERSION_KEY]), key, VERSION_KEY
            )
            if stored is not None and seconds:
                recent_pages.keep(key, stored, size=_size(stored), generation=generation)
        if stored is not None:
            return revalidated(request, response_from_cache(stored))
        response = self.get_response(request)
        if request.method == "GET" and _is_cacheable_response(response):
            compress_page(request, response)
            stored = store_at_version(key, version, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
            if seconds:
                recent_pages.keep(key, stored, size=_size(stored), generation=generation)
        return revalidated(request, response)


# Public pages this web process served from the shared cache a moment ago (core.recent_answers:
# what that trades). Every public bump made through this process clears them.
recent_pages = RecentAnswers(max_bytes=32 * 1024 * 1024)


def _size(stored: tuple) -> int:
    _version, content, headers = stored
    return len(content) + sum(len(name) + len(value) for name, value in headers)


def cached_at_version(key: str, version_key: str) -> tuple[HttpResponse | None, int]:
    """The answer stored under `key` if it was made at the current version (else None), and
    that version: one round trip for both. The shared lookup of every cache of whole answers
    (public pages, signed-in pages, token lists)."""
    return answer_at_version(cache.get_many([key, version_key]), key, version_key)


def answer_at_version(found: dict, key: str, version_key: str) -> tuple[HttpResponse | None, int]:
    """cached_at_version's answer from what was read of the two keys (missing or None: not
    stored)."""
    stored, version = stored_at_version(found, key, version_key)
    return (response_from_cache(stored) if stored is not None else None), version


def stored_at_version(found: dict, key: str, version_key: str) -> tuple[tuple | None, int]:
    """What is stored under `key` if it was made at the current version (else None), and that
    version, from what was read of the two keys."""
    version = found.get(version_key) or 0
    stored = found.get(key)
    return (stored if stored is not None and stored[0] == version else None), version


def store_at_version(key: str, version: int, response: HttpResponse, seconds: int) -> tuple:
    """Stores a rendered answer, its headers but cookies, as made at `version` (read before it
    was made: a write meanwhile makes it stale at once, never the other way round); returns
    what it stored."""
    headers = [(name, value) for name, value in response.items() if name != "Set-Cookie"]
    stored = (version, response.content, headers)
    cache.set(key, stored, seconds)
    return stored


def accepts_gzip(request: HttpRequest) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def compress_page(request: HttpRequest, response: HttpResponse) -> None:
    """Compresses an HTML page about to be cached, in place, for a browser that accepts gzip
    (every browser does): once, when it is made, so that its hits cost no compression and send
    a fifth of the bytes or less. A cached page is stored per encoding (the key says which), and
    both say `Vary: Accept-Encoding`. Django's own padding against BREACH goes into each one."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    patch_vary_headers(response, ("Accept-Encoding",))
    if not accepts_gzip(request) or response.has_header("Content-Encoding"):
        return
    content = compress_string(response.content, max_random_bytes=GZIP_RANDOM_BYTES)
    if len(content) >= len(response.content):
        return
    response.content = content
    response["Content-Encoding"] = "gzip"
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(content))


def revalidated(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """304 when the client's copy (If-None-Match / If-Modified-Since) is the current one."""
    if response.status_code != 200 or not response.has_header("ETag"):
        return response
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )


def response_from_cache(stored: tuple) -> HttpResponse:
    """A page stored as (version, content, headers), marked as served from the cache."""
    _version, content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response
