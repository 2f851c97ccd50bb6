"""A licence decides the public "watch on <platform>" link: a change to it reaches the cached
film page on the next request (rights is among the apps whose writes bump the public pages)."""

import pytest
from django.core.cache import cache

from films.models import Film
from programs.models import Cohort
from rights.services import licence_update
from tests.factories import FilmFactory, ScreeningFilmFactory
from tests.factories.rights import LicenceFactory, online_exhibition

pytestmark = pytest.mark.django_db


def test_ending_a_licence_takes_the_watch_link_off_the_cached_film_page(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    film = FilmFactory(is_published=True, cohort__status=Cohort.Status.PREMIERED)
    licence = LicenceFactory(film=film)
    online = online_exhibition(film.cohort, platform_url="https://watch.example.org/talents")
    ScreeningFilmFactory(screening=online, film=film)
    url = Film.objects.get(pk=film.pk).get_absolute_url()
    assert "https://watch.example.org/talents" in client.get(url).text
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        licence_update(licence=licence, ends_on=licence.starts_on)

    assert "https://watch.example.org/talents" not in client.get(url).text
