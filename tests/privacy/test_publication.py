"""Each person chooses which personal fields the public site shows (the publish_* flags);
tests/public/test_pages.py covers birth year, hometown and links of directors."""

import pytest

from tests.factories import FilmFactory, MentorFactory, PanelMembershipFactory, TalentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("consented", [False, True])
def test_director_headshot_is_public_only_with_consent(client, consented):
    talent = TalentFactory(
        headshot="headshots/face.jpg", headshot_alt_en="Portrait", publish_headshot=consented
    )
    FilmFactory(director=talent)

    response = client.get(talent.get_absolute_url())

    assert ("headshots/face.jpg" in response.text) is consented


@pytest.mark.parametrize("consented", [False, True])
def test_mentor_photo_and_links_are_public_only_with_consent(client, consented):
    mentor = MentorFactory(
        email="mentor-private@example.org",
        photo="mentors/face.jpg",
        photo_alt_en="Portrait",
        links=[{"label": "Site", "url": "https://mentor.example.org"}],
        publish_photo=consented,
        publish_links=consented,
    )
    PanelMembershipFactory(mentor=mentor)

    response = client.get(mentor.get_absolute_url())

    assert ("mentors/face.jpg" in response.text) is consented
    assert ("https://mentor.example.org" in response.text) is consented
    assert "mentor-private@example.org" not in response.text


def test_director_contact_email_is_never_public(client):
    talent = TalentFactory(email="dana-private@example.org", publish_links=True)
    FilmFactory(director=talent)

    response = client.get(talent.get_absolute_url())

    assert "dana-private@example.org" not in response.text
