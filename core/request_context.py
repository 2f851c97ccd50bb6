"""What the code below a view may know of the request being served, set once per request by
core.middleware.RequestIdMiddleware: the request itself (so that a security event or a
change-history entry recorded deep in a save knows who asked and from where) and a request id
that follows the work (set per request or taken from a trusted X-Request-ID, attached to every
log line, and carried into the Celery tasks the request enqueues)."""

import re
import uuid
from contextvars import ContextVar

from django.http import HttpRequest

current_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_current_request: ContextVar[HttpRequest | None] = ContextVar("request", default=None)

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new_request_id(incoming: str | None = None) -> str:
    """Keep a well-formed incoming id (from the proxy), otherwise make one."""
    if incoming and _SAFE_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def current_request() -> HttpRequest | None:
    """The request being served, or None outside one (a task, a command)."""
    return _current_request.get()
