"""Every workspace URL × anonymous, a director, a mentor, staff. The URL list comes from the
resolver, so a URL added without a row here fails `test_access_declares_every_workspace_url`."""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.urls import get_resolver, reverse

from tests.factories import (
    EnrollmentFactory,
    PanelMembershipFactory,
    PartnerFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    SubmissionFactory,
    UserFactory,
    VenueFactory,
)
from tests.factories.portal import RevisionFactory, director_user, mentor_user

pytestmark = pytest.mark.django_db

# url name → the staff member's answer to a GET (405: the URL takes only POST).
WORKSPACE_URLS = {
    "home": 200,
    "cohort_create": 200,
    "cohort": 200,
    "timeline": 200,
    "cohort_edit": 200,
    "schedule_copy": 200,
    "roster": 200,
    "enrol": 405,
    "panel_add": 405,
    "film_create": 200,
    "cohort_partners": 200,
    "announcements": 200,
    "screenings": 200,
    "screening_create": 200,
    "export_roster": 200,
    "export_matrix": 200,
    "export_lineup": 200,
    "enrollment_status": 405,
    "panel_remove": 405,
    "film": 200,
    "film_edit": 200,
    "film_producer": 200,
    "film_publish": 405,
    "film_unpublish": 405,
    "submission": 200,
    "revisions": 200,
    "revision": 200,
    "screening": 200,
    "screening_edit": 200,
    "screening_film_add": 405,
    "screening_entry": 200,
    "screening_entry_remove": 405,
    "talents": 200,
    "talent_create": 200,
    "talent_edit": 200,
    "talent_invite": 200,
    "mentors": 200,
    "mentor_create": 200,
    "mentor_edit": 200,
    "mentor_invite": 200,
    "partners": 200,
    "partner_create": 200,
    "partner_edit": 200,
    "venues": 200,
    "venue_create": 200,
    "venue_edit": 200,
}
ROLES = ["anonymous", "director", "mentor", "staff"]


def workspace_url_names() -> set[str]:
    """The names under the "workspace" namespace, wherever config/urls.py mounts it."""
    names = set()
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", []):
            if getattr(inner, "namespace", None) == "workspace":
                names |= {p.name for p in inner.url_patterns}
    return names


@dataclass
class World:
    kwargs: dict
    director: object
    mentor: object
    staff: object


@pytest.fixture
def world():
    submission = SubmissionFactory()
    film = submission.film
    cohort = film.cohort
    screening = ScreeningFactory(cohort=cohort)
    entry = ScreeningFilmFactory(screening=screening, film=film)
    mentor_profile, mentor = mentor_user()
    membership = PanelMembershipFactory(cohort=cohort, mentor=mentor_profile)
    enrollment = EnrollmentFactory(cohort=cohort)
    return World(
        kwargs={
            "slug": cohort.slug,
            "film_id": film.pk,
            "submission_id": submission.pk,
            "enrollment_id": enrollment.pk,
            "membership_id": membership.pk,
            "revision_id": RevisionFactory(film=film).pk,
            "screening_id": screening.pk,
            "entry_id": entry.pk,
            "talent_id": film.director.pk,
            "mentor_id": mentor_profile.pk,
            "partner_id": PartnerFactory().pk,
            "venue_id": VenueFactory().pk,
        },
        director=director_user(film),
        mentor=mentor,
        staff=UserFactory(is_staff=True),
    )


def url_for(name: str, world: World) -> str:
    pattern = next(p for p in _patterns() if p.name == name)
    wanted = pattern.pattern.converters.keys()
    return reverse(f"workspace:{name}", kwargs={key: world.kwargs[key] for key in wanted})


def _patterns():
    from workspace.urls import urlpatterns

    return urlpatterns


def test_access_declares_every_workspace_url():
    assert workspace_url_names() == set(WORKSPACE_URLS)


@pytest.mark.parametrize("name", sorted(WORKSPACE_URLS))
@pytest.mark.parametrize("role", ROLES)
def test_access_workspace_url_answers_by_role(client, world, name, role):
    url = url_for(name, world)
    if role != "anonymous":
        client.force_login(getattr(world, role))

    response = client.get(url)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={url}"
    elif role == "staff":
        assert response.status_code == WORKSPACE_URLS[name]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(
    "name", sorted(name for name, status in WORKSPACE_URLS.items() if status == 405)
)
@pytest.mark.parametrize("role", ["director", "mentor"])
def test_access_workspace_post_by_non_staff_is_404(client, world, name, role):
    client.force_login(getattr(world, role))

    response = client.post(url_for(name, world), {"status": "withdrawn"})

    assert response.status_code == 404


def test_access_deactivated_staff_is_sent_to_login(client, world):
    client.force_login(world.staff)
    world.staff.is_active = False
    world.staff.save()

    response = client.get(reverse("workspace:home"))

    assert response.status_code == 302
