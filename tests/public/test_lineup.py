"""The lineup: filters, search in both scripts, pagination and hostile query strings."""

import pytest
from django.db import connection
from django.urls import reverse

from films.selectors import (
    LineupFilter,
    directors_matching,
    film_search_matches,
    lineup_films,
)
from programs.models import Cohort
from tests.factories import CohortFactory, FilmFactory, TalentFactory
from website.forms import LineupFilterForm

pytestmark = pytest.mark.django_db


def _lineup(client, **params):
    return client.get(reverse("films:lineup"), params)


def _titles(response) -> list[str]:
    return [film.title_en for film in response.context["page"].object_list]


def test_lineup_lists_only_public_films(client):
    FilmFactory(title_en="Shown")
    FilmFactory(title_en="Draft", is_published=False)
    FilmFactory(title_en="Planned", cohort__status=Cohort.Status.PLANNING)

    response = _lineup(client)

    assert _titles(response) == ["Shown"]


def test_lineup_filters_by_cohort(client):
    cohort = CohortFactory(year=2024)
    FilmFactory(cohort=cohort, title_en="This year")
    FilmFactory(cohort=CohortFactory(year=2023), title_en="Last year")

    response = _lineup(client, cohort=cohort.slug)

    assert _titles(response) == ["This year"]


def test_lineup_filters_by_genre(client):
    FilmFactory(genre="comedy", title_en="Funny")
    FilmFactory(genre="drama", title_en="Sad")

    response = _lineup(client, genre="comedy")

    assert _titles(response) == ["Funny"]


@pytest.mark.parametrize(
    "query",
    ["牢笼", "the cage", "CAGE", "陈林", "chen lin", "鸟", "bird"],
    ids=[
        "zh-title",
        "en-title",
        "en-title-case",
        "zh-director",
        "latin-director",
        "zh-logline",
        "en-logline",
    ],
)
def test_lineup_search_finds_a_film_in_either_script(client, query):
    director = TalentFactory(name_original="陈林鹏", name_latin="Chen Linpeng")
    FilmFactory(
        director=director,
        title_zh="牢笼",
        title_en="The Cage",
        logline_zh="一只鸟想飞出去。",
        logline_en="A bird wants out.",
    )
    FilmFactory(title_zh="角度", title_en="Angle", logline_zh="别的", logline_en="Other")

    response = _lineup(client, q=query)

    assert _titles(response) == ["The Cage"]


def test_lineup_search_with_no_match_says_so(client):
    FilmFactory()

    response = _lineup(client, q="nothing like this")

    assert response.status_code == 200
    assert _titles(response) == []
    assert "No film matches" in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"page": "99999999999999999999"},
        {"page": "abc"},
        {"genre": "porn"},
        {"cohort": "no-such-cohort"},
        {"q": "x" * 101},
    ],
    ids=["nul-byte", "huge-page", "text-page", "unknown-genre", "unknown-cohort", "long-q"],
)
def test_lineup_answers_400_to_an_invalid_query_string(client, params):
    FilmFactory()

    response = _lineup(client, **params)

    assert response.status_code == 400


@pytest.mark.parametrize(
    "params",
    [{"q": "\x00"}, {"page": "99999999999999999999"}, {"page": "0"}, {"genre": "porn"}],
    ids=["nul-byte", "huge-page", "page-zero", "unknown-genre"],
)
def test_lineup_form_rejects_what_must_not_reach_the_database(params):
    form = LineupFilterForm(params, cohorts=[])

    assert form.is_valid() is False


def test_lineup_shows_24_films_a_page(client):
    cohort = CohortFactory()
    for number in range(25):
        FilmFactory(cohort=cohort, title_en=f"Film {number:02d}")

    first = _lineup(client)
    second = _lineup(client, page=2)

    assert len(first.context["page"].object_list) == 24
    assert _titles(second) == ["Film 24"]
    assert 'rel="next" href="?page=2"' in first.text


def test_lineup_page_links_keep_the_filters(client):
    cohort = CohortFactory()
    for _ in range(25):
        FilmFactory(cohort=cohort, genre="drama")

    response = _lineup(client, genre="drama", page=1)

    assert 'href="?genre=drama&amp;page=2"' in response.text


def test_lineup_page_beyond_the_last_shows_the_last_page(client):
    FilmFactory(title_en="Only")

    response = _lineup(client, page=50)

    assert response.status_code == 200
    assert _titles(response) == ["Only"]


def test_lineup_form_controls_are_labelled(client):
    response = _lineup(client)

    for field in ("q", "cohort", "genre"):
        assert f'<label for="id_{field}">' in response.text


