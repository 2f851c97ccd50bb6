"""Sign in, sign out, password reset, invitations and the language choice. Thin: check, call a
service, answer."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import (
    EmailAuthenticationForm,
    InvitationAcceptForm,
    InvitationCreateForm,
    LanguageForm,
    OutboxPasswordResetForm,
)
from accounts.models import User
from accounts.services import (
    invitation_accept,
    invitation_create,
    invitation_find,
    user_set_language,
)


def posted(request: HttpRequest, *, files: bool = False) -> tuple:
    """A form's data arguments: bound on POST, even an empty one (so it shows its errors)."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """The interface speaks the person's language from the next page on (LocaleMiddleware reads
    this cookie for pages without a language prefix)."""
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


class PortalLoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        return remember_language(response, form.get_user().preferred_language)


class PortalPasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PortalPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_find(token=token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        return _accept_for_existing_account(request, invitation, existing)
    form = InvitationAcceptForm(User(email=invitation.email), *posted(request))
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
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return remember_language(redirect("portal:home"), user.preferred_language)
    context = {"form": form, "invitation": invitation}
    return render(request, "accounts/invitation_accept.html", context)


def _accept_for_existing_account(request, invitation, existing: User) -> HttpResponse:
    """The address already has an account: only its owner, signed in, may take the link."""
    if request.user != existing:
        context = {"invitation": invitation, "login_url": reverse("accounts:login")}
        return render(request, "accounts/invitation_sign_in.html", context)
    if request.method == "POST":
        try:
            invitation_accept(invitation=invitation, user=existing)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your profile is now linked to your account."))
        return redirect("portal:home")
    return render(request, "accounts/invitation_link.html", {"invitation": invitation})


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise Http404
    form = InvitationCreateForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = invitation_create(invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:invitation_create")
    context = {"form": form, "max_age_days": settings.INVITATION_MAX_AGE_DAYS}
    return render(request, "accounts/invitation_create.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def language_view(request: HttpRequest) -> HttpResponse:
    form = LanguageForm.for_user(request.user, *posted(request))
    if request.method == "POST" and form.is_valid():
        user_set_language(user=request.user, language=form.cleaned_data["language"])
        response = redirect("accounts:language")
        remember_language(response, request.user.preferred_language)
        messages.success(request, _("Your language is saved."))
        return response
    return render(request, "accounts/language.html", {"form": form})
