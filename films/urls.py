from django.urls import path

from films import views

app_name = "films"

urlpatterns = [
    path("", views.lineup, name="lineup"),
    path("<slug:cohort>/<slug:slug>/", views.film_detail, name="detail"),
]
