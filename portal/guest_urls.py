from django.urls import path

from portal import guest_views as portal_views

app_name = "guests_portal"

urlpatterns = [
    path("", portal_views.industry_home, name="industry"),
    path("screeners/<str:code>/", portal_views.screener, name="screener"),
    path("films/<int:film_id>/viewers/", portal_views.film_viewers, name="film_viewers"),
]
