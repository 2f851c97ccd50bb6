from django.urls import path

from portal import partner_views

app_name = "partner"

urlpatterns = [
    path("bookings/<str:token>/", partner_views.booking_confirm_view, name="booking"),
]
