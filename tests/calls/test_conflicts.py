"""Conflicts of interest declared by a reviewer with a person by email, before any application
reaches them: the page, staff seeing it, automatic assignment and the 404 respecting it."""

import pytest
from django.conf import settings
from django.test import Client

from calls.models import Assignment, Conflict
from calls.services.review import (
    assignment_auto,
    conflict_declare,
    conflicted_pairs,
    reviewer_add,
    reviewer_drop,
)
from tests.factories import UserFactory
from tests.factories.calls import ApplicationFactory, ReviewerFactory, call_world

pytestmark = pytest.mark.django_db


def english(client: Client) -> Client:
    # The reviewer's pages are unprefixed: they speak the language cookie's language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_reviewer_declares_a_conflict_by_email_and_never_gets_that_application():
    world = call_world()
    friend = UserFactory(email="Friend@Example.org")
    application = ApplicationFactory(call=world.call, applicant=friend, round=world.scoring)
    seat = world.assignment.reviewer
    client = english(Client())
    client.force_login(world.reviewer)

    page = client.get(f"/review/calls/{world.call.pk}/conflicts/")
    posted = client.post(
        f"/review/calls/{world.call.pk}/conflicts/",
        {"email": "friend@example.ORG", "reason": "My cousin"},
    )
    assignment_auto(round=world.scoring)

    assert page.status_code == 200
    assert "Declare a conflict with a person" in page.content.decode()
    assert posted.status_code == 302
    conflict = Conflict.objects.get(reviewer=seat, reason="My cousin")
    assert conflict.email == "friend@example.org"
    assert not conflict.declared_by_staff
    assert (seat.pk, application.pk) in conflicted_pairs(world.call)
    assert not Assignment.objects.filter(reviewer=seat, application=application).exists()
    assert Assignment.objects.filter(application=application).count() >= 1


def test_a_conflict_by_email_moves_an_existing_assignment_and_hides_it_with_a_404():
    world = call_world()
    seat = world.assignment.reviewer
    ReviewerFactory(call=world.call)
    client = english(Client())
    client.force_login(world.reviewer)
    assignment_id = world.assignment.pk

    conflict_declare(reviewer=seat, email=world.applicant.email.upper(), reason="Old friend")

    assert not Assignment.objects.filter(pk=assignment_id).exists()
    assert not Assignment.objects.filter(reviewer=seat, application=world.application).exists()
    stale = Assignment.objects.create(
        round=world.scoring, application=world.application, reviewer=seat
    )
    assert client.get(f"/review/{stale.pk}/").status_code == 404
    assert world.application.title_en not in client.get("/review/").content.decode()


def test_a_second_declaration_or_a_bad_address_is_refused_with_400_and_nothing_saved():
    world = call_world()
    client = english(Client())
    client.force_login(world.reviewer)
    url = f"/review/calls/{world.call.pk}/conflicts/"
    client.post(url, {"email": "someone@example.org", "reason": "Colleague"})

    again = client.post(url, {"email": "Someone@example.org", "reason": "Colleague"})
    bad = client.post(url, {"email": "not an address", "reason": "x"})

    assert again.status_code == 400
    assert "already declared" in again.content.decode()
    assert bad.status_code == 400
    assert Conflict.objects.filter(email="someone@example.org").count() == 1


def test_staff_see_every_declared_conflict_on_the_reviewers_page():
    world = call_world()
    conflict_declare(
        reviewer=world.assignment.reviewer, email="neighbour@example.org", reason="Neighbour"
    )
    client = Client()
    client.force_login(UserFactory(is_staff=True))

    page = client.get(f"/en/workspace/calls/{world.call.pk}/reviewers/").content.decode()

    assert "neighbour@example.org" in page
    assert "Neighbour" in page
    # The call world's conflicted reviewer declared one on an application.
    assert "A friend" in page


def test_a_reviewer_of_another_call_cannot_open_this_calls_conflicts_page():
    world = call_world()
    elsewhere = ReviewerFactory()
    client = Client()
    client.force_login(elsewhere.user)

    page = client.get(f"/review/calls/{world.call.pk}/conflicts/")

    assert page.status_code == 404


def test_the_signed_in_menu_links_the_review_area_for_reviewers_only():
    world = call_world()
    reviewer, applicant = english(Client()), english(Client())
    reviewer.force_login(world.reviewer)
    applicant.force_login(world.applicant)

    shown = reviewer.get("/portal/sessions/").content.decode()
    hidden = applicant.get("/portal/sessions/").content.decode()
    reviewer_drop(reviewer=world.assignment.reviewer)
    after_drop = reviewer.get("/portal/sessions/").content.decode()

    assert 'href="/review/"' in shown
    assert 'href="/review/"' not in hidden
    assert 'href="/review/"' not in after_drop


def test_adding_a_reviewer_flags_the_account_for_the_menu():
    world = call_world()
    person = UserFactory()

    reviewer_add(call=world.call, user=person, kind="panel")

    person.refresh_from_db()
    assert person.reviews_calls
