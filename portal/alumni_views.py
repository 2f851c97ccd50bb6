"""The alumnus's record in the portal: their entries with what staff decided, a form to propose
a new one, and their consent to show each on the public alumni page (applies at once)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.views import posted
from alumni.models import AlumniEntry
from alumni.selectors import entries_of_talent, graduated_cohorts
from alumni.services import alumni_entry_consent_set, alumni_entry_propose
from core.form_posts import form_post
from portal.alumni_forms import AlumniConsentForm, AlumniProposalForm
from talents.models import Talent


def _own_alumnus(request: HttpRequest) -> Talent:
    """The signed-in director, if they graduated from an edition; 404 for everybody else."""
    talent = getattr(request.user, "talent_profile", None) if request.user.is_director else None
    if talent is None or not graduated_cohorts(talent):
        raise Http404
    return talent


@login_required
@require_http_methods(["GET", "POST"])
def alumni_record(request: HttpRequest) -> HttpResponse:
    talent = _own_alumnus(request)
    form = AlumniProposalForm(*posted(request), instance=AlumniEntry(talent=talent, publish=True))
    status = 400 if request.method == "POST" else 200
    return form_post(
        request,
        form,
        lambda data: alumni_entry_propose(talent=talent, proposed_by=request.user, **data),
        message=_("Sent. The program office checks the entry before it can be public."),
        success=lambda entry: redirect("portal:alumni"),
        failure=lambda: render(
            request,
            "portal/alumni.html",
            {"talent": talent, "form": form, "entries": entries_of_talent(talent)},
            status=status,
        ),
    )


@login_required
@require_POST
def alumni_consent(request: HttpRequest, entry_id: int) -> HttpResponse:
    talent = _own_alumnus(request)
    entry = get_object_or_404(AlumniEntry, pk=entry_id, talent=talent)
    form = AlumniConsentForm(request.POST)
    form.is_valid()  # a single checkbox: absent or unreadable means "do not show"
    publish = bool(form.cleaned_data.get("publish"))
    alumni_entry_consent_set(entry=entry, publish=publish)
    if publish:
        messages.success(request, _("The entry may be shown once it is approved."))
    else:
        messages.success(request, _("The entry is no longer shown on the public site."))
    return redirect("portal:alumni")
