from django.urls import path

from website.views import mentors as views

app_name = "mentors"

urlpatterns = [
    path("<slug:slug>/", views.mentor_detail, name="detail"),
]
