"""The root of the domain: a program, its yearly cohorts, each cohort's milestone schedule (its
production pipeline) and the partner companies that support it. Imports no other app."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.bilingual import Bilingual
from core.models import TimeStampedModel

DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024**3


def spec_names(value: str) -> list[str]:
    names = [part.strip().lower() for part in value.split(",") if part.strip()]
    if any(not name.replace("_", "").replace("-", "").isalnum() for name in names):
        raise ValueError(value)
    return names


def spec_numbers(value: str, kind: type) -> list:
    """ "24, 25" → [24.0, 25.0]; raises ValueError on anything else, or out of 0 < n ≤ 1000."""
    numbers = [kind(part) for part in value.split(",") if part.strip()]
    if any(not 0 < number <= 1000 for number in numbers):
        raise ValueError(value)
    return numbers


SPEC_LISTS = {
    "spec_video_codecs": spec_names,
    "spec_frame_rates": lambda value: spec_numbers(value, float),
    "spec_audio_channels": lambda value: spec_numbers(value, int),
}


class Program(TimeStampedModel):
    slug = models.SlugField(_("slug"), unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    organiser_zh = models.CharField(_("organiser (Chinese)"), max_length=200, blank=True)
    organiser_en = models.CharField(_("organiser (English)"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    name = Bilingual("name")
    organiser = Bilingual("organiser")
    description = Bilingual("description")

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_zh="") | ~Q(name_en=""),
                name="program_has_a_name",
                violation_error_message=_("Give the program a name in at least one language."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)


class Cohort(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        TRAINING = "training", _("In training")
        PREMIERED = "premiered", _("Premiered")
        ARCHIVED = "archived", _("Archived")

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("program")
    )
    # Unique site-wide: a cohort's slug is the first part of its films' public addresses.
    slug = models.SlugField(_("slug"), unique=True, help_text=_("e.g. bjiff-talents-2021"))
    edition_zh = models.CharField(_("edition (Chinese)"), max_length=120, blank=True)
    edition_en = models.CharField(_("edition (English)"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    training_start = models.DateField(_("training starts"))
    training_end = models.DateField(_("training ends"))
    premiere_date = models.DateField(_("premiere date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PLANNING)
    # Which seats of the coaching panel review and approve milestones (and are emailed about
    # submissions): the cohort's decision. A seat whose role does not review sees no film.
    panel_supervisor_reviews = models.BooleanField(
        _("the supervisor reviews and approves milestones"), default=True
    )
    panel_instructors_review = models.BooleanField(
        _("instructors review and approve milestones"), default=True
    )
    panel_curator_reviews = models.BooleanField(
        _("the curator reviews and approves milestones"), default=False
    )

    edition = Bilingual("edition")

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-year", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(training_end__gte=F("training_start")),
                name="cohort_training_ends_after_start",
                violation_error_message=_("Training must end after it starts."),
            ),
        ]
        # The lineup's order (newest edition first): with films' (cohort, title) index the first
        # page is read in order and stops after one page, however large the archive.
        indexes = [models.Index(F("year").desc(), "slug", name="cohort_newest_first_idx")]

    def __str__(self) -> str:
        return f"{self.edition} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("programs:cohort_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.PLANNING


class ProductionStage(models.TextChoices):
    """Where a film is in its making. Never typed by hand: a film is in the stage opened by the
    furthest of its approved milestones (films.pipeline)."""

    DEVELOPMENT = "development", _("Development")
    PRE_PRODUCTION = "pre_production", _("Pre-production")
    SHOOTING = "shooting", _("Shooting")
    POST_PRODUCTION = "post_production", _("Post-production")
    COMPLETED = "completed", _("Completed")


class MilestoneDefinition(TimeStampedModel):
    """One step of a cohort's production pipeline that every film must deliver. It may require
    earlier steps to be approved before anything is submitted for it, and its approval may move
    the film into a later production stage."""

    class DeliverableKind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        IMAGE = "image", _("Image")
        VIDEO_LINK = "video_link", _("Video link")
        # A file of up to max_upload_bytes, sent in resumable chunks (portal.deliverable_uploads)
        # and checked against the delivery spec below by a worker (films.tasks).
        VIDEO = "video", _("Video file")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("cohort")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    due_date = models.DateField(_("due date"))
    deliverable_kind = models.CharField(
        _("deliverable"), max_length=16, choices=DeliverableKind, default=DeliverableKind.DOCUMENT
    )
    is_required = models.BooleanField(_("required"), default=True)
    gates_publishing = models.BooleanField(
        _("gates publishing"), default=False, help_text=_("Must be approved before publishing.")
    )
    gates_screening = models.BooleanField(
        _("gates screening"), default=False, help_text=_("Must be approved before a screening.")
    )
    requires = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("requires"),
        help_text=_("Earlier milestones that must be approved before this one can be submitted."),
    )
    opens_stage = models.CharField(
        _("opens stage"),
        max_length=24,
        choices=ProductionStage,
        blank=True,
        help_text=_("The production stage a film reaches when this milestone is approved."),
    )

    max_upload_bytes = models.PositiveBigIntegerField(
        _("largest file (bytes)"),
        default=DEFAULT_MAX_UPLOAD_BYTES,
        help_text=_("For video files: the largest file a director may upload (50 GB unless set)."),
    )
    # The delivery spec of a video file: each one set is a line of the technical check, shown
    # pass or fail to the director and the reviewers (films.deliverables). Empty: not asked.
    spec_video_codecs = models.CharField(
        _("video codecs"),
        max_length=120,
        blank=True,
        help_text=_("Comma-separated ffprobe names, for example: h264, prores."),
    )
    spec_min_width = models.PositiveIntegerField(_("minimum width (pixels)"), null=True, blank=True)
    spec_min_height = models.PositiveIntegerField(
        _("minimum height (pixels)"), null=True, blank=True
    )
    spec_frame_rates = models.CharField(
        _("frame rates"),
        max_length=120,
        blank=True,
        help_text=_("Comma-separated frames per second, for example: 24, 25."),
    )
    spec_audio_channels = models.CharField(
        _("audio channels"),
        max_length=60,
        blank=True,
        help_text=_("Comma-separated channel counts, for example: 2, 6 (stereo or 5.1)."),
    )
    spec_max_seconds = models.PositiveIntegerField(
        _("longest duration (seconds)"), null=True, blank=True
    )
    # Measured with ffmpeg's EBU R128 meter, which decodes all of the sound: asked only where a
    # master's sound must be delivered at a broadcaster's or a platform's level.
    spec_loudness_lufs = models.DecimalField(
        _("integrated loudness (LUFS)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-60")), MaxValueValidator(Decimal("0"))],
        help_text=_("EBU R128, for example −23 (broadcast) or −14 (streaming). Empty: not asked."),
    )
    spec_loudness_tolerance = models.DecimalField(
        _("loudness tolerance (LU)"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("10"))],
        help_text=_("How far from the target the sound may be, either way."),
    )

    name = Bilingual("name")
    description = Bilingual("description")

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestone schedule")
        ordering = ["cohort", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "order"],
                name="milestone_order_unique_in_cohort",
                violation_error_message=_("Another milestone of this cohort has this number."),
                violation_error_code="unique_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        for field, parse in SPEC_LISTS.items():
            try:
                parse(getattr(self, field))
            except ValueError:
                errors[field] = _("List numbers or names separated by commas.")
        if errors:
            raise ValidationError(errors)

    @property
    def takes_file(self) -> bool:
        return self.deliverable_kind != self.DeliverableKind.VIDEO_LINK

    @property
    def takes_video_file(self) -> bool:
        """Sent by the resumable uploader, not by a form's file field."""
        return self.deliverable_kind == self.DeliverableKind.VIDEO

    @property
    def video_codecs(self) -> list[str]:
        return spec_names(self.spec_video_codecs)

    @property
    def frame_rates(self) -> list[float]:
        return spec_numbers(self.spec_frame_rates, float)

    @property
    def audio_channels(self) -> list[int]:
        return spec_numbers(self.spec_audio_channels, int)

    @property
    def spec_max_duration(self) -> str:
        """The longest duration as H:MM:SS, as the technical check shows it."""
        seconds = self.spec_max_seconds or 0
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Partner(TimeStampedModel):
    class ServiceCategory(models.TextChoices):
        EQUIPMENT = "equipment", _("Shooting equipment")
        SOUND = "sound", _("Sound post-production")
        DI_GRADING = "di_grading", _("DI grading")
        DATA_MANAGEMENT = "data_management", _("Post coordination and data management")
        MUSIC_LICENSING = "music_licensing", _("Music licensing")
        STREAMING = "streaming", _("Streaming platform")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    service_category = models.CharField(_("service"), max_length=24, choices=ServiceCategory)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="partners/", blank=True)
    logo_alt_zh = models.CharField(_("logo alt text (Chinese)"), max_length=200, blank=True)
    logo_alt_en = models.CharField(_("logo alt text (English)"), max_length=200, blank=True)

    name = Bilingual("name")
    logo_alt = Bilingual("logo_alt")

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name_en", "name_zh"]

    def __str__(self) -> str:
        return str(self.name)


class CohortPartner(TimeStampedModel):
    """What one partner gives one cohort."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("cohort")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="partnerships", verbose_name=_("partner")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    service_zh = models.CharField(_("contribution (Chinese)"), max_length=300, blank=True)
    service_en = models.CharField(_("contribution (English)"), max_length=300, blank=True)

    service = Bilingual("service")

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["cohort", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "partner"],
                name="partner_once_per_cohort",
                violation_error_message=_("This partner already supports this cohort."),
                violation_error_code="unique_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} → {self.cohort}"
