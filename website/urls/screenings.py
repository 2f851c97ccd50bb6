from django.urls import path

from website.views import screenings as views

app_name = "screenings"

urlpatterns = [
    path("", views.screening_list, name="list"),
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path("<slug:cohort>/<slug:slug>/", views.screening_detail, name="detail"),
    path("<slug:cohort>/<slug:slug>/calendar.ics", views.screening_calendar, name="ics"),
]
