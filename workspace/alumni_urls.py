"""The workspace's URLs for after the film (issue 18), appended to workspace.urls: licence
windows, the alumni record and the outcomes report. Every one is behind staff_required and in
the permission matrix (tests/permissions/expectations_alumni.py)."""

from django.urls import path

from workspace.views import alumni, licences

urlpatterns = [
    path("licences/", licences.licence_list, name="licences"),
    path("licences/new/", licences.licence_create_view, name="licence_create"),
    path("licences/<int:licence_id>/", licences.licence_edit, name="licence_edit"),
    path("cohorts/<slug:slug>/alumni/", alumni.cohort_alumni, name="cohort_alumni"),
    path("cohorts/<slug:slug>/alumni/new/", alumni.alumni_entry_create, name="alumni_entry_create"),
    path("alumni-entries/<int:entry_id>/", alumni.alumni_entry_edit, name="alumni_entry_edit"),
    path(
        "alumni-entries/<int:entry_id>/decide/",
        alumni.alumni_entry_decide_view,
        name="alumni_entry_decide",
    ),
    path("outcomes/", alumni.outcomes, name="outcomes"),
    path("outcomes.csv", alumni.outcomes_csv, name="outcomes_csv"),
]
