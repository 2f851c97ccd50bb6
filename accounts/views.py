"""Sign in, sign out, password reset, invitations and the language choice. Thin: check, call a
service, answer."""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import user_has_device

from accounts import throttle
from accounts.forms import (
    EmailAuthenticationForm,
    LanguageForm,
    OutboxPasswordResetForm,
    PasswordConfirmForm,
    TwoFactorCodeForm,
    locked_out_error,
)
from accounts.links import reset_link_tokens
from accounts.models import SecurityEvent, User
from accounts.security import client_ip, remember_device
from accounts.services import (
    security_event_record,
    user_set_language,
)
from accounts.two_factor import (
    totp_device_for_setup,
    totp_qr_svg,
    two_factor_disable,
    two_factor_enable,
    two_factor_is_on,
    two_factor_verify,
)

# The person who passed the password step and still owes the second factor.
PENDING_USER_KEY = "two_factor_pending_user"
PENDING_BACKEND_KEY = "two_factor_pending_backend"


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


def landing_url(user: User) -> str:
    """Where a person lands after signing in: staff on the workspace, the finance role (and
    nothing else) on the payments, directors and mentors on the portal (staff reach their
    portal from the workspace bar)."""
    if user.is_staff:
        return reverse("workspace:home")
    if user.has_perm("grants.view_money") and not (user.is_director or user.is_mentor):
        return reverse("workspace:finance")
    return reverse(settings.LOGIN_REDIRECT_URL)


class PortalLoginView(auth_views.LoginView):
    """Password first; a person with an authenticator app set up is signed in only after its
    code (two_factor_verify_view)."""

    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if user_has_device(user):
            self.request.session.cycle_key()
            self.request.session[PENDING_USER_KEY] = user.pk
            self.request.session[PENDING_BACKEND_KEY] = user.backend
            verify = reverse("accounts:two_factor_verify")
            next_url = self.get_redirect_url()
            return redirect(f"{verify}?{urlencode({'next': next_url})}" if next_url else verify)
        response = super().form_valid(form)
        return remember_language(response, user.preferred_language)

    def get_default_redirect_url(self) -> str:
        return landing_url(self.request.user)


class PortalPasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PortalPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's token is single-use (it hashes the password and last sign-in, so it dies when
    either changes) and expires after PASSWORD_RESET_TIMEOUT. The new password changes the
    session hash, which ends every session the account had."""

    success_url = reverse_lazy("accounts:password_reset_complete")
    token_generator = reset_link_tokens

    def form_valid(self, form):
        response = super().form_valid(form)
        security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_RESET, user=form.user, actor=form.user
        )
        return response


class PortalPasswordChangeView(auth_views.PasswordChangeView):
    """Django keeps this session (update_session_auth_hash) and the new password hash ends every
    other session of the account at its next request."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        security_event_record(kind=SecurityEvent.Kind.PASSWORD_CHANGED, user=form.user)
        messages.success(
            self.request, _("Your password is changed. Your other sessions are signed out.")
        )
        return response


@require_GET
def admin_login_view(request: HttpRequest) -> HttpResponse:
    """Stands in for the admin's own sign-in page, so that every sign-in goes through one door:
    the throttled form and the second factor. A signed-in person who is not staff is not told
    the admin exists."""
    next_url = request.GET.get("next", "")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url or reverse("admin:index"))
    if not request.user.is_staff:
        raise Http404
    safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
    return redirect(next_url if safe and next_url else "admin:index")


@login_required
@require_GET
def account_view(request: HttpRequest) -> HttpResponse:
    context = {"two_factor_on": two_factor_is_on(request.user)}
    return render(request, "accounts/account.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify_view(request: HttpRequest) -> HttpResponse:
    """The second sign-in step: for the person who just gave their password, or a signed-in
    staff member whose session has not passed it (STAFF_REQUIRE_2FA)."""
    user = _two_factor_user(request)
    if user is None:
        signed_in = request.user.is_authenticated
        return redirect(landing_url(request.user) if signed_in else "accounts:login")
    form = TwoFactorCodeForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        address = client_ip(request)
        until = throttle.locked_until(email=user.email, ip_address=address)
        device = None if until else two_factor_verify(user=user, token=form.cleaned_data["token"])
        if device is not None:
            return _signed_in_with(request, user, device)
        if until is None:
            throttle.failure_record(email=user.email, ip_address=address)
            until = throttle.locked_until(email=user.email, ip_address=address)
        form.add_error("token", locked_out_error(until) if until else _("That code is not right."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _two_factor_user(request: HttpRequest) -> User | None:
    if request.user.is_authenticated:
        owes = not request.user.is_verified() and user_has_device(request.user)
        return request.user if owes else None
    pending = request.session.get(PENDING_USER_KEY)
    return User.objects.filter(pk=pending, is_active=True).first() if pending else None


def _signed_in_with(request: HttpRequest, user: User, device) -> HttpResponse:
    if not request.user.is_authenticated:
        backend = request.session.pop(PENDING_BACKEND_KEY, settings.AUTHENTICATION_BACKENDS[0])
        request.session.pop(PENDING_USER_KEY, None)
        login(request, user, backend=backend)
    django_otp.login(request, device)
    throttle.success_record(email=user.email)
    next_url = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
    response = redirect(next_url if safe and next_url else landing_url(user))
    return remember_language(response, user.preferred_language)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the code, type what the app shows; the recovery codes
    are shown on the answer to that and never again."""
    if two_factor_is_on(request.user):
        form = PasswordConfirmForm(request.user)
        return render(request, "accounts/two_factor_on.html", {"form": form})
    device = totp_device_for_setup(user=request.user)
    form = TwoFactorCodeForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor_enable(device=device, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            request.user.refresh_from_db()  # its new session epoch: this session stays
            update_session_auth_hash(request, request.user)
            django_otp.login(request, device)
            remember_device(request, request.user)
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
    context = {"form": form, "secret": _spaced(device.config_url)}
    return render(
        request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200
    )


def _spaced(config_url: str) -> str:
    """The secret from the provisioning link, in groups of four, for typing into an app."""
    secret = config_url.split("secret=", 1)[1].split("&", 1)[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@require_GET
def two_factor_qr_view(request: HttpRequest) -> HttpResponse:
    if two_factor_is_on(request.user):
        raise Http404
    svg = totp_qr_svg(device=totp_device_for_setup(user=request.user))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def two_factor_disable_view(request: HttpRequest) -> HttpResponse:
    if settings.STAFF_REQUIRE_2FA and request.user.is_staff:
        messages.error(request, _("Staff must keep two-factor authentication on."))
        return redirect("accounts:two_factor")
    form = PasswordConfirmForm(request.user, request.POST)
    if not form.is_valid():
        return render(request, "accounts/two_factor_on.html", {"form": form}, status=400)
    two_factor_disable(user=request.user)
    remember_device(request, request.user)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:account")


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
