"""rights.services: licences written through the model's rules, the check an online exhibition
makes (licence_require) and the once-only warning to staff 30 days before a licence ends."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from outbox.models import OutboxMessage
from rights.models import Licence, LicenceWarning
from rights.services import (
    WARNING_DAYS,
    licence_create,
    licence_require,
    licence_update,
    licence_warnings_send,
)
from tests.factories import FilmFactory, UserFactory
from tests.factories.rights import LicenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def festival_day(days: int, hour: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    moment = datetime.datetime.combine(day, datetime.time(hour))
    return timezone.make_aware(moment, timezone.get_default_timezone())


def test_licence_ending_before_it_starts_is_refused():
    film = FilmFactory()

    with pytest.raises(ValidationError, match="cannot end before it starts"):
        licence_create(
            film=film,
            licensor="Director",
            licensee="iQIYI",
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() - datetime.timedelta(days=1),
            covers_streaming=True,
        )

    assert Licence.objects.count() == 0


def test_a_licence_covering_nothing_is_refused_and_an_update_keeps_the_old_values():
    licence = LicenceFactory()

    with pytest.raises(ValidationError, match="at least one of streaming"):
        licence_update(licence=licence, covers_streaming=False)

    licence.refresh_from_db()
    assert licence.covers_streaming


def test_licence_require_wants_one_licence_of_the_medium_over_every_festival_day():
    licence = LicenceFactory(
        starts_on=timezone.localdate() + datetime.timedelta(days=1),
        ends_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    film = licence.film

    licence_require(film=film, medium="streaming", starts=festival_day(1), ends=festival_day(11))
    for medium, starts, ends in (
        ("festival", festival_day(1), festival_day(2)),
        ("streaming", festival_day(0, 23), festival_day(2)),
        ("streaming", festival_day(1), festival_day(11, 1)),
    ):
        with pytest.raises(ValidationError):
            licence_require(film=film, medium=medium, starts=starts, ends=ends)


def test_licence_require_says_which_medium_film_and_days_are_missing():
    film = FilmFactory(title_en="Going Home")

    with pytest.raises(ValidationError) as refused:
        licence_require(film=film, medium="broadcast", starts=festival_day(3), ends=festival_day(5))

    first, last = festival_day(3).date(), festival_day(4).date()
    assert refused.value.messages == [
        f"No Broadcast licence for Going Home covers {first} to {last}."
    ]


def test_staff_are_warned_once_thirty_days_before_a_licence_ends():
    staff = UserFactory(is_staff=True)
    UserFactory(is_staff=False)
    UserFactory(is_staff=True, is_active=False)
    today = timezone.localdate()
    ending = LicenceFactory(ends_on=today + datetime.timedelta(days=WARNING_DAYS))
    LicenceFactory(ends_on=today + datetime.timedelta(days=WARNING_DAYS + 1))

    first = licence_warnings_send(today=today)
    again = licence_warnings_send(today=today)

    assert (first, again) == (1, 0)
    message = OutboxMessage.objects.get()
    assert message.recipient == staff.email
    assert "iQIYI" in message.subject
    assert LicenceWarning.objects.get().licence == ending


def test_a_licence_extended_after_its_warning_is_warned_again_for_the_new_end():
    UserFactory(is_staff=True)
    today = timezone.localdate()
    licence = LicenceFactory(ends_on=today + datetime.timedelta(days=WARNING_DAYS))
    licence_warnings_send(today=today)

    licence_update(licence=licence, ends_on=licence.ends_on + datetime.timedelta(days=20))
    sent = licence_warnings_send(today=today + datetime.timedelta(days=20))

    assert sent == 1
    assert LicenceWarning.objects.filter(licence=licence).count() == 2
