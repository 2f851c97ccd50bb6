"""The workspace's forms. Model forms validate everything the model declares (lengths, choices,
uniqueness, constraints) before a service is called, so bad input comes back as a message on
the form and nothing is saved."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BaseConstraint
from django.utils.translation import gettext_lazy as _

from accounts.models import Language
from films.models import FILM_PUBLIC_FIELDS, Film, FilmRevision
from mentors.models import MENTOR_PUBLIC_FIELDS, Mentor, PanelMembership
from programs.models import (
    DEFAULT_MAX_UPLOAD_BYTES,
    Cohort,
    CohortPartner,
    MilestoneDefinition,
    Partner,
)
from screenings.models import Screening, ScreeningFilm, Venue
from talents.models import Enrollment, Talent
from workspace.models import Announcement

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
SHIFT_LIMIT = 3660  # ten years of days: enough for any schedule, small enough to be a typo guard


class RecordsById(forms.ModelMultipleChoiceField):
    """Django's multiple choice of records, refusing an id no column can hold before asking the
    database (SQLite raises OverflowError on `IN (…)` with a number past 64 bits)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if abs(_as_int(pk)) >= 2**63:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


def _as_int(value) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return 0  # not a number at all: Django's own check words that one


def _formfield(db_field, **kwargs):
    # Every many-to-many choice refuses an id past 64 bits with a message (RecordsById), not
    # only the ones a form names in its field_classes.
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", RecordsById)
    return db_field.formfield(**kwargs)


class WorkspaceModelForm(forms.ModelForm):
    """A model form that also checks the constraints involving the cohort the view put on the
    instance (a film's slug is unique within its cohort), and words the constraints that Django
    would report only as "Constraint … is violated"."""

    constraint_messages: dict[str, str] = {}

    def __init_subclass__(cls, **kwargs) -> None:
        # Runs before Django's metaclass reads the subclass's own Meta (which inherits nothing
        # from ours): each form's many-to-many fields are built by _formfield.
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(_formfield)

    def validate_constraints(self) -> None:
        exclude = self._get_validation_exclusions()
        if getattr(self.instance, "cohort_id", None):
            exclude.discard("cohort")
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(self._worded(error))

    def _worded(self, error: ValidationError) -> ValidationError:
        default = BaseConstraint.default_violation_error_message
        by_message = {
            str(default % {"name": name}): message
            for name, message in self.constraint_messages.items()
        }

        def word(messages: list[str]) -> list[str]:
            return [str(by_message.get(message, message)) for message in messages]

        if hasattr(error, "error_dict"):
            return ValidationError(
                {
                    field: word(ValidationError(errors).messages)
                    for field, errors in error.error_dict.items()
                }
            )
        return ValidationError(word(error.messages))


NAME_REQUIRED = _("Give the name in at least one script.")
TITLE_REQUIRED = _("Give a title in at least one language.")


class CohortForm(WorkspaceModelForm):
    class Meta:
        model = Cohort
        fields = [
            "program",
            "slug",
            "year",
            "edition_zh",
            "edition_en",
            "training_start",
            "training_end",
            "premiere_date",
            "status",
            "panel_supervisor_reviews",
            "panel_instructors_review",
            "panel_curator_reviews",
        ]
        widgets = {"training_start": DATE, "training_end": DATE, "premiere_date": DATE}


class CohortCreateForm(CohortForm):
    copy_from = forms.ModelChoiceField(
        Cohort.objects.order_by("-year"),
        required=False,
        label=_("Copy the milestone schedule of"),
        help_text=_("Optional: an earlier cohort whose milestones this one repeats."),
    )
    shift_days = forms.IntegerField(
        required=False,
        min_value=-SHIFT_LIMIT,
        max_value=SHIFT_LIMIT,
        label=_("Shift due dates by (days)"),
        help_text=_("Empty: by the difference between the two training start dates."),
    )


