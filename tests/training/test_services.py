"""training.services: invitations in each person's language, changes and cancellations told to
the people invited, answers, attendance only for the invited, notes only on the session's
films, the reminder the day before (once), the calendar feed's secret address."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from outbox.models import OutboxMessage
from tests.factories import FilmFactory
from tests.factories.portal import director_user
from tests.factories.training import SessionFactory, beijing, world_masterclass
from training.models import Attendee, CalendarFeed, Session, SessionNote
from training.services import (
    attendance_record,
    attendee_respond,
    calendar_feed_regenerate,
    feed_token_hash,
    session_cancel,
    session_note_add,
    session_reminders_send,
    session_update,
)


def test_a_session_invites_the_films_people_and_its_mentors_in_their_language(world):
    world.director.preferred_language = "zh-hans"
    world.director.save()

    session = world_masterclass(world)

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
        world_masterclass(world, **fields)

    assert error.value.messages == [message]
    assert not Session.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_film_of_another_cohort_is_refused(world):
    foreign = FilmFactory(cohort=world.other_cohort, title_en="Elsewhere")

    with pytest.raises(ValidationError) as error:
        world_masterclass(world, whole_cohort=False, films=[foreign])

    assert error.value.messages == ["Not films of this cohort: Elsewhere."]


# --- Changing and cancelling ---------------------------------------------------------------


def update(session: Session, **fields) -> Session:
    """session_update with the session's current values, changed by `fields` (as the form)."""
    current = {
        name: getattr(session, name)
        for name in (
            "kind",
            "title_zh",
            "title_en",
            "starts_at",
            "ends_at",
            "venue_zh",
            "venue_en",
            "online_url",
            "whole_cohort",
        )
    }
    current |= {"films": list(session.films.all()), "mentors": list(session.mentors.all())}
    fresh = Session.objects.get(pk=session.pk)
    return session_update(session=fresh, **(current | fields))


def test_a_new_time_is_told_to_everyone_invited_in_their_language(world):
    world.director.preferred_language = "zh-hans"
    world.director.save()
    session = world_masterclass(world)
    OutboxMessage.objects.all().delete()

    update(session, starts_at=beijing(4, 9), ends_at=beijing(4, 12))

    told = {m.recipient: m.subject for m in OutboxMessage.objects.all()}
    assert set(told) == set(session.attendees.values_list("user__email", flat=True))
    assert told[world.director.email].startswith("变更")
    assert told[world.producer.email].startswith("Changed: Directing masterclass")
    assert beijing(4, 9).strftime("%Y-%m-%d 09:00") in told[world.producer.email]
    assert Session.objects.get().sequence == 1


def test_a_new_place_is_told_and_a_new_title_alone_is_not(world):
    session = world_masterclass(world)
    OutboxMessage.objects.all().delete()

    update(session, title_en="Directing actors")
    after_title = OutboxMessage.objects.count()
    update(session, venue_en="Studio 2", online_url="https://meet.example.org/x")

    body = OutboxMessage.objects.get(recipient=world.director.email).body_text
    assert after_title == 0
    assert "Studio 2" in body
    assert "https://meet.example.org/x" in body


def test_a_new_day_sends_the_reminder_again(world):
    session = world_masterclass(world, starts_at=beijing(1), ends_at=beijing(1, 17))
    session_reminders_send()

    update(session, starts_at=beijing(2), ends_at=beijing(2, 17))

    assert not session.attendees.filter(reminded_at__isnull=False).exists()


def test_people_a_change_no_longer_concerns_are_told_and_uninvited(world):
    neighbour_film = FilmFactory(cohort=world.cohort)
    neighbour = director_user(neighbour_film)
    session = world_masterclass(world, whole_cohort=False, films=[world.film, neighbour_film])
    OutboxMessage.objects.all().delete()

    update(session, films=[world.film])

    assert not session.attendees.filter(user=neighbour).exists()
    message = OutboxMessage.objects.get(recipient=neighbour.email)
    assert message.subject.startswith("No longer expected: Directing masterclass")
    assert not OutboxMessage.objects.filter(recipient=world.director.email).exists()


def test_people_a_change_adds_are_invited(world):
    neighbour_film = FilmFactory(cohort=world.cohort)
    neighbour = director_user(neighbour_film)
    session = world_masterclass(world, whole_cohort=False, films=[world.film])
    OutboxMessage.objects.all().delete()

    update(session, films=[world.film, neighbour_film])

    assert session.attendees.filter(user=neighbour).exists()
    assert OutboxMessage.objects.get().subject.startswith("Invitation: Directing masterclass")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"starts_at": beijing(-1), "ends_at": beijing(-1, 17)},
            "The session would start in the past.",
        ),
        ({"whole_cohort": False, "films": []}, "Choose the films it is for, or the whole cohort."),
    ],
    ids=["into-the-past", "nobody"],
)
def test_a_bad_change_is_refused_and_nothing_saved_or_sent(world, fields, message):
    session = world_masterclass(world)
    OutboxMessage.objects.all().delete()

    with pytest.raises(ValidationError) as error:
        update(session, **fields)

    assert error.value.messages == [message]
    assert Session.objects.get().starts_at == session.starts_at
    assert Session.objects.get().whole_cohort is True
    assert not OutboxMessage.objects.exists()


