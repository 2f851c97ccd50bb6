"""The address links in emails point to. SITE_URL in production; while developing (DEBUG), the
address the site is actually being served on, read from the request being served, so a link
printed in the console opens whatever host and port `runserver` was given. Never from the
request in production: a forged Host header must not put its address into a password link."""

from contextvars import ContextVar

from django.conf import settings

_served_at: ContextVar[str] = ContextVar("served_at", default="")


class ServedAtMiddleware:
    """While developing, remembers the scheme, host and port of the request being served."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DEBUG:
            return self.get_response(request)
        token = _served_at.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _served_at.reset(token)


def site_url() -> str:
    """The origin for absolute links: SITE_URL, or while developing the served address."""
    return (settings.DEBUG and _served_at.get()) or settings.SITE_URL
