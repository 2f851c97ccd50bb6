"""Inviting a director or mentor by email (staff), at /accounts/invitations/new/: wired into
the `accounts` URL namespace by config.urls, so its name and path stay as they were."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.views import posted
from invitations.services import invitation_create
from workspace.forms import InvitationCreateForm


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise Http404
    form = InvitationCreateForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:invitation_create")
    context = {"form": form, "max_age_days": settings.INVITATION_MAX_AGE_DAYS}
    return render(request, "workspace/invitation_create.html", context)


# Before the portal's invitations/<token>/, which would otherwise take "new" for a token.
account_urlpatterns = [
    path("invitations/new/", invitation_create_view, name="invitation_create"),
]
