"""Who is told what (issue 13 §3): the panel seats whose role reviews in the cohort hear of
a submission, the curator by default does not; the portal says who was told, and only them;
staff who open the portal with nothing there are sent to the workspace."""

from django.core import mail
from django.urls import reverse

from mentors.models import PanelMembership
from tests.factories import PanelMembershipFactory, UserFactory, pdf_bytes
from tests.factories.portal import mentor_user
from tests.portal.test_submissions import post_file


def test_the_curator_hears_of_no_submission_unless_the_cohort_lets_curators_review(
    client, world, django_capture_on_commit_callbacks
):
    curator_profile, _curator = mentor_user(full_name="Cu Rator")
    PanelMembershipFactory(
        cohort=world.film.cohort, mentor=curator_profile, role=PanelMembership.Role.CURATOR
    )
    client.force_login(world.director)

    with django_capture_on_commit_callbacks(execute=True):
        post_file(client, world, world.document_milestone, pdf_bytes())

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([world.producer.email, world.panel_member.email])


def test_the_message_names_the_producer_and_panel_when_both_are_told(client, world):
    client.force_login(world.director)

    posted = post_file(client, world, world.document_milestone, pdf_bytes())
    response = client.get(posted["Location"])

    assert "Submitted. Your producer and the panel are notified." in response.text


def test_the_message_does_not_claim_the_panel_when_no_seat_reviews(client, world):
    world.film.cohort.panel_instructors_review = False
    world.film.cohort.save()
    client.force_login(world.director)

    posted = post_file(client, world, world.document_milestone, pdf_bytes())
    response = client.get(posted["Location"])

    assert "Submitted. Your producer is notified." in response.text
    assert "the panel" not in response.text


def test_the_message_says_nobody_was_told_when_nobody_could_be(client, world):
    world.film.cohort.panel_instructors_review = False
    world.film.cohort.save()
    world.film.producer = None
    world.film.save()
    client.force_login(world.director)

    posted = post_file(client, world, world.document_milestone, pdf_bytes())
    response = client.get(posted["Location"])

    assert "Nobody has been told yet" in response.text


def test_staff_who_open_the_portal_home_with_no_profile_are_sent_to_the_workspace(client, db):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(reverse("portal:home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:home")
