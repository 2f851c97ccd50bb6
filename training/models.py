"""The training calendar of a cohort: workshops and masterclasses (the whole cohort or chosen
films), one-to-one mentoring, on-set visits; who is invited and what they answered, who came,
and the private notes on a film that only its team, its mentors and staff read. Also each
person's calendar feed (a secret address; only its hash is kept). Builds on films."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.bilingual import Bilingual
from core.models import TimeStampedModel
from films.models import Film
from mentors.models import Mentor
from programs.models import Cohort


class Session(TimeStampedModel):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        MASTERCLASS = "masterclass", _("Masterclass")
        MENTORING = "mentoring", _("One-to-one mentoring")
        SET_VISIT = "set_visit", _("On-set visit")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.WORKSHOP)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_zh = models.CharField(_("venue (Chinese)"), max_length=200, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    whole_cohort = models.BooleanField(
        _("whole cohort"), default=False, help_text=_("Every film of the cohort is invited.")
    )
    films = models.ManyToManyField(
        Film, blank=True, related_name="sessions", verbose_name=_("films")
    )
    mentors = models.ManyToManyField(
        Mentor, blank=True, related_name="sessions", verbose_name=_("mentors")
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_note = models.TextField(_("why it was cancelled"), max_length=1000, blank=True)
    # iCalendar's SEQUENCE: one more at each change of time or place and at the cancellation,
    # so a calendar app that kept the event knows the newer one wins.
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)

    title = Bilingual("title")
    description = Bilingual("description")
    venue = Bilingual("venue")

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("The session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(title_zh="") | ~Q(title_en=""),
                name="session_has_a_title",
                violation_error_message=_("Give a title in at least one language."),
            ),
        ]
        indexes = [models.Index(fields=["cohort", "starts_at"], name="session_cohort_idx")]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Attendee(TimeStampedModel):
    """One invited person: their answer, and whether they came (recorded afterwards)."""

    class Response(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        ATTENDING = "attending", _("Attending")
        DECLINED = "declined", _("Declined")

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="attendees",
        verbose_name=pgettext_lazy("training", "session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="session_invitations",
        verbose_name=_("person"),
    )
    # The film they come for (none for a session's mentors).
    film = models.ForeignKey(
        Film,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("film"),
    )
    is_mentor = models.BooleanField(_("as mentor"), default=False)
    response = models.CharField(
        _("answer"), max_length=16, choices=Response, default=Response.PENDING
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invited person")
        verbose_name_plural = _("invited people")
        ordering = ["session", "is_mentor", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="attendee_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.session}"


class SessionNote(TimeStampedModel):
    """A private note on one film from one session: its team, its mentors and staff read it."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=pgettext_lazy("training", "session"),
    )
    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="session_notes", verbose_name=_("film")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("note"), max_length=5000)

    class Meta:
        verbose_name = _("session note")
        verbose_name_plural = _("session notes")
        ordering = ["session", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.session} · {self.film}"


class CalendarFeed(TimeStampedModel):
    """A person's calendar feed: the address carries a token, of which only the hash is kept."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("person"),
    )
    token_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
