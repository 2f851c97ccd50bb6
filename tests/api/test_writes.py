"""The token endpoints that write: enrolments and their status, a film's public information
(the staff-approval rule for published films holds), screening lineups (the milestone gate
holds); submissions read without their confidential parts. All through the domain services."""

import json

import pytest
from django.urls import reverse

from films.models import Film, FilmRevision
from talents.models import Enrollment
from tests.factories import (
    CohortFactory,
    EnrollmentFactory,
    FilmFactory,
    MilestoneFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    SubmissionFactory,
    TalentFactory,
)
from tests.factories.api import api_token, bearer, token_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def raw():
    return api_token()[1]


def send(client, method, name, raw, body=None, **kwargs):
    return client.generic(
        method,
        reverse(f"api:{name}", kwargs=kwargs or None),
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        **bearer(raw),
    )


def test_enrolment_is_created_and_its_status_changed(client, raw):
    talent, cohort = TalentFactory(), CohortFactory()

    created = send(
        client, "POST", "enrollments", raw, {"talent": talent.slug, "edition": cohort.slug}
    )
    enrollment_id = created.json()["id"]
    changed = send(
        client, "PATCH", "enrollment", raw, {"status": "active"}, enrollment_id=enrollment_id
    )

    assert created.status_code == 201
    assert changed.status_code == 200
    assert Enrollment.objects.get(pk=enrollment_id).status == Enrollment.Status.ACTIVE


def test_enrolment_twice_in_one_edition_is_400_not_500(client, raw):
    enrollment = EnrollmentFactory()

    response = send(
        client,
        "POST",
        "enrollments",
        raw,
        {"talent": enrollment.talent.slug, "edition": enrollment.cohort.slug},
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_enrolment_status_must_be_a_known_one(client, raw):
    enrollment = EnrollmentFactory()

    response = send(
        client, "PATCH", "enrollment", raw, {"status": "expelled"}, enrollment_id=enrollment.pk
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["status"]


def test_enrolments_filter_by_edition_and_status(client, raw):
    kept = EnrollmentFactory(status=Enrollment.Status.ACTIVE)
    EnrollmentFactory(cohort=kept.cohort, status=Enrollment.Status.WITHDRAWN)
    EnrollmentFactory(status=Enrollment.Status.ACTIVE)

    response = client.get(
        reverse("api:enrollments"), {"edition": kept.cohort.slug, "status": "active"}, **bearer(raw)
    )

    assert [row["id"] for row in response.json()["results"]] == [kept.pk]


@pytest.mark.parametrize("count", [1, 10])
def test_enrolment_list_query_count_is_fixed(client, raw, django_assert_num_queries, count):
    for _ in range(count):
        EnrollmentFactory()

    # the token's (its person, its use, its last use), count, page
    with django_assert_num_queries(token_queries() + 2):
        response = client.get(reverse("api:enrollments"), **bearer(raw))

    assert response.json()["count"] == count


def test_change_to_an_unpublished_film_applies_at_once(client, raw):
    film = FilmFactory(is_published=False, title_en="The Cage")

    response = send(client, "PATCH", "film_info", raw, {"title_en": "Cage"}, film_id=film.pk)

    assert response.status_code == 200
    assert response.json()["pending_revision"] is None
    assert Film.objects.get(pk=film.pk).title_en == "Cage"


def test_change_to_a_published_film_waits_for_staff_approval(client, raw):
    film = FilmFactory(is_published=True, title_en="The Cage")

    response = send(client, "PATCH", "film_info", raw, {"title_en": "Cage"}, film_id=film.pk)

    revision = FilmRevision.objects.get()
    assert response.status_code == 202
    assert response.json()["pending_revision"] == revision.pk
    assert revision.proposed == {"title_en": "Cage"}
    assert Film.objects.get(pk=film.pk).title_en == "The Cage"


def test_film_information_takes_only_the_public_fields(client, raw):
    film = FilmFactory(is_published=False)

    response = send(
        client, "PATCH", "film_info", raw, {"is_published": True, "genre": "opera"}, film_id=film.pk
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["genre"]
    assert Film.objects.get(pk=film.pk).is_published is False


def test_film_joins_a_lineup_only_when_its_gating_milestones_are_approved(client, raw):
    screening = ScreeningFactory()
    film = FilmFactory(cohort=screening.cohort)
    milestone = MilestoneFactory(cohort=screening.cohort, gates_screening=True)

    refused = send(client, "POST", "lineup", raw, {"film": film.pk}, screening_id=screening.pk)
    SubmissionFactory(film=film, milestone=milestone, status="approved")
    accepted = send(
        client, "POST", "lineup", raw, {"film": film.pk, "order": 3}, screening_id=screening.pk
    )

    assert refused.status_code == 400
    assert str(milestone) in json.dumps(refused.json(), ensure_ascii=False)
    assert accepted.status_code == 201
    assert [(row["film"], row["order"]) for row in accepted.json()] == [(film.pk, 3)]


def test_lineup_refuses_a_film_of_another_edition_and_an_unknown_film(client, raw):
    screening = ScreeningFactory()
    other = FilmFactory()

    wrong_edition = send(
        client, "POST", "lineup", raw, {"film": other.pk}, screening_id=screening.pk
    )
    unknown = send(client, "POST", "lineup", raw, {"film": 999999}, screening_id=screening.pk)

    assert (wrong_edition.status_code, unknown.status_code) == (400, 400)


def test_lineup_entry_moves_and_is_removed(client, raw):
    entry = ScreeningFilmFactory(order=1)
    kwargs = {"screening_id": entry.screening_id, "entry_id": entry.pk}

    moved = send(client, "PATCH", "lineup_entry", raw, {"order": 5}, **kwargs)
    removed = send(client, "DELETE", "lineup_entry", raw, **kwargs)

    assert moved.json()["order"] == 5
    assert removed.status_code == 204
    assert not entry.screening.entries.exists()


def test_submissions_show_reviews_but_never_the_confidential_deliverable(client, raw):
    submission = SubmissionFactory(
        status="changes_requested", feedback="Shorter, please.", access_code="s3cret"
    )

    response = client.get(reverse("api:submissions"), **bearer(raw))

    row = response.json()["results"][0]
    assert (row["id"], row["status"], row["feedback"]) == (
        submission.pk,
        "changes_requested",
        "Shorter, please.",
    )
    text = response.content.decode()
    assert "s3cret" not in text
    assert submission.video_url not in text
