"""The open call for the public: its page in both languages, signing up with an email
confirmation, joining an application as co-applicant."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.views import posted
from calls.models import Call
from calls.services import applications as services
from website.call_forms import SignUpForm

SIGN_UP_SENT_KEY = "calls.sign_up_sent_to"


def get_public_call(slug: str) -> Call:
    call = get_object_or_404(Call.objects.select_related("cohort__program"), slug=slug)
    if not call.is_public():
        raise Http404
    return call


@require_GET
def call_page(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    context = {
        "call": call,
        "is_open": call.is_open(),
        "closes_at": timezone.localtime(call.closes_at),
        "questions": call.questions.all(),
    }
    return render(request, "website/calls/call.html", context)


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    if request.user.is_authenticated:
        return redirect("apply:application", slug=call.slug)
    sent_to = request.session.pop(SIGN_UP_SENT_KEY, None) if request.method == "GET" else None
    if sent_to:
        return render(request, "website/calls/sign_up_sent.html", {"call": call, "email": sent_to})
    form = SignUpForm(*posted(request), initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            services.applicant_sign_up(call=call, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            # Post, redirect, get: a reload does not sign up twice. The page after says where
            # the link went, once.
            request.session[SIGN_UP_SENT_KEY] = form.cleaned_data["email"]
            return redirect("apply:sign_up", slug=call.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "website/calls/sign_up.html", {"call": call, "form": form}, status=status
    )


@require_GET
def confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    call = get_public_call(slug)
    user = services.applicant_confirm(token=token)
    if user is None:
        return render(request, "website/calls/confirm_invalid.html", {"call": call}, status=404)
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
    messages.success(request, _("Your address is confirmed. Your application is saved as you go."))
    return redirect("apply:application", slug=call.slug)


@login_required
@require_http_methods(["GET", "POST"])
def co_applicant_join(request: HttpRequest, token: str) -> HttpResponse:
    co_applicant = services.co_applicant_find(token=token)
    if co_applicant is None:
        raise Http404
    call = co_applicant.application.call
    if request.method == "POST":
        try:
            services.co_applicant_join(co_applicant=co_applicant, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("You joined the application."))
            return redirect("apply:application", slug=call.slug)
    context = {"co_applicant": co_applicant, "call": call}
    return render(
        request, "website/calls/join.html", context, status=400 if request.method == "POST" else 200
    )


def call_url(call: Call) -> str:
    return reverse("apply:call", kwargs={"slug": call.slug})
