"""Licence records of a film: who licensed what to whom (an online platform such as iQIYI, a
festival, a broadcaster), where, exclusively or not, from when until when. Builds on films;
screenings build on it (an online exhibition must lie inside a streaming licence, and the
public "watch on <platform>" follows one)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from films.models import Film


class Medium(models.TextChoices):
    STREAMING = "streaming", _("Streaming")
    FESTIVAL = "festival", _("Festival")
    BROADCAST = "broadcast", _("Broadcast")


class Licence(TimeStampedModel):
    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="licences", verbose_name=_("film")
    )
    licensor = models.CharField(_("licensor"), max_length=200)
    licensee = models.CharField(_("licensee"), max_length=200)
    territory = models.CharField(_("territory"), max_length=200, default="Mainland China")
    is_exclusive = models.BooleanField(_("exclusive"), default=False)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), help_text=_("The last day the licence covers."))
    covers_streaming = models.BooleanField(_("covers streaming"), default=False)
    covers_festival = models.BooleanField(_("covers festival screenings"), default=False)
    covers_broadcast = models.BooleanField(_("covers broadcast"), default=False)

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["film", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="licence_ends_after_start",
                violation_error_message=_("A licence cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(covers_streaming=True)
                | Q(covers_festival=True)
                | Q(covers_broadcast=True),
                name="licence_covers_something",
                violation_error_message=_(
                    "A licence covers at least one of streaming, festival, broadcast."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.film} → {self.licensee} ({self.starts_on}–{self.ends_on})"

    def covers(self, medium: str, first_day: datetime.date, last_day: datetime.date) -> bool:
        return getattr(self, f"covers_{medium}") and (
            self.starts_on <= first_day and last_day <= self.ends_on
        )

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A licence cannot end before it starts.")})


class LicenceWarning(models.Model):
    """That staff were told a licence ends soon: at most once per licence and end date."""

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="warnings")
    ends_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["licence", "ends_on"], name="one_warning_per_end")
        ]

    def __str__(self) -> str:
        return f"{self.licence} · {self.ends_on}"
