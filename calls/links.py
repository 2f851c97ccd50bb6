"""The applicant's confirmation link, made when its email is sent (outbox.links): opening it
activates the account and signs the applicant in, so the stored message holds only the
placeholder, and each send voids the link sent before (calls.services.applications)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.site import site_url
from outbox.links import LinkUnavailable, link_maker_register


def applicant_confirm_link(ref: str, recipient: str) -> str:
    """`ref` is the call's slug; the account is the recipient's, still unconfirmed."""
    from accounts.models import User
    from calls.services.applications import applicant_confirm_token

    address = User.objects.normalize_email(recipient)
    user = User.objects.filter(
        email__iexact=address, is_active=False, last_login__isnull=True
    ).first()
    if user is None:
        raise LinkUnavailable(_("No account waits for confirmation at this address: not sent."))
    path = reverse("apply:confirm", kwargs={"slug": ref, "token": applicant_confirm_token(user)})
    return f"{site_url()}{path}"


def register() -> None:
    link_maker_register("applicant_confirm", applicant_confirm_link)
