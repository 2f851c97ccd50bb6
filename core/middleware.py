import logging
import time
from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest

from core.request_id import current_request_id, new_request_id

access_log = logging.getLogger("talents.requests")


class RequestIdMiddleware:
    """Give each request an id, answer it in X-Request-ID, and log one line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = new_request_id(request.headers.get("X-Request-ID"))
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            access_log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            current_request_id.reset(token)


class RejectMalformedRequestMiddleware:
    """Null bytes and broken percent-encoding in the path or query answer 400 before any view
    sees them (a form would refuse them too; this keeps every URL parameter safe at once)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw_path = request.META.get("PATH_INFO", "")
        raw_query = request.META.get("QUERY_STRING", "")
        if _is_malformed(raw_path) or _is_malformed(unquote_to_bytes(raw_query), decoded=True):
            return HttpResponseBadRequest("Malformed request.", content_type="text/plain")
        return self.get_response(request)


def _is_malformed(value, decoded: bool = False) -> bool:
    if decoded:
        if b"\x00" in value:
            return True
        try:
            value.decode("utf-8")
        except UnicodeDecodeError:
            return True
        return False
    return "\x00" in value or "\ufffd" in value
