"""The money of a film: its budget (lines in CNY), the program's grant for it, and the grant's
instalments, each tied to one of the cohort's milestones (30% when the screenplay is approved,
40% at picture lock, 30% on delivery). An instalment becomes due when its milestone is approved
and is paid by the finance role. Builds on programs and films.

Amounts are CNY with two decimals. The instalments of a grant add up to the grant exactly:
services.grant_plan refuses a plan that does not, so no partial plan is ever saved."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.bilingual import Bilingual
from core.models import TimeStampedModel
from films.models import Film
from programs.models import MilestoneDefinition

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class BudgetLine(TimeStampedModel):
    class Category(models.TextChoices):
        DEVELOPMENT = "development", _("Development")
        CREW = "crew", _("Crew")
        CAST = "cast", _("Cast")
        EQUIPMENT = "equipment", _("Equipment")
        LOCATIONS = "locations", _("Locations")
        POST_PRODUCTION = "post_production", _("Post-production")
        MUSIC = "music", _("Music")
        OTHER = "other", _("Other")

    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("film")
    )
    category = models.CharField(_("category"), max_length=24, choices=Category)
    description_zh = models.CharField(_("description (Chinese)"), max_length=200, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=200, blank=True)
    amount_cny = models.DecimalField(_("amount (CNY)"), **MONEY)

    description = Bilingual("description")

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["film", "category", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.amount_cny}"


class Grant(TimeStampedModel):
    film = models.OneToOneField(
        Film, on_delete=models.CASCADE, related_name="grant", verbose_name=_("film")
    )
    amount_cny = models.DecimalField(_("grant (CNY)"), **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        permissions = [("view_money", _("Can see budgets, grants and payments"))]

    def __str__(self) -> str:
        return f"{self.film} · {self.amount_cny}"


class Instalment(TimeStampedModel):
    class Status(models.TextChoices):
        # A context of their own: "Due" elsewhere is a milestone's deadline (截止), not money owed.
        PLANNED = "planned", pgettext_lazy("instalment", "Planned")
        DUE = "due", pgettext_lazy("instalment", "Due")
        PAID = "paid", pgettext_lazy("instalment", "Paid")

    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="instalments", verbose_name=_("film")
    )
    milestone = models.ForeignKey(
        MilestoneDefinition,
        on_delete=models.PROTECT,
        related_name="instalments",
        verbose_name=_("milestone"),
    )
    percent = models.DecimalField(
        _("percent of the grant"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    amount_cny = models.DecimalField(_("amount (CNY)"), **MONEY)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PLANNED)
    due_since = models.DateTimeField(_("due since"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paid by"),
    )

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["film", "milestone__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "milestone"],
                name="instalment_once_per_milestone",
                violation_error_message=_("This milestone has an instalment already."),
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | (Q(paid_on__isnull=False) & ~Q(payment_reference="")),
                name="instalment_paid_has_date_and_reference",
                violation_error_message=_("A paid instalment has a date and a reference."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.film} · {self.milestone} · {self.amount_cny}"

    def clean(self) -> None:
        super().clean()
        if self.milestone_id and self.film_id and self.milestone.cohort_id != self.film.cohort_id:
            raise ValidationError(
                {"milestone": _("This milestone belongs to another cohort than the film.")}
            )
