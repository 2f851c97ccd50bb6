"""What each public page shows, and the 404s of what is not public."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from films.models import Film
from programs.models import Cohort
from talents.models import Enrollment
from tests.factories import (
    CohortFactory,
    FilmFactory,
    MentorFactory,
    PanelMembershipFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    TalentFactory,
)
from tests.factories.festival import festival_build

pytestmark = pytest.mark.django_db


def test_home_presents_the_newest_cohort_that_is_not_in_planning(client):
    festival = festival_build(size=2, year=2031)
    CohortFactory(year=2032, status=Cohort.Status.PLANNING, edition_en="Next year's edition")

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["cohort"] == festival.cohort
    assert response.context["films"] == sorted(festival.films, key=lambda f: f.title_en)
    assert "Next year's edition" not in response.text
    assert festival.panel[0].mentor.display_name in response.text
    assert "Partner" in response.text


def test_home_lists_only_upcoming_screenings(client):
    festival = festival_build(size=1)

    response = client.get(reverse("home"))

    now = timezone.now()
    assert response.context["upcoming"]
    assert all(screening.ends_at > now for screening in response.context["upcoming"])
    assert set(response.context["upcoming"]) <= set(festival.screenings)


def test_home_without_any_public_cohort_says_the_edition_is_coming(client):
    CohortFactory(status=Cohort.Status.PLANNING)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["cohort"] is None
    assert "The next edition is being prepared." in response.text


def test_film_page_shows_titles_people_credits_and_screenings(client):
    festival = festival_build(size=1)
    film = festival.film

    response = client.get(film.get_absolute_url())

    assert response.status_code == 200
    assert f'<h1 class="film__title">{film.title_en}</h1>' in response.text
    assert f'<p class="film__other-title" lang="zh-Hans">{film.title_zh}</p>' in response.text
    assert film.director.get_absolute_url() in response.text
    assert film.producer.get_absolute_url() in response.text
    assert [c.role for c in response.context["credits"]] == ["editor", "cast"]
    assert [e.screening for e in response.context["entries"]] == sorted(
        (s for s in _screenings_of(film)), key=lambda s: s.starts_at
    )


def _screenings_of(film: Film):
    return [entry.screening for entry in film.screening_entries.select_related("screening")]


def test_film_page_poster_is_a_responsive_picture_with_webp_and_jpeg(client):
    film = festival_build(size=1).film

    response = client.get(film.get_absolute_url())

    html = response.text
    assert '<source type="image/webp" srcset="/media/posters/thumbs/p-320w.webp 320w, ' in html
    assert (
        'srcset="/media/posters/thumbs/p-320w.jpeg 320w, /media/posters/thumbs/p-640w.jpeg 640w"'
        in html
    )
    assert 'width="640" height="960" alt="A poster"' in html


def test_film_page_shows_a_placeholder_while_the_poster_is_processed(client):
    film = FilmFactory(
        cohort__status=Cohort.Status.TRAINING,
        poster="posters/new.jpg",
        poster_alt_en="A poster",
        poster_status=Film.PosterStatus.PROCESSING,
    )

    response = client.get(film.get_absolute_url())

    assert "<picture>" not in response.text
    assert "Poster processing" in response.text


def test_film_page_offers_watching_while_the_online_window_is_open(client):
    film = festival_build(size=1).film

    response = client.get(film.get_absolute_url())

    # The page shows festival time: from 16:00 UTC the end falls on the next Beijing day.
    until = timezone.localtime(response.context["watch_windows"][0].until)
    assert response.context["watch_windows"][0].platform_name == "Tencent Video"
    assert f"Watch on Tencent Video until {until:%b}. {until.day}, {until.year}" in response.text


def test_film_page_offers_no_watching_after_the_online_window(client):
    film = FilmFactory(cohort__status=Cohort.Status.PREMIERED)
    past = timezone.now() - datetime.timedelta(days=10)
    online = ScreeningFactory(
        cohort=film.cohort,
        kind="online",
        venue=None,
        platform_url="https://v.example.org/x",
        platform_name_en="Tencent Video",
        starts_at=past,
        ends_at=past + datetime.timedelta(days=3),
    )
    ScreeningFilmFactory(screening=online, film=film)

    response = client.get(film.get_absolute_url())

    assert response.context["watch_windows"] == []
    assert "Watch on" not in response.text


@pytest.mark.parametrize(
    "hidden",
    [
        {"is_published": False},
        {"cohort__status": Cohort.Status.PLANNING},
    ],
    ids=["unpublished", "planning-cohort"],
)
def test_film_page_is_404_when_not_public(client, hidden):
    film = FilmFactory(**hidden)

    response = client.get(film.get_absolute_url())

    assert response.status_code == 404


def test_film_page_is_404_when_its_director_withdrew(client):
    film = FilmFactory()
    film.director.enrollments.update(status=Enrollment.Status.WITHDRAWN)

    response = client.get(film.get_absolute_url())

    assert response.status_code == 404


def test_director_page_shows_bio_and_published_films_only(client):
    festival = festival_build(size=1)
    talent = festival.film.director
    hidden = FilmFactory(
        cohort=festival.cohort, director=talent, is_published=False, enrolled=False
    )

    response = client.get(talent.get_absolute_url())

    assert response.status_code == 200
    assert response.context["films"] == [festival.film]
    assert hidden.title_en not in response.text
    assert "Makes short films." in response.text


def test_director_page_shows_only_the_personal_fields_consented_to(client):
    talent = TalentFactory(
        email="private@example.org",
        birth_year=1995,
        hometown_en="Chengdu",
        background_en="Film school graduate",
        links=[{"label": "Vimeo", "url": "https://vimeo.example.org/me"}],
        publish_birth_year=False,
        publish_hometown=False,
        publish_links=False,
        publish_background=True,
    )
    FilmFactory(director=talent)

    response = client.get(talent.get_absolute_url())

    assert "Film school graduate" in response.text
    for private in ("private@example.org", "1995", "Chengdu", "vimeo.example.org"):
        assert private not in response.text


def test_director_page_shows_personal_fields_once_consented(client):
    talent = TalentFactory(
        birth_year=1995,
        hometown_en="Chengdu",
        links=[{"label": "Vimeo", "url": "https://vimeo.example.org/me"}],
        publish_birth_year=True,
        publish_hometown=True,
        publish_links=True,
    )
    FilmFactory(director=talent)

    response = client.get(talent.get_absolute_url())

    for published in ("1995", "Chengdu", "https://vimeo.example.org/me"):
        assert published in response.text


@pytest.mark.parametrize(
    ("enrollment_status", "cohort_status"),
    [
        (Enrollment.Status.WITHDRAWN, Cohort.Status.TRAINING),
        (Enrollment.Status.ACTIVE, Cohort.Status.PLANNING),
    ],
    ids=["withdrawn", "planning-cohort"],
)
def test_director_page_is_404_when_not_public(client, enrollment_status, cohort_status):
    talent = TalentFactory()
    cohort = CohortFactory(status=cohort_status)
    talent.enrollments.create(cohort=cohort, status=enrollment_status)

    response = client.get(talent.get_absolute_url())

    assert response.status_code == 404


def test_director_page_is_404_for_a_talent_never_enrolled(client):
    talent = TalentFactory()

    response = client.get(talent.get_absolute_url())

    assert response.status_code == 404


def test_mentor_page_shows_panel_seats_and_produced_films(client):
    festival = festival_build(size=1)
    producer = festival.film.producer
    PanelMembershipFactory(cohort=festival.cohort, mentor=producer, role="supervisor")

    response = client.get(producer.get_absolute_url())

    assert response.status_code == 200
    assert response.context["films"] == [festival.film]
    assert [seat.role for seat in response.context["seats"]] == ["supervisor"]
    assert "Supervisor" in response.text


def test_mentor_page_hides_unconsented_photo_links_and_email(client):
    mentor = MentorFactory(
        email="mentor@example.org",
        photo="mentors/face.jpg",
        photo_alt_en="Portrait",
        links=[{"label": "Site", "url": "https://mentor.example.org"}],
    )
    PanelMembershipFactory(mentor=mentor)

    response = client.get(mentor.get_absolute_url())

    assert response.status_code == 200
    for private in ("mentor@example.org", "mentors/face.jpg", "mentor.example.org"):
        assert private not in response.text


def test_mentor_page_shows_photo_and_links_once_consented(client):
    mentor = MentorFactory(
        photo="mentors/face.jpg",
        photo_alt_en="Portrait of the mentor",
        links=[{"label": "Site", "url": "https://mentor.example.org"}],
        publish_photo=True,
        publish_links=True,
    )
    PanelMembershipFactory(mentor=mentor)

    response = client.get(mentor.get_absolute_url())

    assert 'src="/media/mentors/face.jpg" alt="Portrait of the mentor"' in response.text
    assert 'href="https://mentor.example.org"' in response.text


def test_mentor_page_is_404_without_a_public_role(client):
    mentor = MentorFactory()
    PanelMembershipFactory(mentor=mentor, cohort__status=Cohort.Status.PLANNING)
    FilmFactory(producer=mentor, is_published=False)

    response = client.get(mentor.get_absolute_url())

    assert response.status_code == 404


def test_cohort_page_shows_directors_films_panel_and_partners(client):
    festival = festival_build(size=2)
    withdrawn = TalentFactory(name_latin="Gone Away")
    withdrawn.enrollments.create(cohort=festival.cohort, status=Enrollment.Status.WITHDRAWN)

    response = client.get(festival.cohort.get_absolute_url())

    assert response.status_code == 200
    assert {e.talent for e in response.context["directors"]} == set(festival.directors)
    assert set(response.context["films"]) == set(festival.films)
    assert response.context["panel"] == festival.panel
    assert len(response.context["partnerships"]) == 2
    assert "Gone Away" not in response.text


def test_cohort_page_is_404_while_planning(client):
    cohort = CohortFactory(status=Cohort.Status.PLANNING)

    response = client.get(cohort.get_absolute_url())

    assert response.status_code == 404


def test_cohort_archive_lists_public_cohorts_newest_first(client):
    old = CohortFactory(year=2021, status=Cohort.Status.ARCHIVED)
    new = CohortFactory(year=2024, status=Cohort.Status.PREMIERED)
    CohortFactory(year=2026, status=Cohort.Status.PLANNING)

    response = client.get(reverse("programs:cohort_list"))

    assert response.context["cohorts"] == [new, old]


def test_screening_list_splits_upcoming_and_past(client):
    festival = festival_build(size=2)
    hidden = ScreeningFactory(cohort=festival.cohort, is_published=False, title_en="Secret")

    response = client.get(reverse("screenings:list"))

    now = timezone.now()
    assert all(s.ends_at > now for s in response.context["upcoming"])
    assert all(s.ends_at <= now for s in response.context["past"])
    assert len(response.context["upcoming"]) + len(response.context["past"]) == 5
    assert hidden.title_en not in response.text


def test_screening_page_shows_venue_and_films_in_order(client):
    screening = ScreeningFactory(cohort__status=Cohort.Status.PREMIERED)
    first = FilmFactory(cohort=screening.cohort, title_en="First Film")
    second = FilmFactory(cohort=screening.cohort, title_en="Second Film")
    unpublished = FilmFactory(cohort=screening.cohort, is_published=False, title_en="Not Yet")
    ScreeningFilmFactory(screening=screening, film=second, order=2)
    ScreeningFilmFactory(screening=screening, film=unpublished, order=3)
    ScreeningFilmFactory(screening=screening, film=first, order=1)

    response = client.get(screening.get_absolute_url())

    assert [e.film for e in response.context["screening"].public_entries] == [first, second]
    assert screening.venue.name_en in response.text
    assert "Not Yet" not in response.text


def test_online_screening_page_links_the_platform(client):
    online = festival_build(size=1).screenings[-1]

    response = client.get(online.get_absolute_url())

    assert (
        '<a href="https://v.example.org/talents" rel="noopener">Tencent Video</a>' in response.text
    )


@pytest.mark.parametrize(
    "hidden",
    [{"is_published": False}, {"cohort__status": Cohort.Status.PLANNING}],
    ids=["unpublished", "planning-cohort"],
)
def test_screening_page_is_404_when_not_public(client, hidden):
    screening = ScreeningFactory(**hidden)

    response = client.get(screening.get_absolute_url())

    assert response.status_code == 404


def test_unknown_page_answers_the_friendly_404(client):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "This page is not in our program" in response.text


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "Sorry, something went wrong" in html
    assert "抱歉，出了点问题" in html


def test_footer_shows_the_icp_licence_when_set(client, settings):
    settings.ICP_LICENCE = "京ICP备12345678号"
    CohortFactory()

    response = client.get(reverse("home"))

    assert (
        '<a href="https://beian.miit.gov.cn/" rel="noopener">京ICP备12345678号</a>' in response.text
    )


def test_footer_has_no_icp_line_when_unset(client, settings):
    settings.ICP_LICENCE = ""

    response = client.get(reverse("home"))

    assert "beian.miit.gov.cn" not in response.text


def test_home_of_a_cohort_still_in_training_announces_the_premiere(client):
    CohortFactory(status=Cohort.Status.TRAINING, premiere_date=datetime.date(2031, 8, 20))

    response = client.get(reverse("home"))

    assert response.context["films"] == []
    assert "The directors of this edition are making their films now." in response.text
    assert "The premiere is on Aug. 20, 2031." in response.text
