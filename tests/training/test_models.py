"""training.models: a session ends after it starts and has a title in some language; a person
is invited once; a cancelled session says so."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from tests.factories.training import SessionFactory, beijing
from training.models import Attendee, Session


def test_a_session_that_ends_before_it_starts_is_refused(world):
    session = Session(
        cohort=world.cohort, title_en="Backwards", starts_at=beijing(3, 17), ends_at=beijing(3)
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.messages == ["The session must end after it starts."]


def test_a_session_without_any_title_is_refused(world):
    session = Session(cohort=world.cohort, starts_at=beijing(3), ends_at=beijing(3, 17))

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.messages == ["Give a title in at least one language."]


def test_the_title_is_shown_in_the_readers_language(world):
    session = SessionFactory(cohort=world.cohort, title_zh="剪辑工作坊", title_en="Editing")

    assert str(session) == "Editing"


def test_a_session_is_cancelled_once_it_has_a_cancellation_time(world):
    session = SessionFactory(cohort=world.cohort)

    before = session.is_cancelled
    session.cancelled_at = timezone.now()

    assert (before, session.is_cancelled) == (False, True)


def test_a_person_is_invited_once_to_a_session(world):
    session = SessionFactory(cohort=world.cohort)
    Attendee.objects.create(session=session, user=world.director)

    with pytest.raises(IntegrityError):
        Attendee.objects.create(session=session, user=world.director)
