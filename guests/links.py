"""The industry invitation's link, made when its email is sent (outbox.links): a new random
token whose hash replaces the stored one, so each send voids the link sent before, and a used
or expired invitation sends nothing."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.site import site_url
from guests.models import IndustryInvitation
from outbox.links import LinkUnavailable, link_maker_register


def industry_invitation_link(ref: str, recipient: str) -> str:
    from guests.industry import industry_invitation_token_hash

    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = IndustryInvitation.objects.select_for_update().filter(pk=ref).first()
        if invitation is None or not invitation.is_usable:
            raise LinkUnavailable(
                _("The industry invitation is no longer usable (used or expired): not sent.")
            )
        invitation.token_hash = industry_invitation_token_hash(token)
        invitation.save(update_fields=["token_hash"])
    path = reverse("guests_portal:invitation", kwargs={"token": token})
    return f"{site_url()}{path}"


def register() -> None:
    link_maker_register("industry_invitation", industry_invitation_link)
