"""Young directors and their enrolment in cohorts. Builds on programs."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.bilingual import Bilingual
from core.models import TimeStampedModel
from core.validators import validate_links
from programs.models import Cohort

# The director's public profile as they edit it in the portal; after their film is published a
# change becomes a revision (films.services.revisions).
PROFILE_PUBLIC_FIELDS = (
    "bio_zh",
    "bio_en",
    "hometown_zh",
    "hometown_en",
    "background_zh",
    "background_en",
    "birth_year",
    "links",
)
# Consent flags apply at once even after publication: withdrawing consent to publish a
# personal field must never wait for anyone's approval.
PROFILE_CONSENT_FIELDS = (
    "publish_birth_year",
    "publish_hometown",
    "publish_headshot",
    "publish_links",
    "publish_background",
)


class Talent(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talent_profile",
        verbose_name=_("account"),
    )
    slug = models.SlugField(_("slug"), unique=True)
    name_original = models.CharField(_("name (original script)"), max_length=120, blank=True)
    name_latin = models.CharField(_("name (Latin script)"), max_length=120, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    hometown_zh = models.CharField(_("hometown (Chinese)"), max_length=120, blank=True)
    hometown_en = models.CharField(_("hometown (English)"), max_length=120, blank=True)
    background_zh = models.CharField(_("background (Chinese)"), max_length=200, blank=True)
    background_en = models.CharField(_("background (English)"), max_length=200, blank=True)
    bio_zh = models.TextField(_("bio (Chinese)"), blank=True)
    bio_en = models.TextField(_("bio (English)"), blank=True)
    headshot = models.ImageField(_("headshot"), upload_to="headshots/", blank=True)
    headshot_alt_zh = models.CharField(_("headshot alt text (Chinese)"), max_length=200, blank=True)
    headshot_alt_en = models.CharField(_("headshot alt text (English)"), max_length=200, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True, validators=[validate_links])
    # Consent, one flag per personal field: the public site shows a field only when set.
    publish_birth_year = models.BooleanField(_("publish birth year"), default=False)
    publish_hometown = models.BooleanField(_("publish hometown"), default=False)
    publish_headshot = models.BooleanField(_("publish headshot"), default=False)
    publish_links = models.BooleanField(_("publish links"), default=False)
    publish_background = models.BooleanField(_("publish background"), default=True)

    hometown = Bilingual("hometown")
    background = Bilingual("background")
    bio = Bilingual("bio")
    headshot_alt = Bilingual("headshot_alt")

    class Meta:
        verbose_name = _("talent")
        verbose_name_plural = _("talents")
        ordering = ["name_latin", "name_original"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_original="") | ~models.Q(name_latin=""),
                name="talent_has_a_name",
                violation_error_message=_("Give the name in at least one script."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_original and self.name_latin and self.name_original != self.name_latin:
            return f"{self.name_original} {self.name_latin}"
        return self.name_original or self.name_latin

    def get_absolute_url(self) -> str:
        return reverse("talents:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.headshot and not (self.headshot_alt_zh or self.headshot_alt_en):
            raise ValidationError(
                {"headshot_alt_en": _("Describe the headshot for screen readers.")}
            )


class Enrollment(TimeStampedModel):
    class Role(models.TextChoices):
        DIRECTOR = "director", _("Director")
        WRITER_DIRECTOR = "writer_director", _("Writer-director")

    class Status(models.TextChoices):
        SELECTED = "selected", _("Selected")
        ACTIVE = "active", pgettext_lazy("enrolment", "Active")
        GRADUATED = "graduated", _("Graduated")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    talent = models.ForeignKey(
        Talent, on_delete=models.CASCADE, related_name="enrollments", verbose_name=_("director")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="enrollments", verbose_name=_("cohort")
    )
    role = models.CharField(_("role"), max_length=24, choices=Role, default=Role.DIRECTOR)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.SELECTED)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["cohort", "talent"]
        constraints = [
            models.UniqueConstraint(
                fields=["talent", "cohort"],
                name="talent_enrolled_once_per_cohort",
                violation_error_message=_("This director is already enrolled in this cohort."),
                violation_error_code="unique_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.talent} in {self.cohort}"
