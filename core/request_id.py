"""A request id that follows the work: set per request (or taken from a trusted X-Request-ID),
attached to every log line, and carried into the Celery tasks the request enqueues."""

import re
import uuid
from contextvars import ContextVar

current_request_id: ContextVar[str] = ContextVar("request_id", default="-")

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new_request_id(incoming: str | None = None) -> str:
    """Keep a well-formed incoming id (from the proxy), otherwise make one."""
    if incoming and _SAFE_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex
