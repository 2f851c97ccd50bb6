"""Films, their credits and stills, poster thumbnails, and the milestone submissions of their
production. Builds on programs, talents and mentors."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.bilingual import Bilingual
from core.models import TimeStampedModel
from core.storage import private_storage
from mentors.models import Mentor
from programs.models import Cohort, MilestoneDefinition, ProductionStage
from talents.models import Enrollment, Talent

# The film's public information, as the director edits it (portal) and staff do (workspace);
# a change to a published film becomes a revision (films.services.revisions).
# Between the fields of Film.search_text: a search never matches across two of them (a query
# holds no line break, forms strip them).
SEARCH_SEPARATOR = "\n"

FILM_PUBLIC_FIELDS = (
    "title_zh",
    "title_en",
    "logline_zh",
    "logline_en",
    "synopsis_zh",
    "synopsis_en",
    "genre",
    "runtime_minutes",
    "language_zh",
    "language_en",
    "trailer_url",
)


class Film(TimeStampedModel):
    class Genre(models.TextChoices):
        DRAMA = "drama", _("Drama")
        COMEDY = "comedy", _("Comedy")
        THRILLER = "thriller", _("Thriller")
        SCIENCE_FICTION = "science_fiction", _("Science fiction")
        FANTASY = "fantasy", _("Fantasy")
        DOCUMENTARY = "documentary", _("Documentary")
        ANIMATION = "animation", _("Animation")
        EXPERIMENTAL = "experimental", _("Experimental")

    Stage = ProductionStage

    class PosterStatus(models.TextChoices):
        NONE = "none", _("No poster")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="films", verbose_name=_("cohort")
    )
    director = models.ForeignKey(
        Talent, on_delete=models.PROTECT, related_name="films", verbose_name=_("director")
    )
    producer = models.ForeignKey(
        Mentor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="produced_films",
        verbose_name=_("producer"),
    )
    slug = models.SlugField(_("slug"), help_text=_("Unique within the cohort."))
    title_zh = models.CharField(_("original title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    logline_zh = models.CharField(_("logline (Chinese)"), max_length=400, blank=True)
    logline_en = models.CharField(_("logline (English)"), max_length=400, blank=True)
    synopsis_zh = models.TextField(_("synopsis (Chinese)"), blank=True)
    synopsis_en = models.TextField(_("synopsis (English)"), blank=True)
    genre = models.CharField(_("genre"), max_length=24, choices=Genre, default=Genre.DRAMA)
    runtime_minutes = models.PositiveSmallIntegerField(
        _("runtime (minutes)"), null=True, blank=True
    )
    language_zh = models.CharField(_("language (Chinese)"), max_length=80, blank=True)
    language_en = models.CharField(_("language (English)"), max_length=80, blank=True)
    # Derived from the approvals (films.pipeline.film_stage_refresh), never edited.
    stage = models.CharField(
        _("production stage"),
        max_length=24,
        choices=Stage,
        default=Stage.DEVELOPMENT,
        editable=False,
    )
    trailer_url = models.URLField(_("trailer link"), blank=True)
    poster = models.ImageField(_("poster"), upload_to="posters/", blank=True)
    poster_alt_zh = models.CharField(_("poster alt text (Chinese)"), max_length=300, blank=True)
    poster_alt_en = models.CharField(_("poster alt text (English)"), max_length=300, blank=True)
    poster_status = models.CharField(
        _("poster status"), max_length=16, choices=PosterStatus, default=PosterStatus.NONE
    )
    poster_error = models.CharField(_("poster error"), max_length=300, blank=True)
    poster_attempts = models.PositiveSmallIntegerField(_("thumbnail attempts"), default=0)
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # [{"width": 320, "height": 480, "format": "webp", "name": "posters/…", "bytes": 12345}, …]
    poster_thumbnails = models.JSONField(default=list, blank=True, editable=False)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # What the lineup search matches, computed by the database from the row itself (so no door
    # can leave it stale) and searched through one trigram index (migration 0012): one index
    # scan instead of four, or a scan of the archive.
    search_text = models.GeneratedField(
        expression=Concat(
            "title_zh",
            Value(SEARCH_SEPARATOR),
            "title_en",
            Value(SEARCH_SEPARATOR),
            "logline_zh",
            Value(SEARCH_SEPARATOR),
            "logline_en",
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    title = Bilingual("title")
    logline = Bilingual("logline")
    synopsis = Bilingual("synopsis")
    language = Bilingual("language")
    poster_alt = Bilingual("poster_alt")

    class Meta:
        verbose_name = _("film")
        verbose_name_plural = _("films")
        ordering = ["cohort", "title_en", "title_zh"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "slug"],
                name="film_slug_unique_in_cohort",
                violation_error_message=_("This cohort already has a film with this slug."),
                violation_error_code="unique_together",
            ),
            models.CheckConstraint(
                condition=~Q(title_zh="") | ~Q(title_en=""),
                name="film_has_a_title",
                violation_error_message=_("Give a title in at least one language."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "cohort"], name="film_published_idx"),
            # The lineup's order within an edition (see programs.Cohort's index).
            models.Index(fields=["cohort", "title_en", "title_zh"], name="film_lineup_order_idx"),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("films:detail", kwargs={"cohort": self.cohort.slug, "slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.cohort_id and self.director_id:
            enrolled = Enrollment.objects.filter(
                cohort_id=self.cohort_id, talent_id=self.director_id
            )
            if self._state.adding or self._stored_director_id() != self.director_id:
                # A new film (or a new director) needs a director still in the program; a film
                # whose director later withdrew stays on record (hidden from the public site)
                # and can still be edited and unpublished.
                enrolled = enrolled.exclude(status=Enrollment.Status.WITHDRAWN)
            if not enrolled.exists():
                raise ValidationError(
                    {"director": _("The director must be enrolled in the film's cohort.")}
                )
        if self.poster and not (self.poster_alt_zh or self.poster_alt_en):
            raise ValidationError({"poster_alt_en": _("Describe the poster for screen readers.")})

    def _stored_director_id(self) -> int | None:
        return Film.objects.filter(pk=self.pk).values_list("director_id", flat=True).first()

    def thumbnails(self, image_format: str) -> list[dict]:
        return [t for t in self.poster_thumbnails if t["format"] == image_format]


class Still(TimeStampedModel):
    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="stills", verbose_name=_("film")
    )
    image = models.ImageField(_("image"), upload_to="stills/")
    alt_zh = models.CharField(_("alt text (Chinese)"), max_length=300, blank=True)
    alt_en = models.CharField(_("alt text (English)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    alt = Bilingual("alt")

    class Meta:
        verbose_name = _("still")
        verbose_name_plural = _("stills")
        ordering = ["film", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_zh="") | ~Q(alt_en=""),
                name="still_has_alt_text",
                violation_error_message=_("Describe the still in at least one language."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.alt)


class Credit(TimeStampedModel):
    class Role(models.TextChoices):
        DIRECTOR = "director", _("Director")
        PRODUCER = "producer", _("Producer")
        SCREENWRITER = "screenwriter", _("Screenwriter")
        CINEMATOGRAPHER = "cinematographer", _("Director of photography")
        EDITOR = "editor", _("Editor")
        PRODUCTION_DESIGNER = "production_designer", _("Production designer")
        SOUND_DESIGNER = "sound_designer", _("Sound designer")
        COMPOSER = "composer", _("Composer")
        COLORIST = "colorist", _("Colourist")
        CAST = "cast", _("Cast")

    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="credits", verbose_name=_("film")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    role = models.CharField(_("role"), max_length=24, choices=Role)
    name_original = models.CharField(_("name (original script)"), max_length=120, blank=True)
    name_latin = models.CharField(_("name (Latin script)"), max_length=120, blank=True)
    talent = models.ForeignKey(
        Talent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credits",
        verbose_name=_("talent"),
    )
    mentor = models.ForeignKey(
        Mentor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credits",
        verbose_name=_("mentor"),
    )

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["film", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_original="") | ~Q(name_latin=""),
                name="credit_has_a_name",
                violation_error_message=_("Give the name in at least one script."),
            ),
            models.CheckConstraint(
                condition=Q(talent__isnull=True) | Q(mentor__isnull=True),
                name="credit_links_one_person",
                violation_error_message=_("A credit links to a talent or a mentor, not both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.display_name}"

    @property
    def display_name(self) -> str:
        if self.name_original and self.name_latin and self.name_original != self.name_latin:
            return f"{self.name_original} {self.name_latin}"
        return self.name_original or self.name_latin


def deliverable_upload_to(instance: "MilestoneSubmission", filename: str) -> str:
    # The name was made by the server before it gets here (core.uploads.server_file_name);
    # nothing of the uploader's name reaches the file system.
    return filename


class CheckStatus(models.TextChoices):
    PENDING = "pending", _("Checking")
    PASSED = "passed", _("Meets the delivery spec")
    FAILED = "failed", _("Does not meet the delivery spec")
    DAMAGED = "damaged", _("The file is damaged or incomplete")


class MilestoneSubmission(TimeStampedModel):
    """One version of one milestone's deliverable. A resubmission is a new row."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("film")
    )
    milestone = models.ForeignKey(
        MilestoneDefinition,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("milestone"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=24, choices=Status, default=Status.SUBMITTED)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=deliverable_upload_to, blank=True
    )
    original_filename = models.CharField(_("original file name"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    access_code = models.CharField(_("access code"), max_length=64, blank=True)
    note = models.TextField(_("note"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    # Set when the file was deleted (retention or erasure, privacy.services and
    # deliverables_purge): the row stays as the record that the milestone was delivered.
    purged_at = models.DateTimeField(_("file deleted at"), null=True, blank=True)
    # A video file's SHA-256 and technical check, filled in by workers after the submission
    # (films.tasks: submission_checksum, submission_inspect). Empty: not (yet) computed.
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    check_status = models.CharField(
        _("technical check"), max_length=12, choices=CheckStatus, blank=True
    )
    # {"facts": what ffprobe read, "lines": [{"line", "expected", "actual", "passed"}, …]}
    check_report = models.JSONField(_("technical check report"), default=dict, blank=True)
    # Sent straight to the bucket in parts: each part's SHA-256 as the browser declared it
    # (base64, by part number) and the part size, so the worker reading the file back for its
    # SHA-256 also proves every part is the one the browser hashed.
    part_bytes = models.PositiveBigIntegerField(_("part size (bytes)"), default=0)
    part_checksums = models.JSONField(_("part checksums"), default=dict, blank=True)

    class Meta:
        verbose_name = _("milestone submission")
        verbose_name_plural = _("milestone submissions")
        ordering = ["film", "milestone__order", "-version"]
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(
                fields=["film", "milestone", "version"], name="submission_version_unique"
            ),
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(video_url="") | Q(purged_at__isnull=False),
                name="submission_has_a_deliverable",
                violation_error_message=_("A submission needs a file or a video link."),
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="submission_queue_idx")]

    def __str__(self) -> str:
        return f"{self.film} · {self.milestone} · v{self.version}"

    def clean(self) -> None:
        super().clean()
        milestone = self.milestone if self.milestone_id else None
        if milestone and self.film_id and milestone.cohort_id != self.film.cohort_id:
            raise ValidationError({"milestone": _("This milestone belongs to another cohort.")})
        if self.purged_at is not None:
            return  # the deliverable was deleted after retention: the record stays valid
        if milestone and milestone.takes_file and not self.file:
            raise ValidationError({"file": _("This milestone needs a file.")})
        if milestone and not milestone.takes_file and not self.video_url:
            raise ValidationError({"video_url": _("This milestone needs a video link.")})

    @property
    def check_lines(self) -> list:
        from films.deliverables import report_lines

        return report_lines(self.check_report)


class DeliverableUpload(TimeStampedModel):
    """A video file on its way in, chunk by chunk (core.chunked_uploads): identified by a token
    the server made, so the uploader resumes from `offset` after a dropped connection or a
    closed tab. Becomes a submission through milestone_submit, or is swept when abandoned."""

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="uploads", verbose_name=_("film")
    )
    milestone = models.ForeignKey(
        MilestoneDefinition,
        on_delete=models.CASCADE,
        related_name="uploads",
        verbose_name=_("milestone"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(_("original file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    offset = models.PositiveBigIntegerField(_("bytes received"), default=0)
    # With object storage the browser sends the parts straight to the private bucket
    # (core.multipart_uploads): the object's key and the bucket's upload id, the part size we
    # chose, and each part's SHA-256 as the browser declared it (base64, by part number),
    # checked by the bucket on arrival and again by the worker that reads the file back.
    object_key = models.CharField(_("object key"), max_length=200, blank=True)
    multipart_id = models.CharField(_("multipart upload id"), max_length=1024, blank=True)
    part_bytes = models.PositiveBigIntegerField(_("part size (bytes)"), default=0)
    part_checksums = models.JSONField(_("part checksums"), default=dict, blank=True)

    class Meta:
        verbose_name = _("upload in progress")
        verbose_name_plural = _("uploads in progress")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offset__lte=F("size")), name="upload_offset_within_size"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.offset}/{self.size})"

    @property
    def is_complete(self) -> bool:
        return self.offset == self.size

    @property
    def is_multipart(self) -> bool:
        return bool(self.multipart_id)

    @property
    def percent(self) -> int:
        return int(100 * self.offset / self.size) if self.size else 0


class SubmissionComment(TimeStampedModel):
    """One message in the thread between a director and the reviewers about one submission."""

    submission = models.ForeignKey(
        MilestoneSubmission,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("submission"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=5000)

    class Meta:
        verbose_name = _("submission comment")
        verbose_name_plural = _("submission comments")
        ordering = ["submission", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author} on {self.submission}"


def revision_upload_to(instance: "FilmRevision", filename: str) -> str:
    # A server-generated name (core.uploads) already; kept apart from the published images.
    return f"revisions/{filename}"


class FilmRevision(TimeStampedModel):
    """A director's change to public information after the film was published. The public page
    keeps the last approved values until staff approve it; then it is applied."""

    class Kind(models.TextChoices):
        FILM = "film", _("Film information")
        CREDITS = "credits", _("Credits")
        POSTER = "poster", _("Poster")
        STILL = "still", _("Still")
        PROFILE = "profile", _("Director's profile")
        HEADSHOT = "headshot", _("Director's headshot")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("film")
    )
    kind = models.CharField(_("what changes"), max_length=16, choices=Kind)
    # The proposed values by field name (for credits: {"credits": [...]}); for images, their
    # alt texts, with the image itself in `image`.
    proposed = models.JSONField(_("proposed values"), default=dict, blank=True)
    image = models.ImageField(_("proposed image"), upload_to=revision_upload_to, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
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
    staff_note = models.TextField(_("note from staff"), blank=True)

    class Meta:
        verbose_name = _("film revision")
        verbose_name_plural = _("film revisions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="film_revision_queue_idx")]

    def __str__(self) -> str:
        return f"{self.film} · {self.get_kind_display()} · {self.get_status_display()}"


class ReminderSent(models.Model):
    """One reminder email (films.reminders), written in the transaction that writes its outbox
    message. The unique constraint is what makes a reminder go out once: a second run of the
    daily job, or a second beat started by mistake, fails to insert the row and skips it."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_7", _("Due within a week")
        DUE_TOMORROW = "due_1", _("Due tomorrow")
        OVERDUE = "overdue", _("Overdue")
        REVIEW_WAITING = "review_waiting", _("Waiting for review")

    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="+", verbose_name=_("film")
    )
    milestone = models.ForeignKey(
        MilestoneDefinition, on_delete=models.CASCADE, related_name="+", verbose_name=_("milestone")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    # The waiting submission's version for a review reminder (a new version waits anew), else 0.
    version = models.PositiveSmallIntegerField(_("version"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "milestone", "recipient", "kind", "version"],
                name="reminder_sent_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.film_id} · {self.milestone_id}"
