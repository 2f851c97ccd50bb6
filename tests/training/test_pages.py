"""The training pages in the portal and the workspace: answering, attendance by the session's
mentor, private notes, the feed at its secret address, staff changing and cancelling a
session, and fixed query counts for 4 and 40 films."""

import pytest
from django.urls import reverse

from outbox.models import OutboxMessage
from tests.factories import FilmFactory
from tests.factories.portal import director_user
from tests.factories.training import SessionFactory, beijing, world_masterclass
from training.models import Attendee, Session
from training.services import calendar_feed_regenerate, session_cancel, session_note_add


def test_a_mentor_records_attendance_in_the_portal(client, world):
    session = SessionFactory(cohort=world.cohort, starts_at=beijing(-1), ends_at=beijing(-1, 17))
    session.mentors.add(world.panel_profile)
    Attendee.objects.create(session=session, user=world.director, film=world.film)
    client.force_login(world.panel_member)
    url = reverse("portal:session_attendance", kwargs={"session_id": session.pk})

    ok = client.post(url, {"attended": [world.director.pk]})
    stranger = client.post(url, {"attended": [world.unrelated_mentor.pk]})

    assert ok.status_code == 302
    assert Attendee.objects.get().attended is True
    assert stranger.status_code == 400
    assert (
        f"{world.unrelated_mentor.pk} is not invited to this session." in stranger.content.decode()
    )


def test_a_director_answers_an_invitation(client, world):
    session = world_masterclass(world)
    client.force_login(world.director)

    response = client.post(
        reverse("portal:session_respond", kwargs={"session_id": session.pk}),
        {"response": "declined"},
    )

    assert response.status_code == 302
    assert session.attendees.get(user=world.director).response == "declined"


def test_private_notes_reach_the_team_the_mentors_and_staff_only(client, world):
    session = world_masterclass(world)
    session_note_add(
        session=session, film=world.film, author=world.panel_member, body="Recast the lead."
    )
    neighbour = director_user(FilmFactory(cohort=world.cohort))
    Attendee.objects.get_or_create(session=session, user=neighbour)
    url = reverse("portal:session", kwargs={"session_id": session.pk})

    seen = {}
    for name, user in {
        "director": world.director,
        "producer": world.producer,
        "panel": world.panel_member,
        "neighbour": neighbour,
    }.items():
        client.force_login(user)
        seen[name] = "Recast the lead." in client.get(url).content.decode()
    client.force_login(world.staff)
    seen["staff"] = (
        "Recast the lead."
        in client.get(
            reverse("workspace:session", kwargs={"session_id": session.pk})
        ).content.decode()
    )

    assert seen == {
        "director": True,
        "producer": True,
        "panel": True,
        "neighbour": False,
        "staff": True,
    }


