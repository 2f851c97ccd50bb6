from django.urls import path

from talents import views

app_name = "talents"

urlpatterns = [
    path("<slug:slug>/", views.talent_detail, name="detail"),
]
