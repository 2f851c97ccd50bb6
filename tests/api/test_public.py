"""The public endpoints: what they show (public rows only, consented fields only, both
languages), filters and their 400s, ETag/Last-Modified revalidation, the cache, query counts."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from films.models import Film
from films.services import film_update
from programs.models import Cohort
from tests.factories import (
    CohortFactory,
    CreditFactory,
    FilmFactory,
    MentorFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    TalentFactory,
)
from tests.factories.rights import LicenceFactory

pytestmark = pytest.mark.django_db


def get(client, name, query=None, **kwargs):
    headers = kwargs.pop("headers", {})
    return client.get(reverse(f"api:{name}", kwargs=kwargs or None), query or {}, **headers)


def test_films_list_shows_only_public_films_in_both_languages(client):
    FilmFactory(title_en="The Cage", title_zh="笼")
    FilmFactory(title_en="Unpublished", is_published=False)
    FilmFactory(title_en="Planning", cohort=CohortFactory(status=Cohort.Status.PLANNING))

    response = get(client, "films")

    assert response.status_code == 200
    assert [film["title"] for film in response.json()["results"]] == [
        {"zh": "笼", "en": "The Cage"}
    ]


def test_film_detail_has_poster_sizes_credits_screenings_and_watch_windows(client):
    now = timezone.now()
    film = FilmFactory(
        poster_status=Film.PosterStatus.READY,
        poster_width=800,
        poster_height=1200,
        poster_alt_en="A cage",
        poster_thumbnails=[
            {
                "width": 320,
                "height": 480,
                "format": "webp",
                "name": "posters/a-320.webp",
                "bytes": 9,
            }
        ],
    )
    CreditFactory(film=film, name_latin="Li Ming")
    LicenceFactory(film=film)  # the watch window follows an active streaming licence (rights)
    online = ScreeningFactory(
        cohort=film.cohort,
        kind="online",
        platform_name_en="iQIYI",
        platform_url="https://www.iqiyi.com/",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=5),
    )
    ScreeningFilmFactory(screening=online, film=film)

    body = get(client, "film", edition=film.cohort.slug, slug=film.slug).json()

    assert body["poster"]["thumbnails"] == [
        {
            "width": 320,
            "height": 480,
            "format": "webp",
            "bytes": 9,
            "url": "/media/posters/a-320.webp",
        }
    ]
    assert body["poster"]["alt"] == {"zh": "", "en": "A cage"}
    assert [credit["name_latin"] for credit in body["credits"]] == ["Li Ming"]
    assert [screening["slug"] for screening in body["screenings"]] == [online.slug]
    assert body["watch_windows"][0]["platform"] == "iQIYI"
    assert body["watch_windows"][0]["url"] == "https://www.iqiyi.com/"


def test_unpublished_film_detail_is_404_in_the_error_shape(client):
    film = FilmFactory(is_published=False)

    response = get(client, "film", edition=film.cohort.slug, slug=film.slug)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_director_shows_only_consented_personal_fields(client):
    talent = TalentFactory(
        hometown_en="Chengdu",
        birth_year=1995,
        links=[{"url": "https://example.org/"}],
        publish_hometown=True,
        publish_birth_year=False,
        publish_links=False,
    )
    FilmFactory(director=talent)

    body = get(client, "director", slug=talent.slug).json()

    assert body["hometown"] == {"zh": "", "en": "Chengdu"}
    assert body["birth_year"] is None
    assert body["links"] is None
    assert body["headshot"] is None
    assert "email" not in body


def test_film_filters_by_edition_genre_language_and_search(client):
    cage = FilmFactory(title_en="The Cage", genre="drama", language_en="Mandarin")
    FilmFactory(title_en="Angle", genre="thriller", cohort=cage.cohort)
    FilmFactory(title_en="Tiger", genre="drama")

    def titles(query):
        return [f["title"]["en"] for f in get(client, "films", query).json()["results"]]

    assert titles({"edition": cage.cohort.slug, "genre": "drama"}) == ["The Cage"]
    assert titles({"language": "mandarin"}) == ["The Cage"]
    assert titles({"search": "angl"}) == ["Angle"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"genre": "musical"}, "genre"),
        ({"edition": "not a slug"}, "edition"),
        ({"page": "0"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"colour": "red"}, "colour"),
        ({"search": "x" * 101}, "search"),
    ],
)
def test_invalid_film_filter_answers_400_naming_the_field(client, query, field):
    response = get(client, "films", query, headers={"HTTP_ACCEPT_LANGUAGE": "en"})

    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, "invalid")
    assert list(error["fields"]) == [field]


def test_invalid_filter_message_is_in_the_requesters_language(client):
    english = get(client, "films", {"genre": "musical"}, headers={"HTTP_ACCEPT_LANGUAGE": "en"})
    chinese = get(
        client, "films", {"genre": "musical"}, headers={"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
    )

    assert english.json()["error"]["message"] == "Some values are not valid."
    assert chinese.json()["error"]["message"] == "部分取值无效。"


def test_film_answers_304_to_its_etag_and_to_if_modified_since(client):
    film = FilmFactory()
    first = get(client, "film", edition=film.cohort.slug, slug=film.slug)

    by_etag = get(
        client,
        "film",
        edition=film.cohort.slug,
        slug=film.slug,
        headers={"HTTP_IF_NONE_MATCH": first["ETag"]},
    )
    by_date = get(
        client,
        "film",
        edition=film.cohort.slug,
        slug=film.slug,
        headers={"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]},
    )

    assert first.status_code == 200
    assert (by_etag.status_code, by_etag.content) == (304, b"")
    assert by_date.status_code == 304


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()


def test_cached_films_list_is_served_and_revalidated_without_queries(
    client, page_cache, django_assert_num_queries
):
    FilmFactory()
    first = get(client, "films")

    with django_assert_num_queries(0):
        hit = get(client, "films")
        revalidation = get(client, "films", headers={"HTTP_IF_NONE_MATCH": first["ETag"]})

    assert hit["X-Page-Cache"] == "hit"
    assert hit.content == first.content
    assert revalidation.status_code == 304


@pytest.mark.parametrize("first, then", [("zh-hans", "en"), ("en", "zh-hans")])
def test_a_cached_answer_says_the_language_of_the_request_it_answers(
    client, page_cache, first, then
):
    # Bug: the answer cached for one language was served, with its Content-Language, to a
    # request in the other (the key had no language; the answer says Vary: Accept-Language).
    FilmFactory()
    get(client, "films", headers={"HTTP_ACCEPT_LANGUAGE": first})

    answers = [get(client, "films", headers={"HTTP_ACCEPT_LANGUAGE": then}) for _ in range(2)]

    assert [answer["Content-Language"] for answer in answers] == [then, then]
    assert answers[1]["X-Page-Cache"] == "hit"
    assert "Accept-Language" in answers[1]["Vary"]


def test_cached_film_changes_on_the_next_request_after_a_change(
    client, page_cache, django_capture_on_commit_callbacks
):
    film = FilmFactory(title_en="The Cage")
    first = get(client, "film", edition=film.cohort.slug, slug=film.slug)

    with django_capture_on_commit_callbacks(execute=True):
        film_update(film=film, title_en="The Cage (restored)")
    after = get(
        client,
        "film",
        edition=film.cohort.slug,
        slug=film.slug,
        headers={"HTTP_IF_NONE_MATCH": first["ETag"]},
    )

    assert after.status_code == 200
    assert after.json()["title"]["en"] == "The Cage (restored)"
    assert after["ETag"] != first["ETag"]


@pytest.mark.parametrize("count", [1, 12])
def test_films_list_query_count_is_fixed(client, django_assert_num_queries, count):
    cohort = CohortFactory()
    for _ in range(count):
        FilmFactory(cohort=cohort)

    with django_assert_num_queries(2):  # count, page
        response = get(client, "films")

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 8])
def test_film_detail_query_count_is_fixed(client, django_assert_num_queries, count):
    film = FilmFactory()
    for _ in range(count):
        CreditFactory(film=film)
        ScreeningFilmFactory(screening=ScreeningFactory(cohort=film.cohort), film=film)

    with django_assert_num_queries(3):  # film, credits, screenings
        response = get(client, "film", edition=film.cohort.slug, slug=film.slug)

    assert len(response.json()["credits"]) == count


@pytest.mark.parametrize("count", [1, 8])
def test_other_lists_query_counts_are_fixed(client, django_assert_num_queries, count):
    cohort = CohortFactory()
    for _ in range(count):
        film = FilmFactory(cohort=cohort, producer=MentorFactory())
        ScreeningFilmFactory(screening=ScreeningFactory(cohort=cohort), film=film)

    with django_assert_num_queries(2):
        get(client, "editions")
    with django_assert_num_queries(2):
        directors = get(client, "directors")
    with django_assert_num_queries(3):  # count, page, the screenings' public films
        screenings = get(client, "screenings")
    with django_assert_num_queries(2):
        mentors = get(client, "mentors")

    assert directors.json()["count"] == count
    assert mentors.json()["count"] == count
    assert screenings.json()["count"] == count


def test_schema_is_openapi_3_and_lists_public_and_token_endpoints(client):
    response = client.get(reverse("api:schema"), {"format": "json"})

    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/films/" in schema["paths"]
    assert "/api/v1/enrollments/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


def test_schema_documents_revalidation_rate_limits_and_the_error_shape(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()

    films = schema["paths"]["/api/v1/films/"]["get"]
    applications = schema["paths"]["/api/v1/applications/"]["get"]
    assert {p["name"] for p in films["parameters"] if p["in"] == "header"} == {
        "If-None-Match",
        "If-Modified-Since",
    }
    assert set(films["responses"]["200"]["headers"]) == {"ETag", "Last-Modified"}
    assert "304" in films["responses"]
    assert "304" not in applications["responses"]
    assert applications["responses"]["429"]["headers"]["Retry-After"]["required"] is True
    assert "429" not in films["responses"]
    assert "HMAC-SHA256" in schema["info"]["description"]


def test_docs_page_loads_only_our_own_files_under_the_strict_csp(client):
    response = client.get(reverse("api:docs"))
    script = client.get(reverse("api:docs"), {"script": ""})

    page = response.content.decode()
    assert "<style" not in page
    assert "<script>" not in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()
