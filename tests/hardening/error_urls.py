"""The site's URLs plus one view that fails, to see the 500 page the way a visitor would."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("a bug")


urlpatterns = [*site_urlpatterns, path("boom/", failing_view)]
