"""Views whose address carries a secret (a partner's confirmation link, a personal calendar
feed): the address must never reach a log. The request log (core.middleware) writes such a
request's route pattern instead of its path, and Django's own "Not Found: <path>" warning is
kept out by answering 4xx here, already marked as logged."""

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


def loggable_path(request: HttpRequest) -> str:
    """The path; for a view marked secret_in_path, the route it matched instead."""
    match = getattr(request, "resolver_match", None)
    if match is not None and getattr(match.func, "secret_in_path", False):
        return "/" + match.route
    return request.path
