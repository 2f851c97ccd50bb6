"""A screening's guests for staff: the registration policy, the list with approvals, the CSV,
an email to some categories, accreditation badges, and the check-in page used at the door."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.form_posts import form_error_from
from guests import selectors as guest_selectors
from guests.badges import BadgeFontMissing, badges_pdf
from guests.industry import (
    accreditation_grant,
    accreditation_revoke,
    industry_invitation_create,
    screener_set,
)
from guests.models import Category, IndustryAccreditation, Registration
from guests.services import (
    CheckIn,
    registration_approve,
    registration_cancel,
    registration_check_in,
    registration_decline,
    registration_policy_set,
    registrations_email,
)
from programs.models import Cohort
from screenings.models import Screening
from workspace import exports
from workspace.access import staff_required
from workspace.guest_forms import (
    AccreditationForm,
    CheckInForm,
    GuestEmailForm,
    IndustryInviteForm,
    RegistrationPolicyForm,
    ScreenerForm,
)
from workspace.views.editing import done_or_error


def _screening(screening_id: int) -> Screening:
    return get_object_or_404(Screening.objects.select_related("cohort", "venue"), pk=screening_id)


def _guests_url(screening: Screening) -> str:
    return reverse("workspace:guests", kwargs={"screening_id": screening.pk})


@staff_required
def guest_list(request, screening_id: int):
    screening = _screening(screening_id)
    policy = guest_selectors.registration_policy_for(screening)
    form = RegistrationPolicyForm(request.POST or None, policy=policy)
    if request.method == "POST" and form.is_valid():
        try:
            registration_policy_set(
                screening=screening,
                is_open=form.cleaned_data["is_open"],
                capacity=form.cleaned_data["capacity"],
                offer_hours=form.cleaned_data["offer_hours"],
                quotas=form.quotas(),
            )
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("The registration settings were saved."))
            return redirect(_guests_url(screening))
    context = {
        "screening": screening,
        "cohort": screening.cohort,
        "policy": policy,
        "form": form,
        "registrations": guest_selectors.registrations_for(screening),
        "counts": [
            (Category(value).label, by_status)
            for value, by_status in guest_selectors.category_counts(screening).items()
        ],
        "arrivals": guest_selectors.arrivals_count(screening),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/guests/list.html", context, status=status)


def _registration(registration_id: int) -> Registration:
    return get_object_or_404(Registration.objects.select_related("screening"), pk=registration_id)


def _decide(request, registration_id: int, action, message: str):
    registration = _registration(registration_id)
    done_or_error(request, lambda: action(registration=registration), message=message)
    return redirect(_guests_url(registration.screening))


@staff_required
@require_POST
def guest_approve(request, registration_id: int):
    return _decide(request, registration_id, registration_approve, _("Approved: ticket sent."))


@staff_required
@require_POST
def guest_decline(request, registration_id: int):
    return _decide(request, registration_id, registration_decline, _("Declined."))


@staff_required
@require_POST
def guest_cancel(request, registration_id: int):
    return _decide(request, registration_id, registration_cancel, _("Cancelled."))


@staff_required
def guest_export(request, screening_id: int):
    screening = _screening(screening_id)
    header = [
        _("Name (Chinese)"),
        _("Name (English)"),
        _("Email"),
        _("Category"),
        _("Organisation"),
        _("Status"),
        _("Registered"),
        _("Checked in"),
    ]
    rows = (
        [
            r.name_zh,
            r.name_en,
            r.email,
            r.get_category_display(),
            r.organisation,
            r.get_status_display(),
            _local(r.created_at),
            _local(r.checked_in_at),
        ]
        for r in guest_selectors.registrations_for(screening)
    )
    filename = f"{screening.cohort.slug}-{screening.slug}-guests.csv"
    return exports.csv_response(filename=filename, header=header, rows=rows)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@staff_required
def guest_email(request, screening_id: int):
    screening = _screening(screening_id)
    form = GuestEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = registrations_email(screening=screening, **form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("%(count)d emails are on their way.") % {"count": sent})
            return redirect(_guests_url(screening))
    context = {"form": form, "title": _("Email guests"), "cohort": screening.cohort}
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/form.html", context, status=status)


@staff_required
def guest_badges(request, screening_id: int):
    screening = _screening(screening_id)
    guests = guest_selectors.registrations_for(screening).filter(
        status=Registration.Status.CONFIRMED
    )
    try:
        pdf = badges_pdf(guests, title=str(screening.title))
    except BadgeFontMissing as missing:
        context = {"screening": screening, "cohort": screening.cohort, "problem": str(missing)}
        return render(request, "workspace/guests/badges_unavailable.html", context, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{screening.cohort.slug}-{screening.slug}-badges.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


ANSWERS = {
    CheckIn.Answer.VALID: gettext_lazy("Valid: welcome"),
    CheckIn.Answer.ALREADY: gettext_lazy("Already checked in"),
    CheckIn.Answer.CANCELLED: gettext_lazy("Cancelled"),
    CheckIn.Answer.NOT_CONFIRMED: gettext_lazy("Not confirmed"),
    CheckIn.Answer.UNKNOWN: gettext_lazy("Unknown code"),
}


@staff_required
def check_in(request, screening_id: int):
    """The door: a code typed or scanned (static/js/check-in.js posts it and asks for JSON)."""
    screening = _screening(screening_id)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = registration_check_in(screening=screening, code=form.cleaned_data["code"])
        form = CheckInForm()
    answer = _answer(result) if result else None
    arrivals = guest_selectors.arrivals_count(screening)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"answer": answer, "arrivals": arrivals}, status=_status(request, form))
    context = {
        "screening": screening,
        "cohort": screening.cohort,
        "form": form,
        "answer": answer,
        "arrivals": arrivals,
    }
    return render(request, "workspace/guests/check_in.html", context, status=_status(request, form))


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


def _answer(result: CheckIn) -> dict:
    registration = result.registration
    when = (
        timezone.localtime(result.checked_in_at).strftime("%H:%M") if result.checked_in_at else ""
    )
    return {
        "kind": result.answer,
        "headline": str(ANSWERS[result.answer]),
        "name": registration.display_name if registration else "",
        "category": registration.get_category_display() if registration else "",
        "when": when,
    }


@staff_required
def industry(request, slug: str):
    """An edition's industry guests and the films' screeners: accredit a guest who has an
    account (each gets a pass per film with a screener), invite one who has none (the link in
    the email makes the account, accredited), set a film's screener (each accredited guest gets
    a pass)."""
    cohort = get_object_or_404(Cohort, slug=slug)
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if posted else None
    accredit = AccreditationForm(posted if which == "accredit" else None)
    invite = IndustryInviteForm(posted if which == "invite" else None)
    screener = ScreenerForm(posted if which == "screener" else None, cohort=cohort)
    form, save = {
        "accredit": (accredit, lambda data: accreditation_grant(cohort=cohort, **data)),
        "invite": (
            invite,
            lambda data: industry_invitation_create(cohort=cohort, invited_by=request.user, **data),
        ),
        "screener": (screener, lambda data: screener_set(**data)),
    }.get(which, (None, None))
    if form is not None and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("workspace:industry", kwargs={"slug": cohort.slug}))
    context = {
        "cohort": cohort,
        "accredit_form": accredit,
        "invite_form": invite,
        "screener_form": screener,
        "accreditations": guest_selectors.accreditations_for(cohort),
        "invitations": guest_selectors.industry_invitations_for(cohort),
        "screeners": guest_selectors.screeners_for(cohort),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/guests/industry.html", context, status=status)


@staff_required
@require_POST
def accreditation_withdraw(request, accreditation_id: int):
    """The screener passes stop working and the guest's live meetings are called off."""
    accreditation = get_object_or_404(
        IndustryAccreditation.objects.select_related("cohort"), pk=accreditation_id
    )
    accreditation_revoke(accreditation=accreditation)
    messages.success(request, _("The accreditation is withdrawn."))
    return redirect(reverse("workspace:industry", kwargs={"slug": accreditation.cohort.slug}))
