"""Each web process keeps the public pages it served for PUBLIC_PAGE_PROCESS_SECONDS: served again
without asking the shared cache, cleared by a change made through this process, refreshed after
that time for a change made elsewhere; bounded in bytes."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from core import public_cache
from core.public_cache import VERSION_KEY, recent_pages
from core.recent_answers import RecentAnswers
from films.models import Film
from films.services import film_update
from tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(settings, monkeypatch):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    settings.PUBLIC_PAGE_PROCESS_SECONDS = 1
    cache.clear()
    recent_pages.clear()
    clock = Clock()
    monkeypatch.setattr(recent_pages, "clock", clock)
    return clock


def film_page(client, film, **headers):
    return client.get(
        reverse("films:detail", kwargs={"cohort": film.cohort.slug, "slug": film.slug}),
        HTTP_ACCEPT_LANGUAGE="en",
        **headers,
    )


def films_api(client, **headers):
    return client.get(reverse("api:films"), **headers)


def shared_cache_asked(monkeypatch) -> list:
    asked = []
    get_many = cache.get_many

    def counted(keys, *args, **kwargs):
        asked.append(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counted)
    return asked


def test_a_page_served_a_moment_ago_is_served_again_without_asking_the_shared_cache(
    client, clock, monkeypatch, django_assert_num_queries
):
    FilmFactory(title_en="The Cage")
    first = films_api(client)
    asked = shared_cache_asked(monkeypatch)

    clock.now += 0.9
    with django_assert_num_queries(0):
        again = films_api(client)
        revalidation = films_api(client, HTTP_IF_NONE_MATCH=first["ETag"])

    assert asked == []
    assert (again["X-Page-Cache"], again.content) == ("hit", first.content)
    assert revalidation.status_code == 304


def test_a_change_made_through_this_process_shows_on_the_next_request(client, clock, committed):
    film = FilmFactory(title_en="The Cage")
    assert "The Cage" in film_page(client, film).content.decode()
    assert len(recent_pages) == 1

    committed(film_update, film=film, title_en="The Cage (restored)")

    assert len(recent_pages) == 0
    assert "The Cage (restored)" in film_page(client, film).content.decode()


def test_a_change_made_elsewhere_shows_once_the_copy_is_older_than_the_setting(client, clock):
    film = FilmFactory(title_en="The Cage")
    film_page(client, film)
    # Another process: the row changed and the shared version bumped, this process not told.
    Film.objects.filter(pk=film.pk).update(title_en="The Cage (restored)")
    public_cache._bump(VERSION_KEY)

    clock.now += 0.5
    within = film_page(client, film).content.decode()
    clock.now += 0.5
    after = film_page(client, film).content.decode()

    assert "The Cage (restored)" not in within
    assert "The Cage (restored)" in after


def test_off_every_request_asks_the_shared_cache(client, clock, settings, monkeypatch):
    settings.PUBLIC_PAGE_PROCESS_SECONDS = 0
    FilmFactory()
    films_api(client)
    asked = shared_cache_asked(monkeypatch)

    answers = [films_api(client)["X-Page-Cache"] for _ in range(3)]

    assert answers == ["hit"] * 3
    assert len(asked) == 3
    assert len(recent_pages) == 0


def test_copies_are_bounded_in_bytes_the_least_recently_used_first_to_go():
    clock = Clock()
    answers = RecentAnswers(max_bytes=100, clock=clock)
    for key in ("a", "b", "c"):
        answers.keep(key, key.upper(), size=40, generation=answers.generation)
        if key == "b":
            assert answers.get("a", 1) == "A"  # a is now the most recently used

    assert [answers.get(key, 1) for key in ("a", "b", "c")] == ["A", None, "C"]
    answers.keep("huge", "H", size=101, generation=answers.generation)
    assert answers.get("huge", 1) is None and len(answers) == 2


def test_an_answer_read_before_a_clear_is_not_kept_after_it():
    answers = RecentAnswers(max_bytes=100)
    read_at = answers.generation

    answers.clear()
    answers.keep("a", "stale", size=10, generation=read_at)

    assert answers.get("a", 1) is None


def test_a_copy_is_dropped_once_older_than_asked():
    clock = Clock()
    answers = RecentAnswers(max_bytes=100, clock=clock)
    answers.keep("a", "A", size=10, generation=answers.generation)

    clock.now += 0.99
    assert answers.get("a", 1) == "A"
    clock.now += 0.01
    assert answers.get("a", 1) is None and len(answers) == 0


def test_a_page_another_thread_read_while_the_version_was_bumped_is_not_kept(clock, monkeypatch):
    shared_bump = public_cache._bump

    def bump_with_a_reader_in_between(key):
        # Another thread (a threaded server) reads the shared cache just before the bump lands.
        read_at = recent_pages.generation
        shared_bump(key)
        recent_pages.keep("page", (0, b"old", []), size=3, generation=read_at)

    monkeypatch.setattr(public_cache, "_bump", bump_with_a_reader_in_between)
    public_cache._public_bump()

    assert recent_pages.get("page", 1) is None
