"""training.selectors: who may read which notes, a person's sessions and due dates, the
sessions a person may open, and the mentors' workload in one query."""

import datetime

from django.utils import timezone

from tests.factories import FilmFactory, SubmissionFactory
from tests.factories.portal import director_user
from tests.factories.training import SessionFactory, beijing, world_masterclass
from training.models import Attendee
from training.selectors import (
    mentor_workload,
    notes_visible_to,
    session_for_user,
    sessions_of_cohort,
    user_due_dates,
)
from training.services import session_note_add


def test_notes_are_visible_to_the_films_team_and_mentors_and_staff(world):
    session = world_masterclass(world)
    note = session_note_add(session=session, film=world.film, author=world.staff, body="Tempo.")
    neighbour = director_user(FilmFactory(cohort=world.cohort))

    seen = {
        name: list(notes_visible_to(session, user))
        for name, user in {
            "director": world.director,
            "producer": world.producer,
            "staff": world.staff,
            "neighbour": neighbour,
        }.items()
    }

    assert seen == {"director": [note], "producer": [note], "staff": [note], "neighbour": []}


def test_a_session_opens_only_for_who_is_invited_or_teaches(world):
    session = SessionFactory(cohort=world.cohort)
    session.mentors.add(world.panel_member.mentor_profile)
    Attendee.objects.create(session=session, user=world.director, film=world.film)

    found = {
        user.email: session_for_user(user, session.pk)
        for user in (world.director, world.panel_member, world.unrelated_mentor)
    }

    assert found == {
        world.director.email: session,
        world.panel_member.email: session,
        world.unrelated_mentor.email: None,
    }


def test_the_due_dates_are_from_today_on_for_the_films_the_person_directs(world):
    world.document_milestone.due_date = timezone.localdate() + datetime.timedelta(days=9)
    world.document_milestone.save()
    world.video_milestone.due_date = timezone.localdate() - datetime.timedelta(days=1)
    world.video_milestone.save()

    due = user_due_dates(world.director)

    pairs = {(d.film, d.milestone) for d in due}
    assert (world.film, world.document_milestone) in pairs
    assert (world.film, world.video_milestone) not in pairs
    assert {d.film for d in due} == {world.film}
    assert user_due_dates(world.unrelated_mentor) == []


def test_the_cohorts_sessions_count_the_invited_and_attending(world):
    session = world_masterclass(world)
    session.attendees.filter(user=world.director).update(response="attending")

    listed = list(sessions_of_cohort(world.cohort))

    assert [(s.pk, s.attending, s.invited) for s in listed] == [
        (session.pk, 1, session.attendees.count())
    ]


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
