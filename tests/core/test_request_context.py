"""core.request_context: the request being served is known below the view, and only then."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import RequestIdMiddleware
from core.request_context import current_request, current_request_id


def test_current_request_is_the_request_during_it_and_none_after():
    seen = []

    def view(request):
        seen.append((current_request(), current_request_id.get()))
        return HttpResponse()

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="abcdefgh-1234")

    response = RequestIdMiddleware(view)(request)

    assert seen == [(request, "abcdefgh-1234")]
    assert response["X-Request-ID"] == "abcdefgh-1234"
    assert current_request() is None
    assert current_request_id.get() == "-"


def test_current_request_is_forgotten_when_the_view_raises():
    def view(request):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        RequestIdMiddleware(view)(RequestFactory().get("/"))

    assert current_request() is None
