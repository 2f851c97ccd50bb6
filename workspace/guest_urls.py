"""The workspace's guest pages (issue 18), joined to workspace.urls by one line."""

from django.urls import path

from workspace.views import guests

urlpatterns = [
    path("screenings/<int:screening_id>/guests/", guests.guest_list, name="guests"),
    path("screenings/<int:screening_id>/guests.csv", guests.guest_export, name="guests_csv"),
    path("screenings/<int:screening_id>/guests/email/", guests.guest_email, name="guests_email"),
    path("screenings/<int:screening_id>/badges.pdf", guests.guest_badges, name="guests_badges"),
    path("screenings/<int:screening_id>/check-in/", guests.check_in, name="check_in"),
    path("guests/<int:registration_id>/approve/", guests.guest_approve, name="guest_approve"),
    path("guests/<int:registration_id>/decline/", guests.guest_decline, name="guest_decline"),
    path("guests/<int:registration_id>/cancel/", guests.guest_cancel, name="guest_cancel"),
    path("cohorts/<slug:slug>/industry/", guests.industry, name="industry"),
]
