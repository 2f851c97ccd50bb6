from django.urls import path

from mentors import views

app_name = "mentors"

urlpatterns = [
    path("<slug:slug>/", views.mentor_detail, name="detail"),
]
