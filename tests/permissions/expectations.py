"""The declared answer of every portal and account URL for every role. The matrix test
(test_matrix.py) builds the URL list from the URL configuration, so a URL missing here fails.

Answers: 200 and 400 (a form re-shown with its errors: the person may use the page) are status
codes; LOGIN is a redirect to the sign-in page; REDIRECT any other redirect; 404 hides that
the object exists."""

from django.core.files.base import ContentFile

from films.models import MilestoneSubmission
from outbox.models import OutboxMessage
from tests.factories import (
    CohortPartnerFactory,
    PartnerFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    VenueFactory,
)
from tests.factories.portal import RevisionFactory
from tests.permissions.expectations_guests_workspace import (
    GUEST_WORKSPACE_ARGUMENTS,
    GUEST_WORKSPACE_STAFF_ANSWERS,
)
from tests.permissions.roles_calls import CALL_ROLES

LOGIN = "login"
REDIRECT = "redirect"

ROLES = (
    "anonymous",
    "director",
    "same_cohort_director",
    "other_cohort_director",
    "producer",
    "panel_member",
    "unrelated_mentor",
    "staff",
    "superuser",
    *CALL_ROLES,
    # Sees money (grants.view_money, the Finance group) and nothing else of the workspace.
    "finance",
    # Issue 18: a signed-in person with a confirmed premiere registration, and an industry
    # guest accredited for the world's cohort with a screener pass for its film.
    "registered_guest",
    "industry_guest",
)


def answers(anonymous=LOGIN, *, default, **by_role) -> dict:
    """Every role's answer: `default` for the signed-in roles not named; a superuser is staff,
    so answers as staff does unless named."""
    by_role.setdefault("superuser", by_role.get("staff", default))
    return {role: by_role.get(role, default) for role in ROLES} | {"anonymous": anonymous}


DIRECTORS = ("director", "same_cohort_director", "other_cohort_director")


def film_director_only(answer) -> dict:
    return answers(default=404, director=answer)


def film_viewers(answer) -> dict:
    return answers(default=404, director=answer, producer=answer, panel_member=answer)


def film_reviewers(answer) -> dict:
    return answers(default=404, producer=answer, panel_member=answer)


def any_director(answer) -> dict:
    return answers(default=404, **dict.fromkeys(DIRECTORS, answer))


MENTORS = ("producer", "panel_member", "unrelated_mentor")


def any_mentor(answer) -> dict:
    return answers(default=404, **dict.fromkeys(MENTORS, answer))


