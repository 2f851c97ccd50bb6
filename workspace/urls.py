"""The staff workspace, under /<language>/workspace/. Every view is behind staff_required; the
access test walks this list, so a URL added here without it fails."""

from django.urls import path

from workspace import alumni_urls, production_urls
from workspace.call_urls import call_urlpatterns
from workspace.guest_urls import urlpatterns as guest_urlpatterns
from workspace.views import (
    cohorts,
    dashboard,
    exports,
    films,
    integrations,
    outbox,
    people,
    privacy,
    schedule,
    screenings,
    security,
)

app_name = "workspace"

urlpatterns = [
    path("security/", security.security_events, name="security_events"),
    path("talents/<int:talent_id>/erase/", privacy.talent_erase, name="talent_erase"),
    path("mentors/<int:mentor_id>/erase/", privacy.mentor_erase, name="mentor_erase"),
    path("", dashboard.home, name="home"),
    path("cohorts/new/", cohorts.cohort_create, name="cohort_create"),
    path("cohorts/<slug:slug>/", dashboard.cohort_dashboard, name="cohort"),
    path("cohorts/<slug:slug>/timeline/", dashboard.cohort_timeline, name="timeline"),
    path("cohorts/<slug:slug>/edit/", cohorts.cohort_edit, name="cohort_edit"),
    path("cohorts/<slug:slug>/schedule/copy/", cohorts.schedule_copy, name="schedule_copy"),
    path("cohorts/<slug:slug>/people/", cohorts.roster, name="roster"),
    path("cohorts/<slug:slug>/people/enrol/", cohorts.enrol, name="enrol"),
    path("cohorts/<slug:slug>/people/panel/", cohorts.panel_add, name="panel_add"),
    path("cohorts/<slug:slug>/films/new/", films.film_create_view, name="film_create"),
    path("cohorts/<slug:slug>/partners/", cohorts.partners, name="cohort_partners"),
    path(
        "partnerships/<int:partnership_id>/remove/",
        schedule.cohort_partner_delete,
        name="cohort_partner_remove",
    ),
    path("cohorts/<slug:slug>/milestones/", schedule.milestone_list, name="milestones"),
    path("cohorts/<slug:slug>/milestones/new/", schedule.milestone_create, name="milestone_create"),
    path("milestones/<int:milestone_id>/", schedule.milestone_edit, name="milestone_edit"),
    path(
        "milestones/<int:milestone_id>/remove/",
        schedule.milestone_delete,
        name="milestone_delete",
    ),
    path("cohorts/<slug:slug>/announcements/", cohorts.announcements, name="announcements"),
    path("cohorts/<slug:slug>/screenings/", screenings.screening_list, name="screenings"),
    path(
        "cohorts/<slug:slug>/screenings/new/",
        screenings.screening_create_view,
        name="screening_create",
    ),
    path("cohorts/<slug:slug>/export/roster.csv", exports.roster_csv, name="export_roster"),
    path("cohorts/<slug:slug>/export/milestones.csv", exports.matrix_csv, name="export_matrix"),
    path("cohorts/<slug:slug>/export/lineup.csv", exports.lineup_csv, name="export_lineup"),
    path(
        "enrolments/<int:enrollment_id>/status/",
        cohorts.enrollment_status,
        name="enrollment_status",
    ),
    path("panel/<int:membership_id>/remove/", cohorts.panel_remove, name="panel_remove"),
    path("films/<int:film_id>/", films.film_detail, name="film"),
    path("films/<int:film_id>/edit/", films.film_edit, name="film_edit"),
    path("films/<int:film_id>/producer/", films.film_producer, name="film_producer"),
    path("films/<int:film_id>/publish/", films.film_publish_view, name="film_publish"),
    path("films/<int:film_id>/unpublish/", films.film_unpublish_view, name="film_unpublish"),
    path("submissions/<int:submission_id>/", dashboard.submission_detail, name="submission"),
    path("revisions/", films.revision_list, name="revisions"),
    path("revisions/<int:revision_id>/", films.revision_detail, name="revision"),
    path("screenings/<int:screening_id>/", screenings.screening_detail, name="screening"),
    path("screenings/<int:screening_id>/edit/", screenings.screening_edit, name="screening_edit"),
    path(
        "screenings/<int:screening_id>/films/",
        screenings.screening_film_add,
        name="screening_film_add",
    ),
    path("lineup/<int:entry_id>/", screenings.screening_entry, name="screening_entry"),
    path(
        "lineup/<int:entry_id>/remove/",
        screenings.screening_entry_remove_view,
        name="screening_entry_remove",
    ),
    path("talents/", people.talent_list, name="talents"),
    path("talents/new/", people.talent_create_view, name="talent_create"),
    path("talents/<int:talent_id>/", people.talent_edit, name="talent_edit"),
    path("talents/<int:talent_id>/invite/", people.talent_invite, name="talent_invite"),
    path("mentors/", people.mentor_list, name="mentors"),
    path("mentors/new/", people.mentor_create_view, name="mentor_create"),
    path("mentors/<int:mentor_id>/", people.mentor_edit, name="mentor_edit"),
    path("mentors/<int:mentor_id>/invite/", people.mentor_invite, name="mentor_invite"),
    path("partners/", people.partner_list, name="partners"),
    path("partners/new/", people.partner_create_view, name="partner_create"),
    path("partners/<int:partner_id>/", people.partner_edit, name="partner_edit"),
    path("venues/", people.venue_list, name="venues"),
    path("venues/new/", people.venue_create_view, name="venue_create"),
    path("venues/<int:venue_id>/", people.venue_edit, name="venue_edit"),
    path("outbox/", outbox.outbox_list, name="outbox"),
    path("outbox/<int:message_id>/", outbox.outbox_message, name="outbox_message"),
    path("outbox/<int:message_id>/resend/", outbox.outbox_resend, name="outbox_resend"),
    # Integrations (issue 19): API tokens and webhooks.
    path("api-tokens/", integrations.api_tokens, name="api_tokens"),
    path(
        "api-tokens/<int:token_id>/revoke/",
        integrations.api_token_revoke_view,
        name="api_token_revoke",
    ),
    path("webhooks/", integrations.webhook_endpoints, name="webhook_endpoints"),
    path("webhooks/<int:endpoint_id>/", integrations.webhook_endpoint, name="webhook_endpoint"),
    path(
        "webhooks/<int:endpoint_id>/toggle/",
        integrations.webhook_endpoint_toggle,
        name="webhook_endpoint_toggle",
    ),
    path(
        "webhook-deliveries/<int:delivery_id>/",
        integrations.webhook_delivery,
        name="webhook_delivery",
    ),
    path(
        "webhook-deliveries/<int:delivery_id>/resend/",
        integrations.webhook_delivery_resend,
        name="webhook_delivery_resend",
    ),
]

# Running an open call (issue 16), kept in a module of its own.
urlpatterns += call_urlpatterns
# Making the films (issue 17): resources and bookings, grants, training.
urlpatterns += production_urls.urlpatterns
urlpatterns += guest_urlpatterns
# After the film (issue 18): licence windows, the alumni record, the outcomes report.
urlpatterns += alumni_urls.urlpatterns
