"""Producers and the coaching panel. Builds on programs. A producer is a mentor paired with a
film (the pairing lives on the film); the panel is a cohort's supervisor and instructors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.bilingual import Bilingual
from core.models import TimeStampedModel
from core.validators import validate_links
from programs.models import Cohort

# The mentor's public profile text, as staff edit it (workspace) and the mentor does (portal).
MENTOR_PUBLIC_FIELDS = ("title_zh", "title_en", "company_zh", "company_en", "bio_zh", "bio_en")


class Mentor(TimeStampedModel):
    class ReviewEmails(models.TextChoices):
        IMMEDIATE = "immediate", _("An email at each submission and comment")
        DAILY = "daily", _("One digest email a day")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_profile",
        verbose_name=_("account"),
    )
    slug = models.SlugField(_("slug"), unique=True)
    name_original = models.CharField(_("name (original script)"), max_length=120, blank=True)
    name_latin = models.CharField(_("name (Latin script)"), max_length=120, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    # A person's job title; a screening's title is another word in Chinese (pgettext).
    title_zh = models.CharField(pgettext_lazy("job", "title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(pgettext_lazy("job", "title (English)"), max_length=200, blank=True)
    company_zh = models.CharField(_("company (Chinese)"), max_length=200, blank=True)
    company_en = models.CharField(_("company (English)"), max_length=200, blank=True)
    bio_zh = models.TextField(_("bio (Chinese)"), blank=True)
    bio_en = models.TextField(_("bio (English)"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="mentors/", blank=True)
    photo_alt_zh = models.CharField(_("photo alt text (Chinese)"), max_length=200, blank=True)
    photo_alt_en = models.CharField(_("photo alt text (English)"), max_length=200, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True, validators=[validate_links])
    publish_photo = models.BooleanField(_("publish photo"), default=False)
    publish_links = models.BooleanField(_("publish links"), default=False)
    # How the mentor hears of work to review (films.services.submissions); the mentor chooses.
    review_emails = models.CharField(
        _("emails about work to review"),
        max_length=16,
        choices=ReviewEmails,
        default=ReviewEmails.IMMEDIATE,
    )

    title = Bilingual("title")
    company = Bilingual("company")
    bio = Bilingual("bio")
    photo_alt = Bilingual("photo_alt")

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["name_latin", "name_original"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_original="") | ~Q(name_latin=""),
                name="mentor_has_a_name",
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
        return reverse("mentors:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.photo and not (self.photo_alt_zh or self.photo_alt_en):
            raise ValidationError({"photo_alt_en": _("Describe the photo for screen readers.")})


class PanelMembership(TimeStampedModel):
    """A seat on a cohort's coaching panel."""

    class Role(models.TextChoices):
        SUPERVISOR = "supervisor", _("Supervisor")
        INSTRUCTOR = "instructor", _("Instructor")
        CURATOR = "curator", _("Curator")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="panel", verbose_name=_("cohort")
    )
    mentor = models.ForeignKey(
        Mentor, on_delete=models.CASCADE, related_name="panel_seats", verbose_name=_("mentor")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role, default=Role.INSTRUCTOR)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("coaching panel")
        ordering = ["cohort", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "mentor"],
                name="mentor_once_per_panel",
                violation_error_message=_("This mentor is already on the panel."),
                violation_error_code="unique_together",
            ),
            models.UniqueConstraint(
                fields=["cohort"],
                condition=Q(role="supervisor"),
                name="one_supervisor_per_panel",
                violation_error_message=_("This cohort already has a supervisor."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} ({self.get_role_display()}, {self.cohort})"