class MilestoneForm(WorkspaceModelForm):
    constraint_messages = {
        "milestone_order_unique_in_cohort": _("Another milestone of this cohort has this number."),
    }

    class Meta:
        model = MilestoneDefinition
        fields = [
            "order",
            "name_zh",
            "name_en",
            "description_zh",
            "description_en",
            "due_date",
            "deliverable_kind",
            "is_required",
            "gates_publishing",
            "gates_screening",
            "requires",
            "opens_stage",
            # A video file's limit and delivery spec (the technical check's lines).
            "max_upload_bytes",
            "spec_video_codecs",
            "spec_min_width",
            "spec_min_height",
            "spec_frame_rates",
            "spec_audio_channels",
            "spec_max_seconds",
            "spec_loudness_lufs",
            "spec_loudness_tolerance",
        ]
        widgets = {
            "requires": forms.CheckboxSelectMultiple,
            "due_date": DATE,
            "description_zh": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        earlier = MilestoneDefinition.objects.filter(cohort_id=self.instance.cohort_id)
        if self.instance.pk:
            earlier = earlier.filter(order__lt=self.instance.order)
        self.fields["requires"].queryset = earlier.order_by("order")
        self.fields["max_upload_bytes"].required = False
        self.fields["spec_loudness_tolerance"].required = False

    def clean_max_upload_bytes(self) -> int:
        return self.cleaned_data.get("max_upload_bytes") or DEFAULT_MAX_UPLOAD_BYTES

    def clean_spec_loudness_tolerance(self):
        # Left empty (or not sent by an older page): the model's default, 1 LU.
        tolerance = self.cleaned_data.get("spec_loudness_tolerance")
        if tolerance is None:
            return MilestoneDefinition._meta.get_field("spec_loudness_tolerance").default
        return tolerance

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name_zh") or cleaned.get("name_en")):
            raise ValidationError(_("Name the milestone in at least one language."))
        return cleaned


class ScheduleCopyForm(forms.Form):
    source = forms.ModelChoiceField(Cohort.objects.order_by("-year"), label=_("Copy from"))
    shift_days = forms.IntegerField(
        min_value=-SHIFT_LIMIT, max_value=SHIFT_LIMIT, label=_("Shift due dates by (days)")
    )


class TalentForm(WorkspaceModelForm):
    constraint_messages = {"talent_has_a_name": NAME_REQUIRED}

    class Meta:
        model = Talent
        fields = [
            "slug",
            "name_original",
            "name_latin",
            "email",
            "birth_year",
            "hometown_zh",
            "hometown_en",
            "background_zh",
            "background_en",
            "bio_zh",
            "bio_en",
            "publish_birth_year",
            "publish_hometown",
            "publish_background",
        ]


class MentorForm(WorkspaceModelForm):
    constraint_messages = {"mentor_has_a_name": NAME_REQUIRED}

    class Meta:
        model = Mentor
        fields = [
            "slug",
            "name_original",
            "name_latin",
            "email",
            *MENTOR_PUBLIC_FIELDS,
        ]


class PartnerForm(WorkspaceModelForm):
    class Meta:
        model = Partner
        fields = ["slug", "name_zh", "name_en", "service_category", "website"]


class VenueForm(WorkspaceModelForm):
    class Meta:
        model = Venue
        fields = ["slug", "name_zh", "name_en", "address_zh", "address_en", "capacity"]


class EnrollmentForm(WorkspaceModelForm):
    """Enrol a director already in the system, or one who is not yet: then the talent is
    created from the name and address given here, in the same step."""

    new_name_original = forms.CharField(
        label=_("New director: name (original script)"), max_length=120, required=False
    )
    new_name_latin = forms.CharField(
        label=_("New director: name (Latin script)"), max_length=120, required=False
    )
    new_email = forms.EmailField(label=_("New director: email"), required=False)

    class Meta:
        model = Enrollment
        fields = ["talent", "new_name_original", "new_name_latin", "new_email", "role", "status"]
        help_texts = {"talent": _("Or leave empty and give a new director's name below.")}

    def __init__(self, *args, cohort: Cohort, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        enrolled = Enrollment.objects.filter(cohort=cohort).values("talent_id")
        self.fields["talent"].queryset = Talent.objects.exclude(pk__in=enrolled)
        self.fields["talent"].required = False

    def clean(self):
        cleaned = super().clean()
        named = cleaned.get("new_name_original") or cleaned.get("new_name_latin")
        if cleaned.get("talent") and (named or cleaned.get("new_email")):
            raise ValidationError(
                _("Choose either an existing director or a new one's name, not both.")
            )
        if not cleaned.get("talent") and not named and "talent" not in self.errors:
            raise ValidationError(_("Choose a director, or give the name of a new one."))
        return cleaned

    def new_talent(self) -> dict:
        """The new director's details, empty when an existing talent was chosen."""
        if self.cleaned_data.get("talent"):
            return {}
        return {
            "name_original": self.cleaned_data["new_name_original"],
            "name_latin": self.cleaned_data["new_name_latin"],
            "email": self.cleaned_data["new_email"],
        }


class EnrollmentStatusForm(WorkspaceModelForm):
    class Meta:
        model = Enrollment
        fields = ["status"]


class FilmCreateForm(WorkspaceModelForm):
    constraint_messages = {"film_has_a_title": TITLE_REQUIRED}

    class Meta:
        model = Film
        fields = ["director", "slug", "title_zh", "title_en", "producer"]

    def __init__(self, *args, cohort: Cohort, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        enrolled = Enrollment.objects.filter(cohort=cohort).exclude(
            status=Enrollment.Status.WITHDRAWN
        )
        self.fields["director"].queryset = Talent.objects.filter(
            pk__in=enrolled.values("talent_id")
        )


class FilmForm(WorkspaceModelForm):
    constraint_messages = {"film_has_a_title": TITLE_REQUIRED}

    class Meta:
        model = Film
        # The stage is derived from approvals (films.pipeline), not typed.
        fields = [*FILM_PUBLIC_FIELDS, "poster_alt_zh", "poster_alt_en"]


class ProducerForm(WorkspaceModelForm):
    """Pairing a producer, with each mentor's load in view (training.selectors.mentor_workload:
    the films they follow in the cohort, the reviews waiting on them, the sessions held)."""

    class Meta:
        model = Film
        fields = ["producer"]

    def __init__(self, *args, workload=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        loads = {mentor.pk: mentor for mentor in workload}
        self.fields["producer"].label_from_instance = lambda mentor: _with_load(
            mentor, loads.get(mentor.pk)
        )


def _with_load(mentor: Mentor, load) -> str:
    return _(
        "%(mentor)s · follows %(films)s films, %(waiting)s reviews waiting, %(held)s sessions held"
    ) % {
        "mentor": mentor,
        "films": getattr(load, "films_followed", 0),
        "waiting": getattr(load, "reviews_waiting", 0),
        "held": getattr(load, "sessions_held", 0),
    }


class PanelMemberForm(WorkspaceModelForm):
    class Meta:
        model = PanelMembership
        fields = ["mentor", "role", "order"]


class CohortPartnerForm(WorkspaceModelForm):
    class Meta:
        model = CohortPartner
        fields = ["partner", "order", "service_zh", "service_en"]


class ScreeningForm(WorkspaceModelForm):
    constraint_messages = {"screening_has_a_title": TITLE_REQUIRED}

    class Meta:
        model = Screening
        fields = [
            "slug",
            "kind",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "starts_at",
            "ends_at",
            "venue",
            "platform_name_zh",
            "platform_name_en",
            "platform_url",
            "is_published",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}


class ScreeningAddFilmForm(forms.Form):
    film = forms.ModelChoiceField(Film.objects.none(), label=_("Film"))

    def __init__(self, *args, screening: Screening, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        placed = screening.entries.values("film_id")
        self.fields["film"].queryset = screening.cohort.films.exclude(pk__in=placed).order_by(
            "title_en"
        )


class ScreeningEntryForm(WorkspaceModelForm):
    class Meta:
        model = ScreeningFilm
        fields = ["order", "watch_url", "available_from", "available_until"]
        widgets = {"available_from": DATETIME, "available_until": DATETIME}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    language = forms.ChoiceField(choices=Language.choices, label=_("Language of the email"))


class RevisionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (FilmRevision.Status.APPROVED, _("Approve and publish the change")),
            (FilmRevision.Status.REJECTED, _("Reject")),
        ],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea, label=_("Note to the director")
    )


class AnnouncementForm(WorkspaceModelForm):
    class Meta:
        model = Announcement
        fields = ["audience", "subject_zh", "subject_en", "body_zh", "body_en"]


class InvitationCreateForm(forms.Form):
    talent = forms.ModelChoiceField(
        label=_("Director"),
        queryset=Talent.objects.filter(user__isnull=True),
        required=False,
    )
    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=Mentor.objects.filter(user__isnull=True),
        required=False,
    )
    email = forms.EmailField(label=_("Email address"))
    language = forms.ChoiceField(label=_("Language of the email"), choices=Language)

    def clean(self):
        cleaned_data = super().clean()
        if bool(cleaned_data.get("talent")) == bool(cleaned_data.get("mentor")):
            raise ValidationError(_("Choose either a director or a mentor."))
        return cleaned_data


class ErasureForm(forms.Form):
    """The confirmation names the person, so staff see whom they are about to erase."""

    confirm = forms.BooleanField(required=True)

    def __init__(self, *args, name: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = _(
            "I understand: the details of %(name)s, their photo, contact address, confidential "
            "files and account are removed for good."
        ) % {"name": name}
