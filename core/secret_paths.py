"""Views whose address carries a secret (a partner's confirmation link, a personal calendar
feed): the address must never reach a log. The request log (core.middleware) writes the route
of any URL with a `token` in it; this keeps Django's own "Not Found: <path>" warning out too, by
answering 4xx here already marked as logged."""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render


def secret_in_path(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = render(request, "404.html", status=404)
        if response.status_code >= 400:
            response._has_been_logged = True  # django.utils.log.log_response would log the path
        return response

    guarded.secret_in_path = True
    return guarded
