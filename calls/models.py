"""The open call: a cohort's call for applications, what it asks (eligibility, materials, custom
questions), its rounds with their rubrics, the applications and their answers and files, the
reviewers with their conflicts, assignments and reviews, interview slots. Builds on films (an
accepted application becomes a Talent, an Enrollment and a Film). The workflow lives in
calls.services; this module holds fields, constraints and cheap properties."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.bilingual import Bilingual
from core.models import TimeStampedModel
from core.storage import private_storage
from programs.models import Cohort


class Material(models.TextChoices):
    """What a call may require besides its custom questions."""

    TREATMENT = "treatment", _("Treatment or screenplay (PDF)")
    STATEMENT = "statement", _("Director's statement")
    CV = "cv", _("CV")
    PREVIOUS_FILM = "previous_film", _("A previous short film (link)")
    PHOTO = "photo", _("Photo")


class FilmLanguage(models.TextChoices):
    """Languages a project is spoken in and a reviewer reads and hears (automatic assignment
    may weigh the match)."""

    MANDARIN = "zh", _("Mandarin")
    CANTONESE = "yue", _("Cantonese")
    HOKKIEN = "nan", _("Hokkien")
    TIBETAN = "bo", _("Tibetan")
    # Not the bare "English": that is the language switcher's own name, left in English.
    ENGLISH = "en", pgettext_lazy("film language", "English")


class Genre(models.TextChoices):
    """What a project is, and what a reviewer knows best."""

    FICTION = "fiction", _("Fiction")
    DOCUMENTARY = "documentary", _("Documentary")
    ANIMATION = "animation", _("Animation")
    EXPERIMENTAL = "experimental", _("Experimental")


def _check_choices(values, choices, field: str) -> None:
    if not isinstance(values, list) or set(values) - set(choices.values):
        raise ValidationError({field: _("Choose from the list.")})


FILE_MATERIALS = (Material.TREATMENT, Material.STATEMENT, Material.CV, Material.PHOTO)


class Call(TimeStampedModel):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="calls", verbose_name=_("cohort")
    )
    slug = models.SlugField(_("slug"), unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # Eligibility rules; empty means "no rule".
    birth_year_min = models.PositiveSmallIntegerField(_("born in or after"), null=True, blank=True)
    birth_year_max = models.PositiveSmallIntegerField(_("born in or before"), null=True, blank=True)
    requires_chinese_language = models.BooleanField(_("Chinese-language project"), default=True)
    min_earlier_works = models.PositiveSmallIntegerField(_("earlier works at least"), default=0)
    residence_zh = models.CharField(
        _("nationality or residence (Chinese)"), max_length=200, blank=True
    )
    residence_en = models.CharField(
        _("nationality or residence (English)"), max_length=200, blank=True
    )
    required_materials = models.JSONField(_("required materials"), default=list, blank=True)
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    results_published = models.BooleanField(_("decisions published"), default=False)
    # One email text per decision, in both languages; the email adds greeting and links.
    accept_text_zh = models.TextField(_("acceptance email (Chinese)"), blank=True)
    accept_text_en = models.TextField(_("acceptance email (English)"), blank=True)
    waitlist_text_zh = models.TextField(_("waiting-list email (Chinese)"), blank=True)
    waitlist_text_en = models.TextField(_("waiting-list email (English)"), blank=True)
    decline_text_zh = models.TextField(_("decline email (Chinese)"), blank=True)
    decline_text_en = models.TextField(_("decline email (English)"), blank=True)

    title = Bilingual("title")
    text = Bilingual("text")
    residence = Bilingual("residence")

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="call_closes_after_it_opens",
                violation_error_message=_("A call must close after it opens."),
            ),
            models.CheckConstraint(
                condition=~Q(title_zh="") | ~Q(title_en=""), name="call_has_a_title"
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def clean(self) -> None:
        super().clean()
        unknown = set(self.required_materials or []) - set(Material.values)
        if unknown:
            raise ValidationError({"required_materials": _("Unknown material.")})
        low, high = self.birth_year_min, self.birth_year_max
        if low and high and low > high:
            raise ValidationError({"birth_year_max": _("The birth-year range is reversed.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_public(self, now=None) -> bool:
        return self.opens_at <= (now or timezone.now())

    def requires(self, material: str) -> bool:
        return material in (self.required_materials or [])

    def decision_text(self, decision: str, language: str) -> str:
        suffix = "en" if language.startswith("en") else "zh"
        other = "zh" if suffix == "en" else "en"
        name = {"accepted": "accept", "waitlisted": "waitlist", "declined": "decline"}.get(decision)
        if name is None:
            return ""
        return getattr(self, f"{name}_text_{suffix}") or getattr(self, f"{name}_text_{other}")


class Question(TimeStampedModel):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        FILE = "file", _("File")
        LINK = "link", _("Link")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.SHORT_TEXT)
    label_zh = models.CharField(_("question (Chinese)"), max_length=300, blank=True)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    help_zh = models.CharField(_("help (Chinese)"), max_length=500, blank=True)
    help_en = models.CharField(_("help (English)"), max_length=500, blank=True)
    is_required = models.BooleanField(_("required"), default=False)
    # Characters as a person counts them: one Chinese character is one character.
    max_chars = models.PositiveIntegerField(_("character limit"), null=True, blank=True)
    # [{"zh": "…", "en": "…"}, …] for the choice kinds.
    choices = models.JSONField(_("choices"), default=list, blank=True)

    label = Bilingual("label")
    help = Bilingual("help")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(label_zh="") | ~Q(label_en=""), name="question_has_a_label"
            ),
        ]

    def __str__(self) -> str:
        return str(self.label)

    def clean(self) -> None:
        super().clean()
        takes_choices = self.kind in (self.Kind.SINGLE_CHOICE, self.Kind.MULTIPLE_CHOICE)
        if takes_choices and not self.choices:
            raise ValidationError({"choices": _("A choice question needs choices.")})

    @property
    def takes_file(self) -> bool:
        return self.kind == self.Kind.FILE

    def choice_labels(self, language: str | None = None) -> list[str]:
        from core.bilingual import content_language

        lang = content_language(language)
        other = "en" if lang == "zh" else "zh"
        return [choice.get(lang) or choice.get(other, "") for choice in self.choices]


class Round(TimeStampedModel):
    class Kind(models.TextChoices):
        ELIGIBILITY = "eligibility", _("Eligibility check")
        SCORING = "scoring", _("Scoring")
        SHORTLIST = "shortlist", _("Shortlist")
        INTERVIEW = "interview", _("Interview")
        DECISION = "decision", _("Decision")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="rounds")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    # Names, photos and CVs hidden from reviewers in this round.
    is_blind = models.BooleanField(_("blind"), default=False)

    name = Bilingual("name")

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["call", "order"]
        constraints = [
            models.UniqueConstraint(fields=["call", "order"], name="round_order_unique_in_call"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name or self.get_kind_display()}"

    @property
    def is_reviewed(self) -> bool:
        return self.kind in (self.Kind.SCORING, self.Kind.INTERVIEW)


class Criterion(TimeStampedModel):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_zh = models.CharField(_("criterion (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("criterion (English)"), max_length=200, blank=True)
    guidance_zh = models.TextField(_("guidance (Chinese)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    scale_max = models.PositiveSmallIntegerField(
        _("scale (1 to)"), default=5, validators=[MinValueValidator(2), MaxValueValidator(100)]
    )

    name = Bilingual("name")
    guidance = Bilingual("guidance")

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["round", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_zh="") | ~Q(name_en=""), name="criterion_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)


class Application(TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Eligibility(models.TextChoices):
        PENDING = "pending", _("Not yet checked")
        ELIGIBLE = "eligible", _("Eligible")
        INELIGIBLE = "ineligible", _("Not eligible")

    class Decision(models.TextChoices):
        NONE = "", _("No decision")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waiting list")
        DECLINED = "declined", _("Declined")
        # The applicant was accepted and turned the place down.
        OFFER_DECLINED = "offer_declined", _("Offer declined by the applicant")

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.DRAFT)
    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # About the applicant.
    name_original = models.CharField(_("name (original script)"), max_length=120, blank=True)
    name_latin = models.CharField(_("name (Latin script)"), max_length=120, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    residence = models.CharField(_("nationality or residence"), max_length=200, blank=True)
    earlier_works = models.PositiveSmallIntegerField(_("earlier works"), null=True, blank=True)
    # About the project.
    title_zh = models.CharField(_("project title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("project title (English)"), max_length=200, blank=True)
    logline_zh = models.CharField(_("logline (Chinese)"), max_length=400, blank=True)
    logline_en = models.CharField(_("logline (English)"), max_length=400, blank=True)
    is_chinese_language = models.BooleanField(_("Chinese-language project"), default=True)
    languages = models.JSONField(_("languages spoken in the film"), default=list, blank=True)
    genre = models.CharField(_("genre"), max_length=16, choices=Genre, blank=True)
    previous_film_url = models.URLField(_("previous short film (link)"), blank=True)
    previous_film_password = models.CharField(_("its password"), max_length=100, blank=True)
    # What staff and the committee decide.
    eligibility = models.CharField(
        _("eligibility"), max_length=16, choices=Eligibility, default=Eligibility.PENDING
    )
    eligibility_reason = models.CharField(_("reason"), max_length=300, blank=True)
    decision = models.CharField(
        _("decision"), max_length=16, choices=Decision, default=Decision.NONE, blank=True
    )
    waitlist_position = models.PositiveSmallIntegerField(
        _("waiting-list position"), null=True, blank=True
    )
    decision_notified_at = models.DateTimeField(_("decision sent"), null=True, blank=True)
    talent = models.ForeignKey(
        "talents.Talent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    film = models.ForeignKey(
        "films.Film", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    title = Bilingual("title")
    logline = Bilingual("logline")

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"],
                name="one_application_per_person_per_call",
                violation_error_message=_("You already have an application for this call."),
            ),
            models.CheckConstraint(
                condition=~Q(state="submitted") | Q(submitted_at__isnull=False),
                name="submitted_application_has_time",
            ),
        ]
        indexes = [models.Index(fields=["call", "state"], name="application_call_state_idx")]

    def __str__(self) -> str:
        return f"{self.display_name} · {self.title}"

    def clean(self) -> None:
        super().clean()
        _check_choices(self.languages, FilmLanguage, "languages")

    @property
    def display_name(self) -> str:
        if self.name_original and self.name_latin and self.name_original != self.name_latin:
            return f"{self.name_original} {self.name_latin}"
        return self.name_original or self.name_latin or self.applicant.full_name

    @property
    def reference(self) -> str:
        """What a blind round shows instead of the name."""
        return f"#{self.pk:05d}"

    @property
    def decision_visible(self) -> bool:
        return bool(self.decision) and self.call.results_published


def application_file_upload_to(instance: "ApplicationFile", filename: str) -> str:
    # The service names the file (core.uploads.server_file_name, under "applications/").
    return filename


class ApplicationFile(TimeStampedModel):
    """A material or a file answer, in private storage under a server-made name."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    material = models.CharField(_("material"), max_length=20, choices=Material, blank=True)
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=application_file_upload_to
    )
    original_filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)

    class Meta:
        verbose_name = _("application file")
        verbose_name_plural = _("application files")
        ordering = ["application", "material", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "material"],
                condition=Q(question__isnull=True),
                name="application_material_once",
            ),
            models.UniqueConstraint(
                fields=["application", "question"],
                condition=Q(question__isnull=False),
                name="application_file_answer_once",
            ),
            models.CheckConstraint(
                condition=~Q(material="") ^ Q(question__isnull=False),
                name="application_file_is_material_or_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.original_filename


class Answer(TimeStampedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"), blank=True)
    # Indexes into the question's choices.
    chosen = models.JSONField(_("chosen"), default=list, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["application", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question"], name="one_answer_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.text[:40]}"


class CoApplicant(TimeStampedModel):
    """A writer or producer the applicant invited to join and see the application."""

    class Role(models.TextChoices):
        WRITER = "writer", _("Writer")
        PRODUCER = "producer", _("Producer")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="co_applicants"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="co_applications",
    )
    accepted_at = models.DateTimeField(_("joined"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-applicant")
        verbose_name_plural = _("co-applicants")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "email"],
                name="co_applicant_once",
                violation_error_message=_("This person is already invited."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"


class Reviewer(TimeStampedModel):
    """A person who reviews one call's applications. An outside juror is invited for this call
    only and sees nothing else of the program."""

    class Kind(models.TextChoices):
        PANEL = "panel", _("Panel member")
        PRODUCER = "producer", _("Producer")
        OUTSIDE_JUROR = "outside_juror", _("Outside juror")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_reviews"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.PANEL)
    is_active = models.BooleanField(_("active"), default=True)
    # What automatic assignment may weigh against an application's languages and genre.
    languages = models.JSONField(_("languages"), default=list, blank=True)
    expertise = models.JSONField(_("expertise"), default=list, blank=True)

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        ordering = ["call", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="reviewer_once_per_call"),
        ]

    def __str__(self) -> str:
        return self.user.full_name or self.user.email

    def clean(self) -> None:
        super().clean()
        _check_choices(self.languages, FilmLanguage, "languages")
        _check_choices(self.expertise, Genre, "expertise")

    @property
    def language_labels(self) -> list[str]:
        return [FilmLanguage(code).label for code in self.languages]

    @property
    def expertise_labels(self) -> list[str]:
        return [Genre(code).label for code in self.expertise]


class Conflict(TimeStampedModel):
    """A reviewer may not see an application: declared by the reviewer or added by staff,
    about one application, about a person (every application of that applicant), or about a
    person known only by their email address (a reviewer cannot look people up; whoever applies
    with that address is covered, account made before or after)."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="conflicts"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # Lowercased by the service.
    email = models.EmailField(_("email address"), blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    declared_by_staff = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(application__isnull=False, person__isnull=True, email="")
                    | Q(application__isnull=True, person__isnull=False, email="")
                    | (Q(application__isnull=True, person__isnull=True) & ~Q(email=""))
                ),
                name="conflict_with_application_person_or_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ✕ {self.application or self.person or self.email}"


class Assignment(TimeStampedModel):
    """One reviewer reviews one application in one round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="assignments")
    # Set by staff by hand: automatic assignment keeps it.
    is_pinned = models.BooleanField(_("pinned"), default=False)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["round", "application", "reviewer"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application", "reviewer"], name="assignment_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application_id} ({self.round})"


class Review(TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.DRAFT)
    # {"<criterion id>": score}
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    # The weighted average on a 0–100 scale, kept at submission for the ranking.
    total = models.FloatField(_("weighted score"), null=True, blank=True)
    committee_comment = models.TextField(_("comment for the committee"), blank=True)
    applicant_comment = models.TextField(_("comment that may be shared"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="submitted") | Q(total__isnull=False),
                name="submitted_review_has_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} ({self.state})"


class InterviewSlot(TimeStampedModel):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="interview_slots")
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=30, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    online_link = models.URLField(_("online link"), blank=True)
    application = models.OneToOneField(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interview_slot",
    )
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        ordering = ["call", "starts_at"]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.minutes)
