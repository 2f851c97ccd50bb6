import pytest
from django.urls import reverse

from alumni.models import AlumniEntry
from tests.factories.alumni import AlumniEntryFactory, graduate

pytestmark = pytest.mark.django_db


@pytest.fixture
def alumnus(world, client):
    graduate(world.film)
    client.force_login(world.director)
    return world.film.director


def proposal(world, **fields) -> dict:
    return {
        "kind": "selection",
        "year": "2024",
        "film": world.film.pk,
        "festival_en": "Clermont-Ferrand",
        "section_en": "International Competition",
        "publish": "on",
        **fields,
    }


def test_an_alumnus_proposes_an_entry_that_waits_for_staff(client, world, alumnus):
    response = client.post(reverse("portal:alumni"), proposal(world), follow=True)

    entry = AlumniEntry.objects.get()
    assert (entry.status, entry.talent, entry.proposed_by) == ("proposed", alumnus, world.director)
    assert entry.is_public is False
    assert "The program office checks the entry before it can be public." in response.text


def test_a_proposal_about_a_later_work_needs_its_title(client, world, alumnus):
    data = proposal(world, film="", kind="feature_debut", festival_en="")

    response = client.post(reverse("portal:alumni"), data)

    assert response.status_code == 400
    assert "Choose the program film or give the work&#x27;s title." in response.text
    assert AlumniEntry.objects.count() == 0


def test_an_alumnus_cannot_name_a_film_that_is_not_theirs(client, world, alumnus):
    neighbour = world.cohort.films.exclude(pk=world.film.pk).first()

    response = client.post(reverse("portal:alumni"), proposal(world, film=neighbour.pk))

    assert response.status_code == 400
    assert AlumniEntry.objects.count() == 0


def test_a_director_who_has_not_graduated_has_no_alumni_record(client, world):
    client.force_login(world.director)

    response = client.get(reverse("portal:alumni"))

    assert response.status_code == 404


def test_the_alumnus_withdraws_consent_at_once(client, world, alumnus):
    entry = AlumniEntryFactory(film=world.film)

    client.post(reverse("portal:alumni_consent", kwargs={"entry_id": entry.pk}), {})

    entry.refresh_from_db()
    assert entry.is_public is False


def test_the_alumnus_gives_consent_again(client, world, alumnus):
    entry = AlumniEntryFactory(film=world.film, publish=False)

    client.post(reverse("portal:alumni_consent", kwargs={"entry_id": entry.pk}), {"publish": "on"})

    entry.refresh_from_db()
    assert entry.is_public is True


def test_nobody_changes_the_consent_of_another_alumnus(client, world, alumnus):
    other = world.cohort.films.exclude(pk=world.film.pk).first()
    graduate(other)
    entry = AlumniEntryFactory(film=other)

    response = client.post(reverse("portal:alumni_consent", kwargs={"entry_id": entry.pk}), {})

    entry.refresh_from_db()
    assert response.status_code == 404
    assert entry.is_public is True


def test_the_portal_home_leads_an_alumnus_to_their_record(client, world, alumnus):
    response = client.get(reverse("portal:home"))

    assert reverse("portal:alumni") in response.text
