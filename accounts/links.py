"""The password reset link accounts sends through the outbox (outbox.links): made when the
message is sent. Django's token, whose hash also covers `User.reset_link_nonce`; the nonce
changes at each send, so only the latest link works (and, as always, only until the password or
the last sign-in changes, or PASSWORD_RESET_TIMEOUT passes). Invitations have their own maker
(invitations.links)."""

from __future__ import annotations

import secrets

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.models import User
from core.site import site_url
from outbox.links import LinkUnavailable, link_maker_register


class ResetLinkTokenGenerator(PasswordResetTokenGenerator):
    def _make_hash_value(self, user, timestamp) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.reset_link_nonce}"


reset_link_tokens = ResetLinkTokenGenerator()


def password_reset_link(ref: str, recipient: str) -> str:
    """The account is found by its exact (normalised) address, never a lookalike of it."""
    address = User.objects.normalize_email(recipient)
    user = User.objects.filter(email=address, is_active=True).first()
    if user is None or not user.has_usable_password():
        raise LinkUnavailable(_("No active account has this address: nothing was sent."))
    user.reset_link_nonce = secrets.token_hex(16)
    user.save(update_fields=["reset_link_nonce"])
    kwargs = {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": reset_link_tokens.make_token(user),
    }
    return f"{site_url()}{reverse('accounts:password_reset_confirm', kwargs=kwargs)}"


def account_setup_link(ref: str, recipient: str) -> str:
    """The first password of an account made for someone else's invitation (an outside juror):
    the reset link while the account has no password, the sign-in page once it has one (a
    person who already has an account is not sent a reset they did not ask for)."""
    address = User.objects.normalize_email(recipient)
    user = User.objects.filter(email=address, is_active=True).first()
    if user is None:
        raise LinkUnavailable(_("No active account has this address: nothing was sent."))
    if user.has_usable_password():
        return f"{site_url()}{reverse('accounts:login')}"
    user.reset_link_nonce = secrets.token_hex(16)
    user.save(update_fields=["reset_link_nonce"])
    kwargs = {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": reset_link_tokens.make_token(user),
    }
    return f"{site_url()}{reverse('accounts:password_reset_confirm', kwargs=kwargs)}"


def register() -> None:
    link_maker_register("password_reset", password_reset_link)
    link_maker_register("account_setup", account_setup_link)
