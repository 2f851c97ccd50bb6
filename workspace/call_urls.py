"""The workspace's URLs for running an open call (joined to workspace.urls); staff only, like
every workspace view."""

from django.urls import path

from workspace.views import call_selection as selection
from workspace.views import calls

call_urlpatterns = [
    path("calls/", calls.call_list, name="calls"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:call_id>/", calls.call_detail, name="call"),
    path("calls/<int:call_id>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:call_id>/questions/", calls.call_questions, name="call_questions"),
    path("calls/<int:call_id>/rounds/", calls.call_rounds, name="call_rounds"),
    path("calls/<int:call_id>/reviewers/", calls.call_reviewers, name="call_reviewers"),
    path(
        "calls/<int:call_id>/applications/", selection.call_applications, name="call_applications"
    ),
    path(
        "calls/<int:call_id>/applications/move/",
        selection.applications_move,
        name="call_applications_move",
    ),
    path("calls/<int:call_id>/assign/", selection.call_assign, name="call_assign"),
    path("calls/<int:call_id>/ranking/", selection.call_ranking, name="call_ranking"),
    path("calls/<int:call_id>/ranking.csv", selection.call_ranking_csv, name="call_ranking_csv"),
    path("calls/<int:call_id>/interviews/", selection.call_interviews, name="call_interviews"),
    path("calls/<int:call_id>/decisions/", selection.call_decisions, name="call_decisions"),
    path("call-questions/<int:question_id>/", calls.question_edit, name="call_question_edit"),
    path(
        "call-questions/<int:question_id>/remove/",
        calls.question_delete,
        name="call_question_delete",
    ),
    path("call-rounds/<int:round_id>/", calls.round_edit, name="call_round_edit"),
    path(
        "call-rounds/<int:round_id>/criteria/new/",
        calls.criterion_create,
        name="call_criterion_create",
    ),
    path("call-criteria/<int:criterion_id>/", calls.criterion_edit, name="call_criterion_edit"),
    path("call-reviewers/<int:reviewer_id>/drop/", calls.reviewer_drop, name="call_reviewer_drop"),
    path("applications/<int:application_id>/", selection.call_application, name="call_application"),
    path(
        "applications/<int:application_id>/eligibility/",
        selection.application_eligibility,
        name="call_application_eligibility",
    ),
    path(
        "applications/<int:application_id>/decision/",
        selection.application_decide,
        name="call_application_decide",
    ),
    path(
        "applications/<int:application_id>/pin/",
        selection.application_pin,
        name="call_application_pin",
    ),
    path(
        "applications/<int:application_id>/conflict/",
        selection.application_conflict,
        name="call_application_conflict",
    ),
    path(
        "applications/<int:application_id>/interview/",
        selection.application_interview,
        name="call_application_interview",
    ),
    path(
        "applications/<int:application_id>/files/<int:file_id>/",
        selection.application_file,
        name="call_application_file",
    ),
    path(
        "assignments/<int:assignment_id>/swap/",
        selection.assignment_swap,
        name="call_assignment_swap",
    ),
]
