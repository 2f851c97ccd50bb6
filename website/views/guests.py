"""The guest's pages on the public site: register for a screening, the registration page
(confirm, accept an offer, the ticket with its QR code) and cancelling.

The registration page is reached only through the secret link in the guest's emails; it is
never cached and never indexed."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from guests.selectors import registration_by_secret, waiting_position
from guests.services import (
    registration_cancel,
    registration_confirm,
    registration_create,
    registration_offer_accept,
)
from screenings.models import Screening
from website.guest_forms import RegistrationForm


@never_cache
def register(request: HttpRequest, cohort: str, slug: str) -> HttpResponse:
    screening = (
        Screening.objects.select_related("cohort", "venue", "registration_policy")
        .prefetch_related("registration_policy__quotas")
        .filter(cohort__slug=cohort, slug=slug, is_published=True)
        .first()
    )
    if screening is None:
        raise Http404
    # Every in-person screening's page links here: one without a policy is simply closed.
    policy = getattr(screening, "registration_policy", None)
    if policy is None or not policy.is_open or screening.starts_at <= timezone.now():
        return render(request, "website/guests/register_closed.html", {"screening": screening})
    if request.method == "GET" and "sent" in request.GET:
        return render(request, "website/guests/registered.html", {"screening": screening})
    form = RegistrationForm(request.POST or None, policy=policy)
    context = {"screening": screening, "policy": policy, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            registration = registration_create(
                screening=screening, language=get_language(), **form.cleaned_data
            )
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            return render(
                request, "website/guests/registered.html", {**context, "registration": registration}
            )
    status = 400 if request.method == "POST" else 200
    return render(request, "website/guests/register.html", context, status=status)


def _errors_onto(form: RegistrationForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _registration_or_404(secret: str):
    registration = registration_by_secret(secret)
    if registration is None:
        raise Http404
    return registration


@never_cache
def ticket(request: HttpRequest, secret: str, error: str = "", status: int = 200) -> HttpResponse:
    registration = _registration_or_404(secret)
    context = {"registration": registration, "screening": registration.screening, "error": error}
    if registration.status == registration.Status.WAITING:
        context["position"] = waiting_position(registration)
    return render(request, "website/guests/ticket.html", context, status=status)


@require_POST
def confirm(request: HttpRequest, secret: str) -> HttpResponse:
    return _act(request, secret, registration_confirm)


@require_POST
def accept(request: HttpRequest, secret: str) -> HttpResponse:
    return _act(request, secret, registration_offer_accept)


@never_cache
def cancel(request: HttpRequest, secret: str) -> HttpResponse:
    registration = _registration_or_404(secret)
    if request.method == "POST":
        return _act(request, secret, registration_cancel)
    context = {"registration": registration, "screening": registration.screening}
    return render(request, "website/guests/cancel.html", context)


def _act(request: HttpRequest, secret: str, action) -> HttpResponse:
    registration = _registration_or_404(secret)
    try:
        action(registration=registration)
    except ValidationError as error:
        return ticket(request, secret, error=" ".join(error.messages), status=400)
    return redirect(registration.get_absolute_url())
