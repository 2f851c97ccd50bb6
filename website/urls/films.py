from django.urls import path

from website.views import films as views

app_name = "films"

urlpatterns = [
    path("", views.lineup, name="lineup"),
    path("<slug:cohort>/<slug:slug>/", views.film_detail, name="detail"),
]