def test_lineup_search_finds_the_matching_films_through_their_indexes():
    """On PostgreSQL the trigram GIN indexes (the films' search text, films/migrations/0012;
    the directors' names, 0002) find the matching films, and the lineup then reads those films
    by their ids; SQLite has no such index and scans, which the plan shows too."""
    FilmFactory(title_zh="老虎在心中", title_en="The Tiger Within")
    FilmFactory(title_zh="洛桑", title_en="Lausanne")
    films = lineup_films(LineupFilter(query="老虎"))

    plan = _query_plan(film_search_matches("老虎"))
    directors_plan = _query_plan(directors_matching("老虎"))

    assert [film.title_en for film in films] == ["The Tiger Within"]
    if connection.vendor == "postgresql":
        assert "Bitmap Index Scan on films_film_search_text_trgm" in plan
        assert "Bitmap Index Scan on talents_talent_name_original_trgm" in directors_plan
    else:
        assert "SCAN" in plan


def test_lineup_search_matches_each_field_and_the_director_but_never_across_two_fields():
    cage = FilmFactory(title_en="The Cage", logline_en="A keeper and a bird")
    river = FilmFactory(title_zh="河", logline_zh="一条河的传说")
    by_director = FilmFactory(director=TalentFactory(name_latin="Chen Linpeng"))

    def found(query):
        return {film.pk for film in lineup_films(LineupFilter(query=query))}

    assert found("cage") == found("KEEPER") == {cage.pk}
    assert found("传说") == {river.pk}
    assert found("linpeng") == {by_director.pk}
    # Titles and loglines are joined by a line break: no query spans two of them.
    assert found("Cage A keeper") == set()
    assert found("CageA") == set()


def test_a_common_word_is_searched_as_a_condition_with_the_same_answer(monkeypatch):
    films = [FilmFactory(title_en=f"River {n}") for n in range(3)]
    by_ids = lineup_films(LineupFilter(query="river"))
    monkeypatch.setattr("films.selectors.SEARCH_IDS_AT_MOST", 2)

    as_condition = lineup_films(LineupFilter(query="river"))

    assert {f.pk for f in by_ids} == {f.pk for f in as_condition} == {f.pk for f in films}
    assert "RIVER" not in str(by_ids.query).upper()
    assert "RIVER" in str(as_condition.query).upper()


def _query_plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test table is tiny: without this the planner rightly prefers a scan.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(" ".join(map(str, row)) for row in cursor.fetchall())


def test_lineup_counts_only_so_far_past_the_page_and_says_more_than(client, monkeypatch):
    # The count looks LINEUP_COUNT_AHEAD films past the page asked for (1,000 in production):
    # 30 here, so 60 films are "more than 54" on page 1 and counted exactly from page 2 on.
    monkeypatch.setattr("website.views.films.LINEUP_COUNT_AHEAD", 30)
    cohort = CohortFactory()
    for number in range(60):
        FilmFactory(cohort=cohort, title_en=f"Film {number:02d}")

    first = _lineup(client)
    second = _lineup(client, page=2)
    third = _lineup(client, page=3)

    assert "More than 54 films" in first.text
    assert '<span aria-current="page">Page 1</span>' in first.text
    assert 'rel="next" href="?page=2"' in first.text
    assert "60 films" in second.text and "More than" not in second.text
    assert "Page 2 of 3" in second.text
    assert _titles(third) == [f"Film {number}" for number in range(48, 60)]


def test_lineup_more_than_speaks_chinese(client, monkeypatch):
    monkeypatch.setattr("website.views.films.LINEUP_COUNT_AHEAD", 1)
    cohort = CohortFactory()
    for _ in range(30):
        FilmFactory(cohort=cohort)

    response = client.get("/zh-hans/films/")

    assert "超过 25 部影片" in response.text
    assert '<span aria-current="page">第1页</span>' in response.text


def test_lineup_search_lists_a_film_matching_by_title_and_by_director_once(client):
    director = TalentFactory(name_latin="River Wang")
    by_director = FilmFactory(director=director, title_en="Home")
    FilmFactory(title_en="The River", logline_en="A river at night.")
    FilmFactory(director=director, title_en="River Again")  # matches both ways: listed once
    FilmFactory(title_en="Mountain")

    response = _lineup(client, q="river")

    assert sorted(_titles(response)) == ["Home", "River Again", "The River"]
    assert "3 films" in response.text
    assert by_director.title_en in _titles(response)
