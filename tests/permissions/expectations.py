"""The declared answer of every portal and account URL for every role. The matrix test
(test_matrix.py) builds the URL list from the URL configuration, so a URL missing here fails.

Answers: 200 and 400 (a form re-shown with its errors: the person may use the page) are status
codes; LOGIN is a redirect to the sign-in page; REDIRECT any other redirect; 404 hides that
the object exists."""

from django.core.files.base import ContentFile

from films.models import MilestoneSubmission

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
)


def answers(anonymous=LOGIN, *, default, **by_role) -> dict:
    """Every role's answer: `default` for the signed-in roles not named."""
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


def submission_kwargs(world) -> dict:
    return {"submission_id": world.submission.pk}


def file_kwargs(world) -> dict:
    return {"submission_id": file_submission(world).pk}


def no_kwargs(world) -> dict:
    return {}


# (namespace:name, method) → (how to build the URL's arguments, the answer of each role)
EXPECTATIONS = {
    ("portal:home", "GET"): (no_kwargs, answers(default=200)),
    ("portal:reviews", "GET"): (
        no_kwargs,
        answers(default=404, producer=200, panel_member=200, unrelated_mentor=200),
    ),
    ("portal:profile", "GET"): (no_kwargs, any_director(200)),
    ("portal:profile", "POST"): (no_kwargs, any_director(REDIRECT)),
    ("portal:profile_headshot", "GET"): (no_kwargs, any_director(200)),
    ("portal:profile_headshot", "POST"): (no_kwargs, any_director(400)),
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
}

# The namespaces whose every URL must be declared above.
MATRIX_NAMESPACES = ("portal", "accounts")
