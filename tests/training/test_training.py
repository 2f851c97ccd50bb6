"""Training sessions: invitations in each person's language, answers, attendance only for the
invited, private notes only for the film's team, its mentors and staff, the reminder the day
before (once), the personal calendar feed, the mentors' workload."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutboxMessage
from tests.factories import FilmFactory, SubmissionFactory
from tests.factories.portal import director_user
from tests.factories.training import SessionFactory
from training.models import Attendee, Session, SessionNote
from training.selectors import mentor_workload
from training.services import (
    attendance_record,
    calendar_feed_regenerate,
    session_create,
    session_note_add,
    session_reminders_send,
)


def beijing(days: int, hour: int = 14) -> datetime.datetime:
    return timezone.localtime().replace(
        hour=hour, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=days)


def create(world, **fields) -> Session:
    defaults = {
        "kind": "masterclass",
        "title_zh": "导演大师课",
        "title_en": "Directing masterclass",
        "starts_at": beijing(3),
        "ends_at": beijing(3, 17),
        "whole_cohort": True,
        "mentors": [world.panel_profile],
    }
    return session_create(cohort=world.cohort, **(defaults | fields))


def test_a_session_invites_the_films_people_and_its_mentors_in_their_language(world):
    world.director.preferred_language = "zh-hans"
    world.director.save()

    session = create(world)

    invited = set(session.attendees.values_list("user__email", flat=True))
    assert {world.director.email, world.producer.email, world.panel_member.email} <= invited
    assert world.other_cohort_director.email not in invited
    to_director = OutboxMessage.objects.get(recipient=world.director.email)
    to_producer = OutboxMessage.objects.get(recipient=world.producer.email)
    assert "导演大师课" in to_director.subject
    assert "Directing masterclass" in to_producer.subject


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"starts_at": beijing(-1), "ends_at": beijing(-1, 17)},
            "The session would start in the past.",
        ),
        ({"kind": "mentoring"}, "One-to-one mentoring is for exactly one film."),
        ({"whole_cohort": False}, "Choose the films it is for, or the whole cohort."),
    ],
    ids=["past", "mentoring-whole-cohort", "nobody"],
)
def test_bad_sessions_are_refused_and_nothing_saved(world, fields, message):
    with pytest.raises(ValidationError) as error:
        create(world, **fields)

    assert error.value.messages == [message]
    assert not Session.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_film_of_another_cohort_is_refused(world):
    foreign = FilmFactory(cohort=world.other_cohort, title_en="Elsewhere")

    with pytest.raises(ValidationError) as error:
        create(world, whole_cohort=False, films=[foreign])

    assert error.value.messages == ["Not films of this cohort: Elsewhere."]


def test_attendance_for_someone_not_invited_is_refused_naming_them(world):
    session = SessionFactory(cohort=world.cohort, starts_at=beijing(-1), ends_at=beijing(-1, 17))
    Attendee.objects.create(session=session, user=world.director, film=world.film)

    with pytest.raises(ValidationError) as error:
        attendance_record(
            session=session,
            attended_user_ids={world.director.pk, world.unrelated_mentor.pk},
            invited_ids={world.director.pk},
        )

    assert error.value.messages == [f"Not invited to this session: {world.unrelated_mentor.pk}."]
    assert Attendee.objects.get().attended is None


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
    session = create(world)
    client.force_login(world.director)

    response = client.post(
        reverse("portal:session_respond", kwargs={"session_id": session.pk}),
        {"response": "declined"},
    )

    assert response.status_code == 302
    assert session.attendees.get(user=world.director).response == "declined"


def test_private_notes_reach_the_team_the_mentors_and_staff_only(client, world):
    session = create(world)
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


def test_a_note_on_a_film_outside_the_session_is_refused(world):
    session = create(world, whole_cohort=False, films=[world.film])
    other = FilmFactory(cohort=world.cohort)

    with pytest.raises(ValidationError):
        session_note_add(session=session, film=other, author=world.staff, body="x")

    assert not SessionNote.objects.exists()


def test_the_reminder_goes_the_day_before_once_and_not_to_who_declined(world):
    session = create(world, starts_at=beijing(1), ends_at=beijing(1, 17))
    session.attendees.filter(user=world.producer).update(response="declined")
    OutboxMessage.objects.all().delete()

    first = session_reminders_send()
    second = session_reminders_send()

    reminded = set(OutboxMessage.objects.values_list("recipient", flat=True))
    assert first == session.attendees.count() - 1
    assert second == 0
    assert world.director.email in reminded
    assert world.producer.email not in reminded


def test_the_reminder_counts_tomorrow_in_beijing_not_in_utc(world):
    # 00:30 in Beijing on day N is still day N-1 in UTC.
    late = timezone.localtime().replace(hour=0, minute=30, second=0, microsecond=0)
    session = SessionFactory(
        cohort=world.cohort, starts_at=late + datetime.timedelta(days=1, hours=10)
    )
    Attendee.objects.create(session=session, user=world.director, film=world.film)

    sent = session_reminders_send(now=late)

    assert sent == 1


def test_the_calendar_feed_lists_sessions_and_due_dates_and_can_be_regenerated(client, world):
    world.director.preferred_language = "en"
    world.director.save()
    world.document_milestone.due_date = timezone.localdate() + datetime.timedelta(days=9)
    world.document_milestone.save()
    session = create(world)
    token = calendar_feed_regenerate(user=world.director)
    url = reverse("portal:calendar_feed", kwargs={"token": token})

    feed = client.get(url)
    new_token = calendar_feed_regenerate(user=world.director)
    old = client.get(url)
    new = client.get(reverse("portal:calendar_feed", kwargs={"token": new_token}))

    body = feed.content.decode()
    assert feed["Content-Type"].startswith("text/calendar")
    assert f"UID:session-{session.pk}@" in body
    assert "SUMMARY:Directing masterclass" in body
    assert f"milestone-{world.document_milestone.pk}-film-{world.film.pk}" in body
    assert old.status_code == 404
    assert new.status_code == 200


def test_the_mentor_workload_counts_sessions_reviews_and_films(world, django_assert_num_queries):
    SessionFactory(cohort=world.cohort, starts_at=beijing(-2), ends_at=beijing(-2, 17)).mentors.add(
        world.panel_profile
    )
    SubmissionFactory(
        film=world.film,
        milestone=world.document_milestone,
        video_url="https://x.example/1",
        status="approved",
        reviewed_by=world.panel_member,
    )

    with django_assert_num_queries(1):
        rows = {m.pk: m for m in mentor_workload(world.cohort)}

    panel = rows[world.panel_profile.pk]
    producer = rows[world.film.producer_id]
    assert (
        panel.sessions_held,
        panel.reviews_done,
        panel.reviews_waiting,
        panel.films_followed,
    ) == (1, 1, 1, 0)
    assert (producer.sessions_held, producer.reviews_waiting, producer.films_followed) == (0, 1, 1)


SIZES = pytest.mark.parametrize("films", [4, 40], ids=["4-films", "40-films"])


@SIZES
def test_the_sessions_pages_run_a_fixed_number_of_queries(
    client, world, films, django_assert_num_queries
):
    for _ in range(films - 1):
        director_user(FilmFactory(cohort=world.cohort))
    session = create(world)
    client.force_login(world.staff)

    with django_assert_num_queries(8):
        client.get(reverse("workspace:sessions", kwargs={"slug": world.cohort.slug}))
    with django_assert_num_queries(11):
        client.get(reverse("workspace:session", kwargs={"session_id": session.pk}))
    with django_assert_num_queries(6):
        client.get(reverse("workspace:mentor_workload", kwargs={"slug": world.cohort.slug}))
