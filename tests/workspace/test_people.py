import pytest
from django.urls import reverse

from invitations.models import Invitation
from mentors.models import Mentor
from outbox.models import OutboxMessage
from programs.models import Partner
from screenings.models import Venue
from talents.models import Talent
from tests.factories import (
    MentorFactory,
    PartnerFactory,
    TalentFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def test_talent_create_saves_a_talent(staff_client):
    response = staff_client.post(
        reverse("workspace:talent_create"),
        {"slug": "chen-linpeng", "name_original": "陈林鹏", "name_latin": "Chen Linpeng"},
    )

    assert response["Location"] == reverse("workspace:talents")
    assert Talent.objects.get(slug="chen-linpeng").name_original == "陈林鹏"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"slug": "x", "name_original": "", "name_latin": ""}, "Give the name in at least"),
        ({"slug": "", "name_latin": "A"}, "This field is required."),
        ({"slug": "a b", "name_latin": "A"}, "Enter a valid “slug”"),
        ({"slug": "x", "name_latin": "A" * 121}, "at most 120 characters"),
        ({"slug": "x", "name_latin": "A", "birth_year": "old"}, "Enter a whole number."),
        ({"slug": "x", "name_latin": "A", "email": "not-an-email"}, "Enter a valid email"),
    ],
)
def test_talent_create_answers_bad_input_and_saves_nothing(staff_client, data, message):
    response = staff_client.post(reverse("workspace:talent_create"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Talent.objects.exists()


def test_talent_create_refuses_a_duplicate_slug(staff_client):
    TalentFactory(slug="chen-linpeng")

    response = staff_client.post(
        reverse("workspace:talent_create"), {"slug": "chen-linpeng", "name_latin": "Other"}
    )

    assert response.status_code == 400
    assert "Talent with this Slug already exists." in response.content.decode()
    assert Talent.objects.count() == 1


def test_talent_edit_saves_changes(staff_client):
    talent = TalentFactory()

    staff_client.post(
        reverse("workspace:talent_edit", args=[talent.pk]),
        {"slug": talent.slug, "name_latin": "New Name", "bio_en": "Now a director."},
    )

    talent.refresh_from_db()
    assert (talent.name_latin, talent.bio_en) == ("New Name", "Now a director.")


def test_talent_list_searches_by_name(staff_client):
    TalentFactory(name_latin="Zhou Jinghao")
    TalentFactory(name_latin="Huang Xiaopeng")

    response = staff_client.get(reverse("workspace:talents"), {"q": "zhou"})

    assert [t.name_latin for t in response.context["talents"]] == ["Zhou Jinghao"]


def test_mentor_create_and_edit(staff_client):
    staff_client.post(
        reverse("workspace:mentor_create"), {"slug": "yang-cheng", "name_latin": "Yang Cheng"}
    )
    mentor = Mentor.objects.get(slug="yang-cheng")
    staff_client.post(
        reverse("workspace:mentor_edit", args=[mentor.pk]),
        {"slug": "yang-cheng", "name_latin": "Yang Cheng", "title_en": "Producer"},
    )

    mentor.refresh_from_db()
    assert mentor.title_en == "Producer"


def test_mentor_create_refuses_no_name(staff_client):
    response = staff_client.post(reverse("workspace:mentor_create"), {"slug": "nobody"})

    assert response.status_code == 400
    assert "Give the name in at least one script." in response.content.decode()
    assert not Mentor.objects.exists()


def test_partner_create_and_edit(staff_client):
    staff_client.post(
        reverse("workspace:partner_create"),
        {"slug": "cinerent", "name_en": "CINERENT", "service_category": "equipment"},
    )
    partner = Partner.objects.get(slug="cinerent")
    staff_client.post(
        reverse("workspace:partner_edit", args=[partner.pk]),
        {"slug": "cinerent", "name_en": "CINERENT", "service_category": "sound"},
    )

    partner.refresh_from_db()
    assert partner.service_category == "sound"


def test_partner_create_refuses_an_unknown_service(staff_client):
    PartnerFactory(slug="taken")

    response = staff_client.post(
        reverse("workspace:partner_create"),
        {"slug": "taken", "name_en": "X", "service_category": "catering"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice." in html
    assert "Partner with this Slug already exists." in html


def test_venue_create_and_edit(staff_client):
    staff_client.post(
        reverse("workspace:venue_create"), {"slug": "hall", "name_en": "Hall", "capacity": "300"}
    )
    venue = Venue.objects.get(slug="hall")
    staff_client.post(
        reverse("workspace:venue_edit", args=[venue.pk]),
        {"slug": "hall", "name_en": "Hall", "capacity": "350"},
    )

    venue.refresh_from_db()
    assert venue.capacity == 350


def test_venue_create_refuses_a_negative_capacity(staff_client):
    VenueFactory()

    response = staff_client.post(
        reverse("workspace:venue_create"), {"slug": "hall", "name_en": "Hall", "capacity": "-1"}
    )

    assert response.status_code == 400
    assert "greater than or equal to 0" in response.content.decode()
    assert not Venue.objects.filter(slug="hall").exists()


def test_talent_invite_sends_the_portal_invitation(staff_client, staff):
    talent = TalentFactory(email="lin@example.org")

    response = staff_client.post(
        reverse("workspace:talent_invite", args=[talent.pk]),
        {"email": "lin@example.org", "language": "zh-hans"},
    )

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert (invitation.talent, invitation.invited_by, invitation.language) == (
        talent,
        staff,
        "zh-hans",
    )
    assert OutboxMessage.objects.get().recipient == "lin@example.org"


def test_mentor_invite_refuses_a_mentor_with_an_account(staff_client):
    mentor = MentorFactory(user=UserFactory())

    response = staff_client.post(
        reverse("workspace:mentor_invite", args=[mentor.pk]),
        {"email": "m@example.org", "language": "en"},
    )

    assert response.status_code == 400
    assert "already has an account" in response.content.decode()
    assert not Invitation.objects.exists()


def test_talent_invite_refuses_a_bad_address(staff_client):
    talent = TalentFactory()

    response = staff_client.post(
        reverse("workspace:talent_invite", args=[talent.pk]), {"email": "nope", "language": "en"}
    )

    assert response.status_code == 400
    assert not Invitation.objects.exists()
