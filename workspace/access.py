"""Who reaches the workspace: program staff only. Anonymous visitors are sent to sign in;
anybody else signed in gets 404, so the workspace's existence does not leak."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import Form
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


def form_error_from(form: Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        if name in form.fields or name == NON_FIELD_ERRORS:
            form.add_error(name if name in form.fields else None, errors)
        else:
            # A field the form does not show: name it, or the message would be a riddle.
            field = name.replace("_", " ")
            messages = ValidationError(errors).messages
            form.add_error(None, [f"{field}: {message}" for message in messages])


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
