"""The declared answer of every open-call URL for every role (issue 16): the public call page,
the applicant's pages, the reviewer's pages and the staff's pages in the workspace. Joined to
EXPECTATIONS by expectations.py; `extend_world` adds the call and its people to the world."""

from django.core.files.base import ContentFile
from django.utils import timezone

from calls.models import ApplicationFile, InterviewSlot, Review
from tests.factories.calls import call_world
from tests.permissions.expectations import REDIRECT, answers


def extend_world(world) -> None:
    calls = call_world(cohort=world.cohort)
    world.calls = calls
    for role in ("applicant", "co_applicant", "reviewer", "conflicted_reviewer", "outside_juror"):
        setattr(world, role, getattr(calls, role))
    Review.objects.create(assignment=calls.juror_assignment, scores={})
    calls.slot = InterviewSlot.objects.create(
        call=calls.call, starts_at=timezone.now(), minutes=30, application=calls.application
    )


def stored_file(world) -> ApplicationFile:
    """Written in the test's own media folder (each test has one), like file_submission."""
    stored = ApplicationFile(
        application=world.calls.application,
        material="treatment",
        original_filename="script.pdf",
        size=15,
    )
    stored.file.save("applications/matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    return stored


def call_slug(world) -> dict:
    return {"slug": world.calls.call.slug}


def file_kwargs(world) -> dict:
    return {"slug": world.calls.call.slug, "file_id": stored_file(world).pk}


def assignment_kwargs(world) -> dict:
    return {"assignment_id": world.calls.assignment.pk}


def no_kwargs(world) -> dict:
    return {}


REVIEWERS = ("reviewer", "conflicted_reviewer", "outside_juror")

CALL_EXPECTATIONS = {
    ("apply:call", "GET"): (call_slug, answers(200, default=200)),
    ("apply:sign_up", "GET"): (call_slug, answers(200, default=REDIRECT)),
    ("apply:sign_up", "POST"): (call_slug, answers(400, default=REDIRECT)),
    ("apply:confirm", "GET"): (
        lambda world: {"slug": world.calls.call.slug, "token": "not-a-token"},
        answers(404, default=404),
    ),
    ("apply:co_applicant_join", "GET"): (
        lambda world: {"token": "no-such-invitation"},
        answers(default=404),
    ),
    ("apply:application", "GET"): (call_slug, answers(default=200)),
    # Anybody signed in may start an application (the empty form is a valid draft).
    ("apply:details", "GET"): (call_slug, answers(default=200)),
    ("apply:details", "POST"): (call_slug, answers(default=REDIRECT)),
    ("apply:answers", "GET"): (call_slug, answers(default=404, applicant=200)),
    ("apply:answers", "POST"): (call_slug, answers(default=404, applicant=REDIRECT)),
    ("apply:files", "GET"): (call_slug, answers(default=404, applicant=200)),
    ("apply:files", "POST"): (call_slug, answers(default=404, applicant=400)),
    ("apply:file", "GET"): (file_kwargs, answers(default=404, applicant=200, co_applicant=200)),
    ("apply:submit", "POST"): (call_slug, answers(default=404, applicant=REDIRECT)),
    ("apply:withdraw", "POST"): (call_slug, answers(default=404, applicant=REDIRECT)),
    # No decision is published in the world: nothing to turn down.
    ("apply:decline_offer", "POST"): (call_slug, answers(default=404)),
    ("apply:co_applicants", "GET"): (call_slug, answers(default=404, applicant=200)),
    ("apply:co_applicants", "POST"): (call_slug, answers(default=404, applicant=400)),
    ("apply:interview_ics", "GET"): (
        call_slug,
        answers(default=404, applicant=200, co_applicant=200),
    ),
    ("review:home", "GET"): (no_kwargs, answers(default=404, **dict.fromkeys(REVIEWERS, 200))),
    ("review:assignment", "GET"): (assignment_kwargs, answers(default=404, reviewer=200)),
    ("review:assignment", "POST"): (assignment_kwargs, answers(default=404, reviewer=REDIRECT)),
    ("review:file", "GET"): (
        lambda world: {
            "assignment_id": world.calls.assignment.pk,
            "file_id": stored_file(world).pk,
        },
        answers(default=404, reviewer=200),
    ),
    ("review:conflict", "POST"): (assignment_kwargs, answers(default=404, reviewer=REDIRECT)),
    # Every reviewer of the call may declare a conflict with a person; an empty form is refused.
    ("review:conflicts", "GET"): (
        lambda world: {"call_id": world.calls.call.pk},
        answers(default=404, **dict.fromkeys(REVIEWERS, 200)),
    ),
    ("review:conflicts", "POST"): (
        lambda world: {"call_id": world.calls.call.pk},
        answers(default=404, **dict.fromkeys(REVIEWERS, 400)),
    ),
    # Every reviewer of the call keeps their own languages and expertise; nothing ticked is a
    # valid answer (assignment then goes by balance alone), so the empty form saves.
    ("review:profile", "GET"): (
        lambda world: {"call_id": world.calls.call.pk},
        answers(default=404, **dict.fromkeys(REVIEWERS, 200)),
    ),
    ("review:profile", "POST"): (
        lambda world: {"call_id": world.calls.call.pk},
        answers(default=404, **dict.fromkeys(REVIEWERS, REDIRECT)),
    ),
}

CALL_WORKSPACE_ARGUMENTS = {
    "call_id": lambda world: world.calls.call.pk,
    "question_id": lambda world: (
        world.calls.call.questions.create(label_en="Why now?", kind="short_text").pk
    ),
    "round_id": lambda world: world.calls.scoring.pk,
    "criterion_id": lambda world: world.calls.scoring.criteria.first().pk,
    "reviewer_id": lambda world: world.calls.assignment.reviewer_id,
    "application_id": lambda world: world.calls.application.pk,
    "file_id": lambda world: stored_file(world).pk,
    "assignment_id": lambda world: world.calls.juror_assignment.pk,
}
CALL_WORKSPACE_STAFF_ANSWERS = {
    ("calls", "GET"): 200,
    ("call_create", "GET"): 200,
    ("call_create", "POST"): 400,
    ("call", "GET"): 200,
    ("call_edit", "GET"): 200,
    ("call_edit", "POST"): 400,
    ("call_questions", "GET"): 200,
    ("call_questions", "POST"): 400,
    ("call_rounds", "GET"): 200,
    ("call_reviewers", "GET"): 200,
    ("call_reviewers", "POST"): 400,
    ("call_applications", "GET"): 200,
    ("call_applications_move", "POST"): REDIRECT,
    ("call_assign", "POST"): REDIRECT,
    ("call_ranking", "GET"): 200,
    ("call_ranking_csv", "GET"): 200,
    ("call_interviews", "GET"): 200,
    ("call_interviews", "POST"): 400,
    ("call_decisions", "GET"): 200,
    ("call_decisions", "POST"): 400,
    ("call_question_edit", "GET"): 200,
    ("call_question_edit", "POST"): 400,
    ("call_question_delete", "POST"): REDIRECT,
    ("call_round_edit", "GET"): 200,
    ("call_round_edit", "POST"): REDIRECT,
    ("call_criterion_create", "GET"): 200,
    ("call_criterion_create", "POST"): 400,
    ("call_criterion_edit", "GET"): 200,
    ("call_criterion_edit", "POST"): 400,
    ("call_reviewer_drop", "POST"): REDIRECT,
    ("call_application", "GET"): 200,
    ("call_application_eligibility", "POST"): 400,
    ("call_application_decide", "POST"): 400,
    ("call_application_pin", "POST"): 400,
    ("call_application_conflict", "POST"): 400,
    ("call_application_interview", "POST"): 400,
    ("call_application_file", "GET"): 200,
    ("call_assignment_swap", "POST"): REDIRECT,
}
