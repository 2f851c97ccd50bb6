"""Who reaches the workspace: program staff only. Anonymous visitors are sent to sign in;
anybody else signed in gets 404, so the workspace's existence does not leak."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (request.user.is_active and request.user.is_staff):
            raise Http404
        return view(request, *args, **kwargs)

    guarded.staff_required = True
    return guarded


def finance_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Money pages: staff, and the finance role (grants.view_money, the Finance group), which
    reaches nothing else of the workspace."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        user = request.user
        if not (user.is_active and (user.is_staff or user.has_perm("grants.view_money"))):
            raise Http404
        return view(request, *args, **kwargs)

    guarded.finance_required = True
    return guarded
