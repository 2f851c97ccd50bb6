"""Invitations: a single-use link that lets a director or mentor create an account linked to
their profile. Sits above talents and mentors (it links to both) and below everything that
invites people (the workspace, the open call)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Language
from core.models import SingleUseLink


class Invitation(SingleUseLink):
    """A single-use link that lets a talent or mentor set a password and so get an account linked
    to their profile. Only a hash of the token is stored: a leaked database gives no working
    links."""

    email = models.EmailField(_("email address"))
    language = models.CharField(
        _("language"), max_length=8, choices=Language, default=Language.CHINESE
    )
    talent = models.ForeignKey(
        "talents.Talent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("talent"),
    )
    mentor = models.ForeignKey(
        "mentors.Mentor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentor"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        # The table keeps the name it had when invitations lived in accounts: no data moved.
        db_table = "accounts_invitation"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(talent__isnull=True) ^ models.Q(mentor__isnull=True),
                name="invitation_for_one_profile",
                violation_error_message=_("Invite either a talent or a mentor."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.profile})"

    @property
    def profile(self):
        return self.talent or self.mentor
