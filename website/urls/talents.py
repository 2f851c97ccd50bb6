from django.urls import path

from website.views import talents as views

app_name = "talents"

urlpatterns = [
    path("<slug:slug>/", views.talent_detail, name="detail"),
]
