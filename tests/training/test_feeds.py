"""training.feeds: a person's calendar as iCalendar text — their sessions (not the declined or
cancelled ones), with a SEQUENCE that grows at each change, and their films' due dates."""

import datetime

from django.utils import timezone

from tests.factories.training import beijing, world_masterclass
from training.feeds import calendar_feed
from training.models import Session
from training.services import session_cancel, session_update


def test_the_feed_lists_sessions_and_due_dates(world):
    world.document_milestone.due_date = timezone.localdate() + datetime.timedelta(days=9)
    world.document_milestone.save()
    session = world_masterclass(world)

    body = calendar_feed(world.director)

    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert f"UID:session-{session.pk}@" in body
    assert "SUMMARY:Directing masterclass" in body
    assert f"milestone-{world.document_milestone.pk}-film-{world.film.pk}" in body


def test_a_declined_session_is_left_out(world):
    session = world_masterclass(world)
    session.attendees.filter(user=world.director).update(response="declined")

    assert f"UID:session-{session.pk}@" not in calendar_feed(world.director)


def test_a_moved_session_comes_with_its_new_time_and_a_higher_sequence(world):
    session = world_masterclass(world)
    before = calendar_feed(world.director)
    fresh = Session.objects.get(pk=session.pk)

    session_update(
        session=fresh,
        kind=session.kind,
        title_en=session.title_en,
        title_zh=session.title_zh,
        starts_at=beijing(5, 9),
        ends_at=beijing(5, 11),
        whole_cohort=True,
        mentors=list(session.mentors.all()),
    )
    after = calendar_feed(world.director)

    new_start = beijing(5, 9).astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert "SEQUENCE:0" in before
    assert "SEQUENCE:1" in after
    assert f"DTSTART:{new_start}" in after


def test_a_cancelled_session_leaves_the_feed(world):
    session = world_masterclass(world)

    session_cancel(session=session)

    body = calendar_feed(world.director)
    assert f"UID:session-{session.pk}@" not in body
    assert "STATUS:CANCELLED" not in body


def test_long_lines_are_folded_at_75_octets(world):
    world_masterclass(world, description_en="Long " * 40)

    body = calendar_feed(world.director)

    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
