"""Every form a person can post, declared once: which URL takes it, who posts it, and the form
classes behind it. tests/fuzz/test_forms.py fuzzes each; test_every_form_is_fuzzed fails for a
form class in the project that no row here names."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms as django_forms
from django.urls import reverse

from accounts import forms as accounts_forms
from outbox.forms import OutboxFilterForm
from portal import forms as portal_forms
from website.forms import LineupFilterForm
from workspace import forms as ws


@dataclass(frozen=True)
class FormTarget:
    url_name: str
    url_kwargs: Callable[[object], dict]
    role: str  # an attribute of the fuzz world, or "anonymous"
    form_classes: tuple[type[django_forms.BaseForm], ...]
    method: str = "post"
    prefix: str = ""  # a formset's prefix: its fields are sent as "<prefix>-<n>-<name>"
    fixed: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.url_name.replace(":", "_")

    def url(self, world) -> str:
        return reverse(self.url_name, kwargs=self.url_kwargs(world))

    def fields(self) -> dict[str, django_forms.Field]:
        fields = {}
        for form_class in self.form_classes:
            fields.update(form_class.base_fields)
        if not self.prefix:
            return fields
        management = {
            f"{self.prefix}-{name}": django_forms.IntegerField()
            for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
        }
        rows = {
            f"{self.prefix}-{n}-{name}": form_field
            for n in range(2)
            for name, form_field in {
                **fields,
                "id": django_forms.IntegerField(),
                "DELETE": django_forms.BooleanField(),
            }.items()
        }
        return {**management, **rows}


def none(world) -> dict:
    return {}


def film(world) -> dict:
    return {"film_id": world.film.pk}


def cohort(world) -> dict:
    return {"slug": world.cohort.slug}


def milestone(attr: str) -> Callable[[object], dict]:
    return lambda world: {"film_id": world.film.pk, "milestone_id": getattr(world, attr).pk}


def submission(world) -> dict:
    return {"submission_id": world.submission.pk}


TARGETS = [
    # Public: the lineup's query parameters.
    FormTarget("films:lineup", none, "anonymous", (LineupFilterForm,), method="get"),
    # Accounts.
    FormTarget("accounts:login", none, "anonymous", (accounts_forms.EmailAuthenticationForm,)),
    FormTarget(
        "accounts:password_reset", none, "anonymous", (accounts_forms.OutboxPasswordResetForm,)
    ),
    FormTarget(
        "accounts:invitation_accept",
        lambda world: {"token": world.invitation_token},
        "anonymous",
        (portal_forms.InvitationAcceptForm,),
    ),
    FormTarget("accounts:invitation_create", none, "staff", (ws.InvitationCreateForm,)),
    FormTarget("accounts:language", none, "director", (accounts_forms.LanguageForm,)),
    # Two-factor (issue 7): setting up the app, and turning it off with the password.
    FormTarget("accounts:two_factor", none, "director", (accounts_forms.TwoFactorCodeForm,)),
    FormTarget(
        "accounts:two_factor_disable", none, "director", (accounts_forms.PasswordConfirmForm,)
    ),
    # Portal.
    FormTarget(
        "portal:milestone_submit",
        milestone("document_milestone"),
        "director",
        (portal_forms.SubmissionForm,),
    ),
    FormTarget(
        "portal:milestone_submit",
        milestone("video_milestone"),
        "director",
        (portal_forms.SubmissionForm,),
    ),
    # A video file is handed in by the token of a finished upload (none is finished here).
    FormTarget(
        "portal:milestone_submit",
        milestone("video_file_milestone"),
        "director",
        (portal_forms.SubmissionForm,),
    ),
    FormTarget("portal:submission_comment", submission, "producer", (portal_forms.CommentForm,)),
    FormTarget("portal:submission_review", submission, "producer", (portal_forms.ReviewForm,)),
    FormTarget("portal:submission_reopen", submission, "producer", (portal_forms.ReopenForm,)),
    FormTarget("portal:film_edit", film, "director", (portal_forms.FilmInfoForm,)),
    FormTarget(
        "portal:film_credits", film, "director", (portal_forms.CreditForm,), prefix="credits"
    ),
    FormTarget("portal:film_poster", film, "director", (portal_forms.ImageUploadForm,)),
    FormTarget("portal:film_still", film, "director", (portal_forms.ImageUploadForm,)),
    FormTarget("portal:profile", none, "director", (portal_forms.ProfileForm,)),
    FormTarget("portal:profile_headshot", none, "director", (portal_forms.ImageUploadForm,)),
    FormTarget("portal:reviews", none, "producer", (portal_forms.ReviewEmailsForm,)),
    FormTarget("portal:mentor_profile", none, "producer", (portal_forms.MentorProfileForm,)),
    FormTarget("portal:mentor_photo", none, "producer", (portal_forms.ImageUploadForm,)),
    # The staff workspace.
    FormTarget("workspace:cohort_create", none, "staff", (ws.CohortCreateForm,)),
    FormTarget("workspace:cohort_edit", cohort, "staff", (ws.CohortForm,)),
    FormTarget("workspace:schedule_copy", cohort, "staff", (ws.ScheduleCopyForm,)),
    FormTarget("workspace:enrol", cohort, "staff", (ws.EnrollmentForm,)),
    FormTarget(
        "workspace:enrollment_status",
        lambda world: {"enrollment_id": world.enrollment.pk},
        "staff",
        (ws.EnrollmentStatusForm,),
    ),
    FormTarget("workspace:panel_add", cohort, "staff", (ws.PanelMemberForm,)),
    FormTarget("workspace:film_create", cohort, "staff", (ws.FilmCreateForm,)),
    FormTarget("workspace:cohort_partners", cohort, "staff", (ws.CohortPartnerForm,)),
    FormTarget("workspace:milestone_create", cohort, "staff", (ws.MilestoneForm,)),
    FormTarget(
        "workspace:milestone_edit",
        lambda world: {"milestone_id": world.document_milestone.pk},
        "staff",
        (ws.MilestoneForm,),
    ),
    FormTarget("workspace:announcements", cohort, "staff", (ws.AnnouncementForm,)),
    FormTarget("workspace:film_edit", film, "staff", (ws.FilmForm,)),
    FormTarget("workspace:film_producer", film, "staff", (ws.ProducerForm,)),
    FormTarget("workspace:film_publish", film, "staff", ()),
    FormTarget(
        "workspace:revision",
        lambda world: {"revision_id": world.revision.pk},
        "staff",
        (ws.RevisionDecisionForm,),
    ),
    FormTarget("workspace:screening_create", cohort, "staff", (ws.ScreeningForm,)),
    FormTarget(
        "workspace:screening_edit",
        lambda world: {"screening_id": world.screening.pk},
        "staff",
        (ws.ScreeningForm,),
    ),
    FormTarget(
        "workspace:screening_film_add",
        lambda world: {"screening_id": world.screening.pk},
        "staff",
        (ws.ScreeningAddFilmForm,),
    ),
    FormTarget(
        "workspace:screening_entry",
        lambda world: {"entry_id": world.entry.pk},
        "staff",
        (ws.ScreeningEntryForm,),
    ),
    FormTarget("workspace:talent_create", none, "staff", (ws.TalentForm,)),
    FormTarget(
        "workspace:talent_edit",
        lambda world: {"talent_id": world.film.director_id},
        "staff",
        (ws.TalentForm,),
    ),
    FormTarget(
        "workspace:talent_invite",
        lambda world: {"talent_id": world.film.director_id},
        "staff",
        (ws.InvitationForm,),
    ),
    FormTarget("workspace:mentor_create", none, "staff", (ws.MentorForm,)),
    FormTarget(
        "workspace:mentor_edit",
        lambda world: {"mentor_id": world.film.producer_id},
        "staff",
        (ws.MentorForm,),
    ),
    FormTarget("workspace:partner_create", none, "staff", (ws.PartnerForm,)),
    FormTarget("workspace:venue_create", none, "staff", (ws.VenueForm,)),
    FormTarget("workspace:outbox", none, "staff", (OutboxFilterForm,), method="get"),
    FormTarget(
        "workspace:security_events",
        none,
        "staff",
        (accounts_forms.SecurityEventFilterForm,),
        method="get",
    ),
    FormTarget(
        "workspace:talent_erase",
        lambda world: {"talent_id": world.film.director_id},
        "staff",
        (ws.ErasureForm,),
    ),
    FormTarget(
        "workspace:venue_edit",
        lambda world: {"venue_id": world.venue.pk},
        "staff",
        (ws.VenueForm,),
    ),
]

# The open call (issue 16), in a module of its own.
from tests.fuzz.targets_calls import _targets as _call_targets  # noqa: E402

TARGETS += _call_targets(FormTarget)
# Making the films (issue 17).
from tests.fuzz.targets_production import production_targets  # noqa: E402

TARGETS += production_targets(FormTarget)

# The workspace's integration forms (issue 19), declared in their own module.
from tests.fuzz.targets_integrations import INTEGRATION_TARGETS  # noqa: E402

TARGETS += INTEGRATION_TARGETS
from tests.fuzz.targets_guests import GUEST_TARGETS  # noqa: E402 - needs FormTarget above

TARGETS += GUEST_TARGETS
# After the film (issue 18): licences and the alumni record.
from tests.fuzz.targets_alumni import ALUMNI_TARGETS  # noqa: E402 - needs FormTarget above

TARGETS += ALUMNI_TARGETS
