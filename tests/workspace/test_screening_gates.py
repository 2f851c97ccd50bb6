"""Screenings and the milestone gates (issue 13 §3): a film goes into a premiere lineup before
its delivery milestones are approved; publishing the screening is what the gates block, with
the list of what is missing; a published screening the public cannot see is flagged."""

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import Cohort
from screenings.models import Screening, ScreeningFilm
from tests.factories import (
    FilmFactory,
    MilestoneFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def _unready_film(cohort=None):
    film = FilmFactory(**({"cohort": cohort} if cohort else {}), title_en="The Cage")
    gate = MilestoneFactory(
        cohort=film.cohort, name_en="DCP", gates_screening=True, deliverable_kind="video_link"
    )
    return film, gate


def _screening_data(screening: Screening, **overrides) -> dict:
    local = timezone.localtime
    data = {
        "slug": screening.slug,
        "kind": screening.kind,
        "title_en": screening.title_en,
        "title_zh": screening.title_zh,
        "starts_at": local(screening.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": local(screening.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "venue": screening.venue_id or "",
    }
    return {**data, **overrides}


def test_a_film_goes_into_an_unpublished_lineup_before_its_milestones_are_approved(
    staff_client,
):
    film, _gate = _unready_film()
    screening = ScreeningFactory(cohort=film.cohort, is_published=False)

    response = staff_client.post(
        reverse("workspace:screening_film_add", args=[screening.pk]), {"film": film.pk}
    )

    assert response.status_code == 302
    assert list(ScreeningFilm.objects.values_list("film_id", flat=True)) == [film.pk]


def test_publishing_a_screening_is_refused_with_the_list_of_what_is_missing(staff_client):
    film, gate = _unready_film()
    screening = ScreeningFactory(cohort=film.cohort, is_published=False)
    ScreeningFilmFactory(screening=screening, film=film)

    response = staff_client.post(
        reverse("workspace:screening_edit", args=[screening.pk]),
        _screening_data(screening, is_published="on"),
    )

    screening.refresh_from_db()
    assert response.status_code == 400
    assert f"The Cage — The milestone “{gate}” is not approved yet." in response.text
    assert screening.is_published is False


def test_publishing_a_screening_succeeds_once_the_gates_are_approved(staff_client):
    film, gate = _unready_film()
    screening = ScreeningFactory(cohort=film.cohort, is_published=False)
    ScreeningFilmFactory(screening=screening, film=film)
    SubmissionFactory(film=film, milestone=gate, status="approved")

    response = staff_client.post(
        reverse("workspace:screening_edit", args=[screening.pk]),
        _screening_data(screening, is_published="on"),
    )

    screening.refresh_from_db()
    assert response.status_code == 302
    assert screening.is_published is True


def test_the_screening_page_lists_what_publishing_waits_for(staff_client):
    film, gate = _unready_film()
    screening = ScreeningFactory(cohort=film.cohort, is_published=False)
    ScreeningFilmFactory(screening=screening, film=film)

    response = staff_client.get(reverse("workspace:screening", args=[screening.pk]))

    assert response.context["publication_blockers"] == [
        f"The Cage — The milestone “{gate}” is not approved yet."
    ]


def test_a_published_screening_in_a_cohort_the_public_cannot_see_is_flagged(staff_client):
    screening = ScreeningFactory(cohort__status=Cohort.Status.PLANNING, is_published=True)

    page = staff_client.get(reverse("workspace:screening", args=[screening.pk])).text
    listing = staff_client.get(reverse("workspace:screenings", args=[screening.cohort.slug])).text

    flag = "Published, but the public cannot see this cohort yet"
    assert flag in page
    assert flag in listing


def test_a_published_screening_of_a_public_cohort_is_not_flagged(staff_client):
    screening = ScreeningFactory(is_published=True)

    page = staff_client.get(reverse("workspace:screening", args=[screening.pk])).text

    assert "the public cannot see this cohort" not in page
