"""The pages of /accounts/ that reach above the accounts app: accepting an invitation (which
links the new login to a director or mentor profile) and the person's own data export. Wired
into the `accounts` URL namespace by config.urls, so their names and paths stay as they were."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from accounts.views import posted, remember_language
from invitations.services import invitation_accept, invitation_find
from portal.forms import InvitationAcceptForm
from privacy.services import personal_data_export


@login_required
@require_POST
def data_export_view(request: HttpRequest) -> HttpResponse:
    """Everything the system holds about the person asking, as a ZIP (POST: it is recorded)."""
    archive = personal_data_export(user=request.user)
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="my-data.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_find(token=token)
    if invitation is None:
        return render(request, "portal/invitation_invalid.html", status=404)
    existing = User.objects.filter(email=User.objects.normalize_email(invitation.email)).first()
    if existing is not None:
        return _accept_for_existing_account(request, invitation, existing)
    form = InvitationAcceptForm(
        User(email=invitation.email),
        *posted(request),
        initial={"full_name": invitation.profile.display_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["new_password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(request, _("Welcome! Your account is ready."))
            return remember_language(redirect("portal:home"), user.preferred_language)
    context = {"form": form, "invitation": invitation}
    return render(request, "portal/invitation_accept.html", context)


def _accept_for_existing_account(request, invitation, existing: User) -> HttpResponse:
    """The address already has an account: only its owner, signed in, may take the link."""
    if request.user != existing:
        context = {"invitation": invitation, "login_url": reverse("accounts:login")}
        return render(request, "portal/invitation_sign_in.html", context)
    if request.method == "POST":
        try:
            invitation_accept(invitation=invitation, user=existing)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your profile is now linked to your account."))
        return redirect("portal:home")
    return render(request, "portal/invitation_link.html", {"invitation": invitation})


account_urlpatterns = [
    path("invitations/<str:token>/", invitation_accept_view, name="invitation_accept"),
    path("account/data.zip", data_export_view, name="data_export"),
]