def test_the_calendar_feed_answers_at_its_address_until_a_new_one_is_made(client, world):
    world_masterclass(world)
    token = calendar_feed_regenerate(user=world.director)
    url = reverse("portal:calendar_feed", kwargs={"token": token})

    feed = client.get(url)
    new_token = calendar_feed_regenerate(user=world.director)
    old = client.get(url)
    new = client.get(reverse("portal:calendar_feed", kwargs={"token": new_token}))

    assert feed["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Directing masterclass" in feed.content.decode()
    assert old.status_code == 404
    assert new.status_code == 200


# --- Staff change and cancel a session -----------------------------------------------------


def form_data(session: Session, **changes) -> dict:
    data = {
        "kind": session.kind,
        "title_zh": session.title_zh,
        "title_en": session.title_en,
        "starts_at": session.starts_at.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": session.ends_at.strftime("%Y-%m-%dT%H:%M"),
        "venue_en": session.venue_en,
        "whole_cohort": "on" if session.whole_cohort else "",
        "mentors": [m.pk for m in session.mentors.all()],
    }
    return {key: value for key, value in (data | changes).items() if value != ""}


def test_staff_move_a_session_and_its_people_are_told(client, world):
    session = world_masterclass(world)
    OutboxMessage.objects.all().delete()
    client.force_login(world.staff)
    url = reverse("workspace:session_edit", kwargs={"session_id": session.pk})

    form = client.get(url)
    response = client.post(url, form_data(session, venue_en="Studio 2"))

    assert form.status_code == 200
    assert response.status_code == 302
    assert Session.objects.get().venue_en == "Studio 2"
    assert OutboxMessage.objects.filter(recipient=world.director.email).count() == 1


def test_a_change_into_the_past_is_refused_on_the_form(client, world):
    session = world_masterclass(world)
    client.force_login(world.staff)

    response = client.post(
        reverse("workspace:session_edit", kwargs={"session_id": session.pk}),
        form_data(
            session,
            starts_at=beijing(-1).strftime("%Y-%m-%dT%H:%M"),
            ends_at=beijing(-1, 17).strftime("%Y-%m-%dT%H:%M"),
        ),
    )

    assert response.status_code == 400
    assert "The session would start in the past." in response.content.decode()
    assert Session.objects.get().starts_at == session.starts_at


def test_staff_cancel_a_session_and_the_portal_shows_it_cancelled(client, world):
    session = world_masterclass(world)
    client.force_login(world.staff)

    response = client.post(
        reverse("workspace:session_cancel", kwargs={"session_id": session.pk}),
        {"note": "The instructor is ill."},
    )
    again = client.post(reverse("workspace:session_cancel", kwargs={"session_id": session.pk}))
    client.force_login(world.director)
    page = client.get(reverse("portal:session", kwargs={"session_id": session.pk})).content
    listed = client.get(reverse("portal:sessions")).content.decode()

    assert response.status_code == 302
    assert again.status_code == 400
    assert "This session was cancelled. The instructor is ill." in page.decode()
    assert "Your answer" not in page.decode()
    assert "Cancelled" in listed


def test_a_cancelled_session_offers_neither_change_nor_cancel(client, world):
    session = world_masterclass(world)
    session_cancel(session=session)
    client.force_login(world.staff)

    page = client.get(reverse("workspace:session", kwargs={"session_id": session.pk}))

    content = page.content.decode()
    assert reverse("workspace:session_edit", kwargs={"session_id": session.pk}) not in content
    assert reverse("workspace:session_cancel", kwargs={"session_id": session.pk}) not in content


SIZES = pytest.mark.parametrize("films", [4, 40], ids=["4-films", "40-films"])


@SIZES
def test_the_sessions_pages_run_a_fixed_number_of_queries(
    client, world, films, django_assert_num_queries
):
    for _ in range(films - 1):
        director_user(FilmFactory(cohort=world.cohort))
    session = world_masterclass(world)
    client.force_login(world.staff)

    with django_assert_num_queries(6):
        client.get(reverse("workspace:sessions", kwargs={"slug": world.cohort.slug}))
    with django_assert_num_queries(9):
        client.get(reverse("workspace:session", kwargs={"session_id": session.pk}))
    with django_assert_num_queries(4):
        client.get(reverse("workspace:mentor_workload", kwargs={"slug": world.cohort.slug}))


@SIZES
def test_the_portal_sessions_page_runs_a_fixed_number_of_queries(
    client, world, films, django_assert_num_queries
):
    for _ in range(films):
        world_masterclass(world)
    client.force_login(world.director)

    with django_assert_num_queries(6):
        client.get(reverse("portal:sessions"))


def test_staff_pick_a_producer_with_each_mentors_load_in_view(client, world):
    client.force_login(world.staff)
    producer = world.film.producer

    page = client.get(reverse("workspace:film", kwargs={"film_id": world.film.pk}))

    content = page.content.decode()
    assert f"{producer} · follows 1 films, 1 reviews waiting, 0 sessions held" in content
    assert reverse("workspace:mentor_workload", kwargs={"slug": world.cohort.slug}) in content
