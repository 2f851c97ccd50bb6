"""The director's and mentor's workspace, under /portal/. Every URL here is in the permission
matrix (tests/permissions); the test fails for one that is not."""

from django.urls import path

from portal import alumni_views as alumni
from portal import booking_views as production
from portal import deliverable_views as deliverables
from portal import training_views as training
from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("reviews/", views.reviews, name="reviews"),
    path("profile/", views.profile, name="profile"),
    path("profile/headshot/", views.profile_headshot, name="profile_headshot"),
    path("mentor-profile/", views.mentor_profile, name="mentor_profile"),
    path("mentor-profile/photo/", views.mentor_photo, name="mentor_photo"),
    path("films/<int:film_id>/", views.film_detail, name="film"),
    path("films/<int:film_id>/edit/", views.film_edit, name="film_edit"),
    path("films/<int:film_id>/credits/", views.film_credits, name="film_credits"),
    path("films/<int:film_id>/poster/", views.film_poster, name="film_poster"),
    path("films/<int:film_id>/stills/", views.film_stills, name="film_still"),
    path(
        "films/<int:film_id>/milestones/<int:milestone_id>/",
        views.milestone_detail,
        name="milestone",
    ),
    path(
        "films/<int:film_id>/milestones/<int:milestone_id>/submit/",
        views.milestone_submit,
        name="milestone_submit",
    ),
    # A video file in resumable chunks (the tus protocol, portal.deliverable_views).
    path(
        "films/<int:film_id>/milestones/<int:milestone_id>/uploads/",
        deliverables.upload_create,
        name="upload_create",
    ),
    path("uploads/<uuid:token>/", deliverables.upload_detail, name="upload"),
    path(
        "films/<int:film_id>/milestones/<int:milestone_id>/multipart/",
        deliverables.multipart_start,
        name="multipart_start",
    ),
    path("multipart/<uuid:token>/sign/", deliverables.multipart_sign, name="multipart_sign"),
    path("multipart/<uuid:token>/parts/", deliverables.multipart_parts, name="multipart_parts"),
    path(
        "multipart/<uuid:token>/complete/",
        deliverables.multipart_complete,
        name="multipart_complete",
    ),
    path("multipart/<uuid:token>/abort/", deliverables.multipart_abort, name="multipart_abort"),
    path("submissions/<int:submission_id>/file/", views.submission_file, name="submission_file"),
    path(
        "submissions/<int:submission_id>/review/",
        views.submission_review,
        name="submission_review",
    ),
    path(
        "submissions/<int:submission_id>/reopen/",
        views.submission_reopen,
        name="submission_reopen",
    ),
    path(
        "submissions/<int:submission_id>/comments/",
        views.submission_comment,
        name="submission_comment",
    ),
    # Making the films (issue 17): bookings, training sessions, the calendar feed.
    path("films/<int:film_id>/bookings/", production.film_bookings, name="film_bookings"),
    path(
        "bookings/<int:booking_id>/cancel/", production.booking_cancel_view, name="booking_cancel"
    ),
    path("sessions/", training.sessions, name="sessions"),
    path("sessions/<int:session_id>/", training.session_detail, name="session"),
    path("sessions/<int:session_id>/answer/", training.session_respond, name="session_respond"),
    path(
        "sessions/<int:session_id>/attendance/",
        training.session_attendance,
        name="session_attendance",
    ),
    path("sessions/<int:session_id>/notes/", training.session_note, name="session_note"),
    path("calendar/new/", training.calendar_feed_new, name="calendar_feed_new"),
    path("calendar/<str:token>.ics", training.calendar_feed_view, name="calendar_feed"),
    # The alumni record (issue 18): an alumnus's own entries and their consent to publish.
    path("alumni/", alumni.alumni_record, name="alumni"),
    path("alumni/<int:entry_id>/consent/", alumni.alumni_consent, name="alumni_consent"),
]
