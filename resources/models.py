"""What the partners give the films: resources (a camera package ×2, a mix stage, a grading
suite, data-management hours, music licences), their availability periods, and the bookings
films make of them. Builds on programs (partners) and films.

No resource unit is booked twice for overlapping days: on PostgreSQL an exclusion constraint
(btree_gist, `daterange && daterange` on the same resource and unit) refuses it whatever the
code does; on SQLite, services.booking_request checks inside the transaction that inserts. Only
live bookings (requested, approved, confirmed) hold their days."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import RangeOperators
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _

from core.bilingual import Bilingual
from core.constraints import PostgreSQLExclusionConstraint
from core.models import TimeStampedModel
from films.models import Film
from programs.models import Partner


class Resource(TimeStampedModel):
    class Kind(models.TextChoices):
        EQUIPMENT = "equipment", _("Shooting equipment")
        MIX_STAGE = "mix_stage", _("Mix stage")
        GRADING_SUITE = "grading_suite", _("Grading suite")
        DATA_MANAGEMENT = "data_management", _("Data management")
        MUSIC_LICENCE = "music_licence", _("Music licence")
        OTHER = "other", _("Other")

    class Charge(models.TextChoices):
        PER_DAY = "day", _("per day")
        PER_UNIT = "unit", _("per unit")

    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="resources", verbose_name=_("partner")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    quantity = models.PositiveSmallIntegerField(
        _("units"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many of it can be booked at once (a camera package ×2 is 2)."),
    )
    charge = models.CharField(_("valued"), max_length=8, choices=Charge, default=Charge.PER_DAY)
    value_cny = models.DecimalField(
        _("value (CNY)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Per day or per unit, at the partner's rate: what the in-kind report counts."),
    )
    limit_per_film = models.PositiveSmallIntegerField(
        _("limit per film"),
        null=True,
        blank=True,
        help_text=_("At most this many days (per-day) or bookings (per-unit) for one film."),
    )
    contact_name = models.CharField(_("partner contact"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_language = models.CharField(
        _("contact's language"), max_length=8, choices=settings.LANGUAGES, default="zh-hans"
    )
    is_active = models.BooleanField(_("bookable"), default=True)

    name = Bilingual("name")
    description = Bilingual("description")

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["partner__name_en", "name_en", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_zh="") | ~Q(name_en=""),
                name="resource_has_a_name",
                violation_error_message=_("Name the resource in at least one language."),
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="resource_has_units",
                violation_error_message=_("A resource has at least one unit."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} · {self.name}"

    def value_of(self, days: int) -> Decimal:
        return self.value_cny * (days if self.charge == self.Charge.PER_DAY else 1)


class Availability(TimeStampedModel):
    """A period in which the partner makes the resource available to the program."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="periods", verbose_name=_("resource")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))

    class Meta:
        verbose_name = _("availability period")
        verbose_name_plural = _("availability periods")
        ordering = ["resource", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="availability_ends_after_start",
                violation_error_message=_("The period must end on or after its first day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_date} – {self.end_date}"


class DateRange(Func):
    """daterange(start, end, '[]') for the exclusion constraint: both days included."""

    function = "DATERANGE"
    output_field = models.Field()

    def __init__(self, start, end):
        super().__init__(start, end, models.Value("[]"))


class Booking(TimeStampedModel):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        CONFIRMED = "confirmed", _("Confirmed by the partner")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    LIVE = (Status.REQUESTED, Status.APPROVED, Status.CONFIRMED)
    # What counts as support given (the in-kind report).
    GRANTED = (Status.APPROVED, Status.CONFIRMED)

    resource = models.ForeignKey(
        Resource, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("resource")
    )
    unit = models.PositiveSmallIntegerField(_("unit"), default=1)
    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("film")
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.REQUESTED)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    staff_note = models.TextField(_("note from staff"), max_length=2000, blank=True)
    # The partner's link: only the hash is kept; the link itself is in the partner's email.
    confirm_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start_date", "resource", "unit", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="booking_ends_after_start",
                violation_error_message=_("The last day must be on or after the first day."),
            ),
            PostgreSQLExclusionConstraint(
                name="booking_no_overlap",
                expressions=[
                    ("resource", RangeOperators.EQUAL),
                    ("unit", RangeOperators.EQUAL),
                    (DateRange("start_date", "end_date"), RangeOperators.OVERLAPS),
                ],
                condition=Q(status__in=["requested", "approved", "confirmed"]),
                violation_error_message=_("This unit is already booked for some of these days."),
            ),
        ]
        indexes = [
            models.Index(fields=["resource", "start_date"], name="booking_resource_idx"),
            models.Index(fields=["confirm_token_hash"], name="booking_token_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} #{self.unit} · {self.film} · {self.start_date}–{self.end_date}"

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def value(self) -> Decimal:
        return self.resource.value_of(self.days)
