"""The open call's forms (issue 16), joined to TARGETS by targets.py; `extend_world` adds the
call and its people to the fuzz world."""

from portal import call_forms as review_forms
from tests.factories.calls import call_world
from website import call_forms as call_pages
from workspace import call_forms as ws_calls

CALL_WATCHED = (
    "calls.Call",
    "calls.Question",
    "calls.Round",
    "calls.Criterion",
    "calls.Application",
    "calls.ApplicationFile",
    "calls.Answer",
    "calls.CoApplicant",
    "calls.Reviewer",
    "calls.Conflict",
    "calls.Assignment",
    "calls.Review",
    "calls.InterviewSlot",
)


def extend_world(world) -> None:
    world.calls = call_world(cohort=world.cohort)
    for role in ("applicant", "reviewer"):
        setattr(world, role, getattr(world.calls, role))


def call_slug(world) -> dict:
    return {"slug": world.calls.call.slug}


def call_id(world) -> dict:
    return {"call_id": world.calls.call.pk}


def application_id(world) -> dict:
    return {"application_id": world.calls.application.pk}


def assignment_id(world) -> dict:
    return {"assignment_id": world.calls.assignment.pk}


def _targets(form_target):
    T = form_target
    return [
        T("apply:sign_up", call_slug, "anonymous", (call_pages.SignUpForm,)),
        T("apply:details", call_slug, "applicant", (call_pages.ApplicationDetailsForm,)),
        T("apply:answers", call_slug, "applicant", (call_pages.AnswersForm,)),
        T("apply:files", call_slug, "applicant", (call_pages.FileUploadForm,)),
        T("apply:co_applicants", call_slug, "applicant", (call_pages.CoApplicantForm,)),
        T("review:assignment", assignment_id, "reviewer", (review_forms.ReviewForm,)),
        T("review:conflict", assignment_id, "reviewer", (review_forms.ConflictDeclareForm,)),
        T("review:conflicts", call_id, "reviewer", (review_forms.PersonConflictForm,)),
        T("review:profile", call_id, "reviewer", (review_forms.ReviewerProfileForm,)),
        T("workspace:call_create", lambda w: {}, "staff", (ws_calls.CallForm,)),
        T("workspace:call_edit", call_id, "staff", (ws_calls.CallForm,)),
        T("workspace:call_questions", call_id, "staff", (ws_calls.QuestionForm,)),
        T(
            "workspace:call_round_edit",
            lambda w: {"round_id": w.calls.scoring.pk},
            "staff",
            (ws_calls.RoundForm,),
        ),
        T(
            "workspace:call_criterion_create",
            lambda w: {"round_id": w.calls.scoring.pk},
            "staff",
            (ws_calls.CriterionForm,),
        ),
        T(
            "workspace:call_applications",
            call_id,
            "staff",
            (ws_calls.ApplicationFilterForm,),
            method="get",
        ),
        T("workspace:call_applications_move", call_id, "staff", (ws_calls.ApplicationsMoveForm,)),
        T("workspace:call_assign", call_id, "staff", (ws_calls.AssignForm,)),
        T("workspace:call_reviewers", call_id, "staff", (ws_calls.ReviewerAddForm,)),
        T("workspace:call_ranking", call_id, "staff", (ws_calls.RankingFilterForm,), method="get"),
        T("workspace:call_interviews", call_id, "staff", (ws_calls.InterviewSlotForm,)),
        T("workspace:call_decisions", call_id, "staff", (ws_calls.DecisionsSendForm,)),
        T(
            "workspace:call_application_eligibility",
            application_id,
            "staff",
            (ws_calls.EligibilityForm,),
        ),
        T("workspace:call_application_decide", application_id, "staff", (ws_calls.DecisionForm,)),
        T("workspace:call_application_pin", application_id, "staff", (ws_calls.PinForm,)),
        T(
            "workspace:call_application_conflict",
            application_id,
            "staff",
            (ws_calls.ConflictForm,),
        ),
        T(
            "workspace:call_application_interview",
            application_id,
            "staff",
            (ws_calls.InterviewBookForm,),
        ),
        T(
            "workspace:call_assignment_swap",
            lambda w: {"assignment_id": w.calls.juror_assignment.pk},
            "staff",
            (ws_calls.ReviewerChoiceForm,),
        ),
    ]
