"""The abstract base models apps share. Core has no tables of its own."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class SingleUseLink(models.Model):
    """What every emailed single-use link to an account has (invitations.Invitation for a
    talent or mentor, guests.IndustryInvitation for an industry guest): only a hash of the
    link's token is stored, so a leaked database gives no working links; who sent it, who used
    it. The subclass declares `expires_at` and `accepted_at` (their labels differ per app, and
    moving them here would change the migration state for no gain)."""

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        abstract = True

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
