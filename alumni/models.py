"""The alumni record: what a graduated director did after the program (later festival
selections and awards, releases, next projects, a feature debut), the program's proof of value.

Entries are tied to the director and the edition they graduated from, and to one of their
program films when the entry is about it. Staff enter entries (approved as they are written);
alumni propose their own from the portal, and staff approve them. The public sees an entry only
when it is approved and the alumnus consents to its publication (`is_public`), a consent the
alumnus can withdraw at once. Builds on screenings (the outcomes report counts the program's own
premieres and online exhibitions next to the entries)."""

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
from programs.models import Cohort
from talents.models import Talent


class EntryKind(models.TextChoices):
    SELECTION = "selection", _("Festival selection")
    AWARD = "award", _("Award")
    DISTRIBUTION = "distribution", _("Release or distribution")
    NEXT_PROJECT = "next_project", _("Next project")
    FEATURE_DEBUT = "feature_debut", _("Feature debut")


# Kinds that happen at a festival, a platform or a company, which the entry must name.
NAMES_A_PLACE = {EntryKind.SELECTION, EntryKind.AWARD, EntryKind.DISTRIBUTION}


class AlumniEntry(TimeStampedModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for approval")
        APPROVED = "approved", pgettext_lazy("alumni entry", "Approved")
        DECLINED = "declined", _("Declined")

    talent = models.ForeignKey(
        Talent, on_delete=models.CASCADE, related_name="alumni_entries", verbose_name=_("alumnus")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="alumni_entries", verbose_name=_("edition")
    )
    film = models.ForeignKey(
        Film,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alumni_entries",
        verbose_name=_("program film"),
        help_text=_("When the entry is about the film made in the program."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=EntryKind)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    work_title_zh = models.CharField(_("work title (Chinese)"), max_length=200, blank=True)
    work_title_en = models.CharField(_("work title (English)"), max_length=200, blank=True)
    festival_zh = models.CharField(
        _("festival, platform or company (Chinese)"), max_length=200, blank=True
    )
    festival_en = models.CharField(
        _("festival, platform or company (English)"), max_length=200, blank=True
    )
    section_zh = models.CharField(_("section (Chinese)"), max_length=200, blank=True)
    section_en = models.CharField(_("section (English)"), max_length=200, blank=True)
    award_zh = models.CharField(_("award (Chinese)"), max_length=200, blank=True)
    award_en = models.CharField(_("award (English)"), max_length=200, blank=True)
    link = models.URLField(_("link"), blank=True)
    online_views = models.PositiveIntegerField(
        _("online views"), null=True, blank=True, help_text=_("Only when known.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PROPOSED)
    publish = models.BooleanField(
        _("show on the public alumni page"),
        default=False,
        help_text=_("The alumnus's consent; they can withdraw it in the portal at any time."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
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

    work_title = Bilingual("work_title")
    festival = Bilingual("festival")
    section = Bilingual("section")
    award = Bilingual("award")

    class Meta:
        verbose_name = _("alumni entry")
        verbose_name_plural = _("alumni entries")
        ordering = ["-year", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.AWARD) | ~Q(award_zh="") | ~Q(award_en=""),
                name="alumni_award_is_named",
                violation_error_message=_("Name the award in at least one language."),
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self) -> str:
        return f"{self.talent} · {self.get_kind_display()} {self.year}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED and self.publish

    @property
    def work(self) -> str:
        """What the entry is about: the program film, else the later work's title."""
        return str(self.film.title) if self.film_id else str(self.work_title)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind in NAMES_A_PLACE and not (self.festival_zh or self.festival_en):
            errors["festival_en"] = _("Name the festival, platform or company.")
        if self.kind == EntryKind.AWARD and not (self.award_zh or self.award_en):
            errors["award_en"] = _("Name the award in at least one language.")
        if not self.film_id and not (self.work_title_zh or self.work_title_en):
            errors["work_title_en"] = _("Choose the program film or give the work's title.")
        if self.film_id and self.talent_id and self.film.director_id != self.talent_id:
            errors["film"] = _("This film is not this director's.")
        if errors:
            raise ValidationError(errors)
