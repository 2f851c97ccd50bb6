"""How workspace views handle a form: core.form_posts' one flow, redirecting on success and
showing the workspace's form page again (400) with every problem on it."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core.form_posts import form_post


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
    status = 400 if request.method == "POST" else 200
    return form_post(
        request,
        form,
        save,
        message=message,
        success=lambda saved: redirect(
            success_url(saved) if callable(success_url) else success_url
        ),
        failure=lambda: render(request, template, {"form": form, **(context or {})}, status=status),
    )


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
