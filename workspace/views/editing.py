"""The one way workspace views handle a form: validate, call the service, say so, redirect; or
show the form again with every problem on it (also the service's ValidationErrors)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from workspace.access import form_error_from


def saved_or_form(
    request: HttpRequest,
    form: Form,
    save: Callable[[dict], object],
    *,
    success_url: Callable[[object], str] | str,
    message: str,
    template: str = "workspace/form.html",
    context: dict | None = None,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, message)
            return redirect(success_url(saved) if callable(success_url) else success_url)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, **(context or {})}, status=status)


def done_or_error(request: HttpRequest, action: Callable[[], object], *, message: str) -> bool:
    """For one-button POSTs (publish, remove): run it and report success or what stopped it."""
    try:
        action()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return False
    messages.success(request, message)
    return True
