"""The open call's public and applicant URLs, under the language prefixes; namespace `apply`
(the reviewer's are portal.call_urls)."""

from django.urls import include, path

from website.views import applications as applicant_views
from website.views import calls as public_views

apply_patterns = (
    [
        path("join/<str:token>/", public_views.co_applicant_join, name="co_applicant_join"),
        path("<slug:slug>/", public_views.call_page, name="call"),
        path("<slug:slug>/sign-up/", public_views.sign_up, name="sign_up"),
        path("<slug:slug>/confirm/<str:token>/", public_views.confirm, name="confirm"),
        path("<slug:slug>/application/", applicant_views.application, name="application"),
        path("<slug:slug>/application/details/", applicant_views.details, name="details"),
        path("<slug:slug>/application/answers/", applicant_views.answers, name="answers"),
        path("<slug:slug>/application/files/", applicant_views.files, name="files"),
        path(
            "<slug:slug>/application/files/<int:file_id>/",
            applicant_views.application_file,
            name="file",
        ),
        path("<slug:slug>/application/submit/", applicant_views.submit, name="submit"),
        path("<slug:slug>/application/withdraw/", applicant_views.withdraw, name="withdraw"),
        path(
            "<slug:slug>/application/decline-offer/",
            applicant_views.decline_offer,
            name="decline_offer",
        ),
        path(
            "<slug:slug>/application/co-applicants/",
            applicant_views.co_applicants,
            name="co_applicants",
        ),
        path(
            "<slug:slug>/application/interview.ics",
            applicant_views.interview_calendar,
            name="interview_ics",
        ),
    ],
    "apply",
)

apply_urls = include(apply_patterns)
