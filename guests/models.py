"""Who comes to a screening: each screening's registration policy (open or closed, capacity,
categories with quotas), the registrations with their waiting list and offers, and check-in.
Builds on screenings; holds no pages.

A seat is held by a registration that is confirmed, waiting for staff approval, or holding an
offer that has not expired (HOLDING). The count of those never exceeds the capacity: every
change that takes a seat goes through guests.services under the policy's row lock."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from screenings.models import Screening

# Letters and digits that cannot be misread when typed from a phone screen (no 0/O, 1/I/L).
TICKET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_ticket_code() -> str:
    raw = "".join(secrets.choice(TICKET_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def new_link_secret() -> str:
    return secrets.token_urlsafe(24)


class Category(models.TextChoices):
    TEAM = "team", _("Team")
    INDUSTRY = "industry", _("Industry")
    PRESS = "press", _("Press")
    PUBLIC = "public", _("Public")


# Industry and press registrations name the organisation they come for.
CATEGORIES_WITH_ORGANISATION = (Category.INDUSTRY, Category.PRESS)


class RegistrationPolicy(TimeStampedModel):
    screening = models.OneToOneField(
        Screening, on_delete=models.CASCADE, related_name="registration_policy"
    )
    is_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: the venue's capacity.")
    )
    offer_hours = models.PositiveSmallIntegerField(_("hours to accept a freed seat"), default=24)

    class Meta:
        verbose_name = _("registration policy")
        verbose_name_plural = _("registration policies")

    def __str__(self) -> str:
        return str(self.screening)

    @property
    def seats(self) -> int:
        if self.capacity is not None:
            return self.capacity
        venue = self.screening.venue
        return (venue.capacity or 0) if venue else 0

    def clean(self) -> None:
        super().clean()
        if self.offer_hours == 0:
            raise ValidationError({"offer_hours": _("An offer needs at least one hour.")})


class CategoryQuota(TimeStampedModel):
    policy = models.ForeignKey(RegistrationPolicy, on_delete=models.CASCADE, related_name="quotas")
    category = models.CharField(_("category"), max_length=16, choices=Category)
    quota = models.PositiveIntegerField(
        _("quota"), null=True, blank=True, help_text=_("Empty: only the screening's capacity.")
    )
    needs_approval = models.BooleanField(_("needs approval"), default=False)

    class Meta:
        verbose_name = _("category quota")
        verbose_name_plural = _("category quotas")
        ordering = ["policy", "category"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "category"], name="one_quota_per_category")
        ]

    def __str__(self) -> str:
        return self.get_category_display()


class Registration(TimeStampedModel):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Email not confirmed")
        PENDING_APPROVAL = "pending", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Offered a freed seat")
        EXPIRED = "expired", _("Offer expired")
        DECLINED = "declined", _("Declined by staff")
        CANCELLED = "cancelled", _("Cancelled")

    HOLDING = (Status.CONFIRMED, Status.PENDING_APPROVAL, Status.OFFERED)
    ACTIVE = (*HOLDING, Status.UNCONFIRMED, Status.WAITING)

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="registrations")
    category = models.CharField(_("category"), max_length=16, choices=Category)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, default="zh-hans")
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.UNCONFIRMED
    )
    # In the links of the guest's emails (ticket, confirm, accept, cancel): never logged.
    link_secret = models.CharField(max_length=64, unique=True, default=new_link_secret)
    # In the QR code and typed at the door; random, so it cannot be made up.
    ticket_code = models.CharField(max_length=16, unique=True, default=new_ticket_code)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["screening", "created_at", "id"]
        constraints = [
            # One live registration per address and screening; cancelled ones may be redone.
            models.UniqueConstraint(
                "screening",
                Lower("email"),
                condition=Q(
                    status__in=["unconfirmed", "pending", "confirmed", "waiting", "offered"]
                ),
                name="one_live_registration_per_email",
                violation_error_message=_("This email address is already registered."),
            ),
            models.CheckConstraint(
                condition=~Q(name_zh="") | ~Q(name_en=""), name="registration_has_a_name"
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"),
                name="only_confirmed_guests_check_in",
            ),
        ]
        indexes = [models.Index(fields=["screening", "status"], name="registration_status_idx")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return " / ".join(name for name in (self.name_zh, self.name_en) if name)

    def get_absolute_url(self) -> str:
        return reverse("guests_public:ticket", kwargs={"secret": self.link_secret})

    @property
    def holds_seat(self) -> bool:
        return self.status in self.HOLDING

    @property
    def can_cancel(self) -> bool:
        return self.status in self.ACTIVE and self.checked_in_at is None

    def clean(self) -> None:
        super().clean()
        errors = {}
        if not self.name_zh.strip() and not self.name_en.strip():
            errors["name_en"] = _("Give your name in Chinese or in English (or both).")
        if self.category in CATEGORIES_WITH_ORGANISATION and not self.organisation.strip():
            errors["organisation"] = _("Industry and press guests name their organisation.")
        if errors:
            raise ValidationError(errors)


# --- Industry guests: accreditation per edition, screeners and who watched them


def new_screener_code() -> str:
    return secrets.token_urlsafe(18)


class IndustryAccreditation(TimeStampedModel):
    """An industry guest (sales agent, programmer, platform buyer) accredited for one edition:
    while valid, they see the cohort's films with screeners, each through a pass of their own."""

    class Kind(models.TextChoices):
        SALES_AGENT = "sales", _("Sales agent")
        PROGRAMMER = "programmer", _("Festival programmer")
        PLATFORM_BUYER = "platform", _("Platform buyer")
        OTHER = "other", _("Other industry")

    cohort = models.ForeignKey(
        "programs.Cohort", on_delete=models.CASCADE, related_name="industry_accreditations"
    )
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="industry_accreditations"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.OTHER)
    organisation = models.CharField(_("organisation"), max_length=200)
    valid_until = models.DateField(_("valid until"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("industry accreditation")
        verbose_name_plural = _("industry accreditations")
        ordering = ["cohort", "organisation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_accreditation_per_edition")
        ]

    def __str__(self) -> str:
        return f"{self.user.full_name} ({self.organisation})"


class Screener(TimeStampedModel):
    """Where a film's screener is watched (a private video link and its password): shown only
    to accredited guests through their own pass, never on a public page."""

    film = models.OneToOneField("films.Film", on_delete=models.CASCADE, related_name="screener")
    video_url = models.URLField(_("screener link"))
    video_password = models.CharField(_("screener password"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("screener")
        verbose_name_plural = _("screeners")

    def __str__(self) -> str:
        return str(self.film)


class ScreenerPass(TimeStampedModel):
    accreditation = models.ForeignKey(
        IndustryAccreditation, on_delete=models.CASCADE, related_name="passes"
    )
    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="screener_passes")
    # The guest's own access code, in the screener's address; unguessable.
    code = models.CharField(max_length=32, unique=True, default=new_screener_code)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("screener pass")
        verbose_name_plural = _("screener passes")
        constraints = [
            models.UniqueConstraint(fields=["accreditation", "film"], name="one_pass_per_film")
        ]

    def __str__(self) -> str:
        return f"{self.accreditation} · {self.film}"


class ScreenerView(models.Model):
    screener_pass = models.ForeignKey(ScreenerPass, on_delete=models.CASCADE, related_name="views")
    viewed_at = models.DateTimeField(_("viewed"), auto_now_add=True)

    class Meta:
        verbose_name = _("screener view")
        verbose_name_plural = _("screener views")
        ordering = ["-viewed_at"]

    def __str__(self) -> str:
        return f"{self.screener_pass} · {self.viewed_at:%Y-%m-%d %H:%M}"
