"""The one way a page handles a posted form, in the portal and the workspace alike: validate,
call the service, say so, go on; or show the form again with every problem on it, the
service's ValidationErrors among them (never a 500 for a refusal)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse


def form_post(
    request: HttpRequest,
    form: Form,
    save: Callable[[dict], object],
    *,
    message: str,
    success: Callable[[object], HttpResponse],
    failure: Callable[[], HttpResponse],
) -> HttpResponse:
    """`save` gets the cleaned data and calls the service; `success` gets what it returned;
    `failure` shows the form again (the caller decides the status)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, message)
            return success(saved)
    return failure()


def form_error_from(form: Form, error: ValidationError, *, field: str | None = None) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it. An error
    that names no field goes on `field` (or the whole form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(field, error)
        return
    for name, errors in error.error_dict.items():
        if name in form.fields or name == NON_FIELD_ERRORS:
            form.add_error(name if name in form.fields else None, errors)
        else:
            # A field the form does not show: name it, or the message would be a riddle.
            label = name.replace("_", " ")
            texts = ValidationError(errors).messages
            form.add_error(None, [f"{label}: {text}" for text in texts])
