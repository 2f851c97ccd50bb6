"""One JSON shape for every error the API answers:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"genre": ["…"]}}}

`message` is for people, in the requester's language (Accept-Language, through Django's
LocaleMiddleware); `code` is for programs and never changes with the language. A service's
django ValidationError becomes a 400 here, so a rule a service enforces is never a 500."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "too_large"

    def __init__(self, limit: int) -> None:
        super().__init__(_("The request body is larger than %(limit)s bytes.") % {"limit": limit})


def _from_django(error: DjangoValidationError) -> exceptions.ValidationError:
    return exceptions.ValidationError(serializers.as_serializer_error(error))


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    response.data = error_body(response.status_code, exc)
    return response


def error_body(status: int, exc=None) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        return _shape(status, "invalid", _("Some values are not valid."), fields)
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        return _shape(status, code, str(exc.detail))
    if isinstance(exc, Http404):
        return _shape(status, "not_found", _("Not found."))
    return _shape(status, "error", str(exc))


def _shape(status: int, code: str, message: str, fields: dict | None = None) -> dict:
    body = {"status": status, "code": code, "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}


@csrf_exempt  # a POST to a wrong address is a 404 too, not a CSRF refusal
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any address under /api/ that names no endpoint: the same shape, not an HTML page."""
    return JsonResponse(_shape(404, "not_found", _("There is no such API address.")), status=404)
