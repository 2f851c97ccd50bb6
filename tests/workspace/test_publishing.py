import pytest
from django.urls import reverse
from django.utils import translation

from films.models import Film
from films.publishing import publishing_blockers, screening_blockers
from screenings.models import ScreeningFilm
from tests.factories import FilmFactory, MilestoneFactory, ScreeningFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def ready_film(**fields) -> Film:
    defaults = {
        "is_published": False,
        "poster": "posters/ready.jpg",
        "poster_alt_zh": "海报",
        "poster_alt_en": "The poster",
    }
    return FilmFactory(**{**defaults, **fields})


def test_publishing_blockers_name_every_missing_piece():
    film = FilmFactory(
        is_published=False, title_en="", logline_zh="", logline_en="", poster="", poster_alt_en=""
    )

    with translation.override("en"):
        blockers = publishing_blockers(film)

    assert blockers == [
        "Add the English title.",
        "Add a logline.",
        "Add a poster.",
        "Describe the poster in Chinese (alt text).",
        "Describe the poster in English (alt text).",
    ]


def test_publishing_blockers_name_the_unapproved_gating_milestone():
    film = ready_film()
    gate = MilestoneFactory(cohort=film.cohort, order=1, name_en="Poster", gates_publishing=True)
    MilestoneFactory(cohort=film.cohort, order=2, gates_screening=True)

    with translation.override("en"):
        blockers = publishing_blockers(film)

    assert blockers == [f"The milestone “{gate}” is not approved yet."]


def test_publishing_blockers_empty_when_gating_milestone_approved():
    film = ready_film()
    gate = MilestoneFactory(
        cohort=film.cohort, gates_publishing=True, deliverable_kind="video_link"
    )
    SubmissionFactory(film=film, milestone=gate, status="approved")

    assert publishing_blockers(film) == []


@pytest.mark.parametrize(
    "loglines",
    [{"logline_zh": "一句话", "logline_en": ""}, {"logline_zh": "", "logline_en": "One line"}],
)
def test_publishing_blockers_accept_a_logline_in_either_language(loglines):
    film = ready_film(**loglines)

    assert publishing_blockers(film) == []


def test_publishing_blockers_ignore_another_cohorts_gating_milestone():
    film = ready_film()
    MilestoneFactory(gates_publishing=True)

    assert publishing_blockers(film) == []


def test_screening_blockers_ignore_a_changes_requested_version_of_another_film():
    film = ready_film()
    gate = MilestoneFactory(cohort=film.cohort, gates_screening=True, deliverable_kind="video_link")
    SubmissionFactory(film=FilmFactory(cohort=film.cohort), milestone=gate, status="approved")
    SubmissionFactory(film=film, milestone=gate, status="changes_requested")

    assert len(screening_blockers(film)) == 1


def test_film_publish_view_refuses_and_says_what_is_missing(staff_client):
    film = ready_film(poster="")

    response = staff_client.post(reverse("workspace:film_publish", args=[film.pk]), follow=True)

    film.refresh_from_db()
    assert film.is_published is False
    assert "Add a poster." in [str(m) for m in response.context["messages"]]


def test_film_page_lists_the_blockers(staff_client):
    film = ready_film(title_zh="")

    response = staff_client.get(reverse("workspace:film", args=[film.pk]))

    assert response.context["publishing_blockers"] == ["Add the Chinese title."]
    assert "Add the Chinese title." in response.content.decode()


def test_film_publish_view_publishes_a_complete_film(staff_client):
    film = ready_film()

    staff_client.post(reverse("workspace:film_publish", args=[film.pk]))

    film.refresh_from_db()
    assert film.is_published is True
    assert film.published_at is not None


def test_film_unpublish_view_takes_the_film_off_the_site(staff_client):
    film = ready_film(is_published=True)

    staff_client.post(reverse("workspace:film_unpublish", args=[film.pk]))

    film.refresh_from_db()
    assert film.is_published is False


def test_adding_to_a_published_screening_is_refused_until_gating_milestones_approved(
    staff_client,
):
    film = ready_film()
    gate = MilestoneFactory(
        cohort=film.cohort, name_en="DCP", gates_screening=True, deliverable_kind="video_link"
    )
    screening = ScreeningFactory(cohort=film.cohort)
    url = reverse("workspace:screening_film_add", args=[screening.pk])

    refused = staff_client.post(url, {"film": film.pk})
    SubmissionFactory(film=film, milestone=gate, status="approved")
    accepted = staff_client.post(url, {"film": film.pk})

    assert refused.status_code == 400
    assert f"The milestone “{gate}” is not approved yet." in refused.content.decode()
    assert accepted.status_code == 302
    assert list(ScreeningFilm.objects.values_list("film_id", flat=True)) == [film.pk]


def test_screening_add_film_refuses_a_film_of_another_cohort(staff_client):
    screening = ScreeningFactory()
    stranger = ready_film()

    response = staff_client.post(
        reverse("workspace:screening_film_add", args=[screening.pk]), {"film": stranger.pk}
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ScreeningFilm.objects.exists()
