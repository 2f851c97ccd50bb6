import logging
import time
from urllib.parse import unquote_to_bytes

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse

from core.request_context import _current_request, current_request_id, new_request_id

access_log = logging.getLogger("talents.requests")


class RequestIdMiddleware:
    """Remember the request being served (core.request_context), give it an id, answer it in
    X-Request-ID, and log one line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = new_request_id(request.headers.get("X-Request-ID"))
        token = current_request_id.set(request_id)
        request_token = _current_request.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            access_log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": _loggable_path(request),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            _current_request.reset(request_token)
            current_request_id.reset(token)


# URL parameters that are secrets (password reset, invitation): the log writes the route.
SECRET_URL_KWARGS = frozenset({"token", "uidb64"})


def _loggable_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None or not SECRET_URL_KWARGS & set(match.kwargs):
        return request.path
    prefix = request.path[: len(request.path) - len(request.path_info)]
    return f"{prefix}/{match.route}".replace("//", "/")


class RejectMalformedRequestMiddleware:
    """Null bytes and broken percent-encoding or UTF-8 in the path, the query or a form body
    answer 400 before any view sees them. Forms would refuse some of it, but a null byte that
    reaches PostgreSQL is an error, not a message, and this keeps every parameter safe at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_malformed_url(request) or _is_malformed_body(request):
            response = _malformed_answer(request)
            # This answer leaves before the security middleware would add these.
            response["Content-Security-Policy"] = "default-src 'none'"
            response["X-Content-Type-Options"] = "nosniff"
            return response
        return self.get_response(request)


def _malformed_answer(request) -> HttpResponse:
    if request.META.get("PATH_INFO", "").startswith("/api/"):
        # The REST API answers every error in its one JSON shape (api/errors.py).
        body = {"error": {"status": 400, "code": "malformed", "message": "Malformed request."}}
        return JsonResponse(body, status=400)
    return HttpResponseBadRequest("Malformed request.", content_type="text/plain")


def _is_malformed_url(request) -> bool:
    raw_path = request.META.get("PATH_INFO", "")
    raw_query = request.META.get("QUERY_STRING", "")
    return "\x00" in raw_path or "\ufffd" in raw_path or _is_malformed_encoded(raw_query)


def _is_malformed_encoded(raw: str | bytes) -> bool:
    """A query string or urlencoded body, checked in the bytes it decodes to."""
    decoded = unquote_to_bytes(raw)
    if b"\x00" in decoded:
        return True
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _is_malformed_body(request) -> bool:
    if request.method not in ("POST", "PUT", "PATCH"):
        return False
    content_type = request.content_type
    if content_type == "application/x-www-form-urlencoded":
        return _is_malformed_encoded(request.body)
    if content_type == "multipart/form-data":
        # Files may hold any bytes; the text fields and every name may not hold a null byte,
        # nor broken UTF-8 (which Django decodes to U+FFFD, losing what was sent).
        values = [value for _name, values in request.POST.lists() for value in values]
        fields = [*request.POST.keys(), *values, *request.FILES.keys()]
        fields += [upload.name or "" for upload in request.FILES.values()]
        return any("\x00" in field or "\ufffd" in field for field in fields)
    return False


# Features no page of ours uses, refused for every page (and anything injected into one).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb", "interest-cohort",
    )
)  # fmt: skip


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
