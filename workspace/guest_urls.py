"""The workspace's guest pages (issue 18), joined to workspace.urls by one line."""

from django.urls import path

from workspace.views import guests, market

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
    path(
        "industry/accreditations/<int:accreditation_id>/withdraw/",
        guests.accreditation_withdraw,
        name="accreditation_withdraw",
    ),
    # Market meetings (issue 18).
    path("cohorts/<slug:slug>/market/", market.market, name="market"),
    path("cohorts/<slug:slug>/market.csv", market.market_export, name="market_csv"),
    path("market/days/<int:day_id>/", market.market_day_edit, name="market_day"),
    path(
        "market/meetings/<int:meeting_id>/cancel/",
        market.market_meeting_cancel,
        name="market_meeting_cancel",
    ),
]
