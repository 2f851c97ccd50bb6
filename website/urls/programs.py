from django.urls import path

from website.views import alumni
from website.views import cohorts as views

app_name = "programs"

urlpatterns = [
    path("", views.cohort_list, name="cohort_list"),
    path("<slug:slug>/", views.cohort_detail, name="cohort_detail"),
    path("<slug:slug>/alumni/", alumni.cohort_alumni, name="cohort_alumni"),
]
