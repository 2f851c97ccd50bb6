from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from accounts import throttle
from accounts.models import Language, SecurityEvent, User
from accounts.security import client_ip
from accounts.services import security_event_record
from outbox.models import OutboxMessage
from outbox.services import message_enqueue


def locked_out_error(until) -> ValidationError:
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    message = ngettext(
        "Too many failed sign-ins. Try again after %(time)s (in %(minutes)d minute).",
        "Too many failed sign-ins. Try again after %(time)s (in %(minutes)d minutes).",
        minutes,
    ) % {"time": f"{timezone.localtime(until):%H:%M}", "minutes": minutes}
    return ValidationError(message, code="locked_out")


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in by email, throttled per account and per address (accounts.throttle): a locked
    account or address is refused before the password is even checked."""

    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean(self):
        email = (self.cleaned_data.get("username") or self.data.get("username") or "")[:254]
        address = client_ip(self.request)
        until = throttle.locked_until(email=email, ip_address=address)
        if until is not None:
            raise locked_out_error(until)
        try:
            cleaned_data = super().clean()
        except ValidationError:
            self._failure(email, address)
            raise
        throttle.success_record(email=email)
        return cleaned_data

    def _failure(self, email: str, address: str | None) -> None:
        locked = throttle.failure_record(email=email, ip_address=address)
        if locked:
            security_event_record(
                kind=SecurityEvent.Kind.LOCKED_OUT,
                user=User.objects.filter(email=User.objects.normalize_email(email)).first(),
                email=email,
                details={"locked": locked},
                request=self.request,
            )
            raise locked_out_error(throttle.locked_until(email=email, ip_address=address))


class TwoFactorCodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class PasswordConfirmForm(forms.Form):
    """Asks for the password again before a change that weakens the account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your password."))
        return password


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, answering the same whether or not the address has an account, and
    doing the same work too: one outbox row either way, whose link is made by the worker that
    sends it (accounts.links) or which fails there unsent when no account has the address.
    Limited per address and per client (PASSWORD_RESET_LIMIT_*), counted in the outbox itself so
    that the limit holds while the cache is down."""

    def save(self, *, request=None, **kwargs) -> None:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        address = client_ip(request) or "unknown"
        if not _reset_allowed(email, address):
            return
        message_enqueue(
            recipient=email,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            template="password_reset",
            context={},
            cause=f"password_reset:{address}",
            secret_link="password_reset",  # noqa: S106 (a kind of link, not a password)
        )


def _reset_allowed(email: str, address: str) -> bool:
    since = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_LIMIT_WINDOW_SECONDS)
    recent = OutboxMessage.objects.filter(
        cause__startswith="password_reset:", created_at__gte=since
    )
    return (
        recent.filter(recipient=email).count() < settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        and recent.filter(cause=f"password_reset:{address}").count()
        < settings.PASSWORD_RESET_LIMIT_PER_CLIENT
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language for this site and your emails"),
        choices=Language,
        widget=forms.RadioSelect,
    )

    @classmethod
    def for_user(cls, user: User, data=None) -> "LanguageForm":
        return cls(data, initial={"language": user.preferred_language})


class SecurityEventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Event"),
        required=False,
        choices=[("", _("Any event")), *SecurityEvent.Kind.choices],
    )
    person = forms.CharField(label=_("Person (email)"), required=False, max_length=254)
    ip_address = forms.GenericIPAddressField(
        label=pgettext_lazy("network", "Address"), required=False
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned_data = super().clean()
        since, until = cleaned_data.get("since"), cleaned_data.get("until")
        if since and until and since > until:
            raise ValidationError(_("The first day comes after the last."))
        return cleaned_data
