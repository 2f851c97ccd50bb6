"""Which panel roles review and approve is the cohort's decision (issue 13 §3): by default the
supervisor and instructors do and the curator does not; a seat whose role does not review sees
no film in the portal."""

import pytest
from django.urls import reverse

from films.access import films_reviewed_by
from mentors.models import PanelMembership
from mentors.selectors import reviewing_panel_seats
from tests.factories import CohortFactory, FilmFactory, PanelMembershipFactory
from tests.factories.portal import mentor_user

pytestmark = pytest.mark.django_db


def _seat(cohort, role: str):
    profile, user = mentor_user()
    PanelMembershipFactory(cohort=cohort, mentor=profile, role=role)
    return user


def test_by_default_the_curator_does_not_review():
    cohort = CohortFactory()
    curator = _seat(cohort, PanelMembership.Role.CURATOR)
    instructor = _seat(cohort, PanelMembership.Role.INSTRUCTOR)
    film = FilmFactory(cohort=cohort)

    assert list(films_reviewed_by(curator)) == []
    assert list(films_reviewed_by(instructor)) == [film]


def test_a_cohort_can_let_the_curator_review_and_keep_instructors_out():
    cohort = CohortFactory(panel_curator_reviews=True, panel_instructors_review=False)
    curator = _seat(cohort, PanelMembership.Role.CURATOR)
    instructor = _seat(cohort, PanelMembership.Role.INSTRUCTOR)
    film = FilmFactory(cohort=cohort)

    assert list(films_reviewed_by(curator)) == [film]
    assert list(films_reviewed_by(instructor)) == []
    assert [seat.role for seat in reviewing_panel_seats(cohort_id=cohort.pk)] == ["curator"]


def test_staff_decide_the_reviewing_roles_on_the_cohort_form(staff_client):
    cohort = CohortFactory()
    data = {
        "program": cohort.program_id,
        "slug": cohort.slug,
        "year": cohort.year,
        "edition_en": cohort.edition_en,
        "training_start": cohort.training_start,
        "training_end": cohort.training_end,
        "status": cohort.status,
        "panel_supervisor_reviews": "on",
        "panel_curator_reviews": "on",
    }

    staff_client.post(reverse("workspace:cohort_edit", args=[cohort.slug]), data)

    cohort.refresh_from_db()
    assert (
        cohort.panel_supervisor_reviews,
        cohort.panel_instructors_review,
        cohort.panel_curator_reviews,
    ) == (True, False, True)
