"""Who comes to a screening: each screening's registration policy (open or closed, capacity,
categories with quotas), the registrations with their waiting list and offers, and check-in.
Builds on screenings; holds no pages.

A seat is held by a registration that is confirmed, waiting for staff approval, or holding an
offer that has not expired (HOLDING). The count of those never exceeds the capacity: every
change that takes a seat goes through guests.services under the policy's row lock.

Industry guests (accreditation per edition, screeners) and their market meetings live here too:
nobody is in two places at once and no table holds two meetings at once, refused by PostgreSQL's
exclusion constraints whatever the code does (guests.market checks the same on SQLite)."""

import datetime
import secrets
from datetime import timedelta

from django.contrib.postgres.fields import RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.constraints import PostgreSQLExclusionConstraint
from core.models import SingleUseLink, TimeStampedModel
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


# --- Market meetings: one-to-one meetings between accredited guests and a film's team


class TsTzRange(Func):
    """tstzrange(start, end, '[)') for the exclusion constraints: a meeting ending at 10:30
    does not overlap the next one starting at 10:30."""

    function = "TSTZRANGE"
    output_field = models.Field()

    def __init__(self, start, end):
        super().__init__(start, end, models.Value("[)"))


class MarketDay(TimeStampedModel):
    """When an edition's market meetings happen, in festival time: from when to when, how long
    each meeting is (the slots follow one another from the opening) and how many tables."""

    cohort = models.ForeignKey(
        "programs.Cohort",
        on_delete=models.CASCADE,
        related_name="market_days",
        verbose_name=_("edition"),
    )
    starts_at = models.DateTimeField(_("meetings from"))
    ends_at = models.DateTimeField(_("meetings until"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per meeting"), default=30, validators=[MinValueValidator(10)]
    )
    tables = models.PositiveSmallIntegerField(
        _("tables"), default=10, validators=[MinValueValidator(1)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    requests_open = models.BooleanField(_("guests may ask for meetings"), default=True)

    class Meta:
        verbose_name = _("market day")
        verbose_name_plural = _("market days")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="market_day_ends_after_start",
                violation_error_message=_("The market day must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return timezone.localtime(self.starts_at).strftime("%Y-%m-%d")

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.slot_minutes:
            if self.ends_at - self.starts_at < timedelta(minutes=self.slot_minutes):
                raise ValidationError(
                    {"ends_at": _("The market day must be long enough for one meeting.")}
                )
            if timezone.localdate(self.starts_at) != timezone.localdate(self.ends_at):
                raise ValidationError({"ends_at": _("A market day ends on the day it starts.")})

    @property
    def slot_length(self) -> timedelta:
        return timedelta(minutes=self.slot_minutes)

    def slots(self) -> list[datetime.datetime]:
        """The start of every meeting slot, one after another from the opening."""
        starts, moment = [], self.starts_at
        while moment + self.slot_length <= self.ends_at:
            starts.append(moment)
            moment += self.slot_length
        return starts

    def is_slot(self, moment: datetime.datetime) -> bool:
        return moment in self.slots()


class Meeting(TimeStampedModel):
    """A guest's request to meet a film's team at one slot of a market day; once the team
    accepts, it has a table. While live it holds the time of the people in it (MeetingAttendee),
    so nobody is in two places at once; an accepted meeting also holds its table."""

    class Status(models.TextChoices):
        # A context of their own: other apps' "Accepted" is an applicant's admission.
        REQUESTED = "requested", pgettext_lazy("market meeting", "Requested")
        ACCEPTED = "accepted", pgettext_lazy("market meeting", "Accepted")
        DECLINED = "declined", pgettext_lazy("market meeting", "Declined")
        CANCELLED = "cancelled", pgettext_lazy("market meeting", "Cancelled")

    LIVE = (Status.REQUESTED, Status.ACCEPTED)

    market_day = models.ForeignKey(
        MarketDay, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("market day")
    )
    accreditation = models.ForeignKey(
        IndustryAccreditation,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("industry guest"),
    )
    film = models.ForeignKey(
        "films.Film",
        on_delete=models.CASCADE,
        related_name="market_meetings",
        verbose_name=_("film"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.REQUESTED)
    message = models.TextField(_("message to the team"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("market meeting")
        verbose_name_plural = _("market meetings")
        ordering = ["starts_at", "table", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(table__isnull=False),
                name="accepted_meeting_has_a_table",
            ),
            models.UniqueConstraint(
                fields=["accreditation", "film"],
                condition=Q(status__in=["requested", "accepted"]),
                name="one_live_meeting_per_guest_and_film",
                violation_error_message=_("You have already asked to meet this film's team."),
            ),
            PostgreSQLExclusionConstraint(
                name="meeting_table_free",
                expressions=[
                    ("market_day", RangeOperators.EQUAL),
                    ("table", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
                condition=Q(status="accepted"),
            ),
        ]
        indexes = [models.Index(fields=["market_day", "status"], name="meeting_status_idx")]

    def __str__(self) -> str:
        return f"{self.accreditation} · {self.film} · {timezone.localtime(self.starts_at):%H:%M}"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE


class MeetingAttendee(models.Model):
    """One person's time held by a live meeting: the guest's from the request, the team's from
    the acceptance; the row goes when the meeting is declined or cancelled. On PostgreSQL an
    exclusion constraint refuses two overlapping rows of one person whatever the code does."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="market_meeting_times"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        verbose_name = _("meeting attendee")
        verbose_name_plural = _("meeting attendees")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_per_meeting"),
            PostgreSQLExclusionConstraint(
                name="person_in_one_meeting_at_a_time",
                expressions=[
                    ("user", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.meeting}"


class IndustryInvitation(TimeStampedModel, SingleUseLink):
    """Staff invite an industry guest who has no account: the email's link (made only when it
    is sent, outbox.links) lets them set up an account, accredited for the edition on the
    spot. Only a hash of the link's token is stored."""

    cohort = models.ForeignKey(
        "programs.Cohort",
        on_delete=models.CASCADE,
        related_name="industry_invitations",
        verbose_name=_("edition"),
    )
    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, default="zh-hans")
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=IndustryAccreditation.Kind,
        default=IndustryAccreditation.Kind.OTHER,
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    valid_until = models.DateField(_("valid until"))
    expires_at = models.DateTimeField(_("link expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("industry invitation")
        verbose_name_plural = _("industry invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.email} ({self.organisation})"