def file_submission(world) -> MilestoneSubmission:
    submission = MilestoneSubmission(
        film=world.film,
        milestone=world.document_milestone,
        version=1,
        original_filename="script.pdf",
        submitted_by=world.director,
        submitted_at=world.submission.submitted_at,
    )
    submission.file.save("deliverables/matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    return submission


def film_kwargs(world) -> dict:
    return {"film_id": world.film.pk}


def milestone_kwargs(world) -> dict:
    return {"film_id": world.film.pk, "milestone_id": world.document_milestone.pk}


def video_milestone_kwargs(world) -> dict:
    return {"film_id": world.film.pk, "milestone_id": world.video_file_milestone.pk}


def upload_kwargs(world) -> dict:
    return {"token": world.upload.token}


def submission_kwargs(world) -> dict:
    return {"submission_id": world.submission.pk}


def file_kwargs(world) -> dict:
    return {"submission_id": file_submission(world).pk}


def no_kwargs(world) -> dict:
    return {}


# (namespace:name, method) → (how to build the URL's arguments, the answer of each role)
EXPECTATIONS = {
    # Staff with no film of their own are sent to the workspace.
    ("portal:home", "GET"): (no_kwargs, answers(default=200, staff=REDIRECT)),
    ("portal:reviews", "GET"): (
        no_kwargs,
        answers(default=404, producer=200, panel_member=200, unrelated_mentor=200),
    ),
    # The empty post is refused (a choice is required) with the page shown again.
    ("portal:reviews", "POST"): (
        no_kwargs,
        answers(default=404, producer=400, panel_member=400, unrelated_mentor=400),
    ),
    ("portal:profile", "GET"): (no_kwargs, any_director(200)),
    ("portal:profile", "POST"): (no_kwargs, any_director(REDIRECT)),
    ("portal:profile_headshot", "GET"): (no_kwargs, any_director(200)),
    ("portal:profile_headshot", "POST"): (no_kwargs, any_director(400)),
    ("portal:mentor_profile", "GET"): (no_kwargs, any_mentor(200)),
    ("portal:mentor_profile", "POST"): (no_kwargs, any_mentor(REDIRECT)),
    ("portal:mentor_photo", "GET"): (no_kwargs, any_mentor(200)),
    ("portal:mentor_photo", "POST"): (no_kwargs, any_mentor(400)),
    ("portal:film", "GET"): (film_kwargs, film_viewers(200)),
    ("portal:film_edit", "GET"): (film_kwargs, film_director_only(200)),
    ("portal:film_edit", "POST"): (film_kwargs, film_director_only(400)),
    ("portal:film_credits", "GET"): (film_kwargs, film_director_only(200)),
    ("portal:film_credits", "POST"): (film_kwargs, film_director_only(400)),
    ("portal:film_poster", "GET"): (film_kwargs, film_director_only(200)),
    ("portal:film_poster", "POST"): (film_kwargs, film_director_only(400)),
    ("portal:film_still", "GET"): (film_kwargs, film_director_only(200)),
    ("portal:film_still", "POST"): (film_kwargs, film_director_only(400)),
    ("portal:milestone", "GET"): (milestone_kwargs, film_viewers(200)),
    ("portal:milestone_submit", "POST"): (milestone_kwargs, film_director_only(400)),
    # A video file in chunks (tus): only the film's director creates one; only its uploader
    # reaches it. Without the protocol's headers the director's requests are refused (400:
    # no Upload-Length; 415: a chunk must be application/offset+octet-stream).
    ("portal:upload_create", "POST"): (video_milestone_kwargs, film_director_only(400)),
    ("portal:upload", "HEAD"): (upload_kwargs, film_director_only(200)),
    ("portal:upload", "PATCH"): (upload_kwargs, film_director_only(415)),
    ("portal:upload", "DELETE"): (upload_kwargs, film_director_only(204)),
    # Straight to the bucket (S3 multipart): only the film's director starts one (here, with
    # no body, 400: no size). The matrix runs on a local disk, where the world's upload is a
    # tus one: the multipart views find no multipart upload for anyone (404). Director against
    # outsider on a real bucket: tests/portal/test_multipart_uploads.py.
    ("portal:multipart_start", "POST"): (video_milestone_kwargs, film_director_only(400)),
    ("portal:multipart_sign", "POST"): (upload_kwargs, answers(default=404)),
    ("portal:multipart_parts", "GET"): (upload_kwargs, answers(default=404)),
    ("portal:multipart_complete", "POST"): (upload_kwargs, answers(default=404)),
    ("portal:multipart_abort", "POST"): (upload_kwargs, answers(default=404)),
    ("portal:submission_file", "GET"): (file_kwargs, film_viewers(200)),
    ("portal:submission_review", "POST"): (submission_kwargs, film_reviewers(400)),
    ("portal:submission_reopen", "POST"): (submission_kwargs, film_reviewers(400)),
    ("portal:submission_comment", "POST"): (submission_kwargs, film_viewers(400)),
    # Accounts: the public ones answer everybody; a signed-in person is sent on from sign-in.
    ("accounts:login", "GET"): (no_kwargs, answers(200, default=REDIRECT)),
    ("accounts:logout", "POST"): (no_kwargs, answers(LOGIN, default=LOGIN)),
    ("accounts:password_reset", "GET"): (no_kwargs, answers(200, default=200)),
    ("accounts:password_reset_done", "GET"): (no_kwargs, answers(200, default=200)),
    ("accounts:password_reset_confirm", "GET"): (
        lambda world: {"uidb64": "MQ", "token": "not-a-token"},
        answers(200, default=200),
    ),
    ("accounts:password_reset_complete", "GET"): (no_kwargs, answers(200, default=200)),
    ("accounts:invitation_create", "GET"): (no_kwargs, answers(default=404, staff=200)),
    ("accounts:invitation_create", "POST"): (no_kwargs, answers(default=404, staff=200)),
    ("accounts:invitation_accept", "GET"): (
        lambda world: {"token": "no-such-invitation"},
        answers(404, default=404),
    ),
    ("accounts:language", "GET"): (no_kwargs, answers(default=200)),
    ("accounts:language", "POST"): (no_kwargs, answers(default=200)),
    # The person's own account (issue 7): everybody signed in, about themselves only.
    ("accounts:account", "GET"): (no_kwargs, answers(default=200)),
    ("accounts:password_change", "GET"): (no_kwargs, answers(default=200)),
    ("accounts:password_change", "POST"): (no_kwargs, answers(default=200)),
    ("accounts:data_export", "POST"): (no_kwargs, answers(default=200)),
    ("accounts:data_export", "GET"): (no_kwargs, answers(default=405)),
    ("accounts:two_factor", "GET"): (no_kwargs, answers(default=200)),
    ("accounts:two_factor", "POST"): (no_kwargs, answers(default=400)),
    ("accounts:two_factor_qr", "GET"): (no_kwargs, answers(default=200)),
    # Posted without the password: the form says so.
    ("accounts:two_factor_disable", "POST"): (no_kwargs, answers(default=400)),
    ("accounts:two_factor_disable", "GET"): (no_kwargs, answers(default=405)),
    # Nobody owes a second factor here (no pending sign-in, no device): back to sign-in.
    ("accounts:two_factor_verify", "GET"): (no_kwargs, answers(LOGIN, default=REDIRECT)),
    ("accounts:logout", "GET"): (no_kwargs, answers(405, default=405)),
}

# The namespaces whose every URL must be declared above.
MATRIX_NAMESPACES = ("portal", "accounts")


# --- The staff workspace (issue 5): staff only; anonymous → sign in, anybody else 404. --------
# Each URL's arguments are built from its converters' names; the POST-only URLs are posted
# empty, so staff get the form's errors (400) or a redirect with a message.
WORKSPACE_ARGUMENTS = {
    "slug": lambda world: world.cohort.slug,
    "film_id": lambda world: world.film.pk,
    "submission_id": lambda world: world.submission.pk,
    "enrollment_id": lambda world: world.film.director.enrollments.get(cohort=world.cohort).pk,
    "membership_id": lambda world: world.cohort.panel.get().pk,
    "revision_id": lambda world: RevisionFactory(film=world.film, proposed_by=world.director).pk,
    "screening_id": lambda world: ScreeningFactory(cohort=world.cohort).pk,
    "entry_id": lambda world: (
        ScreeningFilmFactory(screening__cohort=world.cohort, film=world.film).pk
    ),
    "talent_id": lambda world: world.film.director_id,
    "mentor_id": lambda world: world.film.producer_id,
    "partner_id": lambda world: PartnerFactory().pk,
    "venue_id": lambda world: VenueFactory().pk,
    "message_id": lambda world: failed_outbox_message().pk,
    "milestone_id": lambda world: world.document_milestone.pk,
    "partnership_id": lambda world: CohortPartnerFactory(cohort=world.cohort).pk,
}
WORKSPACE_STAFF_ANSWERS = {
    ("home", "GET"): 200,
    ("cohort_create", "GET"): 200,
    ("cohort", "GET"): 200,
    ("timeline", "GET"): 200,
    ("cohort_edit", "GET"): 200,
    ("schedule_copy", "GET"): 200,
    ("roster", "GET"): 200,
    ("enrol", "POST"): 400,
    ("panel_add", "POST"): 400,
    ("film_create", "GET"): 200,
    ("cohort_partners", "GET"): 200,
    ("announcements", "GET"): 200,
    ("announcements", "POST"): 400,
    ("screenings", "GET"): 200,
    ("screening_create", "GET"): 200,
    ("export_roster", "GET"): 200,
    ("export_matrix", "GET"): 200,
    ("export_lineup", "GET"): 200,
    ("enrollment_status", "POST"): 400,
    ("panel_remove", "POST"): REDIRECT,
    ("film", "GET"): 200,
    ("film_edit", "GET"): 200,
    ("film_producer", "GET"): 200,
    ("film_publish", "POST"): REDIRECT,
    ("film_unpublish", "POST"): REDIRECT,
    ("submission", "GET"): 200,
    ("revisions", "GET"): 200,
    ("revision", "GET"): 200,
    ("screening", "GET"): 200,
    ("screening_edit", "GET"): 200,
    ("screening_film_add", "POST"): 400,
    ("screening_entry", "GET"): 200,
    ("screening_entry_remove", "POST"): REDIRECT,
    ("talents", "GET"): 200,
    ("talent_create", "GET"): 200,
    ("talent_edit", "GET"): 200,
    ("talent_invite", "GET"): 200,
    ("mentors", "GET"): 200,
    ("mentor_create", "GET"): 200,
    ("mentor_edit", "GET"): 200,
    ("mentor_invite", "GET"): 200,
    ("partners", "GET"): 200,
    ("partner_create", "GET"): 200,
    ("partner_edit", "GET"): 200,
    ("venues", "GET"): 200,
    ("venue_create", "GET"): 200,
    ("venue_edit", "GET"): 200,
    ("outbox", "GET"): 200,
    ("outbox_message", "GET"): 200,
    ("outbox_resend", "POST"): REDIRECT,
    ("milestones", "GET"): 200,
    ("milestone_create", "GET"): 200,
    ("milestone_edit", "GET"): 200,
    ("milestone_delete", "POST"): REDIRECT,
    ("cohort_partner_remove", "POST"): REDIRECT,
}


def failed_outbox_message() -> OutboxMessage:
    return OutboxMessage.objects.create(
        recipient="dana@example.org",
        language="en",
        subject="Matrix",
        body_text="Matrix",
        body_html="<p>Matrix</p>",
        cause="matrix:1",
        status=OutboxMessage.Status.FAILED,
        last_error="550 no such user",
    )


# The REST API and the workspace's integration pages (issue 19), declared in their own module.
from tests.permissions.expectations_api import API_EXPECTATIONS  # noqa: E402

EXPECTATIONS |= API_EXPECTATIONS

# Security events and erasure (issue 7); erasure posted unconfirmed shows the form again.
WORKSPACE_STAFF_ANSWERS |= {
    ("security_events", "GET"): 200,
    ("talent_erase", "GET"): 200,
    ("talent_erase", "POST"): 400,
    ("mentor_erase", "GET"): 200,
    ("mentor_erase", "POST"): 400,
}

WORKSPACE_ARGUMENTS |= GUEST_WORKSPACE_ARGUMENTS
WORKSPACE_STAFF_ANSWERS |= GUEST_WORKSPACE_STAFF_ANSWERS


# The open call (issue 16): its own module; the import sits here because it needs answers().
from tests.permissions.expectations_calls import (  # noqa: E402
    CALL_EXPECTATIONS,
    CALL_WORKSPACE_ARGUMENTS,
    CALL_WORKSPACE_STAFF_ANSWERS,
)

WORKSPACE_ARGUMENTS |= CALL_WORKSPACE_ARGUMENTS
WORKSPACE_STAFF_ANSWERS |= CALL_WORKSPACE_STAFF_ANSWERS
EXPECTATIONS |= CALL_EXPECTATIONS


def _workspace_kwargs(name: str):
    from workspace.urls import urlpatterns

    pattern = next(p for p in urlpatterns if p.name == name)
    keys = list(pattern.pattern.converters)
    return lambda world: {key: WORKSPACE_ARGUMENTS[key](world) for key in keys}


EXPECTATIONS |= {
    (f"workspace:{name}", method): (_workspace_kwargs(name), answers(default=404, staff=staff))
    for (name, method), staff in WORKSPACE_STAFF_ANSWERS.items()
}
MATRIX_NAMESPACES = (*MATRIX_NAMESPACES, "workspace")


# Making the films (issue 17): resources and bookings, the partner's link.
from tests.permissions.expectations_production import PRODUCTION_EXPECTATIONS  # noqa: E402

EXPECTATIONS |= PRODUCTION_EXPECTATIONS
MATRIX_NAMESPACES = (*MATRIX_NAMESPACES, "partner")

# After the film (issue 18): licences, the alumni record, the outcomes report.
from tests.permissions.expectations_alumni import ALUMNI_EXPECTATIONS  # noqa: E402

EXPECTATIONS |= ALUMNI_EXPECTATIONS