def test_a_started_or_cancelled_session_cannot_be_changed(world):
    started = SessionFactory(cohort=world.cohort, starts_at=beijing(0, 0), ends_at=beijing(5))
    cancelled = world_masterclass(world)
    session_cancel(session=cancelled)

    with pytest.raises(ValidationError) as on_started:
        update(started, title_en="Later")
    with pytest.raises(ValidationError) as on_cancelled:
        update(cancelled, title_en="Later")

    assert on_started.value.messages == ["This session has started; it can no longer be changed."]
    assert on_cancelled.value.messages == ["This session was cancelled."]


def test_a_cancellation_is_told_to_everyone_invited_with_the_note(world):
    world.producer.preferred_language = "zh-hans"
    world.producer.save()
    session = world_masterclass(world)
    OutboxMessage.objects.all().delete()

    session_cancel(session=session, note="The instructor is ill.")

    told = {m.recipient: m for m in OutboxMessage.objects.all()}
    assert set(told) == set(session.attendees.values_list("user__email", flat=True))
    assert told[world.director.email].subject.startswith("Cancelled: Directing masterclass")
    assert "The instructor is ill." in told[world.director.email].body_text
    assert told[world.producer.email].subject.startswith("已取消")
    assert Session.objects.get().is_cancelled
    assert Session.objects.get().sequence == 1


def test_a_session_cancelled_twice_or_over_is_refused(world):
    session = world_masterclass(world)
    session_cancel(session=session)
    over = SessionFactory(cohort=world.cohort, starts_at=beijing(-2), ends_at=beijing(-2, 17))

    with pytest.raises(ValidationError) as again:
        session_cancel(session=session)
    with pytest.raises(ValidationError) as past:
        session_cancel(session=over)

    assert again.value.messages == ["This session was cancelled."]
    assert past.value.messages == ["This session is over."]
    assert not Session.objects.get(pk=over.pk).is_cancelled


def test_a_cancelled_session_takes_no_answer_attendance_or_reminder(world):
    session = world_masterclass(world, starts_at=beijing(1), ends_at=beijing(1, 17))
    session_cancel(session=session)
    attendee = session.attendees.get(user=world.director)

    with pytest.raises(ValidationError) as answered:
        attendee_respond(attendee=attendee, response="attending")

    assert answered.value.messages == ["This session was cancelled."]
    assert session_reminders_send() == 0


# --- Answers, attendance, notes ------------------------------------------------------------


def test_an_answer_other_than_attending_or_declined_is_refused(world):
    session = world_masterclass(world)
    attendee = session.attendees.get(user=world.director)

    with pytest.raises(ValidationError):
        attendee_respond(attendee=attendee, response="pending")

    assert Attendee.objects.get(pk=attendee.pk).response == "pending"


def test_attendance_for_someone_not_invited_is_refused_naming_them(world):
    session = SessionFactory(cohort=world.cohort, starts_at=beijing(-1), ends_at=beijing(-1, 17))
    Attendee.objects.create(session=session, user=world.director, film=world.film)
    stranger = world.unrelated_mentor

    with pytest.raises(ValidationError) as error:
        attendance_record(
            session=session,
            attended_user_ids={world.director.pk, stranger.pk},
            invited_ids={world.director.pk},
        )

    assert error.value.messages == [
        f"Not invited to this session: {stranger.full_name or stranger.email}."
    ]
    assert Attendee.objects.get().attended is None


def test_attendance_before_the_session_starts_is_refused(world):
    session = world_masterclass(world)
    invited = set(session.attendees.values_list("user_id", flat=True))

    with pytest.raises(ValidationError) as error:
        attendance_record(session=session, attended_user_ids=invited, invited_ids=invited)

    assert error.value.messages == ["Attendance is recorded once the session has started."]


def test_a_note_on_a_film_outside_the_session_is_refused(world):
    session = world_masterclass(world, whole_cohort=False, films=[world.film])
    other = FilmFactory(cohort=world.cohort)

    with pytest.raises(ValidationError):
        session_note_add(session=session, film=other, author=world.staff, body="x")

    assert not SessionNote.objects.exists()


# --- The reminder --------------------------------------------------------------------------


def test_the_reminder_goes_the_day_before_once_and_not_to_who_declined(world):
    session = world_masterclass(world, starts_at=beijing(1), ends_at=beijing(1, 17))
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


# --- The calendar feed's address -----------------------------------------------------------


def test_a_new_feed_address_replaces_the_old_and_only_its_hash_is_kept(world):
    first = calendar_feed_regenerate(user=world.director)

    second = calendar_feed_regenerate(user=world.director)

    feed = CalendarFeed.objects.get(user=world.director)
    assert feed.token_hash == feed_token_hash(second)
    assert feed.token_hash != feed_token_hash(first)
    assert second not in feed.token_hash
