"""The workspace's URLs for making the films (issue 17), appended to workspace.urls: partner
resources and bookings, grants, training sessions. Every one is behind staff_required (or, for
money, finance_required) and in the permission matrix."""

from django.urls import path

from workspace.views import money, resources, training

urlpatterns = [
    path("resources/", resources.resource_list, name="resources"),
    path("resources/new/", resources.resource_create_view, name="resource_create"),
    path("resources/<int:resource_id>/", resources.resource_edit, name="resource_edit"),
    path(
        "resources/<int:resource_id>/periods/",
        resources.availability_add_view,
        name="availability_add",
    ),
    path(
        "periods/<int:period_id>/remove/",
        resources.availability_remove_view,
        name="availability_remove",
    ),
    path(
        "resources/<int:resource_id>/calendar/",
        resources.resource_calendar,
        name="resource_calendar",
    ),
    path("cohorts/<slug:slug>/bookings/", resources.cohort_bookings, name="cohort_bookings"),
    path("cohorts/<slug:slug>/calendar/", resources.cohort_calendar, name="cohort_calendar"),
    path("bookings/<int:booking_id>/decide/", resources.booking_decide_view, name="booking_decide"),
    path("bookings/<int:booking_id>/cancel/", resources.booking_cancel_view, name="booking_cancel"),
    path(
        "partners/<int:partner_id>/bookings.csv",
        resources.partner_bookings_csv,
        name="partner_bookings_csv",
    ),
    # Money: staff and the finance role.
    path("finance/", money.finance, name="finance"),
    path("finance/instalments.csv", money.finance_export, name="finance_export"),
    path("instalments/<int:instalment_id>/pay/", money.instalment_pay, name="instalment_pay"),
    path("films/<int:film_id>/money/", money.film_money, name="film_money"),
    path("films/<int:film_id>/budget/", money.budget_line_add_view, name="budget_line_add"),
    path(
        "budget-lines/<int:line_id>/remove/",
        money.budget_line_remove_view,
        name="budget_line_remove",
    ),
    path("films/<int:film_id>/grant/", money.grant_plan_view, name="grant_plan"),
    path("cohorts/<slug:slug>/in-kind/", money.cohort_in_kind, name="cohort_in_kind"),
    # Training sessions and the mentors' workload.
    path("cohorts/<slug:slug>/sessions/", training.session_list, name="sessions"),
    path("cohorts/<slug:slug>/sessions/new/", training.session_create_view, name="session_create"),
    path("sessions/<int:session_id>/", training.session_detail, name="session"),
    path("sessions/<int:session_id>/edit/", training.session_edit_view, name="session_edit"),
    path("sessions/<int:session_id>/cancel/", training.session_cancel_view, name="session_cancel"),
    path(
        "sessions/<int:session_id>/attendance/",
        training.session_attendance,
        name="session_attendance",
    ),
    path("sessions/<int:session_id>/notes/", training.session_note, name="session_note"),
    path("cohorts/<slug:slug>/workload/", training.mentor_workload, name="mentor_workload"),
]
