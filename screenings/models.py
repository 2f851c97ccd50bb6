"""Venues, screenings (premiere, festival screenings, online exhibition) and the ordered films
of each. Builds on films."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.bilingual import Bilingual
from core.models import TimeStampedModel
from films.models import Film
from programs.models import Cohort


class Venue(TimeStampedModel):
    slug = models.SlugField(_("slug"), unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    address_zh = models.CharField(_("address (Chinese)"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    name = Bilingual("name")
    address = Bilingual("address")

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name_en", "name_zh"]

    def __str__(self) -> str:
        return str(self.name)


class Screening(TimeStampedModel):
    class Kind(models.TextChoices):
        PREMIERE = "premiere", _("Premiere")
        FESTIVAL = "festival", _("Festival screening")
        ONLINE = "online", _("Online exhibition")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="screenings", verbose_name=_("cohort")
    )
    slug = models.SlugField(_("slug"), help_text=_("Unique within the cohort."))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.PREMIERE)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
        verbose_name=_("venue"),
    )
    platform_name_zh = models.CharField(_("platform (Chinese)"), max_length=120, blank=True)
    platform_name_en = models.CharField(_("platform (English)"), max_length=120, blank=True)
    platform_url = models.URLField(_("platform link"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    films = models.ManyToManyField(
        Film, through="ScreeningFilm", related_name="screenings", verbose_name=_("films")
    )

    title = Bilingual("title")
    description = Bilingual("description")
    platform_name = Bilingual("platform_name")

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "slug"],
                name="screening_slug_unique_in_cohort",
                violation_error_message=_("This cohort already has a screening with this slug."),
                violation_error_code="unique_together",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="screening_ends_after_start",
                violation_error_message=_("A screening must end after it starts."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="online") & ~Q(platform_url=""))
                | (~Q(kind="online") & Q(venue__isnull=False)),
                name="screening_has_a_place",
                violation_error_message=_(
                    "An online screening needs a platform link; an in-person one a venue."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(title_zh="") | ~Q(title_en=""),
                name="screening_has_a_title",
                violation_error_message=_("Give a title in at least one language."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("screenings:detail", kwargs={"cohort": self.cohort.slug, "slug": self.slug})

    @property
    def is_online(self) -> bool:
        return self.kind == self.Kind.ONLINE

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A screening must end after it starts.")
        if self.is_online and not self.platform_url:
            errors["platform_url"] = _("An online screening needs the platform's link.")
        if not self.is_online and not self.venue_id:
            errors["venue"] = _("An in-person screening needs a venue.")
        if errors:
            raise ValidationError(errors)


class ScreeningFilm(TimeStampedModel):
    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="entries", verbose_name=_("screening")
    )
    film = models.ForeignKey(
        Film, on_delete=models.PROTECT, related_name="screening_entries", verbose_name=_("film")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    watch_url = models.URLField(_("watch link"), blank=True)
    available_from = models.DateTimeField(_("available from"), null=True, blank=True)
    available_until = models.DateTimeField(_("available until"), null=True, blank=True)

    class Meta:
        verbose_name = _("film in screening")
        verbose_name_plural = _("films in screening")
        ordering = ["screening", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "film"],
                name="film_once_per_screening",
                violation_error_message=_("This film is already in the lineup."),
                violation_error_code="unique_together",
            ),
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_until__gt=F("available_from")),
                name="online_window_ends_after_start",
                violation_error_message=_("The online window must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.film}"

    def clean(self) -> None:
        super().clean()
        if self.film_id and self.screening_id and self.film.cohort_id != self.screening.cohort_id:
            raise ValidationError({"film": _("The film belongs to another cohort.")})

    def is_watchable(self, now) -> bool:
        if not self.watch_url and not self.screening.platform_url:
            return False
        starts = self.available_from or self.screening.starts_at
        ends = self.available_until or self.screening.ends_at
        return starts <= now < ends
