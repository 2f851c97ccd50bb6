from django.urls import path

from website.views import guests as public_views

app_name = "guests_public"

urlpatterns = [
    path("<slug:cohort>/<slug:slug>/register/", public_views.register, name="register"),
    path("r/<str:secret>/", public_views.ticket, name="ticket"),
    path("r/<str:secret>/confirm/", public_views.confirm, name="confirm"),
    path("r/<str:secret>/accept/", public_views.accept, name="accept"),
    path("r/<str:secret>/cancel/", public_views.cancel, name="cancel"),
]
